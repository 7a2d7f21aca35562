//! The HTML renderer against injection: an OWASP-style corpus of messages
//! (`tests/fixtures/render/injections.jsonl`: raw HTML, script URLs and
//! their disguises through links, images, code, mentions, emoji, colors,
//! timestamps, math and tables), parsed and rendered, then read back with a
//! real HTML parser (html5ever, through `scraper`) and checked: only
//! allow-listed elements and attributes, no event handlers, no script URLs,
//! and only the fixed `style` declarations the renderer writes. Hand-made
//! trees carry the same payloads in every string field a tree has.

use chatmark::ast::{
    CodeBlock, Emoji, Fallback, JsNumber, Kind, Label, Link, Node, RawJson, Shortcode, TableCell,
    UnknownNode,
};
use chatmark::render::html::{ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS};
use chatmark::render::{EmojiTable, MentionedChannel, MentionedUser, RenderContext, to_html};
use chatmark::{Options, parse};
use scraper::Html;
use scraper::node::Node as HtmlNode;

const CLASSES: &[&str] = &[
    "big-emoji",
    "code-colors",
    "color",
    "color-swatch",
    "emoji",
    "emoji--big",
    "inline",
    "katex-block",
    "katex-inline",
    "mention-link",
    "mention-link--all",
    "mention-link--group",
    "mention-link--here",
    "mention-link--me",
    "mention-link--room",
    "mention-link--team",
    "mention-link--user",
    "spoiler",
    "spoiler-block",
    "task-list",
    "timestamp",
];

fn script_url(v: &str) -> bool {
    let squeezed: String = v
        .chars()
        .filter(|c| !(c.is_whitespace() || c.is_control()))
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "data:", "vbscript:", "livescript:"]
        .iter()
        .any(|p| squeezed.starts_with(p))
}

fn style_ok(v: &str) -> bool {
    if matches!(
        v,
        "text-align: left;" | "text-align: center;" | "text-align: right;" | "max-width: 100%;"
    ) {
        return true;
    }
    let Some(rest) = v.strip_prefix("background-color: rgba(") else {
        return false;
    };
    let Some(nums) = rest.strip_suffix(
        "); display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin-inline-end: 0.5em;",
    ) else {
        return false;
    };
    nums.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '.' | '%' | 'e' | '-' | '+'))
}

fn class_ok(token: &str) -> bool {
    CLASSES.contains(&token)
        || token.strip_prefix("language-").is_some_and(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_+#.".contains(&b))
        })
}

/// Reads `html` as a browser would and checks every node; returns the
/// number of elements.
fn check(html: &str, what: &str) -> usize {
    for frame in ["<html", "<head", "<body"] {
        assert!(
            !html.to_ascii_lowercase().contains(frame),
            "{frame} from {what}:\n{html}"
        );
    }
    let doc = Html::parse_fragment(html);
    let mut elements = 0;
    for node in doc.tree.nodes() {
        match node.value() {
            HtmlNode::Element(e) => {
                let name = e.name();
                if matches!(name, "html" | "head" | "body") && e.attrs().next().is_none() {
                    // The parser's own document frame; the renderer never
                    // writes these (checked on the raw output below).
                    continue;
                }
                elements += 1;
                assert!(
                    ALLOWED_ELEMENTS.contains(&name),
                    "element <{name}> from {what}:\n{html}"
                );
                for (attr, value) in e.attrs() {
                    assert!(
                        ALLOWED_ATTRIBUTES.contains(&attr) && !attr.starts_with("on"),
                        "attribute {attr} on <{name}> from {what}:\n{html}"
                    );
                    match attr {
                        "href" | "src" | "data-title" => assert!(
                            !script_url(value),
                            "script URL {value:?} from {what}:\n{html}"
                        ),
                        "style" => assert!(style_ok(value), "style {value:?} from {what}:\n{html}"),
                        "class" => assert!(
                            value.split_ascii_whitespace().all(class_ok),
                            "class {value:?} from {what}:\n{html}"
                        ),
                        "target" => assert_eq!(value, "_blank", "{what}"),
                        "rel" => assert_eq!(value, "noopener noreferrer", "{what}"),
                        "type" => assert_eq!(value, "checkbox", "{what}"),
                        "role" => assert!(
                            matches!(value, "img" | "math" | "presentation"),
                            "role {value:?} from {what}"
                        ),
                        "tabindex" => assert_eq!(value, "0", "{what}"),
                        "checked" | "disabled" => assert_eq!(value, "", "{what}"),
                        _ => {}
                    }
                }
            }
            HtmlNode::Comment(c) => panic!("comment {:?} from {what}:\n{html}", &**c),
            HtmlNode::ProcessingInstruction(_) | HtmlNode::Doctype(_) => {
                panic!("markup node from {what}:\n{html}")
            }
            _ => {}
        }
    }
    elements
}

