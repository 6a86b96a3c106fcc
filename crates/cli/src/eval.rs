//! `minsheng eval`: one answers request (JSON, pretty report out) or JSON
//! Lines (one request per line, one report per line).
//!
//! JSON Lines are read line by line and evaluated in chunks on every core,
//! the reports written in input order, so a long file runs in flat memory.
//! A line that cannot be evaluated (not JSON, not a request) gets its own
//! error line, `{"request": n, "error": "…"}` with n its line number, and
//! the lines after it are evaluated as usual.

use std::io::{BufRead, BufReader, Write};

use minsheng_engine::compat::ANSWERS_VERSION;
use minsheng_engine::report::{self, AmountOut, AnswerErrorOut, HouseholdReport, Report, TotalsOut};
use minsheng_engine::source::Period;
use minsheng_engine::{Date, Rules, Status};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use crate::{load, today, Args};

/// Lines evaluated together on all cores.
const CHUNK_LINES: usize = 1024;

pub fn eval(args: &Args) -> Result<(), String> {
    let rules = load(&args.rules)?;
    let name = args.input.as_deref().unwrap_or("-");
    let mut input: Box<dyn BufRead> = match name {
        "-" => Box::new(std::io::stdin().lock()),
        path => Box::new(BufReader::new(std::fs::File::open(path).map_err(|e| format!("reading {path}: {e}"))?)),
    };
    let run = Run { rules: &rules, args, today: args.date.unwrap_or_else(today) };
    let mut lines = Lines { input: &mut *input, number: 0, name };
    let Some((first_no, first)) = lines.next_request()? else {
        return Err("no answers request on input".into());
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if is_one_line(&first) {
        let Some(second) = lines.next_request()? else {
            // A single request, on one line.
            return run.single(&first, &mut out);
        };
        let head = vec![(first_no, first), second];
        return run.lines(head.into_iter().map(Ok).chain(std::iter::from_fn(|| lines.next_request().transpose())), &mut out);
    }
    // Not a whole request on its first line: one pretty-printed request, or
    // JSON Lines whose first line is broken (then the second one is whole).
    let mut rest = Vec::new();
    while let Some(l) = lines.next_request()? {
        rest.push(l);
    }
    let whole: String = std::iter::once(first.as_str()).chain(rest.iter().map(|(_, l)| l.as_str())).collect::<Vec<_>>().join("\n");
    if serde_json::from_str::<Value>(&whole).is_ok() || !rest.first().is_some_and(|(_, l)| is_one_line(l)) {
        return run.single(&whole, &mut out);
    }
    run.lines(std::iter::once(Ok((first_no, first))).chain(rest.into_iter().map(Ok)), &mut out)
}

/// A line that holds a whole JSON object (not the `{` of a pretty one).
fn is_one_line(line: &str) -> bool {
    let t = line.trim();
    t.len() > 1 && t.starts_with('{') && t.ends_with('}')
}

struct Lines<'a> {
    input: &'a mut dyn BufRead,
    number: usize,
    name: &'a str,
}

impl Lines<'_> {
    /// The next line that is not blank, with its line number.
    fn next_request(&mut self) -> Result<Option<(usize, String)>, String> {
        loop {
            let mut line = String::new();
            let n = self.input.read_line(&mut line).map_err(|e| format!("reading {}: line {}: {e}", self.name, self.number + 1))?;
            if n == 0 {
                return Ok(None);
            }
            self.number += 1;
            if !line.trim().is_empty() {
                return Ok(Some((self.number, line)));
            }
        }
    }
}

/// One person's report, or a household's (`household` and `members`).
enum Out {
    Person(Report),
    Household(HouseholdReport),
}

impl Out {
    fn warnings(&self) -> &[report::Warning] {
        match self {
            Out::Person(r) => &r.warnings,
            Out::Household(r) => &r.warnings,
        }
    }
}

struct Run<'a> {
    rules: &'a Rules,
    args: &'a Args,
    today: Date,
}

