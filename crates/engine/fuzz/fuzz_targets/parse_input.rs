//! Typed input for every question of the real rules: an answer or a
//! message, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use minsheng_engine::answers::parse_input;
use minsheng_engine::load::load_texts;
use minsheng_engine::{Date, Rules};

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let files = [
            ("rules/questions.toml", include_str!("../../../../rules/questions.toml")),
            ("rules/xx-district.toml", include_str!("../../../../rules/xx-district.toml")),
        ];
        load_texts(&files.map(|(n, t)| (n.to_owned(), t.to_owned()))).expect("the real rules load")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let today = Date::new(2025, 3, 1);
    for (_, q) in rules().questions.all() {
        let _ = parse_input(q, raw, today);
    }
});
