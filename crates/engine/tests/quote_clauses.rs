//! A card's quote folds to the clauses that give the resident's amount.

use minsheng_engine::explain::applying_clauses;
use minsheng_engine::load::load_dir;
use minsheng_engine::{evaluate, Answers, Date, Rules, Status};

fn rules() -> Rules {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    load_dir(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn answers(rules: &Rules, given: &[(&str, &str)]) -> Answers {
    let mut a = Answers::new(&rules.questions);
    for (q, raw) in given {
        let qid = rules.questions.find(q).unwrap();
        let v = minsheng_engine::parse_input(rules.questions.get(qid), raw, None).unwrap();
        a.set(qid, v);
    }
    a
}

fn clauses(rules: &Rules, id: &str, given: &[(&str, &str)]) -> Vec<String> {
    let j = rules.jurisdictions.iter().find(|j| j.id == "xx-district").unwrap();
    let ev = evaluate(&rules.questions, j, Date::new(2024, 12, 1).unwrap(), &answers(rules, given));
    let o = ev.outcomes.iter().find(|o| o.entitlement.id == id).unwrap();
    assert_eq!(o.status, Status::Applies, "{id}");
    applying_clauses(o).into_iter().map(|r| o.entitlement.quote[r].to_string()).collect()
}

#[test]
fn the_disabled_servicemans_cell_is_the_one_clause() {
    let rules = rules();
    let got = clauses(&rules, "disabled-serviceman", &[
        ("situations", "military"), ("military_roles", "disabled_serviceman"), ("serviceman_grade", "3"), ("serviceman_cause", "duty"),
    ]);
    assert_eq!(got, ["因公三级每人每月6030元"]);
}

#[test]
fn the_pension_names_its_base_and_the_supplement_added() {
    let rules = rules();
    let got = clauses(&rules, "basic-pension", &[("age", "72"), ("pension_scheme", "resident")]);
    assert_eq!(got, ["达到115元", "对65周岁至79周岁之间的参保人员基础养老金每人每月再增加3元"]);
}

#[test]
fn the_rise_is_not_the_figure() {
    let rules = rules();
    // "提高30元，达到580元": only the clause with the standard paid.
    let got = clauses(&rules, "resident-medical-insurance-subsidy", &[("medical_insurance", "resident")]);
    assert_eq!(got, ["达到580元"]);
}
