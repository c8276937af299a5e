//! Which of a commit's fields a `[changelog] body` template can read.
//!
//! Tera copies a commit's whole value each time a template reads one of its fields inside
//! a loop over a filtered list (`commits | group_by(...)`, `commit_groups`): the loop holds
//! a list of its own, and a field is looked up on a fresh copy of the element. Most of a
//! commit's value is fields a template seldom names (five forges, `author`, `committer`,
//! `raw_message`, ...), so the notes leave out those it cannot reach: it renders the same
//! text from a fraction of the copying.
//!
//! A field is reachable when the template names it anywhere: as a segment of a variable
//! (`commit.footers`, `commit["links"]`) or inside any string literal (`attribute="github.
//! username"`, `"body" in commit`). Anything that could read a field without naming it makes
//! every field reachable: a computed index (`commit[name]`) or key (`get(key=k)`,
//! `attribute=k`, `k in commit`, `containing(k)`), the whole value written out
//! (`json_encode`, `__tera_context`), its keys counted (`length` of anything that may be
//! a commit) or looped over (`for key, value in commit`), and other templates
//! (`include`, `extends`, `import`).

use std::collections::BTreeSet;

use tera::ast::{Expr, ExprVal, FunctionCall, Node};

/// Fields a template may read from a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// It can read any field.
    Every,
    /// It can read only fields with these names.
    Named(BTreeSet<String>),
}

impl Reach {
    /// Reads the parsed template and its macros.
    pub fn of(template: &tera::Template) -> Reach {
        let mut walk = Walk::default();
        walk.nodes(&template.ast);
        for definition in template.macros.values() {
            walk.bound.extend(definition.args.keys().cloned());
            for default in definition.args.values().flatten() {
                walk.expr(default);
            }
            walk.nodes(&definition.body);
        }
        walk.finish()
    }

    /// Whether the template may read the field `name`.
    pub fn reads(&self, name: &str) -> bool {
        match self {
            Reach::Every => true,
            Reach::Named(names) => names.contains(name),
        }
    }
}

/// Keys whose values in git-cliff's context are lists or text, never a commit: counting
/// them (`| length`) reads no commit's keys.
const LISTS_AND_TEXT: &[&str] = &[
    "commits",
    "commit_parsers_groups",
    "contributors",
    "footers",
    "links",
    "pr_labels",
    "pr_numbers",
    "message",
    "body",
    "raw_message",
    "breaking_description",
    "scope",
    "group",
    "id",
    "version",
    "name",
    "username",
    "email",
    "text",
    "href",
    "token",
    "value",
    "separator",
];

/// The lists git-cliff's context holds at its top level.
const TOP_LEVEL_LISTS: &[&str] = &["commits", "commit_parsers_groups"];

/// Filters that take one element out of a list: after them, a value may be a commit.
const ELEMENT_FILTERS: &[&str] = &["first", "last", "nth", "get"];

#[derive(Default)]
struct Walk {
    names: BTreeSet<String>,
    /// Names the template binds (loop variables, `set`, macro arguments), other than a
    /// `group_by` loop's list of commits.
    bound: BTreeSet<String>,
    /// One-segment variables whose keys are counted, checked against `bound` at the end.
    counted: Vec<String>,
    every: bool,
}

