//! The plain-text summary a resident copies, and the pieces the printed
//! summary shares with it: the answers in words and the totals line.

use minsheng_engine::explain::{answer_text, short_label, worth_text};
use minsheng_engine::money::format_yuan;
use minsheng_engine::rust_decimal::Decimal;
use minsheng_engine::eval::Sum;
use minsheng_engine::eval::Why;
use minsheng_engine::{Evaluation, Lang, Outcome, Status, Text};

use crate::state::State;

/// Benefits to ask for at each office: what applies, and what only the
/// office's judgement leaves open. One trip per office, in the order the
/// benefits first appear; an office the plan does not name comes last.
pub fn trips<'e, 'r>(ev: &'e Evaluation<'r>) -> Vec<(Option<&'r Text>, Vec<&'e Outcome<'r>>)> {
    let mut out: Vec<(Option<&'r Text>, Vec<&'e Outcome<'r>>)> = Vec::new();
    let j = ev.jurisdiction;
    for o in ev.outcomes.iter().filter(|o| o.status == Status::Applies || is_judged(o)) {
        let office = j.office_of(o.entitlement);
        match out.iter_mut().find(|(name, _)| name.map(|t| &t.zh) == office.map(|t| &t.zh)) {
            Some((_, list)) => list.push(o),
            None => out.push((office, vec![o])),
        }
    }
    // The office the plan does not name, last.
    if let Some(i) = out.iter().position(|(office, _)| office.is_none()) {
        let unnamed = out.remove(i);
        out.push(unnamed);
    }
    out
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

/// (question, answer) in words, for every answered question the form shows.
pub fn answers_in_words(state: &State, ev: &Evaluation, lang: Lang) -> Vec<(String, String)> {
    let qs = &state.rules.questions;
    ev.shown
        .iter()
        .filter_map(|q| {
            let v = state.answers.get(q)?;
            let question = qs.get(q);
            Some((short_label(question, lang).to_owned(), answer_text(question, v, lang)))
        })
        .collect()
}

/// "每月 ¥6,148.00 · 每年 ¥73,776.00 · 一次性 ¥20,250.00", leaving out zeros.
pub fn totals_line(ev: &Evaluation, lang: Lang) -> String {
    let parts = totals_parts(ev, lang);
    if parts.is_empty() {
        return lang.pick("暂无可计算的现金待遇", "No cash amounts yet").to_owned();
    }
    minsheng_engine::text::join(&parts, " · ")
}

/// The non-zero totals with their names in Chinese and English, in the
/// order they are shown.
fn named_totals(ev: &Evaluation) -> impl Iterator<Item = (Sum, &'static str, &'static str)> {
    let t = &ev.totals;
    [(t.per_month, "每月", "per month"), (t.per_year, "每年", "per year"), (t.one_off, "一次性", "one-off")]
        .into_iter()
        .filter(|(sum, _, _)| !sum.value.is_zero())
}

/// The non-zero totals, one phrase each.
pub fn totals_parts(ev: &Evaluation, lang: Lang) -> Vec<String> {
    named_totals(ev)
        .map(|(sum, zh, en)| {
            let floor = if sum.at_least { lang.pick("不少于", "at least ") } else { "" };
            format!("{}{}{floor}{}", lang.pick(zh, en), lang.pick(" ", ": "), format_yuan(sum.value))
        })
        .collect()
}

/// The first non-zero total, short enough for the results bar at 360 px:
/// "每月 ¥740.00起" rather than "每月 不少于¥740.00".
pub fn short_total(ev: &Evaluation, lang: Lang) -> Option<String> {
    named_totals(ev).next().map(|(sum, zh, en)| {
        let yuan = format_yuan(sum.value);
        match (lang, sum.at_least) {
            (Lang::Zh, false) => format!("{zh} {yuan}"),
            (Lang::Zh, true) => format!("{zh} {yuan}起"),
            (Lang::En, false) => format!("{yuan} {en}"),
            (Lang::En, true) => format!("from {yuan} {en}"),
        }
    })
}

pub fn summary_text(state: &State, ev: &Evaluation) -> String {
    let lang = state.lang;
    let j = state.jurisdiction();
    let mut out = String::new();
    out.push_str(&match lang {
        Lang::Zh => format!("民生实事待遇自查（{}，{}，规则版本 {}）\n", j.name.zh, ev.date, j.rules_version),
        Lang::En => format!("Livelihood benefits self-check ({}, {}, rules version {})\n", j.name.en, ev.date, j.rules_version),
    });
    if let Some(n) = minsheng_engine::explain::period_notice(j, ev.date, lang) {
        out.push_str(&n);
        out.push('\n');
    }
    out.push_str(lang.pick("\n您的回答：\n", "\nYour answers:\n"));
    for (q, a) in answers_in_words(state, ev, lang) {
        out.push_str(&format!("- {q}{}{a}\n", lang.pick("：", ": ")));
    }
    out.push_str(lang.pick("\n符合的待遇：\n", "\nBenefits that apply:\n"));
    let mut n = 0;
    for o in applying(ev) {
        n += 1;
        let e = o.entitlement;
        let amount = o.worth.map(|w| worth_text(e, w, lang)).unwrap_or_default();
        let office = j.office_of(e).map(|t| t.get(lang)).unwrap_or("");
        let item = &j.items[e.item].number;
        out.push_str(&match lang {
            Lang::Zh => format!("{n}. {}：{amount}（第{item}项；办理：{office}）\n", e.name.zh),
            Lang::En => format!("{n}. {}: {amount} (item {item}; apply at: {office})\n", e.name.en),
        });
    }
    if n == 0 {
        out.push_str(lang.pick("（暂无）\n", "(none yet)\n"));
    }
    let judged: Vec<&Outcome> = ev.outcomes.iter().filter(|o| is_judged(o)).collect();
    if !judged.is_empty() {
        out.push_str(lang.pick("\n须由办理部门审核确定：\n", "\nFor the office to decide:\n"));
        for o in &judged {
            let e = o.entitlement;
            let amount = o.worth.map(|w| format!("{}{}", lang.pick("如获批 ", "if granted "), worth_text(e, w, lang))).unwrap_or_default();
            let decides = match o.why {
                Why::OfficeDecides(c) => minsheng_engine::explain::decides_text(c, lang),
                _ => "",
            };
            out.push_str(&match lang {
                Lang::Zh => format!("- {}：{amount}（{decides}）\n", e.name.zh),
                Lang::En => format!("- {}: {amount} ({decides})\n", e.name.en),
            });
        }
    }
    out.push_str(&format!("\n{}{}\n", lang.pick("合计：", "Totals: "), totals_line(ev, lang)));
    let open = ev.outcomes.iter().filter(|o| is_open(o)).count();
    if open > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!("另有 {open} 项可能符合，需补充回答。\n"),
            Lang::En => format!("{open} more may apply once more questions are answered.\n"),
        });
    }
    out.push_str(lang.pick(
        "\n本结果依据公开的民生实事方案计算，仅供参考，以办理部门审核为准。\n",
        "\nWorked out from the published plans; for reference only. The responsible office decides.\n",
    ));
    out
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
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers);
        let text = summary_text(&s, &ev);
        assert!(text.contains("年龄：66周岁"), "{text}");
        assert!(text.contains("城乡居民基础养老金：¥118.00 元/月"), "{text}");
        assert!(text.contains("办理：区人社局"), "{text}");
        assert!(text.contains("每月 ¥118.00"), "{text}");
        assert!(text.contains("规则版本 2024.3"), "{text}");
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
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers);
        assert_eq!(short_total(&ev, Lang::Zh), None);
        let situations = question("situations");
        let assistance = rules.questions.get(situations).option_index("assistance").unwrap();
        s = s.apply(Action::Toggle { q: situations, option: assistance, on: true });
        let kind = question("assistance_kind");
        let tekun = rules.questions.get(kind).option_index("tekun").unwrap();
        s = s.apply(Action::Toggle { q: kind, option: tekun, on: true });
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers);
        // 670 support and 70 care, both "at least" until self-care is answered.
        assert_eq!(short_total(&ev, Lang::Zh).as_deref(), Some("每月 ¥740.00起"));
        assert_eq!(short_total(&ev, Lang::En).as_deref(), Some("from ¥740.00 per month"));
        s = s.apply(Action::Input { q: question("self_care"), raw: "none".into() });
        let ev = evaluate(&rules.questions, s.jurisdiction(), today, &s.answers);
        assert_eq!(short_total(&ev, Lang::Zh).as_deref(), Some("每月 ¥2,195.00"));
    }
}
