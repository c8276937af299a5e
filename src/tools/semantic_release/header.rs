//! The presets' header patterns, matched by hand. Every message's header goes through one
//! of them, and the regex engine's capture search was a sixth of a long range's time.
//! [`groups`] gives exactly the regex's three groups (a property test holds it to the
//! regex); any other pattern, or a header holding a character JavaScript's `.` does not
//! match, still goes to the regex.

use regex::Regex;

use crate::tools::node::jsregex;

/// What may stand between the scope and `: `.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bang {
    /// angular: `^(\w*)(?:\((.*)\))?: (.*)$`
    Never,
    /// conventionalcommits: `^(\w*)(?:\((.*)\))?!?: (.*)$`
    Optional,
    /// conventionalcommits' breaking header: `^(\w*)(?:\((.*)\))?!: (.*)$`
    Required,
}

/// The patterns matched by hand, as the presets write them.
pub const KNOWN: [(&str, Bang); 3] = [
    (r"^(\w*)(?:\((.*)\))?: (.*)$", Bang::Never),
    (r"^(\w*)(?:\((.*)\))?!?: (.*)$", Bang::Optional),
    (r"^(\w*)(?:\((.*)\))?!: (.*)$", Bang::Required),
];

/// A header's match: found by hand, or by the regex.
pub enum Found<'h> {
    /// A known pattern's three groups (it has no named ones).
    Groups([Option<&'h str>; 3]),
    Captures(regex::Captures<'h>),
}

impl<'h> Found<'h> {
    /// Group `index` (from 1), `None` when it took no part.
    pub fn get(&self, index: usize) -> Option<&'h str> {
        match self {
            Found::Groups(groups) => groups.get(index.checked_sub(1)?).copied().flatten(),
            Found::Captures(captures) => captures.get(index).map(|m| m.as_str()),
        }
    }

    /// The group named `name`; a known pattern has none.
    pub fn name(&self, name: &str) -> Option<&'h str> {
        match self {
            Found::Groups(_) => None,
            Found::Captures(captures) => captures.name(name).map(|m| m.as_str()),
        }
    }
}

/// The pattern's match on `header`.
pub fn captures<'h>(pattern: &Regex, header: &'h str) -> Option<Found<'h>> {
    match known(pattern) {
        Some(bang) if !header.contains(['\n', '\r', '\u{2028}', '\u{2029}']) => {
            groups(header, bang).map(Found::Groups)
        }
        _ => pattern.captures(header).map(Found::Captures),
    }
}

fn known(pattern: &Regex) -> Option<Bang> {
    static TRANSLATED: std::sync::OnceLock<Vec<(String, Bang)>> = std::sync::OnceLock::new();
    let translated = TRANSLATED.get_or_init(|| {
        KNOWN
            .iter()
            .map(|(source, bang)| {
                let rust = jsregex::translate(source).expect("a built-in pattern translates");
                (rust, *bang)
            })
            .collect()
    });
    let source = pattern.as_str();
    translated
        .iter()
        .find(|(rust, _)| rust == source)
        .map(|(_, bang)| *bang)
}

/// The match of a known pattern on a header without line terminators, where `.` is any
/// character. `\w*` takes the longest ASCII word (what follows must be `(`, `!` or `:`,
/// so it never gives any back); the greedy `(.*)` makes the scope end at the last `)`
/// after which the rest matches; without such a `)` the optional group is skipped.
fn groups(header: &str, bang: Bang) -> Option<[Option<&str>; 3]> {
    let word = header
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let (kind, rest) = header.split_at(word);
    if let Some(inside) = rest.strip_prefix('(') {
        let scoped = inside.rmatch_indices(')').find_map(|(end, _)| {
            let subject = after_separator(&inside[end + 1..], bang)?;
            Some([Some(kind), Some(&inside[..end]), Some(subject)])
        });
        if scoped.is_some() {
            return scoped;
        }
    }
    let subject = after_separator(rest, bang)?;
    Some([Some(kind), None, Some(subject)])
}

/// The text after `: ` (with the `!` the pattern asks for, or may take).
fn after_separator(text: &str, bang: Bang) -> Option<&str> {
    let banged = text.strip_prefix("!:").and_then(|t| t.strip_prefix(' '));
    let plain = text.strip_prefix(": ");
    match bang {
        Bang::Never => plain,
        Bang::Optional => banged.or(plain),
        Bang::Required => banged,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::tools::semantic_release::parser::pattern;

    type Groups<'h> = Vec<Option<&'h str>>;

    fn by_regex<'h>(regex: &Regex, header: &'h str) -> Option<Groups<'h>> {
        let found = regex.captures(header)?;
        Some(
            found
                .iter()
                .skip(1)
                .map(|m| m.map(|m| m.as_str()))
                .collect(),
        )
    }

    fn by_hand<'h>(regex: &Regex, header: &'h str) -> Option<Groups<'h>> {
        let found = captures(regex, header)?;
        Some((1..=3).map(|i| found.get(i)).collect())
    }

    #[test]
    fn the_presets_patterns_are_known() {
        for (source, bang) in KNOWN {
            assert_eq!(known(&pattern(source, false)), Some(bang), "{source}");
        }
        assert_eq!(known(&pattern(r"^(\w*): (.*)$", false)), None);
    }

    #[test]
    fn headers_where_the_scope_is_greedy() {
        let angular = pattern(KNOWN[0].0, false);
        for header in [
            "feat(a): b (c): d",
            "feat(): x",
            "(x): y",
            ": y",
            "feat(a)!: x",
            "feat!: x",
            "feat(a): ",
            "feat(a):x",
            "feat-x: y",
            "fëat: y",
        ] {
            assert_eq!(
                by_hand(&angular, header),
                by_regex(&angular, header),
                "{header}"
            );
        }
        assert_eq!(
            by_hand(&angular, "feat(a): b (c): d"),
            Some(vec![Some("feat"), Some("a): b (c"), Some("d")])
        );
    }

    const PIECES: &[&str] = &[
        "feat", "fix", "_", "9", "é", "(", ")", "!", ":", " ", ": ", "): ", ")!: ", "()", "a b",
        "\r", "\u{2028}", "\t", "-", "ß",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_hand_match_is_the_regexs(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..10),
            which in 0..KNOWN.len(),
        ) {
            let header = pieces.concat();
            let regex = pattern(KNOWN[which].0, false);
            prop_assert_eq!(by_hand(&regex, &header), by_regex(&regex, &header), "{:?}", header);
            if !header.contains(['\r', '\u{2028}']) {
                let hand = groups(&header, KNOWN[which].1).map(|g| g.to_vec());
                prop_assert_eq!(hand, by_regex(&regex, &header), "{:?}", header);
            }
        }
    }
}
