//! The engine against release-please itself: random messages checked against the real
//! parser's answers (`fixtures`), and the cases of release-please's own test suite with
//! the answers of release-please 17.11.2 (`upstream`).

mod fixtures;
mod upstream;
