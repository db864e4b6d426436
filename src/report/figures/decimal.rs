//! Exact decimal values. A figure's value is read digit by digit, and `1.39万亿` must stay
//! 1 390 000 000 000 whatever a float would make of it; a change is shown in the figure's
//! own scale (`-63万人`), which is a shift of the decimal point, not a division.

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

/// `mantissa / 10^scale`, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Scales beyond this are not kept (no figure has more decimals).
const MAX_SCALE: u32 = 30;

impl Decimal {
    /// `mantissa / 10^scale`.
    pub fn new(mantissa: i128, scale: u32) -> Decimal {
        Decimal { mantissa, scale }.normalized()
    }

    /// The value times `10^exponent` (`万` is 4), or `None` if it no longer fits.
    pub fn shifted(self, exponent: i32) -> Option<Decimal> {
        let scale = i64::from(self.scale) - i64::from(exponent);
        if scale >= 0 {
            let scale = u32::try_from(scale).ok().filter(|s| *s <= MAX_SCALE)?;
            Some(Decimal::new(self.mantissa, scale))
        } else {
            let factor = 10i128.checked_pow(u32::try_from(-scale).ok()?)?;
            Some(Decimal::new(self.mantissa.checked_mul(factor)?, 0))
        }
    }

    /// The sum, or `None` if it does not fit.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = aligned(self, other)?;
        Some(Decimal::new(a.checked_add(b)?, scale))
    }

    /// The difference, or `None` if it does not fit.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = aligned(self, other)?;
        Some(Decimal::new(a.checked_sub(b)?, scale))
    }

    /// The same value negated.
    pub fn negated(self) -> Decimal {
        Decimal::new(-self.mantissa, self.scale)
    }

    /// True below zero.
    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// True at zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// The nearest float, for arithmetic that may be approximate (ratios, sums).
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    /// Reads `-12.50`, `630000`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let scale = u32::try_from(fraction.len()).ok()?;
        let mantissa: i128 = format!("{whole}{fraction}").parse().ok()?;
        let value = Decimal::new(mantissa, scale);
        Some(if negative { value.negated() } else { value })
    }

    /// Trailing zeros of the fraction dropped, so equal values compare equal.
    fn normalized(self) -> Decimal {
        let Decimal {
            mut mantissa,
            mut scale,
        } = self;
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        Decimal { mantissa, scale }
    }
}

/// Both mantissas at the larger scale.
fn aligned(a: Decimal, b: Decimal) -> Option<(i128, i128, u32)> {
    let scale = a.scale.max(b.scale);
    let up = |d: Decimal| {
        10i128
            .checked_pow(scale - d.scale)
            .and_then(|f| d.mantissa.checked_mul(f))
    };
    Some((up(a)?, up(b)?, scale))
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match aligned(*self, *other) {
            Some((a, b, _)) => a.cmp(&b),
            None => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Display for Decimal {
    /// Plain decimal notation, never an exponent: `-630000`, `8.9`, `0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

impl Serialize for Decimal {
    /// As a string, so no JSON reader rounds it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or_else(|| panic!("not a decimal: {text}"))
    }

    #[test]
    fn shifting_moves_the_point_exactly() {
        assert_eq!(
            d("134.9").shifted(12).map(|v| v.to_string()).as_deref(),
            Some("134900000000000")
        );
        assert_eq!(
            d("-630000").shifted(-4).map(|v| v.to_string()).as_deref(),
            Some("-63")
        );
        assert_eq!(
            d("5").shifted(-2).map(|v| v.to_string()).as_deref(),
            Some("0.05")
        );
    }

    #[test]
    fn differences_are_exact() {
        let change = d("134900000000000").checked_sub(d("126000000000000"));
        assert_eq!(
            change
                .and_then(|c| c.shifted(-12))
                .map(|c| c.to_string())
                .as_deref(),
            Some("8.9")
        );
        assert_eq!(
            d("5.5")
                .checked_sub(d("5.1"))
                .map(|c| c.to_string())
                .as_deref(),
            Some("0.4")
        );
        assert_eq!(d("1.50"), d("1.5"));
        assert!(d("-5") < d("0.5"));
    }

    #[test]
    fn parse_refuses_what_is_not_a_number() {
        for text in ["", "-", "1e5", "1.2.3", "12a", ".5"] {
            assert_eq!(Decimal::parse(text), None, "{text}");
        }
    }
}
