//! The plain-text summary a resident copies, and the pieces the printed
//! summary shares with it: the answers in words and the totals line.

use minsheng_engine::explain::{answer_text, short_label, worth_text};
use minsheng_engine::money::format_yuan;
use minsheng_engine::rust_decimal::Decimal;
use minsheng_engine::eval::{Sum, Totals, Why};
use minsheng_engine::household::HouseholdEvaluation;
use minsheng_engine::source::Scope;
use minsheng_engine::{Answers, Evaluation, Lang, Outcome, Status, Text, Value};

use crate::state::State;

/// Benefits to ask for at each office: what applies, what only the
/// office's judgement leaves open, and what may apply once more is answered
/// (`is_open`; the screen lists those apart, the printout at their office).
/// One trip per office, in the order the benefits first appear; an office
/// the plan does not name comes last.
pub fn trips<'e, 'r>(ev: &'e Evaluation<'r>) -> Vec<(Option<&'r Text>, Vec<&'e Outcome<'r>>)> {
    let j = ev.jurisdiction;
    by_office(
        ev.outcomes
            .iter()
            .filter(|o| o.status == Status::Applies || is_judged(o) || is_open(o))
            .map(|o| (j.office_of(o.entitlement), o)),
    )
}

/// Things to do at an office, grouped by office in the order each office
/// first appears; the office the plan does not name, last.
pub fn by_office<'r, T>(items: impl Iterator<Item = (Option<&'r Text>, T)>) -> Vec<(Option<&'r Text>, Vec<T>)> {
    let mut out: Vec<(Option<&'r Text>, Vec<T>)> = Vec::new();
    for (office, item) in items {
        match out.iter_mut().find(|(name, _)| name.map(|t| &t.zh) == office.map(|t| &t.zh)) {
            Some((_, list)) => list.push(item),
            None => out.push((office, vec![item])),
        }
    }
    if let Some(i) = out.iter().position(|(office, _)| office.is_none()) {
        let unnamed = out.remove(i);
        out.push(unnamed);
    }
    out
}

/// A member's benefits for their summary and printout: what applies, in
/// card order, then what the office decides; the member's own only
/// (`is_members`).
pub fn members_listed<'e, 'r>(state: &State, ev: &'e Evaluation<'r>) -> Vec<&'e Outcome<'r>> {
    applying(ev).into_iter().chain(ev.outcomes.iter().filter(|o| is_judged(o))).filter(|o| is_members(state, o)).collect()
}

/// What applies, in the order the cards show it (`card_order`).
pub fn applying<'e, 'r>(ev: &'e Evaluation<'r>) -> Vec<&'e Outcome<'r>> {
    // Each put in its place as it comes (a few dozen at most): the
    // standard sorts would add 0.8 to 1.6 KB to what residents download.
    let mut list: Vec<&Outcome> = Vec::new();
    for o in ev.outcomes.iter().filter(|o| o.status == Status::Applies) {
        let key = card_order(o);
        let at = list.partition_point(|x| card_order(x) < key);
        list.insert(at, o);
    }
    list
}

/// Where a benefit's card goes: cash paid regularly first, the largest
/// (over a year) first; then one-off cash; then cash the plan gives no
/// figure for; then what is paid into insurance; then services; the plan's
/// order among equals.
pub fn card_order(o: &Outcome) -> (u8, std::cmp::Reverse<i64>, usize) {
    use minsheng_engine::source::{PaidAs, Period};
    let e = o.entitlement;
    let figure = o.worth.and_then(|w| w.figure());
    let rank = match (e.paid_as, e.period, figure) {
        (PaidAs::Cash, Period::Month | Period::Year, Some(_)) => 0,
        (PaidAs::Cash, Period::Once, Some(_)) => 1,
        (PaidAs::Cash, _, None) => 2,
        (PaidAs::Premium, _, _) => 3,
        (PaidAs::Service, _, _) => 4,
    };
    let per_year = match e.period {
        Period::Month => figure.map(|f| f * Decimal::from(12)),
        _ => figure,
    };
    (rank, std::cmp::Reverse(per_year.map_or(0, minsheng_engine::money::fen)), o.index)
}

/// May apply, and the answers so far point to it: more answers decide it.
/// What nothing points to yet is left out (an empty form lists nothing).
pub fn is_open(o: &Outcome) -> bool {
    o.status == Status::MayApply && o.plausible && !is_judged(o)
}

/// "May apply" with every answer given: the office's judgement is all
/// that is left (selection, assessment, approval).
pub fn is_judged(o: &Outcome) -> bool {
    o.status == Status::MayApply && matches!(o.why, Why::OfficeDecides(_))
}

/// How member `i` of the household is named: "本人", "母亲", "成员 3"
/// ("yourself", "mother", "member 3"); `in_sentence`: "您", "您母亲"
/// ("you", "your mother"), for "您母亲的结果", "Results for your mother".
pub fn member_name(state: &State, i: usize, lang: Lang, in_sentence: bool) -> String {
    // Per relation (`RELATIONS`, then unset): [male, female, either], in
    // Chinese, then in English.
    const NAMES: [[[&str; 3]; 2]; 6] = [
        [["本人"; 3], ["yourself"; 3]],
        [["配偶"; 3], ["spouse"; 3]],
        [["父亲", "母亲", "父母"], ["father", "mother", "parent"]],
        [["儿子", "女儿", "子女"], ["son", "daughter", "child"]],
        [["孙子", "孙女", "孙子女"], ["grandson", "granddaughter", "grandchild"]],
        [["成员"; 3], ["member"; 3]],
    ];
    let Some(m) = state.members.get(i) else { return String::new() };
    let sex = state.rules.questions.find("sex").and_then(|q| match m.answers.get(q) {
        Some(Value::Choice(c)) => Some(state.rules.questions.get(q).options.get(c as usize)?.id.as_ref() == "female"),
        _ => None,
    });
    // "Other" and unset are numbered.
    let relation = m.relation.map_or(5, usize::from).min(5);
    let noun = NAMES[relation][usize::from(lang == Lang::En)][sex.map_or(2, usize::from)];
    match (relation, in_sentence) {
        (5, _) => format!("{noun} {}", i + 1),
        (0, true) => lang.pick("您", "you").to_owned(),
        (_, true) => format!("{}{noun}", lang.pick("您", "your ")),
        (_, false) => noun.to_owned(),
    }
}

/// Whether an outcome is shown among a member's own results: with one
/// member, everything; in a household, the person's benefits (the
/// household's are shown once, for the household).
pub fn is_members(state: &State, o: &Outcome) -> bool {
    state.members.len() == 1 || o.entitlement.scope == Scope::Person
}

/// The cash totals of the outcomes a member's results show.
pub fn members_totals(state: &State, ev: &Evaluation) -> Totals {
    let mut t = Totals::default();
    for o in ev.outcomes.iter().filter(|o| is_members(state, o)) {
        t.count(o);
    }
    t
}

/// The household's benefits that apply or that the office decides, once,
/// each with the member whose answers give the most (an index into
/// `hh.members`).
pub fn household_outcomes<'h, 'r>(hh: &'h HouseholdEvaluation<'r>) -> Vec<(usize, &'h Outcome<'r>)> {
    hh.household
        .iter()
        .filter_map(|&(e, m)| {
            let o = hh.members.get(m)?.outcomes.get(e)?;
            (o.status == Status::Applies || is_judged(o)).then_some((m, o))
        })
        .collect()
}

/// (question, answer) in words, for every answered question the form shows.
pub fn answers_in_words(state: &State, ev: &Evaluation, answers: &Answers, lang: Lang) -> Vec<(String, String)> {
    let qs = &state.rules.questions;
    ev.shown
        .iter()
        .filter_map(|q| {
            let v = answers.get(q)?;
            let question = qs.get(q);
            Some((short_label(question, lang).to_owned(), answer_text(question, v, lang)))
        })
        .collect()
}

/// "每月 ¥6,148.00 · 每年 ¥73,776.00 · 一次性 ¥20,250.00", leaving out zeros.
pub fn totals_line(t: &Totals, lang: Lang) -> String {
    let parts = totals_parts(t, lang);
    if parts.is_empty() {
        return lang.pick("暂无可计算的现金待遇", "No cash amounts yet").to_owned();
    }
    minsheng_engine::text::join(&parts, " · ")
}

/// The non-zero totals with their names in Chinese and English, in the
/// order they are shown.
fn named_totals(t: &Totals) -> impl Iterator<Item = (Sum, &'static str, &'static str)> {
    [(t.per_month, "每月", "per month"), (t.per_year, "每年", "per year"), (t.one_off, "一次性", "one-off")]
        .into_iter()
        .filter(|(sum, _, _)| !sum.value.is_zero())
}

/// The non-zero totals, one phrase each.
pub fn totals_parts(t: &Totals, lang: Lang) -> Vec<String> {
    named_totals(t)
        .map(|(sum, zh, en)| {
            let floor = if sum.at_least { lang.pick("不少于", "at least ") } else { "" };
            format!("{}{}{floor}{}", lang.pick(zh, en), lang.pick(" ", ": "), format_yuan(sum.value))
        })
        .collect()
}

/// The first non-zero total, short enough for the results bar at 360 px:
/// "每月 ¥740.00起" rather than "每月 不少于¥740.00".
pub fn short_total(t: &Totals, lang: Lang) -> Option<String> {
    named_totals(t).next().map(|(sum, zh, en)| {
        let yuan = format_yuan(sum.value);
        match (lang, sum.at_least) {
            (Lang::Zh, false) => format!("{zh} {yuan}"),
            (Lang::Zh, true) => format!("{zh} {yuan}起"),
            (Lang::En, false) => format!("{yuan} {en}"),
            (Lang::En, true) => format!("from {yuan} {en}"),
        }
    })
}

/// The copied summary: each member's answers and benefits, the
/// household's benefits once, and the totals.
pub fn summary_text(state: &State, evs: &[Evaluation], hh: Option<&HouseholdEvaluation>) -> String {
    let lang = state.lang;
    let j = state.jurisdiction();
    let date = state.date();
    let mut out = String::new();
    out.push_str(&match lang {
        Lang::Zh => format!("民生实事待遇自查（{}，{}，规则版本 {}）\n", j.name.zh, date, j.rules_version),
        Lang::En => format!("Livelihood benefits self-check ({}, {}, rules version {})\n", j.name.en, date, j.rules_version),
    });
    if let Some(n) = minsheng_engine::explain::period_notice(j, date, lang) {
        out.push_str(&n);
        out.push('\n');
    }
    for (i, ev) in evs.iter().enumerate() {
        if hh.is_some() {
            out.push_str(&format!("\n【{}】\n", member_name(state, i, lang, false)));
        }
        out.push_str(lang.pick("\n回答：\n", "\nAnswers:\n"));
        for (q, a) in answers_in_words(state, ev, &state.answers_of(i), lang) {
            out.push_str(&format!("- {q}{}{a}\n", lang.pick("：", ": ")));
        }
        benefits_text(&mut out, state, &members_listed(state, ev));
        let open = ev.outcomes.iter().filter(|o| is_open(o) && is_members(state, o)).count();
        if open > 0 {
            out.push_str(&match lang {
                Lang::Zh => format!("另有 {open} 项可能符合，需补充回答。\n"),
                Lang::En => format!("{open} more may apply once more questions are answered.\n"),
            });
        }
    }
    let totals = match hh {
        Some(hh) => {
            out.push_str(lang.pick("\n【全家】\n", "\n[The household]\n"));
            let listed: Vec<&Outcome> = household_outcomes(hh).into_iter().map(|(_, o)| o).collect();
            benefits_text(&mut out, state, &listed);
            &hh.totals
        }
        None => &evs[0].totals,
    };
    out.push_str(&format!("\n{}{}\n", lang.pick("合计：", "Totals: "), totals_line(totals, lang)));
    out.push_str(lang.pick(
        "\n本结果依据公开的民生实事方案计算，仅供参考，以办理部门审核为准。\n",
        "\nWorked out from the published plans; for reference only. The responsible office decides.\n",
    ));
    out
}

/// Benefits as numbered lines: amount, item and office; "须审核" for what
/// the office decides.
fn benefits_text(out: &mut String, state: &State, listed: &[&Outcome]) {
    let lang = state.lang;
    let j = state.jurisdiction();
    out.push_str(lang.pick("符合的待遇：\n", "Benefits that apply:\n"));
    for (n, o) in listed.iter().enumerate() {
        let e = o.entitlement;
        let mut amount = o.worth.map(|w| worth_text(e, w, lang)).unwrap_or_default();
        if is_judged(o) {
            let decides = match o.why {
                Why::OfficeDecides(c) => minsheng_engine::explain::decides_text(c, lang),
                _ => "",
            };
            amount = format!("{}{amount}（{decides}）", lang.pick("须审核，如获批 ", "for the office to decide, if granted "));
        }
        let office = j.office_of(e).map(|t| t.get(lang)).unwrap_or("");
        let item = &j.items[e.item].number;
        out.push_str(&match lang {
            Lang::Zh => format!("{}. {}：{amount}（第{item}项；办理：{office}）\n", n + 1, e.name.zh),
            Lang::En => format!("{}. {}: {amount} (item {item}; apply at: {office})\n", n + 1, e.name.en),
        });
    }
    if listed.is_empty() {
        out.push_str(lang.pick("（暂无）\n", "(none yet)\n"));
    }
}

#[cfg(test)]
mod tests {
    use minsheng_engine::{evaluate, Date};

    use super::*;
    use crate::rules::rules;
    use crate::state::Action;

    #[test]
    fn summary_lists_answers_benefits_offices_and_totals() {
        let rules = rules().expect("embedded rules read back");
        let today = Date::new(2025, 6, 1).unwrap();
        let mut s = State::new(rules, Lang::Zh, today);
        for (id, raw) in [("age", "66"), ("hukou", "urban"), ("pension_scheme", "resident")] {
            let q = rules.questions.find(id).unwrap();
            s = s.apply(Action::Input { q, raw: raw.into() });
        }
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers());
        let text = summary_text(&s, &[ev], None);
        assert!(text.contains("年龄：66周岁"), "{text}");
        assert!(text.contains("城乡居民基础养老金：¥118.00 元/月"), "{text}");
        assert!(text.contains("办理：区人社局"), "{text}");
        assert!(text.contains("每月 ¥118.00"), "{text}");
        assert!(text.contains("规则版本 2024.3"), "{text}");
    }

    #[test]
    fn a_households_summary_names_each_member_and_counts_the_household_once() {
        // The three generations of tests/cases/household/three-generations.toml.
        let rules = rules().expect("embedded rules read back");
        let today = Date::new(2024, 6, 1).unwrap();
        let mut s = State::new(rules, Lang::Zh, today);
        let answer = |s: &State, id: &str, raw: &str| s.apply(Action::Input { q: rules.questions.find(id).unwrap(), raw: raw.into() });
        for (id, raw) in [
            ("age", "72"), ("sex", "female"), ("hukou", "rural"), ("residence", "local"), ("pension_scheme", "resident"),
            ("medical_insurance", "resident"), ("situations", "assistance"), ("assistance_kind", "dibao"),
            ("household_members", "3"), ("household_income", "900"), ("self_care", "full"),
        ] {
            s = answer(&s, id, raw);
        }
        s = s.apply(Action::AddMember).apply(Action::Relation("child".into()));
        for (id, raw) in [
            ("age", "40"), ("sex", "male"), ("pension_scheme", "resident"), ("medical_insurance", "resident"), ("situations", "disability"),
            ("disability_grade", "1"), ("disability_category", "physical"), ("self_care", "full"),
        ] {
            s = answer(&s, id, raw);
        }
        s = s.apply(Action::AddMember).apply(Action::Relation("grandchild".into()));
        for (id, raw) in [("age", "9"), ("sex", "female"), ("medical_insurance", "resident"), ("situations", "child_without_carers"), ("child_status", "scattered_orphan")] {
            s = answer(&s, id, raw);
        }
        let hh = s.household();
        let text = summary_text(&s, &hh.members, Some(&hh));
        for part in ["【本人】", "【儿子】", "【孙女】", "【全家】", "城乡居民基础养老金：¥118.00 元/月", "孤儿和事实无人抚养儿童基本生活费：¥1,200.00 元/月", "合计：每月 ¥2,093.00"] {
            assert!(text.contains(part), "{part} in {text}");
        }
        // 低保 once, under the household, not under each member.
        assert_eq!(text.matches("最低生活保障").count(), 1, "{text}");
        assert_eq!(member_name(&s, 0, Lang::En, true), "you");
        assert_eq!(member_name(&s, 1, Lang::En, true), "your son");
        assert_eq!(member_name(&s, 2, Lang::Zh, true), "您孙女");
    }

    #[test]
    fn the_results_bar_total_is_short_and_marks_a_floor() {
        let rules = rules().expect("embedded rules read back");
        let today = Date::new(2025, 6, 1).unwrap();
        let mut s = State::new(rules, Lang::Zh, today);
        let question = |id: &str| rules.questions.find(id).unwrap();
        for (id, raw) in [("age", "50"), ("hukou", "rural")] {
            s = s.apply(Action::Input { q: question(id), raw: raw.into() });
        }
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers());
        assert_eq!(short_total(&ev.totals, Lang::Zh), None);
        let situations = question("situations");
        let assistance = rules.questions.get(situations).option_index("assistance").unwrap();
        s = s.apply(Action::Toggle { q: situations, option: assistance, on: true });
        let kind = question("assistance_kind");
        let tekun = rules.questions.get(kind).option_index("tekun").unwrap();
        s = s.apply(Action::Toggle { q: kind, option: tekun, on: true });
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers());
        // 670 support and 70 care, both "at least" until self-care is answered.
        assert_eq!(short_total(&ev.totals, Lang::Zh).as_deref(), Some("每月 ¥740.00起"));
        assert_eq!(short_total(&ev.totals, Lang::En).as_deref(), Some("from ¥740.00 per month"));
        s = s.apply(Action::Input { q: question("self_care"), raw: "none".into() });
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers());
        assert_eq!(short_total(&ev.totals, Lang::Zh).as_deref(), Some("每月 ¥2,195.00"));
    }
}
