//! `chatmark parse`: message text → md tree.

use std::io::{self, Read, Write};

use chatmark::{Options, parse};

/// Options of `chatmark parse`.
#[derive(clap::Args)]
pub struct Args {
    /// The message text; read from stdin when absent.
    text: Option<String>,
    /// Read one case per line, `{"input": "...", "options"?: {...}, "now"?: "ISO-8601"}`,
    /// and write one compact tree per line.
    #[arg(long)]
    jsonl: bool,
    /// Options in the reference's JSON form, e.g. `{"colors":true,"emoticons":true}`.
    #[arg(long, value_name = "JSON")]
    options: Option<String>,
    /// Parse `color:#rgb` swatches.
    #[arg(long)]
    colors: bool,
    /// Turn ASCII emoticons such as `:)` into emoji.
    #[arg(long)]
    emoticons: bool,
    /// Math with `$…$` and `$$…$$`.
    #[arg(long)]
    katex_dollar: bool,
    /// Math with `\(…\)` and `\[…\]`.
    #[arg(long)]
    katex_parenthesis: bool,
    /// A top-level domain that autolinks too (repeatable).
    #[arg(long = "custom-domain", value_name = "DOMAIN")]
    custom_domains: Vec<String>,
    /// The clock for timestamps relative to today (ISO-8601, UTC when no offset).
    #[arg(long, value_name = "ISO-8601")]
    now: Option<String>,
    /// Indent the output (single-message mode).
    #[arg(long, conflicts_with = "jsonl")]
    pretty: bool,
}

impl Args {
    /// The options the flags and `--options` give; flags switch on what
    /// `--options` leaves off.
    fn base_options(&self) -> Result<Options, String> {
        let mut o = match &self.options {
            Some(json) => Options::from_json(json).map_err(|e| format!("--options: {e}"))?,
            None => Options::default(),
        };
        o.colors |= self.colors;
        o.emoticons |= self.emoticons;
        if self.katex_dollar || self.katex_parenthesis {
            let k = o.katex.get_or_insert_with(Default::default);
            k.dollar_syntax |= self.katex_dollar;
            k.parenthesis_syntax |= self.katex_parenthesis;
        }
        if !self.custom_domains.is_empty() {
            o.custom_domains
                .get_or_insert_with(Vec::new)
                .extend(self.custom_domains.iter().cloned());
        }
        if let Some(now) = &self.now {
            o.now = Some(chatmark::parse::iso_to_ms(now).map_err(|e| format!("--now: {e}"))?);
        }
        Ok(o)
    }
}

/// One `--jsonl` case.
#[derive(serde::Deserialize)]
struct Case {
    input: String,
    #[serde(default)]
    options: Option<serde_json::Value>,
    #[serde(default)]
    now: Option<String>,
}

/// Reads one JSONL case into its text and options.
pub fn read_case(line: &str, base: &Options) -> Result<(String, Options), String> {
    // serde would also read a struct from an array of its fields (`["a"]`).
    let first = line.trim_start().bytes().next();
    if first.is_some_and(|b| b != b'{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(line) {
            Ok(_) => "a case is a JSON object {\"input\": \"…\"}".to_owned(),
            Err(e) => e.to_string(),
        });
    }
    let case: Case = serde_json::from_str(line).map_err(|e| e.to_string())?;
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
    let base = match args.base_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("chatmark: {e}");
            return Ok(false);
        }
    };
    if args.jsonl {
        return super::jsonl::for_each_line(|line, out| {
            let (text, opts) = read_case(line, &base)?;
            let tree = parse(&text, &opts);
            serde_json::to_writer(out, &tree).map_err(|e| e.to_string())
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
