//! Live results: totals on top, then what applies, what may apply and
//! (folded away) what does not, each with its reason, the plan's own words
//! and the office to apply at.

use minsheng_engine::explain::{applying_clauses, next_change_text, period_notice, reason, rise_text, short_label, worth_text};
use minsheng_engine::next::{next_changes, NextChange};
use minsheng_engine::source::{PaidAs, Scope};
use minsheng_engine::{Answers, Evaluation, Lang, Outcome, QuestionId, Status};
use yew::prelude::*;

use crate::state::{Action, State};
use crate::view::{slot, Dispatch};
use crate::summary::{applying, is_judged, is_members, is_open, member_name, members_totals, totals_line, totals_parts, trips};
use crate::view::markup::Markup;

/// The results of the member the form shows (`answers`, the household's
/// included): with one member, everything; in a household, the member's own
/// benefits (the household's are in `household::household_results`).
pub fn results(state: &State, ev: &Evaluation, answers: &Answers, dispatch: &Dispatch) -> Html {
    let lang = state.lang;
    // The first member's also lists what the household may get once its
    // questions, asked in that member's form, are answered.
    let mine = |o: &&Outcome| is_members(state, o) || state.current == 0 && is_open(o);
    let applies: Vec<&Outcome> = applying(ev).into_iter().filter(mine).collect();
    // May apply with every answer given: the office decides. They get full
    // cards (what it is worth, who decides why); the rest wait for answers,
    // listed only when the answers so far point to them.
    let judged: Vec<&Outcome> = ev.outcomes.iter().filter(|o| is_judged(o)).filter(mine).collect();
    let waiting: Vec<&Outcome> = ev.outcomes.iter().filter(|o| is_open(o)).filter(mine).collect();
    let may = judged.len() + waiting.len();
    let not: Vec<&Outcome> = ev.outcomes.iter().filter(|o| o.status == Status::DoesNotApply).filter(mine).collect();
    let count_line = match (lang, state.care) {
        (Lang::Zh, false) => format!("符合 {} 项，可能符合 {may} 项", applies.len()),
        (Lang::Zh, true) => format!("您可以领 {} 项，还有 {may} 项要再问几句", applies.len()),
        (Lang::En, false) => format!("{} apply, {may} may apply", applies.len()),
        (Lang::En, true) => format!("You can get {}; {may} more need a few answers", applies.len()),
    };
    let member_totals = members_totals(state, ev);
    let totals = totals_parts(&member_totals, lang);
    let next = if answers.is_empty() {
        Vec::new()
    } else {
        next_changes(&state.rules.questions, ev.jurisdiction, ev.date, answers, ev)
    };
    let on_not_toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            dispatch.dispatch(Action::NotOpen(details.open()));
        })
    };
    // One listener for every "answer X" link: they are plain markup.
    let onclick = Callback::from(|e: MouseEvent| {
        if let Some(q) = crate::dom::ask_link_question(&e) {
            // Move without touching the fragment, which holds the answers.
            e.prevent_default();
            crate::dom::focus_question(&q);
        }
    });
    let mut totals_text = Markup::new();
    // Nothing answered: no count yet, only the prompt below.
    if !answers.is_empty() {
        totals_text.el("p class=\"count\"", &count_line);
    }
    totals_text.open("p class=\"sum\" data-testid=\"totals\"");
    if totals.is_empty() {
        totals_text.text(&totals_line(&member_totals, lang));
    } else {
        for p in &totals {
            totals_text.el("span", p);
        }
    }
    totals_text.close("p");
    if member_totals.set_locally > 0 {
        totals_text.el("p class=\"totals-note\"", &match lang {
            Lang::Zh => format!("另有 {} 项现金待遇没有可计算的金额（方案未写，或按核定金额发放），未计入合计。", member_totals.set_locally),
            Lang::En => format!("{} more cash benefits have no amount to add (none in the plan, or as certified), not included above.", member_totals.set_locally),
        });
    }
    let mut lists = Markup::new();
    if answers.is_empty() {
        lists.el("p class=\"empty\"", &match lang {
            Lang::Zh => format!("回答问题后，这里会列出您能享受的待遇。{}共有 {} 项个人待遇。", ev.jurisdiction.name.zh, ev.outcomes.len()),
            Lang::En => format!("Answer the questions and the benefits you can get appear here. {} has {} personal benefits.", ev.jurisdiction.name.en, ev.outcomes.len()),
        });
    } else if applies.is_empty() && may == 0 {
        lists.el("p class=\"empty\"", lang.pick("按目前的回答，暂无符合的项目。", "Nothing applies on the answers so far."));
    }
    let cards: Vec<Html> = applies.iter().map(|o| keyed(o, card(state, ev, answers, o, &next))).collect();
    let mut judged_cards: Vec<Html> = Vec::new();
    if !judged.is_empty() && !answers.is_empty() {
        let mut title = Markup::new();
        title.el("h3 class=\"group-title\"", lang.pick("可能符合：须由办理部门审核确定", "May apply: the office decides"));
        judged_cards.push(keyed_by("judged", title.into_html()));
        judged_cards.extend(judged.iter().map(|o| keyed(o, card(state, ev, answers, o, &next))));
    }
    // The figures are the plan's own: say so when the date is outside its period.
    let notice = period_notice(ev.jurisdiction, ev.date, lang).map(|t| {
        let mut m = Markup::new();
        m.el("p class=\"period-notice\" data-testid=\"period-notice\"", &t);
        m.into_html()
    });
    // Below the cards, one piece of markup: what may apply, what comes
    // next and the trips. They mostly change together, so an answer
    // replaces one part of the page rather than three.
    let mut below_cards = Markup::new();
    if !waiting.is_empty() && !answers.is_empty() {
        below_cards.el("h3 class=\"group-title\"", if state.care {
            lang.pick("可能可以领：请再回答几个问题", "You might get these: answer a few more questions")
        } else {
            lang.pick("可能符合：再回答几个问题即可知道", "May apply: answer a little more to know")
        });
        // Benefits that wait for the same answers share one "answer X"
        // line: with the situations question open, a dozen lines would
        // otherwise repeat the same link. The full card (reason, quote,
        // office) appears once a benefit applies.
        let mut groups: Vec<(Vec<QuestionId>, Vec<&Outcome>)> = Vec::new();
        for o in &waiting {
            let asks = shown_missing(ev, o);
            match groups.iter_mut().find(|(a, _)| *a == asks) {
                Some((_, list)) => list.push(o),
                None => groups.push((asks, vec![o])),
            }
        }
        below_cards.open("ul class=\"may-list\"");
        for (asks, outcomes) in &groups {
            below_cards.open("li class=\"may-group\"");
            ask_line(&mut below_cards, state, asks);
            below_cards.open("ul");
            for o in outcomes {
                below_cards.open_with("li class=\"may\"", "data-id", &o.entitlement.id).text(o.entitlement.name.get(lang)).close("li");
            }
            below_cards.close("ul").close("li");
        }
        below_cards.close("ul");
    }
    coming_next(&mut below_cards, state, ev, answers, &next);
    if !answers.is_empty() {
        one_trip(&mut below_cards, state, ev);
    }
    // Worded only while open: forty reasons rebuilt on every keystroke
    // for a folded list would slow typing on a cheap phone.
    let not_list = (state.not_open && !not.is_empty()).then(|| {
        let mut m = Markup::new();
        m.open("ul");
        for o in &not {
            m.open_with("li", "data-id", &o.entitlement.id)
                .el("strong", o.entitlement.name.get(lang))
                .el("span", &reason(o, ev, &state.rules.questions, answers, lang))
                .close("li");
        }
        m.close("ul");
        m.into_html()
    });
    html! {
        <section class="results" id="results" aria-labelledby="results-title" {onclick}>
            <h2 id="results-title">{ match (state.current, state.care, lang) {
                (0, true, _) => lang.pick("您可以领什么", "What you can get").to_owned(),
                (0, false, _) => lang.pick("您的结果", "Your results").to_owned(),
                (i, _, Lang::Zh) => format!("{}的结果", member_name(state, i, lang, true)),
                (i, _, Lang::En) => format!("Results for {}", member_name(state, i, lang, true)),
            } }</h2>
            if let Some(n) = notice { { n } }
            <div class="totals" role="status" aria-live="polite" aria-atomic="true">{ totals_text.into_html() }</div>
            { lists.into_html() }
            // Each list one child of the section, however many cards it
            // holds: `{ for … }` alone spreads them among the section's
            // children, and a card more or less then shifts every sibling,
            // which yew rebuilds whole on each keystroke.
            <>{ for cards }</>
            <>{ for judged_cards }</>
            { below_cards.into_html() }
            if !not.is_empty() {
                // In html!, so it stays open while the answers change.
                <details class="not-for-you" ontoggle={on_not_toggle}>
                    <summary>{ match (lang, state.care) {
                        (Lang::Zh, false) => format!("不适用于您的项目（{}）", not.len()),
                        (Lang::Zh, true) => format!("您领不了的项目（{}）", not.len()),
                        (Lang::En, _) => format!("Not for you ({})", not.len()),
                    } }</summary>
                    { slot(not_list) }
                </details>
            }
        </section>
    }
}

