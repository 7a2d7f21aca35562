//! Emoji: `:short_code:`, Unicode emoji sequences and ASCII emoticons, as the
//! reference grammar (0.32.0) recognises them.
//!
//! The grammar spells Unicode emoji as UTF-16 surrogate pairs
//! (`[\uD83D] [\uDE00-\uDE4F]`); here they are the code-point ranges those
//! pairs encode (U+1F600–U+1F64F).

/// `EmojiShortCode` = `":" $[0-9a-zA-Z-_+.]+ ":"`; returns the end and the name.
pub fn emoji_shortcode(s: &str, pos: usize) -> Option<(usize, &str)> {
    let b = s.as_bytes();
    if b.get(pos) != Some(&b':') {
        return None;
    }
    let start = pos + 1;
    let mut p = start;
    while let Some(&c) = b.get(p) {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'+' | b'.') {
            p += 1;
        } else {
            break;
        }
    }
    if p == start || b.get(p) != Some(&b':') {
        return None;
    }
    Some((p + 1, &s[start..p]))
}

/// The code point at byte `pos` and the byte offset after it.
fn cp(s: &str, pos: usize) -> Option<(u32, usize)> {
    let c = s.get(pos..)?.chars().next()?;
    Some((c as u32, pos + c.len_utf8()))
}

/// `[\uFE00-\uFE0F]?` (variation selectors).
fn opt_variation(s: &str, pos: usize) -> usize {
    match cp(s, pos) {
        Some((0xFE00..=0xFE0F, e)) => e,
        _ => pos,
    }
}

/// One code point in `lo..=hi`, then an optional variation selector.
fn range_vs(s: &str, pos: usize, lo: u32, hi: u32) -> Option<usize> {
    match cp(s, pos) {
        Some((c, e)) if (lo..=hi).contains(&c) => Some(opt_variation(s, e)),
        _ => None,
    }
}

/// The base of one element of a ZWJ sequence (the grammar's ordered
/// alternatives; their ranges are disjoint, so the order does not show).
fn sequence_base(s: &str, pos: usize) -> Option<usize> {
    let (c, e) = cp(s, pos)?;
    match c {
        // Supplemental Symbols and Pictographs and beyond: no selector.
        0x1F900..=0x1FBFF => Some(e),
        0x1F300..=0x1F3FF
        | 0x1F400..=0x1F5FF
        | 0x1F600..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x2700..=0x27BF
        | 0x2600..=0x26FF
        | 0x2194..=0x2195
        | 0x2B1B..=0x2B1C
        | 0x1F7E0..=0x1F7EB
        | 0x1F7F0 => Some(opt_variation(s, e)),
        _ => None,
    }
}

/// One element of a ZWJ sequence: a base, then an optional skin-tone modifier.
fn sequence_element(s: &str, pos: usize) -> Option<usize> {
    let e = sequence_base(s, pos)?;
    match cp(s, e) {
        Some((0x1F3FB..=0x1F3FF, e2)) => Some(e2),
        _ => Some(e),
    }
}

/// `(Element "\u200D")* Element` with PEG's greedy, non-backtracking loop.
fn zwj_sequence(s: &str, pos: usize) -> Option<usize> {
    let mut p = pos;
    loop {
        let e = sequence_element(s, p)?;
        match cp(s, e) {
            Some((0x200D, after)) => p = after,
            _ => return Some(e),
        }
    }
}

/// `🏴` followed by tag characters and a cancel tag (subdivision flags).
fn tag_sequence(s: &str, pos: usize) -> Option<usize> {
    let (c, mut p) = cp(s, pos)?;
    if c != 0x1F3F4 {
        return None;
    }
    let mut tags = 0;
    while let Some((0xE0020..=0xE007E, e)) = cp(s, p) {
        p = e;
        tags += 1;
    }
    match cp(s, p) {
        Some((0xE007F, e)) if tags > 0 => Some(e),
        _ => None,
    }
}

