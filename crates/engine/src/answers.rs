//! A resident's answers: parsed from what they typed or from the answers
//! JSON, checked against the question's kind and range, never trusted.

use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use crate::date::Date;
use crate::model::{Question, QuestionId, Questions};
use crate::money::parse_amount;
use crate::source::QuestionKind;
use crate::text::{digits_value, Text};

/// One checked answer. Choices and flags are option indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Int(i64),
    Money(Decimal),
    Choice(u8),
    /// Bit i set: option i chosen.
    Flags(u64),
    Date(Date),
}

/// Answers indexed by question; `None` is "not answered yet".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    values: Vec<Option<Value>>,
}

impl Answers {
    pub fn new(questions: &Questions) -> Answers {
        Answers { values: vec![None; questions.len()] }
    }

    pub fn get(&self, q: QuestionId) -> Option<Value> {
        self.values.get(q.index()).copied().flatten()
    }

    pub fn set(&mut self, q: QuestionId, v: Option<Value>) {
        if self.values.len() <= q.index() {
            self.values.resize(q.index() + 1, None);
        }
        self.values[q.index()] = v;
    }

    pub fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none)
    }

    pub fn answered(&self) -> impl Iterator<Item = (QuestionId, Value)> + '_ {
        self.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (QuestionId(i as u16), v)))
    }

    /// Reads the `answers` object of the public JSON. Unknown questions and
    /// bad values are reported one by one; the good answers are kept.
    pub fn from_json(questions: &Questions, obj: &Map<String, Json>, today: Option<Date>) -> (Answers, Vec<AnswerError>) {
        let mut answers = Answers::new(questions);
        let mut errors = Vec::new();
        for (key, raw) in obj {
            let Some(qid) = questions.find(key) else {
                errors.push(AnswerError {
                    question: key.clone(),
                    message: Text::new(format!("没有名为“{key}”的问题"), format!("there is no question `{key}`")),
                });
                continue;
            };
            if raw.is_null() {
                continue;
            }
            match value_from_json(questions.get(qid), raw, today) {
                Ok(v) => answers.set(qid, Some(v)),
                Err(message) => errors.push(AnswerError { question: key.clone(), message }),
            }
        }
        (answers, errors)
    }
}

/// An answer written as [`parse_input`] reads it: numbers, amounts, option
/// ids, dates; a flags answer's option ids joined by `flag_sep`.
pub fn raw_text(q: &Question, v: Value, flag_sep: &str) -> String {
    let option = |i: u8| q.options.get(i as usize).map(|o| o.id.as_ref()).unwrap_or("");
    match v {
        Value::Int(n) => n.to_string(),
        Value::Money(m) => crate::money::plain(m),
        Value::Choice(i) => option(i).to_owned(),
        Value::Flags(bits) => (0..64u8).filter(|i| bits & (1u64 << i) != 0).map(option).collect::<Vec<_>>().join(flag_sep),
        Value::Date(d) => d.to_string(),
    }
}

/// A bad answer: which question, and what to tell the resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub question: String,
    pub message: Text,
}

fn value_from_json(q: &Question, raw: &Json, today: Option<Date>) -> Result<Value, Text> {
    match (q.kind, raw) {
        (QuestionKind::Integer | QuestionKind::Money | QuestionKind::Date | QuestionKind::Choice, Json::String(s)) => {
            parse_input(q, s, today)?.ok_or_else(|| required(q))
        }
        (QuestionKind::Integer | QuestionKind::Money, Json::Number(n)) => parse_input(q, &n.to_string(), today)?.ok_or_else(|| required(q)),
        (QuestionKind::Flags, Json::Array(list)) => {
            let mut bits = 0u64;
            for item in list {
                let id = item.as_str().unwrap_or_default();
                let i = q.option_index(id).ok_or_else(|| no_option(q, id))?;
                bits |= 1u64 << i;
            }
            Ok(Value::Flags(bits))
        }
        _ => Err(Text::new(
            format!("“{}”的答案类型不对", q.label.zh),
            format!("{}: wrong type of answer (expected {})", q.label.en, expected(q.kind)),
        )),
    }
}

fn expected(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Integer => "a whole number",
        QuestionKind::Money => "an amount as a string, e.g. \"1200.50\"",
        QuestionKind::Choice => "an option id",
        QuestionKind::Flags => "a list of option ids",
        QuestionKind::Date => "a date \"YYYY-MM-DD\"",
    }
}

fn required(q: &Question) -> Text {
    Text::new(format!("请填写“{}”", q.label.zh), format!("Please answer: {}", q.label.en))
}

