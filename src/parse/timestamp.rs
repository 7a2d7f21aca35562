//! `<t:…>` timestamps (`TimestampRules`) and their escaped form
//! (`EscapedTimestampRules`), with the values the reference computes.
//!
//! Forms after `<t:`, first match wins: `Unixtime` (exactly ten digits, kept
//! as written), `ISO8601Date` (`YYYY-MM-DDTHH:MM:SS.mmm` + optional
//! `±HH:MM`), `ISO8601DateWithoutMilliseconds`, and `Timestamp`
//! (`HH:MM:SS` or `HH:MM`, + optional `±HH:MM`). Then `:F>` (a format letter
//! of `tTdDfFR`) or `>`.
//!
//! The reference turns the date forms into seconds with
//! `(new Date(text).getTime() / 1000) | 0`: JavaScript's date-string parser
//! (here: V8's, for the only shapes the grammar can build), `NaN` for an
//! invalid date and therefore `"0"`, and the int32 wrap of `| 0` (dates past
//! 2038-01-19 come out negative). The hour forms build
//! `${today}T${HH}:${MM}:${SS}${tz}` with today's UTC date; without an offset
//! the reference appends the text `null` (the missing offset), so those
//! always give `"0"`. The time zone is UTC.

/// Milliseconds per day.
const DAY_MS: i64 = 86_400_000;

/// The largest time value JavaScript's `Date` holds (`TimeClip`).
const MAX_TIME_MS: i64 = 8_640_000_000_000_000;

/// A time-zone offset: sign (1 or -1), hours, minutes.
type Offset = (i64, i64, i64);

/// `n` ASCII digits at `p`: the end and their value.
fn digits(b: &[u8], p: usize, n: usize) -> Option<(usize, i64)> {
    let d = b.get(p..p + n)?;
    if !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = d.iter().fold(0i64, |a, &c| a * 10 + i64::from(c - b'0'));
    Some((p + n, v))
}

/// The byte `c` at `p`.
fn lit(b: &[u8], p: usize, c: u8) -> Option<usize> {
    (b.get(p) == Some(&c)).then_some(p + 1)
}

/// A time-zone offset `("+" / "-") HH ":" MM`, as (sign, hours, minutes).
fn timezone(b: &[u8], p: usize) -> Option<(usize, Offset)> {
    let sign = match b.get(p)? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (p, h) = digits(b, p + 1, 2)?;
    let p = lit(b, p, b':')?;
    let (p, m) = digits(b, p, 2)?;
    Some((p, (sign, h, m)))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1–12; the day
/// may run past the month's end, as `MakeDay` lets it).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + (d - 1)
}

/// The UTC calendar date (year, month, day) of a day number since the epoch.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The fields of a date-time string in the shape the grammar builds.
struct Fields {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    ms: i64,
    /// `None`: no offset (UTC here).
    tz: Option<Offset>,
}

/// `new Date(text).getTime()` for such a string: `None` where V8 gives `NaN`.
fn js_date_ms(f: &Fields) -> Option<i64> {
    let ok_date = (1..=12).contains(&f.month) && (1..=31).contains(&f.day);
    let ok_time = (f.hour <= 23 || (f.hour == 24 && f.minute == 0 && f.second == 0 && f.ms == 0))
        && f.minute <= 59
        && f.second <= 59;
    let ok_tz = f.tz.is_none_or(|(_, h, m)| h <= 23 && m <= 59);
    if !(ok_date && ok_time && ok_tz) {
        return None;
    }
    let offset = f.tz.map_or(0, |(sign, h, m)| sign * (h * 60 + m) * 60_000);
    let t = days_from_civil(f.year, f.month, f.day)
        .checked_mul(DAY_MS)?
        .checked_add(f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000 + f.ms)?
        .checked_sub(offset)?;
    (t.abs() <= MAX_TIME_MS).then_some(t)
}

/// `((ms / 1000) | 0).toString()`, with `NaN` (`None`) giving `"0"`.
fn js_seconds_string(ms: Option<i64>) -> String {
    let Some(ms) = ms else {
        return "0".to_owned();
    };
    // The same double division JavaScript does, then ToInt32.
    let x = (ms as f64 / 1000.0).trunc();
    let wrapped = (x as i64) as u32 as i32;
    wrapped.to_string()
}

/// `ISO8601Date` (`with_ms`) or `ISO8601DateWithoutMilliseconds`.
fn iso_date(b: &[u8], p: usize, with_ms: bool) -> Option<(usize, Fields)> {
    let (p, year) = digits(b, p, 4)?;
    let p = lit(b, p, b'-')?;
    let (p, month) = digits(b, p, 2)?;
    let p = lit(b, p, b'-')?;
    let (p, day) = digits(b, p, 2)?;
    let p = lit(b, p, b'T')?;
    let (p, hour) = digits(b, p, 2)?;
    let p = lit(b, p, b':')?;
    let (p, minute) = digits(b, p, 2)?;
    let p = lit(b, p, b':')?;
    let (mut p, second) = digits(b, p, 2)?;
    let mut ms = 0;
    if with_ms {
        p = lit(b, p, b'.')?;
        (p, ms) = digits(b, p, 3)?;
    }
    let (p, tz) = match timezone(b, p) {
        Some((p, tz)) => (p, Some(tz)),
        None => (p, None),
    };
    let f = Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
        ms,
        tz,
    };
    Some((p, f))
}

