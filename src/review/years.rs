//! Which years to look at. A township opens on its two latest years (or its only one),
//! a year asked for alone is read against the stored year before it, and both front
//! ends choose alike.

use super::ReviewError;

/// The pair a township opens on, from its stored years in ascending order: the two
/// latest, or the latest alone as `(None, year)`; `None` when no year is stored.
pub fn latest_pair(years: &[i32]) -> Option<(Option<i32>, i32)> {
    let (&new, earlier) = years.split_last()?;
    Some((earlier.last().copied(), new))
}

/// The latest stored year before `year`, the one it is read against.
pub fn year_before(stored: &[i32], year: i32) -> Option<i32> {
    stored.iter().copied().filter(|&y| y < year).max()
}

/// The two years to compare: both given, or the given one and the stored year before
/// it, or the two latest stored years.
pub fn choose_pair(
    township: &str,
    given: &[i32],
    stored: &[i32],
) -> Result<(i32, i32), ReviewError> {
    match *given {
        [old, new] => Ok((old, new)),
        [new] => year_before(stored, new)
            .map(|old| (old, new))
            .ok_or_else(|| ReviewError::NothingBefore {
                township: township.to_string(),
                year: new,
                stored: stored.to_vec(),
            }),
        _ => {
            let mut years = stored.to_vec();
            years.sort_unstable();
            match latest_pair(&years) {
                Some((Some(old), new)) => Ok((old, new)),
                _ => Err(ReviewError::TooFewYears {
                    township: township.to_string(),
                    stored: stored.to_vec(),
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_township_opens_on_its_two_latest_years() {
        assert_eq!(latest_pair(&[2020, 2021, 2023]), Some((Some(2021), 2023)));
        assert_eq!(latest_pair(&[2021]), Some((None, 2021)));
        assert_eq!(latest_pair(&[]), None);
    }

    #[test]
    fn a_year_is_read_against_the_stored_year_before_it() {
        assert_eq!(year_before(&[2019, 2021, 2022], 2022), Some(2021));
        assert_eq!(year_before(&[2019, 2021, 2022], 2021), Some(2019));
        assert_eq!(year_before(&[2019, 2021], 2019), None);
        assert_eq!(year_before(&[2019, 2021], 2030), Some(2021));
    }

    #[test]
    fn choosing_years_says_what_is_stored_when_it_cannot() {
        let stored = [2020, 2022];
        assert_eq!(
            choose_pair("甲镇", &[2019, 2022], &stored).ok(),
            Some((2019, 2022))
        );
        assert_eq!(
            choose_pair("甲镇", &[2022], &stored).ok(),
            Some((2020, 2022))
        );
        assert_eq!(
            choose_pair("甲镇", &[], &[2022, 2020]).ok(),
            Some((2020, 2022))
        );
        let before = choose_pair("甲镇", &[2020], &stored).map_err(|e| e.to_string());
        assert_eq!(
            before,
            Err(
                "no report for 甲镇 before 2020 (stored years: 2020, 2022); give both years"
                    .to_string()
            )
        );
        let few = choose_pair("甲镇", &[], &[2020]).map_err(|e| e.to_string());
        assert!(few.is_err_and(|e| e.contains("fewer than two years") && e.contains("2020")));
    }
}
