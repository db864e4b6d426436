//! The CSV output of `nianbao figures`: one row per figure, or per ledger row.

use std::io::{self, Write};

use super::format::csv_line;
use super::{Compared, UTF8_BOM};
use crate::compare::ledger::LedgerSide;
use crate::export::flag_names;
use crate::i18n::{Lang, Msg, msg};
use crate::review::SourcedReport;

/// Two words as one column header: `上年数值`, `previous value`.
fn compound(lang: Lang, first: Msg, second: Msg) -> String {
    let separator = if lang == Lang::Zh { "" } else { " " };
    format!("{}{separator}{}", msg(lang, first), msg(lang, second))
}

pub(super) fn figures_csv(
    out: &mut impl Write,
    lang: Lang,
    sources: &[&SourcedReport],
) -> io::Result<()> {
    write!(out, "{UTF8_BOM}")?;
    let header: Vec<String> = [
        Msg::Township,
        Msg::County,
        Msg::Year,
        Msg::File,
        Msg::Section,
        Msg::Value,
        Msg::Unit,
        Msg::Qualifier,
        Msg::Surface,
        Msg::Label,
        Msg::Sentence,
    ]
    .iter()
    .map(|m| msg(lang, *m).to_string())
    .collect();
    csv_line(out, &header)?;
    for source in sources {
        for f in &source.report.figures {
            csv_line(
                out,
                &[
                    source.township().unwrap_or_default().to_string(),
                    source.county().unwrap_or_default().to_string(),
                    source.year().map(|y| y.to_string()).unwrap_or_default(),
                    source.file_name().unwrap_or_default(),
                    f.section.clone().unwrap_or_default(),
                    f.exact.to_string(),
                    f.unit.clone(),
                    f.approx.clone().unwrap_or_default(),
                    f.surface.clone(),
                    f.label.clone(),
                    f.sentence.clone(),
                ],
            )?;
        }
    }
    Ok(())
}

pub(super) fn ledger_csv(
    out: &mut impl Write,
    lang: Lang,
    ledgers: &[Compared<'_>],
) -> io::Result<()> {
    write!(out, "{UTF8_BOM}")?;
    let (prev, cur) = (Msg::Previous, Msg::Current);
    let header = vec![
        msg(lang, Msg::Township).to_string(),
        msg(lang, Msg::County).to_string(),
        compound(lang, prev, Msg::Year),
        compound(lang, cur, Msg::Year),
        msg(lang, Msg::Label).to_string(),
        msg(lang, Msg::Unit).to_string(),
        compound(lang, prev, Msg::Value),
        compound(lang, prev, Msg::Qualifier),
        compound(lang, prev, Msg::Surface),
        compound(lang, cur, Msg::Value),
        compound(lang, cur, Msg::Qualifier),
        compound(lang, cur, Msg::Surface),
        msg(lang, Msg::Change).to_string(),
        msg(lang, Msg::Flags).to_string(),
        compound(lang, prev, Msg::Sentence),
        compound(lang, cur, Msg::Sentence),
        compound(lang, Msg::Change, Msg::Value),
    ];
    csv_line(out, &header)?;
    for compared in ledgers {
        for row in &compared.rows {
            let side = |s: &Option<LedgerSide>| -> [String; 4] {
                match s {
                    Some(s) => [
                        s.exact.to_string(),
                        s.approx.clone().unwrap_or_default(),
                        s.surface.clone(),
                        s.sentence.clone(),
                    ],
                    None => Default::default(),
                }
            };
            let [old_value, old_approx, old_surface, old_sentence] = side(&row.old);
            let [new_value, new_approx, new_surface, new_sentence] = side(&row.new);
            let year = |s: &SourcedReport| s.year().map(|y| y.to_string()).unwrap_or_default();
            csv_line(
                out,
                &[
                    compared.new.township().unwrap_or_default().to_string(),
                    compared.new.county().unwrap_or_default().to_string(),
                    year(compared.old),
                    year(compared.new),
                    row.label.clone(),
                    row.unit.clone(),
                    old_value,
                    old_approx,
                    old_surface,
                    new_value,
                    new_approx,
                    new_surface,
                    row.change_text.clone().unwrap_or_default(),
                    flag_names(lang, &row.flags),
                    old_sentence,
                    new_sentence,
                    row.change_exact.map(|c| c.to_string()).unwrap_or_default(),
                ],
            )?;
        }
    }
    Ok(())
}
