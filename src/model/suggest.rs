//! "Did you mean …?": the known word nearest to a mistyped one, with one measure and one
//! threshold wherever herald suggests (configuration keys, commit types, scopes).

/// How alike two words must be (Jaro-Winkler similarity) for one to be suggested for the
/// other: `scopes_` → `scopes`, `fature` → `feature`, but not `docs` → `fix`.
const THRESHOLD: f64 = 0.8;

/// The candidate nearest to `word`, if any is near enough.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_near_words() {
        let known = ["scopes", "types", "require_scope"];
        assert_eq!(closest("scopes_", known), Some("scopes"));
        assert_eq!(closest("tpyes", known), Some("types"));
        assert_eq!(closest("colour", known), None);
    }
}
