//! The widget's state and every change to it, as one `match`.
//!
//! No DOM here: the reducer and the share-link logic are tested natively.
//! Results are not stored: they are derived from the answers on each render
//! (evaluation takes microseconds), so they can never go stale.

use minsheng_engine::answers::{parse_input, raw_text};
use minsheng_engine::{Answers, Date, Jurisdiction, Lang, QuestionId, Rules, Text, Value};

use crate::share;

/// What a copy to the clipboard did.
#[derive(Debug, Clone, PartialEq)]
pub struct Copied {
    /// Said beside the copy buttons, and read out by screen readers.
    pub message: Text,
    /// When the clipboard refused: the text, shown for the resident to
    /// select and copy by hand.
    pub fallback: Option<String>,
}

/// The embedded rules, read once for the page's life: two states hold the
/// same rules exactly when they hold the same reference.
#[derive(Debug, Clone, Copy)]
pub struct RulesRef(pub &'static Rules);

impl PartialEq for RulesRef {
    fn eq(&self, other: &RulesRef) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl std::ops::Deref for RulesRef {
    type Target = Rules;
    fn deref(&self) -> &Rules {
        self.0
    }
}

/// Derived equality decides whether an action re-renders: every field
/// counts, so a new one can never be forgotten.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub rules: RulesRef,
    /// Index into `rules.jurisdictions`.
    pub jurisdiction: usize,
    pub lang: Lang,
    /// What the resident typed or picked, per question, kept even when it is
    /// invalid so the field shows it beside its message.
    pub inputs: Vec<String>,
    /// The valid answers only.
    pub answers: Answers,
    /// A message per question whose input is invalid.
    pub errors: Vec<Option<Text>>,
    /// A short notice at the top, e.g. after a broken share link.
    pub notice: Option<Text>,
    /// What the last copy did, said beside the copy buttons. Cleared when
    /// an answer changes, since the copied text no longer matches.
    pub copied: Option<Copied>,
    pub today: Date,
    /// The day the rules are applied on, when counter staff set one (kept
    /// in the share link); else today.
    pub as_of: Option<Date>,
    /// 长辈模式: larger text and targets, stronger contrast, plainer words.
    /// Remembered on the device.
    pub care: bool,
    /// Inside a portal's iframe: the widget's own header is hidden.
    pub embedded: bool,
    /// False for the first render, which draws only the form: results
    /// follow in the next task (see `App`).
    pub started: bool,
    /// The page is being printed: the printed summary is drawn only then,
    /// not rebuilt on every keystroke.
    pub printing: bool,
    /// The folded list of what does not apply is open: its reasons are
    /// worded only then.
    pub not_open: bool,
}


#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Typed text, a picked option id, or a date.
    Input { q: QuestionId, raw: String },
    /// One option of a flags question ticked or unticked.
    Toggle { q: QuestionId, option: u8, on: bool },
    /// "None of these" for a flags question: answered, with nothing ticked.
    NoneOf { q: QuestionId },
    Jurisdiction(String),
    Lang(Lang),
    /// The URL fragment changed (page load, pasted link, back button).
    Restore(String),
    Reset,
    DismissNotice,
    /// The clipboard accepted or refused a copy (reported once the browser
    /// has answered, never before).
    Copied(Copied),
    /// The "as of" date typed (`YYYY-MM-DD`); empty for today.
    AsOf(String),
    Care(bool),
    /// The first render is on screen: draw everything from now on.
    Started,
    /// The browser is about to print (true) or has printed (false).
    Printing(bool),
    /// The list of what does not apply was opened (true) or folded.
    NotOpen(bool),
}