impl Walk {
    fn finish(self) -> Reach {
        let rebound = self.counted.iter().any(|name| self.bound.contains(name));
        if self.every || rebound {
            Reach::Every
        } else {
            Reach::Named(self.names)
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Super | Node::Text(_) | Node::Raw(..) | Node::Comment(..) => {}
            Node::Break(_) | Node::Continue(_) => {}
            Node::Extends(..) | Node::Include(..) | Node::ImportMacro(..) => self.every = true,
            Node::VariableBlock(_, expr) => self.expr(expr),
            Node::MacroDefinition(_, definition, _) => {
                self.bound.extend(definition.args.keys().cloned());
                self.nodes(&definition.body);
            }
            Node::Set(_, set) => {
                self.bound.insert(set.key.clone());
                self.expr(&set.value);
            }
            Node::FilterSection(_, section, _) => {
                self.call(&section.filter, None);
                self.nodes(&section.body);
            }
            Node::Block(_, block, _) => self.nodes(&block.body),
            Node::Forloop(_, forloop, _) => {
                self.expr(&forloop.container);
                let grouped =
                    forloop.container.filters.last().map(|f| f.name.as_str()) == Some("group_by");
                match &forloop.key {
                    Some(key) if grouped => {
                        self.bound.insert(key.clone());
                    }
                    Some(_) => self.every = true,
                    None => {
                        self.bound.insert(forloop.value.clone());
                    }
                }
                self.nodes(&forloop.body);
                if let Some(body) = &forloop.empty_body {
                    self.nodes(body);
                }
            }
            Node::If(conditions, _) => {
                for (_, condition, body) in &conditions.conditions {
                    self.expr(condition);
                    self.nodes(body);
                }
                if let Some((_, body)) = &conditions.otherwise {
                    self.nodes(body);
                }
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        self.value(&expr.val);
        for (at, filter) in expr.filters.iter().enumerate() {
            self.call(filter, Some((&expr.val, &expr.filters[..at])));
        }
    }

    fn value(&mut self, value: &ExprVal) {
        match value {
            ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => {}
            ExprVal::String(text) => self.literal(text),
            ExprVal::Ident(path) => self.ident(path),
            ExprVal::Math(math) => {
                self.expr(&math.lhs);
                self.expr(&math.rhs);
            }
            ExprVal::Logic(logic) => {
                self.expr(&logic.lhs);
                self.expr(&logic.rhs);
            }
            ExprVal::Test(test) => {
                self.ident(&test.ident);
                for arg in &test.args {
                    if test.name == "containing" && !is_literal(arg) {
                        self.every = true;
                    }
                    self.expr(arg);
                }
            }
            ExprVal::MacroCall(call) => call.args.values().for_each(|arg| self.expr(arg)),
            ExprVal::FunctionCall(call) => call.args.values().for_each(|arg| self.expr(arg)),
            ExprVal::Array(items) => items.iter().for_each(|item| self.expr(item)),
            ExprVal::StringConcat(concat) => concat.values.iter().for_each(|v| self.value(v)),
            ExprVal::In(within) => {
                let haystack_is_list = matches!(within.rhs.val, ExprVal::Array(_));
                if !is_literal(&within.lhs) && !haystack_is_list {
                    self.every = true;
                }
                self.expr(&within.lhs);
                self.expr(&within.rhs);
            }
        }
    }

    /// A filter, with the value it filters (what precedes it) when it is one of an
    /// expression's.
    fn call(&mut self, filter: &FunctionCall, input: Option<(&ExprVal, &[FunctionCall])>) {
        for (name, arg) in &filter.args {
            if (name == "attribute" || name == "key") && !is_literal(arg) {
                self.every = true;
            }
            self.expr(arg);
        }
        match filter.name.as_str() {
            "json_encode" => self.every = true,
            "commit_groups" => {
                self.names.insert("group".into());
                self.names.insert("commits".into());
            }
            "length" => match input {
                Some((value, before)) => self.count(value, before),
                None => self.every = true,
            },
            _ => {}
        }
    }

    /// `value | before... | length`: fine unless the counted value may be a commit.
    fn count(&mut self, value: &ExprVal, before: &[FunctionCall]) {
        if before
            .iter()
            .any(|f| ELEMENT_FILTERS.contains(&f.name.as_str()))
        {
            self.every = true;
            return;
        }
        match value {
            ExprVal::String(_) | ExprVal::Array(_) | ExprVal::StringConcat(_) => {}
            ExprVal::Ident(path) => {
                let segments = segments(path);
                match segments.as_slice() {
                    [Segment::Name(only)] if TOP_LEVEL_LISTS.contains(only) => {
                        self.counted.push((*only).to_string());
                    }
                    [_, .., Segment::Name(last)] if LISTS_AND_TEXT.contains(last) => {}
                    _ => self.every = true,
                }
            }
            _ => self.every = true,
        }
    }

    fn ident(&mut self, path: &str) {
        if path == "__tera_context" {
            self.every = true;
        }
        for segment in segments(path) {
            match segment {
                Segment::Name(name) => {
                    self.names.insert(name.to_string());
                }
                Segment::Index => {}
                Segment::Computed(inner) => {
                    self.every = true;
                    self.ident(inner);
                }
            }
        }
    }

    fn literal(&mut self, text: &str) {
        self.names.insert(text.to_string());
        self.names.extend(text.split('.').map(str::to_string));
    }
}

fn is_literal(expr: &Expr) -> bool {
    matches!(expr.val, ExprVal::String(_)) && expr.filters.is_empty()
}

#[derive(Debug, PartialEq)]
enum Segment<'a> {
    /// `.name`, `["name"]` or `['name']`.
    Name(&'a str),
    /// `[0]`.
    Index,
    /// `[some.variable]`.
    Computed(&'a str),
}

/// A Tera variable's parts: `a.b["c"][0][d.e]` is `a`, `b`, `c`, an index, and `d.e`.
fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut parts = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']').unwrap_or(inner.len());
            let key = inner[..end].trim();
            parts.push(bracketed(key));
            rest = inner.get(end + 1..).unwrap_or("");
        } else {
            let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
            if end > 0 {
                parts.push(Segment::Name(&rest_trimmed[..end]));
            }
            rest = &rest_trimmed[end..];
        }
    }
    parts
}

