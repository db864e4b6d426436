//! Names and years that become a report's identity. Two names that look the same must
//! be the same identity: `杉岭乡` followed by an invisible zero-width space would
//! otherwise be a second township that gets around `--replace` and every look-up. So
//! every township, county and province name is normalized the same way wherever it
//! enters — detected from text, passed as a flag, or typed to look a report up.

use std::ops::RangeInclusive;

use unicode_normalization::UnicodeNormalization;

/// Characters that draw nothing but would make two equal-looking names differ.
const INVISIBLE: &[char] = &[
    '\u{200B}', // zero-width space
    '\u{200C}', // zero-width non-joiner
    '\u{200D}', // zero-width joiner
    '\u{2060}', // word joiner
    '\u{FEFF}', // zero-width no-break space (byte order mark)
    '\u{00AD}', // soft hyphen
];

/// The first reporting year accepted: the People's Republic's founding year, before
/// which no report of this kind exists.
pub const FIRST_YEAR: i32 = 1949;

/// The form a name is stored and looked up in: NFKC (full-width letters and digits,
/// compatibility ideographs folded), invisible characters removed, surrounding white
/// space trimmed. May be empty; [`identity_name`] refuses that.
pub fn normalize(name: &str) -> String {
    name.nfkc()
        .filter(|c| !INVISIBLE.contains(c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// A normalized name fit to be part of an identity; `what` names the field in the
/// error (`township`, `--county`, …).
pub fn identity_name(name: &str, what: &str) -> Result<String, String> {
    let normalized = normalize(name);
    if normalized.is_empty() {
        return Err(format!(
            "the {what} name {name:?} is empty once invisible characters and spaces are removed"
        ));
    }
    Ok(normalized)
}

/// Reporting years accepted: 1949 to next year (a plan for next year may be filed
/// before the year starts).
pub fn year_range() -> RangeInclusive<i32> {
    FIRST_YEAR..=current_year().saturating_add(1)
}

/// A reporting year inside [`year_range`]; the error says which range.
pub fn reporting_year(year: i32) -> Result<i32, String> {
    let range = year_range();
    if range.contains(&year) {
        Ok(year)
    } else {
        Err(format!(
            "{year} is not a plausible reporting year (expected {}–{})",
            range.start(),
            range.end()
        ))
    }
}

/// The current calendar year (UTC), from the system clock; a clock that cannot be read
/// leaves the upper bound open rather than refusing every report.
fn current_year() -> i32 {
    crate::store::now_iso8601()
        .split('-')
        .next()
        .and_then(|year| year.parse().ok())
        .unwrap_or(i32::MAX)
}

/// Parses a `--township`/`--county`/`--province` flag into its normalized form.
pub fn parse_name_flag(value: &str) -> Result<String, String> {
    identity_name(value, "given")
}

/// Parses a `--year` flag that sets a reporting year.
pub fn parse_year_flag(value: &str) -> Result<i32, String> {
    let year = value
        .trim()
        .parse::<i32>()
        .map_err(|_| format!("{value:?} is not a year"))?;
    reporting_year(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_and_width_do_not_make_a_new_name() {
        for variant in [
            "杉岭乡\u{200B}",
            "\u{FEFF}杉岭乡",
            "杉\u{00AD}岭\u{2060}乡",
            " 杉岭乡\u{3000}",
            "杉\u{200C}岭\u{200D}乡",
        ] {
            assert_eq!(normalize(variant), "杉岭乡", "{variant:?}");
        }
        assert_eq!(normalize("ＡＢ镇１"), "AB镇1");
    }

    #[test]
    fn empty_names_are_refused() {
        assert!(identity_name("\u{200B} \u{3000}", "township").is_err());
        assert_eq!(
            identity_name(" 东安镇 ", "township").as_deref(),
            Ok("东安镇")
        );
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        for bad in ["-5", "0", "2147483647", "1948", "year"] {
            assert!(parse_year_flag(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_year_flag("1949"), Ok(1949));
        assert_eq!(parse_year_flag("2021"), Ok(2021));
        let next = *year_range().end();
        assert_eq!(reporting_year(next), Ok(next));
        assert!(reporting_year(next + 1).is_err());
    }
}