impl State {
    pub fn new(rules: &'static Rules, lang: Lang, today: Date) -> State {
        let n = rules.questions.len();
        let jurisdiction = rules
            .default_jurisdiction()
            .and_then(|d| rules.jurisdictions.iter().position(|j| j.id == d.id))
            .unwrap_or(0);
        State {
            answers: Answers::new(&rules.questions),
            rules: RulesRef(rules),
            jurisdiction,
            lang,
            inputs: vec![String::new(); n],
            errors: vec![None; n],
            notice: None,
            copied: None,
            today,
            as_of: None,
            care: false,
            embedded: false,
            started: false,
            printing: false,
            not_open: false,
        }
    }

    pub fn jurisdiction(&self) -> &Jurisdiction {
        &self.rules.jurisdictions[self.jurisdiction]
    }

    /// The day the rules are applied on.
    pub fn date(&self) -> Date {
        self.as_of.unwrap_or(self.today)
    }

    /// The fragment that restores this state.
    pub fn fragment(&self) -> String {
        share::encode(&self.rules, &self.jurisdiction().id, self.lang, self.as_of, self.care, &self.answers)
    }

    /// Picks the plan of the place `id` in force on the current date.
    fn select_place(&mut self, id: &str) {
        let date = self.date();
        if let Some(j) = self.rules.jurisdiction_on(id, date) {
            if let Some(i) = self.rules.jurisdictions.iter().position(|x| std::ptr::eq(x, j)) {
                self.jurisdiction = i;
            }
        }
    }

    pub fn apply(&self, action: Action) -> State {
        let mut s = self.clone();
        match action {
            Action::Input { q, raw } => s.input(q, raw),
            Action::Toggle { q, option, on } => {
                let bits = match s.answers.get(q) {
                    Some(Value::Flags(b)) => b,
                    _ => 0,
                };
                let bits = if on { bits | (1u64 << option) } else { bits & !(1u64 << option) };
                s.set_flags(q, bits);
            }
            Action::NoneOf { q } => s.set_flags(q, 0),
            Action::Jurisdiction(id) => s.select_place(&id),
            Action::Lang(lang) => s.lang = lang,
            Action::Restore(fragment) => {
                if fragment.trim_start_matches('#') == s.fragment() {
                    return s; // our own update coming back: nothing to restore
                }
                match share::decode(&s.rules, &fragment, s.today) {
                    Ok(None) => {}
                    Ok(Some(shared)) => {
                        let mut fresh = s.emptied();
                        fresh.lang = shared.lang.unwrap_or(s.lang);
                        fresh.as_of = shared.as_of;
                        // A link may turn care mode on, never off: without
                        // `care=1` the device's own choice stands.
                        fresh.care = shared.care || s.care;
                        if let Some(j) = shared.jurisdiction {
                            fresh = fresh.apply(Action::Jurisdiction(j));
                        }
                        for (q, v) in shared.answers.answered() {
                            fresh.answers.set(q, Some(v));
                            fresh.inputs[q.index()] = display_input(&fresh.rules, q, v);
                        }
                        return fresh;
                    }
                    Err(_) => {
                        let mut fresh = s.emptied();
                        fresh.notice = Some(share::BrokenLink::notice());
                        return fresh;
                    }
                }
            }
            Action::Reset => return s.emptied(),
            Action::DismissNotice => s.notice = None,
            Action::Copied(c) => {
                s.copied = Some(c);
                return s;
            }
            Action::AsOf(raw) => {
                // A date input gives a valid date or nothing; nothing is today.
                s.as_of = raw.trim().parse::<Date>().ok();
                let id = s.jurisdiction().id.to_string();
                s.select_place(&id);
            }
            Action::Care(on) => s.care = on,
            Action::Started => s.started = true,
            Action::Printing(on) => {
                s.printing = on;
                return s;
            }
            Action::NotOpen(open) => {
                s.not_open = open;
                return s;
            }
        }
        // Every other change may change the text that was copied.
        s.copied = None;
        s
    }

