//! chatmark reads, writes, parses and renders the message format of
//! Rocket.Chat-compatible chat servers.
//!
//! A stored message carries its text (`msg`) and a parsed tree of it (`md`):
//! a JSON array of nodes such as `PARAGRAPH`, `BOLD`, `PLAIN_TEXT`, `LINK`.
//! chatmark
//!
//! - parses message text into that tree ([`parse()`](crate::parse::parse)), node for node what the
//!   reference parser produces, in linear time (module [`mod@parse`]);
//! - models that tree ([`ast`]) and reads and writes it byte for byte as the
//!   reference implementation (`@rocket.chat/message-parser` 0.32.0) does,
//!   including the shapes older releases stored ([`wire`]);
//! - reads and writes the REST responses that carry it ([`wire::rooms`]).
//!
//! ```
//! let json = r#"[{"type":"PARAGRAPH","value":[{"type":"BOLD","value":[{"type":"PLAIN_TEXT","value":"hi"}]}]}]"#;
//! let tree = chatmark::wire::from_str(json)?;
//! assert_eq!(tree[0].type_name(), "PARAGRAPH");
//! assert_eq!(chatmark::wire::to_string(&tree), json);
//! # Ok::<(), chatmark::wire::Error>(())
//! ```
#![warn(missing_docs)]

pub mod ast;
pub mod parse;
pub mod render;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub mod testing;
pub mod wire;

pub use parse::{Katex, Options, parse};