const EVIL: &str = "\"><img src=x onerror=alert(1)>";

/// A context where every host-supplied string is hostile too.
fn hostile() -> RenderContext<'static> {
    let mut emoji = EmojiTable::default();
    emoji.insert("evil", EVIL);
    emoji.insert("x", "<script>alert(1)</script>");
    RenderContext {
        base_url: Some("\"><script>alert(1)</script>".into()),
        mentions: vec![
            MentionedUser {
                id: Some(EVIL.into()),
                username: Some("evil".into()),
                name: Some("<script>alert(1)</script>".into()),
                kind: None,
            },
            MentionedUser {
                id: Some("me".into()),
                username: Some("john".into()),
                name: Some(EVIL.into()),
                kind: Some("user".into()),
            },
        ],
        channels: vec![
            MentionedChannel {
                id: Some(EVIL.into()),
                name: Some("evil".into()),
                fname: Some("<svg onload=alert(1)>".into()),
            },
            MentionedChannel {
                id: None,
                name: Some("general".into()),
                fname: None,
            },
        ],
        use_real_name: true,
        show_mention_symbol: true,
        own_user_id: Some("me".into()),
        emoji,
        issue_links_template: Some("https://x.com/%s\"><script>alert(1)</script>".into()),
        now_ms: Some(1_718_457_045_000),
        ..RenderContext::default()
    }
}

fn corpus() -> Vec<(String, Options)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/render/injections.jsonl"
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let input = v["input"].as_str().unwrap().to_owned();
            let opts = match v.get("options") {
                Some(o) => Options::from_value(o.clone()).unwrap(),
                None => Options::default(),
            };
            (input, opts)
        })
        .collect()
}

#[test]
fn injection_corpus_renders_only_allowed_markup() {
    let cases = corpus();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let all_on = Options::from_json(
        r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true}}"#,
    )
    .unwrap();
    let mut elements = 0;
    for (input, opts) in &cases {
        for o in [opts, &all_on] {
            let tree = parse(input, o);
            for ctx in [RenderContext::default(), hostile()] {
                let html = to_html(&tree, &ctx.with_source(input));
                elements += check(&html, input);
            }
        }
    }
    // The corpus does exercise the markup (links, code, mentions …).
    assert!(elements > 1000, "{elements}");
}

#[test]
fn escaped_payloads_survive_as_text() {
    let html = to_html(
        &parse("`<script>alert(1)</script>`", &Options::default()),
        &RenderContext::default(),
    );
    assert_eq!(
        html,
        "<div><code class=\"code-colors inline\">&lt;script&gt;alert(1)&lt;/script&gt;</code></div>"
    );
    let doc = Html::parse_fragment(&html);
    let text: String = doc.root_element().text().collect();
    assert_eq!(text, "<script>alert(1)</script>");
    // Script URLs in links and images become `#`.
    for input in [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html,x)",
    ] {
        let html = to_html(
            &parse(input, &Options::default()),
            &RenderContext::default(),
        );
        assert!(html.contains("href=\"#\""), "{input:?} → {html}");
    }
}

