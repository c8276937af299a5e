//! Commit messages: git's cleanup, then parsing into herald's [`Message`].

mod clean;
mod parse;

pub use clean::{Cleanup, CommentPrefix, clean, decode};
pub use parse::{
    Autosquash, Footer, Header, HeaderError, Kind, Message, Separator, parse, parse_header,
};
