//! `herald changelog`: the next release's notes, printed or put into a file.

use super::preview::{forecast, markdown, strictness};
use super::{Context, Outcome};
use crate::cli::ChangelogArgs;
use crate::error::{Error, Result};

/// The top-level entry point for `herald changelog`.
pub fn run(args: &ChangelogArgs, ctx: &Context) -> Result<Outcome> {
    let gathered = forecast(&args.forecast, true, true, ctx)?;
    let Some(path) = &args.output else {
        print!("{}", markdown(&gathered));
        return Ok(strictness(&args.forecast, &gathered, false, ctx));
    };
    // A file is written only with notes herald means to match the tool's.
    if strictness(&args.forecast, &gathered, false, ctx) == Outcome::Refused {
        eprintln!("herald: {} left as it is", path.display());
        return Ok(Outcome::Refused);
    }
    let released: Vec<_> = gathered
        .forecasts
        .iter()
        .filter(|f| f.next.is_some())
        .collect();
    if released.is_empty() {
        if !ctx.quiet {
            eprintln!(
                "herald: no release is due; {} left as it is",
                path.display()
            );
        }
        return Ok(Outcome::Success);
    }
    let mut text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::Input(format!("cannot read {}: {e}", path.display()))),
    };
    for forecast in released.iter().rev() {
        let version = forecast.next.as_ref().expect("released");
        text = gathered.tool.insert_notes(&text, &forecast.notes, version);
    }
    std::fs::write(path, &text)
        .map_err(|e| Error::Write(format!("cannot write {}: {e}", path.display())))?;
    if !ctx.quiet {
        let versions: Vec<String> = released
            .iter()
            .map(|f| f.next_text().expect("released"))
            .collect();
        eprintln!(
            "herald: {} has the notes for {}",
            path.display(),
            versions.join(", ")
        );
    }
    Ok(Outcome::Success)
}
