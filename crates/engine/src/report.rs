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
use crate::eval::{evaluate, Evaluation, Status, Sum, Worth};
use crate::explain;
use crate::model::{QuestionId, Rules};
use crate::source::{PaidAs, Period, Scope};
use crate::text::{Lang, Text};

pub const VERSION: u32 = 1;

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
    #[serde(default)]
    pub answers: Map<String, Json>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub jurisdiction: String,
    pub rules_version: String,
    pub date: String,
    pub results: Vec<ResultEntry>,
    pub totals: TotalsOut,
    /// Unanswered questions that would decide a "may apply", in form order.
    pub deciding_questions: Vec<String>,
    /// Questions the form shows for these answers, in form order.
    pub shown_questions: Vec<String>,
    /// Answers that were refused; the rest were used.
    pub answer_errors: Vec<AnswerErrorOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultEntry {
    pub id: String,
    pub item: String,
    pub name: Text,
    pub status: Status,
    /// Present when the status is `applies`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<AmountOut>,
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
    if req.version != VERSION {
        return Err(RequestError(format!("answers version {} is not supported (this is version {VERSION})", req.version)));
    }
    let j = match &req.jurisdiction {
        Some(id) => rules.jurisdiction(id).ok_or_else(|| {
            let known: Vec<&str> = rules.jurisdictions.iter().map(|j| j.id.as_ref()).collect();
            RequestError(format!("unknown jurisdiction `{id}` (known: {})", known.join(", ")))
        })?,
        None => rules.default_jurisdiction().ok_or_else(|| RequestError("no jurisdictions loaded".into()))?,
    };
    let date = match &req.date {
        Some(s) => s.parse::<Date>().map_err(|e| RequestError(format!("date `{s}`: {e}")))?,
        None => today,
    };
    let (answers, errors) = Answers::from_json(&rules.questions, &req.answers, Some(date));
    let ev = evaluate(&rules.questions, j, date, &answers);
    Ok(report(rules, &ev, &answers, &errors))
}

/// The report of an evaluation, with words in both languages.
pub fn report(rules: &Rules, ev: &Evaluation, answers: &Answers, errors: &[AnswerError]) -> Report {
    let qs = &rules.questions;
    let j = ev.jurisdiction;
    let ids = |list: &[QuestionId]| list.iter().map(|q| qs.get(*q).id.to_string()).collect::<Vec<_>>();
    let results = ev
        .outcomes
        .iter()
        .map(|o| {
            let e = o.entitlement;
            let amount = match (o.status, o.worth) {
                (Status::Applies, Some(w)) => {
                    let display = both(|l| explain::worth_text(e, w, l));
                    Some(match w {
                        Worth::Exact(d) => AmountOut::Exact { value: money(d), display },
                        Worth::AtLeast(d) => AmountOut::AtLeast { value: money(d), display },
                        Worth::SetLocally { floor } => AmountOut::SetLocally { floor: floor.map(money), display },
                        Worth::InKind => AmountOut::InKind { display },
                    })
                }
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
            }
        })
        .collect();
    Report {
        version: VERSION,
        jurisdiction: j.id.to_string(),
        rules_version: j.rules_version.to_string(),
        date: ev.date.to_string(),
        results,
        totals: TotalsOut {
            per_month: sum(ev.totals.per_month),
            per_year: sum(ev.totals.per_year),
            one_off: sum(ev.totals.one_off),
            set_locally: ev.totals.set_locally,
        },
        deciding_questions: ids(&ev.deciding.iter().collect::<Vec<_>>()),
        shown_questions: ids(&ev.shown.iter().collect::<Vec<_>>()),
        answer_errors: errors.iter().map(|e| AnswerErrorOut { question: e.question.clone(), message: e.message.clone() }).collect(),
    }
}
