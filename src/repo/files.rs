//! Writing a file so that it is whole or absent, never half written: the bytes go to a
//! temporary file beside it, are flushed to disk, and the temporary file is renamed over
//! the old one, whose directory is flushed too. A crash, a kill or a power cut leaves the
//! old bytes or the new ones, never a truncated file.

use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The temporary file [`write_atomic`] writes `path` through: `.NAME.herald-tmp` beside it.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.herald-tmp"))
}

/// The permission bits of the file at `path`, if there is one.
pub fn mode_of(path: &Path) -> Option<u32> {
    fs::symlink_metadata(path)
        .ok()
        .map(|meta| meta.permissions().mode() & 0o7777)
}

/// Writes `bytes` to `path` through a temporary file renamed over it. An existing file
/// keeps its permissions; a new one gets `mode` when given, else the usual `0o666` less
/// the umask.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    write_whole(path, bytes, mode)?;
    sync_parent(path)
}

/// [`write_atomic`] without flushing the directory: the file's bytes are on disk, but its
/// name is only once something flushes the directory.
pub fn write_whole(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    let temp = temp_path(path);
    let keep = mode_of(path).or(mode);
    let result = (|| {
        remove_if_present(&temp)?;
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .open(&temp)?;
        file.write_all(bytes)?;
        if let Some(mode) = keep {
            file.set_permissions(Permissions::from_mode(mode))?;
        }
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes `path`, and flushes its directory; a file already absent is fine.
pub fn remove_durably(path: &Path) -> io::Result<()> {
    remove_if_present(path)?;
    sync_parent(path)
}

/// Removes `path` if it is there.
pub fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Flushes the directory holding `path`, so that a rename or a new name in it survives a
/// power cut.
pub fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => fs::File::open(dir)?.sync_all(),
        _ => Ok(()),
    }
}

/// The bytes of `path`, or `None` when there is no such file.
pub fn read_optional(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_keeps_the_mode_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("run.sh");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o751)).unwrap();
        write_atomic(&path, b"new", None).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(mode_of(&path), Some(0o751));
        assert!(!temp_path(&path).exists());
        let fresh = dir.path().join("fresh");
        write_atomic(&fresh, b"x", Some(0o600)).unwrap();
        assert_eq!(mode_of(&fresh), Some(0o600));
    }

    #[test]
    fn a_stale_temporary_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(temp_path(&path), "left by a crash").unwrap();
        write_atomic(&path, b"whole", None).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"whole");
        assert!(!temp_path(&path).exists());
    }
}
