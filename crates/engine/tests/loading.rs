//! A bad rules file is refused with its file, line and field.

use minsheng_engine::load::load_texts;

const QUESTIONS: &str = include_str!("../../../rules/questions.toml");

/// A small valid jurisdiction; each test breaks one thing in it.
const GOOD: &str = r#"schema = 1

[jurisdiction]
id = "test-town"
name = { zh = "测试镇", en = "Test town" }
plan = { zh = "测试方案", en = "Test plan" }
source = "test"
rules_version = "t1"

[[area]]
id = "insurance"
zh = "社会保险"
en = "Social insurance"

[[item]]
number = "8"
area = "insurance"
kind = "entitlement"
title = { zh = "养老", en = "Pension" }
office = { zh = "人社局", en = "HR bureau" }
text = "将60周岁以上的参保人员最低基础养老金提高5元，达到115元。"

[[entitlement]]
id = "basic-pension"
item = "8"
name = { zh = "基础养老金", en = "Basic pension" }
scope = "person"
period = "month"
quote = "达到115元"
when = [
  { q = "age", min = 60 },
  { q = "pension_scheme", is = "resident" },
]

[entitlement.amount]
kind = "fixed"
value = "115"

[[entitlement]]
id = "servicemen"
item = "8"
name = { zh = "残疾军人", en = "Disabled servicemen" }
scope = "person"
period = "month"
quote = "达到115元"

[entitlement.amount]
kind = "table"
row = "disability_grade"
column = "serviceman_cause"
none_reason = { zh = "无", en = "none" }

[entitlement.amount.cells]
combat = ["4", "3", "2", "1"]
duty = ["4", "3", "2", "1"]
illness = ["4", "3", "none", "none"]
"#;

fn load(town: &str) -> Result<(), String> {
    load_texts(&[("rules/questions.toml".into(), QUESTIONS.into()), ("rules/test-town.toml".into(), town.into())])
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle in text") + 1
}

/// Breaks GOOD by replacing `from` with `to`, and expects one error at the
/// line where `to` now stands, naming `field` and saying `words`.
fn refused(from: &str, to: &str, field: &str, words: &str) {
    assert!(GOOD.contains(from), "test is stale: {from}");
    let bad = GOOD.replacen(from, to, 1);
    let err = load(&bad).expect_err("must be refused");
    // The line of the first line of `to` that differs from `from`.
    let changed = to.lines().find(|l| !from.contains(l)).unwrap_or(to);
    let line = line_of(&bad, changed.trim());
    let at = format!("rules/test-town.toml:{line}:");
    assert!(err.contains(&at), "want {at} in: {err}");
    assert!(err.contains(field), "want field {field} in: {err}");
    assert!(err.contains(words), "want {words:?} in: {err}");
}

#[test]
fn the_good_file_loads() {
    load(GOOD).unwrap();
}

#[test]
fn unknown_field() {
    refused("scope = \"person\"\nperiod = \"month\"\nquote = \"达到115元\"\nwhen", "scope = \"person\"\nscopee = 1\nperiod = \"month\"\nquote = \"达到115元\"\nwhen", "scopee", "unknown field");
}

#[test]
fn missing_citation() {
    let bad = GOOD.replacen("quote = \"达到115元\"\nwhen", "when", 1);
    let err = load(&bad).unwrap_err();
    assert!(err.contains("rules/test-town.toml:") && err.contains("missing field `quote`"), "{err}");
}

#[test]
fn empty_quote_is_a_missing_citation() {
    refused("quote = \"达到115元\"\nwhen", "quote = \"\"\nwhen", "quote", "missing citation");
}

#[test]
fn quote_not_in_the_plan() {
    refused("quote = \"达到115元\"\nwhen", "quote = \"达到999元\"\nwhen", "quote", "not in the text of item 8");
}

#[test]
fn negative_amount() {
    refused("value = \"115\"", "value = \"-115\"", "amount.value", "negative");
}

#[test]
fn malformed_amount() {
    refused("value = \"115\"", "value = \"11五\"", "amount.value", "not an amount");
}

#[test]
fn float_amount() {
    refused("value = \"115\"", "value = 115.5", "value", "float");
}

#[test]
fn condition_on_a_question_that_does_not_exist() {
    refused("{ q = \"age\", min = 60 }", "{ q = \"agee\", min = 60 }", "when[0].q", "no question `agee`");
}

#[test]
fn condition_on_an_option_that_does_not_exist() {
    refused("is = \"resident\"", "is = \"residnet\"", "when[1]", "no option `residnet`");
}

#[test]
fn empty_range() {
    refused("{ q = \"age\", min = 60 }", "{ q = \"age\", min = 70, max = 60 }", "when[0]", "empty range");
}

#[test]
fn range_outside_the_question() {
    refused("{ q = \"age\", min = 60 }", "{ q = \"age\", min = 130 }", "when[0]", "empty range");
}

#[test]
fn table_with_a_missing_cell() {
    refused("duty = [\"4\", \"3\", \"2\", \"1\"]", "duty = [\"4\", \"3\", \"2\"]", "amount.cells.duty", "missing cell");
}

#[test]
fn table_with_a_missing_column() {
    let bad = GOOD.replacen("duty = [\"4\", \"3\", \"2\", \"1\"]\n", "", 1);
    let err = load(&bad).unwrap_err();
    assert!(err.contains("amount.cells.duty") && err.contains("missing column"), "{err}");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let bad = GOOD.replacen("value = \"115\"", "value = \"-1\"", 1).replacen("{ q = \"age\", min = 60 }", "{ q = \"agee\", min = 60 }", 1);
    let err = load(&bad).unwrap_err();
    assert!(err.contains("negative") && err.contains("agee"), "{err}");
}

#[test]
fn the_real_rules_load_and_have_all_51_items() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let rules = minsheng_engine::load::load_dir(&dir).unwrap();
    for id in ["province", "xx-district"] {
        let j = rules.jurisdiction(id).unwrap();
        for n in 1..=51 {
            assert!(j.items.iter().any(|it| it.number == n.to_string()), "{id} lacks item {n}");
        }
        assert_eq!(j.areas.len(), 8, "{id} has the eight areas");
    }
    assert_eq!(rules.default_jurisdiction().unwrap().id, "xx-district");
}

#[test]
fn more_than_64_questions() {
    // Sets of questions are bits of a u64 in evaluation.
    let mut questions = QUESTIONS.to_owned();
    for i in 0..64 {
        questions.push_str(&format!(
            "\n[[question]]\nid = \"extra_{i}\"\nkind = \"integer\"\nlabel = {{ zh = \"多{i}\", en = \"Extra {i}\" }}\nmin = 0\nmax = 1\n"
        ));
    }
    let files = vec![("rules/questions.toml".to_string(), questions), ("rules/test-town.toml".to_string(), GOOD.to_string())];
    let err = load_texts(&files).expect_err("refused").to_string();
    assert!(err.contains("rules/questions.toml:") && err.contains("at most 64 questions"), "{err}");
}
