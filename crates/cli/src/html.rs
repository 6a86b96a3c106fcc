//! `minsheng catalog --html`: every plan as one static, printable page.
//!
//! For every jurisdiction, every item grouped by area with its title, kind
//! and office, and its benefits. Two forms:
//!
//! - the full page (`--html`), for a bureau: each benefit's amount in words
//!   and who qualifies;
//! - the shipped page (`--html --brief`, the widget's `plan.html`): each
//!   benefit with the plan's own sentence, a count per place, and
//!   `plan.js`, which adds the search. It is the widget's "whole plan" and
//!   what a resident gets without JavaScript (the `<noscript>` links it).
//!
//! Neither has inline script or style (the site's Content-Security-Policy
//! allows neither); both link `plan.css`. They are in Chinese, the plans'
//! own language, and leave out the items' full text: the shipped page
//! counts against the widget's size budget.
//!
//! The output depends on the rules only (no date, no randomness), so a
//! committed copy can be compared with a fresh one.

use std::fmt::Write;

use minsheng_engine::explain::{describe, short_label, worth_text};
use minsheng_engine::model::{Amount, Entitlement, Item, Jurisdiction, Question};
use minsheng_engine::money::{format_yuan, period_suffix};
use minsheng_engine::rust_decimal::Decimal;
use minsheng_engine::source::{ItemKind, Period, Rounding, Scope};
use minsheng_engine::{Lang, Questions, Rules, Text, Worth};

/// Escapes text for HTML content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Chinese of a phrase (see the module note on why not both languages).
fn both(zh: &str, _en: &str) -> String {
    esc(zh)
}

fn both_text(t: &Text) -> String {
    both(&t.zh, &t.en)
}

/// Both languages of a phrase built by a function of the language.
fn both_by(f: impl Fn(Lang) -> String) -> String {
    both(&f(Lang::Zh), &f(Lang::En))
}

fn kind_words(k: ItemKind) -> (&'static str, &'static str) {
    match k {
        ItemKind::Entitlement => ("个人待遇", "Personal benefit"),
        ItemKind::Service => ("公共服务", "Service for all"),
        ItemKind::PublicWorks => ("工程建设", "Public works"),
    }
}

fn paid_words(p: Period) -> (&'static str, &'static str) {
    match p {
        Period::Month => ("按月发放", "paid monthly"),
        Period::Year => ("按年发放", "paid yearly"),
        Period::Once => ("一次性发放", "paid once"),
    }
}

fn option_label(q: &Question, i: usize, lang: Lang) -> &str {
    q.options.get(i).map(|o| o.label.get(lang)).unwrap_or("?")
}

/// A figure with the entitlement's period: `¥765.00 元/月`.
fn money(e: &Entitlement, d: Decimal, lang: Lang) -> String {
    format!("{} {}", format_yuan(d), period_suffix(e.period, lang))
}

