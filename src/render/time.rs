//! Timestamps as the reference shows them: date-fns patterns in the en-US
//! locale, in the viewer's time zone (a fixed offset), and
//! `intlFormatDistance` for relative times.

/// A timestamp ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// `toISOString()`: `2024-06-15T13:10:45.000Z`.
    pub iso: String,
    /// `toLocaleString()` in en-US: `6/15/2024, 1:10:45 PM`.
    pub title: String,
    /// The text for the format.
    pub text: String,
}

const MS_PER_DAY: i64 = 86_400_000;
/// The latest (and, negated, the earliest) time a JavaScript `Date` holds.
const MAX_MS: i64 = 8_640_000_000_000_000;
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The timestamp of a `TIMESTAMP` node (`timestamp` in Unix seconds as the
/// reference reads it with `parseInt`), or `None` for an invalid date.
pub(crate) fn stamp(timestamp: &str, format: &str, tz_minutes: i32, now_ms: i64) -> Option<Stamp> {
    let ms = date_ms(timestamp)?;
    // Any clock the caller gives stays within the dates JavaScript has.
    let now_ms = now_ms.clamp(-MAX_MS, MAX_MS);
    let tz_ms = i64::from(tz_minutes) * 60_000;
    let local = Parts::of(ms + tz_ms);
    let text = match format {
        "t" => local.time(false),
        "T" => local.time(true),
        "d" => local.short_date(),
        "D" => format!("{}, {}", local.short_date(), local.time(false)),
        "f" => format!(
            "{} at {} {}",
            local.long_date(false),
            local.time(true),
            gmt_short(tz_minutes)
        ),
        "F" => format!(
            "{} at {} {}",
            local.long_date(true),
            local.time(true),
            gmt_long(tz_minutes)
        ),
        "R" => relative(ms, now_ms, tz_ms),
        _ => ms.to_string(),
    };
    Some(Stamp {
        iso: Parts::of(ms).iso(),
        title: format!(
            "{}/{}/{}, {}",
            local.month,
            local.day,
            local.year,
            local.time(true)
        ),
        text,
    })
}

/// `new Date(parseInt(ts) * 1000)` as milliseconds, `None` when invalid.
fn date_ms(ts: &str) -> Option<i64> {
    let s = ts.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, s) = match s.get(..2) {
        Some("0x" | "0X") => (16, &s[2..]),
        _ => (10, s),
    };
    let mut value = 0f64;
    let mut any = false;
    for c in s.chars() {
        match c.to_digit(radix) {
            Some(d) => {
                value = value * f64::from(radix) + f64::from(d);
                any = true;
            }
            None => break,
        }
    }
    if !any {
        return None;
    }
    let ms = if neg { -value } else { value } * 1000.0;
    // TimeClip: ±8.64e15 ms.
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return None;
    }
    Some(ms as i64)
}

/// Calendar fields of a time (already shifted to local time).
#[derive(Debug, Clone, Copy)]
struct Parts {
    /// Days since 1970-01-01.
    days: i64,
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    milli: u32,
}

impl Parts {
    fn of(ms: i64) -> Parts {
        let days = ms.div_euclid(MS_PER_DAY);
        let in_day = ms.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Parts {
            days,
            year,
            month,
            day,
            hour: (in_day / 3_600_000) as u32,
            minute: (in_day / 60_000 % 60) as u32,
            second: (in_day / 1000 % 60) as u32,
            milli: (in_day % 1000) as u32,
        }
    }

    /// 0 = Sunday.
    fn weekday(&self) -> usize {
        (self.days + 4).rem_euclid(7) as usize
    }

    /// date-fns `y`: the year of the era.
    fn era_year(&self) -> i64 {
        if self.year > 0 {
            self.year
        } else {
            1 - self.year
        }
    }

    /// `h:mm a` or `h:mm:ss a`.
    fn time(&self, seconds: bool) -> String {
        let h = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        let ampm = if self.hour < 12 { "AM" } else { "PM" };
        if seconds {
            format!("{h}:{:02}:{:02} {ampm}", self.minute, self.second)
        } else {
            format!("{h}:{:02} {ampm}", self.minute)
        }
    }

