//! Any text as `herald.toml`: loading gives a configuration or an error located in the
//! file, never a panic. A loaded configuration must also compile (components and rules).
#![no_main]

use std::path::Path;

use herald::config;
use herald::engine::herald::Rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match config::load_str(&text, Path::new("herald.toml")) {
        Ok(loaded) => {
            Rules::new(&loaded).expect("a configuration that loads compiles");
        }
        Err(error) => {
            assert!(error.line >= 1 && error.column >= 1, "{error}");
            let lines = text.split('\n').count();
            assert!(error.line <= lines, "{error}: the text has {lines} lines");
        }
    }
});
