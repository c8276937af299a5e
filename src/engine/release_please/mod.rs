//! release-please 17.11.2 (manifest releaser).

pub mod commits;
pub mod grammar;

#[cfg(test)]
mod tests;