/// The amount of an entitlement in words, as HTML: one line, a list (one
/// figure per answer) or a small table (grade × cause).
fn amount_html(e: &Entitlement, questions: &Questions, j: &Jurisdiction) -> String {
    let mut s = String::new();
    match &e.amount {
        Amount::Fixed { value, at_least, plus } => {
            let worth = if *at_least { Worth::AtLeast(*value) } else { Worth::Exact(*value) };
            let _ = write!(s, "<p>{}</p>", both_by(|l| worth_text(e, worth, l)));
            if !plus.is_empty() {
                s.push_str("<ul>");
                for p in plus.iter() {
                    let cond = |l: Lang| p.when.iter().map(|c| describe(c, questions, j, l)).collect::<Vec<_>>();
                    let line = |l: Lang| {
                        let floor = if p.at_least { l.pick("不少于", "at least ") } else { "" };
                        let c = cond(l);
                        match l {
                            Lang::Zh if c.is_empty() => format!("另加{floor} {}：{}", money(e, p.value, l), p.label.zh),
                            Lang::Zh => format!("另加{floor} {}：{}（{}）", money(e, p.value, l), p.label.zh, c.join("；")),
                            Lang::En if c.is_empty() => format!("plus {floor}{}: {}", money(e, p.value, l), p.label.en),
                            Lang::En => format!("plus {floor}{}: {} ({})", money(e, p.value, l), p.label.en, c.join("; ")),
                        }
                    };
                    let _ = write!(s, "<li>{}</li>", both_by(line));
                }
                s.push_str("</ul>");
            }
        }
        Amount::SetLocally { floor, .. } => {
            let _ = write!(s, "<p>{}</p>", both_by(|l| worth_text(e, Worth::SetLocally { floor: *floor }, l)));
        }
        Amount::InKind { .. } => {
            let _ = write!(s, "<p>{}</p>", both_by(|l| worth_text(e, Worth::InKind, l)));
        }
        Amount::Lookup { by, values, none_reason } => {
            let q = questions.get(*by);
            let _ = write!(s, "<p>{}</p><ul>", both_by(|l| format!("{}{}", short_label(q, l), l.pick("：", ":"))));
            for (i, v) in values.iter().enumerate() {
                let line = |l: Lang| {
                    let amount = match v {
                        Some(d) => worth_text(e, Worth::Exact(*d), l),
                        None => none_reason
                            .as_ref()
                            .map(|t| t.get(l).to_owned())
                            .unwrap_or_else(|| l.pick("方案没有规定标准", "no amount in the plan").to_owned()),
                    };
                    format!("{}{}{amount}", option_label(q, i, l), l.pick("：", ": "))
                };
                let _ = write!(s, "<li>{}</li>", both_by(line));
            }
            s.push_str("</ul>");
        }
        Amount::Table { row, row_min, column, cells, none_reason } => {
            let (rq, cq) = (questions.get(*row), questions.get(*column));
            let rows = cells.iter().map(|c| c.len()).max().unwrap_or(0);
            let unit = |l: Lang| rq.unit.as_ref().map(|u| u.get(l).to_owned()).unwrap_or_default();
            let _ = write!(
                s,
                "<table class=\"grid\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
                both_by(|l| match l {
                    Lang::Zh => format!("{}（{}）", period_suffix(e.period, l), paid_words(e.period).0),
                    Lang::En => format!("yuan {} ({})", period_suffix(e.period, l), paid_words(e.period).1),
                }),
                both_by(|l| short_label(rq, l).to_owned()),
            );
            for ci in 0..cells.len() {
                let _ = write!(s, "<th scope=\"col\">{}</th>", both_by(|l| option_label(cq, ci, l).to_owned()));
            }
            s.push_str("</tr></thead><tbody>");
            for r in 0..rows {
                let n = row_min + r as i64;
                // The column header names the row question; a row says only its grade.
                let en = match unit(Lang::En) {
                    u if u.is_empty() => String::new(),
                    u => format!("{n} {u}"),
                };
                let _ = write!(
                    s,
                    "<tr><th scope=\"row\">{}</th>",
                    both(&format!("{n}{}", unit(Lang::Zh)), &en)
                );
                for col in cells.iter() {
                    match col.get(r).copied().flatten() {
                        Some(d) => {
                            let _ = write!(s, "<td>{}</td>", esc(&format_yuan(d)));
                        }
                        None => s.push_str("<td>—</td>"),
                    }
                }
                s.push_str("</tr>");
            }
            s.push_str("</tbody></table>");
            if let Some(t) = none_reason {
                let _ = write!(s, "<p class=\"small\">— {}</p>", both_text(t));
            }
        }
        Amount::PerServiceYear { per_year, rounding, .. } => {
            let line = |l: Lang| {
                let rule = match (rounding, l) {
                    (Rounding::HalfYear, Lang::Zh) => "零头6个月及以下按半年、超过6个月按1年计",
                    (Rounding::HalfYear, Lang::En) => "a remainder of 6 months or less counts as half a year, more as a full year",
                    (Rounding::WholeYears, Lang::Zh) => "按整年计",
                    (Rounding::WholeYears, Lang::En) => "whole years only",
                };
                let (zh, en) = paid_words(e.period);
                match l {
                    Lang::Zh => format!("按服役年限计，每年 {}（{rule}），{zh}", format_yuan(*per_year)),
                    Lang::En => format!("{} per year of service ({rule}), {en}", format_yuan(*per_year)),
                }
            };
            let _ = write!(s, "<p>{}</p>", both_by(line));
        }
        Amount::MinimumLivingGap { by, standard, members, income, .. } => {
            let q = questions.get(*by);
            let (mq, iq) = (questions.get(*members), questions.get(*income));
            let line = |l: Lang| match l {
                Lang::Zh => format!(
                    "保障标准 × {} − {}（家庭月人均收入低于保障标准时发放，{}）",
                    short_label(mq, l),
                    short_label(iq, l),
                    paid_words(e.period).0
                ),
                Lang::En => format!(
                    "standard × {} − {} (paid when income per member is below the standard, {})",
                    short_label(mq, l),
                    short_label(iq, l),
                    paid_words(e.period).1
                ),
            };
            let _ = write!(s, "<p>{}</p><ul>", both_by(line));
            for (i, d) in standard.iter().enumerate() {
                let line = |l: Lang| {
                    format!(
                        "{}{}{}{} {}",
                        l.pick("保障标准（", "standard ("),
                        option_label(q, i, l),
                        l.pick("）：", "): "),
                        format_yuan(*d),
                        l.pick("元/人/月", "per person / month")
                    )
                };
                let _ = write!(s, "<li>{}</li>", both_by(line));
            }
            s.push_str("</ul>");
        }
    }
    let scope = match e.scope {
        Scope::Person => ("每人", "per person"),
        Scope::Household => ("每户", "per household"),
    };
    let _ = write!(s, "<p class=\"small\">{}</p>", both(scope.0, scope.1));
    s
}