/// A card under its benefit's id: when a card comes or goes, yew moves the
/// others instead of rewriting every one after it.
fn keyed(o: &Outcome, card: Html) -> Html {
    keyed_by(&o.entitlement.id, card)
}

fn keyed_by(key: &str, html: Html) -> Html {
    Html::VList(std::rc::Rc::new(yew::virtual_dom::VList::with_children(vec![html], Some(key.into()))))
}

/// The open questions of an outcome that the form shows, so can be linked to.
fn shown_missing(ev: &Evaluation, o: &Outcome) -> Vec<QuestionId> {
    minsheng_engine::model::QuestionSet::intersection(o.missing, ev.shown).iter().collect()
}

/// "Answer: 年龄 残疾等级", each a link that moves to its question.
fn ask_line(m: &mut Markup, state: &State, asks: &[QuestionId]) {
    if asks.is_empty() {
        return;
    }
    let lang = state.lang;
    m.open("p class=\"ask\"").text(lang.pick("请回答：", "Answer: "));
    for &q in asks {
        let question = state.rules.questions.get(q);
        let href = format!("#q-{}", question.id);
        m.start("a class=\"ask-link\"").attr("href", &href).attr("data-q", &question.id).end();
        m.text(short_label(question, lang)).close("a");
    }
    m.close("p");
}