/// `[0-9#*] "\uFE0F"? "\u20E3"` (keycaps).
fn keycap(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b.get(pos), Some(b'0'..=b'9' | b'#' | b'*')) {
        return None;
    }
    let mut p = pos + 1;
    if let Some((0xFE0F, e)) = cp(s, p) {
        p = e;
    }
    match cp(s, p) {
        Some((0x20E3, e)) => Some(e),
        _ => None,
    }
}

/// One code point for which the grammar requires `\uFE0F` after it.
fn needs_fe0f(c: u32) -> bool {
    matches!(
        c,
        0xA9 | 0xAE
            | 0x203C
            | 0x2049
            | 0x2122
            | 0x2139
            | 0x2196..=0x2199
            | 0x21A9..=0x21AA
            | 0x24C2
            | 0x25AA..=0x25AB
            | 0x25B6
            | 0x25C0
            | 0x25FB..=0x25FE
            | 0x2934..=0x2935
            | 0x2B05..=0x2B07
            | 0x2B50
            | 0x2B55
            | 0x3030
            | 0x303D
            | 0x3297
            | 0x3299
            | 0x1F004
            | 0x1F170..=0x1F171
            | 0x1F17E..=0x1F17F
            | 0x1F202
            | 0x1F21A
            | 0x1F22F
    )
}

/// `UnicodeEmoji` of the 0.32.0 grammar: the end of the emoji at `pos`.
///
/// The alternatives, first match wins: subdivision flag (tag sequence),
/// keycap, ZWJ sequence of elements (each with optional selector and skin
/// tone), then single code points of the emoji blocks with an optional
/// variation selector (these only matter when a ZWJ sequence ends in a
/// dangling joiner), symbols that need `\uFE0F`, and regional-indicator
/// pairs.
pub fn unicode_emoji(s: &str, pos: usize) -> Option<usize> {
    // Only a keycap starts with an ASCII character, and every other form
    // starts with U+00A9, U+00AE, U+2000–U+3FFF or an astral character:
    // the first UTF-8 byte rules out most text at once (see the tests
    // `ascii_starts_only_keycaps` and `lead_bytes_that_start_emoji`).
    if !may_start_unicode_emoji(s.as_bytes(), pos) {
        return None;
    }
    all_forms(s, pos)
}

/// False when no Unicode emoji can start at `pos`, judged by its first two
/// bytes: a keycap (`0`–`9`, `#`, `*`) needs U+FE0F or U+20E3 next (UTF-8
/// `EF …` or `E2 …`), and every other form starts with U+00A9, U+00AE,
/// U+2000–U+3FFF or an astral character.
#[inline]
pub fn may_start_unicode_emoji(b: &[u8], pos: usize) -> bool {
    match b.get(pos) {
        Some(b'0'..=b'9' | b'#' | b'*') => matches!(b.get(pos + 1), Some(0xEF | 0xE2)),
        Some(0xE2 | 0xE3 | 0xF0) => true,
        Some(0xC2) => matches!(b.get(pos + 1), Some(0xA9 | 0xAE)),
        _ => false,
    }
}

/// [`unicode_emoji`] without its shortcut for ASCII.
fn all_forms(s: &str, pos: usize) -> Option<usize> {
    if let Some(e) = tag_sequence(s, pos) {
        return Some(e);
    }
    if let Some(e) = keycap(s, pos) {
        return Some(e);
    }
    if let Some(e) = zwj_sequence(s, pos) {
        return Some(e);
    }
    let (c, after) = cp(s, pos)?;
    match c {
        0x1F600..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x2300..=0x23FF
        | 0x2600..=0x26FF
        | 0x2700..=0x27BF
        | 0x2B1B..=0x2B1C
        | 0x1F7E0..=0x1F7EB
        | 0x1F7F0
        | 0x1F0CF
        | 0x1F18E
        | 0x1F191..=0x1F19A
        | 0x1F201
        | 0x1F232..=0x1F23A
        | 0x1F250..=0x1F251 => return range_vs(s, pos, c, c),
        _ => {}
    }
    if needs_fe0f(c)
        && let Some((0xFE0F, e)) = cp(s, after)
    {
        return Some(e);
    }
    if (0x1F1E6..=0x1F1FF).contains(&c)
        && let Some((0x1F1E6..=0x1F1FF, e)) = cp(s, after)
    {
        return Some(e);
    }
    None
}

