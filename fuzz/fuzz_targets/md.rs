//! Any bytes as a stored `md` tree: reading never panics, and what reads
//! writes back, reads equal and writes the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(tree) = chatmark::wire::from_str(json) {
        chatmark_fuzz::check_round_trip(&tree);
    }
});
