//! Review-interface tests: the `App` driven by key sequences and rendered to a buffer,
//! the worker on real stores, and the real binary in tmux.

// Test helpers stop on the first broken assumption; the library itself may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../tui_support/mod.rs"]
mod tui_support;

mod corpus_scan;
mod corpus_search;
mod e2e;
mod export_prompt;
mod figures_scale;
mod fresh_store;
mod hangup;
mod heading_marks;
mod keys;
mod log_file;
mod long_pair;
mod loop_keys;
mod memory;
mod notes;
mod prelaid;
mod read_only;
mod readme;
mod reuse;
mod review_list;
mod review_loop;
mod sentence_level;
mod views;
mod worker;
