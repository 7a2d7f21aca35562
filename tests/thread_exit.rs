//! A parse while the thread's locals are being destroyed (from another
//! thread-local's destructor) must not panic: the parser's per-thread
//! memory is gone then, and it works without it.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use chatmark::{Options, parse};

/// 0: not run; 1: the right tree; 2: panicked; 3: another tree.
static OUTCOME: AtomicU8 = AtomicU8::new(0);

const TEXT: &str = "**bold** _it_ see rocket.chat and [x](https://a.io) ok";

struct ParseOnDrop;

impl Drop for ParseOnDrop {
    fn drop(&mut self) {
        let json = std::panic::catch_unwind(|| {
            chatmark::wire::to_string(&parse(TEXT, &Options::default()))
        });
        let outcome = match json {
            Ok(json) if Some(&json) == EXPECTED.get() => 1,
            Ok(_) => 3,
            Err(_) => 2,
        };
        OUTCOME.store(outcome, Ordering::SeqCst);
    }
}

/// The tree of [`TEXT`] as JSON, parsed on the test's own thread.
static EXPECTED: OnceLock<String> = OnceLock::new();

thread_local! {
    static GUARD: ParseOnDrop = const { ParseOnDrop };
}

#[test]
fn parsing_while_thread_locals_are_destroyed_does_not_panic() {
    let json = chatmark::wire::to_string(&parse(TEXT, &Options::default()));
    assert!(json.contains("BOLD") && json.contains("LINK"), "{json}");
    EXPECTED.set(json).expect("set once");
    std::thread::spawn(|| {
        // Made first, so destroyed last: after the parser's own locals,
        // which the parse below makes.
        GUARD.with(|_| {});
        assert!(!parse(TEXT, &Options::default()).is_empty());
    })
    .join()
    .expect("the thread ends");
    assert_eq!(OUTCOME.load(Ordering::SeqCst), 1);
}
