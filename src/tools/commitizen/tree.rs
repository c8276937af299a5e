//! commitizen's configuration, read the way commitizen 4.19.3 reads it: the `commitizen`
//! section of `.cz.toml`, `cz.toml` or `pyproject.toml` (`[tool.commitizen]`), or of
//! `.cz.json`, `cz.json`, `.cz.yaml`, `cz.yaml` (a top-level `commitizen` key). Keys
//! commitizen does not know are ignored, as commitizen ignores them; a key herald needs
//! with a value of the wrong kind is an error located in its file.

use std::path::Path;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A configuration value from any of the three formats, tables in the file's order (the
/// order of `bump_map` decides which rule wins).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Node>),
    Table(Vec<Field>),
}

/// One key of a table, with where its value is written (TOML only).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub value: Node,
    pub offset: Option<usize>,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Field> {
        match self {
            Node::Table(fields) => fields.iter().find(|f| f.key == key),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) => "an integer",
            Node::Float(_) => "a number",
            Node::Str(_) => "a string",
            Node::List(_) => "a list",
            Node::Table(_) => "a table",
        }
    }
}

/// A configuration file's text and how to point into it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file as shown in messages (`pyproject.toml`).
    pub shown: String,
    pub text: String,
}

impl Source {
    /// A problem at `offset` of the file (at its start when the place is unknown).
    pub fn error(&self, offset: Option<usize>, message: impl std::fmt::Display) -> ConfigError {
        let path = Path::new(&self.shown);
        match offset {
            Some(offset) => ConfigError::at(path, &self.text, offset, message.to_string()),
            None => ConfigError::whole(path, message.to_string()),
        }
    }

    /// An error about `field`'s value.
    pub fn field_error(&self, field: &Field, message: impl std::fmt::Display) -> ConfigError {
        self.error(field.offset, format!("`{}`: {message}", field.key))
    }
}

use crate::model::ConfigError;

/// The file's format, from its extension (as commitizen decides it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Yaml,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_string();
        if name.ends_with(".toml") {
            Some(Format::Toml)
        } else if name.ends_with(".json") {
            Some(Format::Json)
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            Some(Format::Yaml)
        } else {
            None
        }
    }
}

/// Reads a whole configuration file into a tree; syntax errors are located.
pub fn read_tree(source: &Source, format: Format) -> Result<Node, ConfigError> {
    match format {
        Format::Toml => toml_tree(source),
        Format::Json => serde_json::from_str::<Node>(&source.text).map_err(|e| ConfigError {
            path: Path::new(&source.shown).to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: format!("invalid JSON: {}", strip_position(&e.to_string())),
        }),
        Format::Yaml => yaml_tree(source),
    }
}

/// serde_json appends ` at line L column C`; the location is already in front.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

fn toml_tree(source: &Source) -> Result<Node, ConfigError> {
    let document = source
        .text
        .parse::<toml_edit::Document<String>>()
        .map_err(|e| {
            source.error(
                Some(e.span().map_or(0, |s| s.start)),
                format!("invalid TOML: {}", e.message().trim()),
            )
        })?;
    Ok(from_item(document.as_item()))
}

fn from_item(item: &toml_edit::Item) -> Node {
    use toml_edit::Item;
    match item {
        Item::None => Node::Null,
        Item::Value(value) => from_value(value),
        Item::Table(table) => Node::Table(
            table
                .iter()
                .map(|(key, item)| Field {
                    key: key.to_string(),
                    value: from_item(item),
                    offset: item
                        .span()
                        .or_else(|| table.key(key).and_then(|k| k.span()))
                        .map(|s| s.start),
                })
                .collect(),
        ),
        Item::ArrayOfTables(tables) => Node::List(
            tables
                .iter()
                .map(|t| from_item(&Item::Table(t.clone())))
                .collect(),
        ),
    }
}

fn from_value(value: &toml_edit::Value) -> Node {
    use toml_edit::Value;
    match value {
        Value::String(s) => Node::Str(s.value().clone()),
        Value::Integer(i) => Node::Int(*i.value()),
        Value::Float(f) => Node::Float(*f.value()),
        Value::Boolean(b) => Node::Bool(*b.value()),
        Value::Datetime(d) => Node::Str(d.value().to_string()),
        Value::Array(array) => Node::List(array.iter().map(from_value).collect()),
        Value::InlineTable(table) => Node::Table(
            table
                .iter()
                .map(|(key, value)| Field {
                    key: key.to_string(),
                    value: from_value(value),
                    offset: value.span().map(|s| s.start),
                })
                .collect(),
        ),
    }
}

