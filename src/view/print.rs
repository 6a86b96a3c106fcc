//! The printed A4 summary for the counter: shown only by the print
//! stylesheet, built from the same words as the copied summary.

use minsheng_engine::explain::worth_text;
use minsheng_engine::{Evaluation, Lang, Status};
use yew::Html;

use crate::state::State;
use crate::summary::{answers_in_words, totals_line};
use crate::view::markup::Markup;

pub fn print_summary(state: &State, ev: &Evaluation) -> Html {
    let lang = state.lang;
    let j = state.jurisdiction();
    let applies = ev.outcomes.iter().filter(|o| o.status == Status::Applies);
    // Never interacted with: written as markup (see `markup`).
    let mut m = Markup::new();
    m.open("section class=\"print-only\" aria-hidden=\"true\"")
        .el("h2", lang.pick("民生实事待遇自查结果", "Livelihood benefits: self-check result"))
        .el("p class=\"meta\"", &match lang {
            Lang::Zh => format!("{} · 日期 {} · 规则版本 {}", j.name.zh, ev.date, j.rules_version),
            Lang::En => format!("{} · date {} · rules version {}", j.name.en, ev.date, j.rules_version),
        })
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
    for o in applies {
        let e = o.entitlement;
        let name = match lang {
            Lang::Zh => format!("{}（第{}项）", e.name.zh, j.items[e.item].number),
            Lang::En => format!("{} (item {})", e.name.en, j.items[e.item].number),
        };
        m.open("tr")
            .el("td", &name)
            .el("td", &o.worth.map(|w| worth_text(e, w, lang)).unwrap_or_default())
            .el("td", j.office_of(e).map(|t| t.get(lang)).unwrap_or(""))
            .close("tr");
    }
    m.close("tbody")
        .close("table")
        .open("p class=\"print-totals\"")
        .text(lang.pick("合计：", "Totals: "))
        .text(&totals_line(ev, lang))
        .close("p")
        .el("p class=\"disclaimer\"", lang.pick(
            "本结果依据公开的民生实事方案计算，仅供参考，以办理部门审核为准。",
            "Worked out from the published plans; for reference only. The responsible office decides.",
        ))
        .close("section");
    m.into_html()
}
