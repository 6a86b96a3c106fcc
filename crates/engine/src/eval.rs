//! Evaluation: a jurisdiction, a date and answers (possibly incomplete) in;
//! for every entitlement *applies*, *may apply* or *does not apply* out,
//! with the amount and what decided it.
//!
//! This is on the widget's keystroke path, so it builds no strings: the
//! words are made on demand by [`crate::explain`].

use std::ops::Add;

use rust_decimal::Decimal;

use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::model::*;
use crate::source::{PaidAs, Period, Rounding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applies,
    MayApply,
    DoesNotApply,
}

/// What an entitlement is worth, as far as the plan says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Worth {
    Exact(Decimal),
    /// "不少于": the plan gives a floor; the local standard may be higher.
    AtLeast(Decimal),
    /// "具体标准由各地自行制定": no number in the plan.
    SetLocally { floor: Option<Decimal> },
    /// A service or insurance, no money.
    InKind,
}

impl Worth {
    /// The figure to add to totals, if the plan gives one.
    pub fn figure(self) -> Option<Decimal> {
        match self {
            Worth::Exact(d) | Worth::AtLeast(d) => Some(d),
            Worth::SetLocally { floor } => floor,
            Worth::InKind => None,
        }
    }
}

/// How the amount was reached, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    None,
    /// Bit i set: `plus[i]` was added.
    Plus(u32),
    Lookup { option: u8 },
    Table { row: i64, column: u8 },
    /// `months`: the remainder beyond whole years, as answered.
    ServiceYears { counted: Decimal, months: i64 },
    /// `option`: the option of the standard's question (urban / rural).
    Gap { standard: Decimal, members: i64, income: Decimal, option: u8 },
    /// The household holds 低保: the office has fixed the amount.
    Certified,
}

