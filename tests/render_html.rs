//! `render::html`: every node type, the render context, and odd trees.

use chatmark::ast::{
    CodeBlock, Emoji, Fallback, JsNumber, Kind, Label, Link, Node, RawJson, Root, Shortcode,
    TableCell, UnknownNode,
};
use chatmark::render::{EmojiTable, MentionedChannel, MentionedUser, RenderContext, html, to_html};
use chatmark::{Options, parse};

fn opts() -> Options {
    Options::from_json(
        r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true}}"#,
    )
    .unwrap()
}

/// A message parsed with every option on, rendered with `ctx`.
fn msg_with(text: &str, ctx: &RenderContext<'_>) -> String {
    let tree = parse(text, &opts());
    to_html(&tree, &ctx.clone().with_source(text))
}

fn msg(text: &str) -> String {
    msg_with(text, &RenderContext::default())
}

fn tree(json: &str) -> Root<'static> {
    chatmark::ast::into_owned(chatmark::wire::from_str(json).unwrap())
}

fn t(s: &str) -> Node<'static> {
    Node::plain(s.to_owned())
}

fn p(v: Vec<Node<'static>>) -> Node<'static> {
    Node::new(Kind::Paragraph(v))
}

fn n(k: Kind<'static>) -> Node<'static> {
    Node::new(k)
}

fn one(node: Node<'static>) -> String {
    to_html(&[node], &RenderContext::default())
}

#[test]
fn paragraph_and_plain_text() {
    assert_eq!(msg("Hello"), "<div>Hello</div>");
    assert_eq!(
        one(p(vec![t("a < b & \"c\"")])),
        "<div>a &lt; b &amp; \"c\"</div>"
    );
}

#[test]
fn bold_italic_strike_wrap_each_child() {
    // The reference's BoldSpan snapshot.
    let b = n(Kind::Bold(vec![
        t("Bold "),
        n(Kind::Italic(vec![t("and italic")])),
    ]));
    assert_eq!(
        one(p(vec![b])),
        "<div><strong>Bold </strong><strong><em>and italic</em></strong></div>"
    );
    assert_eq!(
        msg("_Snapshot italic_"),
        "<div><em>Snapshot italic</em></div>"
    );
    assert_eq!(
        msg("~Snapshot strike~"),
        "<div><del>Snapshot strike</del></div>"
    );
    // Code inside bold is wrapped; emoji and mentions are not.
    assert_eq!(
        msg("*`x` :smile: @ann*"),
        "<div><strong><code class=\"code-colors inline\">x</code></strong><strong> </strong>\
         <span class=\"emoji\" role=\"img\" title=\":smile:\" aria-label=\":smile:\">😄</span>\
         <strong> </strong>@ann</div>"
    );
    // Links inside bold are wrapped.
    assert!(
        msg("*see [x](https://example.com)*").contains("<strong><a href=\"https://example.com/\"")
    );
}

#[test]
fn inline_code_and_code_blocks() {
    assert_eq!(
        msg("`const x = 42;`"),
        "<div><code class=\"code-colors inline\">const x = 42;</code></div>"
    );
    assert_eq!(
        msg("```javascript\nconst x = 42;\nif (a < b) {}\n```"),
        "<pre><code class=\"code-colors language-javascript\">const x = 42;\nif (a &lt; b) {}</code></pre>"
    );
    assert_eq!(
        msg("```\nplain\n```"),
        "<pre><code class=\"code-colors\">plain</code></pre>"
    );
    // A language that is not a plain name is not written into the class.
    let code = n(Kind::Code(Box::new(CodeBlock {
        language: Some("x\" onmouseover=\"alert(1)".into()),
        lines: vec![n(Kind::CodeLine("a".into()))],
    })));
    assert_eq!(one(code), "<pre><code class=\"code-colors\">a</code></pre>");
    let code = n(Kind::Code(Box::new(CodeBlock {
        language: Some("c++".into()),
        lines: vec![],
    })));
    assert_eq!(
        one(code),
        "<pre><code class=\"code-colors language-c++\"></code></pre>"
    );
}

#[test]
fn headings() {
    assert_eq!(msg("## Snapshot heading"), "<h2>Snapshot heading</h2>");
    assert_eq!(msg("# a"), "<h1>a</h1>");
    assert_eq!(msg("#### d"), "<h4>d</h4>");
    let h = |level| {
        one(n(Kind::Heading {
            level,
            value: vec![t("x")],
        }))
    };
    assert_eq!(h(0), "<h1>x</h1>");
    assert_eq!(h(3), "<h3>x</h3>");
    assert_eq!(h(5), "<h4>x</h4>");
    assert_eq!(h(99), "<h4>x</h4>");
    assert_eq!(h(u32::MAX), "<h4>x</h4>");
}

#[test]
fn quotes() {
    assert_eq!(
        msg("> Snapshot quote"),
        "<blockquote><div>Snapshot quote</div></blockquote>"
    );
    assert_eq!(
        msg("> a\n> b\n> c"),
        "<blockquote><div>a</div><div>b</div><div>c</div></blockquote>"
    );
    // BLOCKQUOTE has no reference renderer; it shows as a quote.
    assert_eq!(
        one(n(Kind::Blockquote(vec![p(vec![t("q")])]))),
        "<blockquote><div>q</div></blockquote>"
    );
}

#[test]
fn lists() {
    assert_eq!(msg("- Item"), "<ul><li>Item</li></ul>");
    assert_eq!(
        msg("1. one\n2. two"),
        "<ol><li value=\"1\">one</li><li value=\"2\">two</li></ol>"
    );
    assert_eq!(msg("7. seven"), "<ol><li value=\"7\">seven</li></ol>");
    let item = |number| {
        n(Kind::ListItem {
            value: vec![t("i")],
            number,
        })
    };
    assert_eq!(
        one(n(Kind::OrderedList(vec![
            item(None),
            item(Some(JsNumber::new(1e21)))
        ]))),
        "<ol><li>i</li><li value=\"1e+21\">i</li></ol>"
    );
    assert_eq!(
        one(n(Kind::OrderedList(vec![item(Some(JsNumber::new(
            f64::NAN
        )))]))),
        "<ol><li>i</li></ol>"
    );
    // Numbers only show in ordered lists.
    assert_eq!(
        one(n(Kind::UnorderedList(vec![item(Some(JsNumber::new(3.0)))]))),
        "<ul><li>i</li></ul>"
    );
}

#[test]
fn tasks() {
    assert_eq!(
        msg("- [x] Complete\n- [ ] Incomplete"),
        "<ul class=\"task-list\"><li><input type=\"checkbox\" disabled checked> Complete</li>\
         <li><input type=\"checkbox\" disabled> Incomplete</li></ul>"
    );
}

#[test]
fn links_external_and_internal() {
    // The reference's LinkSpan snapshots.
    assert_eq!(
        msg("[Snapshot link](https://example.com)"),
        "<div><a href=\"https://example.com/\" title=\"https://example.com/\" \
         rel=\"noopener noreferrer\" target=\"_blank\">Snapshot link</a></div>"
    );
    let ctx = RenderContext {
        base_url: Some("http://localhost:3000/".into()),
        ..RenderContext::default()
    };
    assert_eq!(
        msg_with("[Internal](http://localhost:3000/channel/test)", &ctx),
        "<div><a href=\"http://localhost:3000/channel/test\" title=\"Go to channel/test\">Internal</a></div>"
    );
    assert_eq!(
        msg("[x](javascript:alert(1))"),
        "<div><a href=\"#\" title=\"#\" rel=\"noopener noreferrer\" target=\"_blank\">x</a></div>"
    );
    // Bare domains get `//`.
    assert_eq!(
        msg("example.com"),
        "<div><a href=\"//example.com\" title=\"//example.com\" rel=\"noopener noreferrer\" \
         target=\"_blank\">example.com</a></div>"
    );
}

#[test]
fn link_labels_render_text_and_formatting_only() {
    let link = |label: Vec<Node<'static>>| {
        one(p(vec![n(Kind::Link(Box::new(Link {
            src: "https://e.com".into(),
            label: Label::Many(label),
        })))]))
    };
    let open = "<div><a href=\"https://e.com/\" title=\"https://e.com/\" rel=\"noopener noreferrer\" target=\"_blank\">";
    assert_eq!(
        link(vec![
            t("a "),
            n(Kind::Bold(vec![t("b")])),
            n(Kind::Emoji(Emoji::Unicode("😀".into()))),
            n(Kind::InlineCode("c".into())),
        ]),
        format!("{open}a <strong>b</strong></a></div>")
    );
    // An empty label shows the address.
    assert_eq!(link(vec![]), format!("{open}https://e.com/</a></div>"));
    // A link nested in a label shows its label only (no nested <a>).
    let nested = link(vec![n(Kind::Bold(vec![n(Kind::Link(Box::new(Link {
        src: "https://other.com".into(),
        label: Label::One(Box::new(t("inner"))),
    })))]))]);
    assert_eq!(nested, format!("{open}<strong>inner</strong></a></div>"));
    // The single-node label form of older releases.
    let old = one(n(Kind::Link(Box::new(Link {
        src: "/x".into(),
        label: Label::One(Box::new(t("old"))),
    }))));
    assert!(old.contains(">old</a>"), "{old}");
}

#[test]
fn images() {
    let img = one(p(vec![n(Kind::Image(Box::new(Link {
        src: "https://example.com/img.png".into(),
        label: Label::Many(vec![t("Snapshot "), n(Kind::Bold(vec![t("image")]))]),
    })))]));
    assert_eq!(
        img,
        "<div><a href=\"https://example.com/img.png\" target=\"_blank\" rel=\"noopener noreferrer\" \
         title=\"Snapshot image\"><img src=\"https://example.com/img.png\" \
         data-title=\"https://example.com/img.png\" alt=\"Snapshot image\" style=\"max-width: 100%;\"></a></div>"
    );
    let bad = one(n(Kind::Image(Box::new(Link {
        src: "javascript:alert(1)".into(),
        label: Label::One(Box::new(t("\"><script>"))),
    }))));
    assert!(bad.contains("src=\"#\""), "{bad}");
    assert!(bad.contains("alt=\"&quot;&gt;&lt;script&gt;\""), "{bad}");
}

fn people() -> RenderContext<'static> {
    RenderContext {
        mentions: vec![
            MentionedUser {
                id: Some("user123".into()),
                username: Some("john".into()),
                name: Some("John Doe".into()),
                kind: None,
            },
            MentionedUser {
                id: Some("me1".into()),
                username: Some("me".into()),
                name: Some("Myself".into()),
                kind: Some("user".into()),
            },
            MentionedUser {
                id: Some("t1".into()),
                username: None,
                name: Some("devs".into()),
                kind: Some("team".into()),
            },
        ],
        channels: vec![MentionedChannel {
            id: Some("c1".into()),
            name: Some("general".into()),
            fname: Some("General Chat".into()),
        }],
        own_user_id: Some("me1".into()),
        ..RenderContext::default()
    }
}

