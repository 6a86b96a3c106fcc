//! Arbitrary bytes as packed rules: an error, or rules that evaluate and
//! explain without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minsheng_engine::packed::unpack;
use minsheng_engine::{evaluate, Answers, Date};

fuzz_target!(|data: &[u8]| {
    // `unpack` borrows for 'static (the widget's embedded bytes): lend it a
    // copy, and free it once the rules that borrow from it are gone.
    let bytes: &'static mut [u8] = Box::leak(data.to_vec().into_boxed_slice());
    let ptr: *mut [u8] = bytes;
    if let Ok(rules) = unpack(bytes) {
        let date = Date::new(2025, 3, 1).unwrap();
        let answers = Answers::new(&rules.questions);
        for j in rules.jurisdictions.iter() {
            let ev = evaluate(&rules.questions, j, date, &answers);
            let _ = minsheng_engine::report::report(&rules, &ev, &answers, &[]);
        }
    }
    // SAFETY: `ptr` came from `Box::leak` above and nothing borrows it any more.
    unsafe { drop(Box::from_raw(ptr)) };
});
