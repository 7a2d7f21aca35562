//! Joining the items a rule collected into the nodes the reference writes:
//! adjacent PLAIN_TEXT nodes merge, nested item lists flatten, and a
//! shortcode emoji that touches text becomes text again (the reference's
//! `reducePlainTexts`).

use std::borrow::Cow;

use crate::ast::{Emoji, Kind, Node, Shortcode};

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
#[inline]
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
    // Not `push`: the node is built before the list may grow, so it waits
    // on the stack, and its copy from there (16-byte loads of what was
    // stored 8 bytes at a time) stalls the processor on store forwarding.
    // `resize_with` makes the room first and writes the node into it.
    let mut text = Some(text);
    out.resize_with(out.len() + 1, || {
        Node::new(Kind::PlainText(text.take().unwrap_or_default()))
    });
}

/// `prev += text`, borrowing when both are adjacent slices of `source`.
#[inline]
pub(crate) fn append<'a>(source: &'a str, prev: &mut Cow<'a, str>, text: Cow<'a, str>) {
    if text.is_empty() {
        return;
    }
    // `b` starting where `a` ends, and `a` in `source`: one slice of it.
    if let (Cow::Borrowed(a), Cow::Borrowed(b)) = (&*prev, &text)
        && a.as_ptr().wrapping_add(a.len()) == b.as_ptr()
        && let Some(start) = offset_in(source, a)
        && let Some(joined) = source.get(start..start + a.len() + b.len())
    {
        *prev = Cow::Borrowed(joined);
        return;
    }
    append_apart(prev, text);
}

/// [`append`] of pieces that are not adjacent in the source: a copy (a
/// function of its own, so that the common case saves no registers).
#[inline(never)]
fn append_apart<'a>(prev: &mut Cow<'a, str>, text: Cow<'a, str>) {
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
    match node {
        Node {
            kind: Kind::PlainText(t),
            extra,
        } if extra.is_empty() => push_text(source, out, t),
        node => out.push(node),
    }
}

/// What the emoji rule needs to know of a raw item: is it an emoji, or
/// text that is not blank?
fn touches(n: &Node<'_>) -> bool {
    match &n.kind {
        Kind::Emoji(_) => true,
        Kind::PlainText(t) => !super::chars::js_blank(t),
        _ => false,
    }
}

/// From this many bytes of text on, joined lists start with one slot
/// ([`Joiner::first_slot`]).
const LONG_TEXT: usize = 16 * 1024;

/// From this many nodes on, a full list grows by what the rest of the text
/// would add at the rate so far ([`Joiner::plan_growth`]).
const BIG_LIST: usize = 1 << 16;

/// The room a line's join starts with in a short text
/// ([`Joiner::for_line`]): 768 bytes, within glibc's per-thread cache of
/// freed blocks (up to 1,032 bytes); 24 or 32 slots are past it and cost
/// more than the copies they save.
const LINE_NODES: usize = 16;

/// `reducePlainTexts`, done as the items arrive: adjacent PLAIN_TEXT nodes
/// merge, and a shortcode emoji (or emoticon) whose raw neighbour (the item
/// before or after it as produced, before any merging) is an emoji or
/// non-blank text becomes text (`:name:`, or the emoticon as typed).
pub(crate) struct Joiner<'a> {
    source: &'a str,
    out: Vec<Node<'a>>,
    /// Whether the previous raw item was an emoji or non-blank text.
    prev_touches: bool,
    /// The last node pushed is a shortcode emoji that the next raw item may
    /// still turn into text.
    pending_emoji: bool,
}

impl<'a> Joiner<'a> {
    pub fn new(source: &'a str) -> Self {
        Joiner {
            source,
            out: Vec::new(),
            prev_touches: false,
            pending_emoji: false,
        }
    }

    /// A join for the items of a line (a paragraph, a heading, a list
    /// item). In a short text it starts with room for [`LINE_NODES`]
    /// nodes: a line of text and markup often has five to twelve, and a
    /// list of four (a `Vec`'s first size) or eight would be copied to
    /// grow.
    pub fn for_line(source: &'a str) -> Self {
        let mut j = Joiner::new(source);
        if source.len() < LONG_TEXT {
            // Made with its room, not reserved: the shorter path to the
            // allocator.
            j.out = Vec::with_capacity(LINE_NODES);
        }
        j
    }

    /// Adds an item (a list of nodes adds each, as raw items).
    pub fn push_item(&mut self, item: Item<'a>) {
        match item {
            Item::One(n) => self.push(n),
            Item::Many(ns) => {
                for n in ns {
                    self.push(n);
                }
            }
        }
    }

