//! Any text as `herald.toml`: loading gives a configuration or an error located in the
//! file, never a panic. A loaded configuration must also compile (components and rules).
#![no_main]

use std::path::Path;

use herald::config;
use herald::model::engine::EngineName;
use herald::model::files::MemoryFiles;
use herald::tools::{self, Detected};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match config::load_str(&text, Path::new("herald.toml")) {
        Ok(loaded) => {
            let detected = Detected {
                name: EngineName::Herald,
                file: None,
                source: "herald.toml".into(),
                also_found: Vec::new(),
                ci: None,
            };
            tools::load(&detected, &loaded, &MemoryFiles::new([]))
                .expect("a configuration that loads compiles");
        }
        Err(error) => {
            assert!(error.line >= 1 && error.column >= 1, "{error}");
            let lines = text.split('\n').count();
            assert!(error.line <= lines, "{error}: the text has {lines} lines");
        }
    }
});
