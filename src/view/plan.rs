//! The whole plan: every item of the jurisdiction, grouped by area, with a
//! text search over titles, benefits, the plan's sentences and offices —
//! public works and services open to all included.
//!
//! The search reads the way residents ask: an item is shown when any word of
//! the query occurs in it, a word also finds the plan's own terms for it
//! (`SYNONYMS`: 老人 finds 老年, 高龄, 60周岁), and an age ("80岁") finds the
//! items whose age limits include it.
//!
//! Each benefit shows the sentence of the plan it rests on. Items' full texts
//! are not shipped: they would cost the widget a fifth more weight.

use minsheng_engine::model::{Item, Jurisdiction};
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
    let query = Query::new(&state.search);
    let matches = |it: &Item| {
        query.is_empty()
            || query.words.iter().any(|w| *w == it.number)
            || query.matches(&searchable(j, it))
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
            <p class="count" role="status" aria-live="polite">{ count_line(j, shown, query.is_empty(), lang) }</p>
            { items }
        </section>
    }
}

/// Everyday words and the plan's own terms for them: a query word
/// containing the first also searches for each of the others. Data, not
/// code: add a line to teach the search a word.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("老人", &["老年", "高龄", "60周岁", "养老"]),
    ("长辈", &["老年", "高龄", "60周岁", "养老"]),
    ("退休", &["养老", "老年"]),
    ("看病", &["医疗", "医保", "就医", "医院", "卫生"]),
    ("生病", &["医疗", "医保", "大病", "就医"]),
    ("医院", &["医疗", "卫生", "就医"]),
    ("房子", &["住房", "危房", "房屋", "住宅"]),
    ("住房", &["危房", "房屋", "住宅", "保障房"]),
    ("孩子", &["儿童", "学生", "未成年", "托育", "婴幼儿"]),
    ("小孩", &["儿童", "学生", "未成年", "托育", "婴幼儿"]),
    ("上学", &["教育", "学校", "学生", "助学"]),
    ("工作", &["就业", "创业", "岗位", "培训"]),
    ("残疾人", &["残疾"]),
    ("当兵", &["军人", "退役", "优抚", "入伍"]),
    ("军人", &["退役", "优抚", "伤残"]),
    ("困难", &["低保", "特困", "救助"]),
    ("没钱", &["低保", "特困", "救助", "困难"]),
    ("种地", &["农业", "耕地", "种粮", "粮食"]),
    ("农民", &["农村", "农业", "种粮"]),
    ("old", &["elderly", "aged", "pension", "senior"]),
    ("doctor", &["medical", "health", "hospital"]),
    ("house", &["housing", "dilapidated", "home"]),
    ("kid", &["child", "student", "minor"]),
    ("job", &["employment", "work", "training"]),
];

/// A search as typed, split into words, each with the terms it finds.
struct Query {
    /// The words, ASCII lower-cased (Chinese has no case).
    words: Vec<String>,
    /// Every word and its synonyms: an item containing any is shown.
    terms: Vec<String>,
    /// Ages asked about ("80岁", "80周岁").
    ages: Vec<u32>,
}