    /// `MM/dd/yyyy`.
    fn short_date(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.month, self.day, self.era_year())
    }

    /// `MMMM do, y`, with `EEEE, ` before it when `weekday`.
    fn long_date(&self, weekday: bool) -> String {
        let date = format!(
            "{} {}, {}",
            MONTHS[(self.month - 1) as usize],
            ordinal(self.day),
            self.era_year()
        );
        if weekday {
            format!("{}, {date}", WEEKDAYS[self.weekday()])
        } else {
            date
        }
    }

    /// `toISOString()`.
    fn iso(&self) -> String {
        let year = if (0..=9999).contains(&self.year) {
            format!("{:04}", self.year)
        } else if self.year < 0 {
            format!("-{:06}", -self.year)
        } else {
            format!("+{:06}", self.year)
        };
        format!(
            "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            self.month, self.day, self.hour, self.minute, self.second, self.milli
        )
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// date-fns `z`: `GMT+0`, `GMT-8`, `GMT+5:30`.
fn gmt_short(tz: i32) -> String {
    let sign = if tz >= 0 { '+' } else { '-' };
    let a = tz.unsigned_abs();
    if a.is_multiple_of(60) {
        format!("GMT{sign}{}", a / 60)
    } else {
        format!("GMT{sign}{}:{:02}", a / 60, a % 60)
    }
}

/// date-fns `zzzz`: `GMT+00:00`.
fn gmt_long(tz: i32) -> String {
    let sign = if tz >= 0 { '+' } else { '-' };
    let a = tz.unsigned_abs();
    format!("GMT{sign}{:02}:{:02}", a / 60, a % 60)
}

/// Days since 1970-01-01 → (year, month 1–12, day 1–31), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// date-fns `intlFormatDistance(date, now)` in English (`numeric: auto`).
fn relative(date: i64, now: i64, tz_ms: i64) -> String {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 3600;
    const DAY: i64 = 86_400;
    const WEEK: i64 = DAY * 7;
    const YEAR: i64 = 31_556_952; // 365.2425 days
    const MONTH: i64 = YEAR / 12;
    const QUARTER: i64 = MONTH * 3;
    let diff_ms = date - now;
    let secs = diff_ms / 1000; // truncates toward zero, as date-fns does
    let l = Parts::of(date + tz_ms);
    let r = Parts::of(now + tz_ms);
    let cal_days = l.days - r.days;
    let cal_months = (l.year - r.year) * 12 + i64::from(l.month) - i64::from(r.month);
    let quarter = |p: &Parts| i64::from((p.month - 1) / 3);
    let cal_quarters = (l.year - r.year) * 4 + quarter(&l) - quarter(&r);
    let cal_years = l.year - r.year;
    let abs = secs.abs();
    let (value, unit) = if abs < MINUTE {
        (secs, Unit::Second)
    } else if abs < HOUR {
        (diff_ms / 60_000, Unit::Minute)
    } else if abs < DAY && cal_days.abs() < 1 {
        (diff_ms / 3_600_000, Unit::Hour)
    } else if abs < WEEK && cal_days != 0 && cal_days.abs() < 7 {
        (cal_days, Unit::Day)
    } else if abs < MONTH {
        // Weeks start on Sunday in en-US.
        let week_start = |p: &Parts| p.days - p.weekday() as i64;
        ((week_start(&l) - week_start(&r)) / 7, Unit::Week)
    } else if abs < QUARTER {
        (cal_months, Unit::Month)
    } else if abs < YEAR && cal_quarters < 4 {
        (cal_quarters, Unit::Quarter)
    } else {
        (cal_years, Unit::Year)
    };
    unit.format(value)
}

#[derive(Clone, Copy)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    /// `Intl.RelativeTimeFormat('en', {numeric: 'auto'}).format(value, unit)`.
    fn format(self, value: i64) -> String {
        let name = match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
        };
        let special = match (self, value) {
            (Unit::Second, 0) => Some("now"),
            (Unit::Minute, 0) => Some("this minute"),
            (Unit::Hour, 0) => Some("this hour"),
            (Unit::Day, 0) => Some("today"),
            (Unit::Day, 1) => Some("tomorrow"),
            (Unit::Day, -1) => Some("yesterday"),
            (Unit::Week, 0) => Some("this week"),
            (Unit::Week, 1) => Some("next week"),
            (Unit::Week, -1) => Some("last week"),
            (Unit::Month, 0) => Some("this month"),
            (Unit::Month, 1) => Some("next month"),
            (Unit::Month, -1) => Some("last month"),
            (Unit::Quarter, 0) => Some("this quarter"),
            (Unit::Quarter, 1) => Some("next quarter"),
            (Unit::Quarter, -1) => Some("last quarter"),
            (Unit::Year, 0) => Some("this year"),
            (Unit::Year, 1) => Some("next year"),
            (Unit::Year, -1) => Some("last year"),
            _ => None,
        };
        if let Some(s) = special {
            return s.to_owned();
        }
        let n = grouped(value.unsigned_abs());
        let plural = if value.unsigned_abs() == 1 { "" } else { "s" };
        if value < 0 {
            format!("{n} {name}{plural} ago")
        } else {
            format!("in {n} {name}{plural}")
        }
    }
}

