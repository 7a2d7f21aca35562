//! The renderers on parsed trees and on chatmark's own arbitrary trees:
//! `to_html`, `to_text`, `to_preview` never panic, the HTML passes the
//! strict check of `chatmark_fuzz::check_html`, the preview is one line.
//!
//! Input: byte 0 bit 7 clear: bytes 0–1 select parser options (as in the
//! `parse` target), byte 2 the render context, the rest is the message;
//! bit 7 set: byte 1 selects the render context, the rest is an arbitrary
//! tree (`chatmark::testing`, wire shapes: unknown types, older shapes).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chatmark::ast::Root;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(&first) = data.first() else {
        return;
    };
    if first & 0x80 == 0 {
        let (options, _) = chatmark_fuzz::split(data);
        let sel = data.get(2).copied().unwrap_or(0);
        let text = String::from_utf8_lossy(data.get(3..).unwrap_or(&[]));
        let tree = chatmark::parse(&text, &options);
        chatmark_fuzz::check_render(&tree, sel, Some(&text));
        chatmark_fuzz::check_render(&tree, sel ^ 0xff, None);
    } else {
        let sel = data.get(1).copied().unwrap_or(0);
        let rest = data.get(2..).unwrap_or(&[]);
        if let Ok(tree) = Root::arbitrary_take_rest(Unstructured::new(rest)) {
            // A source for fallback ranges to point into (or past).
            let source = "x😀y\u{301}<t:1>|a|\n---\n<b>&amp;";
            chatmark_fuzz::check_render(&tree, sel, (sel & 1 != 0).then_some(source));
        }
    }
});
