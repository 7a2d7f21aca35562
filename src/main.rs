//! The `chatmark` command line: read, parse and render chat messages.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
