//! `@conventional-commits/parser` 0.4.1, the grammar release-please 17.11.2 parses commit
//! messages with, ported rule for rule: a recursive-descent scanner that builds a unist-style
//! tree (`message` → `summary`, `body`, `footer`s), rewinding to a node's start whenever the
//! node fails.
//!
//! Two kinds of failure exist, as in the original: a rule that does not match gives way to
//! the next alternative, but an unclosed scope (`feat(api: x`, or a body line such as
//! `call(x` that is tried as a footer token) throws, and the whole message fails to parse.
//! A body line that happens to start with `word(` and never closes it therefore makes
//! release-please drop the commit.

use std::collections::HashMap;

use crate::tools::node::jsregex::js_trim;

/// The kinds of node the grammar produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Message,
    Summary,
    Type,
    Scope,
    BreakingChange,
    Separator,
    Whitespace,
    Text,
    Newline,
    Body,
    Footer,
    Token,
    Value,
    Continuation,
}

/// A node of the tree: leaves carry a value, the others children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: Kind,
    pub value: String,
    pub children: Vec<Node>,
}

impl Node {
    fn leaf(kind: Kind, value: String) -> Node {
        Node {
            kind,
            value,
            children: Vec::new(),
        }
    }

    fn parent(kind: Kind) -> Node {
        Node::leaf(kind, String::new())
    }

    /// Every node under this one (itself included), depth first, parents before children.
    pub fn preorder(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        self.walk(&mut |node| out.push(node));
        out
    }

    fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Node)) {
        visit(self);
        for child in &self.children {
            child.walk(visit);
        }
    }
}

/// Why a rule failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fail {
    /// The rule does not match here; the caller tries something else.
    Soft,
    /// The parser threw: the whole message fails.
    Thrown,
}

type Parsed = Result<Node, Fail>;

/// The message cannot be parsed (the parser threw).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unparsable;

/// Parses a message as `parser.parser(text)` does; the text is trimmed first (JavaScript's
/// `trim`).
pub fn parse(text: &str) -> Result<Node, Unparsable> {
    let mut scanner = Scanner::new(js_trim(text));
    message(&mut scanner).map_err(|_| Unparsable)
}

struct Scanner {
    chars: Vec<char>,
    pos: usize,
    /// Whether only footers follow a position, once asked: upstream asks again at every
    /// body line, which grows with the square of the message.
    only_footers_from: HashMap<usize, bool>,
}

impl Scanner {
    fn new(text: &str) -> Scanner {
        Scanner {
            chars: text.chars().collect(),
            pos: 0,
            only_footers_from: HashMap::new(),
        }
    }

