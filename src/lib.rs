//! herald: the release CI will cut, visible at commit time.
//!
//! The pure core (`model`, `lint`, `tools`) knows nothing of git or
//! terminals; `repo` is the only module that talks to git; `commands` glue them to the
//! command line.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod hook_managers;
pub mod hook_scripts;
pub mod lint;
pub mod model;
pub mod release;
pub mod repo;
pub mod tools;
pub mod ui;
