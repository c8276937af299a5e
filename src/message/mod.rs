//! Commit messages: git's cleanup, then parsing into herald's [`Commit`].

mod clean;
mod explain;
mod parse;
mod unusual;

pub use clean::{Cleanup, CommentPrefix, clean, decode};
pub use parse::{
    Autosquash, Commit, Footer, Header, HeaderError, Kind, Separator, parse, parse_header,
};
