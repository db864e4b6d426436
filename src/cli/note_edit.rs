//! `nianbao notes edit` and `nianbao notes delete`: correcting or withdrawing a note by
//! the id `notes list` prints, so a script or a reviewer without the interface can.

use anyhow::bail;

use super::{Outcome, print_json};
use crate::i18n::{Lang, Msg, fill, msg};
use crate::report::normalize::printable;
use crate::store::{NoteKind, Store};

/// Arguments of `nianbao notes edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The note's id, as printed by `nianbao notes list`.
    pub id: i64,
    /// The new text of the note.
    #[arg(long)]
    pub text: String,
    /// Print the changed note as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `nianbao notes delete`.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The note's id, as printed by `nianbao notes list`.
    pub id: i64,
}

/// Replaces the text of a note or flag; refuses an unknown id and a reviewed mark.
pub fn edit(lang: Lang, store: &Store, args: EditArgs) -> anyhow::Result<Outcome> {
    let body = printable(args.text.trim());
    if body.is_empty() {
        bail!("{}", msg(lang, Msg::NotesEditEmpty));
    }
    match store.note(args.id)? {
        None => bail!("{}", unknown(lang, args.id)),
        Some(note) if note.kind == NoteKind::Reviewed => {
            bail!(
                "{}",
                fill(msg(lang, Msg::NotesNotANote), &[&args.id.to_string()])
            )
        }
        Some(_) => {}
    }
    if !store.update_note_body(args.id, &body)? {
        bail!("{}", unknown(lang, args.id));
    }
    if args.json {
        print_json(&store.note(args.id)?)?;
    } else {
        println!(
            "{}",
            fill(msg(lang, Msg::NotesEdited), &[&args.id.to_string()])
        );
    }
    Ok(Outcome::Clean)
}

/// Deletes a note, flag or reviewed mark; refuses an unknown id.
pub fn delete(lang: Lang, store: &Store, args: DeleteArgs) -> anyhow::Result<Outcome> {
    if !store.delete_note(args.id)? {
        bail!("{}", unknown(lang, args.id));
    }
    println!(
        "{}",
        fill(msg(lang, Msg::NotesDeleted), &[&args.id.to_string()])
    );
    Ok(Outcome::Clean)
}

fn unknown(lang: Lang, id: i64) -> String {
    fill(msg(lang, Msg::NotesUnknownId), &[&id.to_string()])
}
