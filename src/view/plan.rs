//! The whole plan: every item of the jurisdiction, grouped by area, with a
//! text search over titles, benefits, the plan's sentences and offices —
//! public works and services open to all included.
//!
//! Each benefit shows the sentence of the plan it rests on. Items' full texts
//! are not shipped: they would cost the widget a fifth more weight.

use minsheng_engine::source::ItemKind;
use minsheng_engine::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, State};
use crate::view::Dispatch;

pub fn plan(state: &State, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    let j = state.jurisdiction();
    // ASCII case folding is enough for the English titles; Chinese has no case.
    let needle = state.search.trim().to_ascii_lowercase();
    let matches = |it: &minsheng_engine::model::Item| {
        needle.is_empty()
            || it.number == needle
            || it.title.zh.contains(&needle)
            || it.title.en.to_ascii_lowercase().contains(&needle)
            || it.entitlements.iter().any(|&e| {
                let e = &j.entitlements[e];
                e.quote.contains(&needle) || e.name.zh.contains(&needle) || e.name.en.to_ascii_lowercase().contains(&needle)
            })
            || it.office.as_ref().is_some_and(|o| o.zh.contains(&needle) || o.en.to_ascii_lowercase().contains(&needle))
    };
    let shown = j.items.iter().filter(|it| matches(it)).count();
    let oninput = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Search(input.value()));
        })
    };
    let kind_label = |k: ItemKind| match (k, lang) {
        (ItemKind::Entitlement, Lang::Zh) => "个人待遇",
        (ItemKind::Service, Lang::Zh) => "公共服务",
        (ItemKind::PublicWorks, Lang::Zh) => "工程建设",
        (ItemKind::Entitlement, Lang::En) => "Personal benefit",
        (ItemKind::Service, Lang::En) => "Service for all",
        (ItemKind::PublicWorks, Lang::En) => "Public works",
    };
    let kind_class = |k: ItemKind| match k {
        ItemKind::Entitlement => "entitlement",
        ItemKind::Service => "service",
        ItemKind::PublicWorks => "works",
    };
    html! {
        <section class="plan" aria-labelledby="plan-title">
            <h2 id="plan-title">{ j.plan.get(lang) }</h2>
            <div class="field search">
                <label for="plan-search">{ lang.pick("搜索实事", "Search the plan") }</label>
                <input id="plan-search" type="search" value={state.search.clone()} {oninput}
                    placeholder={lang.pick("如：养老、残疾、低保", "e.g. pension, disability")} />
            </div>
            <p class="count" role="status" aria-live="polite">{ match lang {
                Lang::Zh => format!("共 {} 项，显示 {} 项", j.items.len(), shown),
                Lang::En => format!("{} items, {} shown", j.items.len(), shown),
            } }</p>
            { for j.areas.iter().enumerate().map(|(ai, area)| {
                let items: Vec<_> = j.items.iter().filter(|it| it.area == ai && matches(it)).collect();
                if items.is_empty() {
                    return html! {};
                }
                html! {
                    <section class="area">
                        <h3>{ area.label.get(lang) }</h3>
                        { for items.into_iter().map(|it| html! {
                            <article class="item" data-number={it.number.clone()}>
                                <h4><span class="number">{ format!("{}.", it.number) }</span>{ " " }{ it.title.get(lang) }</h4>
                                <p class="meta">
                                    <span class="kind" data-kind={kind_class(it.kind)}>{ kind_label(it.kind) }</span>
                                    { it.office.as_ref().map(|o| html! { <span class="office">{ o.get(lang) }</span> }) }
                                </p>
                                if !it.entitlements.is_empty() {
                                    <ul class="benefits">
                                        { for it.entitlements.iter().map(|&e| {
                                            let e = &j.entitlements[e];
                                            html! {
                                                <li>{ e.name.get(lang) }{ "：" }<q lang="zh-CN">{ e.quote.clone() }</q></li>
                                            }
                                        }) }
                                    </ul>
                                }
                            </article>
                        }) }
                    </section>
                }
            }) }
        </section>
    }
}
