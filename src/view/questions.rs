//! The questionnaire: generated from the questions the engine says to show,
//! so the form never drifts from the rule tables.

use minsheng_engine::model::Question;
use minsheng_engine::source::QuestionKind;
use minsheng_engine::{Date, Evaluation, Lang, QuestionId, Text, Value};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{household_bits, is_household_question, Action, RulesRef, State};
use crate::view::household::members_bar;
use crate::view::markup::Markup;
use crate::view::{slot, Dispatch};

/// Integer questions with at most this many values are buttons, not a text box.
const MAX_CHIPS: i64 = 10;

/// In 长辈模式, checkbox lists longer than this fold into a picker.
const COMPACT_OVER: usize = 8;

pub fn questionnaire(state: &State, ev: &Evaluation, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    html! {
        <section class="questions" aria-labelledby="questions-title">
            { intro(state) }
            { members_bar(state, dispatch) }
            // Every question this jurisdiction may ask has a place in the page,
            // an empty hidden one until it is asked: the elements never move,
            // so a question appearing never takes the keyboard focus away from
            // the one being typed in, and the first paint stays small.
            { for state.rules.questions.all().filter(|(q, _)| state.jurisdiction().uses(*q)).map(|(q, _)| {
                // The household's questions are asked once, in the first member's form.
                if ev.shown.contains(q) && (state.current == 0 || !is_household_question(&state.rules, q)) {
                    let member = state.member();
                    let props = QuestionProps {
                        rules: state.rules,
                        q,
                        lang,
                        care: state.care,
                        deciding: ev.deciding.contains(q),
                        tag: household_tag(state, q),
                        value: member.answers.get(q),
                        raw: member.inputs[q.index()].clone(),
                        error: member.errors[q.index()].clone(),
                        hidden: if state.current > 0 { household_bits(&state.rules, q) } else { 0 },
                        today: state.today,
                        dispatch: dispatch.clone(),
                    };
                    html! { <QuestionField ..props /> }
                } else {
                    html! { <div class="field" hidden=true></div> }
                }
            }) }
        </section>
    }
}

/// The form's heading and what to do: read only, so written as text.
fn intro(state: &State) -> Html {
    let lang = state.lang;
    let mut m = Markup::new();
    m.el("h2 id=\"questions-title\"", if state.care { lang.pick("请回答下面的问题", "Please answer these questions") } else { lang.pick("回答几个问题", "Answer a few questions") });
    m.el("p class=\"hint\"", lang.pick(
        "只需回答与您有关的问题，结果会随时更新。答案只保存在本机，不会上传。",
        "Answer only what concerns you; results update as you go. Answers stay on this device.",
    ));
    m.into_html()
}

fn dom_id(q: &Question) -> String {
    format!("q-{}", q.id)
}

/// What one question shows: a question is drawn again only when one of
/// these changes, so a keystroke redraws the field typed in (and those
/// whose mark or message it changes), not the whole form.
#[derive(Properties, PartialEq)]
struct QuestionProps {
    rules: RulesRef,
    q: QuestionId,
    lang: Lang,
    care: bool,
    deciding: bool,
    /// "（全家）" after the words of a household question, or nothing.
    tag: &'static str,
    /// The member's answer, and what was typed for it.
    value: Option<Value>,
    raw: String,
    error: Option<Text>,
    /// The options not asked of this member (the household's, after the first).
    hidden: u64,
    today: Date,
    dispatch: Dispatch,
}

/// One question of the form. A component, not a function like the rest of
/// the view, only so that yew compares its props and leaves it alone when
/// they are unchanged: a function's output is rebuilt and compared on every
/// render, forty options and all, which was half of a keystroke's work.
struct QuestionField;

impl Component for QuestionField {
    type Message = ();
    type Properties = QuestionProps;
    fn create(_: &Context<Self>) -> Self {
        QuestionField
    }
    fn view(&self, ctx: &Context<Self>) -> Html {
        question(ctx.props())
    }
}