/// Why the status is what it is.
#[derive(Debug, Clone, Copy)]
pub enum Why<'r> {
    /// Every condition holds.
    Met,
    /// Unanswered questions decide it (see `Outcome::missing`).
    Unanswered,
    /// Every answer fits; this condition is the office's judgement
    /// (selection, assessment, approval), so it only may apply.
    OfficeDecides(&'r Condition),
    /// This condition does not hold.
    Failed(&'r Condition),
    /// Ruled out because this other entitlement (index) applies.
    Excluded(usize),
    /// The plan gives no amount for this combination (e.g. 因病 grade 7).
    NoCell(Option<&'r crate::text::Text>),
    /// The household's income per member is not below the standard.
    IncomeNotBelow { income: Decimal, members: i64, standard: Decimal },
    /// The amount works out to nothing (e.g. no counted service time).
    Zero,
}

#[derive(Debug, Clone)]
pub struct Outcome<'r> {
    pub index: usize,
    pub entitlement: &'r Entitlement,
    pub status: Status,
    /// Set when the status is `Applies`.
    pub worth: Option<Worth>,
    pub detail: Detail,
    pub why: Why<'r>,
    /// For `MayApply`: the unanswered questions that decide it, in form order.
    /// For `Applies` with an `AtLeast` worth it may also hold the questions
    /// that would make the amount exact.
    pub missing: QuestionSet,
    /// Every condition holds and nothing excludes it, though the amount may
    /// still wait for an answer. Exclusions look at this, not at the
    /// amount: a 特困 person is not paid 低保 whatever her support comes to.
    pub eligible: bool,
    /// For `MayApply`: the answers so far point to it. It waits on the
    /// office, or at least one of its conditions holds on an answer and no
    /// more of them are still open than hold. Age 72 alone makes the resident
    /// pension plausible (60 or over holds; the scheme is open), not the
    /// discharged soldiers' lump sum (nothing holds yet). An empty form makes
    /// nothing plausible.
    pub plausible: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sum {
    pub value: Decimal,
    /// Some part is a floor ("not less than"), so the real sum may be higher.
    pub at_least: bool,
}

impl Sum {
    fn add(&mut self, value: Decimal, at_least: bool) {
        // Not `+=`: rust_decimal implements `+` and `+=` separately, and using
        // only `+` keeps one copy of the addition code in the widget.
        self.value = Add::add(self.value, value);
        self.at_least |= at_least;
    }
}

/// Cash that applies, by period. Premiums and services are not cash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub per_month: Sum,
    /// Everything paid over a year: yearly amounts plus 12 × monthly ones.
    pub per_year: Sum,
    pub one_off: Sum,
    /// Cash entitlements that apply but whose amount is set locally.
    pub set_locally: usize,
}

impl Totals {
    /// Adds an outcome if it is cash that applies.
    pub fn count(&mut self, o: &Outcome) {
        if o.status != Status::Applies || o.entitlement.paid_as != PaidAs::Cash {
            return;
        }
        let Some(worth) = o.worth else { return };
        let at_least = !matches!(worth, Worth::Exact(_));
        match (worth, o.entitlement.period) {
            (Worth::SetLocally { .. }, _) => self.set_locally += 1,
            (Worth::InKind, _) => {}
            (w, Period::Month) => {
                let v = w.figure().unwrap_or_default();
                self.per_month.add(v, at_least);
                self.per_year.add(v * Decimal::from(12), at_least);
            }
            (w, Period::Year) => self.per_year.add(w.figure().unwrap_or_default(), at_least),
            (w, Period::Once) => self.one_off.add(w.figure().unwrap_or_default(), at_least),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Evaluation<'r> {
    pub jurisdiction: &'r Jurisdiction,
    pub date: Date,
    /// One per entitlement, in the order of the rules file.
    pub outcomes: Vec<Outcome<'r>>,
    pub totals: Totals,
    /// Questions to show now: used by this jurisdiction and asked given the
    /// answers so far, in form order.
    pub shown: QuestionSet,
    /// Shown questions still unanswered that would decide a *may apply*.
    pub deciding: QuestionSet,
}

/// The answers as evaluation sees them.
struct Facts {
    answers: Answers,
    /// Questions not asked because their `ask_when` is false: a condition on
    /// one of them fails rather than waits (no military service, no grade).
    not_asked: QuestionSet,
}

/// What evaluation knows of one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Given(Value),
    /// Not asked (its `ask_when` is false), so it can never be answered.
    NotAsked,
    /// Asked but not answered yet: recorded as missing.
    Unanswered,
}

impl Facts {
    /// The answer to `q`; an unanswered question is added to `missing`.
    fn get(&self, q: QuestionId, missing: &mut QuestionSet) -> Answer {
        if let Some(v) = self.answers.get(q) {
            return Answer::Given(v);
        }
        if self.not_asked.contains(q) {
            return Answer::NotAsked;
        }
        missing.insert(q);
        Answer::Unanswered
    }
}

#[derive(Debug, Clone, Copy)]
enum Truth<'r> {
    True,
    False,
    Unknown,
    /// Holds as far as the answers go; the office decides the rest (this
    /// condition says what).
    Pending(&'r Condition),
}



/// Evaluates every entitlement of `j` for these answers on `date`.
pub fn evaluate<'r>(questions: &Questions, j: &'r Jurisdiction, date: Date, answers: &Answers) -> Evaluation<'r> {
    let (facts, shown) = visible(questions, j, answers);
    // Filled in dependency order, stored in file order: each outcome is
    // written in place once, and the ones it depends on are already final.
    let mut outcomes: Vec<Outcome<'r>> = j.entitlements.iter().enumerate().map(|(i, e)| Outcome::pending(i, e)).collect();
    for &i in j.order.iter() {
        outcomes[i] = evaluate_one(i, &j.entitlements[i], questions, &facts, shown, &outcomes);
    }

    let mut totals = Totals::default();
    for o in outcomes.iter() {
        totals.count(o);
    }

    // Questions that settle a "may apply", or make an "at least" exact.
    let mut open = QuestionSet::default();
    for o in outcomes.iter().filter(|o| o.status != Status::DoesNotApply) {
        open.extend(o.missing);
    }
    let deciding = QuestionSet::intersection(shown, open);

    Evaluation { jurisdiction: j, date, outcomes, totals, shown, deciding }
}

