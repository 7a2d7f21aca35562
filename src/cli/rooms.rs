//! `chatmark rooms`: a rooms.get response → a room list, one line per room.

use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

use chatmark::render::RenderContext;
use chatmark::render::room::{room_name, room_preview};
use chatmark::wire::rooms::RoomsResponse;

/// Options of `chatmark rooms`.
#[derive(clap::Args)]
pub struct Args {
    /// The rooms.get response (JSON); read from stdin when absent.
    file: Option<PathBuf>,
    /// The viewer's username: DMs show the other members, and previews get
    /// `You: ` / `Name: ` prefixes as the Rocket.Chat client shows them.
    #[arg(long, value_name = "USERNAME")]
    me: Option<String>,
}

/// Runs `chatmark rooms`; prints `name<TAB>preview` per room.
pub fn run(args: Args) -> io::Result<bool> {
    let json = match &args.file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?,
        None => {
            let mut t = String::new();
            io::stdin().read_to_string(&mut t)?;
            t
        }
    };
    let rooms = match RoomsResponse::from_str(&json) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chatmark: {e}");
            return Ok(false);
        }
    };
    let ctx = RenderContext::default();
    let me = args.me.as_deref();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for room in rooms.update() {
        let name = room_name(room, me);
        let preview = room_preview(room, me, &ctx);
        writeln!(out, "{}\t{}", one_line(&name), one_line(&preview))?;
    }
    out.flush()?;
    Ok(true)
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}