/// The full card of a benefit that applies: amount, reason, the plan's
/// sentence and the office.
fn card(state: &State, ev: &Evaluation, answers: &Answers, o: &Outcome, next: &[NextChange]) -> Html {
    let mut m = Markup::new();
    write_card(&mut m, state, ev, answers, o, next);
    m.into_html()
}

/// A card as markup, into `m`.
pub fn write_card(m: &mut Markup, state: &State, ev: &Evaluation, answers: &Answers, o: &Outcome, next: &[NextChange]) {
    let lang = state.lang;
    let e = o.entitlement;
    let j = ev.jurisdiction;
    let item = &j.items[e.item];
    let judged = is_judged(o);
    let badge = match (judged, state.care) {
        (true, _) => lang.pick("须审核", "Office decides"),
        (false, true) => lang.pick("可以领", "You can get this"),
        (false, false) => lang.pick("符合", "Applies"),
    };
    // Classes, not `:has()` in the stylesheet, which restyles on every change.
    let class = match (judged, e.paid_as) {
        (true, _) => "article class=\"card may-judged\"",
        (false, PaidAs::Premium) => "article class=\"card applies premium\"",
        (false, _) => "article class=\"card applies\"",
    };
    m.open_with(class, "data-id", &e.id)
        .open("header")
        .el("h3", e.name.get(lang))
        .el("span class=\"badge\"", badge)
        .close("header");
    if let Some(w) = o.worth {
        let scope = match (e.scope, lang) {
            (Scope::Person, Lang::Zh) => " · 个人",
            (Scope::Household, Lang::Zh) => " · 全户",
            (Scope::Person, Lang::En) => " · per person",
            (Scope::Household, Lang::En) => " · per household",
        };
        let kind = match (e.paid_as, lang) {
            (PaidAs::Cash, _) => "",
            (PaidAs::Premium, Lang::Zh) => " · 不发现金，用于缴纳保险",
            (PaidAs::Premium, Lang::En) => " · not cash: paid into insurance",
            (PaidAs::Service, Lang::Zh) => " · 服务或实物，不发现金",
            (PaidAs::Service, Lang::En) => " · a service, not cash",
        };
        // Paid into the insurance fund, not to the resident: never in the
        // green of cash.
        let figure = match (e.paid_as, w.figure()) {
            (PaidAs::Premium, _) => "span class=\"figure premium\"",
            (_, Some(_)) => "span class=\"figure\"",
            (_, None) => "span class=\"figure in-kind\"",
        };
        let if_granted = if judged { lang.pick("如获批：", "If granted: ") } else { "" };
        m.open("p class=\"amount\"")
            .el(figure, &format!("{if_granted}{}", worth_text(e, w, lang)))
            .open("span class=\"scope\"")
            .text(scope)
            .text(kind)
            .close("span")
            .close("p");
    }
    if let Some(r) = rise_text(o, lang) {
        m.el("p class=\"rise\"", &r);
    }
    m.el("p class=\"reason\"", &reason(o, ev, &state.rules.questions, answers, lang));
    for c in next.iter().filter(|c| c.entitlement == o.index) {
        m.el("p class=\"next\"", &next_change_text(c, j, &state.rules.questions, answers, lang));
    }
    // It applies, at least at this figure; these answers make it exact.
    ask_line(m, state, &shown_missing(ev, o));
    let cite = match lang {
        Lang::Zh => format!("方案第{}项：", item.number),
        Lang::En => format!("Plan item {} (original text): ", item.number),
    };
    quote(m, &cite, o, lang);
    if let Some(t) = j.office_of(e) {
        let label = if state.care { lang.pick("去这里办：", "Go to: ") } else { lang.pick("办理部门：", "Apply at: ") };
        m.open("p class=\"office\"").el("span class=\"label\"", label).text(t.get(lang)).close("p");
    }
    how_to_apply(m, e, lang);
    if let Some(n) = &e.note {
        // The widget carries notes in Chinese only (see engine `packed`).
        let english = lang == Lang::En && !n.en.is_empty();
        let (summary, text) = match lang {
            Lang::Zh => ("说明", n.zh.as_ref()),
            Lang::En if english => ("Note", n.en.as_ref()),
            Lang::En => ("Note (in Chinese)", n.zh.as_ref()),
        };
        // What a premium leaves the resident to pay is in its note: open.
        m.open(if e.paid_as == PaidAs::Premium { "details class=\"note\" open" } else { "details class=\"note\"" }).el("summary", summary);
        if english || lang == Lang::Zh {
            m.el("p", text);
        } else {
            m.el("p lang=\"zh-CN\"", text);
        }
        m.close("details");
    }
    m.close("article");
}

