//! `nianbao list`: the townships in the store with their years.

use super::{Globals, Outcome, print_json};
use crate::i18n::{Msg, msg};

/// Arguments of `nianbao list`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:\n  nianbao list\n  nianbao list --json")]
pub struct Args {
    /// Print as JSON: [{"township","county","province","years"}].
    #[arg(long)]
    pub json: bool,
}

/// Prints the township list.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = globals.open_store()?;
    let townships = store.townships()?;
    if args.json {
        print_json(&townships)?;
        return Ok(Outcome::Clean);
    }
    let lang = globals.lang;
    if townships.is_empty() {
        println!("{}", msg(lang, Msg::NoReports));
        return Ok(Outcome::Clean);
    }
    println!(
        "{}\t{}\t{}\t{}",
        msg(lang, Msg::Township),
        msg(lang, Msg::County),
        msg(lang, Msg::Province),
        msg(lang, Msg::Years)
    );
    for t in &townships {
        let years: Vec<String> = t.years.iter().map(|y| y.to_string()).collect();
        println!(
            "{}\t{}\t{}\t{}",
            t.township,
            t.county.as_deref().unwrap_or("-"),
            t.province.as_deref().unwrap_or("-"),
            years.join(" ")
        );
    }
    Ok(Outcome::Clean)
}
