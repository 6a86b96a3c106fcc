//! Live results: totals on top, then what applies, what may apply and
//! (folded away) what does not, each with its reason, the plan's own words
//! and the office to apply at.

use minsheng_engine::explain::{reason, short_label, worth_text};
use minsheng_engine::source::{PaidAs, Scope};
use minsheng_engine::{Evaluation, Lang, Outcome, Status};
use yew::prelude::*;

use crate::state::State;
use crate::summary::{totals_line, totals_parts};

pub fn results(state: &State, ev: &Evaluation) -> Html {
    let lang = state.lang;
    let by = |s: Status| ev.outcomes.iter().filter(move |o| o.status == s);
    let applies: Vec<&Outcome> = by(Status::Applies).collect();
    let may: Vec<&Outcome> = by(Status::MayApply).collect();
    let not: Vec<&Outcome> = by(Status::DoesNotApply).collect();
    let count_line = match (lang, state.care) {
        (Lang::Zh, false) => format!("符合 {} 项，可能符合 {} 项", applies.len(), may.len()),
        (Lang::Zh, true) => format!("您可以领 {} 项，还有 {} 项要再问几句", applies.len(), may.len()),
        (Lang::En, false) => format!("{} apply, {} may apply", applies.len(), may.len()),
        (Lang::En, true) => format!("You can get {}; {} more need a few answers", applies.len(), may.len()),
    };
    let totals = totals_parts(ev, lang);
    let set_locally = (ev.totals.set_locally > 0).then(|| {
        html! { <p class="totals-note">{ match lang {
            Lang::Zh => format!("另有 {} 项现金待遇的标准由当地制定，未计入合计。", ev.totals.set_locally),
            Lang::En => format!("{} more cash benefits have locally set amounts, not included above.", ev.totals.set_locally),
        } }</p> }
    });
    html! {
        <section class="results" id="results" aria-labelledby="results-title">
            <h2 id="results-title">{ if state.care { lang.pick("您可以领什么", "What you can get") } else { lang.pick("您的结果", "Your results") } }</h2>
            <div class="totals" role="status" aria-live="polite" aria-atomic="true">
                <p class="count">{ count_line }</p>
                <p class="sum" data-testid="totals">
                    if totals.is_empty() {
                        { totals_line(ev, lang) }
                    } else {
                        { for totals.into_iter().map(|p| html! { <span>{ p }</span> }) }
                    }
                </p>
                { set_locally }
            </div>
            if state.answers.is_empty() {
                <p class="empty">{ match lang {
                    Lang::Zh => format!("回答问题后，这里会列出您能享受的待遇。{}共有 {} 项个人待遇。", ev.jurisdiction.name.zh, ev.outcomes.len()),
                    Lang::En => format!("Answer the questions and the benefits you can get appear here. {} has {} personal benefits.", ev.jurisdiction.name.en, ev.outcomes.len()),
                } }</p>
            } else if applies.is_empty() && may.is_empty() {
                <p class="empty">{ lang.pick("按目前的回答，暂无符合的项目。", "Nothing applies on the answers so far.") }</p>
            }
            { for applies.iter().map(|o| card(state, ev, o)) }
            if !may.is_empty() && !state.answers.is_empty() {
                <h3 class="group-title">{ if state.care {
                    lang.pick("可能可以领：请再回答几个问题", "You might get these: answer a few more questions")
                } else {
                    lang.pick("可能符合：再回答几个问题即可知道", "May apply: answer a little more to know")
                } }</h3>
                // One line each: what it is and which answer settles it. The
                // full card (reason, quote, office) appears once it applies.
                <ul class="may-list">
                    { for may.iter().map(|o| may_line(state, ev, o)) }
                </ul>
            }
            if !not.is_empty() {
                <details class="not-for-you">
                    <summary>{ match (lang, state.care) {
                        (Lang::Zh, false) => format!("不适用于您的项目（{}）", not.len()),
                        (Lang::Zh, true) => format!("您领不了的项目（{}）", not.len()),
                        (Lang::En, _) => format!("Not for you ({})", not.len()),
                    } }</summary>
                    <ul>
                        { for not.iter().map(|o| html! {
                            <li data-id={o.entitlement.id.clone()}>
                                <strong>{ o.entitlement.name.get(lang) }</strong>
                                <span>{ reason(o, ev, &state.rules.questions, &state.answers, lang) }</span>
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    }
}

fn may_line(state: &State, ev: &Evaluation, o: &Outcome) -> Html {
    let lang = state.lang;
    html! {
        <li class="may" data-id={o.entitlement.id.to_string()}>
            <strong>{ o.entitlement.name.get(lang) }</strong>
            { ask_links(state, ev, o) }
        </li>
    }
}

/// "Answer: 年龄 残疾等级" with links that move to those questions.
fn ask_links(state: &State, ev: &Evaluation, o: &Outcome) -> Html {
    let lang = state.lang;
    let links = o.missing.iter().filter(|q| ev.shown.contains(q)).map(|&q| {
        let question = state.rules.questions.get(q);
        let id = question.id.clone();
        html! { <a href={format!("#q-{}", question.id)} class="ask-link"
            onclick={Callback::from(move |e: MouseEvent| {
                // Move without touching the fragment, which holds the answers.
                e.prevent_default();
                crate::dom::focus_question(&id);
            })}>{ short_label(question, lang) }</a> }
    });
    html! { <span class="ask">{ lang.pick("请回答：", "Answer: ") }{ for links }</span> }
}

/// The full card of a benefit that applies: amount, reason, the plan's
/// sentence and the office.
fn card(state: &State, ev: &Evaluation, o: &Outcome) -> Html {
    let lang = state.lang;
    let e = o.entitlement;
    let j = ev.jurisdiction;
    let item = &j.items[e.item];
    let badge = if state.care { lang.pick("可以领", "You can get this") } else { lang.pick("符合", "Applies") };
    let amount = o.worth.map(|w| {
        let scope = match (e.scope, lang) {
            (Scope::Person, Lang::Zh) => "个人",
            (Scope::Household, Lang::Zh) => "全户",
            (Scope::Person, Lang::En) => "per person",
            (Scope::Household, Lang::En) => "per household",
        };
        let kind = match (e.paid_as, lang) {
            (PaidAs::Cash, _) => None,
            (PaidAs::Premium, Lang::Zh) => Some("不发现金，用于缴纳保险"),
            (PaidAs::Premium, Lang::En) => Some("not cash: paid into insurance"),
            (PaidAs::Service, Lang::Zh) => Some("服务或实物，不发现金"),
            (PaidAs::Service, Lang::En) => Some("a service, not cash"),
        };
        let figure_class = if w.figure().is_some() { "figure" } else { "figure in-kind" };
        html! {
            <p class="amount">
                <span class={figure_class}>{ worth_text(e, w, lang) }</span>
                <span class="scope">{ " · " }{ scope }{ kind.map(|k| format!(" · {k}")) }</span>
            </p>
        }
    });
    let office = j.office_of(e).map(|t| html! {
        <p class="office"><span class="label">{ if state.care { lang.pick("去这里办：", "Go to: ") } else { lang.pick("办理部门：", "Apply at: ") } }</span>{ t.get(lang) }</p>
    });
    let note = e.note.as_ref().map(|n| html! {
        <details class="note"><summary>{ lang.pick("说明", "Note") }</summary><p>{ n.get(lang) }</p></details>
    });
    html! {
        <article class="card applies" data-id={e.id.clone()}>
            <header>
                <h3>{ e.name.get(lang) }</h3>
                <span class="badge">{ badge }</span>
            </header>
            { amount }
            <p class="reason">{ reason(o, ev, &state.rules.questions, &state.answers, lang) }</p>
            <blockquote class="quote" lang="zh-CN">
                <span class="cite">{ match lang {
                    Lang::Zh => format!("方案第{}项：", item.number),
                    Lang::En => format!("Plan item {} (original text): ", item.number),
                } }</span>
                { format!("“{}”", e.quote) }
            </blockquote>
            { office }
            { note }
        </article>
    }
}