    /// No answers, but the same place, language and device settings.
    fn emptied(&self) -> State {
        let mut fresh = State::new(self.rules.0, self.lang, self.today);
        fresh.jurisdiction = self.jurisdiction;
        fresh.as_of = self.as_of;
        fresh.care = self.care;
        fresh.embedded = self.embedded;
        fresh.started = self.started;
        fresh.not_open = self.not_open;
        fresh
    }

    fn input(&mut self, q: QuestionId, raw: String) {
        let Some(slot) = self.inputs.get_mut(q.index()) else { return };
        let question = self.rules.questions.get(q);
        match parse_input(question, &raw, Some(self.today)) {
            Ok(v) => {
                self.answers.set(q, v);
                self.errors[q.index()] = None;
            }
            Err(msg) => {
                // The bad value is not used; every other answer stays.
                self.answers.set(q, None);
                self.errors[q.index()] = Some(msg);
            }
        }
        *slot = raw;
    }

    fn set_flags(&mut self, q: QuestionId, bits: u64) {
        if q.index() >= self.inputs.len() {
            return;
        }
        self.answers.set(q, Some(Value::Flags(bits)));
        self.inputs[q.index()] = display_input(&self.rules, q, Value::Flags(bits));
        self.errors[q.index()] = None;
    }
}

