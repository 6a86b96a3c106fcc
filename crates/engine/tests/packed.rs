//! The packed form the widget embeds reads back as the rules it was made
//! from, and damaged bytes give an error, never a panic.

use std::borrow::Cow;
use std::path::Path;

use minsheng_engine::load::load_dir;
use minsheng_engine::packed::{pack, unpack};
use minsheng_engine::Rules;

fn rules() -> Rules {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")).expect("rules load")
}

fn packed() -> &'static [u8] {
    Box::leak(pack(&rules()).into_boxed_slice())
}

#[test]
fn reads_back_everything_but_what_the_widget_does_not_show() {
    let mut expected = rules();
    for j in expected.jurisdictions.to_mut() {
        for item in j.items.to_mut() {
            item.text = Cow::Borrowed("");
            item.title = minsheng_engine::Text::new("", "");
        }
        for area in j.areas.to_mut() {
            area.label = minsheng_engine::Text::new("", "");
        }
        for e in j.entitlements.to_mut() {
            if let Some(note) = &mut e.note {
                note.en = Cow::Borrowed("");
            }
            fn wording(c: &mut minsheng_engine::model::Condition) {
                if let Some(says) = &mut c.says {
                    says.en = Cow::Borrowed("");
                }
                if let Some(decides) = &mut c.decides {
                    decides.en = Cow::Borrowed("");
                }
                if let minsheng_engine::model::Test::Any(list) = &mut c.test {
                    list.to_mut().iter_mut().for_each(wording);
                }
            }
            e.when.to_mut().iter_mut().for_each(wording);
            if let minsheng_engine::model::Amount::SetLocally { basis: Some(b), .. } = &mut e.amount {
                b.en = Cow::Borrowed("");
            }
        }
    }
    let unpacked = unpack(packed()).expect("unpacks");
    assert_eq!(format!("{unpacked:?}"), format!("{expected:?}"));
    // Spot checks, so a Debug format that hid fields could not pass this.
    let district = unpacked.jurisdiction("xx-district").expect("district");
    assert_eq!(district.items.len(), 51);
    assert!(district.entitlements.iter().any(|e| e.quote.contains("元")));
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = packed();
    for len in (0..bytes.len()).step_by(97) {
        let cut: &'static [u8] = &bytes[..len];
        assert!(unpack(cut).is_err(), "{len} of {} bytes unpacked", bytes.len());
    }
}

#[test]
fn damaged_bytes_never_panic() {
    let bytes = packed();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        // xorshift: reproducible damage without a dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut copy = bytes.to_vec();
        let at = (state as usize) % copy.len();
        copy[at] ^= (state >> 32) as u8 | 1;
        let leaked: &'static [u8] = Box::leak(copy.into_boxed_slice());
        let _ = unpack(leaked);
    }
}

use minsheng_engine::model::{Amount, Condition, QuestionId, QuestionSet, Test};

/// Packs the real rules after `tamper` has changed one index, and expects
/// `unpack` to refuse them: an index out of range must be an error when
/// reading, never a panic later in evaluation.
fn refused_after(what: &str, tamper: impl FnOnce(&mut Rules)) {
    let mut rules = rules();
    tamper(&mut rules);
    let bytes: &'static [u8] = Box::leak(pack(&rules).into_boxed_slice());
    assert!(unpack(bytes).is_err(), "{what}: tampered rules unpacked");
}

/// The first condition (depth first) of any entitlement whose test matches.
fn first_condition(rules: &mut Rules, pick: impl Fn(&Test) -> bool + Copy) -> &mut Condition {
    fn walk(list: &mut [Condition], pick: impl Fn(&Test) -> bool + Copy) -> Option<&mut Condition> {
        for c in list {
            if pick(&c.test) {
                return Some(c);
            }
            if let Test::Any(inner) = &mut c.test {
                if let Some(found) = walk(inner.to_mut(), pick) {
                    return Some(found);
                }
            }
        }
        None
    }
    // Conditions of entitlements, of their supplements and certifications.
    let mut lists: Vec<&mut [Condition]> = Vec::new();
    for j in rules.jurisdictions.to_mut() {
        for e in j.entitlements.to_mut() {
            lists.push(e.when.to_mut());
            match &mut e.amount {
                Amount::Fixed { plus, .. } => plus.to_mut().iter_mut().for_each(|p| lists.push(p.when.to_mut())),
                Amount::MinimumLivingGap { certified, .. } => lists.push(certified.to_mut()),
                _ => {}
            }
        }
    }
    lists.into_iter().find_map(|l| walk(l, pick)).expect("a condition of that kind in the real rules")
}

