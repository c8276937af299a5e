//! YAML from a repository's files, read with a bound: a few hundred bytes of nested aliases
//! (`a: &a [x, x]`, `b: &b [*a, *a]`, …) expand to billions of values, and a YAML loader
//! copies every one. The size a document would expand to is counted from the parser's
//! events first, and a document past [`MAX_NODES`] is refused before anything is copied.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::{Yaml, YamlLoader};

/// The most values (scalars, sequences and mappings, aliases expanded) a document may
/// hold: far more than any configuration or workflow file.
pub const MAX_NODES: u64 = 1_000_000;

/// The deepest nesting a document may have.
pub const MAX_DEPTH: usize = 512;

/// Why a YAML text cannot be read, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The first document of `text` (`Yaml::Null` for an empty text).
pub fn load(text: &str) -> Result<Yaml, YamlError> {
    Ok(load_all(text)?.into_iter().next().unwrap_or(Yaml::Null))
}

/// Every document of `text`.
pub fn load_all(text: &str) -> Result<Vec<Yaml>, YamlError> {
    let mut sizer = Sizer::default();
    Parser::new_from_str(text)
        .load(&mut sizer, true)
        .map_err(|error| YamlError {
            line: error.marker().line().max(1),
            column: error.marker().col() + 1,
            message: format!("invalid YAML: {}", error.info()),
        })?;
    if let Some((marker, message)) = sizer.refused {
        return Err(YamlError {
            line: marker.line().max(1),
            column: marker.col() + 1,
            message,
        });
    }
    YamlLoader::load_from_str(text).map_err(|error| YamlError {
        line: error.marker().line().max(1),
        column: error.marker().col() + 1,
        message: format!("invalid YAML: {}", error.info()),
    })
}

/// Counts what the documents expand to, without building them.
#[derive(Default)]
struct Sizer {
    /// The expanded size of each anchored node.
    anchors: HashMap<usize, u64>,
    /// The open collections: their anchor and the size counted so far.
    open: Vec<(usize, u64)>,
    total: u64,
    refused: Option<(Marker, String)>,
}

impl Sizer {
    fn add(&mut self, size: u64, marker: Marker) {
        match self.open.last_mut() {
            Some((_, counted)) => *counted = counted.saturating_add(size),
            None => self.total = self.total.saturating_add(size),
        }
        let pending: u64 = self.open.iter().map(|(_, s)| *s).sum();
        if self.refused.is_none() && self.total.saturating_add(pending) > MAX_NODES {
            self.refused = Some((
                marker,
                format!(
                    "the YAML expands to more than {MAX_NODES} values (through its aliases); herald does not read it"
                ),
            ));
        }
    }
}

impl MarkedEventReceiver for Sizer {
    fn on_event(&mut self, event: Event, marker: Marker) {
        if self.refused.is_some() {
            return;
        }
        match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.open.len() >= MAX_DEPTH {
                    self.refused = Some((
                        marker,
                        format!(
                            "the YAML nests deeper than {MAX_DEPTH} levels; herald does not read it"
                        ),
                    ));
                    return;
                }
                self.open.push((anchor, 1));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, size)) = self.open.pop() {
                    if anchor > 0 {
                        self.anchors.insert(anchor, size);
                    }
                    self.add(size, marker);
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                if anchor > 0 {
                    self.anchors.insert(anchor, 1);
                }
                self.add(1, marker);
            }
            Event::Alias(anchor) => {
                let size = self.anchors.get(&anchor).copied().unwrap_or(1);
                self.add(size, marker);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ordinary_yaml() {
        let yaml = load("branches: [main]\nplugins:\n  - a\n  - b\n").unwrap();
        assert_eq!(yaml["plugins"][1].as_str(), Some("b"));
        assert_eq!(load("").unwrap(), Yaml::Null);
        let anchors = load("base: &b {x: 1}\nother: *b\n").unwrap();
        assert_eq!(anchors["other"]["x"].as_i64(), Some(1));
    }

    #[test]
    fn refuses_alias_bombs_before_expanding_them() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                [prev.as_str(); 10].join(", ")
            ));
        }
        let error = load(&text).unwrap_err();
        assert!(error.message.contains("expands to more than"), "{error}");
        assert!(error.line > 1);
    }

    #[test]
    fn refuses_deep_nesting() {
        let text = format!(
            "{}{}",
            "[".repeat(MAX_DEPTH + 10),
            "]".repeat(MAX_DEPTH + 10)
        );
        let error = load(&text).unwrap_err();
        assert!(
            error.message.contains("nests deeper") || error.message.contains("recursion"),
            "{error}"
        );
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = load("a: [1,\n").unwrap_err();
        assert!(error.message.starts_with("invalid YAML"), "{error}");
        assert!(error.line >= 1);
    }
}
