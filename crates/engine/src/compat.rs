//! Answers written under an earlier version of the answers format (JSON
//! requests and share links), read as today's.
//!
//! Version 1 had one 低保 option, `assistance_kind = dibao`, "receiving or
//! applying for 低保", decided by household income. Version 2 asks for the
//! status a resident holds: `dibao` now means "holds a 低保 certificate",
//! and applying is `dibao_applying`. A version-1 `dibao` is read as
//! applying: it is the reading that claims no certificate the resident never
//! said they hold, and it decides by income exactly as version 1 did.

/// The current version of the answers format.
pub const ANSWERS_VERSION: u32 = 2;

/// Whether answers of this version can be read (upgraded where needed).
pub fn readable(version: u32) -> bool {
    (1..=ANSWERS_VERSION).contains(&version)
}

/// The option id that `option` of `question`, written in `version`, means now.
pub fn option_id<'a>(version: u32, question: &str, option: &'a str) -> &'a str {
    match (version, question, option) {
        (1, "assistance_kind", "dibao") => "dibao_applying",
        _ => option,
    }
}

/// Rewrites the option ids of answers JSON written in `version`.
pub fn upgrade_json(version: u32, answers: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value as Json;
    for (q, v) in answers.iter_mut() {
        match v {
            Json::String(s) => *s = option_id(version, q, s).to_owned(),
            Json::Array(list) => {
                for item in list.iter_mut() {
                    if let Json::String(s) = item {
                        *s = option_id(version, q, s).to_owned();
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_dibao_reads_as_applying_and_nothing_else_changes() {
        assert_eq!(option_id(1, "assistance_kind", "dibao"), "dibao_applying");
        assert_eq!(option_id(1, "assistance_kind", "tekun"), "tekun");
        assert_eq!(option_id(2, "assistance_kind", "dibao"), "dibao");
        assert_eq!(option_id(1, "situations", "dibao"), "dibao");
        assert!(readable(1) && readable(2) && !readable(0) && !readable(3));
    }
}
