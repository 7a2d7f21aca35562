//! `render::preview`: the examples of the spec (§2.3, from the reference's
//! own specs and snapshots) as exact expectations, then every node type.

use chatmark::ast::{
    CodeBlock, Emoji, Fallback, JsNumber, Kind, Label, Link, Node, Shortcode, TableCell,
};
use chatmark::render::{EmojiTable, MentionedUser, RenderContext, to_preview};
use chatmark::{Options, parse};

fn t(s: &str) -> Node<'static> {
    Node::plain(s.to_owned())
}
fn n(k: Kind<'static>) -> Node<'static> {
    Node::new(k)
}
fn p(v: Vec<Node<'static>>) -> Node<'static> {
    n(Kind::Paragraph(v))
}
fn item(number: Option<f64>, s: &str) -> Node<'static> {
    n(Kind::ListItem {
        value: vec![t(s)],
        number: number.map(JsNumber::new),
    })
}
fn task(status: bool, s: &str) -> Node<'static> {
    n(Kind::Task {
        status,
        value: vec![t(s)],
    })
}
fn code(lines: &[&str]) -> Node<'static> {
    n(Kind::Code(Box::new(CodeBlock {
        language: Some("javascript".into()),
        lines: lines
            .iter()
            .map(|l| n(Kind::CodeLine((*l).to_owned().into())))
            .collect(),
    })))
}
fn color(r: u8, g: u8, b: u8, a: u8) -> Node<'static> {
    n(Kind::Color { r, g, b, a })
}

