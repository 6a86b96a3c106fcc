//! Arbitrary text as a jurisdiction file beside the real questions: loaded,
//! or refused with errors, never a panic. What loads is packed, read back
//! and evaluated with no answers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minsheng_engine::load::load_texts;
use minsheng_engine::packed::{pack, unpack};
use minsheng_engine::{evaluate, Answers, Date};

const QUESTIONS: &str = include_str!("../../../../rules/questions.toml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let files = vec![("rules/questions.toml".to_owned(), QUESTIONS.to_owned()), ("rules/fuzz.toml".to_owned(), text.to_owned())];
    let Ok(rules) = load_texts(&files) else { return };
    let bytes: &'static [u8] = Box::leak(pack(&rules).into_boxed_slice());
    let back = unpack(bytes).expect("checked rules read back");
    let date = Date::new(2025, 3, 1).unwrap();
    for j in back.jurisdictions.iter() {
        let _ = evaluate(&back.questions, j, date, &Answers::new(&back.questions));
    }
});