/// The emoticon alternatives, grouped by the first character the 0.32.0
/// grammar dispatches on; within a group, first match wins.
const EMOTICONS: &[(u8, &[(&str, &str)])] = &[
    (
        b':',
        &[
            (":-D", "smiley"),
            (":D", "smiley"),
            (":')", "joy"),
            (":'-)", "joy"),
            (":-)", "slight_smile"),
            (":)", "slight_smile"),
            (":]", "slight_smile"),
            (":-*", "kissing_heart"),
            (":*", "kissing_heart"),
            (":^*", "kissing_heart"),
            (":-P", "stuck_out_tongue"),
            (":P", "stuck_out_tongue"),
            (":-\u{DE}", "stuck_out_tongue"),
            (":\u{DE}", "stuck_out_tongue"),
            (":-b", "stuck_out_tongue"),
            (":b", "stuck_out_tongue"),
            (":-(", "disappointed"),
            (":(", "disappointed"),
            (":-[", "disappointed"),
            (":[", "disappointed"),
            (":-/", "confused"),
            (":-.", "confused"),
            (":/", "confused"),
            (":\\", "confused"),
            (":L", "confused"),
            (":'(", "cry"),
            // The grammar lists "':-(" here too; it can never match after ':'.
            (":@", "angry"),
            (":$", "flushed"),
            (":-X", "no_mouth"),
            (":X", "no_mouth"),
            (":-#", "no_mouth"),
            (":#", "no_mouth"),
            (":-O", "open_mouth"),
            (":O", "open_mouth"),
        ],
    ),
    (
        b';',
        &[
            (";)", "wink"),
            (";-)", "wink"),
            (";-]", "wink"),
            (";]", "wink"),
            (";D", "wink"),
            (";^)", "wink"),
            (";(", "cry"),
            (";-(", "cry"),
        ],
    ),
    (b'<', &[("</3", "broken_heart"), ("<3", "heart")]),
    (
        b'>',
        &[
            (">:)", "laughing"),
            (">;)", "laughing"),
            (">:-)", "laughing"),
            (">=)", "laughing"),
            (">.<", "persevere"),
            (">:P", "stuck_out_tongue_winking_eye"),
            (">:\\", "confused"),
            (">;/", "confused"),
            (">:(", "angry"),
            (">:-(", "angry"),
            (">:[", "disappointed"),
            (">:O", "open_mouth"),
        ],
    ),
    (
        b'=',
        &[
            ("=D", "smiley"),
            ("=]", "slight_smile"),
            ("=)", "slight_smile"),
            ("=*", "kissing_heart"),
            ("=P", "stuck_out_tongue"),
            ("=(", "disappointed"),
            ("=/", "confused"),
            ("=\\", "confused"),
            ("=L", "confused"),
            ("=$", "flushed"),
            ("=X", "no_mouth"),
            ("=#", "no_mouth"),
        ],
    ),
    (b'D', &[("D:", "fearful")]),
    (
        b'B',
        &[
            ("B-)", "sunglasses"),
            ("B)", "sunglasses"),
            ("B-D", "sunglasses"),
        ],
    ),
    (
        b'8',
        &[
            ("8)", "sunglasses"),
            ("8-)", "sunglasses"),
            ("8-D", "sunglasses"),
        ],
    ),
    (
        b'\'',
        &[
            ("':)", "sweat_smile"),
            ("':-)", "sweat_smile"),
            ("'=)", "sweat_smile"),
            ("':D", "sweat_smile"),
            ("':-D", "sweat_smile"),
            ("'=D", "sweat_smile"),
            ("':(", "sweat"),
            ("':-(", "sweat"),
            ("'=(", "sweat"),
        ],
    ),
    (
        b'O',
        &[
            ("O:-)", "innocent"),
            ("O:)", "innocent"),
            ("O;-)", "innocent"),
            ("O=)", "innocent"),
            ("O:-3", "innocent"),
            ("O:3", "innocent"),
            ("O_O", "open_mouth"),
        ],
    ),
    (
        b'0',
        &[
            ("0:-3", "innocent"),
            ("0:3", "innocent"),
            ("0:-)", "innocent"),
            ("0:)", "innocent"),
            ("0;^)", "innocent"),
            ("0;-)", "innocent"),
        ],
    ),
    (
        b'*',
        &[
            ("*-)", "wink"),
            ("*)", "wink"),
            ("*\\0/*", "person_gesturing_ok"),
            ("*\\O/*", "person_gesturing_ok"),
        ],
    ),
    (
        b'X',
        &[
            ("X-P", "stuck_out_tongue_winking_eye"),
            ("X)", "dizzy_face"),
            ("X-)", "dizzy_face"),
        ],
    ),
    (b'#', &[("#-)", "dizzy_face"), ("#)", "dizzy_face")]),
    (b'%', &[("%-)", "dizzy_face"), ("%)", "dizzy_face")]),
    (b'(', &[("(y)", "thumbsup")]),
    (
        b'-',
        &[
            ("-___-", "expressionless"),
            ("-__-", "expressionless"),
            ("-_-", "expressionless"),
        ],
    ),
    (
        b'\\',
        &[
            ("\\0\\/", "person_gesturing_ok"),
            ("\\O\\/", "person_gesturing_ok"),
        ],
    ),
];

