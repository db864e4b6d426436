//! The human-readable output of `nianbao reuse`: one report's shared passages, or the
//! store's ranking.

use super::LISTED_OCCURRENCES;
use crate::cli::output::Out;
use crate::cli::{Globals, print_json};
use crate::i18n::{Lang, Msg, Noun, counted, msg};
use crate::report::normalize::printable;
use crate::reuse::{DocInfo, Kind, Occurrence, Passage, ReuseReport, Shares, Top};
use crate::text::clean::field;

pub(super) fn kind_label(lang: Lang, kind: Kind) -> &'static str {
    let m = match kind {
        Kind::OwnHistory => Msg::ReuseOwnHistory,
        Kind::Template => Msg::ReuseTemplate,
        Kind::CrossTownship => Msg::ReuseCrossTownship,
        Kind::Widespread => Msg::ReuseWidespread,
    };
    msg(lang, m)
}

pub(super) fn describe(info: &DocInfo) -> String {
    let mut out = field(&info.township);
    if let Some(year) = info.year {
        out.push_str(&format!(" {year}"));
    }
    if !info.county.is_empty() {
        out.push_str(&format!(" · {}", field(&info.county)));
    }
    if let Some(file) = &info.file {
        out.push_str(&format!(" · {}", field(file)));
    }
    out
}

fn occurrence_label(o: &Occurrence) -> String {
    let mut out = field(&o.township);
    if let Some(year) = o.year {
        out.push_str(&format!(" {year}"));
    }
    out.push_str(&format!(" ({}–{}", o.start, o.end));
    if !o.exact {
        out.push_str(&format!(", {:.0}%", o.similarity * 100.0));
    }
    out.push(')');
    out
}

/// One line of passage text: cleaned, line breaks shown as spaces.
fn one_line(text: &str) -> String {
    printable(text).replace(['\n', '\t'], " ")
}

fn shares_line(lang: Lang, shares: &Shares) -> String {
    Kind::ALL
        .iter()
        .map(|&k| format!("{} {:.1}%", kind_label(lang, k), shares.get(k) * 100.0))
        .collect::<Vec<_>>()
        .join("  ")
}

pub(super) fn print_report(
    out: &mut Out,
    lang: Lang,
    info: &DocInfo,
    report: &ReuseReport,
) -> anyhow::Result<()> {
    writeln!(out, "{}", describe(info))?;
    writeln!(
        out,
        "{}: {}  ({})",
        msg(lang, Msg::ReuseShares),
        shares_line(lang, &report.shares),
        counted(lang, report.corpus_townships, Noun::Township)
    )?;
    if report.passages.is_empty() {
        return writeln!(out, "{}", msg(lang, Msg::ReuseNone));
    }
    for passage in &report.passages {
        writeln!(out)?;
        print_passage(out, lang, passage)?;
    }
    Ok(())
}

fn print_passage(out: &mut Out, lang: Lang, passage: &Passage) -> anyhow::Result<()> {
    let mut tags = vec![kind_label(lang, passage.kind).to_string()];
    if passage.near {
        tags.push(msg(lang, Msg::ReuseNear).to_string());
    }
    if passage.also_own_history {
        tags.push(msg(lang, Msg::ReuseAlsoOwnHistory).to_string());
    }
    let about = if passage.estimated {
        msg(lang, Msg::ReuseAbout)
    } else {
        ""
    };
    writeln!(
        out,
        "[{}] {}–{} · {} · {about}{}",
        tags.join(" · "),
        passage.start,
        passage.end,
        counted(lang, passage.chars, Noun::Char),
        counted(lang, passage.townships, Noun::Township)
    )?;
    writeln!(out, "  {}", one_line(&passage.text))?;
    let listed: Vec<String> = passage
        .reports
        .iter()
        .take(LISTED_OCCURRENCES)
        .map(occurrence_label)
        .collect();
    let mut line = format!("  {}: {}", msg(lang, Msg::ReuseAlsoIn), listed.join("; "));
    let more = passage.report_count.saturating_sub(listed.len());
    if more > 0 {
        line.push_str(&format!(" … {} {more}", msg(lang, Msg::ReuseMore)));
    }
    writeln!(out, "{line}")
}

pub(super) fn print_top(globals: &Globals, top: &Top, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(top);
    }
    let lang = globals.lang;
    let mut out = Out::paged(globals.display);
    writeln!(out, "{}", msg(lang, Msg::ReuseTopPassages))?;
    for (rank, passage) in top.passages.iter().enumerate() {
        let about = if passage.estimated {
            msg(lang, Msg::ReuseAbout)
        } else {
            ""
        };
        writeln!(
            out,
            "{:>3}. [{}] {} · {about}{} · {} {:.1}",
            rank + 1,
            kind_label(lang, passage.kind),
            counted(lang, passage.chars, Noun::Char),
            counted(lang, passage.townships, Noun::Township),
            msg(lang, Msg::ReuseScore),
            passage.score
        )?;
        writeln!(out, "     {}", one_line(&passage.text))?;
        let listed: Vec<String> = passage
            .reports
            .iter()
            .take(LISTED_OCCURRENCES)
            .map(occurrence_label)
            .collect();
        let more = passage.reports.len().saturating_sub(listed.len());
        let tail = if more > 0 {
            format!(" … {} {more}", msg(lang, Msg::ReuseMore))
        } else {
            String::new()
        };
        writeln!(out, "     {}{tail}", listed.join("; "))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", msg(lang, Msg::ReuseTopPairs))?;
    for (rank, pair) in top.pairs.iter().enumerate() {
        let name = |r: &crate::reuse::top::ReportRef| {
            let year = r.year.map(|y| format!(" {y}")).unwrap_or_default();
            format!("{}{year}", field(&r.township))
        };
        let kinds: Vec<String> = Kind::ALL
            .iter()
            .filter_map(|&k| {
                let chars = pair.by_kind.get(k);
                (chars > 0).then(|| format!("{} {chars}", kind_label(lang, k)))
            })
            .collect();
        writeln!(
            out,
            "{:>3}. {} ↔ {}  {} ({})",
            rank + 1,
            name(&pair.a),
            name(&pair.b),
            counted(lang, pair.shared_chars, Noun::Char),
            kinds.join(", ")
        )?;
    }
    out.finish()
}