fn question(p: &QuestionProps) -> Html {
    let QuestionProps { rules, q: qid, lang, care, deciding, tag, value, ref raw, ref error, hidden, today, ref dispatch } = *p;
    let q = rules.0.questions.get(qid);
    let id = dom_id(q);
    let err_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let help = slot(q.help.as_ref().map(|h| html! { <p class="help" id={help_id.clone()}>{ h.get(lang) }</p> }));
    let error_html = slot(error.as_ref().map(|e| html! { <p class="error" id={err_id.clone()} role="alert">{ e.get(lang) }</p> }));
    let badge = slot(deciding.then(|| html! { <span class="deciding">{ lang.pick("影响结果", "decides a result") }</span> }));
    // State as data attributes, not classes: yew's class handling costs the wasm kilobytes.
    let marks = Marks { deciding: deciding.then_some(""), error: error.is_some().then_some("") };

    // Answered by choosing (radio buttons or checkboxes), unless a text box returns first.
    let (kind, options, layout) = match q.kind {
        QuestionKind::Integer if q.max - q.min < MAX_CHIPS => {
            let current = match value {
                Some(Value::Int(n)) => Some(n),
                _ => None,
            };
            let unit = q.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
            let options = (q.min..=q.max)
                .map(|n| {
                    let value = n.to_string();
                    let label = AttrValue::from(match lang {
                        Lang::Zh => format!("{n}{unit}"),
                        Lang::En => value.clone(),
                    });
                    Opt { id: format!("{id}-{value}"), label, checked: current == Some(n), none_of: false }
                })
                .collect();
            ("radio", options, "chips")
        }
        QuestionKind::Integer | QuestionKind::Money | QuestionKind::Date => {
            let oninput = {
                let dispatch = dispatch.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    dispatch.dispatch(Action::Input { q: qid, raw: input.value() });
                })
            };
            let (kind, mode) = match q.kind {
                QuestionKind::Date => ("date", None),
                QuestionKind::Money => ("text", Some("decimal")),
                _ => ("text", Some("numeric")),
            };
            let max = (q.kind == QuestionKind::Date && q.not_after_today).then(|| today.to_string());
            let unit = slot(q.unit.as_ref().map(|u| html! { <span class="unit" aria-hidden="true">{ u.get(lang) }</span> }));
            let described = match (&error, &q.help) {
                (Some(_), Some(_)) => format!("{err_id} {help_id}"),
                (Some(_), None) => err_id,
                (None, Some(_)) => help_id,
                (None, None) => String::new(),
            };
            return html! {
                <div class="field" data-deciding={marks.deciding} data-error={marks.error}>
                    <label for={id.clone()}>{ q.label.get(lang) }{ tag }{ badge }</label>
                    { help }
                    <div class="input-row">
                        <input id={id} type={kind} inputmode={mode} value={raw.clone()} {oninput} {max}
                            autocomplete="off"
                            aria-invalid={error.is_some().then_some("true")}
                            aria-describedby={(!described.is_empty()).then_some(described)} />
                        { unit }
                    </div>
                    { error_html }
                </div>
            };
        }
        QuestionKind::Choice => {
            let current = match value {
                Some(Value::Choice(i)) => Some(i as usize),
                _ => None,
            };
            let options: Vec<Opt> = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| Opt {
                    id: format!("{id}-{}", o.id),
                    label: AttrValue::Static(o.label.get(lang)),
                    checked: current == Some(i),
                    none_of: false,
                })
                .collect();
            // Two or three short answers (男/女, 城镇户籍/农村户籍) fit side by
            // side; in 长辈模式's larger text only the shortest (男/女) do, and
            // 城镇户籍 gets a line of its own rather than breaking mid-word.
            let fits = if care { 2 } else { 6 };
            let short = options.len() <= 3 && options.iter().all(|o| o.label.chars().count() <= fits);
            ("radio", options, if short { "inline" } else { "stacked" })
        }
        QuestionKind::Flags => {
            let bits = match value {
                Some(Value::Flags(b)) => Some(b),
                _ => None,
            };
            let mut options: Vec<Opt> = q
                .options
                .iter()
                .enumerate()
                .filter(|(i, _)| hidden & (1u64 << i) == 0)
                .map(|(i, o)| Opt {
                    id: format!("{id}-{}", o.id),
                    label: AttrValue::Static(o.label.get(lang)),
                    checked: bits.is_some_and(|b| b & (1u64 << i) != 0),
                    none_of: false,
                })
                .collect();
            options.push(Opt {
                id: format!("{id}-{NONE_OF}"),
                label: AttrValue::Static(lang.pick("以上都没有", "None of these")),
                checked: bits == Some(0),
                none_of: true,
            });
            ("checkbox", options, "stacked")
        }
    };
    // 长辈模式: a long list of ticks (the 19 situations) folds away behind
    // one line saying what is ticked, instead of filling screens.
    let compact = (care && kind == "checkbox" && options.len() > COMPACT_OVER).then(|| {
        let ticked: Vec<String> = options.iter().filter(|o| o.checked && !o.none_of).map(|o| o.label.to_string()).collect();
        let none = options.iter().any(|o| o.checked && o.none_of);
        match (ticked.is_empty(), none, lang) {
            (true, false, Lang::Zh) => "点这里选择".to_owned(),
            (true, false, Lang::En) => "Tap to choose".to_owned(),
            (true, true, Lang::Zh) => "都不适用（点这里修改）".to_owned(),
            (true, true, Lang::En) => "None of these (tap to change)".to_owned(),
            (false, _, Lang::Zh) => format!("已选：{}（点这里修改）", minsheng_engine::text::join(&ticked, "、")),
            (false, _, Lang::En) => format!("Chosen: {} (tap to change)", minsheng_engine::text::join(&ticked, ", ")),
        }
    });
    // One listener for the whole group, not one per option: a change
    // bubbles to the fieldset, and the option says which it is by its id
    // ("q-sex-female": the option's value after the question's "q-sex-").
    // Forty listeners fewer to set up again on every keystroke. Not by a
    // `value` attribute: yew reads an input's value back from the page on
    // every render to compare it, forty calls per keystroke.
    let onchange = {
        let dispatch = dispatch.clone();
        // The embedded rules live as long as the page.
        let q = rules.0.questions.get(qid);
        let prefix = id.len() + 1;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = input.id().get(prefix..).unwrap_or_default().to_owned();
            let action = match (kind, value.as_str()) {
                // A choice is answered with the option's value, as if typed; chips are choices too.
                ("radio", _) => Action::Input { q: qid, raw: value },
                (_, NONE_OF) if input.checked() => Action::NoneOf { q: qid },
                (_, NONE_OF) => return,
                _ => match q.option_index(&value) {
                    Some(option) => Action::Toggle { q: qid, option, on: input.checked() },
                    None => return,
                },
            };
            dispatch.dispatch(action);
        })
    };
    option_group(Field { q, lang, tag, marks, badge, help, error: error_html, kind, layout, options, compact, onchange })
}

