//! `nianbao inspect`: analyse files without a store.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::output::Out;
use super::{Globals, Outcome, print_json};
use crate::i18n::{Lang, Msg, msg};
use crate::report::{Figure, Finding, Part, Report, Span};
use crate::review::{ReportSource, ReviewError};
use crate::text::clean::field;

/// Arguments of `nianbao inspect`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "示例 / Examples:\n  nianbao inspect 杉岭乡2021.txt\n  nianbao inspect *.docx --json"
)]
pub struct Args {
    /// Report files (.txt .docx .html).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print as JSON (an object for one file, an array for several).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    path: &'a str,
    level: u8,
    marker: &'a str,
    title: &'a str,
    parts: &'a [Part],
    start: usize,
    end: usize,
    heading: Span,
    body: Span,
}

#[derive(Serialize)]
struct InspectJson<'a> {
    file: String,
    township: Option<&'a str>,
    county: Option<&'a str>,
    province: Option<&'a str>,
    year: Option<i32>,
    title: Option<&'a str>,
    signed_by: Option<&'a str>,
    signed_on: Option<&'a str>,
    preamble: Span,
    closing: Option<Span>,
    sections: Vec<SectionJson<'a>>,
    figures: &'a [Figure],
    lint: &'a [Finding],
}

#[derive(Serialize)]
struct FailedJson {
    file: String,
    error: String,
}

