//! Running inside a portal's page.
//!
//! A portal embeds the widget in an iframe (`static/embed.js` writes one)
//! and chooses, through the iframe's query string, the jurisdiction, the
//! language and an accent colour: `?embed=1&j=province&lang=en&accent=005bac`.
//! Nothing of the host page is read. The widget tells its parent its height
//! so the frame can fit the content without an inner scroll bar.

use minsheng_engine::Lang;

/// What the host page asked for. Parsed from the query string only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `embed` present: hide the widget's own header.
    pub embedded: bool,
    pub jurisdiction: Option<String>,
    pub lang: Option<Lang>,
    /// `#rrggbb`, only if it keeps at least 4.5:1 contrast with white text.
    pub accent: Option<String>,
}

impl EmbedOptions {
    /// Reads `?embed=1&j=...&lang=...&accent=...`; unknown keys and bad values
    /// are ignored, never fatal: the widget then looks as it does on its own.
    pub fn from_query(query: &str) -> EmbedOptions {
        let mut o = EmbedOptions::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => o.embedded = value != "0",
                "j" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') => {
                    o.jurisdiction = Some(value.to_owned())
                }
                "lang" => o.lang = Lang::from_code(value),
                "accent" => o.accent = accent(value.strip_prefix("%23").or_else(|| value.strip_prefix('#')).unwrap_or(value)),
                _ => {}
            }
        }
        o
    }
}

/// A six-digit hex colour dark enough for white text on it (WCAG AA, 4.5:1).
/// A lighter one is refused rather than making the buttons unreadable.
fn accent(hex: &str) -> Option<String> {
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| minsheng_engine::text::hex_byte(hex.as_bytes().get(i..i + 2)?).map(|v| f64::from(v) / 255.0);
    let linear = |c: f64| if c <= 0.039_28 { c / 12.92 } else { pow_2_4((c + 0.055) / 1.055) };
    let (r, g, b) = (channel(0)?, channel(2)?, channel(4)?);
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    let contrast_with_white = 1.05 / (luminance + 0.05);
    (contrast_with_white >= 4.5).then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// `x^2.4` for `x` in (0, 1], as `x² · (x²)^(1/5)` with Newton's method for
/// the fifth root: `powf` would pull a general `pow` of about 2 KB into the wasm.
fn pow_2_4(x: f64) -> f64 {
    let t = x * x;
    // From 1 the iteration falls monotonically onto t^(1/5) for t in (0, 1].
    let mut y = 1.0f64;
    for _ in 0..40 {
        let y2 = y * y;
        y = (4.0 * y + t / (y2 * y2)) / 5.0;
    }
    t * y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pow_2_4_matches_powf() {
        for v in 0..=255u8 {
            let x = (f64::from(v) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (pow_2_4(x), x.powf(2.4));
            assert!((ours - std).abs() < 1e-12, "{v}: {ours} vs {std}");
        }
    }

    #[test]
    fn reads_what_the_host_chose() {
        let o = EmbedOptions::from_query("?embed=1&j=province&lang=en&accent=005BAC");
        assert!(o.embedded);
        assert_eq!(o.jurisdiction.as_deref(), Some("province"));
        assert_eq!(o.lang, Some(Lang::En));
        assert_eq!(o.accent.as_deref(), Some("#005bac"));
    }

    #[test]
    fn ignores_what_it_does_not_understand() {
        let o = EmbedOptions::from_query("?j=<script>&lang=fr&accent=red&x=1&accent");
        assert_eq!(o, EmbedOptions::default());
        assert_eq!(EmbedOptions::from_query(""), EmbedOptions::default());
    }

    #[test]
    fn refuses_accents_too_light_for_white_text() {
        assert_eq!(accent("ffff00"), None);
        assert_eq!(accent("a61b1b").as_deref(), Some("#a61b1b"));
        assert_eq!(accent("767676").as_deref(), Some("#767676")); // 4.54:1, just passes
        assert_eq!(accent("777777"), None); // 4.48:1
    }
}
