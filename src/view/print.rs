//! The printed A4 summary for the counter: shown only by the print
//! stylesheet, built from the same words as the copied summary.

use minsheng_engine::explain::{period_notice, plan_period, worth_text};
use minsheng_engine::{Evaluation, Lang};
use yew::Html;

use crate::state::State;
use crate::summary::{answers_in_words, applying, is_judged, totals_line, trips};
use crate::view::markup::Markup;

pub fn print_summary(state: &State, ev: &Evaluation) -> Html {
    let lang = state.lang;
    let j = state.jurisdiction();
    let judged = ev.outcomes.iter().filter(|o| is_judged(o));
    let listed = applying(ev).into_iter().chain(judged);
    // Never interacted with: written as markup (see `markup`).
    let mut m = Markup::new();
    m.open("section class=\"print-only\" aria-hidden=\"true\"")
        .el("h2", lang.pick("民生实事待遇自查结果", "Livelihood benefits: self-check result"))
        .el("p class=\"meta\"", &match lang {
            Lang::Zh => format!("{} · {}方案 · 日期 {} · 规则版本 {}", j.name.zh, plan_period(j, lang), ev.date, j.rules_version),
            Lang::En => format!("{} · {} plan · date {} · rules version {}", j.name.en, plan_period(j, lang), ev.date, j.rules_version),
        });
    if let Some(n) = period_notice(j, ev.date, lang) {
        m.el("p class=\"period-notice\"", &n);
    }
    m
        .el("h3", lang.pick("回答", "Answers"))
        .open("dl class=\"answers\"");
    for (q, a) in answers_in_words(state, ev, lang) {
        m.el("dt", &q).el("dd", &a);
    }
    m.close("dl")
        .el("h3", lang.pick("符合的待遇", "Benefits that apply"))
        .open("table")
        .open("thead")
        .open("tr")
        .el("th", lang.pick("项目", "Benefit"))
        .el("th", lang.pick("金额", "Amount"))
        .el("th", lang.pick("办理部门", "Apply at"))
        .close("tr")
        .close("thead")
        .open("tbody");
    for o in listed {
        let e = o.entitlement;
        let judged = if is_judged(o) { lang.pick("（须审核）", " (office decides)") } else { "" };
        let name = match lang {
            Lang::Zh => format!("{}（第{}项）{judged}", e.name.zh, j.items[e.item].number),
            Lang::En => format!("{} (item {}){judged}", e.name.en, j.items[e.item].number),
        };
        let if_granted = if is_judged(o) { lang.pick("如获批：", "if granted: ") } else { "" };
        m.open("tr")
            .el("td", &name)
            .el("td", &o.worth.map(|w| format!("{if_granted}{}", worth_text(e, w, lang))).unwrap_or_default())
            .el("td", j.office_of(e).map(|t| t.get(lang)).unwrap_or(""))
            .close("tr");
    }
    m.close("tbody")
        .close("table")
        .open("p class=\"print-totals\"")
        .text(lang.pick("合计：", "Totals: "))
        .text(&totals_line(ev, lang))
        .close("p")
        .el("h3", lang.pick("按办理部门，一次办好", "One trip per office"))
        .open("ul class=\"print-trips\"");
    for (office, list) in trips(ev) {
        let names: Vec<String> = list.iter().map(|o| o.entitlement.name.get(lang).to_owned()).collect();
        m.open("li")
            .el("strong", office.map(|t| t.get(lang)).unwrap_or(lang.pick("方案未写办理部门", "Office not named in the plan")))
            .text(lang.pick("：", ": "))
            .text(&minsheng_engine::text::join(&names, lang.pick("、", "; ")));
        if let Some(d) = office.and_then(|t| j.office_details(t)) {
            crate::view::results::office_details(&mut m, d, lang);
        }
        m.close("li");
    }
    m.close("ul")
        .el("p class=\"disclaimer\"", lang.pick(
            "本结果依据公开的民生实事方案计算，仅供参考，以办理部门审核为准。",
            "Worked out from the published plans; for reference only. The responsible office decides.",
        ))
        .close("section");
    m.into_html()
}
