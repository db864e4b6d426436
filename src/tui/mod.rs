//! The keyboard-driven review interface.