impl Query {
    fn new(search: &str) -> Query {
        let words: Vec<String> = search
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let mut terms = words.clone();
        let mut ages = Vec::new();
        for w in &words {
            for (word, also) in SYNONYMS {
                if contains(w, word) {
                    terms.extend(also.iter().map(|t| t.to_string()));
                }
            }
            if let Some(age) = asked_age(w) {
                ages.push(age);
            }
        }
        Query { words, terms, ages }
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether any word, synonym or age occurs in `text` (lower-cased).
    fn matches(&self, text: &str) -> bool {
        self.terms.iter().any(|t| contains(text, t)) || self.ages.iter().any(|&a| age_included(text, a))
    }
}

/// All the text an item is searched in, ASCII lower-cased: its titles, its
/// benefits' names and sentences, its office. (Items' full texts are not in
/// the widget; see the module comment.)
fn searchable(j: &Jurisdiction, it: &Item) -> String {
    let mut text = format!("{}\n{}", it.title.zh, it.title.en);
    for &e in it.entitlements.iter() {
        let e = &j.entitlements[e];
        for part in [&e.quote, &e.name.zh, &e.name.en] {
            text.push('\n');
            text.push_str(part);
        }
    }
    if let Some(o) = &it.office {
        text.push('\n');
        text.push_str(&o.zh);
        text.push('\n');
        text.push_str(&o.en);
    }
    text.to_ascii_lowercase()
}

/// "80岁", "80周岁" or "80 岁" as an age: 80.
fn asked_age(word: &str) -> Option<u32> {
    let digits = word.strip_suffix("周岁").or_else(|| word.strip_suffix('岁'))?.trim_end();
    let n = minsheng_engine::text::digits_value(digits)?;
    u32::try_from(n).ok().filter(|n| *n <= 150)
}

/// Whether an age limit written in `text` includes `age`: "60周岁以上",
/// "年满60周岁" (at least), "65周岁至79周岁" (between), "不满7周岁",
/// "16周岁以下" (under), or that very age.
fn age_included(text: &str, age: u32) -> bool {
    const YEARS: &str = "周岁";
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let rest = &text[i..];
        let Some(after) = rest.strip_prefix(YEARS) else { continue };
        let Some(n) = minsheng_engine::text::digits_value(&text[start..i]).and_then(|n| u32::try_from(n).ok()) else { continue };
        let before = &text[..start];
        let included = if after.starts_with("以上") || (before.ends_with('满') && !before.ends_with("不满")) {
            age >= n
        } else if after.starts_with("以下") {
            age <= n
        } else if before.ends_with("不满") {
            age < n
        } else if let Some(upper) = after.strip_prefix('至').and_then(|r| {
            let end = r.bytes().take_while(u8::is_ascii_digit).count();
            r[end..].starts_with(YEARS).then(|| minsheng_engine::text::digits_value(&r[..end])).flatten()
        }) {
            (n as i64..=upper).contains(&(age as i64))
        } else {
            age == n
        };
        if included {
            return true;
        }
    }
    false
}

/// "共 51 项": the number of items listed (every place's items come from
/// one document). While searching: how many were found, of how many.
fn count_line(j: &Jurisdiction, shown: usize, all: bool, lang: Lang) -> String {
    let total = j.items.len();
    match (lang, all) {
        (Lang::Zh, true) => format!("共 {total} 项"),
        (Lang::Zh, false) => format!("找到 {shown} 项（共 {total} 项）"),
        (Lang::En, true) => format!("{total} items"),
        (Lang::En, false) => format!("{shown} of {total} items found"),
    }
}

/// Whether `needle` occurs in `text`. A plain scan: the standard library's
/// substring search is far faster on long texts and far larger in the wasm,
/// and these texts are a sentence long.
fn contains(text: &str, needle: &str) -> bool {
    needle.is_empty() || text.as_bytes().windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_asked_and_age_limits_written() {
        assert_eq!(asked_age("80岁"), Some(80));
        assert_eq!(asked_age("80周岁"), Some(80));
        assert_eq!(asked_age("岁"), None);
        assert_eq!(asked_age("老人"), None);
        let pension = "将60周岁以上的参保人员……对65周岁至79周岁之间的参保人员……对80周岁以上的参保人员";
        assert!(age_included(pension, 80));
        assert!(age_included(pension, 70));
        assert!(!age_included(pension, 59));
        assert!(age_included("年满60周岁的贫困人员", 61));
        assert!(!age_included("年满60周岁的贫困人员", 59));
        assert!(age_included("65周岁至79周岁之间", 79));
        assert!(!age_included("65周岁至79周岁之间", 64));
        assert!(age_included("不满7周岁", 6));
        assert!(!age_included("不满7周岁", 7));
        assert!(!age_included("80周岁以上", 79));
    }

    #[test]
    fn any_word_and_its_synonyms() {
        let q = Query::new("残疾 儿童");
        assert!(q.matches("困难残疾人生活补贴"));
        assert!(q.matches("孤儿和事实无人抚养儿童"));
        assert!(!q.matches("城乡居民基本养老保险"));
        assert!(Query::new("老人").matches("60周岁以上的参保人员"));
        assert!(Query::new("看病").matches("城乡居民医保财政补助"));
        assert!(Query::new("房子").matches("农村危房改造"));
        assert!(Query::new("  ").is_empty());
    }
}