#[test]
fn user_mentions() {
    let ctx = people();
    assert_eq!(
        msg_with("@john", &ctx),
        "<div><span class=\"mention-link mention-link--user\" data-uid=\"user123\" \
         title=\"Mentions user\">john</span></div>"
    );
    assert_eq!(msg_with("@unknown", &ctx), "<div>@unknown</div>");
    assert_eq!(
        msg_with("@me", &ctx),
        "<div><span class=\"mention-link mention-link--user mention-link--me\" data-uid=\"me1\" \
         title=\"Mentions you\">me</span></div>"
    );
    assert_eq!(
        msg_with("@all @here", &ctx),
        "<div><span class=\"mention-link mention-link--all\" title=\"Mentions all room members\">all</span> \
         <span class=\"mention-link mention-link--here\" title=\"Mentions online room members\">here</span></div>"
    );
    assert!(msg_with("@devs", &ctx).contains("mention-link--team"));
    let real = RenderContext {
        use_real_name: true,
        ..people()
    };
    assert!(msg_with("@john", &real).contains(">John Doe</span>"));
    let sym = RenderContext {
        show_mention_symbol: true,
        ..people()
    };
    assert!(msg_with("@john", &sym).contains(">@john</span>"));
    assert!(msg_with("@all", &sym).contains(">@all</span>"));
    // Without any mentions, nothing resolves.
    assert_eq!(msg("@john"), "<div>@john</div>");
}

