//! A household: answers asked once for all (household size and income, the
//! household's 低保 status, a shared registration) and each member's own.
//! Person-scoped benefits are worked out per member; household-scoped ones
//! (低保, a renovation, farm insurance) once, for the household: the best
//! outcome any member's answers give, counted once in the totals.

use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::eval::{evaluate, Evaluation, Outcome, Status, Totals, Why, Worth};
use crate::model::{Jurisdiction, Questions};
use crate::source::Scope;

/// How a member is related to the person filling in, for the wording
/// ("您的母亲"): ids as in the answers JSON.
pub const RELATIONS: [&str; 6] = ["self", "spouse", "parent", "child", "grandchild", "other"];

/// At most this many members in one household check.
pub const MAX_MEMBERS: usize = 10;

#[derive(Debug, Clone)]
pub struct HouseholdEvaluation<'r> {
    /// One per member, on the member's answers merged with the household's.
    pub members: Vec<Evaluation<'r>>,
    /// Per household-scoped entitlement (index), the member whose outcome
    /// stands for the household.
    pub household: Vec<(usize, usize)>,
    pub totals: Totals,
}

impl<'r> HouseholdEvaluation<'r> {
    /// The household's outcome for a household-scoped entitlement.
    pub fn household_outcome(&self, entitlement: usize) -> Option<&Outcome<'r>> {
        let &(_, m) = self.household.iter().find(|(e, _)| *e == entitlement)?;
        self.members.get(m).map(|ev| &ev.outcomes[entitlement])
    }
}

/// A member's answers with the household's: the household's answer wins,
/// except that flags add up (the household's "低保" beside the member's
/// "disability").
pub fn merged(household: &Answers, member: &Answers) -> Answers {
    let mut a = member.clone();
    for (q, v) in household.answered() {
        let v = match (v, a.get(q)) {
            (Value::Flags(h), Some(Value::Flags(m))) => Value::Flags(h | m),
            (v, _) => v,
        };
        a.set(q, Some(v));
    }
    a
}

/// How much of a benefit an outcome gives: applies, the office decides,
/// waits for an answer, no; then the figure.
fn strength(o: &Outcome) -> (u8, rust_decimal::Decimal) {
    let rank = match (o.status, &o.why) {
        (Status::Applies, _) => 3,
        (Status::MayApply, Why::OfficeDecides(_)) => 2,
        (Status::MayApply, _) => 1,
        (Status::DoesNotApply, _) => 0,
    };
    (rank, o.worth.and_then(Worth::figure).unwrap_or_default())
}

pub fn evaluate_household<'r>(
    questions: &Questions,
    j: &'r Jurisdiction,
    date: Date,
    household: &Answers,
    members: &[Answers],
) -> HouseholdEvaluation<'r> {
    let evs: Vec<Evaluation<'r>> = members.iter().map(|m| evaluate(questions, j, date, &merged(household, m))).collect();
    let mut totals = Totals::default();
    for ev in &evs {
        for o in ev.outcomes.iter().filter(|o| o.entitlement.scope == Scope::Person) {
            totals.count(o);
        }
    }
    let mut chosen = Vec::new();
    for (i, e) in j.entitlements.iter().enumerate() {
        if e.scope != Scope::Household || evs.is_empty() {
            continue;
        }
        let mut best = 0;
        for (m, ev) in evs.iter().enumerate() {
            if strength(&ev.outcomes[i]) > strength(&evs[best].outcomes[i]) {
                best = m;
            }
        }
        totals.count(&evs[best].outcomes[i]);
        chosen.push((i, best));
    }
    HouseholdEvaluation { members: evs, household: chosen, totals }
}
