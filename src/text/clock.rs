//! Times as a reviewer reads them: the store keeps UTC (`2026-03-02T06:15:00Z`), the
//! interface and the command line show local time with its offset
//! (`2026-03-02 14:15 +08:00`), so reviewers in different places agree on the moment.

/// `2026-03-02T06:15:00Z` in local time with the offset: `2026-03-02 14:15 +08:00`.
/// Text that is not such a time is returned as it is.
pub fn local(utc: &str) -> String {
    let Some(secs) = parse_utc(utc) else {
        return utc.to_string();
    };
    at_offset(secs, local_offset(secs))
}

/// Seconds since the Unix epoch of `YYYY-MM-DDTHH:MM:SSZ`.
pub fn parse_utc(text: &str) -> Option<i64> {
    let text = text.strip_suffix('Z')?;
    let (date, time) = text.split_once('T')?;
    let mut date = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (date.next()??, date.next()??, date.next()??);
    let mut time = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min, s) = (time.next()??, time.next()??, time.next()??);
    let valid = (1..=12).contains(&m) && (1..=31).contains(&d) && h < 24 && min < 60 && s < 61;
    valid.then(|| days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60 + s)
}

/// `secs` shown at `offset` seconds east of UTC.
pub fn at_offset(secs: i64, offset: i64) -> String {
    let local = secs + offset;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let rem = local.rem_euclid(86_400);
    let sign = if offset < 0 { '-' } else { '+' };
    let off = offset.abs() / 60;
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} {sign}{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        off / 60,
        off % 60
    )
}

/// The local offset from UTC at `secs`, in seconds (the system's time zone, `TZ`
/// included); 0 where it cannot be told.
#[cfg(unix)]
fn local_offset(secs: i64) -> i64 {
    #[allow(clippy::useless_conversion)]
    let Some(time) = libc::time_t::try_from(secs).ok() else {
        return 0;
    };
    // SAFETY: localtime_r writes only into `tm`, which is owned here; `time` outlives
    // the call.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::localtime_r(&time, &mut tm) };
    if done.is_null() {
        0
    } else {
        // `c_long` is narrower than i64 on 32-bit systems.
        #[allow(clippy::useless_conversion)]
        i64::from(tm.tm_gmtoff)
    }
}

#[cfg(not(unix))]
fn local_offset(_secs: i64) -> i64 {
    0
}

/// Howard Hinnant's days-from-civil algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's civil-from-days algorithm.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_is_shown_at_an_offset() {
        let secs = parse_utc("2026-03-02T06:15:00Z").expect("a time");
        assert_eq!(at_offset(secs, 8 * 3600), "2026-03-02 14:15 +08:00");
        assert_eq!(at_offset(secs, -5 * 3600 - 1800), "2026-03-02 00:45 -05:30");
        assert_eq!(at_offset(secs, 18 * 3600), "2026-03-03 00:15 +18:00");
        assert_eq!(parse_utc("2000-02-29T00:00:00Z"), Some(951_782_400));
    }

    #[test]
    fn other_text_is_left_alone() {
        assert_eq!(local("yesterday"), "yesterday");
        assert_eq!(parse_utc("2026-13-02T06:15:00Z"), None);
    }

    #[test]
    fn local_time_keeps_the_minute() {
        let shown = local("2026-03-02T06:15:00Z");
        assert!(shown.starts_with("2026-03-0"), "{shown}");
        assert!(shown.len() == "2026-03-02 14:15 +08:00".len(), "{shown}");
    }
}
