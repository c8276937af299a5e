//! Errors that end a command, and the exit code each maps to (see the README).

use crate::model::ConfigError;
use crate::repo::RepoError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: usage, an unreadable file, an invalid message source.
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Repo(#[from] RepoError),
    /// A change to the repository failed (writing hooks, branches, tags).
    #[error("{0}")]
    Write(String),
    /// A signal stopped a change to the repository (which was undone).
    #[error("{message}")]
    Interrupted { signal: i32, message: String },
}

impl Error {
    /// 2 for bad input (usage, config, not a repository); 3 when git itself failed; 128
    /// plus the signal's number when a signal stopped herald, as shells report it.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Config(_) => 2,
            Error::Repo(
                RepoError::NotARepository(_)
                | RepoError::BadRevision { .. }
                | RepoError::Shallow(_),
            ) => 2,
            Error::Repo(RepoError::Git(_)) | Error::Write(_) => 3,
            Error::Interrupted { signal, .. } => 128 + signal,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
