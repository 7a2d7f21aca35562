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

use std::cell::Cell;

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
    /// To the next `|` that can start a table's alignment row (`|`, then
    /// blanks, an optional `:` and a `-`).
    AlignmentRow,
}

/// Slots of [`Memo`]'s scan cache.
const SCAN_SLOTS: usize = 11;

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
            Scan::AlignmentRow => 10,
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

/// Levels of nested sequence walks whose visited lists [`Memo`] keeps.
const VISITED_LEVELS: usize = 2;

/// The room a new visited list is made with.
const VISITED_ROOM: usize = 16;

/// The states of the four skip flags (`Parser::flags`).
const FLAG_STATES: usize = 16;

/// The number of (kind, flag state) keys: five sequence kinds (the most
/// of either enum) times the flag states.
const KEYS: usize = 5 * FLAG_STATES;

/// Tables for one kind of answer per (rule kind, flag state, position):
/// one dense table per (kind, flags) pair that is used, made on first use
/// with a slot per byte position (plus the end). Dense tables cost a fill
/// where a hash map costs hashing, probing and rehashing on every insert;
/// most messages touch only a few pairs. All tables of a parse live in one
/// buffer, taken from a per-thread pool when the first is made (see
/// [`take_buffer`]), so a table costs no allocation of its own, and a parse
/// that makes none does not touch the pool.
struct Dense<T: Copy + 'static> {
    /// Per key (kind × 16 + flags): 1 + the table's index in `data`, or 0
    /// while the pair has no table.
    index: [u8; KEYS],
    /// The tables, one after another, `len` slots each.
    data: Vec<T>,
    /// The pool `data` comes from and goes back to.
    pool: Pool<T>,
    /// The pool's idle count when `data` was taken.
    idle: u32,
    /// The value of a slot with no answer yet.
    unknown: T,
    /// Slots per table: the text's length plus one.
    len: usize,
}

impl<T: Copy + PartialEq + 'static> Dense<T> {
    fn new(len: usize, unknown: T, pool: Pool<T>) -> Self {
        Dense {
            index: [0; KEYS],
            data: Vec::new(),
            pool,
            idle: 0,
            unknown,
            len: len + 1,
        }
    }

    #[inline]
    fn get(&self, kind: usize, flags: u8, pos: usize) -> Option<T> {
        let table = *self.index.get(kind * FLAG_STATES + flags as usize)? as usize;
        if table == 0 || pos >= self.len {
            return None;
        }
        let v = *self.data.get((table - 1) * self.len + pos)?;
        (v != self.unknown).then_some(v)
    }

    /// Adds a table (the first takes the pool's buffer); returns its index
    /// plus one.
    #[cold]
    #[inline(never)]
    fn new_table(&mut self) -> u8 {
        if self.data.capacity() == 0 {
            let kept = take_buffer(self.pool);
            self.data = kept.buffer;
            self.idle = kept.idle;
        }
        // At most KEYS (80) tables, so the index fits a byte.
        let slot = (self.data.len() / self.len + 1) as u8;
        self.data.resize(self.data.len() + self.len, self.unknown);
        slot
    }

    #[inline]
    fn set(&mut self, kind: usize, flags: u8, pos: usize, v: T) {
        let key = kind * FLAG_STATES + flags as usize;
        let Some(&slot) = self.index.get(key) else {
            return;
        };
        if pos >= self.len {
            return;
        }
        let slot = if slot == 0 {
            let new = self.new_table();
            self.index[key] = new;
            new
        } else {
            slot
        };
        let at = (slot as usize - 1) * self.len + pos;
        if let Some(d) = self.data.get_mut(at) {
            *d = v;
        }
    }

    /// Gives the buffer back to the pool (if one was taken).
    fn give_back(&mut self) {
        if self.data.capacity() > 0 {
            let needed = self.data.len() * std::mem::size_of::<T>();
            let kept = Kept {
                buffer: std::mem::take(&mut self.data),
                idle: self.idle,
            };
            give_buffer(self.pool, kept, needed);
        }
    }
}

/// One of this thread's kept buffers: the memo's buffers are kept between
/// parses (most messages are short, and a buffer's allocation and release
/// cost more than its use; a long text's tables are megabytes of fresh
/// pages, each faulted in by the kernel, and of copies as they grow).
type Pool<T> = &'static std::thread::LocalKey<Cell<Kept<T>>>;

