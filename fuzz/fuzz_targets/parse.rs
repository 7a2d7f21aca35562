//! Message text with any options: the parser never panics, its tree
//! survives the wire round trip, and fallback ranges lie in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (options, text) = chatmark_fuzz::split(data);
    let tree = chatmark::parse(&text, &options);
    chatmark_fuzz::check_fallbacks(&tree, &text);
    chatmark_fuzz::check_round_trip(&tree);
});
