//! How long one evaluation of the district rules takes, natively.
//! The widget re-evaluates on every keystroke; the budget is 20 µs.
//!
//!     cargo bench -p minsheng-engine

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use minsheng_engine::answers::parse_input;
use minsheng_engine::load::load_dir;
use minsheng_engine::{evaluate, Answers, Date};

const BUDGET_MICROS: f64 = 20.0;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let rules = load_dir(&dir).expect("rules load");
    let j = rules.jurisdiction("xx-district").expect("district rules");
    let date = Date::new(2025, 3, 1).expect("date");
    let mut answers = Answers::new(&rules.questions);
    // A busy household: many follow-up questions shown, many rules decided.
    for (id, raw) in [
        ("age", "66"),
        ("sex", "male"),
        ("hukou", "rural"),
        ("residence", "local"),
        ("pension_scheme", "resident"),
        ("medical_insurance", "resident"),
        ("situations", "disability,military,assistance,farming"),
        ("disability_grade", "2"),
        ("disability_category", "physical"),
        ("assistance_kind", "dibao"),
        ("household_members", "3"),
        ("household_income", "900"),
        ("self_care", "partial"),
        ("military_roles", "disabled_serviceman,discharged_soldier"),
        ("serviceman_grade", "3"),
        ("serviceman_cause", "duty"),
        ("service_years", "4"),
        ("service_months", "2"),
        ("discharge_date", "2025-01-10"),
        ("crops", "rice,sows"),
    ] {
        let q = rules.questions.find(id).expect(id);
        answers.set(q, parse_input(rules.questions.get(q), raw, Some(date)).expect(raw));
    }
    let empty = Answers::new(&rules.questions);

    for (label, a) in [("a busy household", &answers), ("nothing answered", &empty)] {
        // Warm up, then take the median of several timed batches.
        for _ in 0..2_000 {
            black_box(evaluate(&rules.questions, j, date, black_box(a)));
        }
        const BATCH: u32 = 5_000;
        let mut per_eval: Vec<f64> = (0..15)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..BATCH {
                    black_box(evaluate(&rules.questions, j, date, black_box(a)));
                }
                t.elapsed().as_secs_f64() * 1e6 / f64::from(BATCH)
            })
            .collect();
        per_eval.sort_by(f64::total_cmp);
        let median = per_eval[per_eval.len() / 2];
        println!(
            "evaluate {} ({} entitlements), {label}: {median:.2} µs per answer set (median of 15 × {BATCH}; budget {BUDGET_MICROS} µs) {}",
            j.id,
            j.entitlements.len(),
            if median <= BUDGET_MICROS { "ok" } else { "OVER BUDGET" }
        );
    }
}
