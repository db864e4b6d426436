//! `nianbao bench-corpus`: writes a synthetic corpus for scale runs (see BENCHMARKS.md).

use std::path::PathBuf;

use super::output::Out;
use super::{Globals, Outcome};
use crate::demo::corpus::{CorpusSpec, generate};
use crate::i18n::{ErrorMsg, Msg, Noun, counted, error_words, fill, io_reason, msg};
use crate::text::clean::field;

/// Arguments of `nianbao bench-corpus`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "示例 / Examples:\n  nianbao bench-corpus --reports 10000 --out /tmp/corpus\n  nianbao import /tmp/corpus --store /tmp/scale.db"
)]
pub struct Args {
    /// Number of reports to write.
    #[arg(long, default_value_t = 1000)]
    pub reports: usize,
    /// Folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Consecutive years per township.
    #[arg(long, default_value_t = 6)]
    pub years: usize,
    /// Townships per county.
    #[arg(long, default_value_t = 20)]
    pub per_county: usize,
    /// Seed: the same seed writes the same corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Writes the corpus file by file (memory does not grow with the number of reports)
/// and says where.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let spec = CorpusSpec {
        reports: args.reports,
        years: args.years,
        townships_per_county: args.per_county,
        seed: args.seed,
        ..CorpusSpec::default()
    };
    let lang = globals.lang;
    let written = generate(&spec, &args.out).map_err(|e| {
        let words = [args.out.display().to_string(), io_reason(lang, &e)];
        anyhow::anyhow!(
            "{}",
            error_words(lang, ErrorMsg::CorpusCannotWrite, &[&words[0], &words[1]])
        )
    })?;
    let mut out = Out::plain(globals.display);
    let line = fill(
        msg(lang, Msg::CorpusWritten),
        &[
            &counted(lang, written.reports, Noun::Report),
            &format!("{:.1}", written.bytes as f64 / 1e6),
            &args.out.display().to_string(),
        ],
    );
    writeln!(out, "{}", field(&line))?;
    out.finish()?;
    Ok(Outcome::Clean)
}
