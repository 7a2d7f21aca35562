//! What keeps parsing linear: results the grammar would compute again and
//! again, remembered per parse.
//!
//! The reference grammar re-runs rules on backtracking, so a run of
//! unclosed markers makes it rescan the rest of the line from every marker.
//! chatmark remembers, per position and per state of the skip flags:
//!
//! - where a greedy sequence of items stops (emphasis content, link titles,
//!   spoiler content): a sequence started elsewhere that reaches a known
//!   position jumps to the known end, so every position is walked once per
//!   sequence kind and flag state;
//! - whether an item can start at a position (the emoticon lookaheads),
//!   evaluated from the end of a chain so that no chain recurses;
//! - and, in single-entry caches, the ends of scans that restart inside the
//!   span of the previous scan (runs of one marker, the guards before
//!   e-mail and URL autolinks, the search for a closing math delimiter).

/// A kind of greedy item sequence.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Seq {
    Bold,
    Italic,
    Strike,
    LinkTitle,
    Spoiler,
}

/// A kind of "can an item start here" lookahead.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Look {
    Inline,
    Bold,
    Italic,
}

/// A scan whose end is cached.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Scan {
    /// A run of one byte (`*`, `_`, `~`).
    Run(u8),
    /// To the next space, tab, CR, LF or `@` (the e-mail guard).
    EmailStop,
    /// To the next space, tab, CR, LF, `:`, `.`, `/` or `@` (the URL guard).
    UrlStop,
    /// To the next byte that ends a link title's plain run.
    TitleRun,
    /// To the next `]`.
    CloseBracket,
    /// To the next `](` (where a link title can end).
    LinkClose,
    /// To the next `|` (where the URL of `<url|label>` can end).
    Pipe,
    /// To the next closing delimiter of inline math that is on.
    KatexInlineClose,
    /// To the next closing delimiter of block math that is on.
    KatexBlockClose,
}

/// Slots of [`Memo`]'s scan cache.
const SCAN_SLOTS: usize = 10;

impl Scan {
    /// The cache slot of this kind; runs of other bytes than `*`, `_`, `~`
    /// share one (the entry records its kind, so they never mix).
    fn slot(self) -> usize {
        match self {
            Scan::Run(b'*') => 0,
            Scan::Run(b'_') => 1,
            Scan::Run(_) => 2,
            Scan::EmailStop => 3,
            Scan::UrlStop => 4,
            Scan::TitleRun => 5,
            Scan::CloseBracket => 6,
            Scan::KatexInlineClose | Scan::KatexBlockClose => 7,
            Scan::LinkClose => 8,
            Scan::Pipe => 9,
        }
    }
}

/// One entry per slot: kind, from, end. An empty slot's range is empty.
struct ScanCache([(Scan, usize, usize); SCAN_SLOTS]);

impl Default for ScanCache {
    fn default() -> Self {
        ScanCache([(Scan::Run(0), usize::MAX, 0); SCAN_SLOTS])
    }
}

/// Tables for one kind of answer per (rule kind, flag state, position):
/// one dense table per (kind, flags) pair that is used, allocated on first
/// use with a slot per byte position (plus the end). Dense tables cost a
/// zeroed allocation where a hash map costs hashing, probing and rehashing
/// on every insert; most messages touch only a few pairs.
struct Dense<T: Copy> {
    /// (kind × 16 + flags, its table), in order of first use.
    tables: Vec<(u8, Box<[T]>)>,
    /// The value of a slot with no answer yet.
    unknown: T,
    /// Slots per table: the text's length plus one.
    len: usize,
}

impl<T: Copy + PartialEq> Dense<T> {
    fn new(len: usize, unknown: T) -> Self {
        Dense {
            tables: Vec::new(),
            unknown,
            len: len + 1,
        }
    }

    #[inline]
    fn get(&self, kind: usize, flags: u8, pos: usize) -> Option<T> {
        let key = (kind * FLAG_STATES) as u8 | flags;
        let (_, table) = self.tables.iter().find(|(k, _)| *k == key)?;
        let v = *table.get(pos)?;
        (v != self.unknown).then_some(v)
    }

    #[inline]
    fn set(&mut self, kind: usize, flags: u8, pos: usize, v: T) {
        let key = (kind * FLAG_STATES) as u8 | flags;
        let i = match self.tables.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let table = vec![self.unknown; self.len].into_boxed_slice();
                self.tables.push((key, table));
                self.tables.len() - 1
            }
        };
        if let Some(slot) = self.tables[i].1.get_mut(pos) {
            *slot = v;
        }
    }
}

/// The states of the four skip flags (`Parser::flags`).
const FLAG_STATES: usize = 16;

/// The per-parse tables.
pub(crate) struct Memo {
    /// Where a sequence stops; `u32::MAX` unknown.
    seq_end: Dense<u32>,
    /// Whether an item can start; 0 unknown, 1 no, 2 yes.
    look: Dense<u8>,
    /// The last scan of each kind (see [`Scan::slot`]): from, end.
    scans: ScanCache,
    /// Positions a sequence walk visited, reused between walks.
    visited: Vec<u32>,
    /// Work done, for the tests that prove linear work.
    pub steps: u64,
}

impl Memo {
    /// Empty tables for a text of `len` bytes.
    pub fn new(len: usize) -> Self {
        Memo {
            seq_end: Dense::new(len, u32::MAX),
            look: Dense::new(len, 0),
            scans: ScanCache::default(),
            visited: Vec::new(),
            steps: 0,
        }
    }

    pub fn seq_end(&self, seq: Seq, pos: usize, flags: u8) -> Option<usize> {
        self.seq_end
            .get(seq as usize, flags, pos)
            .map(|e| e as usize)
    }

    pub fn set_seq_end(&mut self, seq: Seq, pos: usize, flags: u8, end: usize) {
        self.seq_end.set(seq as usize, flags, pos, end as u32);
    }

    pub fn take_visited(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.visited)
    }

    pub fn give_visited(&mut self, mut v: Vec<u32>) {
        v.clear();
        self.visited = v;
    }

    pub fn look(&self, look: Look, pos: usize, flags: u8) -> Option<bool> {
        self.look.get(look as usize, flags, pos).map(|v| v == 2)
    }

    pub fn set_look(&mut self, look: Look, pos: usize, flags: u8, ok: bool) {
        self.look.set(look as usize, flags, pos, 1 + u8::from(ok));
    }

    /// The end of scan `kind` from `pos`: the cached one when `pos` lies
    /// within the last scan of that kind, else `compute(pos)`.
    pub fn scan(&mut self, kind: Scan, pos: usize, compute: impl FnOnce(usize) -> usize) -> usize {
        let slot = &mut self.scans.0[kind.slot()];
        if slot.0 == kind && slot.1 <= pos && pos <= slot.2 {
            return slot.2;
        }
        let end = compute(pos);
        *slot = (kind, pos, end);
        self.steps += (end - pos) as u64 + 1;
        end
    }
}
