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
use crate::view::markup::Markup;
use crate::view::Dispatch;

pub fn plan(state: &State, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    let j = state.jurisdiction();
    // ASCII case folding is enough for the English titles; Chinese has no case.
    let needle = state.search.trim().to_ascii_lowercase();
    let has = |text: &str| contains(text, &needle);
    let has_folded = |text: &str| contains(&text.to_ascii_lowercase(), &needle);
    let matches = |it: &minsheng_engine::model::Item| {
        needle.is_empty()
            || it.number == needle
            || has(&it.title.zh)
            || has_folded(&it.title.en)
            || it.entitlements.iter().any(|&e| {
                let e = &j.entitlements[e];
                has(&e.quote) || has(&e.name.zh) || has_folded(&e.name.en)
            })
            || it.office.as_ref().is_some_and(|o| has(&o.zh) || has_folded(&o.en))
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
    // The items are only read: written as markup (see `markup`).
    let mut m = Markup::new();
    for (ai, area) in j.areas.iter().enumerate() {
        let mut items = j.items.iter().filter(|it| it.area == ai && matches(it)).peekable();
        if items.peek().is_none() {
            continue;
        }
        m.open("section class=\"area\"").el("h3", area.label.get(lang));
        for it in items {
            m.open_with("article class=\"item\"", "data-number", &it.number)
                .open("h4")
                .el("span class=\"number\"", &format!("{}.", it.number))
                .text(" ")
                .text(it.title.get(lang))
                .close("h4")
                .open("p class=\"meta\"")
                .open_with("span class=\"kind\"", "data-kind", kind_class(it.kind))
                .text(kind_label(it.kind))
                .close("span");
            if let Some(o) = &it.office {
                m.el("span class=\"office\"", o.get(lang));
            }
            m.close("p");
            if !it.entitlements.is_empty() {
                m.open("ul class=\"benefits\"");
                for &e in it.entitlements.iter() {
                    let e = &j.entitlements[e];
                    m.open("li").text(e.name.get(lang)).text(lang.pick("：", ": ")).el("q lang=\"zh-CN\"", &e.quote).close("li");
                }
                m.close("ul");
            }
            m.close("article");
        }
        m.close("section");
    }
    let items = m.into_html();
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
            { items }
        </section>
    }
}

/// Whether `needle` occurs in `text`. A plain scan: the standard library's
/// substring search is far faster on long texts and far larger in the wasm,
/// and these texts are a sentence long.
fn contains(text: &str, needle: &str) -> bool {
    needle.is_empty() || text.as_bytes().windows(needle.len()).any(|w| w == needle.as_bytes())
}
