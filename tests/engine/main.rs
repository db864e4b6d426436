//! Engine tests: the library on text written for the tests and on the real corpus,
//! without the binary.

// Test helpers stop on the first broken assumption; the library itself may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fuzz_regressions;
mod labels;
mod properties;
mod review_service;
mod source_size;
mod stale_years;
mod web_pages;
