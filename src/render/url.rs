//! The URL sanitizer for link and image addresses.

use std::borrow::Cow;

/// Makes a link or image address safe to put in `href` / `src`, as the
/// reference renderer's `sanitizeUrl` does:
///
/// - the address is trimmed; empty → `#`;
/// - with a scheme (`name:`), it is parsed as a WHATWG URL and written back
///   normalised (`http://example.com` → `http://example.com/`); the schemes
///   `javascript:`, `data:` and `vbscript:` in any case, and addresses that
///   fail to parse, give `#`;
/// - relative addresses (`/`, `./`, `../`, `#`, `?`) are kept as they are;
/// - anything else is taken for a bare domain and gets `//`
///   (`example.com/page` → `//example.com/page`).
///
/// Beyond the reference, a dangerous scheme disguised with whitespace or
/// control characters anywhere in it, invisible format characters, HTML
/// character references or percent-encoding (`java\tscript:`,
/// `&#106;avascript:`, `javascript&colon;`) also gives `#`.
///
/// The result still needs attribute escaping; the HTML renderer does that.
///
/// ```
/// use chatmark::render::url::sanitize;
///
/// assert_eq!(sanitize("https://example.com"), "https://example.com/");
/// assert_eq!(sanitize(" JavaScript:alert(1)"), "#");
/// assert_eq!(sanitize("java\tscript:alert(1)"), "#");
/// assert_eq!(sanitize("&#106;avascript:alert(1)"), "#");
/// assert_eq!(sanitize("data:text/html,<script>alert(1)</script>"), "#");
/// assert_eq!(sanitize("/channel/general"), "/channel/general");
/// assert_eq!(sanitize("example.com/page"), "//example.com/page");
/// assert_eq!(sanitize("   "), "#");
/// ```
pub fn sanitize(url: &str) -> Cow<'_, str> {
    let t = super::js_trim(url);
    if t.is_empty() || disguised_script(t) {
        return Cow::Borrowed("#");
    }
    if has_scheme(t) {
        if let Some(normal) = plain_web_address(t) {
            return normal;
        }
        return match ::url::Url::parse(t) {
            Ok(u) if !is_blocked(u.scheme()) => Cow::Owned(String::from(u)),
            _ => Cow::Borrowed("#"),
        };
    }
    if ["/", "./", "../", "#", "?"]
        .iter()
        .any(|p| t.starts_with(p))
    {
        return Cow::Borrowed(t);
    }
    Cow::Owned(format!("//{t}"))
}

/// The WHATWG form of an `http:` or `https:` address that parsing would
/// leave as it is, but for the `/` of an empty path: a lowercase scheme
/// and host, the host of lowercase ASCII labels (letters, digits, `-`)
/// whose last starts with a letter (not a number, so no IPv4 address),
/// without `xn--` (punycode, which IDNA checks), a port or user
/// information; then path, query and fragment of bytes that no part
/// percent-encodes or normalises (no `%`, `\`, `'`, blank or control
/// character, and no dot segment: no `/.` at all). Most links are of this
/// kind, and it spares them the parser; `None` for the others (a property
/// test holds this to the parser).
fn plain_web_address(t: &str) -> Option<Cow<'_, str>> {
    let b = t.as_bytes();
    let after_scheme = if b.starts_with(b"https://") {
        8
    } else if b.starts_with(b"http://") {
        7
    } else {
        return None;
    };
    let host_end = b[after_scheme..]
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#'))
        .map_or(b.len(), |i| after_scheme + i);
    let host = &b[after_scheme..host_end];
    let last_label = host.rsplit(|&c| c == b'.').next()?;
    let host_ok = !host.is_empty()
        && host.split(|&c| c == b'.').all(|l| {
            !l.is_empty()
                && l.iter()
                    .all(|&c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        })
        && last_label.first().is_some_and(u8::is_ascii_lowercase)
        && !host.windows(4).any(|w| w == b"xn--");
    let rest = &b[host_end..];
    let rest_ok = rest.iter().all(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
                    | b'/'
                    | b'?'
                    | b'#'
            )
    }) && !rest.windows(2).any(|w| w == b"/.");
    if !host_ok || !rest_ok {
        return None;
    }
    Some(if rest.first() == Some(&b'/') {
        Cow::Borrowed(t)
    } else {
        // An empty path is `/`.
        let mut s = String::with_capacity(t.len() + 1);
        s.push_str(&t[..host_end]);
        s.push('/');
        s.push_str(&t[host_end..]);
        Cow::Owned(s)
    })
}

/// True when `url` would be blocked (gives `#`).
///
/// ```
/// assert!(chatmark::render::url::is_unsafe("vbscript:msgbox(1)"));
/// assert!(!chatmark::render::url::is_unsafe("mailto:a@example.com"));
/// ```
pub fn is_unsafe(url: &str) -> bool {
    sanitize(url) == "#"
}