fn yaml_tree(source: &Source) -> Result<Node, ConfigError> {
    let document = crate::model::yaml::load(&source.text).map_err(|e| ConfigError {
        path: Path::new(&source.shown).to_path_buf(),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    Ok(from_yaml(&document))
}

fn from_yaml(yaml: &yaml_rust2::Yaml) -> Node {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Real(text) => text.parse().map_or(Node::Str(text.clone()), Node::Float),
        Yaml::Integer(i) => Node::Int(*i),
        Yaml::String(s) => Node::Str(s.clone()),
        Yaml::Boolean(b) => Node::Bool(*b),
        Yaml::Array(items) => Node::List(items.iter().map(from_yaml).collect()),
        Yaml::Hash(hash) => Node::Table(
            hash.iter()
                .map(|(key, value)| Field {
                    key: match key {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        Yaml::Real(r) => r.clone(),
                        _ => String::new(),
                    },
                    value: from_yaml(value),
                    offset: None,
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Node::Null,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        struct NodeVisitor;

        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a configuration value")
            }

            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }

            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }

            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v))
            }

            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(i64::try_from(v).map_or(Node::Float(v as f64), Node::Int))
            }

            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Float(v))
            }

            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_string()))
            }

            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut fields: Vec<Field> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Node>()? {
                    // A repeated key keeps its last value, as Python's json does.
                    fields.retain(|f| f.key != key);
                    fields.push(Field {
                        key,
                        value,
                        offset: None,
                    });
                }
                Ok(Node::Table(fields))
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

/// The `commitizen` section of a configuration file: `[tool.commitizen]` in TOML, the
/// top-level `commitizen` key in JSON and YAML. `None` when the file has none.
pub fn section(tree: &Node, format: Format) -> Option<&Field> {
    match format {
        Format::Toml => tree
            .get("tool")
            .and_then(|tool| tool.value.get("commitizen")),
        Format::Json | Format::Yaml => tree.get("commitizen"),
    }
    .filter(|field| field.value != Node::Null)
}

/// A table of strings (or nulls), in the file's order.
pub type StringMap = Vec<(String, Option<String>)>;

/// Typed access to one table's keys, with errors that point at the value.
pub struct Reader<'a> {
    pub source: &'a Source,
    pub table: &'a Node,
}

