//! Command-line tests: each runs the real `nianbao` binary on a temporary store, as a
//! user would.

// Test helpers stop on the first broken assumption; the library itself may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod batch_limit;
mod check_history;
mod check_stream;
mod compare;
mod concurrency;
mod converters;
mod crash;
mod demo;
mod export_docx;
mod export_files;
mod export_html;
mod figures;
mod finding_lang;
mod findings_report;
mod give_way;
mod help_lang;
mod hostile_input;
mod identity_names;
mod import_years;
mod ingest;
mod message_lang;
mod pager;
mod read_only_store;
mod report;
mod reuse;
mod reuse_one_county;
mod reuse_replace;
mod reuse_top;
mod search;
mod search_reindex;
mod search_stream;
mod special_files;
mod store_cli;
mod store_identity;
mod terminal_output;
mod width_lang;