/// `EmoticonPattern` (0.32.0): the end and the `shortCode` of the emoticon at `pos`.
///
/// Only the pattern; the caller checks `options.emoticons` and the
/// neighbour lookahead. The node's `value` is the matched text.
pub fn emoticon(s: &str, pos: usize) -> Option<(usize, &'static str)> {
    let rest = s.as_bytes().get(pos..)?;
    let first = *rest.first()?;
    let group = EMOTICON_GROUP[first as usize];
    if group == NO_GROUP {
        return None;
    }
    // The group's emoticons with this second byte, first match first.
    let candidates = EMOTICON_CANDIDATES[group as usize][*rest.get(1)? as usize];
    if candidates == 0 {
        return None;
    }
    emoticon_of(rest, pos, group, candidates)
}

/// The first of the `candidates` of `group` that `rest` starts with (a
/// function of its own: most calls of [`emoticon`] end before it, and
/// without its loop they save no registers).
#[inline(never)]
fn emoticon_of(
    rest: &[u8],
    pos: usize,
    group: u8,
    mut candidates: u64,
) -> Option<(usize, &'static str)> {
    let list = EMOTICONS[group as usize].1;
    while candidates != 0 {
        let (lit, code) = list[candidates.trailing_zeros() as usize];
        if rest.starts_with(lit.as_bytes()) {
            return Some((pos + lit.len(), code));
        }
        candidates &= candidates - 1;
    }
    None
}

/// True when an emoticon may start with byte `c`.
#[inline]
pub fn may_start_emoticon(c: u8) -> bool {
    EMOTICON_GROUP[c as usize] != NO_GROUP
}

/// Per group of [`EMOTICONS`] and second byte, the emoticons of the group
/// with that second byte (every emoticon has two bytes or more), as bits:
/// bit `i` for the group's `i`th, so the lowest is the grammar's first
/// choice. A group has at most 64 emoticons.
static EMOTICON_CANDIDATES: [[u64; 256]; EMOTICONS.len()] = {
    let mut t = [[0u64; 256]; EMOTICONS.len()];
    let mut g = 0;
    while g < EMOTICONS.len() {
        let group = EMOTICONS[g].1;
        assert!(group.len() <= 64);
        let mut i = 0;
        while i < group.len() {
            t[g][group[i].0.as_bytes()[1] as usize] |= 1 << i;
            i += 1;
        }
        g += 1;
    }
    t
};

