//! The command-line tool, run as a user would run it.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn minsheng(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minsheng"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn eval_the_documented_example() {
    let out = minsheng(&["eval", "docs/examples/pensioner.json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let amount = |id: &str| {
        report["results"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()["amount"]["value"].clone()
    };
    assert_eq!(amount("basic-pension"), "118.00");
    assert_eq!(amount("disabled-serviceman"), "6030.00");
    assert_eq!(amount("discharged-soldier-lump-sum"), "20250.00");
    assert_eq!(report["totals"]["per_month"]["value"], "6148.00");
    assert_eq!(report["totals"]["one_off"]["value"], "20250.00");
}

#[test]
fn a_date_outside_the_plan_period_still_computes_and_warns() {
    let out = minsheng(&["eval", "--date", "2026-06-01", "docs/examples/pensioner.json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("warning: 以下为2024年度标准"), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["warnings"][0]["code"], "outside_plan_period");
    assert_eq!(report["rules_period"]["from"], "2024-01-01");
    assert_eq!(report["rules_period"]["to"], "2024-12-31");
    assert_eq!(report["totals"]["per_month"]["value"], "6148.00");

    let inside = minsheng(&["eval", "--date", "2024-06-01", "docs/examples/pensioner.json"], None);
    assert!(!text(&inside.stderr).contains("warning"), "{}", text(&inside.stderr));
    let report: serde_json::Value = serde_json::from_slice(&inside.stdout).unwrap();
    assert_eq!(report["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn eval_json_lines_one_report_per_line() {
    let input = "{\"answers\":{\"age\":66,\"pension_scheme\":\"resident\"}}\n{\"jurisdiction\":\"province\",\"answers\":{\"age\":66,\"pension_scheme\":\"resident\"}}\n";
    let out = minsheng(&["eval", "--date", "2025-03-01"], Some(input));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["jurisdiction"], "xx-district");
    assert_eq!(lines[0]["totals"]["per_month"]["value"], "118.00");
    assert_eq!(lines[1]["jurisdiction"], "province");
    assert_eq!(lines[1]["totals"]["per_month"], serde_json::json!({ "value": "118.00", "at_least": true }));
}

#[test]
fn eval_reports_bad_answers_and_keeps_the_rest() {
    let out = minsheng(&["eval", "--date", "2025-03-01"], Some("{\"answers\":{\"age\":\"abc\",\"hukou\":\"urban\"}}"));
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["answer_errors"][0]["question"], "age");
    assert!(report["shown_questions"].as_array().unwrap().contains(&serde_json::json!("hukou")));
}

#[test]
fn eval_refuses_an_unknown_jurisdiction() {
    let out = minsheng(&["eval"], Some("{\"jurisdiction\":\"atlantis\",\"answers\":{}}"));
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("unknown jurisdiction `atlantis`"));
}

#[test]
fn check_passes_on_the_real_rules() {
    let out = minsheng(&["check"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("xx-district: 51 items"));
}

#[test]
fn check_names_file_line_and_field_of_every_problem() {
    let dir = std::env::temp_dir().join(format!("minsheng-cli-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["questions.toml", "town.toml"] {
        std::fs::copy(root().join("rules").join(f), dir.join(f)).unwrap();
    }
    let town = std::fs::read_to_string(dir.join("town.toml")).unwrap();
    let broken = town.replacen("value = \"60\"", "value = \"-60\"", 1);
    assert_ne!(town, broken, "the town file has a 60 yuan pension to break");
    std::fs::write(dir.join("town.toml"), &broken).unwrap();
    let line = broken.lines().position(|l| l.contains("\"-60\"")).unwrap() + 1;
    let out = minsheng(&["check", dir.to_str().unwrap()], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains(&format!("town.toml:{line}:")), "{err}");
    assert!(err.contains("amount.value") && err.contains("negative"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn catalog_lists_every_item() {
    let out = minsheng(&["catalog", "--jurisdiction", "province", "--json"], None);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 51);
}

#[test]
fn a_version_1_request_reads_its_dibao_as_applying() {
    // Version 1 had one 低保 option, "receiving or applying", decided by income.
    let answers = r#""answers":{"age":40,"hukou":"urban","situations":["assistance"],"assistance_kind":["dibao"],"household_members":1,"household_income":"5000"}"#;
    let v1 = minsheng(&["eval"], Some(&format!("{{\"version\":1,\"date\":\"2025-03-01\",{answers}}}")));
    assert!(v1.status.success(), "{}", text(&v1.stderr));
    let v1: serde_json::Value = serde_json::from_str(&text(&v1.stdout)).unwrap();
    let status = |report: &serde_json::Value| {
        report["results"].as_array().unwrap().iter().find(|r| r["id"] == "minimum-living").unwrap()["status"].as_str().unwrap().to_owned()
    };
    assert_eq!(status(&v1), "does_not_apply");
    // Version 2's `dibao` is a certificate held: the income does not take it away.
    let v2 = minsheng(&["eval"], Some(&format!("{{\"version\":2,\"date\":\"2025-03-01\",{answers}}}")));
    let v2: serde_json::Value = serde_json::from_str(&text(&v2.stdout)).unwrap();
    assert_eq!(status(&v2), "applies");
    assert_eq!(v2["version"], 2);
}

#[test]
fn eval_a_household_example() {
    let out = minsheng(&["eval", "--date", "2024-06-01", "docs/examples/household.json"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["members"].as_array().unwrap().len(), 3);
    let dibao = report["household"].as_array().unwrap().iter().find(|r| r["id"] == "minimum-living").unwrap();
    assert_eq!(dibao["amount"]["value"], "645.00");
    assert_eq!(report["members"][2]["totals"]["per_month"]["value"], "1200.00");
    assert_eq!(report["totals"]["per_month"]["value"], "2093.00");
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

const PENSIONER: &str = "{\"answers\":{\"age\":66,\"hukou\":\"urban\",\"pension_scheme\":\"resident\"}}";

#[test]
fn eval_json_lines_reports_a_broken_line_and_evaluates_the_lines_after_it() {
    let input = format!("{PENSIONER}\n{{\"answers\": {{\"age\": 66\n\n{PENSIONER}\n{{\"answers\":{{}},\"colour\":\"red\"}}\n{PENSIONER}\n");
    let out = minsheng(&["eval", "--date", "2025-03-01"], Some(&input));
    assert!(!out.status.success(), "a broken line makes the exit status non-zero");
    assert!(text(&out.stderr).contains("2 request(s) could not be evaluated"), "{}", text(&out.stderr));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5, "one line out per request in");
    // `request` is the line number (line 3 is blank).
    assert_eq!(lines[1]["request"], 2);
    assert!(lines[1]["error"].as_str().unwrap().starts_with("not JSON: EOF while parsing"), "{}", lines[1]);
    assert_eq!(lines[3]["request"], 5);
    assert!(lines[3]["error"].as_str().unwrap().contains("unknown field `colour`"), "{}", lines[3]);
    for i in [0, 2, 4] {
        assert_eq!(lines[i]["totals"]["per_month"]["value"], "118.00", "line {i}");
    }
}

#[test]
fn eval_json_lines_with_a_broken_first_line_still_evaluates_the_rest() {
    let out = minsheng(&["eval", "--date", "2025-03-01"], Some(&format!("{{\"answers\":\n{PENSIONER}\n{PENSIONER}\n")));
    assert!(!out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["request"], 1);
    assert_eq!(lines[2]["totals"]["per_month"]["value"], "118.00");
}

#[test]
fn eval_compact_gives_only_what_applies_or_may_apply_with_amounts_and_totals() {
    let out = minsheng(&["eval", "--compact"], Some(&format!("{}\n{PENSIONER}\n", include_str!("../../../docs/examples/pensioner.json").replace('\n', ""))));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines = json_lines(&out);
    let results = lines[0]["results"].as_array().unwrap();
    let find = |id: &str| results.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("{id}"));
    assert_eq!(
        find("disabled-serviceman"),
        &serde_json::json!({ "id": "disabled-serviceman", "status": "applies", "period": "month", "amount": { "kind": "exact", "value": "6030.00" } })
    );
    assert_eq!(find("basic-pension")["amount"]["value"], "118.00");
    assert!(results.iter().all(|r| r["status"] != "does_not_apply" && r.get("reason").is_none()));
    assert_eq!(lines[0]["totals"]["per_month"]["value"], "6148.00");
    assert_eq!(lines[0]["totals"]["one_off"]["value"], "20250.00");
    // The second resident answered little: what may apply says what it waits for.
    let may = lines[1]["results"].as_array().unwrap().iter().find(|r| r["id"] == "disabled-serviceman").unwrap();
    assert_eq!(may["status"], "may_apply");
    assert!(may["missing"].as_array().unwrap().contains(&serde_json::json!("situations")));
}
