//! The keyboard-driven review interface.

pub mod wrap;