/// The index in [`EMOTICONS`] of the group of each first byte.
const NO_GROUP: u8 = u8::MAX;
static EMOTICON_GROUP: [u8; 256] = {
    let mut t = [NO_GROUP; 256];
    let mut i = 0;
    while i < EMOTICONS.len() {
        t[EMOTICONS[i].0 as usize] = i as u8;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values: the reference 0.32.0 parser's own rules (`Emoji`,
    // `EmoticonPattern`) run on the same strings.

    #[test]
    fn ascii_starts_only_keycaps() {
        for b in 0u8..0x80 {
            for tail in [
                "",
                "\u{FE0F}",
                "\u{20E3}",
                "\u{FE0F}\u{20E3}",
                "\u{200D}\u{1F600}",
                "x",
            ] {
                let s = format!("{}{tail}", b as char);
                assert_eq!(unicode_emoji(&s, 0), all_forms(&s, 0), "{s:?}");
                if all_forms(&s, 0).is_some() {
                    assert!(matches!(b, b'0'..=b'9' | b'#' | b'*'), "{s:?}");
                }
            }
        }
        assert_eq!(unicode_emoji("1\u{FE0F}\u{20E3}", 0), Some(7));
    }

    #[test]
    fn lead_bytes_that_start_emoji() {
        // Every code point, alone and before the characters that extend
        // an emoji: a form that matches starts where `unicode_emoji` looks.
        let tails = ["", "\u{FE0F}", "\u{20E3}", "\u{200D}\u{1F600}", "\u{1F3FB}"];
        for c in '\u{80}'..='\u{10FFFF}' {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes().to_vec();
            for tail in tails {
                let s = format!("{c}{tail}");
                if all_forms(&s, 0).is_some() {
                    assert!(
                        matches!(lead[0], 0xE2 | 0xE3 | 0xF0)
                            || lead[0] == 0xC2 && matches!(lead[1], 0xA9 | 0xAE),
                        "{s:?}"
                    );
                    assert_eq!(unicode_emoji(&s, 0), all_forms(&s, 0), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn shortcodes() {
        assert_eq!(emoji_shortcode(":smile: x", 0), Some((7, "smile")));
        assert_eq!(emoji_shortcode(":+1:", 0), Some((4, "+1")));
        assert_eq!(emoji_shortcode(":a.b-c_d:", 0), Some((9, "a.b-c_d")));
        assert_eq!(emoji_shortcode("::", 0), None);
        assert_eq!(emoji_shortcode(":a b:", 0), None);
        assert_eq!(emoji_shortcode(":abc", 0), None);
        assert_eq!(emoji_shortcode("x:ok:", 1), Some((5, "ok")));
    }

    #[test]
    fn unicode_emoji_matches_reference() {
        let cases: &[(&str, Option<usize>)] = &[
            ("\u{1F600}", Some(4)),
            ("\u{1F600}\u{1F3FD}", Some(8)),
            ("\u{1F44D}\u{1F3FD}", Some(8)),
            ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", Some(18)),
            // A dangling joiner fails the sequence...
            ("\u{1F468}\u{200D}\u{1F469}\u{200D}", None),
            // ...but the single-character alternatives still take the first.
            ("\u{1F600}\u{200D}", Some(4)),
            ("\u{1F600}\u{1F3FD}\u{200D}", Some(4)),
            ("\u{2764}\u{FE0F}", Some(6)),
            ("\u{2764}", Some(3)),
            ("\u{231A}", Some(3)),
            ("\u{231A}\u{FE0F}", Some(6)),
            ("\u{2B50}", None),
            ("\u{2B50}\u{FE0F}", Some(6)),
            ("\u{A9}", None),
            ("\u{A9}\u{FE0F}", Some(5)),
            ("\u{1F1FA}\u{1F1F8}", Some(8)),
            ("\u{1F1FA}", None),
            (
                "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
                Some(28),
            ),
            ("\u{1F3F4}", Some(4)),
            ("1\u{FE0F}\u{20E3}", Some(7)),
            ("#\u{20E3}", Some(4)),
            ("1", None),
            ("\u{1F18E}", Some(4)),
            ("\u{1F170}\u{FE0F}", Some(7)),
            ("\u{1F170}", None),
            ("\u{1F7E0}", Some(4)),
            ("\u{1F7F1}", None),
            // No variation selector after U+1F900..U+1FBFF.
            ("\u{1F916}\u{FE0F}", Some(4)),
            ("\u{1F9BE}", Some(4)),
            ("\u{1FAE0}", Some(4)),
            ("\u{1F0CF}", Some(4)),
            ("\u{2194}\u{FE0F}", Some(6)),
            ("\u{2196}\u{FE0F}", Some(6)),
            ("\u{2196}", None),
            ("a", None),
        ];
        for &(s, want) in cases {
            assert_eq!(unicode_emoji(s, 0), want, "{s:?}");
        }
    }

    /// The fast lane takes `!`, `)` and `:` before a blank as text
    /// (`Parser::simple_word_end`), which holds while no emoticon has a
    /// blank or a line end second.
    #[test]
    fn no_emoticon_has_a_blank_second() {
        for (_, group) in EMOTICONS {
            for (lit, _) in group.iter() {
                let second = lit.as_bytes()[1];
                assert!(!matches!(second, b' ' | b'\t' | b'\n' | b'\r'), "{lit:?}");
            }
        }
        for text in ["! ", ") ", ": ", ":\t", ")\n"] {
            assert_eq!(emoticon(text, 0), None, "{text:?}");
        }
    }

    #[test]
    fn emoticons_match_reference() {
        let cases: &[(&str, Option<(usize, &str)>)] = &[
            (":)", Some((2, "slight_smile"))),
            (":-)", Some((3, "slight_smile"))),
            (":-", None),
            (":D", Some((2, "smiley"))),
            (":-D", Some((3, "smiley"))),
            ("':-(", Some((4, "sweat"))),
            ("':(", Some((3, "sweat"))),
            (":'(", Some((3, "cry"))),
            ("=(", Some((2, "disappointed"))),
            // The grammar has ">;/" where one would expect ">:/".
            (">;/", Some((3, "confused"))),
            (">:/", None),
            ("-_-", Some((3, "expressionless"))),
            ("-__-", Some((4, "expressionless"))),
            ("-___-", Some((5, "expressionless"))),
            ("-____-", None),
            ("\\0\\/", Some((4, "person_gesturing_ok"))),
            ("\\0/", None),
            ("*\\0/*", Some((5, "person_gesturing_ok"))),
            ("(y)", Some((3, "thumbsup"))),
            ("D:", Some((2, "fearful"))),
            ("<3", Some((2, "heart"))),
            ("</3", Some((3, "broken_heart"))),
            (":\u{DE}", Some((3, "stuck_out_tongue"))),
            ("B-)", Some((3, "sunglasses"))),
            ("x", None),
        ];
        for &(s, want) in cases {
            assert_eq!(emoticon(s, 0), want, "{s:?}");
        }
        assert_eq!(emoticon("a :)", 2), Some((4, "slight_smile")));
        assert_eq!(emoticon("", 0), None);
        assert_eq!(emoticon(":)", 5), None);
    }

    /// The lookup by first and second byte finds what trying every
    /// emoticon of the group in the grammar's order finds: for each
    /// emoticon, its prefixes, and it followed by every byte of every
    /// emoticon (so each longer alternative that shares a start is met).
    #[test]
    fn emoticon_lookup_is_the_grammars_first_choice() {
        let first_choice = |s: &str| {
            let b = s.as_bytes();
            EMOTICONS
                .iter()
                .filter(|(first, _)| b.first() == Some(first))
                .flat_map(|(_, group)| group.iter())
                .find(|(lit, _)| b.starts_with(lit.as_bytes()))
                .map(|(lit, code)| (lit.len(), *code))
        };
        let mut tails: Vec<char> = EMOTICONS
            .iter()
            .flat_map(|(_, g)| g.iter().flat_map(|(lit, _)| lit.chars()))
            .collect();
        tails.extend([' ', 'a', '\n']);
        let mut checked = 0;
        for (_, group) in EMOTICONS {
            for (lit, _) in group.iter() {
                let mut texts: Vec<String> = lit
                    .char_indices()
                    .map(|(i, _)| lit[..i].to_string())
                    .collect();
                texts.extend(tails.iter().map(|t| format!("{lit}{t}")));
                for t in &texts {
                    assert_eq!(emoticon(t, 0), first_choice(t), "{t:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
