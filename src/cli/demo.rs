//! `nianbao demo`: the review interface on a store built from the built-in demo county.
//! Nothing is written to the user's own store; the demo lives in a temporary folder
//! unless `--dir` keeps it.

use std::path::PathBuf;

use super::output::Out;
use super::{Globals, Outcome, import};
use crate::demo;
use crate::text::clean;

/// Arguments of `nianbao demo`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:
  nianbao demo
  nianbao demo --dir 演示 --no-tui      保留演示文件和库，用命令行试用 / keep the files and store
  NIANBAO_STORE=演示/nianbao.db nianbao diff 松坪乡")]
pub struct Args {
    /// Keep the demo reports and store in this folder instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Build the demo store and stop, without opening the interface.
    #[arg(long)]
    pub no_tui: bool,
}

/// Builds the demo store and opens the interface on it.
pub fn run(
    globals: &Globals,
    args: Args,
    lang: Option<String>,
    theme: Option<String>,
) -> anyhow::Result<Outcome> {
    let temporary = match args.dir {
        Some(_) => None,
        None => Some(tempfile::Builder::new().prefix("nianbao-demo-").tempdir()?),
    };
    let dir = match (&args.dir, &temporary) {
        (Some(dir), _) => dir.clone(),
        (None, Some(temp)) => temp.path().to_path_buf(),
        (None, None) => anyhow::bail!("no folder for the demo"),
    };
    let store = dir.join("nianbao.db");
    let files = demo::write_files(&dir.join("reports")).map_err(|e| {
        anyhow::anyhow!("cannot write the demo reports into {}: {e}", dir.display())
    })?;
    let demo_globals = Globals {
        lang: globals.lang,
        display: globals.display,
        store: Some(store.clone()),
    };
    let imported = import::run(
        &demo_globals,
        import::Args {
            paths: files,
            township: None,
            county: Some(demo::COUNTY.to_string()),
            province: None,
            year: None,
            replace: false,
            json: false,
        },
    )?;
    if imported != Outcome::Clean {
        anyhow::bail!("the demo reports did not all import; see the lines above");
    }
    if args.no_tui {
        let mut out = Out::plain(globals.display);
        writeln!(
            out,
            "demo store: {}",
            clean::field(&store.display().to_string())
        )?;
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    crate::tui::run(crate::tui::Options { store, lang, theme })?;
    drop(temporary);
    Ok(Outcome::Clean)
}
