//! The widget: header, questionnaire and live results, footer actions,
//! and the printed summary (drawn only while printing).

use std::rc::Rc;

use minsheng_engine::explain::plan_period;
use minsheng_engine::{evaluate, Evaluation, Lang, Rules, Text};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{Action, Copied, State};
use crate::summary::{household_outcomes, is_members, short_total, summary_text};
use crate::view::{household::household_results, print::print_summary, qr::qr_svg, questions::questionnaire, results::results, slot, Dispatch};
use crate::view::markup::Markup;
use crate::dom;
use crate::embed::EmbedOptions;

/// Where care mode is remembered (this device's local storage).
const CARE_KEY: &str = "minsheng.care";

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[derive(Properties)]
pub struct AppProps {
    pub rules: &'static Rules,
    /// What a portal asked for, read once from this frame's query string.
    pub host: EmbedOptions,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.rules, other.rules) && self.host == other.host
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let (rules, host) = (props.rules, &props.host);
    let state = use_reducer(|| {
        let mut s = State::new(rules, host.lang.unwrap_or(Lang::Zh), dom::today());
        if let Some(j) = &host.jurisdiction {
            s = s.apply(Action::Jurisdiction(j.clone()));
        }
        s.embedded = host.embedded;
        s.care = dom::load_preference(CARE_KEY).as_deref() == Some("1");
        // Restore a shared link before the first paint, so it never flashes empty.
        s.apply(Action::Restore(dom::fragment()))
    });
    let dispatch = state.dispatcher();
    {
        let dispatch = dispatch.clone();
        let host = host.clone();
        use_effect_with((), move |_| {
            // The first render drew the form; results follow in the next
            // task. Two short tasks instead of one long one keep a slow
            // phone responsive while the page starts.
            let started = dispatch.clone();
            dom::next_task(move || started.dispatch(Action::Started));
            let printing = dispatch.clone();
            dom::on_print(move |on| printing.dispatch(Action::Printing(on)));
            dom::on_fragment_change(move |f| dispatch.dispatch(Action::Restore(f)));
            if let Some(accent) = &host.accent {
                dom::set_root_style("--accent", accent);
            }
            if host.embedded {
                dom::report_height_to_parent();
            }
        });
    }
    {
        // After every render. Each step does nothing when nothing changed;
        // one effect rather than one per value keeps the wasm smaller.
        let (embedded, care, lang, fragment) = (state.embedded, state.care, state.lang, state.fragment());
        use_effect(move || {
            dom::set_root_class("care", care);
            dom::save_preference(CARE_KEY, if care { "1" } else { "0" });
            dom::replace_fragment(&fragment);
            dom::set_page_language(lang, lang.pick(TITLE[0], TITLE[1]));
            if embedded {
                // In a portal's frame: the frame follows the content.
                dom::post_height();
            } else {
                dom::track_result_bar();
            }
        });
    }

    let lang = state.lang;
    let answers = state.answers();
    // Every member's results, with more than one: the household's totals
    // and benefits, each member's totals; the member shown is among them.
    let hh = (state.members.len() > 1).then(|| state.household());
    let alone;
    let ev = match &hh {
        Some(hh) => &hh.members[state.current],
        None => {
            alone = evaluate(&state.rules.questions, state.jurisdiction(), state.date(), &answers);
            &alone
        }
    };

    let notice = state.notice.as_ref().map(|n| {
        let dismiss = dispatch.clone();
        html! {
            <div class="notice" role="status">
                <p>{ n.get(lang) }</p>
                <button type="button" class="link" onclick={move |_| dismiss.dispatch(Action::DismissNotice)}>
                    { lang.pick("知道了", "Dismiss") }
                </button>
            </div>
        }
    });
    // After "下一户": a few seconds to take it back.
    let undo = state.undo.is_some().then(|| {
        let d = dispatch.clone();
        html! {
            <div class="notice" role="status">
                <p>{ lang.pick("已清空，可以填写下一户。", "Cleared for the next household.") }</p>
                <button type="button" class="link" onclick={move |_| d.dispatch(Action::Undo)}>{ lang.pick("撤销", "Undo") }</button>
            </div>
        }
    });

    let body = html! {
        <div class="check">
            { questionnaire(&state, ev, &dispatch) }
            if state.started {
                if let Some(hh) = &hh { { household_results(&state, hh, &dispatch) } }
                { results(&state, ev, &answers, &dispatch) }
            } else {
                <section class="results" id="results" aria-busy="true"></section>
            }
        </div>
    };

    let copy_summary = {
        let dispatch = dispatch.clone();
        let state = state.clone();
        Callback::from(move |_| {
            // Worded only when asked for, not on every keystroke.
            let hh = state.household();
            copy(&dispatch, summary_text(&state, &hh.members, (state.members.len() > 1).then_some(&hh)), [
                Text::new("摘要已复制，可粘贴到微信或短信。", "Summary copied: paste it into a message."),
                Text::new("未能自动复制。下面是摘要，请选中后复制：", "Could not copy automatically. Here is the summary to select and copy:"),
            ]);
        })
    };
    let copy_link = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            copy(&dispatch, dom::page_url(), [
                Text::new("链接已复制。打开链接即可恢复这些回答；答案只在链接里，不会上传。", "Link copied. Opening it restores these answers; they live only in the link."),
                Text::new("未能自动复制。下面是链接，请选中后复制：", "Could not copy automatically. Here is the link to select and copy:"),
            ]);
        })
    };
    // Beside the copy buttons, where the resident is looking; a live region
    // present from the start, so screen readers announce what appears in it.
    let copied = state.copied.as_ref().map(|c| {
        html! {
            <>
                <p>{ c.message.get(lang) }</p>
                if let Some(text) = &c.fallback {
                    <textarea id={COPY_FALLBACK_ID} readonly=true rows="5" value={text.clone()}
                        aria-label={lang.pick("要复制的文字", "Text to copy")} />
                }
            </>
        }
    });

    // On a phone the results sit below the questions: this bar keeps the
    // running count and totals in sight while answering.
    // In a portal's frame the frame is as tall as the widget, so a bar fixed
    // to its bottom would sit after all the content: leave it out there.
    let result_bar = (!state.embedded).then(|| {
        // Short enough for one line at 360 px, even in care mode: the count
        // and the first non-zero total, the household's when there is one
        // (its own benefits counted once).
        let applies = |ev: &Evaluation| ev.outcomes.iter().filter(|o| o.status == minsheng_engine::Status::Applies && is_members(&state, o)).count();
        let (applies, total) = match &hh {
            Some(hh) => (
                hh.members.iter().map(applies).sum::<usize>() + household_outcomes(hh).iter().filter(|(_, o)| o.status == minsheng_engine::Status::Applies).count(),
                short_total(&hh.totals, lang),
            ),
            None => (applies(ev), short_total(&ev.totals, lang)),
        };
        html! {
            <button type="button" class="result-bar" aria-hidden="true" tabindex="-1"
                onclick={Callback::from(|_| dom::scroll_to("results"))}>
                <span>{ match lang {
                    Lang::Zh => format!("符合 {applies} 项"),
                    Lang::En => format!("{applies} apply"),
                } }{ total.map(|t| format!(" · {t}")) }</span>
                <span class="go">{ lang.pick("看结果", "Results") }<span class="arrow"></span></span>
            </button>
        }
    });

    // "下一户" asks first: a counter clears a family's answers only on
    // purpose. The first tap asks (the button says so, and the status below
    // it tells screen readers); a second tap clears; anything else cancels.
    let confirming = state.confirming_clear;
    let next_household = {
        let d = dispatch.clone();
        Callback::from(move |_| {
            if !confirming {
                return d.dispatch(Action::ConfirmClear(true));
            }
            d.dispatch(Action::NextHousehold);
            dom::scroll_to(crate::MOUNT_ID);
            // Undo stays on offer for a few seconds.
            let forget = d.clone();
            dom::after(UNDO_MS, move || forget.dispatch(Action::ForgetUndo));
        })
    };
    let confirm = confirming.then(|| html! {
        <p>{ lang.pick("再点一次“确定清空”，将清空所有成员的回答，开始下一户。", "Tap “Clear all” again to clear every member's answers for the next household.") }</p>
    });

    html! {
        <div class="ms-app" data-embedded={state.embedded.then_some("")} data-bar={result_bar.is_some().then_some("")}>
            { header(&state, &dispatch) }
            if state.printing {
                { print_summary(&state, &state.household()) }
            }
            { slot(notice) }
            { slot(undo) }
            <main id="main">{ body }</main>
            { slot(result_bar) }
            <footer class="footer">
                <div class="actions">
                    <button type="button" onclick={Callback::from(|_| dom::print())}>{ lang.pick("打印", "Print") }</button>
                    <button type="button" onclick={copy_summary}>{ lang.pick("复制摘要", "Copy summary") }</button>
                    <button type="button" onclick={copy_link}>{ lang.pick("复制分享链接", "Copy share link") }</button>
                    <button type="button" class="secondary" onclick={next_household}>
                        { if confirming { lang.pick("确定清空", "Clear all") } else { lang.pick("下一户（清空）", "Next household (clear)") } }
                    </button>
                </div>
                <div class="copy-status" role="status" aria-live="polite">{ slot(copied) }{ slot(confirm) }</div>
                { qr_code(&state, &dispatch) }
                { footer_notes(&state) }
                { as_of_field(&state, &dispatch) }
            </footer>
        </div>
    }
}

