//! The parser-option flags shared by `parse` and `render`.

use chatmark::Options;

/// Parser options as flags (`#[command(flatten)]`).
#[derive(clap::Args)]
pub struct ParserFlags {
    /// Parser options in the reference's JSON form, e.g. `{"colors":true,"emoticons":true}`.
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
    /// The clock for timestamps relative to today, and for relative times
    /// when rendering (ISO-8601, UTC when no offset).
    #[arg(long, value_name = "ISO-8601")]
    now: Option<String>,
}

impl ParserFlags {
    /// The options the flags and `--options` give; flags switch on what
    /// `--options` leaves off.
    pub fn options(&self) -> Result<Options, String> {
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
