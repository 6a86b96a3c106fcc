//! The printed A4 summary for the counter: shown only by the print
//! stylesheet, built from the same words as the copied summary. For a
//! household: each member's answers and benefits, the household's benefits
//! once, one trip per office for the whole family (what may still apply
//! there too, with the answers it needs), and the share link's QR code to
//! take it home.

use minsheng_engine::explain::{period_notice, plan_period, short_label, worth_text};
use minsheng_engine::household::HouseholdEvaluation;
use minsheng_engine::{Evaluation, Lang, Outcome, Text};

use crate::dom;
use crate::state::State;
use crate::summary::{answers_in_words, by_office, household_outcomes, is_judged, is_members, is_open, member_name, members_listed, totals_line, trips};
use crate::view::markup::Markup;
use crate::view::qr::qr_svg;
use yew::Html;

pub fn print_summary(state: &State, hh: &HouseholdEvaluation) -> Html {
    let lang = state.lang;
    let j = state.jurisdiction();
    let date = state.date();
    let many = state.members.len() > 1;
    // Never interacted with: written as markup (see `markup`).
    let mut m = Markup::new();
    m.open("section class=\"print-only\" aria-hidden=\"true\"")
        .el("h2", lang.pick("民生实事待遇自查结果", "Livelihood benefits: self-check result"))
        .el("p class=\"meta\"", &match lang {
            Lang::Zh => format!("{} · {}方案 · 日期 {} · 规则版本 {}", j.name.zh, plan_period(j, lang), date, j.rules_version),
            Lang::En => format!("{} · {} plan · date {} · rules version {}", j.name.en, plan_period(j, lang), date, j.rules_version),
        });
    if let Some(n) = period_notice(j, date, lang) {
        m.el("p class=\"period-notice\"", &n);
    }
    for (i, ev) in hh.members.iter().enumerate() {
        let answers = state.answers_of(i);
        if many {
            m.el("h3 class=\"member\"", &member_name(state, i, lang, false));
        }
        m.el("h4", lang.pick("回答", "Answers")).open("dl class=\"answers\"");
        for (q, a) in answers_in_words(state, ev, &answers, lang) {
            m.el("dt", &q).el("dd", &a);
        }
        m.close("dl");
        benefits_table(&mut m, state, ev, &members_listed(state, ev));
    }
    let household = household_outcomes(hh);
    if many && !household.is_empty() {
        m.el("h3 class=\"member\"", lang.pick("全家的待遇（每户一份）", "The household's benefits (one per household)"));
        let listed: Vec<&Outcome> = household.iter().map(|(_, o)| *o).collect();
        benefits_table(&mut m, state, &hh.members[0], &listed);
    }
    m.open("p class=\"print-totals\"")
        .text(lang.pick("合计：", "Totals: "))
        .text(&totals_line(&hh.totals, lang))
        .close("p")
        .el("h3", lang.pick("按办理部门，一次办好", "One trip per office"))
        .open("ul class=\"print-trips\"");
    for (office, names) in family_trips(state, hh) {
        m.open("li")
            .el("strong", office.map(|t| t.get(lang)).unwrap_or(lang.pick("方案未写办理部门", "Office not named in the plan")))
            .text(lang.pick("：", ": "))
            .text(&minsheng_engine::text::join(&names, lang.pick("；", "; ")));
        if let Some(d) = office.and_then(|t| j.office_details(t)) {
            crate::view::results::office_details(&mut m, d, lang);
        }
        m.close("li");
    }
    m.close("ul").open("div class=\"print-qr\"");
    let link = format!("{}#{}", dom::base_url(), state.fragment());
    if qr_svg(&mut m, &link, lang.pick("分享链接的二维码", "QR code of the share link")) {
        m.el("p", lang.pick("用手机扫码，可在手机上打开这份结果（答案只在链接里）。", "Scan with a phone to open this result there (the answers are only in the link)."));
    }
    m.close("div")
        .el("p class=\"disclaimer\"", lang.pick(
            "本结果依据公开的民生实事方案计算，仅供参考，以办理部门审核为准。",
            "Worked out from the published plans; for reference only. The responsible office decides.",
        ))
        .close("section");
    m.into_html()
}

/// The table of benefits: name and item, amount, office.
fn benefits_table(m: &mut Markup, state: &State, ev: &Evaluation, listed: &[&Outcome]) {
    let lang = state.lang;
    let j = ev.jurisdiction;
    m.open("table")
        .open("thead")
        .open("tr")
        .el("th", lang.pick("符合的待遇", "Benefits that apply"))
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
    if listed.is_empty() {
        m.open("tr").el("td colspan=\"3\"", lang.pick("暂无", "None yet")).close("tr");
    }
    m.close("tbody").close("table");
}

/// One trip per office for the whole family: at each office, what to ask
/// for, by whom ("母亲：城乡居民基础养老金").
fn family_trips<'r>(state: &State, hh: &HouseholdEvaluation<'r>) -> Vec<(Option<&'r Text>, Vec<String>)> {
    let lang = state.lang;
    let many = state.members.len() > 1;
    let household = household_outcomes(hh);
    let mut lines = Vec::new();
    for (i, ev) in hh.members.iter().enumerate() {
        for (office, list) in trips(ev) {
            for o in list {
                let shared = !is_members(state, o);
                // The household's benefits once, from the member that stands for them.
                if shared && !household.iter().any(|&(m, h)| m == i && h.index == o.index) {
                    continue;
                }
                // What it waits for: the office, or answers still needed.
                let needed: Vec<String> = o.missing.iter().map(|q| short_label(state.rules.questions.get(q), lang).to_owned()).collect();
                let judged = match (is_judged(o), is_open(o)) {
                    (true, _) => lang.pick("（须审核）", " (office decides)").to_owned(),
                    (_, true) => format!("{}{}{}", lang.pick("（可能符合，还需回答：", " (may apply; still to answer: "), minsheng_engine::text::join(&needed, lang.pick("、", ", ")), lang.pick("）", ")")),
                    _ => String::new(),
                };
                let who = match (many, shared) {
                    (false, _) => String::new(),
                    (true, true) => lang.pick("全家：", "household: ").to_owned(),
                    (true, false) => format!("{}{}", member_name(state, i, lang, false), lang.pick("：", ": ")),
                };
                lines.push((office, format!("{who}{}{judged}", o.entitlement.name.get(lang))));
            }
        }
    }
    by_office(lines.into_iter())
}