fn t(s: &str) -> Node<'static> {
    Node::plain(s.to_owned())
}
fn n(k: Kind<'static>) -> Node<'static> {
    Node::new(k)
}

/// Every node kind, with `x` in each of its string fields.
fn every_kind(x: &str) -> Vec<Node<'static>> {
    let s = || std::borrow::Cow::Owned(x.to_owned());
    let inl = |k| vec![t(x), n(k)];
    let cell = || {
        n(Kind::TableCell(Box::new(TableCell {
            align: Some(s()),
            value: vec![t(x)],
        })))
    };
    let raw = |v: String| RawJson(serde_json::value::RawValue::from_string(v).unwrap());
    vec![
        n(Kind::Paragraph(vec![
            t(x),
            n(Kind::Bold(inl(Kind::Italic(inl(Kind::Strike(vec![t(x)])))))),
            n(Kind::Spoiler(vec![t(x)])),
            n(Kind::InlineCode(s())),
            n(Kind::Link(Box::new(Link {
                src: s(),
                label: Label::Many(vec![t(x), n(Kind::Bold(vec![t(x)]))]),
            }))),
            n(Kind::Link(Box::new(Link {
                src: s(),
                label: Label::One(Box::new(n(Kind::Emoji(Emoji::Unicode(s()))))),
            }))),
            n(Kind::Image(Box::new(Link {
                src: s(),
                label: Label::One(Box::new(t(x))),
            }))),
            n(Kind::MentionUser(s())),
            n(Kind::MentionChannel(s())),
            n(Kind::MentionUser("evil".into())),
            n(Kind::MentionUser("john".into())),
            n(Kind::MentionChannel("evil".into())),
            n(Kind::MentionChannel("123".into())),
            n(Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
                value: s(),
                short_code: s(),
            })))),
            n(Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
                value: "evil".into(),
                short_code: "evil".into(),
            })))),
            n(Kind::Emoji(Emoji::Unicode(s()))),
            n(Kind::Color {
                r: 1,
                g: 2,
                b: 3,
                a: 4,
            }),
            n(Kind::InlineKatex(s())),
            n(Kind::Timestamp(Box::new(chatmark::ast::Timestamp {
                timestamp: s(),
                format: s(),
                fallback: Some(Fallback::Plain(s())),
            }))),
            n(Kind::Timestamp(Box::new(chatmark::ast::Timestamp {
                timestamp: "1718457045".into(),
                format: s(),
                fallback: None,
            }))),
            n(Kind::Unknown(Box::new(UnknownNode {
                type_name: s(),
                fields: vec![(
                    "fallback".into(),
                    raw(serde_json::json!({"type": "PLAIN_TEXT", "value": x}).to_string()),
                )],
            }))),
        ])),
        n(Kind::Code(Box::new(CodeBlock {
            language: Some(s()),
            lines: vec![n(Kind::CodeLine(s())), t(x)],
        }))),
        n(Kind::Heading {
            level: 2,
            value: vec![t(x)],
        }),
        n(Kind::Quote(vec![n(Kind::Paragraph(vec![t(x)])), t(x)])),
        n(Kind::Blockquote(vec![t(x)])),
        n(Kind::SpoilerBlock(vec![n(Kind::Paragraph(vec![t(x)]))])),
        n(Kind::BigEmoji(vec![
            n(Kind::Emoji(Emoji::Unicode(s()))),
            n(Kind::Emoji(Emoji::Shortcode(Box::new(Shortcode {
                value: s(),
                short_code: "x".into(),
            })))),
        ])),
        n(Kind::Tasks(vec![
            n(Kind::Task {
                status: true,
                value: vec![t(x)],
            }),
            t(x),
        ])),
        n(Kind::OrderedList(vec![n(Kind::ListItem {
            value: vec![t(x)],
            number: Some(JsNumber::new(-0.5)),
        })])),
        n(Kind::UnorderedList(vec![n(Kind::ListItem {
            value: vec![t(x)],
            number: None,
        })])),
        n(Kind::LineBreak),
        n(Kind::HorizontalRule {
            fallback: Some(Fallback::Range(0, 99)),
        }),
        n(Kind::Katex(s())),
        n(Kind::Table(Box::new(chatmark::ast::Table {
            header: vec![cell(), t(x)],
            rows: vec![n(Kind::TableRow(vec![cell(), t(x)])), cell()],
            fallback: Some(Fallback::Plain(s())),
        }))),
        n(Kind::Unknown(Box::new(UnknownNode {
            type_name: s(),
            fields: vec![("fallback".into(), raw("[0, 999]".into()))],
        }))),
        t(x),
    ]
}

#[test]
fn payloads_in_every_field_of_hand_made_trees() {
    let mut payloads: Vec<String> = corpus().into_iter().map(|(s, _)| s).collect();
    payloads.extend(
        [
            "javascript:alert(1)",
            "left\" onmouseover=\"alert(1)",
            "center;background:url(javascript:alert(1))",
            "__proto__",
            "</code></pre><script>alert(1)</script>",
            "\u{0}\u{1}\u{7f}",
            "",
        ]
        .map(String::from),
    );
    for x in &payloads {
        let tree = every_kind(x);
        for ctx in [RenderContext::default(), hostile()] {
            let ctx = ctx.with_source(x);
            check(&to_html(&tree, &ctx), x);
            let text = chatmark::render::to_text(&tree, &ctx);
            assert!(!text.is_empty());
            let preview = chatmark::render::to_preview(&tree, &ctx);
            assert!(!preview.contains('\n'));
        }
    }
}