#[test]
fn channel_mentions() {
    let ctx = people();
    assert_eq!(
        msg_with("#general", &ctx),
        "<div><span class=\"mention-link mention-link--room\" title=\"Mentions channel\">General Chat</span></div>"
    );
    let sym = RenderContext {
        show_mention_symbol: true,
        ..people()
    };
    assert!(msg_with("#general", &sym).contains(">#General Chat</span>"));
    assert_eq!(msg_with("#unknown", &ctx), "<div>#unknown</div>");
    let issues = RenderContext {
        issue_links_template: Some("https://github.com/o/r/issues/%s".into()),
        ..RenderContext::default()
    };
    assert_eq!(
        msg_with("#123", &issues),
        "<div><a href=\"https://github.com/o/r/issues/123\" rel=\"noopener noreferrer\" target=\"_blank\">#123</a></div>"
    );
    let bad = RenderContext {
        issue_links_template: Some("javascript:alert(%s)".into()),
        ..RenderContext::default()
    };
    assert_eq!(msg_with("#123", &bad), "<div>#123</div>");
}

#[test]
fn emoji() {
    assert_eq!(
        msg("hi :smile:"),
        "<div>hi <span class=\"emoji\" role=\"img\" title=\":smile:\" aria-label=\":smile:\">😄</span></div>"
    );
    // Unknown shortcodes keep the reference's fallback span.
    assert_eq!(
        msg("hi :nope_nope:"),
        "<div>hi <span role=\"img\" aria-label=\":nope_nope:\" title=\":nope_nope:\">:nope_nope:</span></div>"
    );
    let off = RenderContext {
        use_emoji: false,
        ..RenderContext::default()
    };
    assert_eq!(
        msg_with("Hey! :smile: :)", &off),
        "<div>Hey! :smile: :)</div>"
    );
    let no_ascii = RenderContext {
        convert_ascii_emoji: false,
        ..RenderContext::default()
    };
    assert_eq!(
        msg_with("a :) :smile:", &no_ascii),
        "<div>a :) <span class=\"emoji\" role=\"img\" title=\":smile:\" aria-label=\":smile:\">😄</span></div>"
    );
    // A unicode emoji the table does not know.
    let empty = RenderContext {
        emoji: EmojiTable::empty(),
        ..RenderContext::default()
    };
    assert_eq!(
        to_html(
            &[p(vec![n(Kind::Emoji(Emoji::Unicode("🚀".into())))])],
            &empty
        ),
        "<div><span role=\"img\" title=\"🚀\">🚀</span></div>"
    );
    // Custom entries.
    let mut table = EmojiTable::default();
    table.insert("parrot", "🦜");
    let custom = RenderContext {
        emoji: table,
        ..RenderContext::default()
    };
    assert!(msg_with(":parrot:", &custom).contains(">🦜</span>"));
}

