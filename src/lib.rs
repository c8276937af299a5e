//! herald: the release CI will cut, visible at commit time.
//!
//! The pure core (`message`, `lint`, `diagnostic`, `version`, `config`) knows nothing of
//! git or terminals; `repo` is the only module that talks to git; `commands` glue them
//! to the command line.

pub mod changelog;
pub mod cli;
pub mod commands;
pub mod components;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod forecast;
pub mod forge;
pub mod hook_managers;
pub mod hook_scripts;
pub mod lint;
pub mod message;
pub mod release;
pub mod repo;
pub mod ui;
pub mod version;
