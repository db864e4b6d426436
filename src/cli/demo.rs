//! `nianbao demo`: the review interface on a store built from the built-in demo county.
//! Nothing is written to the user's own store; the demo lives in a temporary folder
//! unless `--dir` keeps it.

use std::path::PathBuf;

use super::output::Out;
use super::{Globals, Outcome, import};
use crate::demo;
use crate::i18n::{ErrorMsg, Msg, error_msg, error_words, fill, io_reason, msg};
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
    let (dir, temporary) = match &args.dir {
        Some(dir) => (dir.clone(), None),
        None => {
            let temporary = tempfile::Builder::new().prefix("nianbao-demo-").tempdir()?;
            (temporary.path().to_path_buf(), Some(temporary))
        }
    };
    let store = dir.join("nianbao.db");
    let files = demo::write_files(&dir.join("reports")).map_err(|e| {
        let words = [dir.display().to_string(), io_reason(globals.lang, &e)];
        anyhow::anyhow!(
            "{}",
            error_words(
                globals.lang,
                ErrorMsg::DemoCannotWrite,
                &[&words[0], &words[1]]
            )
        )
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
        anyhow::bail!("{}", error_msg(globals.lang, ErrorMsg::DemoImportFailed));
    }
    if args.no_tui {
        let mut out = Out::plain(globals.display);
        let line = fill(
            msg(globals.lang, Msg::DemoStore),
            &[&store.display().to_string()],
        );
        writeln!(out, "{}", clean::field(&line))?;
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    crate::tui::run(crate::tui::Options { store, lang, theme })?;
    drop(temporary);
    Ok(Outcome::Clean)
}
