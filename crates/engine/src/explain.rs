//! Outcomes in words, in Chinese or English: conditions, answers, amounts
//! and reasons. Kept apart from evaluation so the keystroke path builds no
//! strings; the widget asks for words only for the cards it shows.

use rust_decimal::Decimal;

use crate::answers::{Answers, Value};
use crate::eval::{Detail, Evaluation, Outcome, Why, Worth};
use crate::model::{Amount, Condition, Entitlement, Jurisdiction, Question, Questions, Test};
use crate::money::{format_yuan, period_suffix, plain};
use crate::source::{PaidAs, Rounding};
use crate::text::{join, Lang};

/// A question's label without "(choose any)" and similar asides.
pub fn short_label(q: &Question, lang: Lang) -> &str {
    let label = q.label.get(lang);
    label.split(['（', '(']).next().unwrap_or(label).trim_end_matches(['？', '?', ' '])
}

fn unit(q: &Question, lang: Lang) -> String {
    match (&q.unit, lang) {
        (Some(u), Lang::Zh) => u.zh.to_string(),
        (Some(u), Lang::En) if !u.en.is_empty() => format!(" {}", u.en),
        _ => String::new(),
    }
}

fn option_label(q: &Question, i: u8, lang: Lang) -> &str {
    q.options.get(i as usize).map(|o| o.label.get(lang)).unwrap_or("?")
}

/// The generated wording of a condition, or the rule's own `says`.
pub fn describe(c: &Condition, questions: &Questions, j: &Jurisdiction, lang: Lang) -> String {
    // The widget carries a condition's own wording in Chinese only (see
    // `packed`); in English the generated wording stands in for it.
    if let Some(says) = c.says.as_ref().filter(|t| !t.get(lang).is_empty()) {
        return says.get(lang).to_owned();
    }
    match &c.test {
        Test::IntRange { q, min, max } => {
            let qq = questions.get(*q);
            // A short scale (grades 1 to 4) reads better as a closed range:
            // "grade 1 to 2" rather than "2 or less".
            let (min, max) = if qq.max - qq.min <= 10 {
                (Some(min.unwrap_or(qq.min)), Some(max.unwrap_or(qq.max)))
            } else {
                (*min, *max)
            };
            range_text(short_label(qq, lang), min.map(|n| format!("{n}{}", unit(qq, lang))), max.map(|n| format!("{n}{}", unit(qq, lang))), lang)
        }
        Test::MoneyRange { q, min, max } => {
            range_text(short_label(questions.get(*q), lang), min.map(format_yuan), max.map(format_yuan), lang)
        }
        Test::OneOf { q, options } => {
            let qq = questions.get(*q);
            let names: Vec<String> =
                (0..64u8).filter(|i| options & (1u64 << i) != 0).map(|i| option_label(qq, i, lang).to_owned()).collect();
            format!("{}{}{}", short_label(qq, lang), lang.pick("：", ": "), join(&names, lang.pick("或", " or ")))
        }
        Test::Has { q, option } => {
            let qq = questions.get(*q);
            let label = qq.label.get(lang);
            // "Which of these apply to you?" reads badly as a prefix; the option says it all.
            if label.contains(['？', '?']) {
                option_label(qq, *option, lang).to_owned()
            } else {
                format!("{}{}{}", short_label(qq, lang), lang.pick("：", ": "), option_label(qq, *option, lang))
            }
        }
        Test::DateRange { q, from, until } => {
            let label = short_label(questions.get(*q), lang);
            match (from, until, lang) {
                (Some(f), Some(u), Lang::Zh) => format!("{label}在{f}至{u}之间"),
                (Some(f), None, Lang::Zh) => format!("{label}在{f}或以后"),
                (None, Some(u), Lang::Zh) => format!("{label}在{u}或以前"),
                (Some(f), Some(u), Lang::En) => format!("{label} from {f} to {u}"),
                (Some(f), None, Lang::En) => format!("{label} on or after {f}"),
                (None, Some(u), Lang::En) => format!("{label} on or before {u}"),
                (None, None, _) => label.to_owned(),
            }
        }
        Test::Applies { entitlement } => {
            let name = j.entitlements.get(*entitlement).map(|e| e.name.get(lang)).unwrap_or("?");
            match lang {
                Lang::Zh => format!("享受“{name}”"),
                Lang::En => format!("receives {name}"),
            }
        }
        Test::Any(list) => {
            let parts: Vec<String> = list.iter().map(|c| describe(c, questions, j, lang)).collect();
            join(&parts, lang.pick("，或", ", or "))
        }
        Test::Judgement => c.decides.as_ref().map(|d| d.get(lang).to_owned()).unwrap_or_default(),
    }
}

