//! Locks that keep herald's own writers apart: two `herald release` runs in one repository
//! (linked worktrees included), or two refused commits saving their messages at once.
//!
//! A lock is `flock(2)` on a file that is never deleted. The kernel releases it when its
//! holder ends, however it ends (a crash, `kill -9`), so a dead holder never blocks
//! anyone; the holder's pid is written in the file only to say who holds it.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::path::Path;

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Who holds a lock that is busy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// As the holder wrote it; `None` when it had not yet.
    pub pid: Option<u32>,
}

impl Lock {
    /// Takes the lock at `path` when it is free, or says who holds it.
    pub fn try_take(path: &Path) -> io::Result<Result<Lock, Holder>> {
        let mut file = open(path)?;
        if !flock(&file, libc::LOCK_EX | libc::LOCK_NB)? {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Ok(Err(Holder {
                pid: text.trim().parse().ok(),
            }));
        }
        sign(&mut file)?;
        Ok(Ok(Lock { _file: file }))
    }

    /// Takes the lock at `path`, waiting while another process holds it (for locks held
    /// only for an instant).
    pub fn take(path: &Path) -> io::Result<Lock> {
        let mut file = open(path)?;
        flock(&file, libc::LOCK_EX)?;
        sign(&mut file)?;
        Ok(Lock { _file: file })
    }
}

fn open(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// `flock`; `Ok(false)` when a non-blocking request finds the lock taken.
fn flock(file: &File, operation: libc::c_int) -> io::Result<bool> {
    loop {
        // SAFETY: flock on a descriptor this function borrows for the call.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(true);
        }
        let error = io::Error::last_os_error();
        match error.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) => return Ok(false),
            _ => return Err(error),
        }
    }
}

/// Writes this process's pid into the lock file.
fn sign(file: &mut File) -> io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    writeln!(file, "{}", std::process::id())
}

/// Whether a process with this pid is alive (signal 0 reaches it, or it exists but is not
/// ours to signal).
pub fn is_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 checks for the process and sends nothing.
    if unsafe { libc::kill(pid, 0) } == 0 {
        return true;
    }
    io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_names_its_holder_and_is_free_again_once_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("herald/release.lock");
        let held = Lock::try_take(&path).unwrap().unwrap();
        let busy = Lock::try_take(&path).unwrap().unwrap_err();
        assert_eq!(busy.pid, Some(std::process::id()));
        drop(held);
        assert!(Lock::try_take(&path).unwrap().is_ok());
    }

    #[test]
    fn this_process_is_alive() {
        assert!(is_alive(std::process::id()));
    }
}
