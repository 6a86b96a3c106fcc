//! What changes next: for each benefit, the nearest change in a numeric
//! answer (age, years of service, a grade, household income) that would
//! make it apply or raise its amount. Found from the rules themselves: the
//! bounds their conditions and tables test, tried one by one.
//!
//! Kept apart from [`crate::eval::evaluate`] so the keystroke path only pays
//! for it where it is shown; each candidate value costs one evaluation.

use rust_decimal::Decimal;

use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::eval::{evaluate, Evaluation, Status, Why, Worth};
use crate::model::{Amount, Condition, Jurisdiction, QuestionId, Questions, Test};
use crate::source::QuestionKind;

/// One benefit's nearest gain through one answer.
#[derive(Debug, Clone, Copy)]
pub struct NextChange {
    /// Index into the jurisdiction's entitlements.
    pub entitlement: usize,
    pub question: QuestionId,
    /// The answer at which it changes. For an amount with `below`, the
    /// figure the answer must be below.
    pub value: Value,
    pub below: bool,
    pub status: Status,
    pub worth: Option<Worth>,
}

/// How much a resident has of a benefit: nothing, the office's judgement, or it.
fn rank(status: Status, why: &Why) -> u8 {
    match (status, why) {
        (Status::Applies, _) => 2,
        (Status::MayApply, Why::OfficeDecides(_)) => 1,
        _ => 0,
    }
}

/// Every bound the rules test on `q`, from conditions anywhere in `j`.
fn bounds(j: &Jurisdiction, q: QuestionId) -> (Vec<i64>, Vec<Decimal>) {
    fn walk(c: &Condition, q: QuestionId, ints: &mut Vec<i64>, money: &mut Vec<Decimal>) {
        match &c.test {
            Test::IntRange { q: t, min, max } if *t == q => {
                // The first value that holds, and the first that does not, each way.
                if let Some(m) = min {
                    ints.extend([*m, *m - 1]);
                }
                if let Some(m) = max {
                    ints.extend([*m, *m + 1]);
                }
            }
            Test::MoneyRange { q: t, min, max } if *t == q => money.extend(min.iter().chain(max.iter()).copied()),
            Test::Any(list) => list.iter().for_each(|c| walk(c, q, ints, money)),
            _ => {}
        }
    }
    let (mut ints, mut money) = (Vec::new(), Vec::new());
    for e in j.entitlements.iter() {
        e.when.iter().for_each(|c| walk(c, q, &mut ints, &mut money));
        match &e.amount {
            Amount::Fixed { plus, .. } => plus.iter().for_each(|p| p.when.iter().for_each(|c| walk(c, q, &mut ints, &mut money))),
            Amount::MinimumLivingGap { certified, .. } => certified.iter().for_each(|c| walk(c, q, &mut ints, &mut money)),
            _ => {}
        }
    }
    (ints, money)
}

/// The candidate answers to try for `q`, in no particular order (the
/// nearest gain is kept whatever the order).
fn candidates(questions: &Questions, j: &Jurisdiction, answers: &Answers, q: QuestionId) -> Vec<(Value, bool)> {
    let question = questions.get(q);
    let (ints, money) = bounds(j, q);
    match answers.get(q) {
        Some(Value::Int(c)) => {
            let mut vals: Vec<i64> = ints;
            // An amount that changes with every value (a table's rows, years
            // of service): the next values either side.
            for e in j.entitlements.iter() {
                let steps = match &e.amount {
                    Amount::Table { row, .. } => *row == q,
                    Amount::PerServiceYear { years, months, .. } => *years == q || *months == Some(q),
                    _ => false,
                };
                if steps {
                    vals.extend([c - 1, c + 1]);
                }
            }
            vals.retain(|&v| v != c && v >= question.min && v <= question.max && (!question.only_grows || v > c));
            let mut unique: Vec<i64> = Vec::with_capacity(vals.len());
            for v in vals {
                if !unique.contains(&v) {
                    unique.push(v);
                }
            }
            unique.into_iter().map(|v| (Value::Int(v), false)).collect()
        }
        Some(Value::Money(c)) => {
            let mut vals: Vec<Decimal> = money;
            // The 低保 line: income below standard × members qualifies.
            for e in j.entitlements.iter() {
                if let Amount::MinimumLivingGap { by, standard, members, income, .. } = &e.amount {
                    if *income != q {
                        continue;
                    }
                    if let (Some(Value::Choice(b)), Some(Value::Int(n))) = (answers.get(*by), answers.get(*members)) {
                        if let Some(std) = standard.get(b as usize) {
                            vals.push(*std * Decimal::from(n));
                        }
                    }
                }
            }
            vals.retain(|v| *v <= c && *v > Decimal::ZERO);
            // Tried one fen below the line: the largest income that qualifies.
            vals.into_iter().map(|v| (Value::Money(v), true)).collect()
        }
        _ => Vec::new(),
    }
}

/// How far a candidate answer is from the given one.
fn distance(now: Option<Value>, v: Value) -> Decimal {
    match (now, v) {
        (Some(Value::Int(a)), Value::Int(b)) => Decimal::from(a - b).abs(),
        (Some(Value::Money(a)), Value::Money(b)) => (a - b).abs(),
        _ => Decimal::ZERO,
    }
}

/// The nearest gain per benefit and numeric answer, by question in form order.
pub fn next_changes(questions: &Questions, j: &Jurisdiction, date: Date, answers: &Answers, now: &Evaluation) -> Vec<NextChange> {
    // The gains so far: per entitlement and question, the nearest wins.
    let mut found: Vec<NextChange> = Vec::new();
    for (q, question) in questions.all() {
        if !matches!(question.kind, QuestionKind::Integer | QuestionKind::Money) || !now.shown.contains(q) {
            continue;
        }
        for (value, below) in candidates(questions, j, answers, q) {
            let mut tried = answers.clone();
            tried.set(
                q,
                Some(match value {
                    Value::Money(v) if below => Value::Money(v - Decimal::new(1, 2)),
                    v => v,
                }),
            );
            let then = evaluate(questions, j, date, &tried);
            for (i, (a, b)) in now.outcomes.iter().zip(then.outcomes.iter()).enumerate() {
                let (ra, rb) = (rank(a.status, &a.why), rank(b.status, &b.why));
                let more = match (a.worth.and_then(Worth::figure), b.worth.and_then(Worth::figure)) {
                    (Some(x), Some(y)) => y > x,
                    (None, Some(_)) => ra == rb && ra > 0,
                    _ => false,
                };
                // A lower income only ever raises a gap: what counts there
                // is that a benefit comes within reach.
                let gain = rb > ra || (rb == ra && rb > 0 && more && !below);
                if !gain {
                    continue;
                }
                let change = NextChange { entitlement: i, question: q, value, below, status: b.status, worth: b.worth };
                let here = answers.get(q);
                match found.iter_mut().find(|c| c.entitlement == i && c.question == q) {
                    Some(c) if distance(here, value) < distance(here, c.value) => *c = change,
                    Some(_) => {}
                    None => found.push(change),
                }
            }
        }
    }
    found
}
