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

    /// The `answers` object of the public JSON, in question order.
    pub fn to_json(&self, questions: &Questions) -> Map<String, Json> {
        let mut map = Map::new();
        for (qid, v) in self.answered() {
            if qid.index() < questions.len() {
                let q = questions.get(qid);
                map.insert(q.id.to_string(), value_to_json(q, v));
            }
        }
        map
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

fn value_to_json(q: &Question, v: Value) -> Json {
    let option = |i: u8| q.options.get(i as usize).map(|o| Json::from(o.id.to_string())).unwrap_or(Json::Null);
    match v {
        Value::Int(n) => Json::from(n),
        Value::Money(m) => Json::from(crate::money::plain(m)),
        Value::Choice(i) => option(i),
        Value::Flags(bits) => Json::Array((0..64u8).filter(|i| bits & (1u64 << i) != 0).map(option).collect()),
        Value::Date(d) => Json::from(d.to_string()),
    }
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
/// read as their ASCII forms.
fn normalise(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '—' => '-',
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
        QuestionKind::Money => {
            if s.starts_with('-') {
                return Err(Text::new("金额不能为负数", "The amount cannot be negative"));
            }
            let plain: String = s.chars().filter(|c| *c != ',').collect();
            // Fen are the smallest unit: more decimals would be rounded silently.
            if plain.split_once('.').is_some_and(|(_, f)| f.len() > 2) {
                return Err(Text::new("金额最多保留两位小数（到分）", "Amounts go to two decimals (fen) at most"));
            }
            parse_amount(&plain)
                .map(|d| Some(Value::Money(d)))
                .ok_or_else(|| Text::new("请输入金额，如 1200 或 1200.50", "Enter an amount such as 1200 or 1200.50"))
        }
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