fn range_text(label: &str, min: Option<String>, max: Option<String>, lang: Lang) -> String {
    match (min, max, lang) {
        (Some(a), Some(b), Lang::Zh) if a == b => format!("{label}为{a}"),
        (Some(a), Some(b), Lang::Zh) => format!("{label}{a}至{b}"),
        (Some(a), None, Lang::Zh) => format!("{label}{a}以上"),
        (None, Some(b), Lang::Zh) => format!("{label}不超过{b}"),
        (Some(a), Some(b), Lang::En) if a == b => format!("{label}: {a}"),
        (Some(a), Some(b), Lang::En) => format!("{label}: {a} to {b}"),
        (Some(a), None, Lang::En) => format!("{label}: {a} or more"),
        (None, Some(b), Lang::En) => format!("{label}: {b} or less"),
        (None, None, _) => label.to_owned(),
    }
}

/// An answer as the resident would say it.
pub fn answer_text(q: &Question, v: Value, lang: Lang) -> String {
    match v {
        Value::Int(n) => format!("{n}{}", unit(q, lang)),
        Value::Money(m) => format_yuan(m),
        Value::Choice(i) => option_label(q, i, lang).to_owned(),
        Value::Flags(0) => lang.pick("无", "none").to_owned(),
        Value::Flags(bits) => {
            let parts: Vec<String> = (0..64u8).filter(|i| bits & (1u64 << i) != 0).map(|i| option_label(q, i, lang).to_owned()).collect();
            join(&parts, lang.pick("、", ", "))
        }
        Value::Date(d) => d.to_string(),
    }
}

/// For an `any`, the first alternative the answers plainly meet (an
/// answered option or number), else the condition itself.
fn met_branch<'c>(c: &'c Condition, answers: &Answers) -> &'c Condition {
    let Test::Any(list) = &c.test else { return c };
    let holds = |t: &Test| match (t, t.question().and_then(|q| answers.get(q))) {
        (Test::Has { option, .. }, Some(Value::Flags(b))) => b & (1u64 << option) != 0,
        (Test::OneOf { options, .. }, Some(Value::Choice(i))) => options & (1u64 << i) != 0,
        (Test::IntRange { min, max, .. }, Some(Value::Int(n))) => min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m),
        _ => false,
    };
    list.iter().find(|sub| sub.decides.is_none() && holds(&sub.test)).unwrap_or(c)
}


/// The first question a condition reads, to quote the resident's answer.
/// "¥6,030.00 元/月", "不少于 ¥118.00 元/月", "标准由当地制定", or the service given.
pub fn worth_text(e: &Entitlement, worth: Worth, lang: Lang) -> String {
    let suffix = period_suffix(e.period, lang);
    let money = |d: Decimal| format!("{} {suffix}", format_yuan(d));
    let text = match worth {
        Worth::Exact(d) => money(d),
        Worth::AtLeast(d) => format!("{}{}", lang.pick("不少于 ", "at least "), money(d)),
        Worth::SetLocally { floor: None } => match &e.amount {
            // Say what the plan says of the amount, not a generic phrase.
            Amount::SetLocally { basis: Some(b), .. } if !b.get(lang).is_empty() => b.get(lang).to_owned(),
            Amount::SetLocally { .. } => lang.pick("方案未写金额", "the plan gives no amount").to_owned(),
            Amount::MinimumLivingGap { .. } => {
                lang.pick("按核定的金额发放（以低保证为准）", "the amount the office certified (as on your 低保 certificate)").to_owned()
            }
            _ => lang.pick("标准由当地制定", "amount set locally").to_owned(),
        },
        Worth::SetLocally { floor: Some(f) } => match &e.amount {
            Amount::SetLocally { basis: Some(b), .. } if !b.get(lang).is_empty() => format!("{}{}{}", b.get(lang), lang.pick("，不少于 ", "; at least "), money(f)),
            _ => format!("{}{}", lang.pick("标准由当地制定，不少于 ", "set locally, at least "), money(f)),
        },
        Worth::InKind => match &e.amount {
            Amount::InKind { what } => what.get(lang).to_owned(),
            _ => lang.pick("服务", "a service").to_owned(),
        },
    };
    match (e.paid_as, worth) {
        (PaidAs::Premium, Worth::Exact(_) | Worth::AtLeast(_)) => {
            format!("{text}{}", lang.pick("（财政代缴/补助保费）", " (paid into your insurance)"))
        }
        _ => text,
    }
}

