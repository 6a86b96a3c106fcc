//! Answers in the URL fragment, so a link restores them exactly and no
//! answer is ever sent to a server (browsers never send the fragment).
//!
//! `#v=2&j=xx-district&age=72&hukou=rural&m=child&age=40&situations=disability&lang=en&care=1`
//!
//! The first member's answers come first, the household's among them; each
//! further member starts with `m=<relation>` (`m=` while unset) and gives
//! their own answers (a member's form does not ask the household's). A link
//! without `m` is a one-member household, as every link before households
//! was. `lang=en` and `care=1` (长辈模式, so a relative can send a parent a
//! link that opens in large text) are written only when on; links without
//! them leave the device's choice alone.
//!
//! Keys are the question ids of the answers JSON (docs/json.md) and values
//! are written as there: numbers, option ids, dates; a flags answer joins its
//! option ids with `.`. A link that cannot be read whole (cut short in a
//! chat, edited by hand) keeps every answer it can read: each one it drops
//! is counted, and marked at its question with the text it held. Links of
//! an earlier version open as that version meant them
//! (`minsheng_engine::compat`, docs/json.md).

use minsheng_engine::answers::{parse_input, raw_text};
use minsheng_engine::household::{MAX_MEMBERS, RELATIONS};
use minsheng_engine::model::QuestionSet;
use minsheng_engine::source::QuestionKind;
use minsheng_engine::{Answers, Date, Lang, QuestionId, Rules, Text, Value};

use crate::state::Member;

/// The version written; `compat::readable` says which are read.
pub const FORMAT_VERSION: u32 = minsheng_engine::compat::ANSWERS_VERSION;
/// The longest link, in characters and address included, that a chat app or
/// a text message carries whole and whose QR code still scans from a phone
/// screen. A 低保 household of `MAX_MEMBERS` like the rule cases' three
/// generations stays within it (tested below); a longer link (ten members
/// each with every situation) is still written and read, and the widget
/// says beside the QR code that it may not travel whole.
pub const MAX_LINK: usize = 2000;
/// Longer fragments are not ours and are not read: well beyond any
/// household the form can give.
const MAX_READ: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub jurisdiction: Option<String>,
    pub lang: Option<Lang>,
    /// The day the rules are applied on, when counter staff set one.
    pub as_of: Option<Date>,
    /// `care=1`: open in 长辈模式.
    pub care: bool,
    /// At least one.
    pub members: Vec<SharedMember>,
    /// What could not be read, each part of the link as it was (`age=abc`);
    /// `v` when the link gives no version it can read.
    pub dropped: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SharedMember {
    pub relation: Option<u8>,
    pub answers: Answers,
    /// Answers that could not be read, with the text they held.
    pub dropped: Vec<(QuestionId, String)>,
}

pub fn encode(rules: &Rules, jurisdiction: &str, lang: Lang, as_of: Option<Date>, care: bool, members: &[Member]) -> String {
    let mut out = format!("v={FORMAT_VERSION}&j={jurisdiction}");
    if let Some(d) = as_of {
        out.push_str(&format!("&d={d}"));
    }
    for (i, m) in members.iter().enumerate() {
        if i > 0 {
            out.push_str("&m=");
            out.push_str(m.relation.and_then(|r| RELATIONS.get(r as usize)).copied().unwrap_or(""));
        }
        for (qid, v) in m.answers.answered() {
            if qid.index() >= rules.questions.len() {
                continue;
            }
            let q = rules.questions.get(qid);
            // Flags joined with "." rather than ",", which would need escaping.
            let value = raw_text(q, v, ".");
            out.push('&');
            out.push_str(&q.id);
            out.push('=');
            out.push_str(&percent_encode(&value));
        }
    }
    if lang == Lang::En {
        out.push_str("&lang=en");
    }
    if care {
        out.push_str("&care=1");
    }
    out
}

/// What the resident is told of a link read in part.
pub struct Dropped;

