//! The figure ledger of a pair as an HTML table, each figure's trend across every
//! stored year drawn as a small inline SVG line (no script, no image file).

use super::table;
use crate::compare::ledger::{FigureSeries, LedgerSide, series_for};
use crate::export::escape::markup;
use crate::export::flag_names;
use crate::i18n::{ExportMsg, Lang, Msg, export_msg, msg};
use crate::review::PairData;

/// Width and height of a trend chart, in CSS pixels.
const WIDTH: f64 = 96.0;
const HEIGHT: f64 = 24.0;
/// Space kept free around the line so its dots are not cut.
const PAD: f64 = 3.0;

/// Label, unit, both years' figures, the change, flags and the trend of every row.
pub fn ledger_table(pair: &PairData, lang: Lang) -> String {
    let surface = |side: &Option<LedgerSide>| {
        side.as_ref()
            .map_or_else(|| "-".to_string(), |s| markup(&s.surface))
    };
    let rows: Vec<Vec<String>> = pair
        .ledger
        .iter()
        .map(|row| {
            let series = series_for(&pair.series, row, pair.old_year, Some(pair.new_year));
            vec![
                markup(&row.label),
                markup(&row.unit),
                surface(&row.old),
                surface(&row.new),
                markup(row.change_text.as_deref().unwrap_or("")),
                markup(&flag_names(lang, &row.flags)),
                series.map_or_else(String::new, trend_svg),
            ]
        })
        .collect();
    let headers = [
        msg(lang, Msg::Label),
        msg(lang, Msg::Unit),
        msg(lang, Msg::Previous),
        msg(lang, Msg::Current),
        msg(lang, Msg::Change),
        msg(lang, Msg::Flags),
        export_msg(lang, ExportMsg::Trend),
    ];
    table("ledger", &headers, &rows)
}

/// A figure's values by year as a polyline with a dot per year, lowest value at the
/// bottom; a title lists the values for readers and screen readers. Empty with fewer
/// than two years.
pub fn trend_svg(series: &FigureSeries) -> String {
    let points = &series.points;
    if points.len() < 2 {
        return String::new();
    }
    let values = points.iter().map(|(_, v)| *v);
    let low = values.clone().fold(f64::INFINITY, f64::min);
    let high = values.fold(f64::NEG_INFINITY, f64::max);
    let span = if high > low { high - low } else { 1.0 };
    let step = (WIDTH - 2.0 * PAD) / (points.len() - 1) as f64;
    let coordinates: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, (_, value))| {
            let x = PAD + step * i as f64;
            let y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2.0 * PAD);
            (x, if y.is_finite() { y } else { HEIGHT / 2.0 })
        })
        .collect();
    let line: Vec<String> = coordinates
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect();
    let dots: String = coordinates
        .iter()
        .map(|(x, y)| format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.8\"/>"))
        .collect();
    let title: Vec<String> = points.iter().map(|(y, v)| format!("{y}: {v}")).collect();
    format!(
        "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" \
         height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\"><title>{}</title>\
         <polyline points=\"{}\"/>{dots}</svg>",
        markup(&title.join("; ")),
        line.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(points: Vec<(i32, f64)>) -> FigureSeries {
        FigureSeries {
            label: "培训".into(),
            unit: "次".into(),
            points,
            at: Vec::new(),
        }
    }

    #[test]
    fn a_trend_rises_from_the_bottom_left_to_the_top_right() {
        let svg = trend_svg(&series(vec![(2021, 1.0), (2022, 5.0), (2023, 9.0)]));
        assert!(
            svg.contains("points=\"3.0,21.0 48.0,12.0 93.0,3.0\""),
            "{svg}"
        );
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("<title>2021: 1; 2022: 5; 2023: 9</title>"));
    }

    #[test]
    fn one_year_draws_nothing_and_a_flat_line_stays_inside() {
        assert_eq!(trend_svg(&series(vec![(2023, 4.0)])), "");
        let flat = trend_svg(&series(vec![(2022, 4.0), (2023, 4.0)]));
        assert!(flat.contains("points=\"3.0,21.0 93.0,21.0\""), "{flat}");
    }
}