/// How the amount was reached, when there is more to it than one figure.
fn breakdown(o: &Outcome, questions: &Questions, lang: Lang) -> Option<String> {
    let e = o.entitlement;
    match (o.detail, &e.amount) {
        (Detail::Plus(bits), Amount::Fixed { value, plus, .. }) if bits != 0 => {
            let mut s = format_yuan(*value);
            for (_, p) in plus.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0) {
                let floor = if p.at_least { lang.pick("不少于", "at least ") } else { "" };
                s.push_str(&format!(" + {floor}{}{}{}{}", format_yuan(p.value), lang.pick("（", " ("), p.label.get(lang), lang.pick("）", ")")));
            }
            Some(s)
        }
        (Detail::Lookup { option }, Amount::Lookup { by, .. }) => {
            let q = questions.get(*by);
            Some(format!("{}{}{}", short_label(q, lang), lang.pick("：", ": "), option_label(q, option, lang)))
        }
        (Detail::Table { row, column }, Amount::Table { row: rq, column: cq, .. }) => {
            let (rq, cq) = (questions.get(*rq), questions.get(*cq));
            Some(match lang {
                Lang::Zh => format!("{}{}{}", option_label(cq, column, lang), row, unit(rq, lang)),
                Lang::En => format!("{}, {} {row}", option_label(cq, column, lang), short_label(rq, lang)),
            })
        }
        (Detail::ServiceYears { counted, months }, Amount::PerServiceYear { per_year, rounding, .. }) => {
            // The rounding rule only matters when there is a remainder.
            let rule = match (rounding, lang) {
                _ if months <= 0 => "",
                (Rounding::HalfYear, Lang::Zh) if months <= 6 => "（零头6个月及以下按半年计）",
                (Rounding::HalfYear, Lang::Zh) => "（零头超过6个月按1年计）",
                (Rounding::HalfYear, Lang::En) if months <= 6 => " (a remainder of 6 months or less counts as half a year)",
                (Rounding::HalfYear, Lang::En) => " (a remainder of more than 6 months counts as a full year)",
                (Rounding::WholeYears, Lang::Zh) => "（按整年计）",
                (Rounding::WholeYears, Lang::En) => " (whole years only)",
            };
            Some(match lang {
                Lang::Zh => format!("按{}年计 × 每年 {}{rule}", plain(counted), format_yuan(*per_year)),
                Lang::En => format!("{} years counted × {} a year{rule}", plain(counted), format_yuan(*per_year)),
            })
        }
        (Detail::Gap { standard, members, income, .. }, _) => Some(match lang {
            Lang::Zh => format!("保障标准 {} × {members}人 − 家庭月收入 {}", format_yuan(standard), format_yuan(income)),
            Lang::En => format!("standard {} × {members} people − household income {}", format_yuan(standard), format_yuan(income)),
        }),
        _ => None,
    }
}

/// The short labels of the questions still open for an outcome.
fn missing_labels(o: &Outcome, questions: &Questions, lang: Lang) -> Vec<String> {
    o.missing.iter().map(|q| short_label(questions.get(q), lang).to_owned()).collect()
}