    fn eof(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn peek_literal(&self, literal: &str) -> bool {
        literal
            .chars()
            .enumerate()
            .all(|(i, c)| self.at(i) == Some(c))
    }

    /// Consumes one token: a character, or `\r\n` as one.
    fn next(&mut self) -> String {
        let Some(c) = self.peek() else {
            return String::new();
        };
        if c == '\r' && self.at(1) == Some('\n') {
            self.pos += 2;
            return "\r\n".into();
        }
        self.pos += 1;
        c.to_string()
    }

    /// Consumes tokens while `keep` holds for the next character.
    fn take_while(&mut self, keep: impl Fn(Option<char>) -> bool) -> String {
        let mut value = String::new();
        while !self.eof() && keep(self.peek()) {
            value.push_str(&self.next());
        }
        value
    }

    fn take(&mut self, n: usize) -> String {
        let end = (self.pos + n).min(self.chars.len());
        let taken: String = self.chars[self.pos..end].iter().collect();
        self.pos = end;
        taken
    }
}

fn is_whitespace(c: Option<char>) -> bool {
    matches!(
        c,
        Some('\u{FEFF}' | '\t' | '\u{0B}' | '\u{0C}' | ' ' | '\u{A0}')
    )
}

fn is_newline(c: Option<char>) -> bool {
    matches!(c, Some('\r' | '\n'))
}

fn is_parens(c: Option<char>) -> bool {
    matches!(c, Some('(' | ')'))
}

/// `<message> ::= <summary>, <newline>+, <body>, (<newline>+, <footer>)* | …`
fn message(scanner: &mut Scanner) -> Parsed {
    let mut node = Node::parent(Kind::Message);
    node.children
        .push(summary(scanner).map_err(|_| Fail::Thrown)?);
    if scanner.eof() {
        return Ok(node);
    }
    node.children
        .push(newline(scanner).map_err(|_| Fail::Thrown)?);
    let body = match body(scanner) {
        Ok(body) => {
            node.children.push(body);
            true
        }
        Err(Fail::Thrown) => return Err(Fail::Thrown),
        Err(Fail::Soft) => false,
    };
    if scanner.eof() {
        return Ok(node);
    }
    if body {
        node.children
            .push(newline(scanner).map_err(|_| Fail::Thrown)?);
    }
    while !scanner.eof() {
        match footer(scanner) {
            Ok(footer) => node.children.push(footer),
            Err(Fail::Thrown) => return Err(Fail::Thrown),
            Err(Fail::Soft) => break,
        }
        match newline(scanner) {
            Ok(nl) => node.children.push(nl),
            Err(_) => break,
        }
    }
    Ok(node)
}

/// `<summary> ::= <type> "(" <scope> ")" ["!"] ":" <whitespace>* <text> | <type> ["!"] ":" …`
fn summary(scanner: &mut Scanner) -> Parsed {
    let start = scanner.pos;
    let mut node = Node::parent(Kind::Summary);
    node.children.push(kind(scanner)?);
    match scope(scanner) {
        Ok(scope) => node.children.push(scope),
        Err(Fail::Thrown) => return Err(Fail::Thrown),
        Err(Fail::Soft) => {}
    }
    if let Ok(bang) = breaking_change(scanner, true) {
        node.children.push(bang);
    }
    match separator(scanner) {
        Ok(separator) => node.children.push(separator),
        Err(_) => {
            scanner.pos = start;
            return Err(Fail::Soft);
        }
    }
    if let Ok(ws) = whitespace(scanner) {
        node.children.push(ws);
    }
    node.children.push(text(scanner));
    Ok(node)
}

/// `<type> ::= 1*<any UTF8-octets except newline or parens or ["!"] ":" or whitespace>`
fn kind(scanner: &mut Scanner) -> Parsed {
    let value = scanner.take_while(|c| {
        !(is_parens(c) || is_whitespace(c) || is_newline(c) || c == Some('!') || c == Some(':'))
    });
    non_empty(Kind::Type, value)
}

/// `<text> ::= 1*<any UTF8-octets except newline>` (it may be empty).
fn text(scanner: &mut Scanner) -> Node {
    Node::leaf(Kind::Text, scanner.take_while(|c| !is_newline(c)))
}

/// `"(" <scope> ")"`; throws when the parenthesis is not closed on the same line.
fn scope(scanner: &mut Scanner) -> Parsed {
    if scanner.peek() != Some('(') {
        return Err(Fail::Soft);
    }
    scanner.next();
    let start = scanner.pos;
    let value = scanner.take_while(|c| !(is_parens(c) || is_newline(c)));
    if scanner.peek() != Some(')') {
        return Err(Fail::Thrown);
    }
    scanner.next();
    if value.is_empty() {
        // The original rewinds to the scope's start, just after the `(`.
        scanner.pos = start;
        return Err(Fail::Soft);
    }
    Ok(Node::leaf(Kind::Scope, value))
}

/// `<body> ::= [<any body-text except pre-footer>], <newline>, <body>* | …`
///
/// Upstream recurses once per line; a loop keeps the stack flat. A line whose newline is
/// followed by only footers ends the body without that newline; only footers from the
/// start mean no body at all.
fn body(scanner: &mut Scanner) -> Parsed {
    let mut node = Node::parent(Kind::Body);
    let mut newline_before: Option<(Node, usize)> = None;
    loop {
        if only_footers_follow(scanner)? {
            return match newline_before {
                None => Err(Fail::Soft),
                Some((_, at)) => {
                    scanner.pos = at;
                    Ok(node)
                }
            };
        }
        if let Some((nl, _)) = newline_before.take() {
            node.children.push(nl);
        }
        body_line(scanner, &mut node.children);
        let at = scanner.pos;
        match newline(scanner) {
            Ok(nl) => newline_before = Some((nl, at)),
            Err(_) => return Ok(node),
        }
    }
}

/// One line of body text; a `BREAKING CHANGE` literal is consumed even when no `:`
/// follows (and is then lost).
fn body_line(scanner: &mut Scanner, children: &mut Vec<Node>) {
    if let Ok(marker) = breaking_change(scanner, false) {
        if scanner.peek() == Some(':') {
            children.push(marker);
            children.extend(separator(scanner).ok());
            if let Ok(ws) = whitespace(scanner) {
                children.push(ws);
            }
        }
    }
    children.push(text(scanner));
}

/// `<pre-footer>`: whether `<newline>*, <footer>+` reaches the end from here. Consumes
/// nothing; every position the answer passes through is remembered.
fn only_footers_follow(scanner: &mut Scanner) -> Result<bool, Fail> {
    let start = scanner.pos;
    let mut passed = Vec::new();
    let answer = loop {
        if scanner.eof() {
            break true;
        }
        if let Some(&known) = scanner.only_footers_from.get(&scanner.pos) {
            break known;
        }
        passed.push(scanner.pos);
        let _ = newline(scanner);
        match footer(scanner) {
            Ok(_) => {}
            Err(Fail::Thrown) => return Err(Fail::Thrown),
            Err(Fail::Soft) => break false,
        }
    };
    scanner
        .only_footers_from
        .extend(passed.into_iter().map(|at| (at, answer)));
    scanner.pos = start;
    Ok(answer)
}

/// `<footer> ::= <token> <separator> <whitespace>* <value>`
fn footer(scanner: &mut Scanner) -> Parsed {
    let start = scanner.pos;
    let mut node = Node::parent(Kind::Footer);
    node.children.push(token(scanner)?);
    match separator(scanner) {
        Ok(separator) => node.children.push(separator),
        Err(fail) => {
            scanner.pos = start;
            return Err(fail);
        }
    }
    if let Ok(ws) = whitespace(scanner) {
        node.children.push(ws);
    }
    node.children.push(value(scanner));
    Ok(node)
}

/// `<token> ::= <breaking-change> | <type>, "(" <scope> ")", ["!"] | <type>`
fn token(scanner: &mut Scanner) -> Parsed {
    let mut node = Node::parent(Kind::Token);
    if let Ok(marker) = breaking_change(scanner, true) {
        node.children.push(marker);
        return Ok(node);
    }
    node.children.push(kind(scanner)?);
    match scope(scanner) {
        Ok(scope) => node.children.push(scope),
        Err(Fail::Thrown) => return Err(Fail::Thrown),
        Err(Fail::Soft) => {}
    }
    if let Ok(bang) = breaking_change(scanner, true) {
        node.children.push(bang);
    }
    Ok(node)
}

/// `<breaking-change> ::= "!" | "BREAKING CHANGE" | "BREAKING-CHANGE"` (`!` only where
/// `bang` allows it).
fn breaking_change(scanner: &mut Scanner, bang: bool) -> Parsed {
    let value = if bang && scanner.peek() == Some('!') {
        scanner.next()
    } else if scanner.peek_literal("BREAKING CHANGE") || scanner.peek_literal("BREAKING-CHANGE") {
        scanner.take("BREAKING CHANGE".len())
    } else {
        return Err(Fail::Soft);
    };
    Ok(Node::leaf(Kind::BreakingChange, value))
}

/// `<value> ::= <text> <continuation>*`
fn value(scanner: &mut Scanner) -> Node {
    let mut node = Node::parent(Kind::Value);
    node.children.push(text(scanner));
    while let Ok(continuation) = continuation(scanner) {
        node.children.push(continuation);
    }
    node
}

/// `<continuation> ::= <newline> <whitespace> <text>`
fn continuation(scanner: &mut Scanner) -> Parsed {
    let start = scanner.pos;
    let mut node = Node::parent(Kind::Continuation);
    node.children.push(newline(scanner)?);
    match whitespace(scanner) {
        Ok(ws) => node.children.push(ws),
        Err(fail) => {
            scanner.pos = start;
            return Err(fail);
        }
    }
    node.children.push(text(scanner));
    Ok(node)
}

/// `<separator> ::= ":" | " #"`
fn separator(scanner: &mut Scanner) -> Parsed {
    let start = scanner.pos;
    if scanner.peek() == Some(':') {
        return Ok(Node::leaf(Kind::Separator, scanner.next()));
    }
    if scanner.peek() == Some(' ') {
        scanner.next();
        if scanner.peek() == Some('#') {
            scanner.next();
            return Ok(Node::leaf(Kind::Separator, " #".into()));
        }
    }
    scanner.pos = start;
    Err(Fail::Soft)
}

/// `<whitespace>+`
fn whitespace(scanner: &mut Scanner) -> Parsed {
    let value = scanner.take_while(is_whitespace);
    non_empty(Kind::Whitespace, value)
}

/// `<newline>+ ::= [<CR>], <LF>` (any run of CR and LF).
fn newline(scanner: &mut Scanner) -> Parsed {
    let value = scanner.take_while(is_newline);
    non_empty(Kind::Newline, value)
}

/// A leaf of at least one character; an empty one gives way to the next alternative.
fn non_empty(kind: Kind, value: String) -> Parsed {
    if value.is_empty() {
        Err(Fail::Soft)
    } else {
        Ok(Node::leaf(kind, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(node: &Node) -> Vec<Kind> {
        node.children.iter().map(|n| n.kind).collect()
    }

    #[test]
    fn summary_body_and_footers() {
        let tree =
            parse("feat(api)!: add x\n\nsome body\nmore\n\nRefs #12\nBREAKING CHANGE: y").unwrap();
        assert_eq!(
            kinds(&tree),
            [
                Kind::Summary,
                Kind::Newline,
                Kind::Body,
                Kind::Newline,
                Kind::Footer,
                Kind::Newline,
                Kind::Footer
            ]
        );
        assert_eq!(
            kinds(&tree.children[0]),
            [
                Kind::Type,
                Kind::Scope,
                Kind::BreakingChange,
                Kind::Separator,
                Kind::Whitespace,
                Kind::Text
            ]
        );
    }

    #[test]
    fn footers_only_leave_no_body() {
        let tree = parse("fix: x\n\nRefs: #1\nSigned-off-by: A").unwrap();
        assert_eq!(
            kinds(&tree),
            [
                Kind::Summary,
                Kind::Newline,
                Kind::Footer,
                Kind::Newline,
                Kind::Footer
            ]
        );
    }

    #[test]
    fn a_long_body_keeps_the_stack_flat() {
        let text = format!(
            "fix: x\n\n{}Refs: #1",
            "line\nRefs: #2\nmore\n".repeat(50_000)
        );
        let message = parse(&text).unwrap();
        let bodies = message
            .children
            .iter()
            .filter(|n| n.kind == Kind::Body)
            .count();
        let footers = message
            .children
            .iter()
            .filter(|n| n.kind == Kind::Footer)
            .count();
        assert_eq!((bodies, footers), (1, 1));
    }

    #[test]
    fn failures() {
        assert_eq!(parse("update readme"), Err(Unparsable));
        assert_eq!(parse("Revert \"feat: x\""), Err(Unparsable));
        assert_eq!(parse("feat(): x"), Err(Unparsable));
        assert_eq!(parse("feat(api: x"), Err(Unparsable));
        // A body line tried as a footer token with an unclosed parenthesis throws.
        assert_eq!(parse("fix: x\n\ncall(x"), Err(Unparsable));
        assert!(parse("fix: x\n\ncall (x").is_ok());
        assert!(parse("feat:").is_ok());
    }
}