/// "（全家）" after the words of a question the household answers once, when
/// there is more than one member: the answer is everyone's.
fn household_tag(state: &State, q: QuestionId) -> &'static str {
    if state.members.len() > 1 && is_household_question(&state.rules, q) {
        state.lang.pick("（全家）", " (household)")
    } else {
        ""
    }
}

/// A field's `data-deciding` and `data-error` attributes (present or absent).
#[derive(Clone, Copy)]
struct Marks {
    deciding: Option<&'static str>,
    error: Option<&'static str>,
}

/// The value of the "None of these" checkbox of a flags question.
const NONE_OF: &str = "none";

/// One radio button or checkbox of a question.
struct Opt {
    /// The question's id, "-" and the option's value: "q-sex-female".
    id: String,
    label: AttrValue,
    checked: bool,
    /// "None of these": set apart from the options above it.
    none_of: bool,
}

/// A question answered by choosing: radio buttons (one answer) or
/// checkboxes (any), in a fieldset whose legend is the question.
struct Field<'a> {
    q: &'a Question,
    lang: Lang,
    marks: Marks,
    /// "（全家）" after a household question's words, in a household.
    tag: &'static str,
    badge: Html,
    help: Html,
    error: Html,
    /// `radio` or `checkbox`.
    kind: &'static str,
    layout: &'static str,
    options: Vec<Opt>,
    /// Fold the options behind this one-line summary (长辈模式, long lists).
    compact: Option<String>,
    /// Every option's change, on the fieldset.
    onchange: Callback<Event>,
}

fn option_group(f: Field) -> Html {
    let id = dom_id(f.q);
    let name = (f.kind == "radio").then(|| id.clone());
    let options = f.options.into_iter().map(|o| {
        html! {
            <label class="option" data-none-of={o.none_of.then_some("")} data-checked={o.checked.then_some("")} for={o.id.clone()}>
                <input type={f.kind} id={o.id} name={name.clone()} checked={o.checked} />
                <span>{ o.label }</span>
            </label>
        }
    });
    html! {
        <fieldset class="field" data-deciding={f.marks.deciding} data-error={f.marks.error} id={id} onchange={f.onchange}>
            <legend>{ f.q.label.get(f.lang) }{ f.tag }{ f.badge }</legend>
            { f.help }
            if let Some(summary) = f.compact {
                <details class="picker">
                    <summary>{ summary }</summary>
                    <div class="options" data-layout={f.layout}>{ for options }</div>
                </details>
            } else {
                <div class="options" data-layout={f.layout}>{ for options }</div>
            }
            { f.error }
        </fieldset>
    }
}