/// The plan's sentence. A long one folds to the clauses that give this
/// resident's amount (the table cell, the supplement added), marked, with
/// "…" for the rest; the toggle before it shows the whole sentence, the
/// clauses still marked. Written once: the stylesheet does the folding.
fn quote(m: &mut Markup, cite: &str, o: &Outcome, lang: Lang) {
    /// Quotes up to this many characters are shown whole.
    const SHORT: usize = 60;
    let text: &str = &o.entitlement.quote;
    let marks = applying_clauses(o);
    let folds = !marks.is_empty() && text.chars().count() > SHORT;
    // The toggle comes first: the stylesheet unfolds the quote after an
    // open one with a sibling selector (`:has()` would restyle on every change).
    if folds {
        m.open("details class=\"quote-toggle\"").el("summary", lang.pick("原文全文", "Whole sentence")).close("details");
    }
    m.open(if folds { "blockquote class=\"quote folds\" lang=\"zh-CN\"" } else { "blockquote class=\"quote\" lang=\"zh-CN\"" })
        .el("span class=\"cite\"", cite)
        .text("“");
    let mut at = 0;
    for r in marks.iter().map(|r| r.start..r.end).chain(std::iter::once(text.len()..text.len())) {
        if let Some(rest) = text.get(at..r.start).filter(|t| !t.is_empty()) {
            m.el("span class=\"rest\"", rest);
        }
        if let Some(part) = text.get(r.clone()).filter(|t| !t.is_empty()) {
            m.el("mark", part);
        }
        at = r.end;
    }
    m.text("”").close("blockquote");
}

