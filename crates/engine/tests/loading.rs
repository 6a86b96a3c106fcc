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
valid_from = "2024-01-01"
valid_until = "2024-12-31"

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
text = "将60周岁以上的参保人员最低基础养老金提高5元，达到115元。残疾军人一级每人每月4元，二级3元，三级2元，四级1元。"

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
quote = "残疾军人一级每人每月4元，二级3元，三级2元，四级1元。"

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

/// GOOD with an office directory entry and a how-to-apply block, as a
/// source that gives them would be written.
fn with_directory() -> String {
    format!(
        "{GOOD}\n[entitlement.how_to_apply]\nfirst_stop = {{ zh = \"社区服务中心\", en = \"Community service centre\" }}\ndocuments = [{{ zh = \"残疾军人证\", en = \"Disabled serviceman's certificate\" }}]\nsource = \"测试来源第1页\"\n\n[[office]]\nname = {{ zh = \"人社局\", en = \"HR bureau\" }}\naddress = {{ zh = \"测试路1号\", en = \"1 Test Road\" }}\nphone = \"0562-1234567\"\nhours = {{ zh = \"工作日 9:00-17:00\", en = \"Weekdays 9:00-17:00\" }}\nonline = \"https://example.gov.cn/apply\"\nsource = \"测试来源第2页\"\n"
    )
}

fn refused_in(text: &str, from: &str, to: &str, field: &str, words: &str) {
    assert!(text.contains(from), "test is stale: {from}");
    let bad = text.replacen(from, to, 1);
    let err = load(&bad).expect_err("must be refused");
    let line = line_of(&bad, to.lines().next().unwrap_or(to).trim());
    assert!(err.contains(&format!("rules/test-town.toml:{line}:")), "want line {line} in: {err}");
    assert!(err.contains(field) && err.contains(words), "want {field} / {words:?} in: {err}");
}

#[test]
fn an_office_directory_and_how_to_apply_load_pack_and_report() {
    let files = vec![("rules/questions.toml".to_string(), QUESTIONS.to_string()), ("rules/test-town.toml".to_string(), with_directory())];
    let rules = load_texts(&files).expect("loads");
    let j = rules.jurisdiction("test-town").unwrap();
    assert_eq!(j.offices.len(), 1);
    assert_eq!(j.offices[0].phone.as_deref(), Some("0562-1234567"));
    let how = j.entitlement("servicemen").and_then(|e| e.how_to_apply.as_ref()).expect("how to apply");
    assert_eq!(how.documents[0].zh, "残疾军人证");
    // The packed form carries both.
    let bytes: &'static [u8] = Box::leak(minsheng_engine::packed::pack(&rules).into_boxed_slice());
    let back = minsheng_engine::packed::unpack(bytes).expect("unpacks");
    let jb = back.jurisdiction("test-town").unwrap();
    assert_eq!(jb.offices[0].online.as_deref(), Some("https://example.gov.cn/apply"));
    assert_eq!(jb.entitlement("servicemen").unwrap().how_to_apply.as_ref().unwrap().source, "测试来源第1页");
    // And the report shows them where the benefit is.
    let req = serde_json::json!({ "version": 2, "jurisdiction": "test-town", "date": "2025-03-01",
        "answers": { "age": 70, "pension_scheme": "resident" } });
    let report = minsheng_engine::report::run(&rules, &req, minsheng_engine::Date::new(2025, 3, 1).unwrap()).unwrap();
    let r = report.results.iter().find(|r| r.id == "basic-pension").unwrap();
    let details = r.office_details.as_ref().expect("office details");
    assert_eq!(details.address.as_ref().unwrap().zh, "测试路1号");
    assert_eq!(details.source, "测试来源第2页");
}

#[test]
fn an_office_the_plan_does_not_name_is_refused() {
    refused_in(&with_directory(), "name = { zh = \"人社局\", en = \"HR bureau\" }\naddress", "name = { zh = \"民政局\", en = \"Civil affairs\" }\naddress", "name", "no item or entitlement names this office");
}

#[test]
fn an_office_address_that_is_not_https_is_refused() {
    refused_in(&with_directory(), "online = \"https://example.gov.cn/apply\"", "online = \"http://example.gov.cn/apply\"", "online", "https://");
}

#[test]
fn a_phone_with_letters_is_refused() {
    refused_in(&with_directory(), "phone = \"0562-1234567\"", "phone = \"call us\"", "phone", "digits");
}

#[test]
fn an_office_without_a_source_is_refused() {
    let bad = with_directory().replacen("source = \"测试来源第2页\"\n", "", 1);
    let err = load(&bad).unwrap_err();
    assert!(err.contains("rules/test-town.toml:") && err.contains("missing field `source`"), "{err}");
}

#[test]
fn how_to_apply_without_a_source_is_refused() {
    let bad = with_directory().replacen("source = \"测试来源第1页\"\n", "", 1);
    let err = load(&bad).unwrap_err();
    assert!(err.contains("missing field `source`"), "{err}");
}

#[test]
fn an_amount_set_locally_must_say_what_the_plan_says() {
    refused("kind = \"fixed\"\nvalue = \"115\"", "kind = \"set_locally\"", "amount.basis", "what the plan says");
}