fn no_option(q: &Question, id: &str) -> Text {
    Text::new(format!("“{}”没有“{id}”这个选项", q.label.zh), format!("{} has no option `{id}`", q.label.en))
}

/// Full-width digits and punctuation, as Chinese input methods type them,
/// read as their ASCII forms. Only the form of a character changes here,
/// never what it means: "，" stays a comma, and the comma rules of
/// [`parse_money`] decide what a comma may mean.
fn normalise(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '—' | '−' => '-',
            '，' => ',',
            _ => c,
        })
        .collect()
}

/// Parses what a resident typed or picked for one question. Empty input is
/// "not answered" (`Ok(None)`); anything else is checked against the
/// question's kind and range, with a message fit to show beside the field.
/// For choice questions `raw` is the option id.
pub fn parse_input(q: &Question, raw: &str, today: Option<Date>) -> Result<Option<Value>, Text> {
    let s = normalise(raw);
    if s.is_empty() {
        return Ok(None);
    }
    match q.kind {
        QuestionKind::Integer => {
            let range = || {
                Text::new(
                    format!("请输入{}到{}之间的整数", q.min, q.max),
                    format!("Enter a whole number from {} to {}", q.min, q.max),
                )
            };
            // A lone "-" is someone starting to type a number: not answered
            // yet, and nothing to complain about.
            if s == "-" {
                return Ok(None);
            }
            let n = match s.strip_prefix('-') {
                Some(digits) => digits_value(digits).map(|n| -n),
                None => digits_value(&s),
            };
            let n = n.ok_or_else(range)?;
            if n < q.min || n > q.max {
                return Err(range());
            }
            Ok(Some(Value::Int(n)))
        }
        QuestionKind::Money => parse_money(&s).map(|d| d.map(Value::Money)),
        QuestionKind::Date => {
            let d: Date = s
                .parse()
                .map_err(|_| Text::new("请按“年-月-日”填写，如 2025-01-15", "Enter a date as year-month-day, e.g. 2025-01-15"))?;
            if q.not_after_today && today.is_some_and(|t| d > t) {
                return Err(Text::new("日期不能晚于今天", "The date cannot be in the future"));
            }
            Ok(Some(Value::Date(d)))
        }
        QuestionKind::Choice => q.option_index(&s).map(|i| Some(Value::Choice(i))).ok_or_else(|| no_option(q, &s)),
        QuestionKind::Flags => {
            let mut bits = 0u64;
            for id in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                bits |= 1u64 << q.option_index(id).ok_or_else(|| no_option(q, id))?;
            }
            Ok(Some(Value::Flags(bits)))
        }
    }
}

/// An amount as a resident types it (already [`normalise`]d), to the fen.
///
/// What is read, and why:
/// - `1200`, `1200.5`, `1200.50`, `.5` (0.5) and, while typing, `1200.` (1200):
///   a trailing point or comma adds nothing to the value, so the amount
///   typed so far counts and no message interrupts the typing. A lone `-`
///   or `.` is not answered yet.
/// - Commas are thousands separators only where that is the one possible
///   reading: every group after a comma has exactly three digits, the first
///   has one to three, and the decimals (if any) follow a point: `12,000`,
///   `1,200.50`.
/// - Any other comma is refused with a message, never guessed at and never
///   dropped: `1200,50` could be a decimal comma (1200.50) or a mistyped
///   separator (120050), so it is refused, and the message shows how to
///   write the amount with a point. Dropping the comma would silently make
///   1200.50 into 120050.
/// - Negative amounts, more than two decimals (fen are the smallest unit)
///   and anything else are refused with a message.
pub fn parse_money(s: &str) -> Result<Option<Decimal>, Text> {
    if s.is_empty() || s == "-" || s == "." || s == "," {
        return Ok(None);
    }
    if s.starts_with('-') {
        return Err(Text::new("金额不能为负数", "The amount cannot be negative"));
    }
    let s = s.strip_suffix(['.', ',']).unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
        let thousands = groups.iter().all(|g| digits(g))
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3);
        if thousands {
            groups.concat()
        } else {
            return Err(comma_message(s));
        }
    } else {
        int.to_owned()
    };
    // Fen are the smallest unit: more decimals would be rounded silently.
    if frac.is_some_and(|f| f.len() > 2 && f.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Text::new("金额最多保留两位小数（到分）", "Amounts go to two decimals (fen) at most"));
    }
    let int = if int.is_empty() && frac.is_some() { "0".to_owned() } else { int };
    let plain = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    parse_amount(&plain)
        .map(Some)
        .ok_or_else(|| Text::new("请输入金额，如 1200 或 1200.50", "Enter an amount such as 1200 or 1200.50"))
}

