//! The public JSON: an answers request in, a results report out.
//!
//! What `minsheng eval` reads and writes (the rule-case tests use it too);
//! share links are another format, the URL fragment of `src/share.rs`. Its
//! field names are part of the interface (see `docs/json.md`). `version`
//! changes only when a field changes meaning or disappears.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::answers::{AnswerError, Answers};
use crate::date::Date;
use crate::eval::{evaluate, Evaluation, Outcome, Status, Sum, Totals, Why, Worth};
use crate::explain;
use crate::model::{QuestionId, Questions, Rules};
use crate::source::{PaidAs, Period, Scope};
use crate::text::{Lang, Text};

/// The report's version (the request's is [`crate::compat::ANSWERS_VERSION`]).
pub const VERSION: u32 = 2;

/// An answers request: which jurisdiction, on which date, what answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub version: u32,
    /// Defaults to the rules' default jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// `YYYY-MM-DD`; defaults to the caller's today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// One person's answers (leave out with `members`).
    #[serde(default)]
    pub answers: Map<String, Json>,
    /// A household check: answers asked once for the household...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<Map<String, Json>>,
    /// ...and each member's own (at most `household::MAX_MEMBERS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<MemberRequest>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberRequest {
    /// One of `household::RELATIONS`; for the wording only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    #[serde(default)]
    pub answers: Map<String, Json>,
}