/// Analyses each file and prints the outline, or JSON.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let mut reports = Vec::new();
    let mut failed = Vec::new();
    for file in &args.files {
        match ReportSource::File(file.clone()).analyze() {
            Ok(sourced) => reports.push((file, sourced.report)),
            Err(error) => {
                eprintln!("nianbao: {}", field(&error.in_lang(globals.lang)));
                failed.push(FailedJson {
                    file: file.display().to_string(),
                    error: reason(&error),
                });
            }
        }
    }
    if args.json {
        let values: Vec<InspectJson> = reports.iter().map(|(f, r)| to_json(f, r)).collect();
        if args.files.len() == 1 && values.len() == 1 {
            print_json(&values[0])?;
        } else {
            print_json(&values)?;
        }
    } else {
        let mut out = Out::paged(globals.display);
        for (file, report) in &reports {
            print_outline(globals, &mut out, file, report)?;
        }
        out.finish()?;
    }
    Ok(if failed.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Why a file failed, without the file name its JSON entry already has.
fn reason(error: &ReviewError) -> String {
    match error {
        ReviewError::File { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

fn to_json<'a>(file: &Path, report: &'a Report) -> InspectJson<'a> {
    let meta = &report.meta;
    InspectJson {
        file: file.display().to_string(),
        township: meta.township.as_deref(),
        county: meta.county.as_deref(),
        province: meta.province.as_deref(),
        year: meta.year,
        title: meta.title.as_deref(),
        signed_by: meta.signed_by.as_deref(),
        signed_on: meta.signed_on.as_deref(),
        preamble: report.preamble,
        closing: report.closing,
        sections: report
            .sections
            .iter()
            .map(|s| SectionJson {
                path: &s.path,
                level: s.level,
                marker: &s.marker,
                title: &s.title,
                parts: &s.parts,
                start: s.span.start,
                end: s.span.end,
                heading: s.heading,
                body: s.body,
            })
            .collect(),
        figures: &report.figures,
        lint: &report.lint,
    }
}

fn print_outline(
    globals: &Globals,
    out: &mut Out,
    file: &Path,
    report: &Report,
) -> anyhow::Result<()> {
    let lang = globals.lang;
    let meta = &report.meta;
    let dash = |v: Option<&str>| field(v.unwrap_or("-"));
    writeln!(out, "{}", field(&file.display().to_string()))?;
    writeln!(
        out,
        "  {} {}  {} {}  {} {}  {} {}",
        msg(lang, Msg::Township),
        dash(meta.township.as_deref()),
        msg(lang, Msg::County),
        dash(meta.county.as_deref()),
        msg(lang, Msg::Province),
        dash(meta.province.as_deref()),
        msg(lang, Msg::Year),
        meta.year.map_or("-".to_string(), |y| y.to_string())
    )?;
    writeln!(
        out,
        "  {} {}",
        msg(lang, Msg::Title),
        dash(meta.title.as_deref())
    )?;
    print_parts(out, lang, report)?;
    if let Some(closing) = report.closing {
        writeln!(
            out,
            "  {} {}",
            msg(lang, Msg::Closing),
            one_line(&report.slice(closing))
        )?;
    }
    print_sections(out, lang, report)?;
    writeln!(
        out,
        "  {}: {}",
        msg(lang, Msg::Figures),
        report.figures.len()
    )?;
    for f in &report.figures {
        writeln!(
            out,
            "    {}  {}  {}",
            f.surface,
            crate::report::normalize::printable(&f.label),
            f.section.as_deref().unwrap_or("-")
        )?;
    }
    if report.lint.is_empty() {
        writeln!(
            out,
            "  {}: {}",
            msg(lang, Msg::Lint),
            msg(lang, Msg::NoFindings)
        )?;
    } else {
        writeln!(out, "  {}:", msg(lang, Msg::Lint))?;
        for l in &report.lint {
            print_finding(out, lang, l)?;
        }
    }
    writeln!(out)
}

/// Which top-level heading covers each statutory part, `-` where none does.
fn print_parts(out: &mut Out, lang: crate::i18n::Lang, report: &Report) -> anyhow::Result<()> {
    let cells: Vec<String> = Part::ALL
        .iter()
        .map(|part| {
            let markers: Vec<&str> = report
                .sections
                .iter()
                .filter(|s| s.parent.is_none() && s.parts.contains(part))
                .map(|s| s.marker.as_str())
                .collect();
            let covered = if markers.is_empty() {
                "-".to_string()
            } else {
                crate::report::normalize::printable(&markers.join(""))
            };
            format!("{part:?} {covered}")
        })
        .collect();
    writeln!(out, "  {} {}", msg(lang, Msg::Parts), cells.join("  "))
}

/// The tree, indented by depth, with paths to jump to and the parts of top-level
/// sections (their children share them).
fn print_sections(out: &mut Out, lang: crate::i18n::Lang, report: &Report) -> anyhow::Result<()> {
    writeln!(out, "  {}:", msg(lang, Msg::Sections))?;
    let width = report
        .sections
        .iter()
        .map(|s| s.path.len())
        .max()
        .unwrap_or(0);
    for s in &report.sections {
        let depth = s.path.matches('.').count();
        let indent = "  ".repeat(depth);
        let marker = crate::report::normalize::printable(&s.marker);
        let title = crate::report::normalize::printable(&s.title);
        let parts = if s.parent.is_none() && !s.parts.is_empty() {
            let codes: Vec<String> = s.parts.iter().map(|p| format!("{p:?}")).collect();
            format!("  [{}]", codes.join(" "))
        } else {
            String::new()
        };
        writeln!(
            out,
            "    {:<width$}  {indent}{marker}{title}{parts}",
            s.path
        )?;
    }
    Ok(())
}

/// A finding on one line, with the text it points at quoted below.
fn print_finding(out: &mut Out, lang: Lang, finding: &Finding) -> anyhow::Result<()> {
    let kind = serde_json::to_value(finding.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let place = finding
        .section
        .as_deref()
        .map(|p| format!(" {p}"))
        .unwrap_or_default();
    let evidence = finding
        .evidence
        .and_then(|e| serde_json::to_value(e).ok())
        .and_then(|v| v.as_str().map(|e| format!(" · {e}")))
        .unwrap_or_default();
    writeln!(
        out,
        "    [{kind}{evidence}]{place} {}",
        crate::report::normalize::printable(&finding.text(lang))
    )?;
    if !finding.excerpt.is_empty() {
        writeln!(out, "        “{}”", one_line(&finding.excerpt))?;
    }
    Ok(())
}

/// Untrusted text on one line: control characters removed, runs of whitespace (line
/// breaks and right-aligning spaces included) folded to one space.
fn one_line(text: &str) -> String {
    crate::report::normalize::printable(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
