//! Money: always `rust_decimal`, never a float. Formatting as residents
//! expect it: `¥6,030.00`, with `元/月` for a period.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::source::Period;
use crate::text::{digits_value, Lang};

/// Parses an amount the way rule files and answers write it: digits, an
/// optional point and up to 4 decimals. No sign, exponent or separators.
pub fn parse_amount(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(int) || int.len() > 12 {
        return None;
    }
    if let Some(f) = frac {
        if !digits_ok(f) || f.len() > 4 {
            return None;
        }
    }
    // Digits only, so the mantissa is exact; no general decimal parser needed
    // (it would cost the widget bytes for exponents and signs never used).
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let mantissa = digits_value(&digits)?;
    Some(Decimal::new(mantissa, frac.map_or(0, str::len) as u32))
}

/// Whole fen, rounded half away from zero. 64 bits hold any plausible sum
/// (they overflow past 92 trillion yuan) and keep 128-bit arithmetic out of
/// the widget.
pub fn fen(amount: Decimal) -> i64 {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let scale = rounded.scale();
    let m = i64::try_from(rounded.mantissa()).unwrap_or(i64::MAX);
    if scale >= 2 {
        m / 10i64.pow(scale - 2)
    } else {
        m.saturating_mul(10i64.pow(2 - scale))
    }
}

/// The plain decimal form with no trailing zeros: `1200.5`, `4.5`, `765`.
pub fn plain(amount: Decimal) -> String {
    let n = amount.normalize();
    let (m, scale) = (i64::try_from(n.mantissa()).unwrap_or(i64::MAX), n.scale() as usize);
    let digits = m.unsigned_abs().to_string();
    let sign = if m < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

/// `¥6,030.00`: rounded half away from zero to the fen, thousands separated.
pub fn format_yuan(amount: Decimal) -> String {
    let fen = fen(amount);
    let negative = fen < 0;
    let (yuan, cents) = (fen.unsigned_abs() / 100, fen.unsigned_abs() % 100);
    let int = yuan.to_string();
    let frac = format!("{cents:02}");
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}¥{grouped}.{frac}", if negative { "-" } else { "" })
}

/// "元/月" or "/ month".
pub fn period_suffix(period: Period, lang: Lang) -> &'static str {
    match (period, lang) {
        (Period::Month, Lang::Zh) => "元/月",
        (Period::Year, Lang::Zh) => "元/年",
        (Period::Once, Lang::Zh) => "元（一次性）",
        (Period::Month, Lang::En) => "/ month",
        (Period::Year, Lang::En) => "/ year",
        (Period::Once, Lang::En) => "one-off",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn formats_to_the_fen_with_separators() {
        assert_eq!(format_yuan(d("6030")), "¥6,030.00");
        assert_eq!(format_yuan(d("8080.8")), "¥8,080.80");
        assert_eq!(format_yuan(d("20250")), "¥20,250.00");
        assert_eq!(format_yuan(d("118")), "¥118.00");
        assert_eq!(format_yuan(d("0")), "¥0.00");
        assert_eq!(format_yuan(d("1234567.005")), "¥1,234,567.01");
        assert_eq!(format_yuan(d("-12.5")), "-¥12.50");
    }

    #[test]
    fn plain_form_drops_trailing_zeros() {
        assert_eq!(plain(d("1200.50")), "1200.5");
        assert_eq!(plain(d("4.5")), "4.5");
        assert_eq!(plain(d("765.00")), "765");
        assert_eq!(plain(d("0.05")), "0.05");
        assert_eq!(plain(d("0")), "0");
    }

    #[test]
    fn parses_only_plain_amounts() {
        assert_eq!(parse_amount("1200.50"), Some(d("1200.5")));
        assert_eq!(parse_amount(" 765 "), Some(d("765")));
        assert_eq!(parse_amount("0.05"), Some(d("0.05")));
        assert_eq!(parse_amount("2203.3"), Some(d("2203.3")));
        for bad in ["-3", "1e3", "1,200", "abc", "", ".5", "5.", "1.23456", "１２"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }
}
