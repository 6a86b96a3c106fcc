//! Answers in the URL fragment, so a link restores them exactly and no
//! answer is ever sent to a server (browsers never send the fragment).
//!
//! `#v=2&j=xx-district&age=66&situations=disability.military&lang=en&care=1`
//!
//! `lang=en` and `care=1` (长辈模式, so a relative can send a parent a link
//! that opens in large text) are written only when on; links without them,
//! older ones included, read as before and leave the device's choice alone.
//!
//! Keys are the question ids of the answers JSON (docs/json.md) and values
//! are written as there: numbers, option ids, dates; a flags answer joins its
//! option ids with `.`. Anything unexpected makes the whole link invalid:
//! restoring half of a tampered link could show a resident the wrong result.
//! Links of an earlier version open as that version meant them
//! (`minsheng_engine::compat`, docs/json.md).

use minsheng_engine::answers::{parse_input, raw_text};
use minsheng_engine::model::QuestionSet;
use minsheng_engine::source::QuestionKind;
use minsheng_engine::{Answers, Date, Lang, Rules, Text, Value};

/// The version written; `compat::readable` says which are read.
pub const FORMAT_VERSION: u32 = minsheng_engine::compat::ANSWERS_VERSION;
/// Longer fragments are not ours; refuse them before any work.
const MAX_LEN: usize = 4096;

#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub jurisdiction: Option<String>,
    pub lang: Option<Lang>,
    /// The day the rules are applied on, when counter staff set one.
    pub as_of: Option<Date>,
    /// `care=1`: open in 长辈模式.
    pub care: bool,
    pub answers: Answers,
}