fn pv(tree: &[Node<'_>]) -> String {
    to_preview(tree, &RenderContext::default())
}

/// One inline in a paragraph.
fn pi(node: Node<'static>) -> String {
    pv(&[p(vec![node])])
}

#[test]
fn spec_blocks() {
    assert_eq!(pv(&[p(vec![t("Snapshot test")])]), "Snapshot test");
    assert_eq!(
        pv(&[p(vec![
            t("Preview "),
            n(Kind::Bold(vec![t("bold")])),
            n(Kind::InlineCode("code".into())),
        ])]),
        "Preview boldcode"
    );
    assert_eq!(pv(&[]), "");
    assert_eq!(pv(&[n(Kind::LineBreak), n(Kind::LineBreak)]), "");
    assert_eq!(
        pv(&[n(Kind::LineBreak), p(vec![t("After break")])]),
        "After break"
    );
    assert_eq!(
        pv(&[
            n(Kind::HorizontalRule {
                fallback: Some(Fallback::Range(0, 3))
            }),
            p(vec![t("Important update")]),
        ]),
        "Important update"
    );
    assert_eq!(
        pv(&[n(Kind::Heading {
            level: 1,
            value: vec![t("Title")]
        })]),
        "Title"
    );
    let ul = pv(&[n(Kind::UnorderedList(vec![
        item(None, "First"),
        item(None, "Second"),
    ]))]);
    assert_eq!(ul, "- First");
    assert!(!ul.contains("Second"));
    assert_eq!(
        pv(&[n(Kind::OrderedList(vec![
            item(Some(1.0), "First"),
            item(Some(2.0), "Second"),
        ]))]),
        "1. First"
    );
    assert_eq!(
        pv(&[n(Kind::Tasks(vec![
            task(true, "Done task"),
            task(false, "Pending"),
        ]))]),
        "☑ Done task"
    );
    assert_eq!(pv(&[n(Kind::Tasks(vec![task(false, "Todo")]))]), "☐ Todo");
    assert_eq!(
        pv(&[n(Kind::Quote(vec![p(vec![t("Quoted text")])]))]),
        "> Quoted text"
    );
    assert_eq!(
        pv(&[n(Kind::SpoilerBlock(vec![p(vec![t("Spoiler content")])]))]),
        "Spoiler content"
    );
    assert_eq!(
        pv(&[code(&["const x = 1;", "const y = 2;"])]),
        "const x = 1;"
    );
}

#[test]
fn spec_code_blocks() {
    assert_eq!(pv(&[code(&["first line", "second line"])]), "first line");
    assert_eq!(pv(&[code(&["", "  ", "actual content"])]), "actual content");
    assert_eq!(pv(&[code(&["  padded  "])]), "padded");
    assert_eq!(pv(&[code(&["", "   ", ""])]), "");
    assert_eq!(pv(&[code(&[])]), "");
    assert_eq!(pv(&[code(&["const x = 42;"])]), "const x = 42;");
    assert_eq!(
        pi(n(Kind::InlineCode("const x = 42;".into()))),
        "const x = 42;"
    );
}

#[test]
fn spec_emoji() {
    let big = |v: Vec<Node<'static>>| pv(&[n(Kind::BigEmoji(v))]);
    let u = |s: &str| n(Kind::Emoji(Emoji::Unicode(s.to_owned().into())));
    assert_eq!(big(vec![u("😀")]), "😀");
    assert_eq!(big(vec![u("😀"), u("🎉")]), "😀🎉");
    assert_eq!(pi(u("🚀")), "🚀");
    let no_table = RenderContext {
        emoji: EmojiTable::empty(),
        ..RenderContext::default()
    };
    assert_eq!(to_preview(&[p(vec![u("🚀")])], &no_table), "🚀");
}

#[test]
fn spec_colors() {
    assert_eq!(pi(color(255, 128, 0, 255)), "#ff8000");
    assert_eq!(pi(color(255, 128, 0, 128)), "#ff800080");
    assert_eq!(pi(color(255, 0, 0, 128)), "#ff000080");
    assert_eq!(pi(color(0, 0, 0, 255)), "#000000");
    assert_eq!(pi(color(255, 255, 255, 255)), "#ffffff");
    assert_eq!(pi(color(100, 200, 50, 0)), "#64c83200");
}

#[test]
fn spec_mentions() {
    for (name, shown) in [
        ("rocket.cat", "@rocket.cat"),
        ("john.doe", "@john.doe"),
        ("admin", "@admin"),
        ("john", "@john"),
    ] {
        assert_eq!(pi(n(Kind::MentionUser(name.to_owned().into()))), shown);
    }
    for (name, shown) in [
        ("announcements", "#announcements"),
        ("general", "#general"),
        ("random-channel", "#random-channel"),
    ] {
        assert_eq!(pi(n(Kind::MentionChannel(name.to_owned().into()))), shown);
    }
    // Never resolved, never the display name.
    let ctx = RenderContext {
        mentions: vec![MentionedUser {
            id: Some("1".into()),
            username: Some("john".into()),
            name: Some("John Doe".into()),
            kind: None,
        }],
        use_real_name: true,
        show_mention_symbol: true,
        ..RenderContext::default()
    };
    assert_eq!(
        to_preview(&[p(vec![n(Kind::MentionUser("john".into()))])], &ctx),
        "@john"
    );
}

#[test]
fn spec_math() {
    for tex in ["\\frac{a}{b}", "E = mc^2", "\\sum_{i=0}^{n} x_i"] {
        assert_eq!(pv(&[n(Kind::Katex(tex.to_owned().into()))]), tex);
    }
    assert_eq!(
        pi(n(Kind::InlineKatex("\\int_0^1 f(x) dx".into()))),
        "\\int_0^1 f(x) dx"
    );
}

#[test]
fn spec_links_images_spoilers() {
    assert_eq!(
        pi(n(Kind::Link(Box::new(Link {
            src: "https://example.com".into(),
            label: Label::Many(vec![t("Link label")]),
        })))),
        "Link label"
    );
    assert_eq!(
        pi(n(Kind::Image(Box::new(Link {
            src: "https://example.com/i.png".into(),
            label: Label::One(Box::new(t("Image label"))),
        })))),
        "Image label"
    );
    assert_eq!(
        pi(n(Kind::Spoiler(vec![t("Spoiler preview")]))),
        "Spoiler preview"
    );
    let hidden = RenderContext {
        hide_spoilers: true,
        ..RenderContext::default()
    };
    assert_eq!(
        to_preview(&[p(vec![n(Kind::Spoiler(vec![t("x")]))])], &hidden),
        "[spoiler]"
    );
}

#[test]
fn tables_and_fallbacks() {
    let cell = |s: &str| {
        n(Kind::TableCell(Box::new(TableCell {
            align: None,
            value: vec![t(s)],
        })))
    };
    let table = n(Kind::Table(Box::new(chatmark::ast::Table {
        header: vec![cell("Name"), cell("Role")],
        rows: vec![n(Kind::TableRow(vec![cell("ann"), cell("dev")]))],
        fallback: None,
    })));
    assert_eq!(pv(&[table]), "Name | Role");
    // Only rules: the first one's source text.
    let ctx = RenderContext::default().with_source("---\n***");
    let rules = [
        n(Kind::HorizontalRule {
            fallback: Some(Fallback::Range(0, 3)),
        }),
        n(Kind::LineBreak),
    ];
    assert_eq!(to_preview(&rules, &ctx), "---");
    assert_eq!(pv(&rules), "");
    // Blocks with no preview case: their fallback, or nothing.
    assert_eq!(pv(&[n(Kind::Blockquote(vec![p(vec![t("x")])]))]), "");
    // BIG_EMOJI not alone is not a preview case.
    assert_eq!(
        pv(&[
            n(Kind::BigEmoji(vec![n(Kind::Emoji(Emoji::Unicode(
                "😀".into()
            )))])),
            p(vec![t("x")]),
        ]),
        ""
    );
}

#[test]
fn ordered_list_numbers() {
    let ol = |number| pv(&[n(Kind::OrderedList(vec![item(number, "x")]))]);
    assert_eq!(ol(Some(5.0)), "5. x");
    assert_eq!(ol(None), "- x");
    assert_eq!(ol(Some(0.0)), "- x");
    assert_eq!(ol(Some(1e21)), "1e+21. x");
    assert_eq!(pv(&[n(Kind::OrderedList(vec![]))]), "");
    assert_eq!(pv(&[n(Kind::UnorderedList(vec![]))]), "");
    assert_eq!(pv(&[n(Kind::Tasks(vec![]))]), "");
}

#[test]
fn inline_rules() {
    // Timestamps have no preview case.
    let ts = n(Kind::Timestamp(Box::new(chatmark::ast::Timestamp {
        timestamp: "1718457045".into(),
        format: "f".into(),
        fallback: None,
    })));
    assert_eq!(pv(&[p(vec![t("at "), ts])]), "at ");
    // Emoji settings.
    let smile = || {
        n(Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
            value: "smile".into(),
            short_code: "smile".into(),
        }))))
    };
    let ascii = || {
        n(Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
            value: ":)".into(),
            short_code: "slight_smile".into(),
        }))))
    };
    assert_eq!(pv(&[p(vec![smile(), ascii()])]), "😄🙂");
    let off = RenderContext {
        use_emoji: false,
        ..RenderContext::default()
    };
    assert_eq!(to_preview(&[p(vec![smile(), ascii()])], &off), ":smile::)");
    let no_ascii = RenderContext {
        convert_ascii_emoji: false,
        ..RenderContext::default()
    };
    assert_eq!(to_preview(&[p(vec![smile(), ascii()])], &no_ascii), "😄:)");
    let unknown = n(Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
        value: "zzz_nope".into(),
        short_code: "zzz_nope".into(),
    }))));
    assert_eq!(pi(unknown), ":zzz_nope:");
    // Always one line.
    assert_eq!(pi(t("a\nb\r\nc")), "a b c");
    assert_eq!(pv(&[n(Kind::Katex("a\\\\\nb".into()))]), "a\\\\ b");
}