/// The reason for an outcome, in plain words.
pub fn reason(o: &Outcome, ev: &Evaluation, questions: &Questions, answers: &Answers, lang: Lang) -> String {
    let e = o.entitlement;
    let j = ev.jurisdiction;
    match o.why {
        Why::Met => {
            // Of an `any`, the branch the answers meet, in its own words.
            let conds: Vec<String> = e.when.iter().map(|c| describe(met_branch(c, answers), questions, j, lang)).collect();
            let mut s = if conds.is_empty() {
                lang.pick("符合本项条件。", "You qualify.").to_owned()
            } else {
                match lang {
                    Lang::Zh => format!("符合条件：{}。", join(&conds, "；")),
                    Lang::En => format!("You meet: {}.", join(&conds, "; ")),
                }
            };
            if let Some(b) = breakdown(o, questions, lang) {
                s.push_str(&match lang {
                    Lang::Zh => format!("计算：{b}。"),
                    Lang::En => format!(" Worked out as {b}."),
                });
            }
            if !o.missing.is_empty() {
                // It applies; only the exact amount waits for these answers.
                let labels = missing_labels(o, questions, lang);
                s.push_str(&match lang {
                    Lang::Zh => format!("具体金额要看“{}”。", join(&labels, "”“")),
                    Lang::En => format!(" The exact amount depends on “{}”.", join(&labels, "”, “")),
                });
            }
            s
        }
        Why::OfficeDecides(c) => {
            let decides = decides_text(c, lang);
            let mut s = match lang {
                Lang::Zh => format!("按您的回答可能符合；{decides}。"),
                Lang::En => format!("Your answers fit; {decides}."),
            };
            if !o.missing.is_empty() {
                let labels = missing_labels(o, questions, lang);
                s.push_str(&match lang {
                    Lang::Zh => format!("具体金额要看“{}”。", join(&labels, "”“")),
                    Lang::En => format!(" The exact amount depends on “{}”.", join(&labels, "”, “")),
                });
            }
            s
        }
        Why::Unanswered => {
            let labels = missing_labels(o, questions, lang);
            match lang {
                Lang::Zh => format!("回答“{}”后即可知道。", join(&labels, "”“")),
                Lang::En => format!("Answer “{}” to know.", join(&labels, "”, “")),
            }
        }
        Why::Failed(c @ Condition { test: Test::Has { .. }, .. }) => {
            let desc = describe(c, questions, j, lang);
            match lang {
                Lang::Zh => format!("不符合：{desc}（未选择此项）。"),
                Lang::En => format!("Not met: {desc} (not chosen)."),
            }
        }
        Why::Failed(c) => {
            let desc = describe(c, questions, j, lang);
            let answer = c.test.question().and_then(|q| answers.get(q).map(|v| answer_text(questions.get(q), v, lang)));
            match (answer, lang) {
                (Some(a), Lang::Zh) => format!("不符合：{desc}（您的回答：{a}）。"),
                (Some(a), Lang::En) => format!("Not met: {desc} (your answer: {a})."),
                (None, Lang::Zh) => format!("不符合：{desc}。"),
                (None, Lang::En) => format!("Not met: {desc}."),
            }
        }
        Why::Excluded(x) => {
            let name = j.entitlements.get(x).map(|e| e.name.get(lang)).unwrap_or("?");
            match lang {
                Lang::Zh => format!("您符合“{name}”，两者不能同时享受。"),
                Lang::En => format!("You qualify for {name}, which is not paid together with this."),
            }
        }
        Why::NoCell(reason) => match reason {
            Some(t) => t.get(lang).to_owned(),
            None => lang.pick("方案对这种情形没有规定标准。", "The plan sets no amount for this case.").to_owned(),
        },
        Why::IncomeNotBelow { income, members, standard } => {
            let per_member = if members > 0 { income / Decimal::from(members) } else { income };
            match lang {
                Lang::Zh => format!("家庭月人均收入 {} 不低于保障标准 {}。", format_yuan(per_member), format_yuan(standard)),
                Lang::En => format!(
                    "Household income per member, {}, is not below the standard of {}.",
                    format_yuan(per_member),
                    format_yuan(standard)
                ),
            }
        }
        Why::Zero => lang.pick("按您的回答，计算结果为零。", "By your answers the amount comes to nothing.").to_owned(),
    }
}

