//! Text for a POSIX shell: the commands herald prints for people to copy and run.

/// Quotes a word for a POSIX shell when it needs it: branch and tag names may hold `$`,
/// `;`, `&`, `(`, quotes and other characters a shell would act on.
pub fn quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn only_what_needs_quoting_is_quoted() {
        assert_eq!(quote("release/v1.3.0"), "release/v1.3.0");
        assert_eq!(
            quote("/tmp/a b/COMMIT_EDITMSG"),
            "'/tmp/a b/COMMIT_EDITMSG'"
        );
        assert_eq!(quote("rel$(id)"), "'rel$(id)'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }
}
