//! `chatmark render`: message text (or an md tree) → HTML, text or preview.

use std::io::{self, Read, Write};

use chatmark::render::{self, MentionedChannel, MentionedUser, RenderContext};
use chatmark::{parse, wire};

/// What to render to.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Target {
    /// Safe HTML.
    Html,
    /// The whole message as plain text.
    Text,
    /// The one-line preview.
    Preview,
}

/// Options of `chatmark render`.
#[derive(clap::Args)]
pub struct Args {
    /// The message text (or md tree with `--md`); read from stdin when absent.
    text: Option<String>,
    /// What to render to.
    #[arg(long, value_enum, default_value = "html")]
    to: Target,
    /// Read md trees (JSON) instead of message text.
    #[arg(long)]
    md: bool,
    /// Read one case per line — text cases as for `parse --jsonl` (they may
    /// also carry `mentions` and `channels`), or md trees with `--md` — and
    /// write one JSON string per line.
    #[arg(long)]
    jsonl: bool,

    #[command(flatten)]
    flags: super::options::ParserFlags,

    /// The server's base URL: links under it are internal.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The viewer's time zone, in minutes east of UTC.
    #[arg(
        long,
        value_name = "MINUTES",
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    tz_offset: i32,
    /// The message's `mentions` array (JSON), to resolve `@name`.
    #[arg(long, value_name = "JSON")]
    mentions: Option<String>,
    /// The message's `channels` array (JSON), to resolve `#name`.
    #[arg(long, value_name = "JSON")]
    channels: Option<String>,
    /// The viewer's user id (their mentions are highlighted).
    #[arg(long, value_name = "ID")]
    user_id: Option<String>,
    /// Show mentioned users' display names.
    #[arg(long)]
    real_names: bool,
    /// Prefix resolved mentions with `@` / `#`.
    #[arg(long)]
    mention_symbol: bool,
    /// Show emoji shortcodes as text.
    #[arg(long)]
    no_emoji: bool,
    /// Leave ASCII emoticons as typed.
    #[arg(long)]
    no_ascii_emoji: bool,
    /// Issue tracker URL with `%s`, for `#123`.
    #[arg(long, value_name = "URL")]
    issue_links: Option<String>,
    /// Hide spoiler text in text and preview output.
    #[arg(long)]
    hide_spoilers: bool,
    /// Threads for `--jsonl` (default: every core); the output is the same,
    /// in input order. 1 renders line after line on one thread.
    #[arg(long, value_name = "N", requires = "jsonl")]
    threads: Option<std::num::NonZeroUsize>,
}

impl Args {
    fn context(&self, now: Option<i64>) -> Result<RenderContext<'static>, String> {
        let mentions: Vec<MentionedUser> = match &self.mentions {
            Some(j) => serde_json::from_str(j).map_err(|e| format!("--mentions: {e}"))?,
            None => Vec::new(),
        };
        let channels: Vec<MentionedChannel> = match &self.channels {
            Some(j) => serde_json::from_str(j).map_err(|e| format!("--channels: {e}"))?,
            None => Vec::new(),
        };
        Ok(RenderContext {
            base_url: self.base_url.clone(),
            mentions,
            channels,
            use_real_name: self.real_names,
            show_mention_symbol: self.mention_symbol,
            use_emoji: !self.no_emoji,
            convert_ascii_emoji: !self.no_ascii_emoji,
            own_user_id: self.user_id.clone(),
            tz_offset_minutes: self.tz_offset,
            now_ms: now,
            issue_links_template: self.issue_links.clone(),
            hide_spoilers: self.hide_spoilers,
            ..RenderContext::default()
        })
    }
}

/// The extra fields a text case may carry for rendering.
#[derive(serde::Deserialize, Default)]
struct CaseRefs {
    #[serde(default)]
    mentions: Option<Vec<MentionedUser>>,
    #[serde(default)]
    channels: Option<Vec<MentionedChannel>>,
}

fn render_to(to: Target, tree: &[chatmark::ast::Node<'_>], ctx: &RenderContext<'_>) -> String {
    match to {
        Target::Html => render::to_html(tree, ctx),
        Target::Text => render::to_text(tree, ctx),
        Target::Preview => render::to_preview(tree, ctx),
    }
}

/// Runs `chatmark render`; returns whether every case rendered.
pub fn run(args: Args) -> io::Result<bool> {
    let setup = args
        .flags
        .options()
        .and_then(|o| args.context(o.now).map(|c| (o, c)));
    let (base, ctx) = match setup {
        Ok(x) => x,
        Err(e) => {
            eprintln!("chatmark: {e}");
            return Ok(false);
        }
    };
    let to = args.to;
    if args.jsonl {
        let threads = super::jsonl::threads(args.threads);
        return super::jsonl::for_each_line_parallel(threads, |line, out| {
            let html = if args.md {
                let tree = wire::from_str(line).map_err(|e| e.to_string())?;
                render_to(to, &tree, &ctx)
            } else {
                let (text, opts) = super::parse::read_case(line, &base)?;
                let refs: CaseRefs = serde_json::from_str(line).unwrap_or_default();
                let tree = parse(&text, &opts);
                let mut c = ctx.clone().with_source(&text);
                c.now_ms = opts.now.or(ctx.now_ms);
                if let Some(m) = refs.mentions {
                    c.mentions = m;
                }
                if let Some(ch) = refs.channels {
                    c.channels = ch;
                }
                render_to(to, &tree, &c)
            };
            serde_json::to_writer(out, &html).map_err(|e| e.to_string())
        });
    }
    let input = match &args.text {
        Some(t) => t.clone(),
        None => {
            let mut t = String::new();
            io::stdin().read_to_string(&mut t)?;
            t
        }
    };
    let output = if args.md {
        match wire::from_str(&input) {
            Ok(tree) => render_to(to, &tree, &ctx),
            Err(e) => {
                eprintln!("chatmark: {e}");
                return Ok(false);
            }
        }
    } else {
        let tree = parse(&input, &base);
        render_to(to, &tree, &ctx.clone().with_source(&input))
    };
    writeln!(io::stdout().lock(), "{output}")?;
    Ok(true)
}
