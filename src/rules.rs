//! The rule tables, checked by `build.rs` and embedded at compile time.

use minsheng_engine::Rules;

static RULES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.json"));

/// Rebuilds the rules from the embedded JSON. `build.rs` already checked
/// them, so an error here means a broken build; the caller shows it rather
/// than panicking.
pub fn embedded_rules() -> Result<Rules, String> {
    minsheng_engine::rules_from_json(RULES_JSON)
}
