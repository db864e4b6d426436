//! Text as a terminal shows it, for every front end: how many cells a string takes
//! (CJK characters two, ambiguous punctuation as the user's terminal draws it), how
//! it fits a width with an ellipsis, and how it wraps under the CJK line-breaking
//! rules; times in local time with their offset. The CLI's side-by-side diff and the
//! review interface measure alike because both come here.

pub mod clean;
pub mod clock;
pub mod width;
pub mod wrap;
