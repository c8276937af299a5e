//! A message's text, held once. A long walk reads most messages from the commits cache,
//! whose bytes stay in memory for the whole run; a message whose stored text is exactly
//! its bytes there is a span of them rather than a copy, so a history of long messages
//! is not held twice.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Text that is either owned or a span of a shared buffer; it reads as a `str`.
#[derive(Clone)]
pub struct Text(Held);

#[derive(Clone)]
enum Held {
    Own(String),
    /// `buffer[span]` is valid UTF-8: [`Text::shared`] checks it before making one.
    Shared(Arc<Vec<u8>>, Range<usize>),
}

impl Text {
    /// `buffer[span]` as text, when it holds exactly `expected`.
    pub fn shared(buffer: &Arc<Vec<u8>>, span: Range<usize>, expected: &str) -> Option<Text> {
        (buffer.get(span.clone())? == expected.as_bytes())
            .then(|| Text(Held::Shared(Arc::clone(buffer), span)))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Held::Own(text) => text,
            Held::Shared(buffer, span) => {
                let bytes = &buffer[span.clone()];
                // SAFETY: `shared` made this span only after finding in it the bytes of
                // a `str`, and the buffer behind an `Arc` never changes.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Text(Held::Own(String::new()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(Held::Own(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(Held::Own(text.to_string()))
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_shared_only_when_it_holds_the_text() {
        let buffer = Arc::new(b"\x00\xfffeat: x\n\xff".to_vec());
        let text = Text::shared(&buffer, 2..9, "feat: x").unwrap();
        assert_eq!(text, "feat: x");
        assert_eq!(Arc::strong_count(&buffer), 2);
        assert!(Text::shared(&buffer, 2..10, "feat: x").is_none());
        assert!(Text::shared(&buffer, 0..9, "feat: x").is_none());
        assert!(Text::shared(&buffer, 2..99, "feat: x").is_none());
    }
}
