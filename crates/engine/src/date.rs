//! Calendar dates, just enough for "discharged on or after 2024-11-01".
//! A whole date library would cost the widget size for no gain.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The earliest date the engine accepts.
    pub const EPOCH: Date = Date { year: 1900, month: 1, day: 1 };

    pub const fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
        if valid {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
}

const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError;

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a date of the form YYYY-MM-DD")
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let mut parts = s.trim().splitn(3, '-');
        let mut next = |len: usize| -> Result<u32, DateError> {
            let part = parts.next().ok_or(DateError)?;
            if part.len() != len {
                return Err(DateError);
            }
            crate::text::digits_value(part).map(|n| n as u32).ok_or(DateError)
        };
        let (y, m, d) = (next(4)?, next(2)?, next(2)?);
        Date::new(y as i32, m as u8, d as u8).ok_or(DateError)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let a: Date = "2024-11-01".parse().unwrap();
        let b: Date = "2024-10-31".parse().unwrap();
        assert!(b < a);
        assert_eq!(a.to_string(), "2024-11-01");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "abc", "", "2024-04-31", "２０２４-01-01"] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }
}

impl Date {
    /// The civil date `days` days after 1970-01-01 (proleptic Gregorian).
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }
}

#[cfg(test)]
mod epoch_tests {
    use super::*;

    #[test]
    fn counts_days_from_the_epoch() {
        assert_eq!(Date::from_days_since_epoch(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(19_723).unwrap().to_string(), "2024-01-01");
        assert_eq!(Date::from_days_since_epoch(19_782).unwrap().to_string(), "2024-02-29");
    }
}