impl<'a> Reader<'a> {
    pub fn field(&self, key: &str) -> Option<&'a Field> {
        self.table.get(key)
    }

    /// A string value; Python's falsy values count as absent.
    pub fn string(&self, key: &str) -> Result<Option<String>, ConfigError> {
        match self.field(key) {
            None => Ok(None),
            Some(field) => match &field.value {
                Node::Null => Ok(None),
                Node::Str(s) if s.is_empty() => Ok(None),
                Node::Str(s) => Ok(Some(s.clone())),
                other => Err(self
                    .source
                    .field_error(field, format!("expected a string, found {}", other.kind()))),
            },
        }
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, ConfigError> {
        match self.field(key) {
            None => Ok(None),
            Some(field) => match &field.value {
                Node::Null => Ok(None),
                Node::Bool(b) => Ok(Some(*b)),
                other => Err(self.source.field_error(
                    field,
                    format!("expected true or false, found {}", other.kind()),
                )),
            },
        }
    }

    pub fn integer(&self, key: &str) -> Result<Option<i64>, ConfigError> {
        match self.field(key) {
            None => Ok(None),
            Some(field) => match &field.value {
                Node::Null => Ok(None),
                Node::Int(i) => Ok(Some(*i)),
                other => Err(self.source.field_error(
                    field,
                    format!("expected an integer, found {}", other.kind()),
                )),
            },
        }
    }

    /// A list of strings; an empty list counts as absent.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, ConfigError> {
        let Some(field) = self.field(key) else {
            return Ok(None);
        };
        match &field.value {
            Node::Null => Ok(None),
            Node::List(items) if items.is_empty() => Ok(None),
            Node::List(items) => items
                .iter()
                .map(|item| match item {
                    Node::Str(s) => Ok(s.clone()),
                    other => Err(self.source.field_error(
                        field,
                        format!("expected a list of strings, found {} in it", other.kind()),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            other => Err(self.source.field_error(
                field,
                format!("expected a list of strings, found {}", other.kind()),
            )),
        }
    }

    /// A table of strings (or nulls) in the file's order; an empty table counts as absent.
    pub fn string_map(&self, key: &str) -> Result<Option<StringMap>, ConfigError> {
        let Some(field) = self.field(key) else {
            return Ok(None);
        };
        match &field.value {
            Node::Null => Ok(None),
            Node::Table(entries) if entries.is_empty() => Ok(None),
            Node::Table(entries) => entries
                .iter()
                .map(|entry| match &entry.value {
                    Node::Str(s) => Ok((entry.key.clone(), Some(s.clone()))),
                    Node::Null => Ok((entry.key.clone(), None)),
                    other => Err(self
                        .source
                        .field_error(entry, format!("expected a string, found {}", other.kind()))),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            other => Err(self
                .source
                .field_error(field, format!("expected a table, found {}", other.kind()))),
        }
    }

    /// A sub-table, as a reader.
    pub fn table(&self, key: &str) -> Result<Option<Reader<'a>>, ConfigError> {
        let Some(field) = self.field(key) else {
            return Ok(None);
        };
        match &field.value {
            Node::Null => Ok(None),
            Node::Table(_) => Ok(Some(Reader {
                source: self.source,
                table: &field.value,
            })),
            other => Err(self
                .source
                .field_error(field, format!("expected a table, found {}", other.kind()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(shown: &str, text: &str) -> Source {
        Source {
            shown: shown.into(),
            text: text.into(),
        }
    }

    #[test]
    fn toml_keeps_order_and_places() {
        let src = source(
            ".cz.toml",
            "[tool.commitizen]\nversion = \"1.0.0\"\n[tool.commitizen.customize]\nbump_map = { \"^z\" = \"MAJOR\", \"^a\" = \"MINOR\" }\n",
        );
        let tree = read_tree(&src, Format::Toml).unwrap();
        let found = section(&tree, Format::Toml).unwrap();
        let reader = Reader {
            source: &src,
            table: &found.value,
        };
        assert_eq!(reader.string("version").unwrap().as_deref(), Some("1.0.0"));
        let custom = reader.table("customize").unwrap().unwrap();
        let map = custom.string_map("bump_map").unwrap().unwrap();
        assert_eq!(map[0].0, "^z");
        assert_eq!(map[1].0, "^a");
        let error = reader.boolean("version").unwrap_err().to_string();
        assert_eq!(
            error,
            ".cz.toml:2:11: `version`: expected true or false, found a string"
        );
    }

    #[test]
    fn json_and_yaml_keep_order() {
        let src = source(
            ".cz.json",
            r#"{"commitizen": {"customize": {"bump_map": {"^z": "MAJOR", "^a": "MINOR"}}}}"#,
        );
        let tree = read_tree(&src, Format::Json).unwrap();
        let found = section(&tree, Format::Json).unwrap();
        let keys: Vec<String> = match &found.value.get("customize").unwrap().value {
            Node::Table(fields) => match &fields[0].value {
                Node::Table(map) => map.iter().map(|f| f.key.clone()).collect(),
                _ => panic!(),
            },
            _ => panic!(),
        };
        assert_eq!(keys, ["^z", "^a"]);
        let src = source(
            "cz.yaml",
            "commitizen:\n  version: 1.0.0\n  major_version_zero: true\n",
        );
        let tree = read_tree(&src, Format::Yaml).unwrap();
        let found = section(&tree, Format::Yaml).unwrap();
        assert_eq!(
            found.value.get("major_version_zero").unwrap().value,
            Node::Bool(true)
        );
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = read_tree(&source(".cz.toml", "[tool.commitizen\n"), Format::Toml)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with(".cz.toml:1:"), "{error}");
        let error = read_tree(
            &source(".cz.json", "{\n  \"commitizen\": ,\n}"),
            Format::Json,
        )
        .unwrap_err()
        .to_string();
        assert!(error.starts_with(".cz.json:2:"), "{error}");
        let error = read_tree(&source("cz.yaml", "commitizen:\n  a: [1,\n"), Format::Yaml)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("cz.yaml:"), "{error}");
    }
}