fn first_amount(rules: &mut Rules, pick: impl Fn(&Amount) -> bool) -> &mut Amount {
    rules
        .jurisdictions
        .to_mut()
        .iter_mut()
        .flat_map(|j| j.entitlements.to_mut().iter_mut())
        .map(|e| &mut e.amount)
        .find(|a| pick(a))
        .expect("an amount of that kind in the real rules")
}

fn district(rules: &mut Rules) -> &mut minsheng_engine::Jurisdiction {
    rules.jurisdictions.to_mut().iter_mut().find(|j| j.id == "xx-district").unwrap()
}

const FAR: QuestionId = QuestionId(999);

#[test]
fn every_index_out_of_range_is_refused() {
    // Questions read by conditions.
    refused_after("int range question", |r| {
        if let Test::IntRange { q, .. } = &mut first_condition(r, |t| matches!(t, Test::IntRange { .. })).test {
            *q = FAR;
        }
    });
    // The real rules test no money answer by range: put one in.
    refused_after("money range question", |r| {
        first_condition(r, |t| matches!(t, Test::IntRange { .. })).test = Test::MoneyRange { q: FAR, min: None, max: None };
    });
    refused_after("money range on an integer question", |r| {
        let c = first_condition(r, |t| matches!(t, Test::IntRange { .. }));
        if let Test::IntRange { q, .. } = c.test {
            c.test = Test::MoneyRange { q, min: None, max: None };
        }
    });
    refused_after("one-of question", |r| {
        if let Test::OneOf { q, .. } = &mut first_condition(r, |t| matches!(t, Test::OneOf { .. })).test {
            *q = FAR;
        }
    });
    refused_after("has question", |r| {
        if let Test::Has { q, .. } = &mut first_condition(r, |t| matches!(t, Test::Has { .. })).test {
            *q = FAR;
        }
    });
    refused_after("date question", |r| {
        if let Test::DateRange { q, .. } = &mut first_condition(r, |t| matches!(t, Test::DateRange { .. })).test {
            *q = FAR;
        }
    });
    // Option bits.
    refused_after("one-of option bit", |r| {
        if let Test::OneOf { options, .. } = &mut first_condition(r, |t| matches!(t, Test::OneOf { .. })).test {
            *options |= 1 << 63;
        }
    });
    refused_after("has option", |r| {
        if let Test::Has { option, .. } = &mut first_condition(r, |t| matches!(t, Test::Has { .. })).test {
            *option = 63;
        }
    });
    refused_after("has option beyond 64", |r| {
        if let Test::Has { option, .. } = &mut first_condition(r, |t| matches!(t, Test::Has { .. })).test {
            *option = 200;
        }
    });
    // Entitlements named by conditions, exclusions, items and the order.
    refused_after("applies", |r| {
        if let Test::Applies { entitlement } = &mut first_condition(r, |t| matches!(t, Test::Applies { .. })).test {
            *entitlement = 999;
        }
    });
    refused_after("excluded_by", |r| {
        let e = district(r).entitlements.to_mut().iter_mut().find(|e| !e.excluded_by.is_empty()).expect("an exclusion");
        e.excluded_by.to_mut()[0] = 999;
    });
    refused_after("item's entitlements", |r| district(r).items.to_mut().iter_mut().find(|i| !i.entitlements.is_empty()).unwrap().entitlements.to_mut()[0] = 999);
    refused_after("order", |r| district(r).order.to_mut()[0] = 999);
    refused_after("order repeats", |r| {
        let order = district(r).order.to_mut();
        order[1] = order[0];
    });
    refused_after("order puts a dependency after", |r| {
        let j = district(r);
        let dependent = j.entitlements.iter().position(|e| !e.excluded_by.is_empty()).unwrap();
        let order = j.order.to_mut();
        order.retain(|&i| i != dependent);
        order.insert(0, dependent);
    });
    // Items and areas.
    refused_after("entitlement's item", |r| district(r).entitlements.to_mut()[0].item = 999);
    refused_after("item's area", |r| district(r).items.to_mut()[0].area = 999);
    // Questions of amounts.
    refused_after("lookup by", |r| {
        if let Amount::Lookup { by, .. } = first_amount(r, |a| matches!(a, Amount::Lookup { .. })) {
            *by = FAR;
        }
    });
    refused_after("lookup values", |r| {
        if let Amount::Lookup { values, .. } = first_amount(r, |a| matches!(a, Amount::Lookup { .. })) {
            values.to_mut().pop();
        }
    });
    refused_after("table row", |r| {
        if let Amount::Table { row, .. } = first_amount(r, |a| matches!(a, Amount::Table { .. })) {
            *row = FAR;
        }
    });
    refused_after("table column", |r| {
        if let Amount::Table { column, .. } = first_amount(r, |a| matches!(a, Amount::Table { .. })) {
            *column = FAR;
        }
    });
    refused_after("table cells", |r| {
        if let Amount::Table { cells, .. } = first_amount(r, |a| matches!(a, Amount::Table { .. })) {
            cells.to_mut()[0].to_mut().pop();
        }
    });
    refused_after("table columns", |r| {
        if let Amount::Table { cells, .. } = first_amount(r, |a| matches!(a, Amount::Table { .. })) {
            cells.to_mut().pop();
        }
    });
    refused_after("table row_min", |r| {
        if let Amount::Table { row_min, .. } = first_amount(r, |a| matches!(a, Amount::Table { .. })) {
            *row_min -= 1;
        }
    });
    refused_after("service years", |r| {
        if let Amount::PerServiceYear { years, .. } = first_amount(r, |a| matches!(a, Amount::PerServiceYear { .. })) {
            *years = FAR;
        }
    });
    refused_after("service months", |r| {
        if let Amount::PerServiceYear { months, .. } = first_amount(r, |a| matches!(a, Amount::PerServiceYear { months: Some(_), .. })) {
            *months = Some(FAR);
        }
    });
    refused_after("gap by", |r| {
        if let Amount::MinimumLivingGap { by, .. } = first_amount(r, |a| matches!(a, Amount::MinimumLivingGap { .. })) {
            *by = FAR;
        }
    });
    refused_after("gap members", |r| {
        if let Amount::MinimumLivingGap { members, .. } = first_amount(r, |a| matches!(a, Amount::MinimumLivingGap { .. })) {
            *members = FAR;
        }
    });
    refused_after("gap income", |r| {
        if let Amount::MinimumLivingGap { income, .. } = first_amount(r, |a| matches!(a, Amount::MinimumLivingGap { .. })) {
            *income = FAR;
        }
    });
    refused_after("gap standard", |r| {
        if let Amount::MinimumLivingGap { standard, .. } = first_amount(r, |a| matches!(a, Amount::MinimumLivingGap { .. })) {
            standard.to_mut().pop();
        }
    });
    refused_after("rise per option", |r| {
        let e = district(r).entitlements.to_mut().iter_mut().find(|e| e.rise.len() > 1).expect("a rise per option");
        e.rise.to_mut().pop();
    });
    // Questions: ask_when only on earlier questions; the set of used questions.
    refused_after("ask_when on a later question", |r| {
        let list = r.questions.list.to_mut();
        let (i, q) = list.iter_mut().enumerate().find(|(_, q)| !q.ask_when.is_empty()).unwrap();
        let c = &mut q.ask_when.to_mut()[0];
        c.test = Test::IntRange { q: QuestionId(i as u16), min: None, max: None };
    });
    refused_after("uses", |r| district(r).uses = QuestionSet::from_bits(u64::MAX));
    refused_after("question range", |r| {
        let q = r.questions.list.to_mut().iter_mut().find(|q| q.min < q.max).unwrap();
        std::mem::swap(&mut q.min, &mut q.max);
    });
    refused_after("65 options", |r| {
        let q = r.questions.list.to_mut().iter_mut().find(|q| !q.options.is_empty()).unwrap();
        let first = q.options[0].clone();
        q.options.to_mut().resize(65, first);
    });
    refused_after("33 supplements", |r| {
        if let Amount::Fixed { plus, .. } = first_amount(r, |a| matches!(a, Amount::Fixed { plus, .. } if !plus.is_empty())) {
            let first = plus[0].clone();
            plus.to_mut().resize(33, first);
        }
    });
}
