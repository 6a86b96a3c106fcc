//! No reason shown to a resident contradicts an answer they gave.
//!
//! Walks every benefit of every jurisdiction over residents built from the
//! statuses the plans name (低保 held or applied for, 特困, low income, a
//! disability certificate or diagnosis), with household income blank, below
//! and above the 低保 standard, at several ages. For every benefit refused
//! because a condition failed, the failed condition must really be false for
//! those answers, and its words must not deny a status the resident gave.

use minsheng_engine::answers::Value;
use minsheng_engine::eval::Why;
use minsheng_engine::explain::reason;
use minsheng_engine::load::load_dir;
use minsheng_engine::model::{Condition, Test};
use minsheng_engine::{evaluate, Answers, Date, Lang, Rules, Status};

fn rules() -> Rules {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    load_dir(&dir).unwrap_or_else(|e| panic!("{e}"))
}

/// Words that, in a refusal, would deny that the resident holds a status.
const STATUS_WORDS: &[(&str, &str, &[&str])] = &[
    ("assistance_kind", "dibao", &["享受低保", "低保对象", "低保家庭", "低保证"]),
    ("assistance_kind", "tekun", &["特困"]),
    ("assistance_kind", "low_income", &["低收入"]),
    ("situations", "disability", &["残疾证"]),
];

fn flags(rules: &Rules, q: &str, ids: &[&str]) -> (minsheng_engine::QuestionId, Value) {
    let qid = rules.questions.find(q).unwrap();
    let question = rules.questions.get(qid);
    let bits = ids.iter().fold(0u64, |b, id| b | 1 << question.option_index(id).unwrap_or_else(|| panic!("{q} has no {id}")));
    (qid, Value::Flags(bits))
}

fn set(rules: &Rules, a: &mut Answers, q: &str, v: Value) {
    a.set(rules.questions.find(q).unwrap(), Some(v));
}

fn choice(rules: &Rules, q: &str, id: &str) -> Value {
    let qid = rules.questions.find(q).unwrap();
    Value::Choice(rules.questions.get(qid).option_index(id).unwrap())
}

/// Whether a failed condition's test is false for these answers, as far as
/// the answers go (a condition on `applies` is checked by its words only).
fn really_false(c: &Condition, answers: &Answers) -> bool {
    match (&c.test, &c.decides) {
        (_, Some(_)) => true,
        (Test::Has { q, option }, _) => !matches!(answers.get(*q), Some(Value::Flags(b)) if b & (1 << option) != 0),
        (Test::OneOf { q, options }, _) => !matches!(answers.get(*q), Some(Value::Choice(i)) if options & (1 << i) != 0),
        (Test::IntRange { q, min, max }, _) => match answers.get(*q) {
            Some(Value::Int(n)) => min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m),
            _ => true,
        },
        (Test::Any(list), _) => list.iter().all(|c| really_false(c, answers)),
        _ => true,
    }
}

#[test]
fn no_refusal_denies_an_answer_given() {
    let rules = rules();
    let date = Date::new(2025, 3, 1).unwrap();
    let statuses = ["dibao", "tekun", "low_income", "dibao_applying"];
    let mut checked = 0usize;
    let mut problems = Vec::new();
    for j in rules.jurisdictions.iter() {
        for age in [3, 30, 66, 82] {
            for hukou in ["urban", "rural"] {
                for mask in 0u32..16 {
                    let held: Vec<&str> = statuses.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| *s).collect();
                    for income in [None, Some("100"), Some("9000")] {
                        for disability in [None, Some("disability"), Some("disability_diagnosed")] {
                            let mut answers = Answers::new(&rules.questions);
                            set(&rules, &mut answers, "age", Value::Int(age));
                            set(&rules, &mut answers, "sex", choice(&rules, "sex", "female"));
                            set(&rules, &mut answers, "hukou", choice(&rules, "hukou", hukou));
                            set(&rules, &mut answers, "residence", choice(&rules, "residence", "local"));
                            set(&rules, &mut answers, "pension_scheme", choice(&rules, "pension_scheme", "none"));
                            set(&rules, &mut answers, "self_care", choice(&rules, "self_care", "none"));
                            let mut situations = vec!["serious_illness", "unsafe_house"];
                            if !held.is_empty() {
                                situations.push("assistance");
                            }
                            if let Some(d) = disability {
                                situations.push(d);
                                set(&rules, &mut answers, "disability_category", choice(&rules, "disability_category", "autism"));
                                set(&rules, &mut answers, "disability_grade", Value::Int(1));
                            }
                            let (q, v) = flags(&rules, "situations", &situations);
                            answers.set(q, Some(v));
                            if !held.is_empty() {
                                let (q, v) = flags(&rules, "assistance_kind", &held);
                                answers.set(q, Some(v));
                            }
                            if let Some(inc) = income {
                                set(&rules, &mut answers, "household_members", Value::Int(1));
                                set(&rules, &mut answers, "household_income", Value::Money(inc.parse().unwrap()));
                            }
                            let ev = evaluate(&rules.questions, j, date, &answers);
                            for o in &ev.outcomes {
                                checked += 1;
                                let words = reason(o, &ev, &rules.questions, &answers, Lang::Zh);
                                let who = format!("{} `{}` (age {age}, {hukou}, {held:?}, income {income:?}, {disability:?})", j.id, o.entitlement.id);
                                if held.contains(&"dibao") && words.contains("不低于保障标准") {
                                    problems.push(format!("{who}: a 低保 holder refused by income: {words}"));
                                }
                                if o.status != Status::DoesNotApply {
                                    continue;
                                }
                                let Why::Failed(c) = o.why else { continue };
                                if !really_false(c, &answers) {
                                    problems.push(format!("{who}: refused on a condition the answers meet: {words}"));
                                }
                                for (q, option, keys) in STATUS_WORDS {
                                    let (qid, bits) = flags(&rules, q, &[option]);
                                    let Value::Flags(bit) = bits else { unreachable!() };
                                    let given = matches!(answers.get(qid), Some(Value::Flags(b)) if b & bit != 0);
                                    if given && keys.iter().any(|k| words.contains(k)) {
                                        problems.push(format!("{who}: refusal names `{option}`, which was answered: {words}"));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 100_000, "walked {checked} outcomes");
    assert!(problems.is_empty(), "{} contradictions, e.g.:\n{}", problems.len(), problems.iter().take(15).cloned().collect::<Vec<_>>().join("\n"));
}
