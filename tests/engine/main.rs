//! Engine tests: the library on text written for the tests and on the real corpus,
//! without the binary.

// Test helpers stop on the first broken assumption; the library itself may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod fuzz_regressions;
mod huge_pairs;
mod labels;
mod properties;
mod reuse_edges;
mod review_service;
mod segment;
mod source_size;
mod stale_years;
mod web_pages;