/// What the results rest on, under the actions: read only, so written as text.
fn footer_notes(state: &State) -> Html {
    let lang = state.lang;
    let j = state.jurisdiction();
    let mut m = Markup::new();
    m.el("p class=\"privacy\"", lang.pick(
        "所有计算都在您的设备上完成，答案不会发送到任何服务器。结果仅供参考，以办理部门审核为准。",
        "Everything is worked out on your device; no answer is sent anywhere. For reference only: the responsible office decides.",
    ));
    m.el("p class=\"version\"", &match lang {
        Lang::Zh => format!("依据：{}（{}）· 规则版本 {}", j.plan.zh, plan_period(j, lang), j.rules_version),
        Lang::En => format!("Source: {} ({}) · rules version {}", j.plan.en, plan_period(j, lang), j.rules_version),
    });
    m.into_html()
}

/// How long "下一户" can be undone, in milliseconds.
const UNDO_MS: u32 = 10_000;

/// The share link as a QR code, to scan from the screen: drawn only while
/// open (and on the printout), not on every keystroke.
fn qr_code(state: &State, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    let ontoggle = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            d.dispatch(Action::QrOpen(details.open()));
        })
    };
    let code = state.qr_open.then(|| {
        let mut m = Markup::new();
        let link = format!("{}#{}", dom::base_url(), state.fragment());
        qr_svg(&mut m, &link, lang.pick("分享链接的二维码", "QR code of the share link"));
        if link.len() > crate::share::MAX_LINK {
            m.el("p", lang.pick("链接很长，聊天软件可能截断，可改用打印。", "A long link: a chat app may cut it; print instead."));
        }
        m.into_html()
    });
    html! {
        <details class="qr-box" {ontoggle}>
            <summary>{ lang.pick("二维码：用手机扫码带走结果", "QR code: scan to take the result home") }</summary>
            { slot(code) }
        </details>
    }
}

