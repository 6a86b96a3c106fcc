//! The printed A4 summary for the counter: shown only by the print
//! stylesheet, built from the same words as the copied summary.

use minsheng_engine::explain::worth_text;
use minsheng_engine::{Evaluation, Lang, Status};
use yew::prelude::*;

use crate::state::State;
use crate::summary::{answers_in_words, totals_line};

pub fn print_summary(state: &State, ev: &Evaluation) -> Html {
    let lang = state.lang;
    let j = state.jurisdiction();
    let applies = ev.outcomes.iter().filter(|o| o.status == Status::Applies);
    html! {
        <section class="print-only" aria-hidden="true">
            <h2>{ lang.pick("民生实事待遇自查结果", "Livelihood benefits: self-check result") }</h2>
            <p class="meta">{ match lang {
                Lang::Zh => format!("{} · 日期 {} · 规则版本 {}", j.name.zh, ev.date, j.rules_version),
                Lang::En => format!("{} · date {} · rules version {}", j.name.en, ev.date, j.rules_version),
            } }</p>
            <h3>{ lang.pick("回答", "Answers") }</h3>
            <dl class="answers">
                { for answers_in_words(state, ev, lang).into_iter().map(|(q, a)| html! { <><dt>{ q }</dt><dd>{ a }</dd></> }) }
            </dl>
            <h3>{ lang.pick("符合的待遇", "Benefits that apply") }</h3>
            <table>
                <thead><tr>
                    <th>{ lang.pick("项目", "Benefit") }</th>
                    <th>{ lang.pick("金额", "Amount") }</th>
                    <th>{ lang.pick("办理部门", "Apply at") }</th>
                </tr></thead>
                <tbody>
                    { for applies.map(|o| {
                        let e = o.entitlement;
                        html! { <tr>
                            <td>{ match lang {
                                Lang::Zh => format!("{}（第{}项）", e.name.zh, j.items[e.item].number),
                                Lang::En => format!("{} (item {})", e.name.en, j.items[e.item].number),
                            } }</td>
                            <td>{ o.worth.map(|w| worth_text(e, w, lang)) }</td>
                            <td>{ j.office_of(e).map(|t| t.get(lang).to_owned()) }</td>
                        </tr> }
                    }) }
                </tbody>
            </table>
            <p class="print-totals">{ lang.pick("合计：", "Totals: ") }{ totals_line(ev, lang) }</p>
            <p class="disclaimer">{ lang.pick(
                "本结果依据公开的民生实事方案计算，仅供参考，以办理部门审核为准。",
                "Worked out from the published plans; for reference only. The responsible office decides."
            ) }</p>
        </section>
    }
}
