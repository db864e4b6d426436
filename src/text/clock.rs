//! Times as a reviewer reads them: the store keeps UTC (`2026-03-02T06:15:00Z`), the
//! interface and the command line show local time with its offset
//! (`2026-03-02 14:15 +08:00`), so reviewers in different places agree on the moment.
//! The time zone is the system's (`TZ`, then `/etc/localtime`, or Windows' setting),
//! read by `jiff`, which needs no unsafe call and works in a process with threads.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `2026-03-02T06:15:00Z` in local time with the offset: `2026-03-02 14:15 +08:00`.
/// Text that is not such a time is returned as it is.
pub fn local(utc: &str) -> String {
    in_zone(utc, &TimeZone::system())
}

/// `utc` shown in `zone`; text that is not a UTC time is returned as it is.
pub fn in_zone(utc: &str, zone: &TimeZone) -> String {
    match utc.parse::<Timestamp>() {
        Ok(at) if utc.ends_with('Z') => at
            .to_zoned_datetime(zone.clone())
            .strftime("%Y-%m-%d %H:%M %:z")
            .to_string(),
        _ => utc.to_string(),
    }
}

/// The current time as the store keeps it: `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    utc(Timestamp::now())
}

/// `at` as the store keeps it, to the second.
pub fn utc(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap_or_else(|_| panic!("no time zone {name} on this system"))
    }

    #[test]
    fn utc_is_shown_at_an_offset() {
        let at = "2026-03-02T06:15:00Z";
        assert_eq!(
            in_zone(at, &zone("Asia/Shanghai")),
            "2026-03-02 14:15 +08:00"
        );
        assert_eq!(
            in_zone(at, &zone("Asia/Kolkata")),
            "2026-03-02 11:45 +05:30"
        );
        assert_eq!(
            in_zone(at, &zone("America/Chicago")),
            "2026-03-02 00:15 -06:00"
        );
        assert_eq!(in_zone(at, &TimeZone::UTC), "2026-03-02 06:15 +00:00");
    }

    #[test]
    fn other_text_is_left_alone() {
        assert_eq!(local("yesterday"), "yesterday");
        assert_eq!(local("2026-13-02T06:15:00Z"), "2026-13-02T06:15:00Z");
        assert_eq!(
            local("2026-03-02T06:15:00+08:00"),
            "2026-03-02T06:15:00+08:00"
        );
    }

    #[test]
    fn stored_times_are_utc_to_the_second() {
        let at = Timestamp::from_second(951_782_400).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(utc(at), "2000-02-29T00:00:00Z");
        let now = now_utc();
        assert!(now.len() == 20 && now.ends_with('Z'), "{now}");
    }
}
