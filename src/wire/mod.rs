//! The wire format: `md` trees and the REST responses that carry them.
//!
//! [`from_str`] reads an `md` tree (any release's shape, unknown node types
//! and fields kept); [`to_string`] writes it exactly as the reference's
//! `JSON.stringify` would. [`rooms`] reads and writes the response of
//! `GET /api/v1/rooms.get` keeping every field.
//!
//! ```
//! let json = r#"[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"hi"}]}]"#;
//! let tree = chatmark::wire::from_str(json).unwrap();
//! assert_eq!(chatmark::wire::to_string(&tree), json);
//!
//! let err = chatmark::wire::from_str(r#"[{"value":[]}]"#).unwrap_err();
//! assert!(err.to_string().contains("without \"type\""));
//! ```

mod md;
pub mod rooms;
mod write;

use std::fmt;

use crate::ast::Root;

/// Why a tree (or a response) could not be read.
#[derive(Debug)]
pub struct Error(serde_json::Error);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)?;
        if let Some(hint) = surrogate_hint(&self.0.to_string()) {
            f.write_str(hint)?;
        }
        Ok(())
    }
}

/// What to add to serde_json's message for an escape of half a UTF-16
/// surrogate pair (`"\ud800"` alone), which JavaScript strings may hold and
/// Rust strings may not.
#[doc(hidden)]
pub fn surrogate_hint(message: &str) -> Option<&'static str> {
    (message.contains("surrogate") || message.contains("end of hex escape")).then_some(
        " (a lone UTF-16 surrogate escape: \\uD800-\\uDFFF must come as a pair; \
         chatmark reads Unicode text only)",
    )
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error(e)
    }
}

impl Error {
    /// The 1-based line of the JSON text where reading stopped.
    pub fn line(&self) -> usize {
        self.0.line()
    }

    /// The 1-based column of the JSON text where reading stopped.
    pub fn column(&self) -> usize {
        self.0.column()
    }
}

/// Reads an `md` tree (a JSON array of nodes). Text borrows from `json`
/// where it has no escapes.
pub fn from_str(json: &str) -> Result<Root<'_>, Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    let root = serde::Deserialize::deserialize(&mut de).map_err(|e: serde_json::Error| {
        if !json.trim_start().starts_with('[') && e.is_data() {
            serde_json::Error::io(std::io::Error::other(format!(
                "an md tree must be a JSON array of nodes: {e}"
            )))
        } else {
            e
        }
    })?;
    de.end()?;
    Ok(root)
}

/// Writes a tree as compact JSON, byte for byte as the reference writes it.
///
/// The same bytes as `serde_json::to_string` of the tree (through the
/// tree's `Serialize`), written directly, about twice as fast.
pub fn to_string(root: &[crate::ast::Node<'_>]) -> String {
    write::to_string(root)
}

/// Appends a tree's compact JSON ([`to_string`]) to `out`: for writers
/// that put many trees in one buffer, as `chatmark parse --jsonl` does.
///
/// ```
/// let tree = chatmark::parse::parse("*hi*", &Default::default());
/// let mut out = b"md=".to_vec();
/// chatmark::wire::write_json(&mut out, &tree);
/// assert_eq!(out, format!("md={}", chatmark::wire::to_string(&tree)).into_bytes());
/// ```
pub fn write_json(out: &mut Vec<u8>, root: &[crate::ast::Node<'_>]) {
    write::write(out, root);
}

/// Writes a tree as indented JSON (two spaces, as `JSON.stringify(t, null, 2)`).
pub fn to_string_pretty(root: &[crate::ast::Node<'_>]) -> String {
    serde_json::to_string_pretty(root).unwrap_or_default()
}