/// Who decides what, for an office judgement. The widget carries it in
/// Chinese only (see `packed`); in English it says so in general.
pub fn decides_text(c: &Condition, lang: Lang) -> &str {
    match c.decides.as_ref().map(|d| d.get(lang)) {
        Some(t) if !t.is_empty() => t,
        _ => lang.pick("由办理部门审核决定", "the office decides"),
    }
}

/// "2024年度" for a plan that governs one calendar year, else its dates.
pub fn plan_period(j: &Jurisdiction, lang: Lang) -> String {
    let (from, until) = (j.valid_from, j.valid_until);
    let whole_year = from.year() == until.year() && (from.month(), from.day()) == (1, 1) && (until.month(), until.day()) == (12, 31);
    match (whole_year, lang) {
        (true, Lang::Zh) => format!("{}年度", from.year()),
        (true, Lang::En) => format!("{}", from.year()),
        (false, Lang::Zh) => format!("{from}至{until}"),
        (false, Lang::En) => format!("{from} to {until}"),
    }
}

/// The notice for a date the plan does not govern: the figures are the
/// plan's, and the office has the final word.
pub fn period_notice(j: &Jurisdiction, date: crate::date::Date, lang: Lang) -> Option<String> {
    if j.in_force(date) {
        return None;
    }
    let period = plan_period(j, lang);
    let (from, until) = (j.valid_from, j.valid_until);
    Some(match lang {
        Lang::Zh => format!("以下为{period}标准（{from}至{until}），{date}不在这一期间；新的标准可能已经公布，以办理部门为准。"),
        Lang::En => format!(
            "These are the {period} plan's figures ({from} to {until}); {date} is outside that period. Newer figures may have been published: the office has the final word."
        ),
    })
}

/// This year's rise behind the figure shown, as the plan states it.
pub fn rise(o: &Outcome) -> Option<Decimal> {
    let e = o.entitlement;
    match (o.detail, &e.amount) {
        (_, Amount::Fixed { .. }) => e.rise.first().copied().flatten(),
        (Detail::Lookup { option } | Detail::Gap { option, .. }, _) => e.rise.get(option as usize).copied().flatten(),
        _ => None,
    }
}

/// "比上年提高 ¥5.00"; for the 低保 gap it is the standard that rose.
pub fn rise_text(o: &Outcome, lang: Lang) -> Option<String> {
    let r = rise(o)?;
    let of_standard = matches!(o.entitlement.amount, Amount::MinimumLivingGap { .. });
    Some(match (of_standard, lang) {
        (false, Lang::Zh) => format!("比上年提高 {}", format_yuan(r)),
        (true, Lang::Zh) => format!("保障标准比上年提高 {}", format_yuan(r)),
        (false, Lang::En) => format!("{} more than last year", format_yuan(r)),
        (true, Lang::En) => format!("the standard is {} higher than last year", format_yuan(r)),
    })
}

