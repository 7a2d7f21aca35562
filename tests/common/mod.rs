//! Shared helpers for the integration tests: the vendored fixtures.
#![allow(dead_code)]

use std::path::PathBuf;

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The lines of a JSONL fixture, each parsed.
pub fn jsonl(name: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("fixture line is JSON"))
        .collect()
}

/// The exact bytes of field `key` inside a JSONL line as the oracle wrote it
/// (compact JSON): found by parsing with raw values.
pub fn raw_field(line: &str, key: &str) -> Option<String> {
    let map: std::collections::BTreeMap<String, Box<serde_json::value::RawValue>> =
        serde_json::from_str(line).ok()?;
    map.get(key).map(|v| v.get().to_owned())
}

/// Each line of a JSONL fixture with the raw text of one field.
pub fn raw_lines(name: &str, key: &str) -> Vec<(serde_json::Value, String)> {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            (
                serde_json::from_str(l).expect("fixture line is JSON"),
                raw_field(l, key).expect("field present"),
            )
        })
        .collect()
}

/// What a run of the `chatmark` binary printed, and its exit status.
pub struct Run {
    /// Standard output (lossy UTF-8).
    pub stdout: String,
    /// Standard error (lossy UTF-8).
    pub stderr: String,
    /// Exit status; -1 when the process was killed by a signal.
    pub code: i32,
}

/// Runs the `chatmark` binary with `args`, feeding it `stdin`.
pub fn chatmark(args: &[&str], stdin: impl AsRef<[u8]>) -> Run {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_chatmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chatmark runs");
    let mut input = child.stdin.take().expect("stdin piped");
    let bytes = stdin.as_ref().to_vec();
    // Write from a thread: a large input must not block on a full stdout pipe.
    let writer = std::thread::spawn(move || input.write_all(&bytes));
    let out = child.wait_with_output().expect("chatmark finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin written");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}
