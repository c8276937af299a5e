//! The globs semantic-release's commit-analyzer matches `releaseRules` values with
//! (micromatch 4, `isMatch(value, pattern)`), for the patterns people write in rules:
//! literals, `*`, `**`, `?`, `[…]`, `{a,b}`, `{1..3}`, extglobs `+(…)` `*(…)` `?(…)`
//! `@(…)`, and a leading `!` that negates.
//!
//! The surprises: matching is case-sensitive (`feat` does not match `Feat`), `*` does not
//! cross `/` and does not match a leading `.`, and an empty value matches nothing.

use regex::Regex;

/// Whether `text` matches the micromatch `pattern`.
pub fn is_match(text: &str, pattern: &str) -> bool {
    let mut pattern = pattern;
    let mut negated = false;
    while pattern.starts_with('!') && !pattern.starts_with("!(") {
        negated = !negated;
        pattern = &pattern[1..];
    }
    if text.is_empty() {
        return negated;
    }
    let matched = if pattern.contains('{') {
        expand_braces(pattern)
            .iter()
            .any(|alternative| matches_one(text, alternative))
    } else {
        matches_one(text, pattern)
    };
    matched != negated
}

fn matches_one(text: &str, pattern: &str) -> bool {
    if !pattern.contains(['*', '?', '[', '(', '\\']) {
        return text == pattern;
    }
    if text.starts_with('.') && pattern.starts_with(['*', '?', '[']) {
        return false;
    }
    thread_local! {
        static COMPILED: std::cell::RefCell<std::collections::HashMap<String, Option<Regex>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    COMPILED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let regex = cache
            .entry(pattern.to_string())
            .or_insert_with(|| Regex::new(&format!("^(?:{})$", translate(pattern))).ok());
        regex.as_ref().is_some_and(|re| re.is_match(text))
    })
}

/// The glob as a regular expression (without anchors).
fn translate(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if matches!(c, '+' | '*' | '?' | '@') && next == Some('(') {
            if let Some(end) = closing_paren(&chars, i + 1) {
                let inner: String = chars[i + 2..end].iter().collect();
                let alternatives: Vec<String> = split_top_level(&inner, '|')
                    .iter()
                    .map(|a| translate(a))
                    .collect();
                let quantifier = match c {
                    '+' => "+",
                    '*' => "*",
                    '?' => "?",
                    _ => "",
                };
                out.push_str(&format!("(?:{}){quantifier}", alternatives.join("|")));
                i = end + 1;
                continue;
            }
        }
        match c {
            '*' => {
                let mut run = 1;
                while chars.get(i + run) == Some(&'*') {
                    run += 1;
                }
                let segment_start = i == 0 || chars[i - 1] == '/';
                let segment_end = i + run == chars.len() || chars[i + run] == '/';
                if run >= 2 && segment_start && segment_end {
                    if i + run < chars.len() {
                        // `**/` also matches no folder at all.
                        out.push_str("(?:.*/)?");
                        run += 1;
                    } else {
                        out.push_str(".*");
                    }
                } else {
                    out.push_str("[^/]*");
                }
                i += run;
                continue;
            }
            '?' => out.push_str("[^/]"),
            '[' => match class(&chars, i) {
                Some((class, end)) => {
                    out.push_str(&class);
                    i = end + 1;
                    continue;
                }
                None => out.push_str(r"\["),
            },
            '\\' if next.is_some() => {
                out.push_str(&regex::escape(&next.unwrap_or_default().to_string()));
                i += 2;
                continue;
            }
            other => out.push_str(&regex::escape(&other.to_string())),
        }
        i += 1;
    }
    out
}

/// A `[…]` class starting at `start`: its regex and the index of the closing `]`.
fn class(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut i = start + 1;
    let mut out = String::from("[");
    if chars.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    let first = i;
    while i < chars.len() {
        let c = chars[i];
        if c == ']' && i > first {
            out.push(']');
            return Some((out, i));
        }
        match c {
            '\\' if i + 1 < chars.len() => {
                out.push_str(&regex::escape(&chars[i + 1].to_string()));
                i += 2;
                continue;
            }
            '-' => out.push('-'),
            '[' | ']' | '&' | '~' | '^' => {
                out.push('\\');
                out.push(c);
            }
            other => out.push(other),
        }
        i += 1;
    }
    None
}

