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

/// The real rules packed, once.
fn packed() -> &'static [u8] {
    static BYTES: OnceLock<&'static [u8]> = OnceLock::new();
    BYTES.get_or_init(|| Box::leak(minsheng_engine::packed::pack(rules()).into_boxed_slice()))
}

/// Where the model's numbers start in the packed bytes, after the header
/// (LEB128: the number of text pools, then each pool's length) and the pools:
/// damage there changes indices rather than text.
fn body_start(bytes: &[u8]) -> usize {
    let mut pos = 0;
    let mut uint = || {
        let (mut v, mut shift) = (0usize, 0);
        while let Some(&b) = bytes.get(pos) {
            pos += 1;
            v |= usize::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        v
    };
    let pools = uint();
    let text: usize = (0..pools).map(|_| uint()).sum();
    pos + text
}

const QUESTIONS_TEXT: &str = include_str!("../../../rules/questions.toml");
const TOWN_TEXT: &str = include_str!("../../../rules/town.toml");

/// Pieces of rule text a mutation splices in: ids, kinds, numbers at the
/// edges of their types, and TOML punctuation.
const PIECES: &[&str] = &[
    "\"", "=", "[", "]", "{", "}", ",", "\n", " ", "0", "-1", "64", "65", "9223372036854775807", "-9223372036854775808", "1.5",
    "\"none\"", "\"age\"", "\"v\"", "\"a.b\"", "\"\"", "kind = \"table\"", "kind = \"lookup\"", "kind = \"fixd\"", "min = ", "max = ",
    "applies = ", "any = [", "office_decides = ", "[[entitlement]]", "[entitlement.amount]", "id = \"x\"", "q = \"age\"", "，", "元",
];

/// Evaluates and reports every jurisdiction with no answers and with some.
fn evaluate_all(rules: &Rules) {
    let none = Answers::new(&rules.questions);
    let mut some = Answers::new(&rules.questions);
    for (qid, q) in rules.questions.all() {
        some.set(qid, value_for(q, 7 + qid.0 as u64 * 13));
    }
    for j in rules.jurisdictions.iter() {
        for a in [&none, &some] {
            let ev = evaluate(&rules.questions, j, date(), a);
            let _ = minsheng_engine::report::report(rules, &ev, a, &[]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Damaged packed rules: an error, or rules that evaluate and report
    /// without a panic.
    #[test]
    fn unpack_of_mutated_bytes_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..6), 1..4)) {
        let mut bytes = packed().to_vec();
        let body = body_start(&bytes);
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                break;
            }
            // Mostly in the model's numbers, where a change is an index.
            let at = if how < 4 && body < bytes.len() { body + at % (bytes.len() - body) } else { at % bytes.len() };
            let how = how % 4;
            match how {
                // A small change keeps a one-byte number one byte long.
                0 => bytes[at] ^= (byte & 0x3f) | 1,
                1 => bytes[at] = byte,
                2 => { bytes.remove(at); }
                _ => bytes.insert(at, byte),
            }
        }
        let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        if let Ok(rules) = minsheng_engine::packed::unpack(leaked) {
            evaluate_all(&rules);
        }
    }

    /// Damaged rule text: loaded or refused, never a panic; what loads
    /// packs, reads back and evaluates.
    #[test]
    fn load_texts_of_mutated_rules_never_panics(
        edits in proptest::collection::vec((any::<bool>(), any::<usize>(), 0usize..40, any::<usize>()), 1..5)
    ) {
        let mut texts = [QUESTIONS_TEXT.to_owned(), TOWN_TEXT.to_owned()];
        for (which, at, cut, piece) in edits {
            let text = &mut texts[usize::from(which)];
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, PIECES[piece % PIECES.len()]);
        }
        let [questions, town] = texts;
        let files = vec![("rules/questions.toml".to_owned(), questions), ("rules/town.toml".to_owned(), town)];
        if let Ok(rules) = minsheng_engine::load::load_texts(&files) {
            let bytes: &'static [u8] = Box::leak(minsheng_engine::packed::pack(&rules).into_boxed_slice());
            let back = minsheng_engine::packed::unpack(bytes);
            prop_assert!(back.is_ok(), "checked rules must read back: {:?}", back.err());
            evaluate_all(&rules);
        }
    }

    /// Input shaped like numbers, amounts, dates and option lists, in every
    /// question: an answer or a message, never a panic.
    #[test]
    fn parse_input_of_answer_like_text_never_panics(raw in "[-+0-9.,，。０-９:/ a-z_]{0,24}") {
        for (_, q) in rules().questions.all() {
            let _ = parse_input(q, &raw, Some(date()));
            let _ = parse_input(q, &raw, None);
        }
    }
}
