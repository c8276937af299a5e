//! A long message cut down to what herald's own rules and notes read of it, so that a
//! history of long messages (pull requests' descriptions squashed into each commit) is
//! held by its headers and footers, not by every body.

use super::{Kind, Message};

/// git's revert line, which names the reverted commit wherever it stands.
const REVERT_LINE: &str = "This reverts commit ";

impl Message {
    /// The message without its body, when that is shorter: the header line, then git's line
    /// naming a reverted commit when the body holds it, then the footers as written
    /// (a breaking change's continuation lines and paragraphs included), each part one
    /// blank line from the next. Parsed again, it gives the same kind, header, footers
    /// (all but their spans) and reverted commit; only [`Message::body`] is lost.
    ///
    /// It is a clean message: git's whitespace cleanup leaves it as it is.
    pub fn summary(&self) -> Option<String> {
        if self.kind == Kind::Empty {
            return None;
        }
        let text: &str = &self.text;
        let header_end = text.find('\n')?;
        let footers_start = self.footers.first().map_or(text.len(), |f| f.span.start);
        let header = &text[..header_end];
        // A header of nothing but (Unicode) whitespace would read as an empty message.
        if header.trim().is_empty() {
            return None;
        }
        let mut summary = header.to_string();
        // Only the first revert line counts (`reverted_commit`); one in the header or the
        // footers is kept with them. From the body, the line is kept from git's words on:
        // what comes before them could read as a footer's token.
        if let Some(at) = text.find(REVERT_LINE) {
            if (header_end..footers_start).contains(&at) {
                let end = text[at..]
                    .find('\n')
                    .map_or(text.len(), |newline| at + newline);
                summary.push_str("\n\n");
                summary.push_str(&text[at..end]);
            }
        }
        if footers_start < text.len() {
            summary.push_str("\n\n");
            summary.push_str(&text[footers_start..]);
        }
        (summary.len() < text.len()).then_some(summary)
    }
}

/// What herald's rules and notes read of a message: everything but the body and the
/// footers' spans. A summary must read the same (the tests and the fuzz target hold it).
pub fn what_rules_read(message: &Message) -> impl PartialEq + std::fmt::Debug + use<> {
    use super::{Footer, Separator};
    let footers: Vec<(String, Separator, String)> = message
        .footers
        .iter()
        .map(
            |Footer {
                 token,
                 separator,
                 value,
                 ..
             }| (token.clone(), *separator, value.clone()),
        )
        .collect();
    (
        message.kind.clone(),
        message.header.clone(),
        message.header_line().to_string(),
        message.description_or_header().to_string(),
        message
            .breaking_notes()
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>(),
        message.is_breaking(),
        footers,
        message.reverted.clone(),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{Cleanup, CommentPrefix, clean, parse};
    use super::what_rules_read;

    fn read(text: &str) -> impl PartialEq + std::fmt::Debug {
        what_rules_read(&parse(text))
    }

    fn summary(text: &str) -> Option<String> {
        parse(text).summary()
    }

    #[test]
    fn the_body_is_left_out_and_what_the_rules_read_kept() {
        let cases = [
            (
                "feat(api)!: new endpoints\n\nA long body\nover lines.\n\nMore body.\n\nRefs: #12\nBREAKING CHANGE: the old ones\ngo away",
                "feat(api)!: new endpoints\n\nRefs: #12\nBREAKING CHANGE: the old ones\ngo away",
            ),
            // A breaking change above the last paragraph keeps what follows it.
            (
                "fix: a\n\nbody\nBREAKING CHANGE: first\n\nsecond paragraph of it\n\nRefs: #3",
                "fix: a\n\nBREAKING CHANGE: first\n\nsecond paragraph of it\n\nRefs: #3",
            ),
            // git's revert line is kept from the body.
            (
                "Revert \"feat: a\"\n\nThis reverts commit 0123456789abcdef.\n\nBecause it broke the build.",
                "Revert \"feat: a\"\n\nThis reverts commit 0123456789abcdef.",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(summary(text).unwrap(), expected);
            assert_eq!(read(expected), read(text), "{text:?}");
        }
        assert_eq!(
            parse(cases[2].1).reverted.as_deref(),
            Some("0123456789abcdef")
        );
    }

    #[test]
    fn nothing_shorter_is_no_summary() {
        for text in ["feat: a", "feat: a\n\nRefs: #1", "", "Merge branch 'x'"] {
            assert_eq!(summary(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn a_summary_reads_as_the_message_does(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "feat: a", "fix(界面)!: b", "Revert \"feat: a\"", "Merge branch 'x'",
                    "\n", "\n\n", " ", "body", "Refs: #1", "Closes #2", "BREAKING CHANGE: x",
                    "BREAKING CHANGE:", "BREAKING-CHANGE: y", "Token: v", "This reverts commit ",
                    "abcdef12", ".", "é", "\u{2028}", "\r",
                ]),
                0..16,
            ),
        ) {
            // A stored message is clean: git cleaned it, and herald reads it as git does.
            let text = clean(&pieces.concat(), Cleanup::Whitespace, &CommentPrefix::default());
            let text = text.trim_end_matches('\n');
            if let Some(summary) = summary(text) {
                prop_assert!(summary.len() < text.len());
                prop_assert_eq!(read(&summary), read(text), "summary {:?}", summary);
            }
        }
    }
}
