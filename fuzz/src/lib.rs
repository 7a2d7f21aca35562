//! Shared pieces of the fuzz targets: how input bytes pick parser options,
//! and the checks every target makes on a tree.

use chatmark::ast::{Fallback, Kind, Node};
use chatmark::{Katex, Options};

/// The clocks the `parse` target runs with: a fixed day (the fixtures'),
/// the epoch, and the extremes a caller can pass (`now` is user input in
/// the CLI). `None` (the system clock) is never used: runs must repeat.
const CLOCKS: [i64; 8] = [
    1_736_942_400_000, // 2025-01-15T12:00:00Z
    0,
    -1,
    8_640_000_000_000_000, // JavaScript's last date
    -8_640_000_000_000_000,
    i64::MAX,
    i64::MIN,
    253_402_300_799_999, // 9999-12-31T23:59:59.999Z
];

/// Parser options from two selector bytes.
///
/// `a`: bit 0 colors, bit 1 emoticons, bit 2 katex on, bit 3 dollar syntax,
/// bit 4 parenthesis syntax, bits 5–6 custom domains (none, `[]`,
/// `["intranet"]`, `["local","corp.example"]`). `b`: bits 0–2 the clock.
pub fn options(a: u8, b: u8) -> Options {
    Options {
        colors: a & 1 != 0,
        emoticons: a & 2 != 0,
        katex: (a & 4 != 0).then_some(Katex {
            dollar_syntax: a & 8 != 0,
            parenthesis_syntax: a & 16 != 0,
        }),
        custom_domains: match (a >> 5) & 3 {
            0 => None,
            1 => Some(vec![]),
            2 => Some(vec!["intranet".to_owned()]),
            _ => Some(vec!["local".to_owned(), "corp.example".to_owned()]),
        },
        now: Some(CLOCKS[usize::from(b & 7)]),
    }
}

/// Splits fuzz input into the options it selects and the message text
/// (invalid UTF-8 replaced, so that every input is a message).
pub fn split(data: &[u8]) -> (Options, String) {
    let a = data.first().copied().unwrap_or(0);
    let b = data.get(1).copied().unwrap_or(0);
    let text = String::from_utf8_lossy(data.get(2..).unwrap_or(&[])).into_owned();
    (options(a, b), text)
}

/// The wire round trip: what is written reads back equal and writes the
/// same bytes again.
pub fn check_round_trip(tree: &[Node<'_>]) {
    let json = chatmark::wire::to_string(tree);
    let back = match chatmark::wire::from_str(&json) {
        Ok(t) => t,
        Err(e) => panic!("written tree does not read back: {e}\n{json}"),
    };
    assert!(back == tree, "tree read back differs\n{json}");
    let again = chatmark::wire::to_string(&back);
    assert_eq!(again, json, "second write differs");
}

/// Every `fallback` range of a parsed tree lies within the text's UTF-16 length.
pub fn check_fallbacks(tree: &[Node<'_>], text: &str) {
    let len16 = text.encode_utf16().count() as u64;
    let mut stack: Vec<&Node<'_>> = tree.iter().collect();
    while let Some(n) = stack.pop() {
        let fb = match &n.kind {
            Kind::HorizontalRule { fallback } => fallback.as_ref(),
            Kind::Timestamp(t) => t.fallback.as_ref(),
            Kind::Table(t) => t.fallback.as_ref(),
            _ => None,
        };
        if let Some(Fallback::Range(a, b)) = fb {
            assert!(
                a <= b && *b <= len16,
                "fallback [{a}, {b}] outside 0..={len16}"
            );
        }
        if let Kind::Table(t) = &n.kind {
            stack.extend(t.header.iter().chain(&t.rows));
        }
        stack.extend(n.children());
    }
}

/// A render context from a selector byte: base URL, mentions resolved or
/// not, real names, mention symbols, emoji and emoticons on or off, time
/// zone (including the extremes of `i32`), issue links, hidden spoilers,
/// with `source` the message text when there is one.
pub fn render_context<'s>(sel: u8, source: Option<&'s str>) -> chatmark::render::RenderContext<'s> {
    use chatmark::render::{MentionedChannel, MentionedUser, RenderContext};
    const TZ: [i32; 4] = [0, 120, -720, 14 * 60];
    RenderContext {
        base_url: (sel & 1 != 0).then(|| "https://chat.example.com/".to_owned()),
        mentions: if sel & 2 != 0 {
            vec![
                MentionedUser {
                    id: Some("u1".into()),
                    username: Some("user".into()),
                    name: Some("U <ser> \"1\"".into()),
                    kind: None,
                },
                MentionedUser {
                    id: Some("t1".into()),
                    username: None,
                    name: Some("team".into()),
                    kind: Some("team".into()),
                },
            ]
        } else {
            Vec::new()
        },
        channels: if sel & 2 != 0 {
            vec![MentionedChannel {
                id: Some("r1".into()),
                name: Some("general".into()),
                fname: Some("Gen <eral>".into()),
            }]
        } else {
            Vec::new()
        },
        use_real_name: sel & 4 != 0,
        show_mention_symbol: sel & 8 != 0,
        use_emoji: sel & 16 == 0,
        convert_ascii_emoji: sel & 32 == 0,
        own_user_id: (sel & 2 != 0).then(|| "u1".to_owned()),
        tz_offset_minutes: if sel & 64 != 0 {
            [i32::MIN, i32::MAX][usize::from(sel & 1)]
        } else {
            TZ[usize::from((sel >> 2) & 3)]
        },
        now_ms: Some(CLOCKS[usize::from(sel >> 5)]),
        source,
        issue_links_template: (sel & 128 != 0).then(|| "https://issues.example.com/%s".to_owned()),
        hide_spoilers: sel & 4 != 0,
        ..RenderContext::default()
    }
}

pub use chatmark::testing::check_html;

/// Renders `tree` to HTML, text and preview with context `sel` and checks
/// the promises: no panic, safe HTML, a preview of one line.
pub fn check_render(tree: &[Node<'_>], sel: u8, source: Option<&str>) {
    let ctx = render_context(sel, source);
    let html = chatmark::render::to_html(tree, &ctx);
    if let Err(e) = check_html(&html) {
        panic!("unsafe HTML: {e}\n{html}");
    }
    let _ = chatmark::render::to_text(tree, &ctx);
    let preview = chatmark::render::to_preview(tree, &ctx);
    assert!(
        !preview.contains(['\n', '\r']),
        "preview is not one line: {preview:?}"
    );
}