#[test]
fn big_emoji() {
    assert_eq!(
        msg("🎉"),
        "<div class=\"big-emoji\" role=\"presentation\"><span class=\"emoji emoji--big\" role=\"img\" \
         title=\":tada:\" aria-label=\":tada:\">🎉</span></div>"
    );
    let off = RenderContext {
        convert_ascii_emoji: false,
        emoji: EmojiTable::empty(),
        ..RenderContext::default()
    };
    // The reference's snapshot: `:slight_smile:`, `🙂` spans then bare `:)`.
    let html = msg_with(":slight_smile: 🙂 :)", &off);
    assert!(html.starts_with("<div class=\"big-emoji\""), "{html}");
    assert!(html.ends_with(":)</div>"), "{html}");
}

#[test]
fn colors() {
    assert_eq!(
        one(p(vec![n(Kind::Color {
            r: 100,
            g: 150,
            b: 200,
            a: 200
        })])),
        "<div><span class=\"color\"><span class=\"color-swatch\" style=\"background-color: \
         rgba(100, 150, 200, 78.43137254901961%); display: inline-block; width: 1em; height: 1em; \
         vertical-align: middle; margin-inline-end: 0.5em;\"></span>rgba(100, 150, 200, 78.43137254901961%)</span></div>"
    );
    assert!(msg("color:#ff0000").contains("rgba(255, 0, 0, 100%)"));
    let half = one(n(Kind::Color {
        r: 0,
        g: 0,
        b: 0,
        a: 128,
    }));
    assert!(half.contains("50.19607843137255%"), "{half}");
}

