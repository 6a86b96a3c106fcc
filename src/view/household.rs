//! The household: who is in it (the member tabs above the form) and what
//! it gets together (totals, each member's, and the household's benefits
//! once, above the results of the member shown).

use minsheng_engine::household::{HouseholdEvaluation, MAX_MEMBERS, RELATIONS};
use minsheng_engine::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, State};
use crate::summary::{household_outcomes, member_name, members_totals, short_total, totals_line};
use crate::view::markup::Markup;
use crate::view::results::write_card;
use crate::view::{slot, Dispatch};

/// The member tabs, "add a member", and for a member after the first their
/// relation and a way to remove them.
pub fn members_bar(state: &State, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    let many = state.members.len() > 1;
    let tabs = state.members.iter().enumerate().map(|(i, _)| {
        let d = dispatch.clone();
        html! {
            <button type="button" class="switch member-tab" aria-pressed={(i == state.current).to_string()}
                onclick={move |_| d.dispatch(Action::ShowMember(i))}>{ member_name(state, i, lang, false) }</button>
        }
    });
    let add = (state.members.len() < MAX_MEMBERS).then(|| {
        let d = dispatch.clone();
        html! {
            <button type="button" class="secondary" onclick={move |_| d.dispatch(Action::AddMember)}>
                { lang.pick("＋ 添加家庭成员", "+ Add a household member") }
            </button>
        }
    });
    let relation = (state.current > 0).then(|| {
        let chosen = state.member().relation;
        let onchange = {
            let d = dispatch.clone();
            Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                d.dispatch(Action::Relation(input.value()));
            })
        };
        let names = [("配偶", "Spouse"), ("父母", "Parent"), ("子女", "Child"), ("孙子女", "Grandchild"), ("其他", "Other")];
        let who = member_name(state, state.current, lang, true);
        let remove = dispatch.clone();
        html! {
            <>
                <fieldset class="field" id="q-relation" {onchange}>
                    <legend>{ lang.pick("这位家庭成员是您的", "This member is your") }</legend>
                    <div class="options" data-layout="chips">
                        { for RELATIONS.iter().enumerate().skip(1).zip(names).map(|((i, id), (zh, en))| {
                            let checked = chosen == Some(i as u8);
                            html! {
                                <label class="option" data-checked={checked.then_some("")} for={format!("relation-{id}")}>
                                    <input type="radio" name="relation" id={format!("relation-{id}")} value={*id} {checked} />
                                    <span>{ lang.pick(zh, en) }</span>
                                </label>
                            }
                        }) }
                    </div>
                </fieldset>
                <p class="hint member-hint">{ match lang {
                    Lang::Zh => format!("以下问题请按{who}的情况回答；全家共用的问题在“本人”中回答。"),
                    Lang::En => format!("Answer below for {who}; what the household shares is answered under “yourself”."),
                } }</p>
                <button type="button" class="link member-remove" onclick={move |_| remove.dispatch(Action::RemoveMember)}>
                    { lang.pick("删除这位成员", "Remove this member") }
                </button>
            </>
        }
    });
    html! {
        <div class="members" role="group" aria-label={lang.pick("家庭成员", "Household members")}>
            <div class="member-tabs">
                if many { { for tabs } }
                { slot(add) }
            </div>
            { slot(relation) }
        </div>
    }
}

/// The household's results: its totals, each member's (a tap shows that
/// member), and the household's own benefits once.
pub fn household_results(state: &State, hh: &HouseholdEvaluation, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    let n = state.members.len();
    let members = hh.members.iter().enumerate().map(|(i, ev)| {
        let d = dispatch.clone();
        let total = short_total(&members_totals(state, ev), lang).unwrap_or_else(|| lang.pick("暂无现金待遇", "no cash yet").to_owned());
        html! {
            <li>
                <button type="button" class="link" aria-pressed={(i == state.current).to_string()}
                    onclick={move |_| d.dispatch(Action::ShowMember(i))}>{ member_name(state, i, lang, false) }</button>
                <span>{ total }</span>
            </li>
        }
    });
    let mut m = Markup::new();
    let shared = household_outcomes(hh);
    if !shared.is_empty() {
        m.el("h3 class=\"group-title\"", lang.pick("全家的待遇（每户一份）", "The household's benefits (one per household)"));
        for (i, o) in shared {
            write_card(&mut m, state, &hh.members[i], &state.answers_of(i), o, &[]);
        }
    }
    html! {
        <section class="household" id="household" aria-labelledby="household-title">
            <h2 id="household-title">{ match lang {
                Lang::Zh => format!("全家 {n} 人的结果"),
                Lang::En => format!("Your household ({n} people)"),
            } }</h2>
            <p class="sum" data-testid="household-totals">{ totals_line(&hh.totals, lang) }</p>
            <ul class="member-list">{ for members }</ul>
            { m.into_html() }
        </section>
    }
}
