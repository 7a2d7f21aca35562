//! The line loop shared by every `--jsonl` subcommand: one input line in,
//! one output line out, a bad line answered with `{"error": …}`.

use std::io::{self, BufRead, BufWriter, Write};

/// Reads stdin line by line and writes one line per input line. `each`
/// returns the output line or an error message. Returns whether every line
/// succeeded.
pub fn for_each_line(
    mut each: impl FnMut(&str, &mut Vec<u8>) -> Result<(), String>,
) -> io::Result<bool> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut raw = Vec::new();
    let mut line_out = Vec::new();
    let mut all_ok = true;
    let mut n = 0usize;
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        n += 1;
        if raw.last() == Some(&b'\n') {
            raw.pop();
            if raw.last() == Some(&b'\r') {
                raw.pop();
            }
        }
        line_out.clear();
        let result = match std::str::from_utf8(&raw) {
            Ok(line) => each(line, &mut line_out),
            Err(e) => Err(format!("not UTF-8: {e}")),
        };
        match result {
            Ok(()) => out.write_all(&line_out)?,
            Err(msg) => {
                all_ok = false;
                write_error(&mut out, n, &msg)?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(all_ok)
}

fn write_error(out: &mut impl Write, line: usize, msg: &str) -> io::Result<()> {
    let hint = match chatmark::wire::surrogate_hint(msg) {
        Some(hint) if !msg.contains(hint) => hint,
        _ => "",
    };
    let text = format!("line {line}: {msg}{hint}");
    out.write_all(b"{\"error\":")?;
    serde_json::to_writer(&mut *out, &text)?;
    out.write_all(b"}")
}
