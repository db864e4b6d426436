//! nianbao (年报): review Chinese township annual reports on rule-of-law government.
//!
//! The crate is layered so that the folders show the architecture:
//! - [`ingest`], [`report`], [`compare`], [`reuse`], [`search`]: the headless core. It knows no
//!   terminal and no SQLite, so every analysis can be tested and benchmarked alone.
//! - [`store`]: the SQLite store of reports, review notes, the reuse index and the
//!   full-text index.
//! - [`review`]: the review service both front ends call; it knows no terminal.
//! - [`cli`]: one module per subcommand, each with `--json`.
//! - [`tui`]: the keyboard-driven review interface.

pub mod cli;
pub mod compare;
pub mod demo;
pub mod fuzzing;
pub mod i18n;
pub mod ingest;
pub mod names;
pub mod report;
pub mod reuse;
pub mod review;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
