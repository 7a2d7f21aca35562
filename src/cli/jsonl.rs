//! The line loop shared by every `--jsonl` subcommand: one input line in,
//! one output line out, a bad line answered with `{"error": …}`.
//!
//! [`for_each_line`] answers line after line on the calling thread;
//! [`for_each_line_parallel`] reads a batch of lines, answers it on a pool
//! of threads and writes the answers in input order, batch after batch, so
//! memory stays bounded and the output is byte for byte the same.

use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// A batch ends after this many lines…
const BATCH_LINES: usize = 8192;
/// …or once it holds this many bytes (a longer line makes a batch of its own).
const BATCH_BYTES: usize = 4 << 20;
/// Lines one task of the pool answers in a row, into one buffer.
const TASK_LINES: usize = 64;
/// The sequential loop moves the progress bar every this many lines.
const PROGRESS_EVERY: usize = 1024;

/// The `--threads` value: the one given, or every core.
pub fn threads(arg: Option<NonZeroUsize>) -> NonZeroUsize {
    arg.unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
}

/// Appends the answer to one input line (`raw`, with or without its line
/// end) and a newline to `out`: what `each` wrote, or the error object for
/// line `n` in place of anything `each` left half written. Returns whether
/// the line succeeded.
fn answer<F>(raw: &[u8], n: usize, each: &mut F, out: &mut Vec<u8>) -> bool
where
    F: FnMut(&str, &mut Vec<u8>) -> Result<(), String>,
{
    let mut raw = raw;
    if let Some(rest) = raw.strip_suffix(b"\n") {
        raw = rest.strip_suffix(b"\r").unwrap_or(rest);
    }
    let mark = out.len();
    // The SIMD check first (most lines are valid); the standard library's
    // says where a bad line goes wrong.
    let result = match simdutf8::basic::from_utf8(raw) {
        Ok(line) => each(line, out),
        Err(_) => Err(match std::str::from_utf8(raw) {
            Err(e) => format!("not UTF-8: {e}"),
            Ok(_) => "not UTF-8".to_owned(),
        }),
    };
    let ok = result.is_ok();
    if let Err(msg) = result {
        out.truncate(mark);
        write_error(out, n, &msg);
    }
    out.push(b'\n');
    ok
}

/// `read_until(b'\n', buf)`, with the `memchr` crate's search for the
/// line end (the standard library's is a byte loop's speed on long
/// lines): appends the next line, its line feed included, to `buf`, and
/// returns its length (0 at the end of the input).
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let (done, used) = {
            let available = match input.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            match memchr::memchr(b'\n', available) {
                Some(i) => {
                    buf.extend_from_slice(&available[..=i]);
                    (true, i + 1)
                }
                None => {
                    buf.extend_from_slice(available);
                    (available.is_empty(), available.len())
                }
            }
        };
        input.consume(used);
        read += used;
        if done {
            return Ok(read);
        }
    }
}

/// Reads stdin line by line and writes one line per input line. `each`
/// writes the output line or returns an error message. Returns whether
/// every line succeeded.
pub fn for_each_line(
    mut each: impl FnMut(&str, &mut Vec<u8>) -> Result<(), String>,
) -> io::Result<bool> {
    let stdin = io::stdin();
    let mut input = BufReader::with_capacity(1 << 16, stdin.lock());
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let progress = Progress::new();
    let mut raw = Vec::new();
    let mut line_out = Vec::new();
    let mut all_ok = true;
    let mut n = 0usize;
    loop {
        raw.clear();
        if read_line(&mut input, &mut raw)? == 0 {
            break;
        }
        n += 1;
        line_out.clear();
        all_ok &= answer(&raw, n, &mut each, &mut line_out);
        out.write_all(&line_out)?;
        if n.is_multiple_of(PROGRESS_EVERY) {
            progress.add(PROGRESS_EVERY);
        }
    }
    out.flush()?;
    progress.add(n % PROGRESS_EVERY);
    progress.finish();
    Ok(all_ok)
}