impl Run<'_> {
    fn report(&self, text: &str) -> Result<Out, String> {
        let mut v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        if let Value::Object(map) = &mut v {
            if let Some(j) = &self.args.jurisdiction {
                map.entry("jurisdiction").or_insert_with(|| json!(j));
            }
            map.entry("version").or_insert_with(|| json!(ANSWERS_VERSION));
        }
        if v.get("members").is_some() || v.get("household").is_some() {
            return report::run_household(self.rules, &v, self.today).map(Out::Household).map_err(|e| e.to_string());
        }
        report::run(self.rules, &v, self.today).map(Out::Person).map_err(|e| e.to_string())
    }

    fn line(&self, report: &Out) -> Result<String, String> {
        // Serialised straight from the structs, so fields keep their documented order.
        match report {
            Out::Person(r) if self.args.compact => serde_json::to_string(&compact(r)),
            Out::Person(r) => serde_json::to_string(r),
            // A household report has no compact form: its parts are the point.
            Out::Household(r) => serde_json::to_string(r),
        }
        .map_err(|e| e.to_string())
    }

    fn single(&self, text: &str, out: &mut impl Write) -> Result<(), String> {
        let report = self.report(text)?;
        for w in report.warnings() {
            eprintln!("warning: {} / {}", w.message.zh, w.message.en);
        }
        let text = match &report {
            _ if self.args.compact => self.line(&report)?,
            Out::Person(r) => serde_json::to_string_pretty(r).map_err(|e| e.to_string())?,
            Out::Household(r) => serde_json::to_string_pretty(r).map_err(|e| e.to_string())?,
        };
        writeln!(out, "{text}").map_err(|e| e.to_string())
    }

    fn lines(&self, mut requests: impl Iterator<Item = Result<(usize, String), String>>, out: &mut impl Write) -> Result<(), String> {
        let mut failed = 0usize;
        loop {
            let chunk: Vec<(usize, String)> = requests.by_ref().take(CHUNK_LINES).collect::<Result<_, _>>()?;
            if chunk.is_empty() {
                break;
            }
            let lines: Vec<Result<String, String>> = chunk
                .par_iter()
                .map(|(n, text)| match self.report(text) {
                    Ok(report) => self.line(&report),
                    Err(e) => Err(json!({ "request": n, "error": e }).to_string()),
                })
                .collect();
            for line in lines {
                let line = line.unwrap_or_else(|error_line| {
                    failed += 1;
                    error_line
                });
                writeln!(out, "{line}").map_err(|e| e.to_string())?;
            }
        }
        out.flush().map_err(|e| e.to_string())?;
        if failed > 0 {
            Err(format!("{failed} request(s) could not be evaluated"))
        } else {
            Ok(())
        }
    }
}

/// A report cut to what a machine acts on, fields in the documented order.
#[derive(Serialize)]
struct Compact<'a> {
    version: u32,
    jurisdiction: &'a str,
    date: &'a str,
    results: Vec<CompactResult<'a>>,
    totals: &'a TotalsOut,
    answer_errors: &'a [AnswerErrorOut],
}

#[derive(Serialize)]
struct CompactResult<'a> {
    id: &'a str,
    status: Status,
    period: Period,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<CompactAmount<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    missing: &'a [String],
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum CompactAmount<'a> {
    Exact { value: &'a str },
    AtLeast { value: &'a str },
    SetLocally { floor: &'a Option<String> },
    InKind,
}

/// Per entitlement that applies or may apply: id, status, period, amount
/// (without its words) and the questions still open; and the totals.
fn compact(r: &Report) -> Compact<'_> {
    let results = r
        .results
        .iter()
        .filter(|e| e.status != Status::DoesNotApply)
        .map(|e| CompactResult {
            id: &e.id,
            status: e.status,
            period: e.period,
            amount: e.amount.as_ref().map(|a| match a {
                AmountOut::Exact { value, .. } => CompactAmount::Exact { value },
                AmountOut::AtLeast { value, .. } => CompactAmount::AtLeast { value },
                AmountOut::SetLocally { floor, .. } => CompactAmount::SetLocally { floor },
                AmountOut::InKind { .. } => CompactAmount::InKind,
            }),
            missing: &e.missing,
        })
        .collect();
    Compact {
        version: r.version,
        jurisdiction: &r.jurisdiction,
        date: &r.date,
        results,
        totals: &r.totals,
        answer_errors: &r.answer_errors,
    }
}
