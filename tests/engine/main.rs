//! Engine tests: the library on text written for the tests and on the real corpus,
//! without the binary.

mod fuzz_regressions;
mod labels;
mod properties;
mod review_service;
mod stale_years;
mod web_pages;