/// Who qualifies and what it does not combine with.
fn conditions_html(e: &Entitlement, questions: &Questions, j: &Jurisdiction) -> String {
    let mut s = String::from("<ul>");
    if e.when.is_empty() {
        let _ = write!(s, "<li>{}</li>", both("无其他条件", "No further conditions"));
    }
    for c in e.when.iter() {
        let _ = write!(s, "<li>{}</li>", both_by(|l| describe(c, questions, j, l)));
    }
    for &x in e.excluded_by.iter() {
        if let Some(other) = j.entitlements.get(x) {
            let _ = write!(
                s,
                "<li>{}</li>",
                both(&format!("不与“{}”同时享受", other.name.zh), &format!("not paid together with {}", other.name.en))
            );
        }
    }
    s.push_str("</ul>");
    s
}

fn item_html(s: &mut String, j: &Jurisdiction, it: &Item, questions: &Questions, full: bool) {
    let (kzh, ken) = kind_words(it.kind);
    // No ids on items: nothing links to them, and the shipped page would
    // carry them for every visitor.
    let _ = write!(
        s,
        "<article class=\"item\">\n<h4><span class=\"number\">{}.</span> {}</h4>\n<dl class=\"meta\"><dt>{}</dt><dd>{}</dd>",
        esc(&it.number),
        both_text(&it.title),
        both("类别", "Kind"),
        both(kzh, ken),
    );
    if let Some(o) = &it.office {
        let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", both("办理单位", "Office"), both_text(o));
    }
    // Not the item's full text: nothing ships it, and the shipped page must
    // stay light enough to count in the widget's size budget.
    s.push_str("</dl>\n");
    if !full && !it.entitlements.is_empty() {
        // The shipped page: each benefit with the plan's own sentence, which
        // states its amount, as the widget's cards quote it.
        s.push_str("<ul class=\"benefits\">\n");
        for &ei in it.entitlements.iter() {
            let e = &j.entitlements[ei];
            let _ = writeln!(s, "<li><strong>{}</strong>：<q>{}</q></li>", esc(&e.name.zh), esc(&e.quote));
        }
        s.push_str("</ul>\n");
    } else if !it.entitlements.is_empty() {
        let _ = write!(
            s,
            "<table class=\"entitlements\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            both(&format!("第{}项的待遇标准", it.number), &format!("Amounts of item {}", it.number)),
            both("待遇", "Benefit"),
            both("标准", "Amount"),
        );
        let _ = write!(s, "<th scope=\"col\">{}</th>", both("条件", "Conditions"));
        s.push_str("</tr></thead>\n<tbody>\n");
        // No ids on items or rows: nothing links to them (the jurisdictions
        // keep theirs for the contents and the widget's link).
        for &ei in it.entitlements.iter() {
            let e = &j.entitlements[ei];
            let _ = write!(s, "<tr><th scope=\"row\">{}</th><td>{}</td>", both_text(&e.name), amount_html(e, questions, j));
            let _ = write!(s, "<td>{}</td>", conditions_html(e, questions, j));
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</article>\n");
}

/// The whole page: the given jurisdictions (all of them for `plan.html`).
/// `full`: amounts in words and who qualifies; else the shipped page, with
/// the plan's sentences and the search (see the module note).
pub fn page(rules: &Rules, jurisdictions: &[&Jurisdiction], full: bool) -> String {
    let questions = &rules.questions;
    let mut s = String::new();
    s.push_str(concat!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>民生实事 · 全部实事表</title>\n",
        "<meta name=\"description\" content=\"各级民生实事方案的全部项目、待遇标准和办理单位，可打印。All items of the livelihood plans, with amounts and offices; printable.\">\n",
        "<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">\n",
        "<link rel=\"stylesheet\" href=\"plan.css\">\n",
    ));
    if !full {
        // The search: added by the script, so a page without JavaScript
        // shows no box that does nothing.
        s.push_str("<script src=\"plan.js\" defer></script>\n");
    }
    s.push_str(concat!(
        "</head>\n<body>\n<header>\n",
        "<h1>民生实事 · 全部实事表 <span lang=\"en\">All plan tables</span></h1>\n",
        "<p>本页列出各级方案的全部实事项目、待遇标准和办理单位，可直接打印。金额按方案原文；能否享受、享受多少，请用福利自查核对，以办理部门审核为准。",
        " <span lang=\"en\">Every item of each plan, with amounts and the office to apply at; ready to print. Amounts are the plan's own; check who qualifies with the self-check; the responsible office decides.</span></p>\n",
        "<p><a href=\"./\">返回福利自查 <span lang=\"en\">Back to the self-check</span></a></p>\n",
    ));
    let _ = write!(s, "<nav aria-labelledby=\"toc\">\n<h2 id=\"toc\">{}</h2>\n<ul>\n", both("目录", "Contents"));
    for j in jurisdictions {
        let _ = writeln!(s, "<li><a href=\"#{}\">{}</a></li>", esc(&j.id), both_text(&j.name));
    }
    s.push_str("</ul>\n</nav>\n</header>\n<main>\n");
    for j in jurisdictions {
        let _ = write!(
            s,
            "<section class=\"jurisdiction\" id=\"{id}\" aria-labelledby=\"{id}-title\">\n<h2 id=\"{id}-title\">{}</h2>\n<p class=\"plan-name\">{}</p>\n<p class=\"small\">{} · {}</p>\n",
            both_text(&j.name),
            both_text(&j.plan),
            both(&format!("来源：{}", j.source), ""),
            both(&format!("规则版本 {}", j.rules_version), &format!("rules version {}", j.rules_version)),
            id = esc(&j.id),
        );
        // Updated by the search ("找到 3 项（共 51 项）").
        let _ = writeln!(s, "<p class=\"count\" aria-live=\"polite\">共 {} 项</p>", j.items.len());
        for (ai, area) in j.areas.iter().enumerate() {
            let items: Vec<&Item> = j.items.iter().filter(|it| it.area == ai).collect();
            if items.is_empty() {
                continue;
            }
            let _ = write!(s, "<section class=\"area\">\n<h3>{}</h3>\n", both_text(&area.label));
            for it in items {
                item_html(&mut s, j, it, questions, full);
            }
            s.push_str("</section>\n");
        }
        s.push_str("</section>\n");
    }
    s.push_str(concat!(
        "</main>\n<footer>\n<p>本表由 <code>minsheng catalog --html</code> 依据规则文件生成，与福利自查工具使用同一份规则。",
        " <span lang=\"en\">Generated from the same rule files as the self-check.</span></p>\n</footer>\n</body>\n</html>\n",
    ));
    s
}