/// A parsed `Timestamp`: end, [hour, minute, second], offset.
type HoursForm = (usize, [i64; 3], Option<Offset>);

/// `Timestamp` (`HH:MM:SS` / `HH:MM`, optional offset).
fn hours_form(b: &[u8], p: usize) -> Option<HoursForm> {
    let (p, hour) = digits(b, p, 2)?;
    let p = lit(b, p, b':')?;
    let (p, minute) = digits(b, p, 2)?;
    let (p, second) = match lit(b, p, b':').and_then(|q| digits(b, q, 2)) {
        Some((q, s)) => (q, s),
        None => (p, 0),
    };
    let (p, tz) = match timezone(b, p) {
        Some((q, tz)) => (q, Some(tz)),
        None => (p, None),
    };
    Some((p, [hour, minute, second], tz))
}

/// The date alternatives after `<t:`: the end and the timestamp value.
fn date_value(s: &str, p: usize, now_ms: i64) -> Option<(usize, String)> {
    let b = s.as_bytes();
    if let Some((e, _)) = digits(b, p, 10) {
        return Some((e, s[p..e].to_owned()));
    }
    if let Some((e, f)) = iso_date(b, p, true).or_else(|| iso_date(b, p, false)) {
        return Some((e, js_seconds_string(js_date_ms(&f))));
    }
    let (e, [hour, minute, second], tz) = hours_form(b, p)?;
    // Without an offset the reference's date string ends in "null": NaN.
    let ms = tz.and_then(|tz| {
        let (year, month, day) = civil_from_days(now_ms.div_euclid(DAY_MS));
        js_date_ms(&Fields {
            year,
            month,
            day,
            hour,
            minute,
            second,
            ms: 0,
            tz: Some(tz),
        })
    });
    Some((e, js_seconds_string(ms)))
}

/// A format letter `[tTdDfFR]`.
fn format_letter(b: &[u8], p: usize) -> Option<char> {
    b.get(p)
        .copied()
        .filter(|c| b"tTdDfFR".contains(c))
        .map(char::from)
}

/// After `<t:` at `p`: the date, then `:F>` or `>`, as (end, date end,
/// format letter if any, timestamp value).
fn after_open(s: &str, p: usize, now_ms: i64) -> Option<(usize, usize, Option<char>, String)> {
    let b = s.as_bytes();
    let (d, value) = date_value(s, p, now_ms)?;
    if let Some(f) = lit(b, d, b':').and_then(|q| format_letter(b, q))
        && let Some(e) = lit(b, d + 2, b'>')
    {
        return Some((e, d, Some(f), value));
    }
    let e = lit(b, d, b'>')?;
    Some((e, d, None, value))
}

/// `TimestampRules` at `pos`: (end, the `timestamp` value in seconds, format).
///
/// The TIMESTAMP node's `fallback` is `[start, end]` of this match (the
/// whole `<t:…>`) in UTF-16 units of the whole input: the reference's
/// `location()`. This returns the byte end; the byte range is `pos..end`.
pub fn timestamp(s: &str, pos: usize, now_ms: i64) -> Option<(usize, String, char)> {
    let b = s.as_bytes();
    if !b.get(pos..)?.starts_with(b"<t:") {
        return None;
    }
    let (end, _, format, value) = after_open(s, pos + 3, now_ms)?;
    Some((end, value, format.unwrap_or('t')))
}

