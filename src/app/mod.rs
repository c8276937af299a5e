//! What several commands share: checking a message, reading the repository's release
//! tool, the one rule for the last release, and gathering forecasts.

pub mod check;
pub mod delta;
pub mod forecast;
pub mod gather;
pub mod last_release;
pub mod surroundings;