/// `^[a-zA-Z][a-zA-Z0-9+.-]*:`
fn has_scheme(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    for &c in &b[1..] {
        match c {
            b':' => return true,
            c if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-') => {}
            _ => return false,
        }
    }
    false
}

fn is_blocked(scheme: &str) -> bool {
    let s = scheme.to_ascii_lowercase();
    matches!(
        s.as_str(),
        "javascript" | "data" | "vbscript" | "livescript"
    )
}

/// Whether the address, with character references and percent-escapes
/// decoded and every whitespace, control and invisible character removed,
/// starts with a blocked scheme.
fn disguised_script(s: &str) -> bool {
    // Most addresses start with plain ASCII: in the first bytes, as many
    // as the longest blocked prefix, no character reference, escape,
    // blank, control or non-ASCII character. Decoding and squeezing leave
    // those bytes as they are, so they alone decide.
    let head = &s.as_bytes()[..s.len().min(LONGEST_BLOCKED)];
    if head
        .iter()
        .all(|&c| matches!(c, 0x21..=0x7E) && c != b'&' && c != b'%')
    {
        return BLOCKED_PREFIXES.iter().any(|p| {
            head.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
        });
    }
    disguised_script_decoded(s)
}

/// The scheme prefixes blocked in any disguise.
const BLOCKED_PREFIXES: [&str; 4] = ["javascript:", "data:", "vbscript:", "livescript:"];

/// The length of the longest of [`BLOCKED_PREFIXES`].
const LONGEST_BLOCKED: usize = 11;