/// [`for_each_line`] on `threads` threads: the same output, in the same
/// order, with the same result. One thread is [`for_each_line`] itself.
pub fn for_each_line_parallel(
    threads: NonZeroUsize,
    each: impl Fn(&str, &mut Vec<u8>) -> Result<(), String> + Sync,
) -> io::Result<bool> {
    if threads.get() == 1 {
        return for_each_line(each);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.get())
        .thread_name(|i| format!("chatmark-{i}"))
        // As much stack as the main thread of the sequential loop has.
        .stack_size(8 << 20)
        .build()
        .map_err(io::Error::other)?;
    let stdin = io::stdin();
    let mut input = BufReader::with_capacity(1 << 16, stdin.lock());
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let progress = Progress::new();
    // The batch: its lines one after the other, and where each ends.
    let mut batch = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut lines_before = 0usize;
    let mut all_ok = true;
    loop {
        batch.clear();
        ends.clear();
        let mut read_error = None;
        while ends.len() < BATCH_LINES && batch.len() < BATCH_BYTES {
            match read_line(&mut input, &mut batch) {
                Ok(0) => break,
                Ok(_) => ends.push(batch.len()),
                Err(e) => {
                    // Answer the lines before it, as the sequential loop does.
                    read_error = Some(e);
                    break;
                }
            }
        }
        if let (Some(e), true) = (&read_error, ends.is_empty()) {
            return Err(io::Error::new(e.kind(), e.to_string()));
        }
        if ends.is_empty() {
            break;
        }
        let (batch, ends) = (&batch, &ends);
        let answers: Vec<(Vec<u8>, bool)> = pool.install(|| {
            ends.par_chunks(TASK_LINES)
                .enumerate()
                .map(|(task, task_ends)| {
                    let first = task * TASK_LINES;
                    let mut start = if first == 0 { 0 } else { ends[first - 1] };
                    let mut each = &each;
                    let mut text = Vec::with_capacity(2 * (task_ends[task_ends.len() - 1] - start));
                    let mut ok = true;
                    for (i, &end) in task_ends.iter().enumerate() {
                        let n = lines_before + first + i + 1;
                        ok &= answer(&batch[start..end], n, &mut each, &mut text);
                        start = end;
                    }
                    (text, ok)
                })
                .collect()
        });
        for (text, ok) in &answers {
            out.write_all(text)?;
            all_ok &= ok;
        }
        lines_before += ends.len();
        progress.add(ends.len());
        if let Some(e) = read_error {
            out.flush()?;
            return Err(e);
        }
    }
    out.flush()?;
    progress.finish();
    Ok(all_ok)
}

/// Appends `{"error":"line N: …"}` to `out`.
fn write_error(out: &mut Vec<u8>, line: usize, msg: &str) {
    let hint = match chatmark::wire::surrogate_hint(msg) {
        Some(hint) if !msg.contains(hint) => hint,
        _ => "",
    };
    let text = format!("line {line}: {msg}{hint}");
    out.extend_from_slice(b"{\"error\":");
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &text);
    out.push(b'}');
}

/// Lines done and lines per second on stderr, only when stderr is a
/// terminal and stdin is not (someone typing cases sees no bar).
struct Progress(Option<ProgressBar>);

impl Progress {
    fn new() -> Progress {
        if !io::stderr().is_terminal() || io::stdin().is_terminal() {
            return Progress(None);
        }
        let style = ProgressStyle::with_template(
            "{spinner} lines: {human_pos}, rate: {per_sec:0}, elapsed: {elapsed}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bar = ProgressBar::new_spinner().with_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress(Some(bar))
    }

    fn add(&self, lines: usize) {
        if let Some(bar) = &self.0 {
            bar.inc(lines as u64);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish();
        }
    }
}
