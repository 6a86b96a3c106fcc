//! Runs the plain-language rule cases in `tests/cases/*.toml` at the
//! repository root. Each case names a jurisdiction, a date and answers, and
//! what the resident must get; see `tests/cases/README.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minsheng_engine::load::load_dir;
use minsheng_engine::report::{self, AmountOut, Report};
use minsheng_engine::{Date, Rules};
use serde::Deserialize;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// The default `others` of every case in the file.
    #[serde(default)]
    others: Option<Others>,
    case: Vec<Case>,
}

/// What the entitlements a case does not list in `expect` must come to.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum Others {
    /// Every entitlement not listed does not apply: a benefit that wrongly
    /// applies (or may apply) fails the case.
    DoesNotApply,
    /// Not checked (for a file whose default is `does_not_apply`).
    Any,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    jurisdiction: String,
    date: String,
    #[serde(default)]
    answers: toml::Table,
    #[serde(default)]
    expect: BTreeMap<String, Expect>,
    #[serde(default)]
    totals: BTreeMap<String, String>,
    /// Questions whose answers must be refused.
    #[serde(default)]
    answer_errors: Vec<String>,
    /// Questions that must be listed as deciding an open "may apply".
    #[serde(default)]
    deciding: Option<Vec<String>>,
    /// The report's warning codes, e.g. `outside_plan_period`; `[]` for none.
    #[serde(default)]
    warnings: Option<Vec<String>>,
    /// What changes next, per entitlement: `{ question, value, display }`,
    /// or "none" for no change through any answer.
    #[serde(default)]
    next: BTreeMap<String, NextExpect>,
    /// `"does_not_apply"`: every entitlement not in `expect` must not apply;
    /// `"any"`: not checked. Default: the file's `others`, else `"any"`.
    #[serde(default)]
    others: Option<Others>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum NextExpect {
    None(String),
    Change { question: String, value: String, display: Option<String> },
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum Expect {
    /// "applies", "may_apply", "does_not_apply", or an exact amount like "118.00".
    Short(String),
    Full(FullExpect),
}

#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
struct FullExpect {
    status: Option<String>,
    amount: Option<String>,
    /// exact | at_least | set_locally | in_kind
    kind: Option<String>,
    missing: Option<Vec<String>>,
    /// Words the Chinese or English reason must contain.
    reason: Option<String>,
    /// Words neither reason may contain.
    #[serde(default)]
    reason_not: Option<String>,
    /// Words the Chinese or English amount text must contain.
    #[serde(default)]
    display: Option<String>,
    /// This year's rise the plan states, e.g. "5.00", or "none".
    #[serde(default)]
    rise: Option<String>,
    /// Words the Chinese rise text must contain.
    #[serde(default)]
    rise_display: Option<String>,
}

fn check(case: &Case, r: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    if case.others == Some(Others::DoesNotApply) {
        for res in r.results.iter().filter(|x| !case.expect.contains_key(&x.id)) {
            let status = serde_json::to_value(res.status).unwrap().as_str().unwrap_or_default().to_owned();
            if status != "does_not_apply" {
                problems.push(format!("`{}` is not listed but {status} ({}); list it or set others = \"any\"", res.id, res.reason.zh));
            }
        }
    }
    for (id, expect) in &case.expect {
        let Some(res) = r.results.iter().find(|x| &x.id == id) else {
            problems.push(format!("no entitlement `{id}` in {}", r.jurisdiction));
            continue;
        };
        let status = serde_json::to_value(res.status).unwrap().as_str().unwrap_or_default().to_owned();
        let (value, kind) = match &res.amount {
            Some(AmountOut::Exact { value, .. }) => (Some(value.clone()), "exact"),
            Some(AmountOut::AtLeast { value, .. }) => (Some(value.clone()), "at_least"),
            Some(AmountOut::SetLocally { floor, .. }) => (floor.clone(), "set_locally"),
            Some(AmountOut::InKind { .. }) => (None, "in_kind"),
            None => (None, "none"),
        };
        let full = match expect {
            Expect::Short(s) if s.starts_with(|c: char| c.is_ascii_digit()) => {
                FullExpect { status: Some("applies".into()), amount: Some(s.clone()), kind: Some("exact".into()), ..FullExpect::default() }
            }
            Expect::Short(s) => FullExpect { status: Some(s.clone()), ..FullExpect::default() },
            Expect::Full(f) => f.clone(),
        };
        let got = format!("{status} {kind} {:?} — {}", value, res.reason.zh);
        if let Some(want) = &full.status {
            if *want != status {
                problems.push(format!("`{id}`: want status {want}, got {got}"));
                continue;
            }
        }
        if let Some(want) = &full.amount {
            if value.as_deref() != Some(want.as_str()) {
                problems.push(format!("`{id}`: want amount {want}, got {got}"));
            }
        }
        if let Some(want) = &full.kind {
            if want != kind {
                problems.push(format!("`{id}`: want amount kind {want}, got {got}"));
            }
        }
        if let Some(want) = &full.missing {
            if *want != res.missing {
                problems.push(format!("`{id}`: want missing {want:?}, got {:?}", res.missing));
            }
        }
        if let Some(want) = &full.reason {
            if !res.reason.zh.contains(want.as_str()) && !res.reason.en.contains(want.as_str()) {
                problems.push(format!("`{id}`: reason lacks {want:?}: {} / {}", res.reason.zh, res.reason.en));
            }
        }
        if let Some(not) = &full.reason_not {
            if res.reason.zh.contains(not.as_str()) || res.reason.en.contains(not.as_str()) {
                problems.push(format!("`{id}`: reason must not say {not:?}: {} / {}", res.reason.zh, res.reason.en));
            }
        }
        if let Some(want) = &full.rise {
            let got = res.rise.as_ref().map(|r| r.value.as_str()).unwrap_or("none");
            if got != want {
                problems.push(format!("`{id}`: want rise {want}, got {got}"));
            }
        }
        if let Some(want) = &full.rise_display {
            let got: &str = res.rise.as_ref().map(|r| r.display.zh.as_ref()).unwrap_or("");
            if !got.contains(want.as_str()) {
                problems.push(format!("`{id}`: rise text lacks {want:?}: {got}"));
            }
        }
        if let Some(want) = &full.display {
            let shown = match &res.amount {
                Some(AmountOut::Exact { display, .. } | AmountOut::AtLeast { display, .. } | AmountOut::SetLocally { display, .. } | AmountOut::InKind { display }) => {
                    format!("{} / {}", display.zh, display.en)
                }
                None => String::new(),
            };
            if !shown.contains(want.as_str()) {
                problems.push(format!("`{id}`: amount text lacks {want:?}: {shown}"));
            }
        }
    }
    for (period, want) in &case.totals {
        let got = match period.as_str() {
            "per_month" => &r.totals.per_month.value,
            "per_year" => &r.totals.per_year.value,
            "one_off" => &r.totals.one_off.value,
            other => {
                problems.push(format!("unknown total `{other}`"));
                continue;
            }
        };
        if got != want {
            problems.push(format!("total {period}: want {want}, got {got}"));
        }
    }
    let refused: Vec<&str> = r.answer_errors.iter().map(|e| e.question.as_str()).collect();
    if refused != case.answer_errors.iter().map(String::as_str).collect::<Vec<_>>() {
        problems.push(format!("answers refused: want {:?}, got {:?}", case.answer_errors, r.answer_errors));
    }
    for (id, want) in &case.next {
        let got: Vec<_> = r.next_changes.iter().filter(|c| &c.entitlement == id).collect();
        match want {
            NextExpect::None(s) if s == "none" => {
                if !got.is_empty() {
                    problems.push(format!("next `{id}`: want none, got {}", got[0].display.zh));
                }
            }
            NextExpect::None(s) => problems.push(format!("next `{id}`: write \"none\" or a table, not {s:?}")),
            NextExpect::Change { question, value, display } => {
                let value_text = |v: &serde_json::Value| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
                match got.iter().find(|c| &c.question == question) {
                    None => problems.push(format!("next `{id}`: want a change through `{question}`, got {:?}", got.iter().map(|c| &c.question).collect::<Vec<_>>())),
                    Some(c) => {
                        if value_text(&c.value) != *value {
                            problems.push(format!("next `{id}`: want {question} = {value}, got {}", value_text(&c.value)));
                        }
                        if let Some(d) = display {
                            if !c.display.zh.contains(d.as_str()) && !c.display.en.contains(d.as_str()) {
                                problems.push(format!("next `{id}`: words lack {d:?}: {}", c.display.zh));
                            }
                        }
                    }
                }
            }
        }
    }
    if let Some(want) = &case.warnings {
        let got: Vec<&str> = r.warnings.iter().map(|w| w.code).collect();
        if *want != got {
            problems.push(format!("warnings: want {want:?}, got {got:?}"));
        }
    }
    if let Some(want) = &case.deciding {
        if *want != r.deciding_questions {
            problems.push(format!("deciding questions: want {want:?}, got {:?}", r.deciding_questions));
        }
    }
    problems
}

fn run_case(rules: &Rules, case: &Case) -> Result<Report, String> {
    let request = serde_json::json!({
        "version": minsheng_engine::compat::ANSWERS_VERSION,
        "jurisdiction": case.jurisdiction,
        "date": case.date,
        "answers": serde_json::to_value(&case.answers).map_err(|e| e.to_string())?,
    });
    let today: Date = case.date.parse().map_err(|_| format!("bad date {}", case.date))?;
    report::run(rules, &request, today).map_err(|e| e.to_string())
}

#[test]
fn every_rule_case_holds() {
    let rules = load_dir(&root().join("rules")).unwrap_or_else(|e| panic!("rules do not load:\n{e}"));
    let dir = root().join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut count = 0;
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let file: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            let mut case_with_default;
            let case = if case.others.is_none() && file.others.is_some() {
                case_with_default = case.clone();
                case_with_default.others = file.others;
                &case_with_default
            } else {
                case
            };
            count += 1;
            if !names.insert(case.name.clone()) {
                failures.push(format!("{}: case name used twice: {}", path.display(), case.name));
            }
            if case.expect.is_empty() && case.totals.is_empty() && case.answer_errors.is_empty() && case.next.is_empty() {
                failures.push(format!("{}: {}: expects nothing", path.display(), case.name));
            }
            match run_case(&rules, case) {
                Ok(report) => {
                    for p in check(case, &report) {
                        failures.push(format!("{}: {}: {p}", path.file_name().unwrap().to_string_lossy(), case.name));
                    }
                }
                Err(e) => failures.push(format!("{}: {}: {e}", path.display(), case.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{} of {count} cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(count >= 80, "only {count} rule cases; at least 80 are required");
    eprintln!("{count} rule cases passed");
}

#[test]
fn others_does_not_apply_catches_a_benefit_not_listed() {
    let rules = load_dir(&root().join("rules")).unwrap_or_else(|e| panic!("rules do not load:\n{e}"));
    let text = r#"
[[case]]
name = "a pensioner in the minimum living guarantee, only the pension listed"
jurisdiction = "xx-district"
date = "2025-03-01"
answers = { age = 70, pension_scheme = "resident", situations = ["assistance"], assistance_kind = ["dibao"] }
expect = { basic-pension = "applies" }
"#;
    let mut case = toml::from_str::<CaseFile>(text).unwrap().case.remove(0);
    let report = run_case(&rules, &case).unwrap();
    assert!(check(&case, &report).is_empty(), "without `others` only the listed benefit is checked");
    case.others = Some(Others::DoesNotApply);
    let problems = check(&case, &report);
    assert!(problems.iter().any(|p| p.contains("is not listed but applies")), "{problems:?}");
}
