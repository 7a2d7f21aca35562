//! Properties of the renderers on generated messages (proptest): they are
//! total, the preview is one line, and the HTML lets no `<` of the input
//! through: every `<` in the output opens or closes an element the
//! renderer writes, with allowed attributes only, and the elements nest
//! properly. Hostile markup pieces (`<script>`, `<div data-x>`, `</div>`,
//! `<img onerror>`) are among the generated text.
//!
//! Case counts are modest; set `PROPTEST_CASES` to run more.
#![cfg(feature = "proptest")]

use chatmark::render::{MentionedUser, RenderContext, to_html, to_preview, to_text};
use chatmark::testing::check_html;
use chatmark::{Katex, Options, parse};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "<script>alert(1)</script>",
    "<b>",
    "</div>",
    "<div data-x=1>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "<",
    ">",
    "&lt;",
    "&",
    "\"",
    "'",
    "<t:1700000000:R>",
    "<t:",
    "<https://a.io|<b>x</b>>",
    "[x](javascript:alert(1))",
    "[<b>](https://a.io)",
    "![<i>](x.png\" onerror=\"1)",
    "javascript:alert(1)",
    "**",
    "_",
    "~",
    "`",
    "```\n",
    "||",
    "> ",
    "- ",
    "1. ",
    "- [x] ",
    "# ",
    "---\n",
    "| a | b |\n|---|---|\n",
    "|",
    "\n",
    "\r\n",
    "\r",
    " ",
    "@user",
    "@all",
    "#general",
    "#123",
    ":smile:",
    ":)",
    "color:#ff0000",
    "$x<y$",
    "\\(a<b\\)",
    "https://a.io/<x>",
    "a@b.com",
    "+55 11 99999-9999",
    "\u{2028}",
    "\u{85}",
    "\u{0}",
    "😀",
    "\u{200d}",
    "\u{301}",
    "word",
];

fn message() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn options(all: bool) -> Options {
    Options {
        colors: all,
        emoticons: all,
        katex: all.then_some(Katex {
            dollar_syntax: true,
            parenthesis_syntax: true,
        }),
        custom_domains: None,
        now: Some(1_736_942_400_000),
    }
}

fn contexts(source: &str) -> Vec<RenderContext<'_>> {
    vec![
        RenderContext {
            now_ms: Some(0),
            ..RenderContext::default()
        },
        RenderContext {
            base_url: Some("https://chat.example.com/".into()),
            mentions: vec![MentionedUser {
                id: Some("u1".into()),
                username: Some("user".into()),
                name: Some("<b>Us\"er</b>".into()),
                kind: None,
            }],
            use_real_name: true,
            show_mention_symbol: true,
            use_emoji: false,
            convert_ascii_emoji: false,
            own_user_id: Some("u1".into()),
            tz_offset_minutes: -600,
            now_ms: Some(1_736_942_400_000),
            source: Some(source),
            issue_links_template: Some("https://issues.example.com/%s".into()),
            hide_spoilers: true,
            ..RenderContext::default()
        },
    ]
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn html_lets_no_input_markup_through(text in message(), all in any::<bool>()) {
        let tree = parse(&text, &options(all));
        for ctx in contexts(&text) {
            let html = to_html(&tree, &ctx);
            if let Err(e) = check_html(&html) {
                return Err(TestCaseError::fail(format!("{e}\ninput {text:?}\nhtml {html}")));
            }
        }
    }

    #[test]
    fn preview_is_one_line_and_text_renders(text in message(), all in any::<bool>()) {
        let tree = parse(&text, &options(all));
        for ctx in contexts(&text) {
            let preview = to_preview(&tree, &ctx);
            prop_assert!(!preview.contains(['\n', '\r']), "{:?} → {:?}", text, preview);
            let _ = to_text(&tree, &ctx);
        }
    }
}

#[test]
fn the_html_check_can_fail() {
    assert!(check_html("<div>a &lt; b</div><br>").is_ok());
    assert!(check_html("<div>a < b</div>").is_err());
    assert!(check_html("<script>").is_err());
    assert!(check_html("<div onclick=\"x\"></div>").is_err());
    assert!(check_html("<div class=x></div>").is_err());
    assert!(check_html("<a href=\"javascript:x\"></a>").is_err());
    assert!(check_html("<div><span></div></span>").is_err());
    assert!(check_html("<div>").is_err());
    assert!(check_html("</div>").is_err());
}