/// The index of the `)` closing the `(` at `open`.
fn closing_paren(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Splits on `separator` outside parentheses and braces.
fn split_top_level(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0i32;
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '(' || c == '{' {
            depth += 1;
        } else if c == ')' || c == '}' {
            depth -= 1;
        } else if c == separator && depth == 0 {
            parts.push(String::new());
            continue;
        }
        parts.last_mut().expect("never empty").push(c);
    }
    parts
}

/// Every pattern a brace expression stands for: `{a,b}x` → `ax`, `bx`; `{1..3}` → 1, 2, 3.
fn expand_braces(pattern: &str) -> Vec<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut depth = 0;
    let mut open = None;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '{' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let start = open.expect("an opening brace");
                    let before: String = chars[..start].iter().collect();
                    let inner: String = chars[start + 1..i].iter().collect();
                    let after: String = chars[i + 1..].iter().collect();
                    let choices = brace_choices(&inner);
                    let Some(choices) = choices else {
                        // Not a brace expression (`{a}`): literal braces.
                        let rest = expand_braces(&after);
                        return rest
                            .into_iter()
                            .map(|r| format!("{before}\\{{{inner}\\}}{r}"))
                            .collect();
                    };
                    let mut out = Vec::new();
                    for choice in choices {
                        for rest in expand_braces(&format!("{choice}{after}")) {
                            out.push(format!("{before}{rest}"));
                        }
                    }
                    return out;
                }
            }
            _ => {}
        }
        i += 1;
    }
    vec![pattern.to_string()]
}

/// The alternatives inside `{…}`: a comma list or a numeric or letter range.
fn brace_choices(inner: &str) -> Option<Vec<String>> {
    let parts = split_top_level(inner, ',');
    if parts.len() > 1 {
        return Some(parts);
    }
    let (from, to) = inner.split_once("..")?;
    if let (Ok(a), Ok(b)) = (from.parse::<i64>(), to.parse::<i64>()) {
        let range: Vec<String> = if a <= b {
            (a..=b).map(|n| n.to_string()).collect()
        } else {
            (b..=a).rev().map(|n| n.to_string()).collect()
        };
        return Some(range);
    }
    let (mut a, mut b) = (from.chars(), to.chars());
    match (a.next(), a.next(), b.next(), b.next()) {
        (Some(x), None, Some(y), None) => {
            let (lo, hi) = (x.min(y) as u32, x.max(y) as u32);
            let mut range: Vec<String> = (lo..=hi)
                .filter_map(char::from_u32)
                .map(|c| c.to_string())
                .collect();
            if x > y {
                range.reverse();
            }
            Some(range)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::is_match;

    #[test]
    fn matches_as_micromatch_does() {
        // Each line was checked with micromatch 4.0.8 (`micromatch.isMatch(text, pattern)`).
        let cases = [
            ("", "*", false),
            ("feat", "feat", true),
            ("feat", "f*", true),
            (".x", "*", false),
            ("a/b", "*", false),
            ("a/b", "**", true),
            ("a/b", "a/*", true),
            ("feat", "!feat", false),
            ("fix", "!feat", true),
            ("feat", "{feat,fix}", true),
            ("Feat", "feat", false),
            ("api-v2", "api-*", true),
            ("x", "+(x|y)", true),
            ("README", "README", true),
            ("a b", "a b", true),
            ("feat", "feat/", false),
            ("x.y", "*.y", true),
            ("ab", "a?", true),
            ("a", "[ab]", true),
            ("c", "[!ab]", false),
            ("c", "[^ab]", true),
            ("1", "{1..3}", true),
            ("abc", "a*c", true),
            ("a/b/c", "a/**", true),
            ("a/b", "a**", false),
        ];
        for (text, pattern, expected) in cases {
            assert_eq!(is_match(text, pattern), expected, "{text:?} {pattern:?}");
        }
    }
}
