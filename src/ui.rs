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

/// The questions an interactive command asks. A trait, so that the decisions behind the
/// questions can be exercised with scripted answers.
pub trait Prompter {
    /// Picks one of `items`; `default` is highlighted first.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> std::io::Result<usize>;
    /// A line of text, offered `default`; asked again while `check` refuses it.
    fn input(
        &mut self,
        prompt: &str,
        default: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> std::io::Result<String>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> std::io::Result<bool>;
}

/// Questions on the terminal, drawn on stdout with dialoguer.
pub struct TerminalPrompter {
    term: console::Term,
    theme: Box<dyn dialoguer::theme::Theme>,
}

impl TerminalPrompter {
    pub fn new(colors: bool) -> TerminalPrompter {
        console::set_colors_enabled(colors);
        let theme: Box<dyn dialoguer::theme::Theme> = if colors {
            Box::new(dialoguer::theme::ColorfulTheme::default())
        } else {
            Box::new(dialoguer::theme::SimpleTheme)
        };
        TerminalPrompter {
            term: console::Term::stdout(),
            theme,
        }
    }

    /// Whether questions can be asked: stdin and stdout are both terminals.
    pub fn available() -> bool {
        std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
    }
}

fn prompt_error(error: dialoguer::Error) -> std::io::Error {
    match error {
        dialoguer::Error::IO(error) => error,
    }
}

impl Prompter for TerminalPrompter {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> std::io::Result<usize> {
        dialoguer::Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on(&self.term)
            .map_err(prompt_error)
    }

    fn input(
        &mut self,
        prompt: &str,
        default: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> std::io::Result<String> {
        dialoguer::Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .default(default.to_string())
            .validate_with(|value: &String| check(value.trim()))
            .interact_text_on(&self.term)
            .map(|value| value.trim().to_string())
            .map_err(prompt_error)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> std::io::Result<bool> {
        dialoguer::Confirm::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .default(default)
            .interact_on(&self.term)
            .map_err(prompt_error)
    }
}
