//! `chatmark parse`: message text → md tree.

use std::borrow::Cow;
use std::io::{self, Read, Write};
use std::num::NonZeroUsize;

use chatmark::{Options, parse};
use serde_json::value::RawValue;

/// Options of `chatmark parse`.
#[derive(clap::Args)]
pub struct Args {
    /// The message text; read from stdin when absent.
    text: Option<String>,
    /// Read one case per line, `{"input": "...", "options"?: {...}, "now"?: "ISO-8601"}`,
    /// and write one compact tree per line.
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    flags: super::options::ParserFlags,
    /// Indent the output (single-message mode).
    #[arg(long, conflicts_with = "jsonl")]
    pretty: bool,
    /// Threads for `--jsonl` (default: every core); the output is the same,
    /// in input order. 1 parses line after line on one thread.
    #[arg(long, value_name = "N", requires = "jsonl")]
    threads: Option<NonZeroUsize>,
}

impl Args {}

/// One `--jsonl` case as [`read_case`] reads it first: the text borrowed
/// from the line where it has no escapes, the options left unread.
#[derive(serde::Deserialize)]
struct Case<'a> {
    #[serde(borrow)]
    input: Cow<'a, str>,
    #[serde(default, borrow)]
    options: Option<&'a RawValue>,
    #[serde(default, borrow)]
    now: Option<Cow<'a, str>>,
}

/// One `--jsonl` case as [`read_case_exact`] reads it.
#[derive(serde::Deserialize)]
struct OwnedCase {
    input: String,
    #[serde(default)]
    options: Option<serde_json::Value>,
    #[serde(default)]
    now: Option<String>,
}

/// Reads one JSONL case into its text and options. A good case costs no
/// allocation when its text has no escapes and it carries no `now`: the
/// text is borrowed from `line`, the options are `base` or read straight
/// from the line's bytes. Anything the quick reading refuses is read again
/// by [`read_case_exact`], which gives the result and the error messages.
pub fn read_case<'a, 'b>(
    line: &'a str,
    base: &'b Options,
) -> Result<(Cow<'a, str>, Cow<'b, Options>), String> {
    if let Some(case) = read_case_quick(line, base) {
        return Ok(case);
    }
    let (text, opts) = read_case_exact(line, base)?;
    Ok((Cow::Owned(text), Cow::Owned(opts)))
}

/// The quick reading of [`read_case`], or `None`. Whatever it accepts,
/// [`read_case_exact`] accepts with the same result: `Options::from_json`
/// takes fewer option objects than reading a `serde_json::Value` and then
/// `Options::from_value` (it refuses a key given twice, which the latter
/// lets the last one win), never more.
fn read_case_quick<'a, 'b>(
    line: &'a str,
    base: &'b Options,
) -> Option<(Cow<'a, str>, Cow<'b, Options>)> {
    if !line.trim_start().starts_with('{') {
        return None;
    }
    let case: Case<'a> = serde_json::from_str(line).ok()?;
    let mut opts = match case.options {
        None => Cow::Borrowed(base),
        Some(raw) => {
            let mut o = Options::from_json(raw.get()).ok()?;
            o.now = base.now;
            Cow::Owned(o)
        }
    };
    if let Some(now) = case.now {
        opts.to_mut().now = Some(chatmark::parse::iso_to_ms(&now).ok()?);
    }
    Some((case.input, opts))
}

/// Reads one JSONL case into its text and options, or the message that
/// says why it is not one.
fn read_case_exact(line: &str, base: &Options) -> Result<(String, Options), String> {
    // serde would also read a struct from an array of its fields (`["a"]`).
    let first = line.trim_start().bytes().next();
    if first.is_some_and(|b| b != b'{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(line) {
            Ok(_) => "a case is a JSON object {\"input\": \"…\"}".to_owned(),
            Err(e) => e.to_string(),
        });
    }
    let case: OwnedCase = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let mut opts = match case.options {
        Some(serde_json::Value::Null) | None => base.clone(),
        Some(v) => {
            let mut o = Options::from_value(v).map_err(|e| format!("options: {e}"))?;
            o.now = base.now;
            o
        }
    };
    if let Some(now) = case.now {
        opts.now = Some(chatmark::parse::iso_to_ms(&now).map_err(|e| format!("now: {e}"))?);
    }
    Ok((case.input, opts))
}

/// Runs `chatmark parse`; returns whether every case parsed.
pub fn run(args: Args) -> io::Result<bool> {
    let base = match args.flags.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("chatmark: {e}");
            return Ok(false);
        }
    };
    if args.jsonl {
        let threads = super::jsonl::threads(args.threads);
        return super::jsonl::for_each_line_parallel(threads, |line, out| {
            let (text, opts) = read_case(line, &base)?;
            let tree = parse(&text, &opts);
            chatmark::wire::write_json(out, &tree);
            Ok(())
        });
    }
    let text = match args.text {
        Some(t) => t,
        None => {
            let mut t = String::new();
            io::stdin().read_to_string(&mut t)?;
            t
        }
    };
    let tree = parse(&text, &base);
    let json = if args.pretty {
        chatmark::wire::to_string_pretty(&tree)
    } else {
        chatmark::wire::to_string(&tree)
    };
    writeln!(io::stdout().lock(), "{json}")?;
    Ok(true)
}