/// Parsed messages, end to end.
#[test]
fn parsed_messages() {
    let o = Options::from_json(r#"{"colors":true,"emoticons":true}"#).unwrap();
    let ctx = RenderContext::default();
    let pv = |s: &str| to_preview(&parse(s, &o), &ctx.clone().with_source(s));
    assert_eq!(
        pv("*Update your QuickMeet.Chat*\nNew version"),
        "Update your QuickMeet.Chat"
    );
    assert_eq!(pv("# Title\nbody"), "Title");
    assert_eq!(pv("\n\n> _quoted_ **text**\n> more"), "> quoted text");
    assert_eq!(pv("3. third\n4. fourth"), "3. third");
    assert_eq!(pv("- [x] shipped\n- [ ] next"), "☑ shipped");
    assert_eq!(pv("```\n\n   let x = 1;   \n```"), "let x = 1;");
    assert_eq!(pv("---"), "---");
    assert_eq!(pv("---\nafter the rule"), "after the rule");
    assert_eq!(
        pv("see [docs](https://example.com) @ann #dev :) color:#ff8000"),
        "see docs @ann #dev 🙂 #ff8000"
    );
    assert_eq!(pv("| h1 | h2 |\n|----|----|\n| a | b |"), "h1 | h2");
    assert_eq!(pv("~~gone~~ `code` __it__"), "gone code it");
    assert_eq!(pv("😀🎉"), "😀🎉");
    assert_eq!(pv("<t:1718457045:f> meeting"), " meeting");
}
