//! "May apply" lists only what the answers so far point to.
//!
//! An empty form points to nothing; age 72 alone points to the benefits of
//! older residents whose other conditions are still open, not to a
//! graduates' programme or a discharged soldier's lump sum; a status the
//! office still has to judge always counts.

use minsheng_engine::answers::Value;
use minsheng_engine::load::load_dir;
use minsheng_engine::{evaluate, Answers, Date, Rules, Status};

fn rules() -> Rules {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    load_dir(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn plausible(rules: &Rules, answers: &Answers) -> Vec<String> {
    let j = rules.jurisdictions.iter().find(|j| j.id == "xx-district").unwrap();
    let ev = evaluate(&rules.questions, j, Date::new(2024, 6, 1).unwrap(), answers);
    ev.outcomes.iter().filter(|o| o.status == Status::MayApply && o.plausible).map(|o| o.entitlement.id.to_string()).collect()
}

fn set(rules: &Rules, a: &mut Answers, q: &str, v: Value) {
    a.set(rules.questions.find(q).unwrap(), Some(v));
}

fn flags(rules: &Rules, q: &str, ids: &[&str]) -> Value {
    let question = rules.questions.get(rules.questions.find(q).unwrap());
    Value::Flags(ids.iter().fold(0u64, |b, id| b | 1 << question.option_index(id).unwrap()))
}

#[test]
fn an_empty_form_points_to_nothing() {
    let rules = rules();
    assert_eq!(plausible(&rules, &Answers::new(&rules.questions)), Vec::<String>::new());
}

#[test]
fn age_72_alone_points_to_older_residents_benefits_only() {
    let rules = rules();
    let mut a = Answers::new(&rules.questions);
    set(&rules, &mut a, "age", Value::Int(72));
    let list = plausible(&rules, &a);
    assert!(list.contains(&"basic-pension".to_string()), "{list:?}");
    for not in ["three-supports-subsidy", "discharged-soldier-lump-sum", "disabled-serviceman", "orphan-living-allowance", "minimum-living"] {
        assert!(!list.contains(&not.to_string()), "{not} in {list:?}");
    }
    assert!(list.len() <= 10, "{} plausible for age 72 alone: {list:?}", list.len());
}

#[test]
fn a_ticked_situation_points_to_its_benefits() {
    let rules = rules();
    let mut a = Answers::new(&rules.questions);
    set(&rules, &mut a, "situations", flags(&rules, "situations", &["military"]));
    let list = plausible(&rules, &a);
    assert!(list.contains(&"discharged-soldier-lump-sum".to_string()), "{list:?}");
    assert!(!list.contains(&"basic-pension".to_string()), "{list:?}");
}

