//! Properties over random answers: evaluation never panics, never gives a
//! negative amount, and the lump sum never falls when service time rises.

use std::path::Path;
use std::sync::OnceLock;

use minsheng_engine::answers::parse_input;
use minsheng_engine::eval::{Detail, Why};
use minsheng_engine::load::load_dir;
use minsheng_engine::model::Question;
use minsheng_engine::source::QuestionKind;
use minsheng_engine::{evaluate, Answers, Date, Rules, Status, Value, Worth};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")).expect("rules load"))
}

fn date() -> Date {
    Date::new(2025, 3, 1).unwrap()
}

/// A random value that a question could legitimately hold, or none.
fn value_for(q: &Question, seed: u64) -> Option<Value> {
    if seed.is_multiple_of(5) {
        return None;
    }
    let n = seed / 5;
    Some(match q.kind {
        QuestionKind::Integer => Value::Int(q.min + (n % (q.max - q.min + 1) as u64) as i64),
        QuestionKind::Money => Value::Money(Decimal::new((n % 2_000_000) as i64, 2)),
        QuestionKind::Choice => Value::Choice((n % q.options.len() as u64) as u8),
        QuestionKind::Flags => Value::Flags(n & ((1u64 << q.options.len()) - 1)),
        QuestionKind::Date => Value::Date(Date::from_days_since_epoch(18_000 + (n % 2_000) as i64).unwrap()),
    })
}

fn answers_from(seeds: &[u64]) -> Answers {
    let rules = rules();
    let mut a = Answers::new(&rules.questions);
    for ((qid, q), seed) in rules.questions.all().zip(seeds.iter().cycle()) {
        a.set(qid, value_for(q, *seed));
    }
    a
}

fn lump_sum(j: &str, years: i64, months: i64) -> Decimal {
    let rules = rules();
    let mut a = Answers::new(&rules.questions);
    let set = |a: &mut Answers, id: &str, raw: &str| {
        let q = rules.questions.find(id).unwrap();
        a.set(q, parse_input(rules.questions.get(q), raw, Some(date())).unwrap());
    };
    set(&mut a, "situations", "military");
    set(&mut a, "military_roles", "discharged_soldier");
    set(&mut a, "discharge_date", "2025-01-10");
    set(&mut a, "service_years", &years.to_string());
    set(&mut a, "service_months", &months.to_string());
    let ev = evaluate(&rules.questions, rules.jurisdiction(j).unwrap(), date(), &a);
    let o = ev.outcomes.iter().find(|o| o.entitlement.id == "discharged-soldier-lump-sum").unwrap();
    match (o.status, o.worth) {
        (Status::Applies, Some(Worth::Exact(d))) => d,
        _ => Decimal::ZERO,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_panic_and_no_negative_amount(seeds in proptest::collection::vec(any::<u64>(), 1..40)) {
        let rules = rules();
        let a = answers_from(&seeds);
        for j in rules.jurisdictions.iter() {
            let ev = evaluate(&rules.questions, j, date(), &a);
            for o in &ev.outcomes {
                if let Some(figure) = o.worth.and_then(Worth::figure) {
                    prop_assert!(figure >= Decimal::ZERO, "{} in {}: {figure}", o.entitlement.id, j.id);
                }
                // Open questions mean "may apply", or "applies" at a floor
                // that the answers would make exact.
                // Open questions mean "may apply", or "applies" at a floor (or
                // as certified) that the answers would make exact; with none
                // open, "may apply" is the office's judgement.
                if o.status == Status::MayApply {
                    prop_assert!(!o.missing.is_empty() || matches!(o.why, Why::OfficeDecides(_)), "{}", o.entitlement.id);
                } else if !o.missing.is_empty() {
                    prop_assert!(
                        o.status == Status::Applies && matches!((o.worth, o.detail), (Some(Worth::AtLeast(_)), _) | (Some(Worth::SetLocally { .. }), Detail::Certified)),
                        "{}", o.entitlement.id
                    );
                }
                if o.status == Status::Applies {
                    prop_assert!(o.worth.is_some());
                }
                if o.status == Status::DoesNotApply {
                    prop_assert!(o.worth.is_none());
                }
            }
            prop_assert!(ev.totals.per_month.value >= Decimal::ZERO);
            prop_assert!(ev.totals.per_year.value >= ev.totals.per_month.value);
            prop_assert!(ev.totals.one_off.value >= Decimal::ZERO);
            // Words for every outcome, in both languages, without panicking.
            let report = minsheng_engine::report::report(rules, &ev, &a, &[]);
            prop_assert_eq!(report.results.len(), j.entitlements.len());
        }
    }

    #[test]
    fn lump_sum_never_falls_when_service_rises(y in 0i64..=49, m in 0i64..=11) {
        let now = lump_sum("xx-district", y, m);
        let one_more_month = if m == 11 { lump_sum("xx-district", y + 1, 0) } else { lump_sum("xx-district", y, m + 1) };
        let one_more_year = lump_sum("xx-district", y + 1, m);
        prop_assert!(one_more_month >= now, "{y}y{m}m: {now} > {one_more_month}");
        prop_assert!(one_more_year > now || (y == 0 && m == 0 && one_more_year > Decimal::ZERO));
    }

    #[test]
    fn typed_input_never_panics(raw in "\\PC{0,12}") {
        let rules = rules();
        for (_, q) in rules.questions.all() {
            let _ = parse_input(q, &raw, Some(date()));
        }
    }
}
