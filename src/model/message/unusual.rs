//! Characters that stand where a header needs plain ASCII and are hard to see: a full-width
//! colon or parenthesis typed with a CJK input method, a no-break space, a zero-width
//! space or a byte order mark pasted along, U+FFFD standing for bytes that were not UTF-8.
//! A person cannot tell `fix：x` from `fix: x` on screen, so the diagnostic names them.

/// What an unusual character is, and what belongs in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusual {
    /// Looks like this ASCII character and is taken for it.
    Lookalike(char),
    /// Takes no room on screen.
    Invisible,
    /// U+FFFD: the message had bytes that are not UTF-8 here.
    Replacement,
}

/// Every character herald recognises, with its Unicode name.
const TABLE: &[(char, &str, Unusual)] = &[
    ('\u{00A0}', "NO-BREAK SPACE", Unusual::Lookalike(' ')),
    ('\u{00AD}', "SOFT HYPHEN", Unusual::Invisible),
    (
        '\u{01C3}',
        "LATIN LETTER RETROFLEX CLICK",
        Unusual::Lookalike('!'),
    ),
    (
        '\u{02D0}',
        "MODIFIER LETTER TRIANGULAR COLON",
        Unusual::Lookalike(':'),
    ),
    ('\u{0589}', "ARMENIAN FULL STOP", Unusual::Lookalike(':')),
    (
        '\u{05C3}',
        "HEBREW PUNCTUATION SOF PASUQ",
        Unusual::Lookalike(':'),
    ),
    ('\u{061C}', "ARABIC LETTER MARK", Unusual::Invisible),
    ('\u{1680}', "OGHAM SPACE MARK", Unusual::Lookalike(' ')),
    ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR", Unusual::Invisible),
    ('\u{2000}', "EN QUAD", Unusual::Lookalike(' ')),
    ('\u{2001}', "EM QUAD", Unusual::Lookalike(' ')),
    ('\u{2002}', "EN SPACE", Unusual::Lookalike(' ')),
    ('\u{2003}', "EM SPACE", Unusual::Lookalike(' ')),
    ('\u{2004}', "THREE-PER-EM SPACE", Unusual::Lookalike(' ')),
    ('\u{2005}', "FOUR-PER-EM SPACE", Unusual::Lookalike(' ')),
    ('\u{2006}', "SIX-PER-EM SPACE", Unusual::Lookalike(' ')),
    ('\u{2007}', "FIGURE SPACE", Unusual::Lookalike(' ')),
    ('\u{2008}', "PUNCTUATION SPACE", Unusual::Lookalike(' ')),
    ('\u{2009}', "THIN SPACE", Unusual::Lookalike(' ')),
    ('\u{200A}', "HAIR SPACE", Unusual::Lookalike(' ')),
    ('\u{200B}', "ZERO WIDTH SPACE", Unusual::Invisible),
    ('\u{200C}', "ZERO WIDTH NON-JOINER", Unusual::Invisible),
    ('\u{200D}', "ZERO WIDTH JOINER", Unusual::Invisible),
    ('\u{200E}', "LEFT-TO-RIGHT MARK", Unusual::Invisible),
    ('\u{200F}', "RIGHT-TO-LEFT MARK", Unusual::Invisible),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING", Unusual::Invisible),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING", Unusual::Invisible),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING", Unusual::Invisible),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE", Unusual::Invisible),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE", Unusual::Invisible),
    ('\u{202F}', "NARROW NO-BREAK SPACE", Unusual::Lookalike(' ')),
    (
        '\u{205F}',
        "MEDIUM MATHEMATICAL SPACE",
        Unusual::Lookalike(' '),
    ),
    ('\u{2060}', "WORD JOINER", Unusual::Invisible),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE", Unusual::Invisible),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE", Unusual::Invisible),
    ('\u{2068}', "FIRST STRONG ISOLATE", Unusual::Invisible),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE", Unusual::Invisible),
    ('\u{2236}', "RATIO", Unusual::Lookalike(':')),
    ('\u{3000}', "IDEOGRAPHIC SPACE", Unusual::Lookalike(' ')),
    ('\u{A789}', "MODIFIER LETTER COLON", Unusual::Lookalike(':')),
    (
        '\u{FE13}',
        "PRESENTATION FORM FOR VERTICAL COLON",
        Unusual::Lookalike(':'),
    ),
    ('\u{FE55}', "SMALL COLON", Unusual::Lookalike(':')),
    (
        '\u{FE57}',
        "SMALL EXCLAMATION MARK",
        Unusual::Lookalike('!'),
    ),
    (
        '\u{FE59}',
        "SMALL LEFT PARENTHESIS",
        Unusual::Lookalike('('),
    ),
    (
        '\u{FE5A}',
        "SMALL RIGHT PARENTHESIS",
        Unusual::Lookalike(')'),
    ),
    (
        '\u{FEFF}',
        "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        Unusual::Invisible,
    ),
    (
        '\u{FF01}',
        "FULLWIDTH EXCLAMATION MARK",
        Unusual::Lookalike('!'),
    ),
    (
        '\u{FF08}',
        "FULLWIDTH LEFT PARENTHESIS",
        Unusual::Lookalike('('),
    ),
    (
        '\u{FF09}',
        "FULLWIDTH RIGHT PARENTHESIS",
        Unusual::Lookalike(')'),
    ),
    ('\u{FF1A}', "FULLWIDTH COLON", Unusual::Lookalike(':')),
    ('\u{FFFD}', "REPLACEMENT CHARACTER", Unusual::Replacement),
];

impl Unusual {
    /// What `c` is, when it is one of the characters above.
    pub fn of(c: char) -> Option<Unusual> {
        entry(c).map(|(_, _, unusual)| unusual)
    }
}

fn entry(c: char) -> Option<(char, &'static str, Unusual)> {
    TABLE
        .binary_search_by_key(&c, |(known, _, _)| *known)
        .ok()
        .map(|index| TABLE[index])
}

/// `U+FF1A FULLWIDTH COLON`; a character missing from the table by its code point alone.
pub fn describe(c: char) -> String {
    match entry(c) {
        Some((_, name, _)) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// The text with unusual characters made plain: lookalikes become their ASCII character,
/// invisible characters and U+FFFD go, and a colon gets the space that follows it.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ascii = match Unusual::of(c) {
            Some(Unusual::Lookalike(ascii)) => ascii,
            Some(Unusual::Invisible | Unusual::Replacement) => continue,
            None => c,
        };
        out.push(ascii);
        if ascii == ':' && c != ':' && chars.peek().is_none_or(|next| !next.is_whitespace()) {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(TABLE.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn names_what_it_knows() {
        assert_eq!(describe('\u{FF1A}'), "U+FF1A FULLWIDTH COLON");
        assert_eq!(describe('é'), "U+00E9");
    }

    #[test]
    fn plain_text_has_the_ascii_in_place() {
        assert_eq!(plain("fix：x"), "fix: x");
        assert_eq!(plain("feat（ui）： x"), "feat(ui): x");
        assert_eq!(plain("feat\u{200b}:\u{a0}x"), "feat: x");
        assert_eq!(plain("fe\u{fffd}at: x"), "feat: x");
    }
}