#[test]
fn a_lone_office_judgement_takes_no_test() {
    refused(
        "{ q = \"pension_scheme\", is = \"resident\" },\n]",
        "{ q = \"pension_scheme\", is = \"resident\" },\n  { office_decides = { zh = \"由人社局决定\", en = \"the bureau decides\" }, min = 3 },\n]",
        "when[2]",
        "takes no test",
    );
}

#[test]
fn a_rise_the_quote_does_not_state_is_refused() {
    refused("quote = \"达到115元\"\nwhen", "quote = \"达到115元\"\nrise = \"5\"\nwhen", "rise", "提高5元");
}

#[test]
fn a_rise_the_quote_states_loads() {
    let good = GOOD.replacen("quote = \"达到115元\"\nwhen", "quote = \"提高5元，达到115元\"\nrise = \"5\"\nwhen", 1).replacen(
        "text = \"将60周岁以上的参保人员最低基础养老金提高5元，达到115元。\"",
        "text = \"将60周岁以上的参保人员最低基础养老金提高5元，达到115元。\"",
        1,
    );
    load(&good).unwrap();
}

/// Loads GOOD with a changed questions file.
fn load_with_questions(questions: &str) -> Result<(), String> {
    load_texts(&[("rules/questions.toml".into(), questions.into()), ("rules/test-town.toml".into(), GOOD.into())])
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The questions file with one more question at the end.
fn with_question(extra: &str) -> String {
    format!("{QUESTIONS}\n[[question]]\n{extra}\n")
}

/// Expects the questions file with `extra` appended to be refused at the
/// line containing `needle` (searched from the appended question on), in `field`.
fn question_refused(extra: &str, needle: &str, field: &str) {
    let questions = with_question(extra);
    let err = load_with_questions(&questions).expect_err(&format!("must be refused: {extra}"));
    let start = QUESTIONS.lines().count();
    let line = questions.lines().skip(start).position(|l| l.contains(needle)).expect("needle") + start + 1;
    let at = format!("rules/questions.toml:{line}:");
    assert!(err.contains(&at), "want {at} in: {err}");
    assert!(err.contains(&format!("field `{field}`")), "want field {field} in: {err}");
}

#[test]
fn question_ids_must_be_plain_and_not_reserved() {
    // Share links use `v`, `j`, `d`, `lang` and `care` for themselves; ids
    // are URL keys, JSON keys and parts of DOM ids.
    for id in ["v", "j", "d", "lang", "care", "embed", "accent", "", "Age", "a.b", "a-b", "x&y=z#%", "1st", "_x", "a b", "年龄"] {
        let extra = format!("id = \"{id}\"\nkind = \"integer\"\nlabel = {{ zh = \"多\", en = \"Extra\" }}\nmin = 0\nmax = 1");
        question_refused(&extra, &format!("id = \"{id}\""), "id");
    }
    // A well-formed id loads.
    load_with_questions(&with_question("id = \"extra_2\"\nkind = \"integer\"\nlabel = { zh = \"多\", en = \"Extra\" }\nmin = 0\nmax = 1")).unwrap();
}

#[test]
fn option_ids_must_be_plain_and_not_reserved() {
    // `.` joins flags in share links, `,` in typed input, `;` in CSV;
    // `q-{question}-none`, `-error` and `-help` are the widget's own DOM ids.
    for id in ["a.b", "x&y=z#%", "", "none", "error", "help", "A", "a b", "a,b", "a;b", "a-b", "_a", "一"] {
        let extra = format!(
            "id = \"extra\"\nkind = \"flags\"\nlabel = {{ zh = \"多\", en = \"Extra\" }}\noptions = [\n  {{ id = \"ok\", zh = \"好\", en = \"Good\" }},\n  {{ id = \"{id}\", zh = \"坏\", en = \"Bad\" }},\n]"
        );
        question_refused(&extra, &format!("{{ id = \"{id}\""), "options");
    }
    // `none` is the widget's "none of these" only for flags: a choice may have it
    // (the real rules' pension_scheme does).
    load_with_questions(&with_question(
        "id = \"extra\"\nkind = \"choice\"\nlabel = { zh = \"多\", en = \"Extra\" }\noptions = [\n  { id = \"some\", zh = \"有\", en = \"Some\" },\n  { id = \"none\", zh = \"无\", en = \"None\" },\n]",
    ))
    .unwrap();
}

#[test]
fn entitlement_area_and_jurisdiction_ids_are_checked() {
    for id in ["", "Basic-pension", "basic pension", "basic.pension", "a&b", "-x"] {
        refused("id = \"basic-pension\"", &format!("id = \"{id}\""), "field `id`", "");
    }
    let bad = GOOD.replacen("id = \"insurance\"", "id = \"in.surance\"", 1).replacen("area = \"insurance\"", "area = \"in.surance\"", 1);
    let err = load(&bad).unwrap_err();
    let line = line_of(&bad, "id = \"in.surance\"");
    assert!(err.contains(&format!("rules/test-town.toml:{line}: area `in.surance`, field `id`")), "{err}");
    // Jurisdiction ids go into share links and the embed's `j=`: no underscore.
    refused("id = \"test-town\"", "id = \"test_town\"", "field `id`", "");
}

#[test]
fn a_table_over_an_extreme_range_is_refused_not_a_panic() {
    for (min, max) in [("-9223372036854775808", "9223372036854775807"), ("0", "9223372036854775807"), ("-1", "9223372036854775807")] {
        let questions = with_question(&format!("id = \"huge\"\nkind = \"integer\"\nlabel = {{ zh = \"大\", en = \"Huge\" }}\nmin = {min}\nmax = {max}"));
        let town = GOOD.replacen("row = \"disability_grade\"", "row = \"huge\"", 1);
        let files = vec![("rules/questions.toml".to_string(), questions), ("rules/test-town.toml".to_string(), town)];
        let err = load_texts(&files).expect_err("refused").to_string();
        assert!(err.contains("huge"), "{err}");
    }
}

#[test]
fn a_quote_of_punctuation_only_is_no_citation() {
    for quote in ["，", "。", "元。", "5元", " ， "] {
        refused("quote = \"达到115元\"\nwhen", &format!("quote = \"{quote}\"\nwhen"), "field `quote`", "cite");
    }
}

#[test]
fn a_duplicate_entitlement_id_points_at_the_second() {
    let bad = GOOD.replacen("id = \"servicemen\"", "id = \"basic-pension\"", 1);
    let err = load(&bad).unwrap_err();
    let second = bad.lines().enumerate().filter(|(_, l)| l.contains("id = \"basic-pension\"")).nth(1).unwrap().0 + 1;
    assert!(err.contains(&format!("rules/test-town.toml:{second}: entitlement `basic-pension`, field `id`")), "{err}");
}

#[test]
fn an_unknown_amount_kind_names_the_kind_field() {
    refused("kind = \"fixed\"", "kind = \"fixd\"", "field `amount.kind`", "unknown variant");
}

#[test]
fn a_float_bound_names_its_own_field() {
    refused("{ q = \"age\", min = 60 }", "{ q = \"age\", min = 60.0 }", "field `min`", "float");
}

#[test]
fn a_question_without_a_label_is_only_that() {
    let questions = QUESTIONS.replacen("label = { zh = \"年龄\", en = \"Age\" }\n", "", 1);
    let err = load_with_questions(&questions).unwrap_err();
    assert!(err.contains("missing field `label`"), "{err}");
    assert!(!err.contains("no questions.toml"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn more_than_32_supplements_are_refused() {
    // Evaluation records the supplements added as bits of a u32.
    let plus: String = (0..33).map(|i| format!("  {{ when = [{{ q = \"age\", min = {i} }}], value = \"1\", label = {{ zh = \"加{i}\", en = \"Plus {i}\" }} }},\n")).collect();
    refused("kind = \"fixed\"\nvalue = \"115\"", &format!("kind = \"fixed\"\nvalue = \"115\"\nplus = [\n{plus}]"), "field `amount.plus`", "at most 32");
}

#[test]
fn a_table_figure_the_quote_does_not_state_is_refused() {
    refused("duty = [\"4\", \"3\", \"2\", \"1\"]", "duty = [\"4\", \"3\", \"2\", \"5\"]", "field `amount.cells`", "5 is not in the quote");
    // Inside a longer number is not stated: 11 is in "115" only.
    refused("duty = [\"4\", \"3\", \"2\", \"1\"]", "duty = [\"4\", \"3\", \"2\", \"11\"]", "field `amount.cells`", "11 is not in the quote");
}

#[test]
fn a_lookup_figure_the_quote_does_not_state_is_refused() {
    let bad = GOOD.replacen("kind = \"fixed\"\nvalue = \"115\"", "kind = \"lookup\"\nby = \"hukou\"\nvalues = { urban = \"115\", rural = \"60\" }", 1);
    let err = load(&bad).unwrap_err();
    let line = line_of(&bad, "values = {");
    assert!(err.contains(&format!("rules/test-town.toml:{line}: entitlement `basic-pension`, field `amount.values`: 60 is not in the quote")), "{err}");
    // Both stated (60 is in "60周岁"), it loads.
    let good = GOOD.replacen("kind = \"fixed\"\nvalue = \"115\"", "kind = \"lookup\"\nby = \"hukou\"\nvalues = { urban = \"115\", rural = \"5\" }", 1);
    let good = good.replacen("quote = \"达到115元\"\nwhen", "quote = \"提高5元，达到115元\"\nwhen", 1);
    load(&good).unwrap();
}

#[test]
fn a_bad_value_after_a_chinese_key_is_reported_not_a_panic() {
    // Found by `load_texts_of_mutated_rules_never_panics`: the key before a
    // bad value has a character of more than one byte right before it.
    let bad = QUESTIONS.replacen("zh = \"周岁\", en = \"years\" }\nmin = 0\n", "zh = \"周min = \n", 1);
    assert_ne!(bad, QUESTIONS, "test is stale");
    let err = load_with_questions(&bad).unwrap_err();
    assert!(err.contains("rules/questions.toml:"), "{err}");
}
