//! `chatmark md`: read md trees and write them back.

use std::io::{self, Read, Write};

use chatmark::wire;

/// Options of `chatmark md`.
#[derive(clap::Args)]
pub struct Args {
    /// Read one tree per line and write one compact tree per line.
    #[arg(long)]
    jsonl: bool,
    /// Indent the output (single-tree mode).
    #[arg(long, conflicts_with = "jsonl")]
    pretty: bool,
}

/// Runs `chatmark md`; returns whether every tree read.
pub fn run(args: Args) -> io::Result<bool> {
    if args.jsonl {
        return super::jsonl::for_each_line(|line, out| {
            let tree = wire::from_str(line).map_err(|e| e.to_string())?;
            serde_json::to_writer(out, &tree).map_err(|e| e.to_string())
        });
    }
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    let tree = match wire::from_str(&text) {
        Ok(tree) => tree,
        Err(e) => {
            eprintln!("chatmark: {e}");
            return Ok(false);
        }
    };
    let json = if args.pretty {
        wire::to_string_pretty(&tree)
    } else {
        wire::to_string(&tree)
    };
    writeln!(io::stdout().lock(), "{json}")?;
    Ok(true)
}
