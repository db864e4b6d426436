//! Times as a reader expects them. The store keeps UTC (`2024-03-05T02:10:00Z`) so that
//! reviewers in several places agree; a findings report shows the local time of the
//! machine that writes it (`2024-03-05 10:10`), as the office reading it lives there.

/// A stored UTC stamp (`YYYY-MM-DDTHH:MM:SSZ`) as local time `YYYY-MM-DD HH:MM`; the
/// stamp as it is when it cannot be read.
pub fn local_time(stamp: &str) -> String {
    match epoch_seconds(stamp).and_then(local_parts) {
        Some((y, mo, d, h, mi)) => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}"),
        None => stamp.to_string(),
    }
}

/// Seconds since the Unix epoch of `YYYY-MM-DDTHH:MM:SSZ`.
pub fn epoch_seconds(stamp: &str) -> Option<i64> {
    let stamp = stamp.strip_suffix('Z')?;
    let (date, time) = stamp.split_once('T')?;
    let mut date_parts = date.split('-').map(str::parse::<i64>);
    let (y, m, d) = (
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
    );
    let mut time_parts = time.split(':').map(str::parse::<i64>);
    let (h, mi, s) = (
        time_parts.next()?.ok()?,
        time_parts.next()?.ok()?,
        time_parts.next()?.ok()?,
    );
    let valid = (1..=12).contains(&m)
        && (1..=31).contains(&d)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..=60).contains(&s);
    valid.then(|| days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// Howard Hinnant's civil-to-days algorithm: days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month, day, hour and minute of an instant in the local time zone.
fn local_parts(seconds: i64) -> Option<(i32, u32, u32, u32, u32)> {
    // time_t is 64 bits here but 32 bits on some targets, where far dates do not fit.
    #[allow(clippy::useless_conversion)]
    let time: libc::time_t = seconds.try_into().ok()?;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers are valid for
    // the call, and localtime_r is the thread-safe form.
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&time, &mut tm).is_null() {
            return None;
        }
        tm
    };
    Some((
        tm.tm_year + 1900,
        u32::try_from(tm.tm_mon + 1).ok()?,
        u32::try_from(tm.tm_mday).ok()?,
        u32::try_from(tm.tm_hour).ok()?,
        u32::try_from(tm.tm_min).ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back_to_the_seconds_they_stand_for() {
        for (stamp, secs) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("2023-11-14T22:13:20Z", 1_700_000_000),
        ] {
            assert_eq!(epoch_seconds(stamp), Some(secs), "{stamp}");
        }
        assert_eq!(epoch_seconds("2024-13-01T00:00:00Z"), None);
        assert_eq!(epoch_seconds("昨天"), None);
    }

    #[test]
    fn unreadable_stamps_are_shown_as_they_are() {
        assert_eq!(local_time("昨天"), "昨天");
        let shown = local_time("2024-03-05T02:10:00Z");
        assert_eq!(shown.chars().count(), 16, "{shown}");
    }
}
