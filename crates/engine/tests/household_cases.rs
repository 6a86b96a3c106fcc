//! Runs the household rule cases in `tests/cases/household/*.toml`: one
//! household's shared answers and each member's own, and what each member
//! and the household must get. Format: `tests/cases/README.md`.

use std::collections::BTreeMap;
use std::path::Path;

use minsheng_engine::load::load_dir;
use minsheng_engine::report::{run_household, AmountOut, ResultEntry, TotalsOut};
use minsheng_engine::Date;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    jurisdiction: String,
    date: String,
    household: toml::Table,
    member: Vec<Member>,
    /// Household-scoped entitlements: "applies", "may_apply", "does_not_apply" or an exact amount.
    #[serde(default)]
    expect_household: BTreeMap<String, String>,
    /// The household's totals: every member's cash plus the household's.
    totals: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Member {
    relation: String,
    answers: toml::Table,
    /// Person-scoped entitlements, as `expect_household`.
    expect: BTreeMap<String, String>,
    #[serde(default)]
    totals: BTreeMap<String, String>,
}

fn check_results(who: &str, want: &BTreeMap<String, String>, results: &[ResultEntry], problems: &mut Vec<String>) {
    for (id, want) in want {
        let Some(r) = results.iter().find(|r| &r.id == id) else {
            problems.push(format!("{who}: no `{id}` among its results"));
            continue;
        };
        let status = serde_json::to_value(r.status).unwrap().as_str().unwrap_or_default().to_owned();
        let got = match (&r.amount, status.as_str()) {
            (Some(AmountOut::Exact { value, .. }), "applies") if want.starts_with(|c: char| c.is_ascii_digit()) => value.clone(),
            _ => status,
        };
        if &got != want {
            problems.push(format!("{who}: `{id}`: want {want}, got {got} — {}", r.reason.zh));
        }
    }
}

fn check_totals(who: &str, want: &BTreeMap<String, String>, t: &TotalsOut, problems: &mut Vec<String>) {
    for (period, want) in want {
        let got = match period.as_str() {
            "per_month" => &t.per_month.value,
            "per_year" => &t.per_year.value,
            "one_off" => &t.one_off.value,
            other => {
                problems.push(format!("{who}: unknown total `{other}`"));
                continue;
            }
        };
        if got != want {
            problems.push(format!("{who}: total {period}: want {want}, got {got}"));
        }
    }
}

#[test]
fn every_household_case_holds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rules = load_dir(&root.join("rules")).unwrap_or_else(|e| panic!("{e}"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/cases/household")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut problems = Vec::new();
    let mut count = 0;
    for path in files.iter().filter(|p| p.extension().is_some_and(|x| x == "toml")) {
        let file: CaseFile = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            count += 1;
            let members: Vec<_> = case.member.iter().map(|m| serde_json::json!({ "relation": m.relation, "answers": m.answers })).collect();
            let request = serde_json::json!({
                "version": 2, "jurisdiction": case.jurisdiction, "date": case.date,
                "household": case.household, "members": members,
            });
            let today: Date = case.date.parse().unwrap();
            let report = match run_household(&rules, &request, today) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{}: {e}", case.name));
                    continue;
                }
            };
            if !report.answer_errors.is_empty() {
                problems.push(format!("{}: answers refused: {:?}", case.name, report.answer_errors));
            }
            for (i, (m, got)) in case.member.iter().zip(&report.members).enumerate() {
                let who = format!("{}: member {} ({})", case.name, i + 1, m.relation);
                check_results(&who, &m.expect, &got.results, &mut problems);
                check_totals(&who, &m.totals, &got.totals, &mut problems);
            }
            check_results(&format!("{}: household", case.name), &case.expect_household, &report.household, &mut problems);
            check_totals(&format!("{}: household", case.name), &case.totals, &report.totals, &mut problems);
        }
    }
    assert!(count > 0, "no household cases");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