/// Answers to questions that are not asked (their `ask_when` does not hold,
/// or their `skip_when` does) are dropped: unticking "disability" must not
/// leave a grade behind.
fn visible(questions: &Questions, j: &Jurisdiction, answers: &Answers) -> (Facts, QuestionSet) {
    let mut facts = Facts { answers: Answers::new(questions), not_asked: QuestionSet::default() };
    let mut shown = QuestionSet::default();
    let mut scratch = QuestionSet::default();
    for (qid, q) in questions.all() {
        let skipped = !q.skip_when.is_empty() && matches!(all(&q.skip_when, &facts, &[], &mut scratch).0, Truth::True);
        let asked = if skipped { Truth::False } else { all(&q.ask_when, &facts, &[], &mut scratch).0 };
        match asked {
            Truth::True => {
                facts.answers.set(qid, answers.get(qid));
                if j.uses(qid) {
                    shown.insert(qid);
                }
            }
            Truth::False => facts.not_asked.insert(qid),
            // Questions are asked on answers, never on an office's judgement.
            Truth::Unknown | Truth::Pending(_) => {}
        }
    }
    (facts, shown)
}

impl<'r> Outcome<'r> {
    /// Not yet evaluated (every outcome is, in dependency order).
    fn pending(index: usize, entitlement: &'r Entitlement) -> Outcome<'r> {
        Outcome {
            index,
            entitlement,
            status: Status::DoesNotApply,
            worth: None,
            detail: Detail::None,
            why: Why::Zero,
            missing: QuestionSet::default(),
            eligible: false,
            plausible: false,
        }
    }
}

fn evaluate_one<'r>(index: usize, e: &'r Entitlement, questions: &Questions, answers: &Facts, shown: QuestionSet, done: &[Outcome<'r>]) -> Outcome<'r> {
    let mut out = Outcome::pending(index, e);
    let (truth, failed) = all(&e.when, answers, done, &mut out.missing);
    if !matches!(truth, Truth::False) {
        out.plausible = plausible(&e.when, questions, answers, shown, done);
    }
    let pending = match truth {
        Truth::False => {
            out.why = failed.map_or(Why::Zero, Why::Failed);
            out.missing = QuestionSet::default();
            return out;
        }
        Truth::Pending(c) => Some(c),
        Truth::True | Truth::Unknown => None,
    };
    for &x in e.excluded_by.iter() {
        let other = &done[x];
        if other.eligible {
            out.why = Why::Excluded(x);
            out.missing = QuestionSet::default();
            return out;
        }
        if other.status == Status::MayApply {
            out.missing.extend(other.missing);
        }
    }
    out.eligible = out.missing.is_empty() && pending.is_none();
    if let Some(c) = pending {
        // The office decides; the answers still tell what it would be
        // worth, or that it comes to nothing (income above the standard).
        match amount(&e.amount, answers, done, &mut out.missing) {
            Err(why) if out.missing.is_empty() => {
                out.why = why;
                return out;
            }
            Ok((worth, detail)) => {
                out.worth = Some(worth);
                out.detail = detail;
            }
            Err(_) => {}
        }
        out.status = Status::MayApply;
        // An answer still to give comes before the office's judgement.
        out.why = if out.missing.is_empty() { Why::OfficeDecides(c) } else { Why::Unanswered };
        out.plausible |= out.missing.is_empty();
        return out;
    }
    match amount(&e.amount, answers, done, &mut out.missing) {
        Err(why) if out.missing.is_empty() => {
            out.why = why;
            return out;
        }
        Err(_) => {
            // Eligible, and only the amount waits for an answer: it applies,
            // at least at the lowest figure that answer could give. `missing`
            // keeps the question, which still decides the exact amount.
            if let (true, Some(floor)) = (out.eligible, least(&e.amount)) {
                out.status = Status::Applies;
                out.why = Why::Met;
                out.worth = Some(Worth::AtLeast(floor));
                return out;
            }
        }
        Ok((worth, Detail::Certified)) if out.eligible => {
            // A certified household: it applies as certified; the income
            // answers would only make the figure exact.
            out.status = Status::Applies;
            out.why = Why::Met;
            out.worth = Some(worth);
            out.detail = Detail::Certified;
            return out;
        }
        Ok((worth, detail)) => {
            out.worth = Some(worth);
            out.detail = detail;
        }
    }
    if out.missing.is_empty() {
        out.status = Status::Applies;
        out.why = Why::Met;
    } else {
        out.status = Status::MayApply;
        out.why = Why::Unanswered;
        out.worth = None;
    }
    out
}

/// The lowest figure an amount can come to whatever the open answers are,
/// when every possible answer gives one (a lookup with no empty cell).
fn least(a: &Amount) -> Option<Decimal> {
    match a {
        Amount::Lookup { values, .. } => {
            let mut least: Option<Decimal> = None;
            for v in values.iter() {
                let v = (*v)?;
                least = Some(least.map_or(v, |l| l.min(v)));
            }
            least
        }
        _ => None,
    }
}

/// Whether the answers point to these conditions (see
/// `Outcome::plausible`): one holds, and no more are open than hold. A
/// condition nearly everyone meets (16 or over) holds without pointing
/// anywhere, so it does not count; an office's judgement is never answered,
/// so it neither holds nor is open; a condition on a question the form does
/// not ask yet (the discharge date before "discharged soldier" is ticked)
/// is not open yet.
fn plausible<'r>(conds: &'r [Condition], questions: &Questions, facts: &Facts, shown: QuestionSet, done: &[Outcome<'r>]) -> bool {
    let (mut held, mut open) = (0, 0);
    let mut scratch = QuestionSet::default();
    for c in conds {
        match bare_test(c, facts, done, &mut scratch) {
            Truth::True if !matches!(c.test, Test::Judgement) && !broad(c, questions) => held += 1,
            Truth::Unknown if c.test.question().is_none_or(|q| shown.contains(q)) => open += 1,
            _ => {}
        }
    }
    held > 0 && held >= open
}

/// An age or count range that covers most of what the question allows.
fn broad(c: &Condition, questions: &Questions) -> bool {
    match &c.test {
        Test::IntRange { q, min, max } => {
            let question = questions.get(*q);
            let (lo, hi) = (min.unwrap_or(question.min).max(question.min), max.unwrap_or(question.max).min(question.max));
            4 * (hi - lo + 1) >= 3 * (question.max - question.min + 1)
        }
        _ => false,
    }
}

/// All conditions: false as soon as one fails (and which one), unknown if
/// any is unknown (collecting the unanswered questions), else true.
/// Unknown outranks pending: an answer still to give comes before the
/// office's judgement.
fn all<'r>(conds: &'r [Condition], answers: &Facts, done: &[Outcome<'r>], missing: &mut QuestionSet) -> (Truth<'r>, Option<&'r Condition>) {
    let mut truth = Truth::True;
    let before = *missing;
    for c in conds {
        match test(c, answers, done, missing) {
            Truth::False => {
                *missing = before;
                return (Truth::False, Some(c));
            }
            Truth::Unknown => truth = Truth::Unknown,
            Truth::Pending(p) => {
                if matches!(truth, Truth::True) {
                    truth = Truth::Pending(p);
                }
            }
            Truth::True => {}
        }
    }
    (truth, None)
}

fn test<'r>(c: &'r Condition, answers: &Facts, done: &[Outcome<'r>], missing: &mut QuestionSet) -> Truth<'r> {
    match (bare_test(c, answers, done, missing), &c.decides) {
        (Truth::True, Some(_)) => Truth::Pending(c),
        (t, _) => t,
    }
}

fn bare_test<'r>(c: &'r Condition, answers: &Facts, done: &[Outcome<'r>], missing: &mut QuestionSet) -> Truth<'r> {
    let truth = |b: bool| if b { Truth::True } else { Truth::False };
    if let Some(q) = c.test.question() {
        let v = match answers.get(q, missing) {
            Answer::Given(v) => v,
            // Not asked (its premise is false): the condition cannot hold.
            Answer::NotAsked => return Truth::False,
            Answer::Unanswered => return Truth::Unknown,
        };
        return match (&c.test, v) {
            (Test::IntRange { min, max, .. }, Value::Int(n)) => truth(min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)),
            (Test::MoneyRange { min, max, .. }, Value::Money(n)) => truth(min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)),
            (Test::OneOf { options, .. }, Value::Choice(i)) => truth(options & 1u64.checked_shl(u32::from(i)).unwrap_or(0) != 0),
            (Test::Has { option, .. }, Value::Flags(bits)) => truth(bits & 1u64.checked_shl(u32::from(*option)).unwrap_or(0) != 0),
            (Test::DateRange { from, until, .. }, Value::Date(d)) => truth(from.is_none_or(|f| d >= f) && until.is_none_or(|u| d <= u)),
            // An answer of another kind cannot come from a checked question.
            _ => Truth::False,
        };
    }
    match &c.test {
        // Its truth is the office's; `test` turns this into `Pending`.
        Test::Judgement => Truth::True,
        Test::Applies { entitlement } => match done.get(*entitlement) {
            Some(o) if o.status == Status::Applies => Truth::True,
            // Approval is all it waits for: the office decides this too.
            Some(Outcome { status: Status::MayApply, why: Why::OfficeDecides(p), missing, .. }) if missing.is_empty() => Truth::Pending(p),
            Some(o) if o.status == Status::MayApply => {
                missing.extend(o.missing);
                Truth::Unknown
            }
            _ => Truth::False,
        },
        // True outranks pending, which outranks unknown: a status the
        // resident holds settles it; else the office's judgement is what is
        // left, whatever else is unanswered.
        Test::Any(list) => {
            let before = *missing;
            let mut unknown = false;
            let mut pending = None;
            for c in list.iter() {
                match test(c, answers, done, missing) {
                    Truth::True => {
                        *missing = before;
                        return Truth::True;
                    }
                    Truth::Unknown => unknown = true,
                    Truth::Pending(p) => pending = pending.or(Some(p)),
                    Truth::False => {}
                }
            }
            if let Some(p) = pending {
                *missing = before;
                return Truth::Pending(p);
            }
            if !unknown {
                *missing = before;
                return Truth::False;
            }
            Truth::Unknown
        }
        // Tests of an answer are decided above.
        Test::IntRange { .. } | Test::MoneyRange { .. } | Test::OneOf { .. } | Test::Has { .. } | Test::DateRange { .. } => Truth::False,
    }
}

fn amount<'r>(a: &'r Amount, answers: &Facts, done: &[Outcome<'r>], missing: &mut QuestionSet) -> Result<(Worth, Detail), Why<'r>> {
    // A question the amount needs but that is not asked leaves no amount.
    let mut hidden = false;
    let mut need = |q: QuestionId| match answers.get(q, missing) {
        Answer::Given(v) => Some(v),
        Answer::NotAsked => {
            hidden = true;
            None
        }
        Answer::Unanswered => None,
    };
    match a {
        Amount::Fixed { value, at_least, plus } => {
            let mut sum = *value;
            let mut floor = *at_least;
            let mut added = 0u32;
            let mut unknown = false;
            for (i, p) in plus.iter().enumerate() {
                match all(&p.when, answers, done, missing).0 {
                    // A supplement the office must confirm is shown as it would be paid.
                    Truth::True | Truth::Pending(_) => {
                        sum = Add::add(sum, p.value); // not `+=`: see `Sum::add`
                        floor |= p.at_least;
                        added |= 1 << i;
                    }
                    Truth::Unknown => unknown = true,
                    Truth::False => {}
                }
            }
            if unknown {
                return Err(unanswered(hidden));
            }
            let worth = if floor { Worth::AtLeast(sum) } else { Worth::Exact(sum) };
            Ok((worth, Detail::Plus(added)))
        }
        Amount::SetLocally { floor, .. } => Ok((Worth::SetLocally { floor: *floor }, Detail::None)),
        Amount::InKind { .. } => Ok((Worth::InKind, Detail::None)),
        Amount::Lookup { by, values, none_reason } => match need(*by) {
            Some(Value::Choice(i)) => match values.get(i as usize).copied().flatten() {
                Some(v) => Ok((Worth::Exact(v), Detail::Lookup { option: i })),
                None => Err(Why::NoCell(none_reason.as_ref())),
            },
            _ => Err(unanswered(hidden)),
        },
        Amount::Table { row, row_min, column, cells, none_reason } => {
            let (r, c) = (need(*row), need(*column));
            match (r, c) {
                (Some(Value::Int(r)), Some(Value::Choice(c))) => {
                    let cell = usize::try_from(r - row_min)
                        .ok()
                        .and_then(|ri| cells.get(c as usize).and_then(|col| col.get(ri)))
                        .copied()
                        .flatten();
                    match cell {
                        Some(v) => Ok((Worth::Exact(v), Detail::Table { row: r, column: c })),
                        None => Err(Why::NoCell(none_reason.as_ref())),
                    }
                }
                _ => Err(unanswered(hidden)),
            }
        }
        Amount::PerServiceYear { per_year, years, months, rounding } => {
            let y = need(*years);
            let m = match months {
                Some(q) => need(*q),
                None => Some(Value::Int(0)),
            };
            let (Some(Value::Int(y)), Some(Value::Int(m))) = (y, m) else { return Err(unanswered(hidden)) };
            let counted = Decimal::from(y) + counted_part_year(m, *rounding);
            if counted.is_zero() {
                return Err(Why::Zero);
            }
            Ok((Worth::Exact(*per_year * counted), Detail::ServiceYears { counted, months: m }))
        }
        Amount::MinimumLivingGap { by, standard, members, income, certified } => {
            let (b, n, inc) = (need(*by), need(*members), need(*income));
            // Certified households are paid what the office fixed; their
            // typed income (which may include income the office disregards)
            // never takes that away.
            let holds = !certified.is_empty() && matches!(all(certified, answers, done, &mut QuestionSet::default()).0, Truth::True);
            let as_certified = Ok((Worth::SetLocally { floor: None }, Detail::Certified));
            let (Some(Value::Choice(b)), Some(Value::Int(n)), Some(Value::Money(inc))) = (b, n, inc) else {
                return if holds { as_certified } else { Err(unanswered(hidden)) };
            };
            let Some(&std) = standard.get(b as usize) else { return Err(Why::NoCell(None)) };
            // (standard − income per member) × members, without dividing:
            // the same figure, exact to the fen.
            let gap = std * Decimal::from(n) - inc;
            if gap <= Decimal::ZERO {
                return if holds { as_certified } else { Err(Why::IncomeNotBelow { income: inc, members: n, standard: std }) };
            }
            Ok((Worth::Exact(gap), Detail::Gap { standard: std, members: n, income: inc, option: b }))
        }
    }
}

/// Why no amount: waiting for an answer, or a needed question is not asked.
fn unanswered<'r>(hidden: bool) -> Why<'r> {
    if hidden {
        Why::NoCell(None)
    } else {
        Why::Unanswered
    }
}

/// The part of a year a remainder of `months` counts for.
fn counted_part_year(months: i64, rounding: Rounding) -> Decimal {
    match rounding {
        Rounding::WholeYears => Decimal::ZERO,
        // "不满6个月的按照半年计算，超过6个月不满1年的按照1年计算";
        // exactly 6 months is not "超过6个月", so it counts as half a year.
        Rounding::HalfYear => match months {
            i64::MIN..=0 => Decimal::ZERO,
            1..=6 => Decimal::new(5, 1),
            _ => Decimal::ONE,
        },
    }
}
