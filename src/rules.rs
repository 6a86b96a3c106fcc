//! The rule tables, checked by `build.rs` and compiled in as static data.

use minsheng_engine::Rules;

/// Every jurisdiction's rules. Built at compile time: nothing to parse or
/// check when the page starts, and nothing that can fail.
pub static RULES: Rules = include!(concat!(env!("OUT_DIR"), "/rules.rs"));