#[test]
fn spoilers() {
    assert_eq!(
        msg("||secret||"),
        "<div><span class=\"spoiler\" tabindex=\"0\" aria-label=\"Spoiler\">secret</span></div>"
    );
    assert_eq!(
        one(n(Kind::SpoilerBlock(vec![p(vec![t("Snapshot spoiler")])]))),
        "<div class=\"spoiler spoiler-block\" tabindex=\"0\" aria-label=\"Spoiler\"><div>Snapshot spoiler</div></div>"
    );
    assert!(html::STYLESHEET.contains(".spoiler{filter:blur(4px)"));
}

#[test]
fn math() {
    assert_eq!(
        msg("$$\\frac{a}{b} < c$$"),
        "<div class=\"katex-block\" role=\"math\" aria-label=\"\\frac{a}{b} &lt; c\">\\frac{a}{b} &lt; c</div>"
    );
    assert_eq!(
        msg("x $a<b$ y"),
        "<div>x <span class=\"katex-inline\" role=\"math\" aria-label=\"a&lt;b\">a&lt;b</span> y</div>"
    );
}

#[test]
fn timestamps() {
    let ctx = RenderContext {
        now_ms: Some(chatmark::parse::iso_to_ms("2024-06-15T13:40:45Z").unwrap()),
        ..RenderContext::default()
    };
    let html = |s: &str| msg_with(s, &ctx);
    assert_eq!(
        html("<t:1718457045:D>"),
        "<div><time class=\"timestamp\" datetime=\"2024-06-15T13:10:45.000Z\" \
         title=\"6/15/2024, 1:10:45 PM\">06/15/2024, 1:10 PM</time></div>"
    );
    assert!(html("<t:1718457045:t>").contains(">1:10 PM</time>"));
    assert!(html("<t:1718457045:T>").contains(">1:10:45 PM</time>"));
    assert!(html("<t:1718457045:d>").contains(">06/15/2024</time>"));
    assert!(html("<t:1718457045:f>").contains(">June 15th, 2024 at 1:10:45 PM GMT+0</time>"));
    assert!(
        html("<t:1718457045:F>")
            .contains(">Saturday, June 15th, 2024 at 1:10:45 PM GMT+00:00</time>")
    );
    assert!(html("<t:1718457045:R>").contains(">30 minutes ago</time>"));
    // The viewer's time zone.
    let tokyo = RenderContext {
        tz_offset_minutes: 9 * 60,
        ..ctx.clone()
    };
    let t = msg_with("<t:1718457045:f>", &tokyo);
    assert!(t.contains("datetime=\"2024-06-15T13:10:45.000Z\""), "{t}");
    assert!(
        t.contains(">June 15th, 2024 at 10:10:45 PM GMT+9</time>"),
        "{t}"
    );
    // Invalid dates show the source text.
    let bad = n(Kind::Timestamp(Box::new(chatmark::ast::Timestamp {
        timestamp: "soon".into(),
        format: "t".into(),
        fallback: Some(Fallback::Plain("<t:soon:t>".into())),
    })));
    assert_eq!(one(p(vec![bad])), "<div>&lt;t:soon:t&gt;</div>");
    let bad = n(Kind::Timestamp(Box::new(chatmark::ast::Timestamp {
        timestamp: "soon".into(),
        format: "t".into(),
        fallback: None,
    })));
    assert_eq!(one(bad), "<div>Invalid Date</div>");
}