/// `1234567` → `1,234,567`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(iso: &str) -> String {
        (crate::parse::iso_to_ms(iso).unwrap() / 1000).to_string()
    }

    fn text(iso: &str, f: &str) -> String {
        stamp(&secs(iso), f, 0, 0).unwrap().text
    }

    /// The reference's snapshots (`DateTimeFormats.spec.tsx.snap`, TZ=UTC).
    #[test]
    fn snapshot_formats() {
        assert_eq!(text("2025-01-15T08:05:00Z", "t"), "8:05 AM");
        assert_eq!(text("2025-01-15T08:05:30Z", "T"), "8:05:30 AM");
        assert_eq!(text("2025-03-20T00:00:00Z", "d"), "03/20/2025");
        assert_eq!(text("2025-03-20T10:15:00Z", "D"), "03/20/2025, 10:15 AM");
        assert_eq!(
            text("2025-03-20T10:15:30Z", "f"),
            "March 20th, 2025 at 10:15:30 AM GMT+0"
        );
        assert_eq!(
            text("2025-03-20T10:15:30Z", "F"),
            "Thursday, March 20th, 2025 at 10:15:30 AM GMT+00:00"
        );
        assert_eq!(
            text("2025-06-15T14:30:45Z", "f"),
            "June 15th, 2025 at 2:30:45 PM GMT+0"
        );
        let s = stamp("1718457045", "D", 0, 0).unwrap();
        assert_eq!(s.iso, "2024-06-15T13:10:45.000Z");
        assert_eq!(s.text, "06/15/2024, 1:10 PM");
        assert_eq!(s.title, "6/15/2024, 1:10:45 PM");
        let s = stamp(&secs("2025-03-20T10:15:30Z"), "f", 0, 0).unwrap();
        assert_eq!(s.title, "3/20/2025, 10:15:30 AM");
    }

    #[test]
    fn relative_times() {
        let now = crate::parse::iso_to_ms("2025-01-15T12:00:00Z").unwrap();
        let r = |delta_s: i64| {
            stamp(&(now / 1000 + delta_s).to_string(), "R", 0, now)
                .unwrap()
                .text
        };
        assert_eq!(r(-1800), "30 minutes ago");
        assert_eq!(r(7200), "in 2 hours");
        assert_eq!(r(86_400), "tomorrow");
        assert_eq!(r(30), "in 30 seconds");
        assert_eq!(r(0), "now");
        assert_eq!(r(-1), "1 second ago");
        assert_eq!(r(-60), "1 minute ago");
        assert_eq!(r(-86_400 * 3), "3 days ago");
        // Wednesday → Saturday of next week: calendar weeks.
        assert_eq!(r(86_400 * 10), "next week");
        assert_eq!(r(86_400 * 14), "in 2 weeks");
        assert_eq!(r(86_400 * 40), "next month");
        assert_eq!(r(86_400 * 70), "in 2 months");
        assert_eq!(r(-86_400 * 200), "3 quarters ago");
        assert_eq!(r(86_400 * 400), "next year");
        assert_eq!(r(86_400 * 365 * 3000), "in 2,998 years"); // 365-day years
        // 13:00 with now 12:00 UTC+11:30 crosses midnight: a calendar day.
        let s = stamp(&(now / 1000 + 3600).to_string(), "R", 11 * 60 + 30, now).unwrap();
        assert_eq!(s.text, "tomorrow");
    }

    #[test]
    fn time_zones_and_odd_values() {
        let s = stamp(&secs("2025-03-20T10:15:30Z"), "f", 330, 0).unwrap();
        assert_eq!(s.text, "March 20th, 2025 at 3:45:30 PM GMT+5:30");
        let s = stamp(&secs("2025-03-20T10:15:30Z"), "F", -480, 0).unwrap();
        assert_eq!(s.text, "Thursday, March 20th, 2025 at 2:15:30 AM GMT-08:00");
        assert_eq!(stamp("abc", "t", 0, 0), None);
        assert_eq!(stamp("", "t", 0, 0), None);
        assert_eq!(stamp("99999999999999999999", "t", 0, 0), None);
        assert_eq!(
            stamp("8640000000000", "t", 0, 0).unwrap().iso,
            "+275760-09-13T00:00:00.000Z"
        );
        assert_eq!(
            stamp("-8640000000000", "t", 0, 0).unwrap().iso,
            "-271821-04-20T00:00:00.000Z"
        );
        assert_eq!(stamp("0x10", "x", 0, 0).unwrap().text, "16000");
        assert_eq!(stamp(" 12abc", "T", 0, 0).unwrap().text, "12:00:12 AM");
        assert_eq!(
            stamp("0", "d", 0, 0).unwrap().iso,
            "1970-01-01T00:00:00.000Z"
        );
        // Extremes of the offset and the date range do not overflow.
        assert!(stamp("8640000000000", "F", i32::MAX / 60_001, i64::MIN / 2).is_some());
        assert!(stamp("-8640000000000", "R", i32::MIN / 60_001, i64::MAX / 2).is_some());
        assert_eq!(
            stamp("0", "R", i32::MAX, i64::MIN).unwrap().text,
            "in 273,791 years"
        );
        assert!(stamp("-8640000000000", "R", i32::MIN, i64::MAX).is_some());
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(31), "31st");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(0), "0");
    }
}
