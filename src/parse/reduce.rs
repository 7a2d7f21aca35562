//! Joining the items a rule collected into the nodes the reference writes:
//! adjacent PLAIN_TEXT nodes merge, nested item lists flatten, and a
//! shortcode emoji that touches text becomes text again (the reference's
//! `reducePlainTexts`).

use std::borrow::Cow;

use crate::ast::{Emoji, Kind, Node};

/// What one grammar item produced: a node, or (from a few rules, such as
/// `a_b_c` inside words) a list of nodes that the next join flattens.
#[derive(Debug)]
pub(crate) enum Item<'a> {
    One(Node<'a>),
    Many(Vec<Node<'a>>),
}

impl<'a> From<Node<'a>> for Item<'a> {
    fn from(n: Node<'a>) -> Self {
        Item::One(n)
    }
}

/// Appends text to `out`, merging it into a trailing PLAIN_TEXT node. Two
/// borrowed pieces that touch in `source` merge without copying.
pub(crate) fn push_text<'a>(source: &'a str, out: &mut Vec<Node<'a>>, text: Cow<'a, str>) {
    if let Some(Node {
        kind: Kind::PlainText(prev),
        extra,
    }) = out.last_mut()
        && extra.is_empty()
    {
        append(source, prev, text);
        return;
    }
    out.push(Node::new(Kind::PlainText(text)));
}

/// `prev += text`, borrowing when both are adjacent slices of `source`.
pub(crate) fn append<'a>(source: &'a str, prev: &mut Cow<'a, str>, text: Cow<'a, str>) {
    if text.is_empty() {
        return;
    }
    if let (Cow::Borrowed(a), Cow::Borrowed(b)) = (&*prev, &text)
        && let (Some(start), Some(mid)) = (offset_in(source, a), offset_in(source, b))
        && start + a.len() == mid
    {
        *prev = Cow::Borrowed(&source[start..mid + b.len()]);
        return;
    }
    if prev.is_empty() {
        *prev = text;
    } else {
        prev.to_mut().push_str(&text);
    }
}

/// The byte offset of `piece` within `source`, if it is a slice of it.
fn offset_in(source: &str, piece: &str) -> Option<usize> {
    let base = source.as_ptr() as usize;
    let p = piece.as_ptr() as usize;
    (p >= base && p + piece.len() <= base + source.len()).then(|| p - base)
}

/// Appends a node, merging PLAIN_TEXT into a trailing PLAIN_TEXT.
pub(crate) fn push_node<'a>(source: &'a str, out: &mut Vec<Node<'a>>, node: Node<'a>) {
    match node.kind {
        Kind::PlainText(t) if node.extra.is_empty() => push_text(source, out, t),
        kind => out.push(Node {
            kind,
            extra: node.extra,
        }),
    }
}

fn is_text_neighbour(n: Option<&Node<'_>>) -> bool {
    match n.map(|n| &n.kind) {
        Some(Kind::Emoji(_)) => true,
        Some(Kind::PlainText(t)) => !super::chars::js_trim(t).is_empty(),
        _ => false,
    }
}

/// The reference's `reducePlainTexts` over a list of items.
pub(crate) fn reduce<'a>(source: &'a str, items: Vec<Item<'a>>) -> Vec<Node<'a>> {
    let needs_flatten = items.iter().any(|i| matches!(i, Item::Many(_)));
    let flat: Vec<Node<'a>> = if needs_flatten {
        let mut v = Vec::with_capacity(items.len());
        for i in items {
            match i {
                Item::One(n) => v.push(n),
                Item::Many(ns) => v.extend(ns),
            }
        }
        v
    } else {
        items
            .into_iter()
            .map(|i| match i {
                Item::One(n) => n,
                Item::Many(_) => unreachable_many(),
            })
            .collect()
    };
    reduce_nodes(source, flat)
}

#[cold]
fn unreachable_many() -> Node<'static> {
    Node::plain("")
}

/// `reducePlainTexts` over nodes already flat.
pub(crate) fn reduce_nodes<'a>(source: &'a str, nodes: Vec<Node<'a>>) -> Vec<Node<'a>> {
    let has_emoji = nodes.iter().any(|n| matches!(n.kind, Kind::Emoji(_)));
    let mut out: Vec<Node<'a>> = Vec::with_capacity(nodes.len());
    if !has_emoji {
        for n in nodes {
            push_node(source, &mut out, n);
        }
        return out;
    }
    // A shortcode emoji next to another emoji or to non-blank text turns
    // back into its text: `:name:` for shortcodes, the typed text for
    // emoticons. Neighbours are judged as they were before any merging.
    let demote: Vec<bool> = (0..nodes.len())
        .map(|i| {
            matches!(nodes[i].kind, Kind::Emoji(Emoji::Shortcode { .. }))
                && (i > 0 && is_text_neighbour(nodes.get(i - 1))
                    || is_text_neighbour(nodes.get(i + 1)))
        })
        .collect();
    for (n, demote) in nodes.into_iter().zip(demote) {
        if !demote {
            push_node(source, &mut out, n);
            continue;
        }
        match n.kind {
            Kind::Emoji(Emoji::Shortcode { value, short_code }) => {
                if value != short_code {
                    push_text(source, &mut out, value);
                } else {
                    push_text(source, &mut out, Cow::Owned(format!(":{value}:")));
                }
            }
            kind => out.push(Node::new(kind)),
        }
    }
    out
}
