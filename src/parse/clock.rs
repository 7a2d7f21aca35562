//! Reading the clock a caller passes as ISO-8601 text (`now`).

/// Milliseconds since the Unix epoch for an ISO-8601 date-time:
/// `YYYY-MM-DD`, optionally `THH:MM`, `:SS`, `.fff…`, and `Z` or `±HH:MM`.
/// Without an offset the time is UTC (chatmark's time zone). Fields out of
/// range (month 13, hour 25, Feb 30) are errors.
///
/// ```
/// use chatmark::parse::iso_to_ms;
/// assert_eq!(iso_to_ms("1970-01-02"), Ok(86_400_000));
/// assert_eq!(iso_to_ms("2025-01-15T12:00:00.5+01:00"), Ok(1_736_938_800_500));
/// assert!(iso_to_ms("2025-13-01").is_err());
/// ```
pub fn iso_to_ms(text: &str) -> Result<i64, String> {
    let bad = || format!("invalid ISO-8601 date-time {text:?}");
    let b = text.trim().as_bytes();
    let mut i = 0;
    let num = |i: &mut usize, n: usize| -> Option<i64> {
        let s = b.get(*i..*i + n)?;
        if !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *i += n;
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    let lit = |i: &mut usize, c: u8| -> bool {
        if b.get(*i) == Some(&c) {
            *i += 1;
            true
        } else {
            false
        }
    };
    let year = num(&mut i, 4).ok_or_else(bad)?;
    if !lit(&mut i, b'-') {
        return Err(bad());
    }
    let month = num(&mut i, 2).ok_or_else(bad)?;
    if !lit(&mut i, b'-') {
        return Err(bad());
    }
    let day = num(&mut i, 2).ok_or_else(bad)?;
    let (mut h, mut m, mut s, mut ms) = (0, 0, 0, 0);
    let mut offset_min = 0;
    if lit(&mut i, b'T') || lit(&mut i, b' ') {
        h = num(&mut i, 2).ok_or_else(bad)?;
        if !lit(&mut i, b':') {
            return Err(bad());
        }
        m = num(&mut i, 2).ok_or_else(bad)?;
        if lit(&mut i, b':') {
            s = num(&mut i, 2).ok_or_else(bad)?;
            if lit(&mut i, b'.') {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let frac = &b[start..i];
                if frac.is_empty() {
                    return Err(bad());
                }
                let mut v = 0i64;
                for k in 0..3 {
                    v = v * 10 + frac.get(k).map_or(0, |d| i64::from(d - b'0'));
                }
                ms = v;
            }
        }
        if lit(&mut i, b'Z') {
        } else if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            let sign = if b[i] == b'-' { -1 } else { 1 };
            i += 1;
            let oh = num(&mut i, 2).ok_or_else(bad)?;
            lit(&mut i, b':');
            let om = num(&mut i, 2).ok_or_else(bad)?;
            if oh > 23 || om > 59 {
                return Err(bad());
            }
            offset_min = sign * (oh * 60 + om);
        }
    }
    if i != b.len() {
        return Err(bad());
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day < 1 || day > days_in_month || h > 23 || m > 59 || s > 59 {
        return Err(bad());
    }
    let days = days_from_civil(year, month, day);
    Ok(((days * 24 + h) * 60 + m - offset_min) * 60_000 + s * 1000 + ms)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