fn bracketed(key: &str) -> Segment<'_> {
    let quoted = ['"', '\'', '`']
        .iter()
        .find_map(|q| key.strip_prefix(*q).and_then(|k| k.strip_suffix(*q)));
    match quoted {
        Some(name) => Segment::Name(name),
        None if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) => Segment::Index,
        None => Segment::Computed(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(source: &str) -> Reach {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("body", source).unwrap();
        Reach::of(tera.get_template("body").unwrap())
    }

    fn named(source: &str) -> Vec<String> {
        match reach(source) {
            Reach::Named(names) => names.into_iter().collect(),
            Reach::Every => panic!("{source}: every field"),
        }
    }

    #[test]
    fn variables_and_literals_name_fields() {
        let names = named(
            r#"{% for group, commits in commits | group_by(attribute="group") %}{% for c in commits | filter(attribute="github.username") %}{{ c.footers[0].token }}{{ c["links"] }}{% if "body" in c %}x{% endif %}{% endfor %}{% endfor %}"#,
        );
        for name in [
            "group", "commits", "github", "username", "c", "footers", "token", "links", "body",
        ] {
            assert!(names.contains(&name.to_string()), "{name} in {names:?}");
        }
        assert!(!names.contains(&"author".to_string()));
        assert!(!names.contains(&"gitlab".to_string()));
    }

    #[test]
    fn lists_and_text_may_be_counted() {
        named(
            "{{ commits | length }}{% for c in commits %}{{ c.message | length }}{{ c.footers | filter(attribute=\"breaking\", value=true) | length }}{% endfor %}",
        );
        named(
            "{% for g, commits in commits | group_by(attribute=\"group\") %}{{ commits | length }}{% endfor %}",
        );
        named(
            "{{ github.contributors | filter(attribute=\"is_first_time\", value=true) | length != 0 }}",
        );
    }

    #[test]
    fn whatever_reads_fields_without_naming_them_reaches_every_field() {
        for source in [
            "{% for c in commits %}{{ c | json_encode }}{% endfor %}",
            "{{ __tera_context }}",
            "{% for c in commits %}{{ c | length }}{% endfor %}",
            "{{ commits | first | length }}",
            "{% for commits in commits %}{{ commits | length }}{% endfor %}",
            "{% set commits = commits | first %}{{ commits | length }}",
            "{% for c in commits %}{% for k, v in c %}{{ k }}{% endfor %}{% endfor %}",
            "{% for c in commits %}{% set k = \"git\" ~ \"hub\" %}{{ c[k] }}{% endfor %}",
            "{% for c in commits %}{{ c | get(key=c.message) }}{% endfor %}",
            "{% set k = 'author' %}{{ commits | map(attribute=k) | join(sep=',') }}",
            "{% for c in commits %}{% for w in c.message | split(pat=' ') %}{% if w in c %}!{% endif %}{% endfor %}{% endfor %}",
            "{% for c in commits %}{% if c is containing(c.message) %}!{% endif %}{% endfor %}",
            "{% macro m(x) %}{{ x | length }}{% endmacro %}{% for c in commits %}{{ self::m(x=c) }}{% endfor %}",
        ] {
            assert_eq!(reach(source), Reach::Every, "{source}");
        }
    }

    #[test]
    fn a_variable_splits_into_its_parts() {
        use Segment::*;
        assert_eq!(
            segments(r#"a.b["c"][0][d.e].f"#),
            vec![
                Name("a"),
                Name("b"),
                Name("c"),
                Index,
                Computed("d.e"),
                Name("f")
            ]
        );
        assert_eq!(segments("commit"), vec![Name("commit")]);
        assert_eq!(segments("x['y z']"), vec![Name("x"), Name("y z")]);
    }
}