/// Where to go first and what to bring, only where a source says so, with
/// that source named.
fn how_to_apply(m: &mut Markup, e: &minsheng_engine::model::Entitlement, lang: Lang) {
    let Some(h) = &e.how_to_apply else { return };
    m.open("div class=\"how\"");
    if let Some(first) = &h.first_stop {
        m.open("p").el("span class=\"label\"", lang.pick("先到：", "Go first to: ")).text(first.get(lang)).close("p");
    }
    if !h.documents.is_empty() {
        m.el("p class=\"label\"", lang.pick("带上：", "Bring: ")).open("ul");
        for d in h.documents.iter() {
            m.el("li", d.get(lang));
        }
        m.close("ul");
    }
    m.el("p class=\"source\"", &format!("{}{}", lang.pick("来源：", "Source: "), h.source));
    m.close("div");
}

/// The office's contact details, only as a source gives them.
pub fn office_details(m: &mut Markup, office: &minsheng_engine::model::Office, lang: Lang) {
    m.open("dl class=\"office-details\"");
    if let Some(a) = &office.address {
        m.el("dt", lang.pick("地址", "Address")).el("dd", a.get(lang));
    }
    if let Some(p) = &office.phone {
        m.el("dt", lang.pick("电话", "Phone")).open("dd");
        m.start("a").attr("href", &format!("tel:{p}")).end().text(p).close("a").close("dd");
    }
    if let Some(h) = &office.hours {
        m.el("dt", lang.pick("时间", "Hours")).el("dd", h.get(lang));
    }
    if let Some(u) = &office.online {
        m.el("dt", lang.pick("网上办理", "Online")).open("dd");
        m.start("a").attr("href", u).attr("rel", "noopener").end().text(u).close("a").close("dd");
    }
    m.el("dt", lang.pick("来源", "Source")).el("dd", &office.source);
    m.close("dl");
}

/// "One trip": the benefits to ask for at each office, so a resident (or
/// the counter) sees every errand at one desk together.
fn one_trip(m: &mut Markup, state: &State, ev: &Evaluation) {
    let lang = state.lang;
    let mut trips = trips(ev);
    for (_, list) in &mut trips {
        list.retain(|o| is_members(state, o) && !is_open(o));
    }
    trips.retain(|(_, list)| !list.is_empty());
    if trips.is_empty() {
        return;
    }
    m.open("section class=\"trips\" aria-labelledby=\"trips-title\"")
        .start("h3").attr("id", "trips-title").attr("class", "group-title").end()
        .text(lang.pick("按办理部门：一次办好", "By office: one trip each"))
        .close("h3")
        .open("ul class=\"trip-list\"");
    for (office, list) in &trips {
        m.open("li class=\"trip\"");
        m.el("h4", office.map(|t| t.get(lang)).unwrap_or(lang.pick("方案未写办理部门", "Office not named in the plan")));
        if let Some(d) = office.and_then(|t| ev.jurisdiction.office_details(t)) {
            office_details(m, d, lang);
        }
        m.open("ul");
        for o in list {
            m.open_with("li", "data-id", &o.entitlement.id).text(o.entitlement.name.get(lang));
            if is_judged(o) {
                m.el("span class=\"tag\"", lang.pick("（须审核）", " (office decides)"));
            }
            m.close("li");
        }
        m.close("ul").close("li");
    }
    m.close("ul").close("section");
}

/// "接下来": benefits that do not apply yet but will with the nearest
/// change in an answer (turning 70, a lower income). A few, nearest first.
fn coming_next(m: &mut Markup, state: &State, ev: &Evaluation, answers: &Answers, next: &[NextChange]) {
    const SHOWN: usize = 5;
    let lang = state.lang;
    let later: Vec<&NextChange> = next
        .iter()
        .filter(|c| ev.outcomes.get(c.entitlement).is_some_and(|o| o.status != Status::Applies && !is_judged(o) && is_members(state, o)))
        .take(SHOWN)
        .collect();
    if later.is_empty() {
        return;
    }
    m.open("section class=\"coming\" aria-labelledby=\"coming-title\"")
        .start("h3").attr("id", "coming-title").attr("class", "group-title").end()
        .text(lang.pick("接下来", "Coming next"))
        .close("h3")
        .open("ul");
    for c in later {
        let e = &ev.jurisdiction.entitlements[c.entitlement];
        m.open_with("li", "data-id", &e.id)
            .el("strong", e.name.get(lang))
            .text(lang.pick("：", ": "))
            .text(&next_change_text(c, ev.jurisdiction, &state.rules.questions, answers, lang))
            .close("li");
    }
    m.close("ul").close("section");
}
