//! Year over year: align two reports section by section and sentence by sentence, with
//! word-level edits and copy scores.
