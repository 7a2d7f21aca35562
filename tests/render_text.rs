//! `render::text`: whole messages as readable plain text.

use chatmark::ast::{Emoji, Kind, Label, Link, Node};
use chatmark::render::{MentionedChannel, MentionedUser, RenderContext, to_text};
use chatmark::{Options, parse};

fn opts() -> Options {
    Options::from_json(
        r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true}}"#,
    )
    .unwrap()
}

fn text_with(s: &str, ctx: &RenderContext<'_>) -> String {
    to_text(&parse(s, &opts()), &ctx.clone().with_source(s))
}

fn text(s: &str) -> String {
    text_with(s, &RenderContext::default())
}

#[test]
fn blocks_on_their_own_lines() {
    assert_eq!(text("Hello **world**"), "Hello world");
    assert_eq!(text("# Title\nbody\n\nafter"), "Title\nbody\n\nafter");
    assert_eq!(text("> a\n> b"), "> a\n> b");
    assert_eq!(text("- a\n- b"), "- a\n- b");
    assert_eq!(text("3. c\n4. d"), "3. c\n4. d");
    assert_eq!(text("- [x] done\n- [ ] todo"), "☑ done\n☐ todo");
    assert_eq!(text("a\n\n---\n\nb"), "a\n\n---\n\nb");
    assert_eq!(
        text("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |"),
        "a | b\n1 | 2\n3 | 4"
    );
}

#[test]
fn code_is_kept() {
    assert_eq!(
        text("before\n```rust\nfn main() {\n    let x = *y;\n}\n```\nafter"),
        // The parser puts a LINE_BREAK after a code block.
        "before\nfn main() {\n    let x = *y;\n}\n\nafter"
    );
    assert_eq!(text("run `rm -rf *`"), "run rm -rf *");
}

#[test]
fn links_images_and_emoji() {
    assert_eq!(
        text("read [the docs](https://example.com/docs) or https://example.com"),
        "read the docs (https://example.com/docs) or https://example.com"
    );
    assert_eq!(text("example.com"), "//example.com");
    assert_eq!(text("[x](javascript:alert(1))"), "x");
    let img = Node::new(Kind::Image(Box::new(Link {
        src: "https://e.com/i.png".into(),
        label: Label::One(Box::new(Node::plain("a cat"))),
    })));
    assert_eq!(
        to_text(&[img], &RenderContext::default()),
        "a cat (https://e.com/i.png)"
    );
    assert_eq!(text(":smile: :) :nope_nope: 🎉"), "😄 🙂 :nope_nope: 🎉");
    let off = RenderContext {
        use_emoji: false,
        ..RenderContext::default()
    };
    assert_eq!(text_with(":smile: :)", &off), ":smile: :)");
    assert_eq!(text("😀 🎉"), "😀🎉");
    let u = Node::new(Kind::Emoji(Emoji::Unicode("🚀".into())));
    assert_eq!(to_text(&[u], &RenderContext::default()), "🚀");
}

#[test]
fn mentions_follow_the_context() {
    assert_eq!(text("@ann #dev @all"), "@ann #dev @all");
    let ctx = RenderContext {
        mentions: vec![MentionedUser {
            id: Some("1".into()),
            username: Some("ann".into()),
            name: Some("Ann Lee".into()),
            kind: None,
        }],
        channels: vec![MentionedChannel {
            id: None,
            name: Some("dev".into()),
            fname: Some("Developers".into()),
        }],
        use_real_name: true,
        show_mention_symbol: true,
        ..RenderContext::default()
    };
    assert_eq!(
        text_with("@ann #dev @here", &ctx),
        "@Ann Lee #Developers @here"
    );
}

#[test]
fn other_inlines() {
    let ctx = RenderContext {
        now_ms: Some(chatmark::parse::iso_to_ms("2024-06-15T12:00:00Z").unwrap()),
        ..RenderContext::default()
    };
    assert_eq!(
        text_with("at <t:1718457045:f> (<t:1718457045:R>)", &ctx),
        "at June 15th, 2024 at 1:10:45 PM GMT+0 (in 1 hour)"
    );
    assert_eq!(text("$x^2$ color:#ff8000"), "x^2 #ff8000");
    assert_eq!(text("$$\n\\frac{a}{b}\n$$"), "\\frac{a}{b}");
    assert_eq!(text("||secret||"), "secret");
    let hidden = RenderContext {
        hide_spoilers: true,
        ..RenderContext::default()
    };
    assert_eq!(text_with("a ||secret|| b", &hidden), "a [spoiler] b");
}