/// A pool's buffer, and for how many parses in a row it has been much
/// larger than they needed.
struct Kept<T> {
    buffer: Vec<T>,
    idle: u32,
}

impl<T> Kept<T> {
    const EMPTY: Self = Kept {
        buffer: Vec::new(),
        idle: 0,
    };
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept::EMPTY
    }
}

/// The largest buffer a pool keeps for good: a megabyte (the tables of a
/// 64 KB text, and more).
const POOL_KEEP: usize = 1 << 20;

/// The largest buffer a pool keeps while texts that need it keep coming
/// (the tables of about two megabytes of text): a run of long texts reuses
/// the pages of the one before.
const POOL_KEEP_LARGE: usize = 32 << 20;

/// After this many parses in a row that needed less than an eighth of a
/// buffer larger than [`POOL_KEEP`], the pool gives it back.
const POOL_IDLE_PARSES: u32 = 16;

thread_local! {
    static SEQ_END_POOL: Cell<Kept<u32>> = const { Cell::new(Kept::EMPTY) };
    static LOOK_POOL: Cell<Kept<u8>> = const { Cell::new(Kept::EMPTY) };
    static VISITED_POOL: Cell<Kept<u32>> = const { Cell::new(Kept::EMPTY) };
}

/// The pool's buffer (or a new one while the thread's locals are being
/// destroyed), empty, with the pool's idle count.
fn take_buffer<T: 'static>(pool: Pool<T>) -> Kept<T> {
    let mut kept = pool.try_with(Cell::take).unwrap_or_default();
    kept.buffer.clear();
    kept
}

/// Keeps a buffer in the pool for the next parse on this thread, if it was
/// made and is small enough (see [`POOL_KEEP`], [`POOL_KEEP_LARGE`] and
/// [`POOL_IDLE_PARSES`]); `needed` is the bytes of it this parse used.
fn give_buffer<T: 'static>(pool: Pool<T>, mut kept: Kept<T>, needed: usize) {
    let bytes = kept.buffer.capacity() * std::mem::size_of::<T>();
    kept.idle = if needed.saturating_mul(8) < bytes {
        kept.idle + 1
    } else {
        0
    };
    let keep = bytes <= POOL_KEEP || (bytes <= POOL_KEEP_LARGE && kept.idle < POOL_IDLE_PARSES);
    if kept.buffer.capacity() > 0 && keep {
        let _ = pool.try_with(|p| p.set(kept));
    }
}

/// The per-parse tables.
pub(crate) struct Memo {
    /// Where a sequence stops; `u32::MAX` unknown.
    seq_end: Dense<u32>,
    /// Whether an item can start; 0 unknown, 1 no, 2 yes.
    look: Dense<u8>,
    /// The last scan of each kind (see [`Scan::slot`]): from, end.
    scans: ScanCache,
    /// Lists for the positions a sequence walk visits, reused between
    /// walks (and parses): one per level of walks nested in each other
    /// (a walk of bold content meets italic content, which walks its
    /// own), so that an inner walk neither allocates nor frees one.
    visited: [Vec<u32>; VISITED_LEVELS],
    /// Whether this parse took the thread's kept list.
    visited_pool_taken: bool,
    /// The kept list's idle count (see [`give_buffer`]).
    visited_idle: u32,
    /// The most positions a walk of this parse visited.
    visited_peak: usize,
    /// Work done, for the tests that prove linear work.
    pub steps: u64,
}