/// [`disguised_script`] the long way: decoded and squeezed.
fn disguised_script_decoded(s: &str) -> bool {
    // Only the start matters: look at a bounded prefix.
    let mut probe: String = s.chars().take(512).collect();
    for _ in 0..4 {
        let decoded = percent_decode(&loose_char_refs(&html_escape::decode_html_entities(&probe)));
        if decoded == probe {
            break;
        }
        probe = decoded;
    }
    let squeezed: String = probe
        .chars()
        .filter(|&c| !(c.is_whitespace() || c.is_control() || is_invisible(c)))
        .flat_map(char::to_lowercase)
        .collect();
    BLOCKED_PREFIXES.iter().any(|p| squeezed.starts_with(p))
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFFB}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Numeric character references without the closing `;` (`&#106`, `&#x6A`),
/// which browsers decode too.
fn loose_char_refs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let (hex, digits) = match after.as_bytes().first() {
            Some(b'x' | b'X') => (true, &after[1..]),
            _ => (false, after),
        };
        let n = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        let value = if n == 0 || n > 8 {
            None
        } else {
            u32::from_str_radix(&digits[..n], if hex { 16 } else { 10 })
                .ok()
                .and_then(char::from_u32)
        };
        match value {
            Some(c) => {
                out.push(c);
                let mut next = &digits[n..];
                if let Some(r) = next.strip_prefix(';') {
                    next = r;
                }
                rest = next;
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `%xx` escapes decoded (invalid UTF-8 replaced).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let hi = (b[i + 1] as char).to_digit(16).unwrap_or(0) as u8;
            let lo = (b[i + 2] as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hi * 16 + lo);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser's answer for an address with a scheme.
    fn parsed(t: &str) -> Option<String> {
        ::url::Url::parse(t)
            .ok()
            .filter(|u| !is_blocked(u.scheme()))
            .map(String::from)
    }

    #[test]
    fn plain_web_addresses_are_as_the_parser_writes_them() {
        for t in [
            "https://example.com",
            "http://example.com",
            "https://example.com/",
            "https://example.com?q=1",
            "https://example.com#top",
            "https://docs.rocket.chat/a/b-c_d~e?x=1&y=(2)*3;z=@:,+$!#frag/?",
            "https://a-b.c0.example/file.html",
            "https://github.com/RocketChat/Rocket.Chat/pull/12345",
        ] {
            assert_eq!(
                plain_web_address(t).map(Cow::into_owned),
                parsed(t),
                "{t:?}"
            );
        }
        // The parser changes these (or may): the long way.
        for t in [
            "HTTPS://example.com",
            "https://Example.com",
            "https://example.com:443/",
            "https://user@example.com/",
            "https://1.2.3.4/",
            "https://example.123/",
            "https://0x7f/",
            "https://xn--nxasmq6b.com/",
            "https://example.com./",
            "https://a..b/",
            "https://example.com/a/../b",
            "https://example.com/./b",
            "https://example.com/%2e%2e/b",
            "https://example.com/a b",
            "https://example.com/a'b",
            "https://example.com\\a",
            "https://example.com/é",
            "https://",
            "ftp://example.com/",
        ] {
            assert_eq!(plain_web_address(t), None, "{t:?}");
        }
    }

    proptest::proptest! {
        /// Wherever the plain-address shortcut answers, the parser agrees.
        #[test]
        fn the_plain_address_shortcut_agrees_with_the_parser(
            scheme in proptest::prop_oneof![
                6 => proptest::sample::select(vec!["http://", "https://"]),
                1 => proptest::sample::select(vec!["HTTP://", "http:/", "https:", "Https://"]),
            ],
            labels in proptest::collection::vec(proptest::prop_oneof![
                8 => "[a-z0-9-]{1,6}",
                1 => "[a-zA-Z0-9-]{0,5}",
                1 => "xn--[a-z]{1,3}",
                1 => "0x[0-9a-f]{1,3}",
                1 => "[0-9]{1,3}",
            ], 0..4),
            tld in proptest::prop_oneof![8 => "[a-z][a-z0-9-]{0,4}", 1 => "[0-9]{1,3}", 1 => "0x[0-9a-f]{1,2}", 1 => ""],
            port in proptest::prop_oneof![
                6 => proptest::strategy::Just(""),
                1 => proptest::sample::select(vec![":80", ":443", ":", "@", ".", "..", "-"]),
            ],
            rest in proptest::prop_oneof![
                6 => "(/[a-zA-Z0-9._~-]{0,6}){0,3}([?#][a-zA-Z0-9=&;:@!$()*+,~_./?#-]{0,8})?",
                2 => "[a-zA-Z0-9./?#%&=;:@!$'()*+,~_\\\\ -]{0,12}",
            ],
        ) {
            let mut host = labels.join(".");
            if !tld.is_empty() {
                if !host.is_empty() {
                    host.push('.');
                }
                host.push_str(&tld);
            }
            let t = format!("{scheme}{host}{port}{rest}");
            if let Some(fast) = plain_web_address(&t) {
                proptest::prop_assert_eq!(Some(fast.into_owned()), parsed(&t), "{:?}", t);
            }
        }
    }

    #[test]
    fn reference_spec_cases() {
        for bad in [
            "javascript:alert(1)",
            "javascript:/*XSS*/alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "VBScript:msgbox(1)",
            "VBSCRIPT:msgbox(1)",
            "",
            "  \t ",
        ] {
            assert_eq!(sanitize(bad), "#", "{bad:?}");
        }
        assert_eq!(sanitize("http://example.com"), "http://example.com/");
        assert_eq!(
            sanitize("https://example.com/?q=%3Cscript%3E"),
            "https://example.com/?q=%3Cscript%3E"
        );
        assert_eq!(sanitize("//example.com/page"), "//example.com/page");
        assert_eq!(sanitize("./a"), "./a");
        assert_eq!(sanitize("../a"), "../a");
        assert_eq!(sanitize("#top"), "#top");
        assert_eq!(sanitize("?x=1"), "?x=1");
        assert_eq!(sanitize("mailto:a@b.c"), "mailto:a@b.c");
        assert_eq!(sanitize("http://exa mple.com"), "#");
    }

    #[test]
    fn disguises() {
        for bad in [
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\u{0}script:alert(1)",
            "\u{1}javascript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
            "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
            "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)",
            "javascript&colon;alert(1)",
            "&amp;#106;avascript:alert(1)",
            "%6Aavascript:alert(1)",
            "java\u{200B}script:alert(1)",
            "\u{FEFF}javascript:alert(1)",
            "jAvAsCrIpT:alert(1)",
            "  data:text/html;base64,PHNjcmlwdD4=",
            "vbscript&#58;msgbox(1)",
        ] {
            assert_eq!(sanitize(bad), "#", "{bad:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]

        /// The plain-ASCII shortcut decides as decoding and squeezing do:
        /// addresses of the blocked schemes' letters in any case, with
        /// references, escapes, blanks, controls and invisible characters
        /// mixed in, and ordinary addresses.
        #[test]
        fn plain_start_decides_as_decoding_does(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "j", "J", "a", "v", "s", "c", "r", "i", "p", "t", "T", "d", "D", "b", "l", "e", ":",
                "&", "#", ";", "x", "6", "A", "%", "%6a", "&#106;", "&#x6A", "&colon;", " ", "\t",
                "\u{0}", "\u{200B}", "\u{FEFF}", "é", "h", "ttps", "://", "/", ".", "javascript",
                "data", "vbscript", "livescript", "JavaScript", "DATA",
            ]), 0..10),
        ) {
            let url: String = parts.concat();
            proptest::prop_assert_eq!(
                super::disguised_script(&url),
                super::disguised_script_decoded(&url),
                "{:?}", url
            );
        }
    }

    #[test]
    fn loose_refs() {
        assert_eq!(
            loose_char_refs("&#106;a&#x6A-b&#99999999999;"),
            "jaj-b&#99999999999;"
        );
        assert_eq!(loose_char_refs("&#"), "&#");
        assert_eq!(percent_decode("%6a%zz%"), "j%zz%");
    }
}
