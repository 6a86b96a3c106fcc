//! How long one evaluation of the district rules takes, natively.
//! The widget re-evaluates on every keystroke; the budget is 20 µs, and
//! 100 µs with "what changes next" (`next::next_changes`). Over budget, the
//! bench fails.
//!
//!     cargo bench -p minsheng-engine

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use minsheng_engine::answers::parse_input;
use minsheng_engine::load::load_dir;
use minsheng_engine::next::next_changes;
use minsheng_engine::{evaluate, Answers, Date};

const BUDGET_MICROS: f64 = 20.0;
const WITH_HINTS_BUDGET_MICROS: f64 = 100.0;

/// Median microseconds per call of `f`, over 15 timed batches after a warm-up.
fn median_micros(batch: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..batch / 2 {
        f();
    }
    let mut per_call: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(batch)
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[per_call.len() / 2]
}

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
        ("assistance_kind", "dibao_applying"),
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

    let mut over = false;
    for (label, a) in [("a busy household", &answers), ("nothing answered", &empty)] {
        const BATCH: u32 = 5_000;
        let median = median_micros(BATCH, || {
            black_box(evaluate(&rules.questions, j, date, black_box(a)));
        });
        over |= median > BUDGET_MICROS;
        println!(
            "evaluate {} ({} entitlements), {label}: {median:.2} µs per answer set (median of 15 × {BATCH}; budget {BUDGET_MICROS} µs) {}",
            j.id,
            j.entitlements.len(),
            if median <= BUDGET_MICROS { "ok" } else { "OVER BUDGET" }
        );
        let with_hints = median_micros(500, || {
            let ev = evaluate(&rules.questions, j, date, black_box(a));
            black_box(next_changes(&rules.questions, j, date, a, &ev));
        });
        over |= with_hints > WITH_HINTS_BUDGET_MICROS;
        println!(
            "evaluate with what changes next, {label}: {with_hints:.2} µs (budget {WITH_HINTS_BUDGET_MICROS} µs) {}",
            if with_hints <= WITH_HINTS_BUDGET_MICROS { "ok" } else { "OVER BUDGET" }
        );
    }
    if over {
        std::process::exit(1);
    }
}