/// The report of a household check.
#[derive(Debug, Clone, Serialize)]
pub struct HouseholdReport {
    pub version: u32,
    pub jurisdiction: String,
    pub rules_version: String,
    pub rules_period: PlanPeriod,
    pub date: String,
    pub warnings: Vec<Warning>,
    /// Each member's person-scoped results and cash totals.
    pub members: Vec<MemberReport>,
    /// Household-scoped results, once for the household.
    pub household: Vec<ResultEntry>,
    /// Everything: every member's cash plus the household's, once.
    pub totals: TotalsOut,
    /// Refused answers, with the member they belong to (`null`: the household's).
    pub answer_errors: Vec<MemberAnswerError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberReport {
    pub relation: Option<String>,
    pub results: Vec<ResultEntry>,
    pub totals: TotalsOut,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberAnswerError {
    pub member: Option<usize>,
    pub question: String,
    pub message: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub jurisdiction: String,
    pub rules_version: String,
    /// The period the plan governs.
    pub rules_period: PlanPeriod,
    pub date: String,
    /// Whatever the reader should know before the results, e.g. a date
    /// outside the plan's period.
    pub warnings: Vec<Warning>,
    pub results: Vec<ResultEntry>,
    pub totals: TotalsOut,
    /// Unanswered questions that would decide a "may apply", in form order.
    pub deciding_questions: Vec<String>,
    /// Questions the form shows for these answers, in form order.
    pub shown_questions: Vec<String>,
    /// Answers that were refused; the rest were used.
    pub answer_errors: Vec<AnswerErrorOut>,
    /// For each benefit, the nearest change in a numeric answer that would
    /// make it apply or raise its amount (see `next`).
    pub next_changes: Vec<NextChangeOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextChangeOut {
    pub entitlement: String,
    pub question: String,
    /// The answer at which it changes (a number, or an amount string).
    pub value: Json,
    /// The answer must be below `value` (an income), not reach it.
    pub below: bool,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<AmountOut>,
    pub display: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanPeriod {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    /// Stable: `outside_plan_period`.
    pub code: &'static str,
    pub message: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultEntry {
    pub id: String,
    pub item: String,
    pub name: Text,
    pub status: Status,
    /// Present when the status is `applies`, and for a `may_apply` that only
    /// the office's judgement leaves open: what it comes to if granted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<AmountOut>,
    /// For `may_apply`: the judgement the office makes (selection,
    /// assessment, approval), when the answers are all given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office_decides: Option<Text>,
    pub period: Period,
    pub scope: Scope,
    pub paid_as: PaidAs,
    pub reason: Text,
    /// For `may_apply`: the questions that decide it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    pub citation: Citation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// This year's rise the plan states for the figure shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rise: Option<RiseOut>,
    /// Where to go first and what to bring, where a source says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_to_apply: Option<HowToApplyOut>,
    /// The office's contact details, where a source gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office_details: Option<OfficeOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiseOut {
    pub value: String,
    pub display: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct HowToApplyOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_stop: Option<Text>,
    pub documents: Vec<Text>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficeOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmountOut {
    Exact { value: String, display: Text },
    AtLeast { value: String, display: Text },
    SetLocally { floor: Option<String>, display: Text },
    InKind { display: Text },
}

#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub plan: Text,
    pub item: String,
    pub quote: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalsOut {
    pub per_month: SumOut,
    pub per_year: SumOut,
    pub one_off: SumOut,
    pub set_locally: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SumOut {
    pub value: String,
    pub at_least: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerErrorOut {
    pub question: String,
    pub message: Text,
}

/// Why a request could not be evaluated at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError(pub String);

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn amount_out(e: &crate::model::Entitlement, w: Worth) -> AmountOut {
    let display = both(|l| explain::worth_text(e, w, l));
    match w {
        Worth::Exact(d) => AmountOut::Exact { value: money(d), display },
        Worth::AtLeast(d) => AmountOut::AtLeast { value: money(d), display },
        Worth::SetLocally { floor } => AmountOut::SetLocally { floor: floor.map(money), display },
        Worth::InKind => AmountOut::InKind { display },
    }
}


/// One entitlement's outcome in the public JSON.
fn result_entry(ev: &Evaluation, o: &Outcome, qs: &Questions, answers: &Answers) -> ResultEntry {
    let j = ev.jurisdiction;
    let ids = |list: &[QuestionId]| list.iter().map(|q| qs.get(*q).id.to_string()).collect::<Vec<_>>();
    let e = o.entitlement;
    let amount = match (o.status, o.worth) {
        (Status::Applies | Status::MayApply, Some(w)) => Some(amount_out(e, w)),
        _ => None,
    };
    ResultEntry {
        id: e.id.to_string(),
        item: j.items[e.item].number.to_string(),
        name: e.name.clone(),
        status: o.status,
        amount,
        period: e.period,
        scope: e.scope,
        paid_as: e.paid_as,
        reason: both(|l| explain::reason(o, ev, qs, answers, l)),
        missing: ids(&o.missing.iter().collect::<Vec<_>>()),
        citation: Citation { plan: j.plan.clone(), item: j.items[e.item].number.to_string(), quote: e.quote.to_string() },
        office: j.office_of(e).cloned(),
        note: e.note.clone(),
        office_decides: match o.why {
            Why::OfficeDecides(c) => c.decides.clone(),
            _ => None,
        },
        rise: match o.status {
            Status::DoesNotApply => None,
            _ => explain::rise(o).map(|r| RiseOut {
                value: money(r),
                display: both(|l| explain::rise_text(o, l).unwrap_or_default()),
            }),
        },
        how_to_apply: e.how_to_apply.as_ref().map(|h| HowToApplyOut {
            first_stop: h.first_stop.clone(),
            documents: h.documents.to_vec(),
            source: h.source.to_string(),
        }),
        office_details: j.office_of(e).and_then(|name| j.office_details(name)).map(|d| OfficeOut {
            address: d.address.clone(),
            phone: d.phone.as_ref().map(|p| p.to_string()),
            hours: d.hours.clone(),
            online: d.online.as_ref().map(|u| u.to_string()),
            source: d.source.to_string(),
        }),
    }
}

/// Two decimals, rounded half away from zero like the displayed figure.
fn money(d: rust_decimal::Decimal) -> String {
    format!("{:.2}", d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

fn sum(s: Sum) -> SumOut {
    SumOut { value: money(s.value), at_least: s.at_least }
}

fn both(f: impl Fn(Lang) -> String) -> Text {
    Text::new(f(Lang::Zh), f(Lang::En))
}

/// Evaluates a request from its JSON form.
pub fn run(rules: &Rules, request: &Json, today: Date) -> Result<Report, RequestError> {
    let req: Request = serde_json::from_value(request.clone()).map_err(|e| RequestError(format!("not an answers request: {e}")))?;
    if !crate::compat::readable(req.version) {
        return Err(RequestError(format!(
            "answers version {} is not supported (this is version {})",
            req.version,
            crate::compat::ANSWERS_VERSION
        )));
    }
    let date = match &req.date {
        Some(s) => s.parse::<Date>().map_err(|e| RequestError(format!("date `{s}`: {e}")))?,
        None => today,
    };
    let id = match &req.jurisdiction {
        Some(id) => id.as_str(),
        None => &rules.default_jurisdiction().ok_or_else(|| RequestError("no jurisdictions loaded".into()))?.id,
    };
    // The plan of that place in force on the date.
    let j = rules.jurisdiction_on(id, date).ok_or_else(|| {
        let mut known: Vec<&str> = rules.jurisdictions.iter().map(|j| j.id.as_ref()).collect();
        known.dedup();
        RequestError(format!("unknown jurisdiction `{id}` (known: {})", known.join(", ")))
    })?;
    if req.members.is_some() || req.household.is_some() {
        return Err(RequestError("a household request (`household`, `members`) is read by `run_household`".into()));
    }
    let mut answers_json = req.answers;
    crate::compat::upgrade_json(req.version, &mut answers_json);
    let (answers, errors) = Answers::from_json(&rules.questions, &answers_json, Some(date));
    let ev = evaluate(&rules.questions, j, date, &answers);
    Ok(report(rules, &ev, &answers, &errors))
}

/// Evaluates a request of either form: one person's `answers`, or a
/// `household` with `members`. The report in its JSON form.
pub fn run_any(rules: &Rules, request: &Json, today: Date) -> Result<Json, RequestError> {
    let household = request.get("members").is_some() || request.get("household").is_some();
    let out = if household { serde_json::to_value(run_household(rules, request, today)?) } else { serde_json::to_value(run(rules, request, today)?) };
    out.map_err(|e| RequestError(e.to_string()))
}

/// Evaluates a household request.
pub fn run_household(rules: &Rules, request: &Json, today: Date) -> Result<HouseholdReport, RequestError> {
    let req: Request = serde_json::from_value(request.clone()).map_err(|e| RequestError(format!("not an answers request: {e}")))?;
    if !crate::compat::readable(req.version) {
        return Err(RequestError(format!("answers version {} is not supported", req.version)));
    }
    if !req.answers.is_empty() {
        return Err(RequestError("a household request puts answers in `household` and `members`, not `answers`".into()));
    }
    let members = req.members.unwrap_or_default();
    if members.is_empty() || members.len() > crate::household::MAX_MEMBERS {
        return Err(RequestError(format!("a household has 1 to {} members", crate::household::MAX_MEMBERS)));
    }
    for (i, m) in members.iter().enumerate() {
        if let Some(r) = &m.relation {
            if !crate::household::RELATIONS.contains(&r.as_str()) {
                return Err(RequestError(format!("member {}: relation `{r}` is not one of {}", i + 1, crate::household::RELATIONS.join(", "))));
            }
        }
    }
    let date = match &req.date {
        Some(s) => s.parse::<Date>().map_err(|e| RequestError(format!("date `{s}`: {e}")))?,
        None => today,
    };
    let id = match &req.jurisdiction {
        Some(id) => id.as_str(),
        None => &rules.default_jurisdiction().ok_or_else(|| RequestError("no jurisdictions loaded".into()))?.id,
    };
    let j = rules.jurisdiction_on(id, date).ok_or_else(|| RequestError(format!("unknown jurisdiction `{id}`")))?;
    let qs = &rules.questions;
    let mut answer_errors = Vec::new();
    let mut parse = |who: Option<usize>, map: &Map<String, Json>| {
        let mut map = map.clone();
        crate::compat::upgrade_json(req.version, &mut map);
        let (a, errs) = Answers::from_json(qs, &map, Some(date));
        answer_errors.extend(errs.into_iter().map(|e| MemberAnswerError { member: who, question: e.question, message: e.message }));
        a
    };
    let household = parse(None, &req.household.unwrap_or_default());
    let member_answers: Vec<Answers> = members.iter().enumerate().map(|(i, m)| parse(Some(i + 1), &m.answers)).collect();
    let hev = crate::household::evaluate_household(qs, j, date, &household, &member_answers);
    let member_reports = hev
        .members
        .iter()
        .zip(&members)
        .zip(&member_answers)
        .map(|((ev, m), a)| {
            let merged = crate::household::merged(&household, a);
            let mut totals = Totals::default();
            let results = ev
                .outcomes
                .iter()
                .filter(|o| o.entitlement.scope == crate::source::Scope::Person)
                .map(|o| {
                    totals.count(o);
                    result_entry(ev, o, qs, &merged)
                })
                .collect();
            MemberReport { relation: m.relation.clone(), results, totals: totals_out(&totals) }
        })
        .collect();
    let household_results = hev
        .household
        .iter()
        .map(|&(e, m)| {
            let merged = crate::household::merged(&household, &member_answers[m]);
            result_entry(&hev.members[m], &hev.members[m].outcomes[e], qs, &merged)
        })
        .collect();
    Ok(HouseholdReport {
        version: VERSION,
        jurisdiction: j.id.to_string(),
        rules_version: j.rules_version.to_string(),
        rules_period: PlanPeriod { from: j.valid_from.to_string(), to: j.valid_until.to_string() },
        date: date.to_string(),
        warnings: explain::period_notice(j, date, Lang::Zh).map(|zh| Warning { code: "outside_plan_period", message: Text::new(zh, explain::period_notice(j, date, Lang::En).unwrap_or_default()) }).into_iter().collect(),
        members: member_reports,
        household: household_results,
        totals: totals_out(&hev.totals),
        answer_errors,
    })
}

fn totals_out(t: &Totals) -> TotalsOut {
    TotalsOut { per_month: sum(t.per_month), per_year: sum(t.per_year), one_off: sum(t.one_off), set_locally: t.set_locally }
}

/// The report of an evaluation, with words in both languages.
pub fn report(rules: &Rules, ev: &Evaluation, answers: &Answers, errors: &[AnswerError]) -> Report {
    let qs = &rules.questions;
    let j = ev.jurisdiction;
    let ids = |list: &[QuestionId]| list.iter().map(|q| qs.get(*q).id.to_string()).collect::<Vec<_>>();
    let results = ev.outcomes.iter().map(|o| result_entry(ev, o, qs, answers)).collect();
    Report {
        version: VERSION,
        jurisdiction: j.id.to_string(),
        rules_version: j.rules_version.to_string(),
        rules_period: PlanPeriod { from: j.valid_from.to_string(), to: j.valid_until.to_string() },
        date: ev.date.to_string(),
        warnings: explain::period_notice(j, ev.date, Lang::Zh).map(|zh| Warning { code: "outside_plan_period", message: Text::new(zh, explain::period_notice(j, ev.date, Lang::En).unwrap_or_default()) }).into_iter().collect(),
        results,
        totals: totals_out(&ev.totals),
        deciding_questions: ids(&ev.deciding.iter().collect::<Vec<_>>()),
        shown_questions: ids(&ev.shown.iter().collect::<Vec<_>>()),
        answer_errors: errors.iter().map(|e| AnswerErrorOut { question: e.question.clone(), message: e.message.clone() }).collect(),
        next_changes: crate::next::next_changes(qs, j, ev.date, answers, ev)
            .iter()
            .map(|c| {
                let e = &j.entitlements[c.entitlement];
                NextChangeOut {
                    entitlement: e.id.to_string(),
                    question: qs.get(c.question).id.to_string(),
                    value: match c.value {
                        crate::answers::Value::Int(n) => Json::from(n),
                        crate::answers::Value::Money(m) => Json::from(money(m)),
                        _ => Json::Null,
                    },
                    below: c.below,
                    status: c.status,
                    amount: c.worth.map(|w| amount_out(e, w)),
                    display: both(|l| explain::next_change_text(c, j, qs, answers, l)),
                }
            })
            .collect(),
    }
}
