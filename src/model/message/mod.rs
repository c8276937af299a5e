//! Commit messages: git's cleanup, then parsing into herald's [`Message`].

mod clean;
mod explain;
mod parse;
mod summary;
mod text;
mod unusual;

pub use clean::{Cleanup, CommentPrefix, clean, decode};
pub use parse::{
    Autosquash, Footer, Header, HeaderError, Kind, Message, Separator, parse, parse_header,
    parse_owned, summary_shape,
};
pub use summary::what_rules_read;
pub use text::Text;