/// The message for a comma that is not a plain thousands separator. When
/// the text reads as a decimal comma (`1200,50`), it shows that amount
/// written with a point, so the resident can type it if that is what they
/// meant.
fn comma_message(s: &str) -> Text {
    if let Some((int, frac)) = s.split_once(',') {
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if digits(int) && digits(frac) && frac.len() <= 2 {
            return Text::new(
                format!("逗号不能当小数点：如果是 {int}.{frac} 元，请写作 {int}.{frac}"),
                format!("A comma is not a decimal point: for {int}.{frac}, type {int}.{frac}"),
            );
        }
    }
    Text::new(
        "逗号只能用于千位分隔，如 12,000；小数请用小数点，如 1200.50",
        "Commas only separate thousands, as in 12,000; use a point for decimals, as in 1200.50",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind, min: i64, max: i64) -> Question {
        Question {
            id: "q".into(),
            kind,
            label: Text::new("问题", "Question"),
            help: None,
            unit: None,
            min,
            max,
            options: Vec::new().into(),
            ask_when: Vec::new().into(),
            skip_when: Vec::new().into(),
            not_after_today: false,
            only_grows: false,
        }
    }

    fn money(raw: &str) -> Result<Option<Value>, Text> {
        parse_input(&question(QuestionKind::Money, 0, 0), raw, None)
    }

    fn yuan(s: &str) -> Option<Value> {
        Some(Value::Money(s.parse::<Decimal>().unwrap()))
    }

    fn age(raw: &str) -> Result<Option<Value>, Text> {
        parse_input(&question(QuestionKind::Integer, 0, 120), raw, None)
    }

    #[test]
    fn amounts_as_typed_key_by_key_keep_their_value() {
        let typed = ["1", "12", "120", "1200", "1200.", "1200.5", "1200.50"];
        let want = ["1", "12", "120", "1200", "1200", "1200.5", "1200.50"];
        for (raw, want) in typed.iter().zip(want) {
            assert_eq!(money(raw), Ok(yuan(want)), "{raw}");
        }
        assert_eq!(money(".5"), Ok(yuan("0.5")));
        assert_eq!(money("."), Ok(None));
        assert_eq!(money("-"), Ok(None));
    }

    #[test]
    fn full_width_digits_points_and_commas_are_read() {
        assert_eq!(money("１２００．５０"), Ok(yuan("1200.50")));
        assert_eq!(money("１２００。５"), Ok(yuan("1200.5")));
        assert_eq!(money("１２，０００"), Ok(yuan("12000")));
        assert_eq!(money("1，200.50"), Ok(yuan("1200.50")));
        assert_eq!(age("７２"), Ok(Some(Value::Int(72))));
    }

    #[test]
    fn thousands_separators_only_where_unambiguous() {
        assert_eq!(money("12,000"), Ok(yuan("12000")));
        assert_eq!(money("1,234,567.89"), Ok(yuan("1234567.89")));
        assert_eq!(money("12,000,"), Ok(yuan("12000")));
        for bad in ["1,2345", "12,00", "1,20,000", ",500", "1,000.5,0", "1,0a0"] {
            assert!(money(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_decimal_comma_is_refused_and_never_read_as_a_hundred_times_more() {
        for raw in ["1200,50", "1200，50", "1200,5", "１２００，５０"] {
            let err = money(raw).unwrap_err();
            assert!(err.zh.contains("逗号不能当小数点"), "{raw}: {}", err.zh);
        }
        assert!(money("1200,50").unwrap_err().zh.contains("1200.50"));
        assert!(money("1200,50").unwrap_err().en.contains("type 1200.50"));
        // While typing 1,200 the 1,2 is refused, never read as 1.2 or 12.
        assert!(money("1,2").is_err());
        assert_eq!(money("1,"), Ok(yuan("1")));
    }

    #[test]
    fn bad_amounts_get_a_message() {
        assert_eq!(money("-3").unwrap_err().zh, "金额不能为负数");
        assert_eq!(money("1200.505").unwrap_err().zh, "金额最多保留两位小数（到分）");
        for bad in ["12a", "1200元", "1 200", "1.2.3", "+5", "1e3", "¥1200"] {
            assert!(money(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ages_with_stray_characters_get_a_message_and_a_lone_minus_waits() {
        for bad in ["7x", "72岁", "abc", "-3", "121", "7.5", "7 2"] {
            assert_eq!(age(bad).unwrap_err().zh, "请输入0到120之间的整数", "{bad}");
        }
        assert_eq!(age("-"), Ok(None));
        assert_eq!(age(" 72 "), Ok(Some(Value::Int(72))));
        assert_eq!(age(""), Ok(None));
    }
}