/// The raw input that would give this answer, to refill the form.
fn display_input(rules: &Rules, q: QuestionId, v: Value) -> String {
    raw_text(rules.questions.get(q), v, ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::rules;

    fn state() -> State {
        State::new(rules().expect("embedded rules read back"), Lang::Zh, Date::new(2025, 6, 1).unwrap())
    }

    fn q(s: &State, id: &str) -> QuestionId {
        s.rules.questions.find(id).unwrap()
    }

    fn input(s: &State, id: &str, raw: &str) -> State {
        s.apply(Action::Input { q: q(s, id), raw: raw.into() })
    }

    #[test]
    fn starts_in_the_default_jurisdiction_with_nothing_answered() {
        let s = state();
        assert_eq!(s.jurisdiction().id, "xx-district");
        assert!(s.answers.is_empty());
    }

    #[test]
    fn a_bad_age_shows_a_message_and_keeps_other_answers() {
        let s = state();
        let s = input(&s, "hukou", "urban");
        let s = input(&s, "age", "66");
        let s = input(&s, "age", "abc");
        assert_eq!(s.inputs[q(&s, "age").index()], "abc");
        assert_eq!(s.answers.get(q(&s, "age")), None);
        assert!(s.errors[q(&s, "age").index()].as_ref().unwrap().zh.contains("0到120"));
        assert_eq!(s.answers.get(q(&s, "hukou")), Some(Value::Choice(0)));
        let s = input(&s, "age", "-3");
        assert!(s.errors[q(&s, "age").index()].is_some());
        let s = input(&s, "age", "６６");
        assert_eq!(s.answers.get(q(&s, "age")), Some(Value::Int(66)));
        assert!(s.errors[q(&s, "age").index()].is_none());
    }

    #[test]
    fn future_discharge_dates_and_negative_income_are_refused() {
        let s = state();
        let s = input(&s, "discharge_date", "2025-06-02");
        assert_eq!(s.errors[q(&s, "discharge_date").index()].as_ref().unwrap().en, "The date cannot be in the future");
        let s = input(&s, "household_income", "-1");
        assert!(s.errors[q(&s, "household_income").index()].is_some());
        let s = input(&s, "service_months", "12");
        assert!(s.errors[q(&s, "service_months").index()].is_some());
    }

    #[test]
    fn every_field_decides_whether_an_action_re_renders() {
        // Equality is derived: an action that changes only the as-of date
        // (a field added late) still makes a new state.
        let s = state();
        let later = s.apply(Action::AsOf("2024-06-01".into()));
        assert_ne!(s, later);
        assert_eq!(later, later.apply(Action::AsOf("2024-06-01".into())));
    }

    #[test]
    fn ticking_and_unticking_flags() {
        let s = state();
        let sit = q(&s, "situations");
        let s = s.apply(Action::Toggle { q: sit, option: 0, on: true });
        let s = s.apply(Action::Toggle { q: sit, option: 1, on: true });
        assert_eq!(s.answers.get(sit), Some(Value::Flags(0b11)));
        assert_eq!(s.inputs[sit.index()], "disability,disability_diagnosed");
        let s = s.apply(Action::Toggle { q: sit, option: 0, on: false });
        assert_eq!(s.answers.get(sit), Some(Value::Flags(0b10)));
        let s = s.apply(Action::NoneOf { q: sit });
        assert_eq!(s.answers.get(sit), Some(Value::Flags(0)));
    }

    #[test]
    fn a_share_link_restores_the_same_state() {
        let s = state();
        let s = s.apply(Action::Jurisdiction("province".into()));
        let s = input(&s, "age", "66");
        let s = input(&s, "pension_scheme", "resident");
        let s = s.apply(Action::Lang(Lang::En));
        let link = s.fragment();
        let back = state().apply(Action::Restore(format!("#{link}")));
        assert_eq!(back.answers, s.answers);
        assert_eq!(back.inputs, s.inputs);
        assert_eq!(back.jurisdiction().id, "province");
        assert_eq!(back.lang, Lang::En);
        assert_eq!(back.notice, None);
    }

    #[test]
    fn a_broken_link_gives_a_notice_and_an_empty_form() {
        let s = input(&state(), "age", "66");
        let s = s.apply(Action::Restore("#v=1&age=1000".into()));
        assert!(s.answers.is_empty());
        assert!(s.notice.is_some());
        let s = s.apply(Action::DismissNotice);
        assert!(s.notice.is_none());
    }

    #[test]
    fn care_mode_and_embedding_survive_links_and_resets() {
        let mut s = state().apply(Action::Care(true));
        s.embedded = true;
        let s = input(&s, "age", "70").apply(Action::Restore("#v=1&age=80".into()));
        assert!(s.care && s.embedded);
        assert_eq!(s.answers.get(q(&s, "age")), Some(Value::Int(80)));
        let s = s.apply(Action::Restore("#garbage".into()));
        assert!(s.care && s.embedded && s.notice.is_some());
        let s = s.apply(Action::Reset);
        assert!(s.care && s.embedded);
    }

    #[test]
    fn what_a_copy_said_goes_when_an_answer_changes() {
        let copied = Copied { message: Text::new("摘要已复制", "Summary copied"), fallback: None };
        let s = input(&state(), "age", "70").apply(Action::Copied(copied.clone()));
        assert_eq!(s.copied, Some(copied));
        let s = input(&s, "age", "71");
        assert_eq!(s.copied, None);
    }

    #[test]
    fn care_mode_travels_in_the_share_link() {
        let s = input(&state(), "age", "70").apply(Action::Care(true));
        assert!(s.fragment().ends_with("&care=1"));
        let back = state().apply(Action::Restore(format!("#{}", s.fragment())));
        assert!(back.care);
        assert_eq!(back.answers, s.answers);
        // An older link, without the key: answers restored, care mode as on the device.
        let old = state().apply(Action::Restore("#v=1&j=xx-district&age=70".into()));
        assert!(!old.care && old.notice.is_none());
        assert_eq!(old.answers, s.answers);
        let kept = state().apply(Action::Care(true)).apply(Action::Restore("#v=1&j=xx-district&age=70".into()));
        assert!(kept.care);
        // Anything but 1 is a tampered link.
        assert!(state().apply(Action::Restore("#v=1&care=yes".into())).notice.is_some());
    }

    #[test]
    fn reset_clears_answers_but_keeps_the_place() {
        let s = state().apply(Action::Jurisdiction("town".into()));
        let s = input(&s, "age", "70").apply(Action::Reset);
        assert!(s.answers.is_empty());
        assert_eq!(s.jurisdiction().id, "town");
    }
}