impl Dropped {
    pub fn notice(dropped: &[String]) -> Option<Text> {
        let n = dropped.len();
        (n > 0).then(|| {
            Text::new(
                format!("链接中有 {n} 处无法读取（可能不完整或被改动），已略去，其余回答已恢复。"),
                format!("{n} part(s) of this link could not be read (cut short or altered?) and were left out; the other answers are restored."),
            )
        })
    }

    /// Beside a question whose answer in the link could not be read.
    pub fn field_message() -> Text {
        Text::new("链接中的这个回答无法读取，请重新填写。", "This answer in the link could not be read: please answer again.")
    }
}

/// Reads a fragment (with or without `#`). An empty fragment, or an anchor to
/// a question (`#q-age`, what the page's "answer this" links point to), is
/// `None`: no shared answers, nothing broken. Anything else gives every
/// answer that can be read, and says what was dropped.
pub fn decode(rules: &Rules, fragment: &str, today: Date) -> Option<Shared> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() || is_question_anchor(fragment) {
        return None;
    }
    let first = SharedMember { relation: Some(0), answers: Answers::new(&rules.questions), dropped: Vec::new() };
    let mut shared = Shared { jurisdiction: None, lang: None, as_of: None, care: false, members: vec![first], dropped: Vec::new() };
    if fragment.len() > MAX_READ {
        shared.dropped.push(fragment.into());
        return Some(shared);
    }
    let mut version = None;
    let mut seen = QuestionSet::default();
    for (n, pair) in fragment.split('&').enumerate() {
        let Some((key, value)) = pair.split_once('=').and_then(|(k, raw)| Some((k, percent_decode(raw)?))) else {
            shared.dropped.push(pair.into());
            continue;
        };
        match key {
            "v" if n == 0 => {
                version = minsheng_engine::text::digits_value(&value)
                    .and_then(|v| u32::try_from(v).ok())
                    .filter(|v| minsheng_engine::compat::readable(*v));
                if version.is_none() {
                    shared.dropped.push(pair.into());
                }
            }
            "j" if shared.jurisdiction.is_none() && rules.jurisdiction(&value).is_some() => shared.jurisdiction = Some(value),
            "d" if shared.as_of.is_none() && value.parse::<Date>().is_ok() => shared.as_of = value.parse::<Date>().ok(),
            "care" if !shared.care && value == "1" => shared.care = true,
            "lang" if shared.lang.is_none() && Lang::from_code(&value).is_some() => shared.lang = Lang::from_code(&value),
            "m" if shared.members.len() < MAX_MEMBERS => {
                // An unknown relation keeps the member, relation unset.
                let relation = RELATIONS.iter().position(|r| *r == value).map(|i| i as u8);
                if relation.is_none() && !value.is_empty() {
                    shared.dropped.push(pair.into());
                }
                shared.members.push(SharedMember { relation, answers: Answers::new(&rules.questions), dropped: Vec::new() });
                seen = QuestionSet::default();
            }
            _ => {
                let Some(qid) = rules.questions.find(key).filter(|q| !seen.contains(*q)) else {
                    // Unknown, a second answer to one question, or a bad `j`, `d`, `care`, `lang`.
                    shared.dropped.push(pair.into());
                    continue;
                };
                seen.insert(qid);
                let q = rules.questions.get(qid);
                // Option ids as this link's version meant them.
                let v = version.unwrap_or(FORMAT_VERSION);
                let upgrade = |id: &str| minsheng_engine::compat::option_id(v, key, id).to_owned();
                let parsed = match q.kind {
                    QuestionKind::Flags if value.is_empty() => Ok(Some(Value::Flags(0))),
                    QuestionKind::Flags => {
                        let ids: Vec<String> = value.split('.').map(upgrade).collect();
                        parse_input(q, &ids.join(","), Some(today))
                    }
                    QuestionKind::Choice => parse_input(q, &upgrade(&value), Some(today)),
                    _ => parse_input(q, &value, Some(today)),
                };
                let member = shared.members.last_mut().expect("at least one member");
                match parsed {
                    Ok(Some(v)) => member.answers.set(qid, Some(v)),
                    _ => {
                        shared.dropped.push(pair.into());
                        // A text box shows what the link held, to correct; a
                        // choice has nothing to show.
                        let shown = matches!(q.kind, QuestionKind::Integer | QuestionKind::Money | QuestionKind::Date);
                        member.dropped.push((qid, if shown { value } else { String::new() }));
                    }
                }
            }
        }
    }
    if version.is_none() && !fragment.starts_with("v=") {
        shared.dropped.push("v".into());
    }
    Some(shared)
}

