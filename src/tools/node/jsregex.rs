//! JavaScript regular expressions (as conventional-commits-parser's options and the presets
//! write them) in the `regex` crate's dialect, and JavaScript's white space, for the engines
//! of the two Node tools (semantic-release, release-please).
//!
//! The classes differ: in JavaScript `\w`, `\d` and `\b` are ASCII-only, `\s` is a fixed set
//! that includes U+FEFF, and `.` stops at `\r`, U+2028 and U+2029 as well as `\n`. Patterns
//! are rewritten so they mean what they mean in Node. Lookaround and backreferences have no
//! equivalent: such a pattern is an error.

use regex::{Regex, RegexBuilder};

/// JavaScript's `\s`.
pub const SPACE: &str = r"\t\n\x0B\x0C\r \u{A0}\u{1680}\u{2000}-\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}";
/// JavaScript's `.` without the `s` flag.
pub const DOT: &str = r"[^\n\r\u{2028}\u{2029}]";
/// JavaScript's `\w`.
pub const WORD: &str = "0-9A-Za-z_";

/// JavaScript's `String.prototype.trim`: white space (including U+FEFF) and line
/// terminators, but not U+0085.
pub fn js_trim(text: &str) -> &str {
    text.trim_matches(is_js_space)
}

/// White space and line terminators for JavaScript (`trim`, `\s` in a regular expression).
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// A JavaScript pattern that herald cannot use, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PatternError(pub String);

/// Compiles a JavaScript pattern, case-insensitively when `ignore_case` (the `i` flag).
pub fn compile(pattern: &str, ignore_case: bool) -> Result<Regex, PatternError> {
    let source = translate(pattern)?;
    RegexBuilder::new(&source)
        .case_insensitive(ignore_case)
        .build()
        .map_err(|error| PatternError(format!("cannot use the pattern `{pattern}`: {error}")))
}

/// Rewrites a JavaScript pattern for the `regex` crate.
pub fn translate(pattern: &str) -> Result<String, PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&next) = chars.get(i + 1) else {
                    return Err(PatternError(format!("`{pattern}` ends with a backslash")));
                };
                i += 2;
                let expansion = match (next, in_class) {
                    ('w', true) => Some(WORD.to_string()),
                    ('d', true) => Some("0-9".to_string()),
                    ('s', true) => Some(SPACE.to_string()),
                    ('w', false) => Some(format!("[{WORD}]")),
                    ('W', false) => Some(format!("[^{WORD}]")),
                    ('d', false) => Some("[0-9]".to_string()),
                    ('D', false) => Some("[^0-9]".to_string()),
                    ('s', false) => Some(format!("[{SPACE}]")),
                    ('S', false) => Some(format!("[^{SPACE}]")),
                    ('b', false) => Some(r"(?-u:\b)".to_string()),
                    ('B', false) => Some(r"(?-u:\B)".to_string()),
                    ('1'..='9', false) => {
                        return Err(PatternError(format!("`{pattern}` uses a backreference")));
                    }
                    _ => None,
                };
                match expansion {
                    Some(text) => {
                        out.push_str(&text);
                        // After a class escape a `-` is a plain dash in JavaScript.
                        if in_class && chars.get(i) == Some(&'-') && chars.get(i + 1) != Some(&']')
                        {
                            out.push_str(r"\-");
                            i += 1;
                        }
                    }
                    None => {
                        out.push('\\');
                        out.push(next);
                    }
                }
                continue;
            }
            '[' if !in_class => {
                let negated = chars.get(i + 1) == Some(&'^');
                let close = if negated { i + 2 } else { i + 1 };
                if chars.get(close) == Some(&']') {
                    // `[^]` matches anything in JavaScript; `[]` nothing.
                    if !negated {
                        return Err(PatternError(format!("`{pattern}` has an empty class `[]`")));
                    }
                    out.push_str("(?s:.)");
                    i = close + 1;
                    continue;
                }
                in_class = true;
                out.push('[');
                if negated {
                    out.push('^');
                    i += 1;
                }
            }
            '[' => out.push_str(r"\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '.' if !in_class => out.push_str(DOT),
            '(' if !in_class && chars.get(i + 1) == Some(&'?') => {
                let rest: String = chars[i + 2..].iter().take(2).collect();
                if rest.starts_with('=')
                    || rest.starts_with('!')
                    || rest.starts_with("<=")
                    || rest.starts_with("<!")
                {
                    return Err(PatternError(format!(
                        "`{pattern}` uses lookaround, which herald cannot evaluate"
                    )));
                }
                out.push('(');
            }
            _ => out.push(c),
        }
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_mean_what_they_mean_in_javascript() {
        let word = compile(r"^\w+$", false).unwrap();
        assert!(word.is_match("feat_2"));
        assert!(!word.is_match("féat"));
        let mixed = compile(r"^[\w-\.\/]+$", false).unwrap();
        assert!(mixed.is_match("owner/repo.js-x"));
        let dot = compile(r"^a.b$", false).unwrap();
        assert!(dot.is_match("a b") && !dot.is_match("a\rb"));
        let header = compile(r"^(\w*)(?:\((.*)\))?: (.*)$", false).unwrap();
        let caps = header.captures("feat(api): add").unwrap();
        assert_eq!(&caps[1], "feat");
        assert_eq!(&caps[2], "api");
        assert_eq!(&caps[3], "add");
        assert!(compile(r"^(?=x)", false).is_err());
        assert!(compile(r"(a)\1", false).is_err());
        assert!(
            compile(r"^breaking change", true)
                .unwrap()
                .is_match("BREAKING CHANGE")
        );
    }
}
