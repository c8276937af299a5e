//! Waiting for a program herald runs (a hook, `git push`) while staying interruptible: a
//! signal herald receives meanwhile is passed on to the program, so that it ends and
//! herald can undo what it did.

use std::io::Read;
use std::process::{Child, ExitStatus};
use std::time::Duration;

/// Tells whether a signal has arrived (its number), and is asked while waiting.
pub type Interrupted<'a> = &'a dyn Fn() -> Option<i32>;

/// Waits for `child` to end; passes a signal reported by `interrupted` on to it once.
pub fn wait(child: &mut Child, interrupted: Interrupted<'_>) -> std::io::Result<ExitStatus> {
    let mut passed_on = false;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if let (Some(signal), false) = (interrupted(), passed_on) {
            if let Ok(pid) = libc::pid_t::try_from(child.id()) {
                // SAFETY: a signal sent to the child this function waits for.
                unsafe { libc::kill(pid, signal) };
            }
            passed_on = true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits for `child` and collects what it wrote on its piped stderr.
pub fn wait_with_stderr(
    child: &mut Child,
    interrupted: Interrupted<'_>,
) -> std::io::Result<(ExitStatus, String)> {
    let reader = child.stderr.take().map(|mut stderr| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        })
    });
    let status = wait(child, interrupted)?;
    let text = reader
        .and_then(|thread| thread.join().ok())
        .unwrap_or_default();
    Ok((status, text))
}