/// `q-<id>`: the id of a question's element in the page (src/view/questions.rs),
/// possibly followed by an option id. Never a share link, which always has `=`.
fn is_question_anchor(fragment: &str) -> bool {
    fragment
        .strip_prefix("q-")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
}

/// Escapes everything but unreserved URL characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                out.push(minsheng_engine::text::hex_byte(bytes.get(i + 1..i + 3)?)?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::rules;
    use crate::state::{Action, State};

    fn today() -> Date {
        Date::new(2025, 6, 1).unwrap()
    }

    fn answers(rules: &Rules, pairs: &[(&str, &str)]) -> Answers {
        let mut a = Answers::new(&rules.questions);
        for (k, v) in pairs {
            let q = rules.questions.find(k).unwrap();
            a.set(q, parse_input(rules.questions.get(q), v, Some(today())).unwrap());
        }
        a
    }

    /// One member ("self") with these answers.
    fn one(rules: &'static Rules, a: Answers) -> Vec<Member> {
        let mut s = State::new(rules, Lang::Zh, today());
        s.members[0].answers = a;
        s.members
    }

    fn decoded(rules: &Rules, link: &str) -> Shared {
        decode(rules, link, today()).expect("a link")
    }

    #[test]
    fn round_trips_every_kind_of_answer() {
        let rules = rules().expect("embedded rules read back");
        let mut a = answers(
            rules,
            &[
                ("age", "66"),
                ("sex", "female"),
                ("situations", "disability,military"),
                ("household_income", "1200.5"),
                ("discharge_date", "2025-01-10"),
            ],
        );
        a.set(rules.questions.find("crops").unwrap(), Some(Value::Flags(0)));
        let link = encode(rules, "town", Lang::En, None, false, &one(rules, a.clone()));
        assert_eq!(
            link,
            "v=2&j=town&age=66&sex=female&situations=disability.military&household_income=1200.5&discharge_date=2025-01-10&crops=&lang=en"
        );
        let back = decoded(rules, &format!("#{link}"));
        assert_eq!(back.members.len(), 1);
        assert_eq!(back.members[0].answers, a);
        assert_eq!(back.jurisdiction.as_deref(), Some("town"));
        assert_eq!(back.lang, Some(Lang::En));
        assert!(back.dropped.is_empty());
    }

    #[test]
    fn a_household_round_trips_with_each_members_relation_and_answers() {
        let rules = rules().expect("embedded rules read back");
        let mut s = State::new(rules, Lang::Zh, today());
        let input = |s: &State, id: &str, raw: &str| s.apply(Action::Input { q: rules.questions.find(id).unwrap(), raw: raw.into() });
        s = input(&s, "age", "72");
        s = input(&s, "hukou", "rural");
        s = s.apply(Action::AddMember).apply(Action::Relation("child".into()));
        s = input(&s, "age", "40");
        s = s.apply(Action::AddMember);
        s = input(&s, "age", "9");
        let link = s.fragment();
        assert_eq!(link, "v=2&j=xx-district&age=72&hukou=rural&m=child&age=40&m=&age=9");
        let back = decoded(rules, &link);
        assert_eq!(back.members.iter().map(|m| m.relation).collect::<Vec<_>>(), [Some(0), Some(3), None]);
        assert_eq!(back.members[2].answers, answers(rules, &[("age", "9")]));
        assert!(back.dropped.is_empty());
    }

    #[test]
    fn a_large_household_stays_within_what_a_chat_app_carries() {
        // Ten members as in the three-generation household of the rule
        // cases (a pensioner, a son with a grade-1 disability, an orphaned
        // grandchild), again and again, in a 低保 household: the link, with
        // a long address before it, is within MAX_LINK.
        let rules = rules().expect("embedded rules read back");
        let mut s = State::new(rules, Lang::En, today());
        let household = [
            ("hukou", "rural"), ("residence", "local"), ("situations", "assistance"), ("assistance_kind", "dibao"),
            ("household_members", "10"), ("household_income", "1234.56"),
        ];
        let members: [(&str, &[(&str, &str)]); 3] = [
            ("parent", &[("age", "72"), ("sex", "female"), ("pension_scheme", "resident"), ("medical_insurance", "resident"), ("self_care", "full")]),
            ("child", &[
                ("age", "40"), ("sex", "male"), ("pension_scheme", "resident"), ("medical_insurance", "resident"), ("situations", "disability"),
                ("disability_grade", "1"), ("disability_category", "physical"), ("self_care", "full"),
            ]),
            ("grandchild", &[("age", "9"), ("sex", "female"), ("medical_insurance", "resident"), ("situations", "child_without_carers"), ("child_status", "scattered_orphan")]),
        ];
        for i in 0..MAX_MEMBERS {
            let (relation, answers) = members[i % 3];
            if i > 0 {
                s = s.apply(Action::AddMember).apply(Action::Relation(relation.into()));
            } else {
                for (id, raw) in household {
                    s = s.apply(Action::Input { q: rules.questions.find(id).unwrap(), raw: raw.into() });
                }
            }
            for (id, raw) in answers {
                s = s.apply(Action::Input { q: rules.questions.find(id).unwrap(), raw: (*raw).into() });
            }
        }
        let url = format!("https://widget.example.gov.cn/minsheng/index.html#{}", s.fragment());
        assert!(url.len() <= MAX_LINK, "{} characters", url.len());
        let back = decoded(rules, &s.fragment());
        assert_eq!(back.members.len(), MAX_MEMBERS);
        assert!(back.dropped.is_empty(), "{:?}", back.dropped);
        assert_eq!(back.members[9].answers, s.members[9].answers);
    }

    #[test]
    fn a_version_1_link_opens_with_its_dibao_read_as_applying() {
        // Version 1's one 低保 option meant "receiving or applying, by income".
        let rules = rules().expect("embedded rules read back");
        let back = decoded(rules, "v=1&j=xx-district&situations=assistance&assistance_kind=dibao.tekun&household_members=2");
        let q = rules.questions.find("assistance_kind").unwrap();
        let options = &rules.questions.get(q).options;
        let Some(Value::Flags(bits)) = back.members[0].answers.get(q) else { panic!("assistance_kind kept") };
        let ids: Vec<&str> = (0..64).filter(|i| bits & (1 << i) != 0).map(|i| options[i].id.as_ref()).collect();
        assert_eq!(ids, ["tekun", "dibao_applying"]);
        assert_eq!(back.members[0].answers.get(rules.questions.find("household_members").unwrap()), Some(Value::Int(2)));
        // Written again, it is a version-2 link that means the same.
        let again = encode(rules, "xx-district", Lang::Zh, None, false, &one(rules, back.members[0].answers.clone()));
        assert!(again.starts_with("v=2&") && again.contains("assistance_kind=tekun.dibao_applying"), "{again}");
    }

    #[test]
    fn the_as_of_date_round_trips() {
        let rules = rules().expect("embedded rules read back");
        let d = Date::new(2024, 6, 1).unwrap();
        let link = encode(rules, "xx-district", Lang::Zh, Some(d), false, &one(rules, answers(rules, &[("age", "63")])));
        assert_eq!(link, "v=2&j=xx-district&d=2024-06-01&age=63");
        assert_eq!(decoded(rules, &link).as_of, Some(d));
        let bad = decoded(rules, "v=2&d=2024-13-01&age=63");
        assert_eq!((bad.as_of, bad.dropped.len()), (None, 1));
    }

    #[test]
    fn empty_fragment_is_no_link() {
        let rules = rules().expect("embedded rules read back");
        assert_eq!(decode(rules, "", today()), None);
        assert_eq!(decode(rules, "#", today()), None);
    }

    #[test]
    fn a_question_anchor_is_no_link() {
        // `#q-<id>` jumps to a question inside the page ("answer X" links); opened
        // in a new tab it must not read as a broken share link and clear the answers.
        let rules = rules().expect("embedded rules read back");
        for anchor in ["#q-age", "q-age", "#q-situations-military", "#q-no_longer_asked"] {
            assert_eq!(decode(rules, anchor, today()), None, "{anchor}");
        }
        // Only a plain anchor: anything with a key or a separator is a link, read as one.
        for bad in ["#q-age=66", "#q-age&v=1", "#q-", "#q-age%20"] {
            assert!(!decoded(rules, bad).dropped.is_empty(), "{bad} should report what it dropped");
        }
    }

    #[test]
    fn a_damaged_link_keeps_every_answer_it_can_read() {
        let rules = rules().expect("embedded rules read back");
        // Each drops one part, for its own reason, and keeps the sex.
        for (bad, why) in [
            ("v=3&sex=male", "v=3"),
            ("v=0&sex=male", "v=0"),
            ("sex=male", "v"),
            ("v=2&age=-3&sex=male", "age=-3"),
            ("v=1&age=abc&sex=male", "age=abc"),
            ("v=1&sex=male&sex=female", "sex=female"),
            ("v=1&j=atlantis&sex=male", "j=atlantis"),
            ("v=1&sex=male&unknown=1", "unknown=1"),
            ("v=1&age&sex=male", "age"),
            ("v=1&age=%ZZ&sex=male", "age=%ZZ"),
            ("v=1&discharge_date=2099-01-01&sex=male", "discharge_date=2099-01-01"),
            ("v=1&service_months=12&sex=male", "service_months=12"),
            ("v=1&situations=disability.flying&sex=male", "situations=disability.flying"),
            ("v=1&household_income=-5&sex=male", "household_income=-5"),
            ("v=2&care=2&sex=male", "care=2"),
            ("v=2&sex=male&m=cousin", "m=cousin"),
        ] {
            let back = decoded(rules, bad);
            assert_eq!(back.dropped, [why.to_owned()], "{bad}");
            assert_eq!(back.members[0].answers, answers(rules, &[("sex", "male")]), "{bad}");
        }
        // A text box gets back what the link held, to correct.
        let back = decoded(rules, "v=2&age=7x");
        assert_eq!(back.members[0].dropped, [(rules.questions.find("age").unwrap(), "7x".to_owned())]);
        // Longer than any link the widget writes: not read at all, and said so.
        let long = format!("v=2&age=66&{}", "x".repeat(MAX_READ));
        assert_eq!(decoded(rules, &long).dropped.len(), 1);
    }

    #[test]
    fn garbage_fragments_never_panic() {
        let rules = rules().expect("embedded rules read back");
        // A small deterministic generator: no extra dependency for a fuzz-style sweep.
        let alphabet: Vec<char> = "v=1&j-_.%#age6zxé中\u{0}=&&%2m".chars().collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let s: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            if let Some(shared) = decode(rules, &s, today()) {
                assert!(!shared.members.is_empty() && shared.members.len() <= MAX_MEMBERS);
            }
        }
        let _ = decode(rules, &"&m=".repeat(600), today());
    }
}
