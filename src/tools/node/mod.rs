//! What semantic-release and release-please share because both run on Node.js: JavaScript's
//! regular expressions and white space, and ICU's `localeCompare` order.

pub mod collate;
pub mod jsregex;