    /// Adds one raw node.
    pub fn push(&mut self, n: Node<'a>) {
        self.first_slot();
        let t = touches(&n);
        if self.pending_emoji {
            self.pending_emoji = false;
            if t {
                self.demote_last();
            }
        }
        let is_shortcode = matches!(n.kind, Kind::Emoji(Emoji::Shortcode(_)));
        let prev = std::mem::replace(&mut self.prev_touches, t);
        if is_shortcode && prev {
            self.push_demoted(n);
        } else if is_shortcode {
            self.out.push(n);
            self.pending_emoji = true;
        } else {
            push_node(self.source, &mut self.out, n);
        }
    }

    /// Most joined lists hold one node (a line of text, a bold word, a
    /// list item). In a long text the first node gets a slot of its own,
    /// not the four a growing `Vec` takes: a tree of many small lists
    /// would pay for those in memory and cache misses (1 MB of list lines
    /// parses twice as fast). In a short text a list starts with two
    /// slots, made with their room: emphasis content is often a word and
    /// what nests in it, and 96 bytes is a block that glibc keeps in its
    /// fast bins (four slots, 192 bytes, is not; one slot makes nested
    /// content grow twice).
    #[inline]
    fn first_slot(&mut self) {
        if self.out.capacity() == 0 {
            if self.source.len() >= LONG_TEXT {
                self.out.reserve_exact(1);
            } else {
                self.out = Vec::with_capacity(2);
            }
        }
    }

    /// Adds a raw PLAIN_TEXT item: what [`Joiner::push`] does with
    /// `Node::plain(text)`, without making the node.
    #[inline]
    pub fn push_plain(&mut self, text: &'a str) {
        let t = !super::chars::js_blank(text);
        self.extend_plain(text, t, t);
    }

    fn demote_last(&mut self) {
        if let Some(n) = self.out.pop() {
            self.push_demoted(n);
        }
    }

    fn push_demoted(&mut self, n: Node<'a>) {
        match n.kind {
            Kind::Emoji(Emoji::Shortcode(e)) => {
                let Shortcode { value, short_code } = *e;
                let text = if value != short_code {
                    value
                } else {
                    Cow::Owned(format!(":{value}:"))
                };
                push_text(self.source, &mut self.out, text);
            }
            kind => self.out.push(Node {
                kind,
                extra: n.extra,
            }),
        }
    }

    /// True when the last node is a shortcode emoji that the next raw item
    /// may still turn into text.
    #[inline]
    pub fn emoji_waits(&self) -> bool {
        self.pending_emoji
    }

    /// Adds raw PLAIN_TEXT items (a span of the source) at once, merged
    /// into the last node when that is PLAIN_TEXT; `first` and `last` say
    /// whether the span's first and last raw items are not blank (the first
    /// decides a waiting shortcode emoji, the last the next one).
    #[inline]
    pub fn extend_plain(&mut self, text: &'a str, first: bool, last: bool) {
        self.first_slot();
        if self.pending_emoji {
            self.pending_emoji = false;
            if first {
                self.demote_last();
            }
        }
        self.prev_touches = last;
        push_text(self.source, &mut self.out, Cow::Borrowed(text));
    }

    /// Called by a line's loop between items, with the bytes the join has
    /// taken so far and the bytes of text left: a long list nearly full
    /// takes room for what the rest of the text would add at the rate so
    /// far (and a little more), between 1.25 and 2 times its size, instead
    /// of doubling. A line of 1 MB of `@a ` then makes a list with room for
    /// 33 MB (32 MB used), not 50 MB: an allocation over glibc's 32 MiB
    /// ceiling is fresh memory from the kernel at every parse, which faults
    /// on every page.
    #[inline]
    pub fn plan_growth(&mut self, taken: usize, left: usize) {
        // A turn of the loop adds a few nodes (text, then an item). The
        // length test first: it is false for almost every list.
        if self.out.len() >= BIG_LIST && self.out.capacity() - self.out.len() < 8 {
            self.grow_for_rest(taken, left);
        }
    }

    #[cold]
    fn grow_for_rest(&mut self, taken: usize, left: usize) {
        let len = self.out.len();
        let rate = len as f64 / taken.max(1) as f64;
        let estimate = len as f64 + left as f64 * rate;
        // `as` saturates: a huge estimate becomes usize::MAX, clamped below.
        let wanted = (estimate + estimate / 32.0) as usize;
        let room = wanted.clamp(len + len / 4, len.saturating_mul(2));
        self.out.reserve_exact(room - len);
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The joined nodes.
    pub fn finish(self) -> Vec<Node<'a>> {
        self.out
    }
}

/// The reference's `reducePlainTexts` over a list of items.
pub(crate) fn reduce<'a>(source: &'a str, items: Vec<Item<'a>>) -> Vec<Node<'a>> {
    let mut j = Joiner::new(source);
    for i in items {
        j.push_item(i);
    }
    j.finish()
}
