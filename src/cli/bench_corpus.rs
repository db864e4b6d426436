//! `nianbao bench-corpus`: writes a synthetic corpus for scale runs (see BENCHMARKS.md).

use std::path::PathBuf;

use super::output::Out;
use super::{Globals, Outcome};
use crate::demo::corpus::{CorpusSpec, generate};
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
    let written = generate(&spec, &args.out)
        .map_err(|e| anyhow::anyhow!("cannot write corpus into {}: {e}", args.out.display()))?;
    let mut out = Out::plain(globals.display);
    writeln!(
        out,
        "{} reports, {:.1} MB, in {}",
        written.reports,
        written.bytes as f64 / 1e6,
        field(&args.out.display().to_string())
    )?;
    out.finish()?;
    Ok(Outcome::Clean)
}