#[test]
fn tables() {
    assert_eq!(
        msg("| a | b | c |\n|:-|:-:|-:|\n| 1 | 2 | 3 |"),
        "<table><thead><tr><th style=\"text-align: left;\">a</th><th style=\"text-align: center;\">b</th>\
         <th style=\"text-align: right;\">c</th></tr></thead><tbody><tr><td style=\"text-align: left;\">1</td>\
         <td style=\"text-align: center;\">2</td><td style=\"text-align: right;\">3</td></tr></tbody></table>"
    );
    let odd = n(Kind::Table(Box::new(chatmark::ast::Table {
        header: vec![n(Kind::TableCell(Box::new(TableCell {
            align: Some("__proto__".into()),
            value: vec![t("h")],
        })))],
        rows: vec![t("loose"), n(Kind::TableRow(vec![]))],
        fallback: None,
    })));
    assert_eq!(
        one(odd),
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>loose</td></tr><tr></tr></tbody></table>"
    );
    assert_eq!(
        one(n(Kind::Table(Box::new(chatmark::ast::Table {
            header: vec![],
            rows: vec![],
            fallback: None
        })))),
        "<table></table>"
    );
}

#[test]
fn line_breaks_and_rules() {
    assert_eq!(msg("a\n\nb"), "<div>a</div><br><div>b</div>");
    assert_eq!(msg("---"), "<hr>");
}

fn unknown(type_name: &str, fields: &[(&str, &str)]) -> Node<'static> {
    n(Kind::Unknown(Box::new(UnknownNode {
        type_name: type_name.to_owned().into(),
        fields: fields
            .iter()
            .map(|(k, v)| {
                (
                    (*k).to_owned().into(),
                    RawJson(serde_json::value::RawValue::from_string((*v).to_owned()).unwrap()),
                )
            })
            .collect(),
    })))
}