/// "As of": counter staff may work out the benefits for another day (a
/// coming birthday, last year's claim). Kept in the share link.
fn as_of_field(state: &State, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    let onchange = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::AsOf(input.value()));
        })
    };
    let value = state.as_of.map(|d| d.to_string()).unwrap_or_default();
    html! {
        <div class="field as-of">
            <label for="as-of">{ lang.pick("计算日期（默认今天，窗口可改）", "Work out as of (today unless set)") }</label>
            <input id="as-of" type="date" value={value} {onchange} />
        </div>
    }
}

/// Where the text a copy could not put on the clipboard is shown to select.
const COPY_FALLBACK_ID: &str = "copy-fallback";

/// Copies `text` and says so beside the buttons once the clipboard has
/// answered: `messages` are for success and for refusal. On refusal the text
/// is shown, selected, for the resident to copy by hand.
fn copy(dispatch: &Dispatch, text: String, messages: [Text; 2]) {
    let dispatch = dispatch.clone();
    let shown = text.clone();
    dom::copy_text(&text, move |ok| {
        let [done, refused] = messages;
        let copied = if ok {
            Copied { message: done, fallback: None }
        } else {
            Copied { message: refused, fallback: Some(shown) }
        };
        dispatch.dispatch(Action::Copied(copied));
        if !ok {
            // After the render that shows it.
            dom::next_task(|| dom::select_text(COPY_FALLBACK_ID));
        }
    });
}

/// The widget's name: read only, so written as text.
fn title(state: &State) -> Html {
    let mut m = Markup::new();
    m.el(if state.embedded { "h1 class=\"visually-hidden\"" } else { "h1" }, state.lang.pick(TITLE[0], TITLE[1]));
    m.into_html()
}

/// The widget's name, also the page's title: Chinese and English.
const TITLE: [&str; 2] = ["民生实事 · 福利自查", "Livelihood benefits self-check"];

fn header(state: &State, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    let on_place = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Jurisdiction(select.value()));
        })
    };
    let other = match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let care = state.care;
    html! {
        <header class="header" data-embedded={state.embedded.then_some("")}>
            <div class="title-row">
                // In a portal's frame the portal has the title; keep it for screen readers.
                { title(state) }
                <div class="switches">
                    <button type="button" class="switch care-switch" aria-pressed={care.to_string()}
                        onclick={let d = dispatch.clone(); move |_| d.dispatch(Action::Care(!care))}>
                        { lang.pick("长辈模式", "Large text") }
                    </button>
                    <button type="button" class="switch lang-switch" lang={other.pick("zh-CN", "en")}
                        onclick={let d = dispatch.clone(); move |_| d.dispatch(Action::Lang(other))}>
                        { other.pick("中文", "English") }
                    </button>
                </div>
            </div>
            <div class="field place">
                <label for="jurisdiction">{ lang.pick("您所在的地区", "Where you live") }</label>
                <select id="jurisdiction" onchange={on_place}>
                    { for state.rules.jurisdictions.iter().map(|j| html! {
                        <option value={j.id.clone()} selected={j.id == state.jurisdiction().id}>{ format!("{} · {}", j.name.get(lang), plan_period(j, lang)) }</option>
                    }) }
                </select>
            </div>
            // The whole plan is a page of its own (plan.html, generated from
            // the same rules), at this place's section. From a portal's
            // frame it opens beside the portal rather than inside the frame.
            <a class="plan-link" href={format!("plan.html#{}", state.jurisdiction().id)}
                target={state.embedded.then_some("_blank")} rel={state.embedded.then_some("noopener")}>
                { lang.pick("查看全部实事（方案原文）", "The whole plan (in Chinese)") }
            </a>
        </header>
    }
}
