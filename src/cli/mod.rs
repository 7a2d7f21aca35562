//! Command-line interface: one module per subcommand, sharing the JSONL loop.

mod jsonl;
mod md;
mod options;
mod parse;
mod render;
mod rooms;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Read, parse and render the `md` message trees of Rocket.Chat-compatible servers.
#[derive(Parser)]
#[command(name = "chatmark", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse message text into its md tree (JSON).
    Parse(parse::Args),
    /// Read md trees (JSON) and write them back as chatmark writes them.
    Md(md::Args),
    /// Render message text (or md trees) as HTML, plain text or a one-line preview.
    Render(render::Args),
    /// List the rooms of a rooms.get response with the preview of their last message.
    Rooms(rooms::Args),
}

/// Runs the command line and returns the process exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Md(args) => md::run(args),
        Command::Render(args) => render::run(args),
        Command::Rooms(args) => rooms::run(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chatmark: {e}");
            ExitCode::from(2)
        }
    }
}