#[test]
fn unknown_types_render_their_fallback_or_nothing() {
    let src = "hello <b>world</b>";
    let ctx = RenderContext::default().with_source(src);
    let block = unknown("FUTURE_BLOCK", &[("value", "[]"), ("fallback", "[6, 18]")]);
    assert_eq!(
        to_html(std::slice::from_ref(&block), &ctx),
        "<div>&lt;b&gt;world&lt;/b&gt;</div>"
    );
    // No source: nothing.
    assert_eq!(to_html(&[block], &RenderContext::default()), "");
    let inline = unknown(
        "FUTURE_INLINE",
        &[("fallback", r#"{"type":"PLAIN_TEXT","value":"<i>x</i>"}"#)],
    );
    assert_eq!(
        one(p(vec![t("a "), inline])),
        "<div>a &lt;i&gt;x&lt;/i&gt;</div>"
    );
    assert_eq!(one(p(vec![unknown("X", &[])])), "<div></div>");
    assert_eq!(one(unknown("X", &[("fallback", "[5, 1]")])), "");
    assert_eq!(
        to_html(&[unknown("X", &[("fallback", "[-5, 1e300]")])], &ctx),
        "<div>hello &lt;b&gt;world&lt;/b&gt;</div>"
    );
    // Read from JSON, as a newer server would store it.
    let tree = tree(r#"[{"type":"CALLOUT","value":[],"fallback":[0,5]}]"#);
    assert_eq!(to_html(&tree, &ctx), "<div>hello</div>");
}

#[test]
fn odd_trees_never_panic() {
    let deep = (0..10_000).fold(t("deep"), |acc, _| n(Kind::Bold(vec![acc])));
    let odd: Vec<Node<'static>> = vec![
        n(Kind::OrderedList(vec![])),
        n(Kind::UnorderedList(vec![t("not an item")])),
        n(Kind::Tasks(vec![n(Kind::LineBreak)])),
        n(Kind::Quote(vec![])),
        n(Kind::Quote(vec![t("bare")])),
        n(Kind::Code(Box::new(CodeBlock {
            language: None,
            lines: vec![t("plain line"), n(Kind::LineBreak)],
        }))),
        t("top-level text"),
        n(Kind::ListItem {
            value: vec![],
            number: Some(JsNumber::new(f64::INFINITY)),
        }),
        n(Kind::Task {
            status: true,
            value: vec![],
        }),
        n(Kind::TableRow(vec![t("a"), t("b")])),
        n(Kind::TableCell(Box::new(TableCell {
            align: None,
            value: vec![],
        }))),
        n(Kind::CodeLine("<x>".into())),
        n(Kind::BigEmoji(vec![t("x"), n(Kind::Paragraph(vec![]))])),
        n(Kind::Heading {
            level: 0,
            value: vec![n(Kind::Heading {
                level: 99,
                value: vec![],
            })],
        }),
        n(Kind::Link(Box::new(Link {
            src: "".into(),
            label: Label::One(Box::new(n(Kind::LineBreak))),
        }))),
        n(Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
            value: "".into(),
            short_code: "".into(),
        })))),
        n(Kind::Timestamp(Box::new(chatmark::ast::Timestamp {
            timestamp: "".into(),
            format: "".into(),
            fallback: Some(Fallback::Range(u64::MAX, 0)),
        }))),
        n(Kind::Timestamp(Box::new(chatmark::ast::Timestamp {
            timestamp: "99999999999999999999".into(),
            format: "R".into(),
            fallback: Some(Fallback::Range(0, u64::MAX)),
        }))),
        n(Kind::HorizontalRule {
            fallback: Some(Fallback::Range(0, u64::MAX)),
        }),
        unknown("", &[("fallback", "null")]),
        unknown("X", &[("fallback", "[1]")]),
        unknown("X", &[("fallback", "\"text\"")]),
        deep,
    ];
    let ctx = RenderContext {
        now_ms: Some(i64::MIN),
        tz_offset_minutes: i32::MAX,
        ..RenderContext::default()
    }
    .with_source("😀 source");
    let html = to_html(&odd, &ctx);
    assert!(html.contains("not an item"));
    let _ = chatmark::render::to_text(&odd, &ctx);
    let _ = chatmark::render::to_preview(&odd, &ctx);
    for node in &odd {
        let one = std::slice::from_ref(node);
        let _ = to_html(one, &ctx);
        let _ = chatmark::render::to_text(one, &ctx);
        let _ = chatmark::render::to_preview(one, &ctx);
    }
    // Dropping the deep tree must not overflow the test thread's stack either.
    std::mem::forget(odd);
}

#[test]
fn every_parsed_reference_input_renders() {
    // The parser's own corpus, through all three renderers.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference-tests.jsonl"
    ))
    .unwrap();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(input) = v["input"].as_str() else {
            continue;
        };
        let tree = parse(input, &opts());
        let ctx = RenderContext::default().with_source(input);
        let html = to_html(&tree, &ctx);
        assert!(!html.contains("<script"), "{input:?} → {html}");
        let _ = chatmark::render::to_text(&tree, &ctx);
        let preview = chatmark::render::to_preview(&tree, &ctx);
        assert!(!preview.contains('\n'), "{input:?} → {preview:?}");
        count += 1;
    }
    assert!(count > 100, "{count}");
}