pub fn encode(rules: &Rules, jurisdiction: &str, lang: Lang, as_of: Option<Date>, care: bool, answers: &Answers) -> String {
    let mut out = format!("v={FORMAT_VERSION}&j={jurisdiction}");
    if let Some(d) = as_of {
        out.push_str(&format!("&d={d}"));
    }
    for (qid, v) in answers.answered() {
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
    if lang == Lang::En {
        out.push_str("&lang=en");
    }
    if care {
        out.push_str("&care=1");
    }
    out
}

/// Why a link could not be restored. Shown to the resident in short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink(pub String);

impl BrokenLink {
    pub fn notice() -> Text {
        Text::new("链接已损坏或被改动，无法恢复答案，请重新填写。", "This link is broken or was altered, so its answers cannot be restored. Please start again.")
    }
}

/// Reads a fragment (with or without `#`). An empty fragment, or an anchor to
/// a question (`#q-age`, what the page's "answer this" links point to), is
/// `Ok(None)`: no shared answers, nothing broken.
pub fn decode(rules: &Rules, fragment: &str, today: Date) -> Result<Option<Shared>, BrokenLink> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() || is_question_anchor(fragment) {
        return Ok(None);
    }
    if fragment.len() > MAX_LEN {
        return Err(BrokenLink("too long".into()));
    }
    let mut shared = Shared { jurisdiction: None, lang: None, as_of: None, care: false, answers: Answers::new(&rules.questions) };
    let mut version = None;
    let mut seen = QuestionSet::default();
    for (n, pair) in fragment.split('&').enumerate() {
        let (key, raw) = pair.split_once('=').ok_or_else(|| BrokenLink(format!("`{pair}` is not key=value")))?;
        let value = percent_decode(raw).ok_or_else(|| BrokenLink(format!("bad escape in `{key}`")))?;
        match key {
            "v" if n == 0 => {
                let v = minsheng_engine::text::digits_value(&value)
                    .and_then(|v| u32::try_from(v).ok())
                    .filter(|v| minsheng_engine::compat::readable(*v));
                version = Some(v.ok_or_else(|| BrokenLink(format!("link version {value}")))?);
            }
            "j" if shared.jurisdiction.is_none() => {
                if rules.jurisdiction(&value).is_none() {
                    return Err(BrokenLink(format!("unknown jurisdiction `{value}`")));
                }
                shared.jurisdiction = Some(value);
            }
            "d" if shared.as_of.is_none() => {
                shared.as_of = Some(value.parse::<Date>().map_err(|_| BrokenLink(format!("date `{value}`")))?);
            }
            "care" if !shared.care => {
                if value != "1" {
                    return Err(BrokenLink(format!("care `{value}`")));
                }
                shared.care = true;
            }
            "lang" if shared.lang.is_none() => {
                shared.lang = Some(Lang::from_code(&value).ok_or_else(|| BrokenLink(format!("language `{value}`")))?);
            }
            _ => {
                let qid = rules.questions.find(key).ok_or_else(|| BrokenLink(format!("unknown key `{key}`")))?;
                if seen.contains(qid) {
                    return Err(BrokenLink(format!("`{key}` twice")));
                }
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
                match parsed {
                    Ok(Some(v)) => shared.answers.set(qid, Some(v)),
                    _ => return Err(BrokenLink(format!("bad value for `{key}`"))),
                }
            }
        }
    }
    if version.is_none() {
        return Err(BrokenLink("no version".into()));
    }
    Ok(Some(shared))
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

    #[test]
    fn round_trips_every_kind_of_answer() {
        let rules = rules().expect("embedded rules read back");
        let a = answers(
            rules,
            &[
                ("age", "66"),
                ("sex", "female"),
                ("situations", "disability,military"),
                ("household_income", "1200.5"),
                ("discharge_date", "2025-01-10"),
                ("crops", ""),
            ],
        );
        let mut a = a;
        a.set(rules.questions.find("crops").unwrap(), Some(Value::Flags(0)));
        let link = encode(rules, "town", Lang::En, None, false, &a);
        assert_eq!(
            link,
            "v=2&j=town&age=66&sex=female&situations=disability.military&household_income=1200.5&discharge_date=2025-01-10&crops=&lang=en"
        );
        let back = decode(rules, &format!("#{link}"), today()).unwrap().unwrap();
        assert_eq!(back.answers, a);
        assert_eq!(back.jurisdiction.as_deref(), Some("town"));
        assert_eq!(back.lang, Some(Lang::En));
    }

    #[test]
    fn a_version_1_link_opens_with_its_dibao_read_as_applying() {
        // Version 1's one 低保 option meant "receiving or applying, by income".
        let rules = rules().expect("embedded rules read back");
        let back = decode(rules, "v=1&j=xx-district&situations=assistance&assistance_kind=dibao.tekun&household_members=2", today())
            .unwrap()
            .unwrap();
        let q = rules.questions.find("assistance_kind").unwrap();
        let options = &rules.questions.get(q).options;
        let Some(Value::Flags(bits)) = back.answers.get(q) else { panic!("assistance_kind kept") };
        let ids: Vec<&str> = (0..64).filter(|i| bits & (1 << i) != 0).map(|i| options[i].id.as_ref()).collect();
        assert_eq!(ids, ["tekun", "dibao_applying"]);
        assert_eq!(back.answers.get(rules.questions.find("household_members").unwrap()), Some(Value::Int(2)));
        // Written again, it is a version-2 link that means the same.
        let again = encode(rules, "xx-district", Lang::Zh, None, false, &back.answers);
        assert!(again.starts_with("v=2&") && again.contains("assistance_kind=tekun.dibao_applying"), "{again}");
    }

    #[test]
    fn the_as_of_date_round_trips() {
        let rules = rules().expect("embedded rules read back");
        let a = answers(rules, &[("age", "63")]);
        let d = Date::new(2024, 6, 1).unwrap();
        let link = encode(rules, "xx-district", Lang::Zh, Some(d), false, &a);
        assert_eq!(link, "v=2&j=xx-district&d=2024-06-01&age=63");
        let back = decode(rules, &link, today()).unwrap().unwrap();
        assert_eq!(back.as_of, Some(d));
        assert!(decode(rules, "v=2&d=2024-13-01", today()).is_err());
    }

    #[test]
    fn empty_fragment_is_no_link() {
        let rules = rules().expect("embedded rules read back");
        assert_eq!(decode(rules, "", today()), Ok(None));
        assert_eq!(decode(rules, "#", today()), Ok(None));
    }

    #[test]
    fn a_question_anchor_is_no_link() {
        // `#q-<id>` jumps to a question inside the page ("answer X" links); opened
        // in a new tab it must not read as a broken share link and clear the answers.
        let rules = rules().expect("embedded rules read back");
        for anchor in ["#q-age", "q-age", "#q-situations-military", "#q-no_longer_asked"] {
            assert_eq!(decode(rules, anchor, today()), Ok(None), "{anchor}");
        }
        // Only a plain anchor: anything with a key or a separator is still a link, checked whole.
        for bad in ["#q-age=66", "#q-age&v=1", "#q-", "#q-age%20"] {
            assert!(decode(rules, bad, today()).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn tampered_links_are_refused_whole() {
        let rules = rules().expect("embedded rules read back");
        // Each refused for its own reason, not for some other fault.
        for (bad, why) in [
            ("v=3&age=66", "link version 3"),
            ("v=0&age=66", "link version 0"),
            ("age=66", "no version"),
            ("v=2&age=-3", "bad value for `age`"),
            ("v=1&age=abc", "bad value for `age`"),
            ("v=1&age=66&age=67", "`age` twice"),
            ("v=1&j=atlantis", "unknown jurisdiction `atlantis`"),
            ("v=1&sex=robot", "bad value for `sex`"),
            ("v=1&unknown=1", "unknown key `unknown`"),
            ("v=1&age", "`age` is not key=value"),
            ("v=1&age=%ZZ", "bad escape in `age`"),
            ("v=1&discharge_date=2099-01-01", "bad value for `discharge_date`"),
            ("v=1&service_months=12", "bad value for `service_months`"),
            ("v=1&situations=disability.flying", "bad value for `situations`"),
            ("v=1&household_income=-5", "bad value for `household_income`"),
            ("v=2&d=2024-13-01", "date `2024-13-01`"),
            ("v=2&care=2", "care `2`"),
        ] {
            assert_eq!(decode(rules, bad, today()), Err(BrokenLink(why.into())), "{bad}");
        }
    }

    #[test]
    fn garbage_fragments_never_panic() {
        let rules = rules().expect("embedded rules read back");
        // A small deterministic generator: no extra dependency for a fuzz-style sweep.
        let alphabet: Vec<char> = "v=1&j-_.%#age6zxé中\u{0}=&&%2".chars().collect();
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
            let _ = decode(rules, &s, today());
        }
        let _ = decode(rules, &"&".repeat(10_000), today());
    }
}
