//! A problem in a configuration file, located where a person can find it: every reader of
//! herald.toml and of the release tools' files reports through [`ConfigError`].

use std::path::{Path, PathBuf};

/// A configuration problem at a line and column of its file (both 1-based, the column in
/// characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    /// A problem at byte `offset` of the file's `text`.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> ConfigError {
        let (line, column) = line_column(text, offset);
        ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole (it cannot be read, or is of the wrong kind).
    pub fn whole(path: &Path, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset into `text`; an offset past
/// the end or inside a character counts from the character it falls in.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where the value at `key_path` is written in a TOML file, for errors found after parsing
/// (a number indexes an array or an array of tables); `None` when it is not written there.
pub fn toml_offset(text: &str, key_path: &[String]) -> Option<usize> {
    enum Node<'a> {
        Item(&'a toml_edit::Item),
        Table(&'a toml_edit::Table),
        Value(&'a toml_edit::Value),
    }
    let document = text.parse::<toml_edit::Document<String>>().ok()?;
    let mut node = Node::Item(document.as_item());
    let mut offset = 0;
    for key in key_path {
        let index = key.parse::<usize>();
        let next = match (&node, index) {
            (Node::Item(item), Ok(index)) => match item.as_array() {
                Some(array) => array.get(index).map(Node::Value),
                None => item
                    .as_array_of_tables()
                    .and_then(|t| t.get(index))
                    .map(Node::Table),
            },
            (Node::Item(item), Err(_)) => item.get(key.as_str()).map(Node::Item),
            (Node::Table(table), _) => table.get(key.as_str()).map(Node::Item),
            (Node::Value(value), Ok(index)) => {
                value.as_array().and_then(|a| a.get(index)).map(Node::Value)
            }
            (Node::Value(value), Err(_)) => value
                .as_inline_table()
                .and_then(|t| t.get(key.as_str()))
                .map(Node::Value),
        };
        let span = match &next {
            Some(Node::Item(item)) => item.span(),
            Some(Node::Table(table)) => table.span(),
            Some(Node::Value(value)) => value.span(),
            None => None,
        };
        node = next?;
        offset = span.map_or(offset, |s| s.start);
    }
    Some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_column("a\nbé c", 6), (2, 4));
        assert_eq!(line_column("é", 1), (1, 1));
        assert_eq!(line_column("ab", 99), (1, 3));
    }
}
