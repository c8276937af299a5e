//! herald's shared vocabulary, with no I/O: versions and tags, commit messages and the
//! changes of a range, decisions and their reasons, forecasts, release notes' common
//! parts, diagnostics and configuration errors. Everything else is written in these words.

pub mod change;
pub mod components;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod files;
pub mod forecast;
pub mod forge;
pub mod message;
pub mod notes;
pub mod parallel;
pub mod shell;
pub mod suggest;
pub mod surroundings;
pub mod version;
pub mod version_file;
pub mod warning;
pub mod work_path;
pub mod yaml;

pub use change::{
    Change, Decision, RawCommit, RawMessage, Reading, Reason, ReasonKind, Target, WalkOrder,
};
pub use engine::EngineName;
pub use error::ConfigError;
pub use forecast::{Forecast, Options};
pub use surroundings::{DatedTag, Surroundings};
pub use version::{Bump, Tag, TagFormat};
pub use warning::{Warning, WarningKind};