/// "满65周岁起 ¥118.00 元/月，还有2年"; "全家每月总收入低于 ¥1,545.00 时可申请".
pub fn next_change_text(c: &crate::next::NextChange, j: &Jurisdiction, questions: &Questions, answers: &Answers, lang: Lang) -> String {
    let q = questions.get(c.question);
    let label = short_label(q, lang);
    let e = &j.entitlements[c.entitlement];
    let worth = c.worth.map(|w| worth_text(e, w, lang));
    let judged = c.status != crate::eval::Status::Applies;
    match c.value {
        Value::Money(v) if c.below => match lang {
            Lang::Zh => format!("{label}低于 {} 时可申请", format_yuan(v)),
            Lang::En => format!("{label} below {}: you may apply", format_yuan(v)),
        },
        Value::Int(v) => {
            let now = match answers.get(c.question) {
                Some(Value::Int(n)) => n,
                _ => v,
            };
            // A figure is worth saying; a service or an unset amount is not.
            let what = match (c.worth.and_then(Worth::figure).and(worth), judged) {
                (Some(w), false) => w,
                (Some(w), true) => format!("{}{w}", lang.pick("可能符合：", "may apply: ")),
                (None, false) => lang.pick("符合", "applies").to_owned(),
                (None, true) => lang.pick("可能符合", "may apply").to_owned(),
            };
            let u = unit(q, lang);
            match (q.only_grows, lang) {
                (true, Lang::Zh) => format!("满{v}{u}起{}{what}，还有{}年", if what.starts_with('¥') { " " } else { "" }, v - now),
                (true, Lang::En) => {
                    let d = v - now;
                    format!("{label} {v} and over: {what} (in {d} year{})", if d == 1 { "" } else { "s" })
                }
                (false, Lang::Zh) => format!("{label}为{v}{u}时：{what}"),
                (false, Lang::En) => format!("with {label} {v}{u}: {what}"),
            }
        }
        v => {
            let what = worth.unwrap_or_default();
            format!("{label}{}{}{}{what}", lang.pick("为", ": "), answer_text(q, v, lang), lang.pick("时：", " — "))
        }
    }
}

/// The parts of a benefit's quoted sentence that give its amount for this
/// resident, as byte ranges of `e.quote`: the clauses (between ，；。) that
/// name a figure the amount was worked out from — the cell of a table
/// (因公三级每人每月6030元), the base and the supplements that were added,
/// the rate per year of service, the 低保 standard. Empty when the quote
/// names none of them; the widget then shows the quote whole.
pub fn applying_clauses(o: &Outcome) -> Vec<std::ops::Range<usize>> {
    let mut figures: Vec<Decimal> = o.worth.and_then(|w| w.figure()).into_iter().collect();
    match (&o.entitlement.amount, o.detail) {
        (Amount::Fixed { value, plus, .. }, detail) => {
            figures.push(*value);
            if let Detail::Plus(bits) = detail {
                figures.extend(plus.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, p)| p.value));
            }
        }
        (Amount::PerServiceYear { per_year, .. }, _) => figures.push(*per_year),
        (_, Detail::Gap { standard, .. }) => figures.push(standard),
        _ => {}
    }
    let numbers: Vec<String> = figures.iter().filter(|f| !f.is_zero()).map(|&f| plain(f)).collect();
    let quote: &str = &o.entitlement.quote;
    let mut out = Vec::new();
    let mut start = 0;
    for (at, ch) in quote.char_indices().chain(std::iter::once((quote.len(), '。'))) {
        if matches!(ch, '，' | '；' | '。' | ';') {
            let clause = &quote[start..at];
            if numbers.iter().any(|n| names_number(clause, n)) {
                out.push(start..at);
            }
            start = at + ch.len_utf8();
        }
    }
    out
}

/// Whether `text` has `number` as a whole number: "6030" in "每月6030元",
/// not in "16030" or "6030.5".
fn names_number(text: &str, number: &str) -> bool {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_digit());
    // Byte windows rather than `match_indices`: the same result without
    // linking the general string searcher into the widget.
    bytes.windows(number.len()).enumerate().any(|(i, w)| {
        let end = i + number.len();
        let before = i > 0 && (digit_at(i - 1) || bytes[i - 1] == b'.');
        let after = digit_at(end) || (bytes.get(end) == Some(&b'.') && digit_at(end + 1));
        w == number.as_bytes() && !before && !after
    })
}

#[cfg(test)]
mod clause_tests {
    use super::names_number;

    #[test]
    fn a_number_is_found_whole() {
        assert!(names_number("因公三级每人每月6030元", "6030"));
        assert!(names_number("因病一级7569.2元每人每月", "7569.2"));
        assert!(!names_number("每月16030元", "6030"));
        assert!(!names_number("每月6030.5元", "6030"));
        assert!(!names_number("每月60301元", "6030"));
        assert!(names_number("达到115元", "115"));
        assert!(names_number("再增加3元", "3"));
        assert!(!names_number("X号文件", "3"));
    }
}
