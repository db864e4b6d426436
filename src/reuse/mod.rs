//! Reuse across the corpus: shared passages, county templates and copying between
//! townships.