impl Memo {
    /// Empty tables for a text of `len` bytes.
    #[inline]
    pub fn new(len: usize) -> Self {
        Memo {
            seq_end: Dense::new(len, u32::MAX, &SEQ_END_POOL),
            look: Dense::new(len, 0, &LOOK_POOL),
            scans: ScanCache::default(),
            visited: [const { Vec::new() }; VISITED_LEVELS],
            visited_pool_taken: false,
            visited_idle: 0,
            visited_peak: 0,
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

    /// A list for a walk's visited positions, empty: a kept one, else the
    /// thread's kept one (first time in a parse), else a new one.
    pub fn take_visited(&mut self) -> Vec<u32> {
        if let Some(kept) = self.visited.iter_mut().rev().find(|v| v.capacity() > 0) {
            return std::mem::take(kept);
        }
        let v = if self.visited_pool_taken {
            Vec::new()
        } else {
            self.visited_pool_taken = true;
            let kept = take_buffer(&VISITED_POOL);
            self.visited_idle = kept.idle;
            kept.buffer
        };
        if v.capacity() == 0 {
            // Made with its room: most walks visit a few positions.
            return Vec::with_capacity(VISITED_ROOM);
        }
        v
    }

    /// Keeps a list from [`Memo::take_visited`] for the next walk.
    pub fn give_visited(&mut self, mut v: Vec<u32>) {
        self.visited_peak = self.visited_peak.max(v.len());
        v.clear();
        if let Some(free) = self.visited.iter_mut().find(|v| v.capacity() == 0) {
            *free = v;
        }
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

impl Drop for Memo {
    /// Gives the buffers taken back to this thread's pool.
    fn drop(&mut self) {
        // Most parses take no buffer.
        if self.seq_end.data.capacity() == 0
            && self.look.data.capacity() == 0
            && !self.visited_pool_taken
        {
            return;
        }
        self.seq_end.give_back();
        self.look.give_back();
        // The largest list is kept for the thread's next parse.
        if let Some(largest) = self.visited.iter_mut().max_by_key(|v| v.capacity()) {
            let kept = Kept {
                buffer: std::mem::take(largest),
                idle: self.visited_idle,
            };
            let needed = self.visited_peak * std::mem::size_of::<u32>();
            give_buffer(&VISITED_POOL, kept, needed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes of the buffer this thread's sequence-end pool keeps.
    fn kept_bytes() -> usize {
        SEQ_END_POOL.with(|p| {
            let kept = p.take();
            let bytes = kept.buffer.capacity() * 4;
            p.set(kept);
            bytes
        })
    }

    /// A parse of a `len`-byte text that makes `tables` sequence-end tables.
    fn parse_with_tables(len: usize, tables: u8) {
        let mut memo = Memo::new(len);
        for flags in 0..tables {
            memo.set_seq_end(Seq::Bold, len / 2, flags, len);
            assert_eq!(memo.seq_end(Seq::Bold, len / 2, flags), Some(len));
        }
        assert_eq!(memo.seq_end(Seq::Italic, len / 2, 0), None);
    }

    #[test]
    fn a_long_texts_tables_are_kept_while_long_texts_come() {
        parse_with_tables(1_000_000, 4);
        let large = kept_bytes();
        assert!(large >= 4 * 1_000_001 * 4, "kept {large} bytes");
        // A long text again reuses them; so do a few short ones.
        parse_with_tables(1_000_000, 4);
        for _ in 0..POOL_IDLE_PARSES - 1 {
            parse_with_tables(100, 2);
        }
        assert_eq!(kept_bytes(), large);
        // One more short text in a row, and the pool gives them back.
        parse_with_tables(100, 2);
        assert_eq!(kept_bytes(), 0);
        parse_with_tables(100, 2);
        assert!((1..=POOL_KEEP).contains(&kept_bytes()));
    }

    #[test]
    fn tables_past_the_large_limit_are_not_kept() {
        parse_with_tables(POOL_KEEP_LARGE / 4, 1);
        assert_eq!(kept_bytes(), 0);
    }

    #[test]
    fn a_tables_unset_slots_are_unknown() {
        let mut memo = Memo::new(10);
        memo.set_seq_end(Seq::Strike, 3, 5, 7);
        assert_eq!(memo.seq_end(Seq::Strike, 3, 5), Some(7));
        assert_eq!(memo.seq_end(Seq::Strike, 4, 5), None);
        assert_eq!(memo.seq_end(Seq::Strike, 3, 4), None);
        // Past the end of the text, nothing is kept.
        memo.set_seq_end(Seq::Strike, 11, 5, 11);
        assert_eq!(memo.seq_end(Seq::Strike, 11, 5), None);
        memo.set_look(Look::Bold, 10, 0, true);
        assert_eq!(memo.look(Look::Bold, 10, 0), Some(true));
        assert_eq!(memo.look(Look::Italic, 10, 0), None);
    }
}
