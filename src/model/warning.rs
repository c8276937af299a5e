//! What a forecast says beside its answer, and whether it means the answer may not be the
//! release tool's: `preview --strict` refuses on the second kind only.

use std::fmt;

/// A warning beside a forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    pub text: String,
}

/// Whether herald's answer is still the tool's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// Worth knowing (commits the tool ignores, a branch CI does not release from); the
    /// answer is the tool's.
    Advice,
    /// herald does not reproduce the tool here (an option it does not read, or a known
    /// difference that applies to this history): the answer is what herald assumed.
    NotReproduced,
}

impl Warning {
    pub fn advice(text: impl Into<String>) -> Warning {
        Warning {
            kind: WarningKind::Advice,
            text: text.into(),
        }
    }

    pub fn not_reproduced(text: impl Into<String>) -> Warning {
        Warning {
            kind: WarningKind::NotReproduced,
            text: text.into(),
        }
    }

    /// Whether the tool may answer otherwise than herald did.
    pub fn is_not_reproduced(&self) -> bool {
        self.kind == WarningKind::NotReproduced
    }

    /// The same warning, said of `name` (a component's).
    pub fn about(&self, name: &str) -> Warning {
        Warning {
            kind: self.kind,
            text: format!("{name}: {}", self.text),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
