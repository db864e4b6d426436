//! A change as a reviewer reads it: in the figure's own scale and unit (`1269万人 →
//! 1206万人` is `−63万人`, not `-630000`; `5.1% → 5.5%` is `+0.4个百分点`), computed on
//! exact decimals so nothing is rounded on the way.

use super::LedgerSide;
use crate::report::figures::Decimal;

/// The minus sign of a decrease: the typographic one, which no spreadsheet reads as
/// the start of a formula.
const MINUS: &str = "\u{2212}";

/// Multipliers a figure may be written in, largest first, with their powers of ten.
const SCALES: &[(&str, i32)] = &[
    ("万亿", 12),
    ("萬億", 12),
    ("亿", 8),
    ("億", 8),
    ("万", 4),
    ("萬", 4),
];

/// The change from `old` to `new` as shown everywhere (the ledger table, its CSV, the
/// review interface): signed, in the scale both figures are written in (the smaller,
/// when they differ), with the unit; percentages change by percentage points.
pub fn format_change(old: &LedgerSide, new: &LedgerSide, unit: &str) -> Option<String> {
    let change = new.exact.checked_sub(old.exact)?;
    let exponent = scale_of(&old.surface).min(scale_of(&new.surface));
    let shown = change.shifted(-exponent)?;
    if change.is_zero() {
        return Some("0".to_string());
    }
    let (sign, magnitude) = if change.is_negative() {
        (MINUS, shown.negated())
    } else {
        ("+", shown)
    };
    let multiplier = SCALES
        .iter()
        .find(|(_, e)| *e == exponent)
        .map_or("", |(word, _)| *word);
    let unit = if unit == "%" { "个百分点" } else { unit };
    Some(format!("{sign}{magnitude}{multiplier}{unit}"))
}

/// The exact difference `new - old`, when it can be computed.
pub fn exact_change(old: &LedgerSide, new: &LedgerSide) -> Option<Decimal> {
    new.exact.checked_sub(old.exact)
}

/// The power of ten a figure is written in: `1269万人` is 4, `134.9万亿元` is 12.
fn scale_of(surface: &str) -> i32 {
    SCALES
        .iter()
        .find(|(word, _)| surface.contains(word))
        .map_or(0, |(_, exponent)| *exponent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Span;

    fn side(surface: &str, exact: &str) -> LedgerSide {
        let exact = Decimal::parse(exact).unwrap_or_else(|| panic!("bad decimal {exact}"));
        LedgerSide {
            value: exact.to_f64(),
            exact,
            approx: None,
            surface: surface.to_string(),
            sentence: String::new(),
            section: None,
            span: Span::default(),
        }
    }

    fn change(old: (&str, &str), new: (&str, &str), unit: &str) -> Option<String> {
        format_change(&side(old.0, old.1), &side(new.0, new.1), unit)
    }

    #[test]
    fn changes_keep_the_scale_they_were_written_in() {
        assert_eq!(
            change(("2380万人", "23800000"), ("2315万人", "23150000"), "人").as_deref(),
            Some("\u{2212}65万人")
        );
        assert_eq!(
            change(
                ("98万亿元", "98000000000000"),
                ("104.7万亿元", "104700000000000"),
                "元"
            )
            .as_deref(),
            Some("+6.7万亿元")
        );
        assert_eq!(
            change(("3.5亿元", "350000000"), ("4200万元", "42000000"), "元").as_deref(),
            Some("\u{2212}30800万元")
        );
        assert_eq!(
            change(("7000公里", "7000"), ("1万2千公里", "12000"), "公里").as_deref(),
            Some("+5000公里")
        );
    }

    #[test]
    fn percentages_change_by_points_and_counts_by_their_unit() {
        assert_eq!(
            change(("4.8%", "4.8"), ("5.3%", "5.3"), "%").as_deref(),
            Some("+0.5个百分点")
        );
        assert_eq!(
            change(("17件", "17"), ("9件", "9"), "件").as_deref(),
            Some("\u{2212}8件")
        );
        assert_eq!(
            change(("6次", "6"), ("6次", "6"), "次").as_deref(),
            Some("0")
        );
    }
}