/// `EscapedTimestampRules` at `pos` (`\<t:…>`): the end and the PLAIN_TEXT
/// it produces, `<t:DATE:F>` or `<t:DATE>` (the backslash dropped).
pub fn escaped_timestamp(s: &str, pos: usize) -> Option<(usize, String)> {
    let b = s.as_bytes();
    if !b.get(pos..)?.starts_with(b"\\<t:") {
        return None;
    }
    // The reference computes the value here too, and drops it.
    let (end, date_end, format, _) = after_open(s, pos + 4, 0)?;
    let raw = &s[pos + 4..date_end];
    let text = match format {
        Some(f) => format!("<t:{raw}:{f}>"),
        None => format!("<t:{raw}>"),
    };
    Some((end, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values: the reference 0.32.0 parser's `TimestampRules` and
    // `EscapedTimestampRules` on the same strings, clock at
    // 2025-01-15T12:00:00Z, time zone UTC.
    const NOW: i64 = 1_736_942_400_000;

    #[test]
    fn timestamps_match_reference() {
        type Case<'a> = (&'a str, Option<(usize, &'a str, char)>);
        let cases: &[Case] = &[
            ("<t:1234567890>", Some((14, "1234567890", 't'))),
            ("<t:1234567890:R>", Some((16, "1234567890", 'R'))),
            ("<t:0000000001:t>", Some((16, "0000000001", 't'))),
            ("<t:12345678901>", None),
            ("<t:123456789>", None),
            ("<t:1234567890:x>", None),
            ("<t:1234567890:R", None),
            // Hour forms without an offset build "…T10:00:00null": NaN.
            ("<t:10:00>", Some((9, "0", 't'))),
            ("<t:10:00:R>", Some((11, "0", 'R'))),
            ("<t:10:00:00>", Some((12, "0", 't'))),
            ("<t:10:00+05:00>", Some((15, "1736917200", 't'))),
            ("<t:10:00:30-03:30:F>", Some((20, "1736947830", 'F'))),
            ("<t:24:00+00:00>", Some((15, "1736985600", 't'))),
            ("<t:24:01+00:00>", Some((15, "0", 't'))),
            ("<t:99:00+00:00>", Some((15, "0", 't'))),
            ("<t:10:00+14:00>", Some((15, "1736884800", 't'))),
            ("<t:10:00-12:00>", Some((15, "1736978400", 't'))),
            ("<t:10:00+24:00>", Some((15, "0", 't'))),
            ("<t:2025-07-22T10:00:00.000>", Some((27, "1753178400", 't'))),
            (
                "<t:2025-07-22T10:00:00.000+02:00:D>",
                Some((35, "1753171200", 'D')),
            ),
            ("<t:2025-07-22T10:00:00>", Some((23, "1753178400", 't'))),
            ("<t:2025-02-30T00:00:00>", Some((23, "1740873600", 't'))),
            ("<t:2024-02-29T00:00:00>", Some((23, "1709164800", 't'))),
            ("<t:2025-13-01T00:00:00>", Some((23, "0", 't'))),
            ("<t:2025-00-10T00:00:00>", Some((23, "0", 't'))),
            // `| 0` wraps to int32.
            ("<t:2039-01-01T00:00:00>", Some((23, "-2117514496", 't'))),
            ("<t:1901-12-13T20:45:52>", Some((23, "-2147483648", 't'))),
            ("<t:1901-12-13T20:45:51>", Some((23, "2147483647", 't'))),
            ("<t:9999-12-31T23:59:59.999>", Some((27, "-769665", 't'))),
            ("<t:0000-01-01T00:00:00>", Some((23, "-2037677056", 't'))),
            ("<t:2025-07-22T10:00:00Z>", None),
            ("<t:2025-07-22T24:00:00.000>", Some((27, "1753228800", 't'))),
            ("<t:1969-12-31T23:59:59.500>", Some((27, "0", 't'))),
        ];
        for &(s, want) in cases {
            let got = timestamp(s, 0, NOW);
            let got = got.as_ref().map(|(e, v, f)| (*e, v.as_str(), *f));
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn hour_forms_use_todays_utc_date() {
        // 2024-02-29T23:59Z: today is the leap day.
        let now = 1_709_251_140_000;
        let got = timestamp("<t:00:00+00:00>", 0, now).map(|t| t.1);
        assert_eq!(got.as_deref(), Some("1709164800"));
        // Before the epoch.
        let got = timestamp("<t:12:00+00:00>", 0, -1).map(|t| t.1);
        assert_eq!(got.as_deref(), Some("-43200"));
    }

    #[test]
    fn escaped_timestamps_match_reference() {
        let cases: &[(&str, Option<(usize, &str)>)] = &[
            ("\\<t:1234567890>", Some((15, "<t:1234567890>"))),
            ("\\<t:1234567890:R>", Some((17, "<t:1234567890:R>"))),
            ("\\<t:10:00+05:00:f>", Some((18, "<t:10:00+05:00:f>"))),
            ("\\<t:2025-07-22T10:00:00.000Z>", None),
            (
                "\\<t:2025-07-22T10:00:00>",
                Some((24, "<t:2025-07-22T10:00:00>")),
            ),
            ("<t:1234567890>", None),
        ];
        for &(s, want) in cases {
            let got = escaped_timestamp(s, 0);
            assert_eq!(got.as_ref().map(|(e, t)| (*e, t.as_str())), want, "{s:?}");
        }
    }

    #[test]
    fn offsets_and_odd_input_do_not_panic() {
        assert_eq!(timestamp("x <t:1234567890>", 2, NOW).map(|t| t.0), Some(16));
        assert_eq!(timestamp("<t:", 0, NOW), None);
        assert_eq!(timestamp("<t:1234567890>", 99, NOW), None);
        assert_eq!(timestamp("<t:é", 0, NOW), None);
        assert!(timestamp("<t:10:00+00:00>", 0, i64::MAX).is_some());
        assert!(timestamp("<t:10:00+00:00>", 0, i64::MIN).is_some());
    }
}
