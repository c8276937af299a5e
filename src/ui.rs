//! Terminal presentation: whether to colour, and the few styles herald uses.

use std::io::IsTerminal;

use console::Style;

use crate::cli::ColorChoice;

/// Which of herald's output streams to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    pub stdout: bool,
    pub stderr: bool,
}

impl Colors {
    /// `--color`, then `NO_COLOR` (any non-empty value turns colour off), then
    /// `CLICOLOR_FORCE` (non-zero turns it on), then whether the stream is a terminal.
    pub fn resolve(choice: ColorChoice) -> Colors {
        let env = |key: &str| std::env::var(key).ok().filter(|v| !v.is_empty());
        let decide = |is_terminal: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if env("NO_COLOR").is_some() => false,
            ColorChoice::Auto if env("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
            ColorChoice::Auto => is_terminal,
        };
        Colors {
            stdout: decide(std::io::stdout().is_terminal()),
            stderr: decide(std::io::stderr().is_terminal()),
        }
    }
}

/// Styles for one stream; plain when colour is off.
pub struct Palette {
    enabled: bool,
}

impl Palette {
    pub fn new(enabled: bool) -> Palette {
        Palette { enabled }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        style.force_styling(self.enabled).apply_to(text).to_string()
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    pub fn warn(&self, text: &str) -> String {
        self.paint(Style::new().yellow().bold(), text)
    }

    pub fn error(&self, text: &str) -> String {
        self.paint(Style::new().red().bold(), text)
    }

    pub fn good(&self, text: &str) -> String {
        self.paint(Style::new().green(), text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dim(), text)
    }
}
