//! Unit tests of the engine's decisions on commit lists (no git).
