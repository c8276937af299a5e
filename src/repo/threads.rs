//! Handles on the repository for threads that read objects beside the main one (a
//! `git2::Repository` cannot be shared between threads).
//!
//! libgit2 shares an opened pack between every handle on it, found by the pack's file
//! name, and reads it behind locks: two threads reading trees from one pack waited on
//! those locks about 146,000 times in a walk of 100,000 commits and took longer than one
//! thread alone. A handle whose object directory is named another way (`objects/.`)
//! gets packs of its own, and the threads no longer wait on each other.

use std::path::PathBuf;

use git2::{ObjectFormat, Odb, Repository};

/// What a thread needs to open its own handle, taken from the main one.
pub(super) struct ThreadHandles {
    git_dir: PathBuf,
    objects: PathBuf,
    format: ObjectFormat,
}

impl ThreadHandles {
    pub fn of(repo: &Repository) -> Self {
        ThreadHandles {
            git_dir: repo.path().to_path_buf(),
            objects: objects_dir(repo),
            format: repo.object_format(),
        }
    }

    /// A handle with packs of its own, or `None` when the repository cannot be opened
    /// again (the caller then reads through the main handle, which says what is wrong).
    pub fn open(&self) -> Option<Repository> {
        let repo = Repository::open(&self.git_dir).ok()?;
        let odb = Odb::new_ext(self.format).ok()?;
        // `add_disk_alternate` also reads the directory's own alternates.
        odb.add_disk_alternate(self.objects.join(".").to_str()?)
            .ok()?;
        repo.set_odb(&odb).ok()?;
        Some(repo)
    }
}

/// The object directory git reads: `GIT_OBJECT_DIRECTORY`, else `objects` in the common
/// git directory.
pub(super) fn objects_dir(repo: &Repository) -> PathBuf {
    std::env::var_os("GIT_OBJECT_DIRECTORY")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.commondir().join("objects"))
}
