//! Text in the two languages the widget speaks.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the phrase for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A phrase in Chinese and English. Both are required in rule files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The value of a run of ASCII digits (at least one; no sign), if it fits in
/// an `i64`. `str::parse` also reads signs and checks more, and costs the
/// widget several times the bytes; callers here have checked the shape.
pub fn digits_value(s: &str) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0i64, |n, b| if b.is_ascii_digit() { n.checked_mul(10)?.checked_add(i64::from(b - b'0')) } else { None })
}

/// Two hex digits as a byte: `b"2f"` → 0x2f (share links' escapes, a
/// portal's accent colour). Smaller in the wasm than `u8::from_str_radix`.
pub fn hex_byte(two: &[u8]) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    match two {
        [hi, lo] => Some((digit(*hi)? * 16 + digit(*lo)?) as u8),
        _ => None,
    }
}

/// The parts with `sep` between them: `[T]::join`, with one copy in the wasm
/// instead of a generic one per use.
pub fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_value_reads_only_digits() {
        assert_eq!(digits_value("0"), Some(0));
        assert_eq!(digits_value("0765"), Some(765));
        assert_eq!(digits_value("9223372036854775807"), Some(i64::MAX));
        assert_eq!(digits_value("9223372036854775808"), None);
        for bad in ["", "-1", "+1", "1.5", " 1", "1e3", "１"] {
            assert_eq!(digits_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn hex_byte_reads_two_hex_digits_only() {
        assert_eq!(hex_byte(b"2f"), Some(0x2f));
        assert_eq!(hex_byte(b"FF"), Some(255));
        assert_eq!(hex_byte(b"g0"), None);
        assert_eq!(hex_byte(b"2"), None);
        assert_eq!(hex_byte(b"2f0"), None);
    }

    #[test]
    fn join_puts_the_separator_between() {
        assert_eq!(join(&[], "、"), "");
        assert_eq!(join(&["a".into()], "、"), "a");
        assert_eq!(join(&["a".into(), "b".into(), "c".into()], "; "), "a; b; c");
    }
}
