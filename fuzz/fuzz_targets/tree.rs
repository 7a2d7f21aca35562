//! Trees from `chatmark`'s own `Arbitrary` (feature `arbitrary`): every
//! generated tree survives the wire round trip byte for byte.
#![no_main]

use chatmark::ast::Root;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|tree: Root<'static>| {
    chatmark_fuzz::check_round_trip(&tree);
});
