//! A place may have several plan years, one rules file each; the engine
//! picks the plan in force on the evaluation date, and warns outside every
//! period. The second year here is a test-only file, not a real plan.

use minsheng_engine::load::load_texts;
use minsheng_engine::report::run;
use minsheng_engine::Date;

const QUESTIONS: &str = include_str!("../../../rules/questions.toml");

fn plan(year: u32, version: &str, amount: &str, default: bool) -> String {
    format!(
        r#"schema = 1

[jurisdiction]
id = "test-town"
name = {{ zh = "测试镇", en = "Test town" }}
plan = {{ zh = "测试镇{year}年方案", en = "Test town {year} plan" }}
source = "test"
rules_version = "{version}"
valid_from = "{year}-01-01"
valid_until = "{year}-12-31"
default = {default}

[[area]]
id = "insurance"
zh = "社会保险"
en = "Social insurance"

[[item]]
number = "8"
area = "insurance"
kind = "entitlement"
title = {{ zh = "养老", en = "Pension" }}
office = {{ zh = "人社局", en = "HR bureau" }}
text = "最低基础养老金达到{amount}元。"

[[entitlement]]
id = "basic-pension"
item = "8"
name = {{ zh = "基础养老金", en = "Basic pension" }}
scope = "person"
period = "month"
quote = "达到{amount}元"
when = [{{ q = "age", min = 60 }}]

[entitlement.amount]
kind = "fixed"
value = "{amount}"
"#
    )
}

fn files(plans: &[String]) -> Vec<(String, String)> {
    let mut out = vec![("rules/questions.toml".to_string(), QUESTIONS.to_string())];
    for (i, p) in plans.iter().enumerate() {
        out.push((format!("rules/test-town-{i}.toml"), p.clone()));
    }
    out
}

fn pension_on(rules: &minsheng_engine::Rules, date: &str) -> (String, String, usize) {
    let req = serde_json::json!({ "version": 2, "jurisdiction": "test-town", "date": date, "answers": { "age": 70 } });
    let today: Date = date.parse().unwrap();
    let r = run(rules, &req, today).unwrap();
    let amount = r.results.iter().find(|x| x.id == "basic-pension").unwrap();
    let value = match &amount.amount {
        Some(minsheng_engine::report::AmountOut::Exact { value, .. }) => value.clone(),
        other => panic!("{other:?}"),
    };
    (value, r.rules_version, r.warnings.len())
}

#[test]
fn the_plan_in_force_on_the_date_is_used() {
    let rules = load_texts(&files(&[plan(2024, "t2024", "115", true), plan(2025, "t2025", "120", false)])).expect("loads");
    assert_eq!(pension_on(&rules, "2024-06-01"), ("115.00".into(), "t2024".into(), 0));
    assert_eq!(pension_on(&rules, "2025-01-01"), ("120.00".into(), "t2025".into(), 0));
    // After every period: the latest plan, with a warning.
    assert_eq!(pension_on(&rules, "2026-06-01"), ("120.00".into(), "t2025".into(), 1));
    // Before every period: the earliest, with a warning.
    assert_eq!(pension_on(&rules, "2023-06-01"), ("115.00".into(), "t2024".into(), 1));
    // The order of the files does not matter.
    let reversed = load_texts(&files(&[plan(2025, "t2025", "120", false), plan(2024, "t2024", "115", true)])).expect("loads");
    assert_eq!(pension_on(&reversed, "2024-06-01"), ("115.00".into(), "t2024".into(), 0));
}

#[test]
fn overlapping_plan_years_are_refused() {
    let overlapping = plan(2025, "t2025", "120", false).replace("valid_from = \"2025-01-01\"", "valid_from = \"2024-12-01\"");
    let err = load_texts(&files(&[plan(2024, "t2024", "115", true), overlapping])).expect_err("refused").to_string();
    assert!(err.contains("rules/test-town-1.toml:") && err.contains("overlapping period"), "{err}");
}

#[test]
fn a_plan_without_its_period_is_refused() {
    let bare = plan(2024, "t2024", "115", true).replace("valid_until = \"2024-12-31\"\n", "");
    let err = load_texts(&files(&[bare])).expect_err("refused").to_string();
    assert!(err.contains("valid_until") && err.contains("the period the plan governs"), "{err}");
}
