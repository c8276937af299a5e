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
