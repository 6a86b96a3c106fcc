//! The widget's state and every change to it, as one `match`.
//!
//! No DOM here: the reducer and the share-link logic are tested natively.
//! Results are not stored: they are derived from the answers on each render
//! (evaluation takes microseconds), so they can never go stale.

use minsheng_engine::answers::{parse_input, raw_text};
use minsheng_engine::household::{evaluate_household, HouseholdEvaluation, MAX_MEMBERS, RELATIONS};
use minsheng_engine::{Answers, Date, Jurisdiction, Lang, QuestionId, Rules, Text, Value};

use crate::share;

/// Questions answered once for the whole household (docs/json.md, "A
/// household"): asked in the first member's form, and an answer to one is
/// every member's.
pub const HOUSEHOLD_QUESTIONS: [&str; 5] = ["hukou", "residence", "assistance_kind", "household_members", "household_income"];

/// Options of a flags question that are the household's, not a person's:
/// 家庭困难 (the household's 低保 or 特困 status) among the situations.
pub const HOUSEHOLD_OPTIONS: [(&str, &str); 1] = [("situations", "assistance")];

/// Whether a question is answered once for the household.
pub fn is_household_question(rules: &Rules, q: QuestionId) -> bool {
    HOUSEHOLD_QUESTIONS.contains(&rules.questions.get(q).id.as_ref())
}

/// The options of a flags question that are the household's, as bits.
pub fn household_bits(rules: &Rules, q: QuestionId) -> u64 {
    let question = rules.questions.get(q);
    HOUSEHOLD_OPTIONS
        .iter()
        .filter(|(id, _)| *id == question.id.as_ref())
        .filter_map(|(_, option)| question.option_index(option))
        .fold(0, |bits, i| bits | 1 << i)
}

/// One person of the household, with their own answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into `RELATIONS` (how the member is related to the person
    /// filling in); the first member is always "self", the others unset
    /// until chosen.
    pub relation: Option<u8>,
    /// What was typed or picked, per question, kept even when it is invalid
    /// so the field shows it beside its message.
    pub inputs: Vec<String>,
    /// The valid answers only; the household's are the first member's
    /// (`State::answers_of` joins them to the others').
    pub answers: Answers,
    /// A message per question whose input is invalid.
    pub errors: Vec<Option<Text>>,
}

impl Member {
    fn new(rules: &Rules, relation: Option<u8>) -> Member {
        let n = rules.questions.len();
        Member { relation, inputs: vec![String::new(); n], answers: Answers::new(&rules.questions), errors: vec![None; n] }
    }

    /// Sets an answer (or clears it) with the text that gives it.
    fn set(&mut self, rules: &Rules, q: QuestionId, v: Option<Value>) {
        self.answers.set(q, v);
        self.inputs[q.index()] = v.map(|v| display_input(rules, q, v)).unwrap_or_default();
        self.errors[q.index()] = None;
    }

    /// The ticked options of a flags question (none when unanswered).
    pub fn flags(&self, q: QuestionId) -> u64 {
        match self.answers.get(q) {
            Some(Value::Flags(b)) => b,
            _ => 0,
        }
    }
}

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
    /// The household: at least one member, at most `MAX_MEMBERS`. The
    /// household's answers are held by the first member alone.
    pub members: Vec<Member>,
    /// The member whose answers the form shows: always an index into
    /// `members` (every action that adds, removes or replaces members keeps
    /// it so).
    pub current: usize,
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
    /// "下一户" was pressed once: a second press clears, any other action
    /// cancels.
    pub confirming_clear: bool,
    /// The household just cleared by "下一户", for a few seconds: undo
    /// brings it back.
    pub undo: Option<Box<State>>,
    /// The QR code of the share link is open (drawn only then).
    pub qr_open: bool,
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
    /// A member added to the household (and shown in the form).
    AddMember,
    /// The form shows this member.
    ShowMember(usize),
    /// The member shown is removed (never the first).
    RemoveMember,
    /// How the member shown is related (an id of `RELATIONS`).
    Relation(String),
    /// "下一户" pressed once (true): the next press clears.
    ConfirmClear(bool),
    /// Confirmed: everything cleared, the household kept for undo.
    NextHousehold,
    Undo,
    /// The few seconds to undo are over.
    ForgetUndo,
    /// The QR code was opened (true) or folded.
    QrOpen(bool),
}

impl State {
    pub fn new(rules: &'static Rules, lang: Lang, today: Date) -> State {
        let jurisdiction = rules
            .default_jurisdiction()
            .and_then(|d| rules.jurisdictions.iter().position(|j| j.id == d.id))
            .unwrap_or(0);
        State {
            members: vec![Member::new(rules, Some(0))],
            current: 0,
            rules: RulesRef(rules),
            jurisdiction,
            lang,
            notice: None,
            copied: None,
            today,
            as_of: None,
            care: false,
            embedded: false,
            started: false,
            printing: false,
            not_open: false,
            confirming_clear: false,
            undo: None,
            qr_open: false,
        }
    }

    /// The member the form shows.
    pub fn member(&self) -> &Member {
        &self.members[self.current]
    }

    fn member_mut(&mut self) -> &mut Member {
        &mut self.members[self.current]
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
        share::encode(&self.rules, &self.jurisdiction().id, self.lang, self.as_of, self.care, &self.members)
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
                let bits = s.member().flags(q);
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
                let Some(shared) = share::decode(&s.rules, &fragment, s.today) else { return s };
                let mut fresh = s.emptied();
                fresh.lang = shared.lang.unwrap_or(s.lang);
                fresh.as_of = shared.as_of;
                // A link may turn care mode on, never off: without
                // `care=1` the device's own choice stands.
                fresh.care = shared.care || s.care;
                if let Some(j) = shared.jurisdiction {
                    fresh = fresh.apply(Action::Jurisdiction(j));
                }
                fresh.members = shared
                    .members
                    .into_iter()
                    .map(|m| {
                        let mut member = Member::new(&fresh.rules, m.relation);
                        for (q, v) in m.answers.answered() {
                            member.set(&fresh.rules, q, Some(v));
                        }
                        // What the link held but could not be read: marked
                        // at its question, the text kept to correct.
                        for (q, raw) in m.dropped {
                            member.inputs[q.index()] = raw;
                            member.errors[q.index()] = Some(share::Dropped::field_message());
                        }
                        member
                    })
                    .collect();
                fresh.notice = share::Dropped::notice(&shared.dropped);
                return fresh;
            }
            Action::AddMember => {
                if s.members.len() < MAX_MEMBERS {
                    s.members.push(Member::new(&s.rules, None));
                    s.current = s.members.len() - 1;
                }
            }
            Action::ShowMember(i) => {
                if i < s.members.len() {
                    s.current = i;
                }
                return s;
            }
            Action::RemoveMember => {
                if s.current > 0 && s.current < s.members.len() {
                    s.members.remove(s.current);
                    s.current -= 1;
                }
            }
            Action::Relation(id) => {
                if s.current > 0 {
                    s.member_mut().relation = RELATIONS.iter().position(|r| *r == id).map(|i| i as u8);
                }
            }
            Action::ConfirmClear(on) => {
                s.confirming_clear = on;
                return s;
            }
            Action::NextHousehold => {
                let mut kept = s.clone();
                kept.confirming_clear = false;
                kept.undo = None;
                let mut fresh = s.emptied();
                fresh.undo = Some(Box::new(kept));
                return fresh;
            }
            Action::Undo => {
                if let Some(kept) = s.undo.take() {
                    return *kept;
                }
            }
            Action::ForgetUndo => {
                s.undo = None;
                return s;
            }
            Action::QrOpen(open) => {
                s.qr_open = open;
                return s;
            }
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
        // Every other change may change the text that was copied, and
        // cancels a "下一户" waiting for its second press.
        s.copied = None;
        s.confirming_clear = false;
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
        fresh.qr_open = self.qr_open;
        fresh
    }

    /// The member an answer is written to: the first for a household
    /// question (only the first member's form asks them), else the one shown.
    fn answering(&mut self, q: QuestionId) -> &mut Member {
        if is_household_question(&self.rules, q) {
            &mut self.members[0]
        } else {
            self.member_mut()
        }
    }

    fn input(&mut self, q: QuestionId, raw: String) {
        if q.index() >= self.rules.questions.len() {
            return;
        }
        let question = self.rules.questions.get(q);
        let parsed = parse_input(question, &raw, Some(self.today));
        let m = self.answering(q);
        match parsed {
            Ok(v) => {
                m.answers.set(q, v);
                m.errors[q.index()] = None;
            }
            Err(msg) => {
                // The bad value is not used; every other answer stays.
                m.answers.set(q, None);
                m.errors[q.index()] = Some(msg);
            }
        }
        m.inputs[q.index()] = raw;
    }

    fn set_flags(&mut self, q: QuestionId, bits: u64) {
        if q.index() >= self.rules.questions.len() {
            return;
        }
        let rules = self.rules;
        self.member_mut().set(&rules, q, Some(Value::Flags(bits)));
    }

    /// Member `i`'s answers with the household's, which the first member
    /// gives: a household question's answer, and the household's options of
    /// a flags question the member has answered (the household's 低保 beside
    /// the member's own disability). Not the engine's `household::merged`,
    /// which would answer a member's situations with the household's alone
    /// before the member has ticked anything.
    pub fn answers_of(&self, i: usize) -> Answers {
        let mut a = self.members[i].answers.clone();
        if i == 0 {
            return a;
        }
        for (q, v) in self.members[0].answers.answered() {
            match (v, a.get(q)) {
                _ if is_household_question(&self.rules, q) => a.set(q, Some(v)),
                (Value::Flags(h), Some(Value::Flags(own))) => a.set(q, Some(Value::Flags(own | h & household_bits(&self.rules, q)))),
                _ => {}
            }
        }
        a
    }

    /// The answers of the member the form shows, the household's included.
    pub fn answers(&self) -> Answers {
        self.answers_of(self.current)
    }

    /// Every member's evaluation, and the household's totals and benefits.
    pub fn household(&self) -> HouseholdEvaluation<'_> {
        let answers: Vec<Answers> = (0..self.members.len()).map(|i| self.answers_of(i)).collect();
        // The household's answers are in every member's already (`answers_of`).
        let none = Answers::new(&self.rules.questions);
        evaluate_household(&self.rules.questions, self.jurisdiction(), self.date(), &none, &answers)
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
        assert!(s.answers().is_empty());
    }

    #[test]
    fn a_bad_age_shows_a_message_and_keeps_other_answers() {
        let s = state();
        let s = input(&s, "hukou", "urban");
        let s = input(&s, "age", "66");
        let s = input(&s, "age", "abc");
        assert_eq!(s.member().inputs[q(&s, "age").index()], "abc");
        assert_eq!(s.answers().get(q(&s, "age")), None);
        assert!(s.member().errors[q(&s, "age").index()].as_ref().unwrap().zh.contains("0到120"));
        assert_eq!(s.answers().get(q(&s, "hukou")), Some(Value::Choice(0)));
        let s = input(&s, "age", "-3");
        assert!(s.member().errors[q(&s, "age").index()].is_some());
        let s = input(&s, "age", "６６");
        assert_eq!(s.answers().get(q(&s, "age")), Some(Value::Int(66)));
        assert!(s.member().errors[q(&s, "age").index()].is_none());
    }

    #[test]
    fn future_discharge_dates_and_negative_income_are_refused() {
        let s = state();
        let s = input(&s, "discharge_date", "2025-06-02");
        assert_eq!(s.member().errors[q(&s, "discharge_date").index()].as_ref().unwrap().en, "The date cannot be in the future");
        let s = input(&s, "household_income", "-1");
        assert!(s.member().errors[q(&s, "household_income").index()].is_some());
        let s = input(&s, "service_months", "12");
        assert!(s.member().errors[q(&s, "service_months").index()].is_some());
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
        assert_eq!(s.answers().get(sit), Some(Value::Flags(0b11)));
        assert_eq!(s.member().inputs[sit.index()], "disability,disability_diagnosed");
        let s = s.apply(Action::Toggle { q: sit, option: 0, on: false });
        assert_eq!(s.answers().get(sit), Some(Value::Flags(0b10)));
        let s = s.apply(Action::NoneOf { q: sit });
        assert_eq!(s.answers().get(sit), Some(Value::Flags(0)));
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
        assert_eq!(back.answers(), s.answers());
        assert_eq!(back.member().inputs, s.member().inputs);
        assert_eq!(back.jurisdiction().id, "province");
        assert_eq!(back.lang, Lang::En);
        assert_eq!(back.notice, None);
    }

    #[test]
    fn a_broken_link_keeps_what_it_can_read_and_marks_the_rest() {
        let s = input(&state(), "age", "66");
        let s = s.apply(Action::Restore("#v=2&j=province&age=1000&sex=female&unknown=1&household_income=1200%2C50".into()));
        // Read: the place and the sex. Dropped: the age, the income and a key unknown.
        assert_eq!(s.jurisdiction().id, "province");
        assert_eq!(s.answers().get(q(&s, "sex")), Some(Value::Choice(1)));
        assert_eq!(s.answers().get(q(&s, "age")), None);
        assert_eq!(s.member().inputs[q(&s, "age").index()], "1000");
        assert!(s.member().errors[q(&s, "age").index()].as_ref().unwrap().zh.contains("无法读取"));
        assert_eq!(s.member().inputs[q(&s, "household_income").index()], "1200,50");
        assert!(s.notice.as_ref().unwrap().zh.contains("3 处无法读取"), "{:?}", s.notice);
        let s = s.apply(Action::DismissNotice);
        assert!(s.notice.is_none());
    }

    #[test]
    fn care_mode_and_embedding_survive_links_and_resets() {
        let mut s = state().apply(Action::Care(true));
        s.embedded = true;
        let s = input(&s, "age", "70").apply(Action::Restore("#v=1&age=80".into()));
        assert!(s.care && s.embedded);
        assert_eq!(s.answers().get(q(&s, "age")), Some(Value::Int(80)));
        let s = s.apply(Action::Restore("#garbage".into()));
        assert!(s.care && s.embedded && s.notice.is_some());
        assert_eq!(s.answers().get(q(&s, "age")), None);
        let s = s.apply(Action::NextHousehold);
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
        assert_eq!(back.answers(), s.answers());
        // An older link, without the key: answers restored, care mode as on the device.
        let old = state().apply(Action::Restore("#v=1&j=xx-district&age=70".into()));
        assert!(!old.care && old.notice.is_none());
        assert_eq!(old.answers(), s.answers());
        let kept = state().apply(Action::Care(true)).apply(Action::Restore("#v=1&j=xx-district&age=70".into()));
        assert!(kept.care);
        // Anything but 1 is not read, and said so.
        let tampered = state().apply(Action::Restore("#v=1&care=yes".into()));
        assert!(!tampered.care && tampered.notice.is_some());
    }

    #[test]
    fn the_households_answers_are_the_first_members_and_every_members() {
        let s = input(&state(), "hukou", "rural");
        let s = s.apply(Action::Toggle { q: q(&s, "situations"), option: 3, on: true }); // assistance
        let s = input(&s, "age", "72");
        let s = s.apply(Action::AddMember).apply(Action::Relation("grandchild".into()));
        assert_eq!((s.members.len(), s.current), (2, 1));
        // The new member has only their own answers ...
        assert!(s.member().answers.is_empty());
        // ... and is evaluated with the household's: the registration, and
        // 家庭困难 once they answer the situations.
        assert_eq!(s.answers().get(q(&s, "hukou")), Some(Value::Choice(1)));
        assert_eq!(s.answers().get(q(&s, "situations")), None);
        let s = s.apply(Action::NoneOf { q: q(&s, "situations") });
        assert_eq!(s.member().answers.get(q(&s, "situations")), Some(Value::Flags(0)));
        assert_eq!(s.answers().get(q(&s, "situations")), Some(Value::Flags(1 << 3)));
        // Their age is their own.
        let s = input(&s, "age", "9");
        assert_eq!(s.answers_of(0).get(q(&s, "age")), Some(Value::Int(72)));
        assert_eq!(s.answers_of(1).get(q(&s, "age")), Some(Value::Int(9)));
        // A household question answered while they are shown is the household's.
        let s = input(&s, "household_income", "900");
        assert_eq!(s.members[0].answers.get(q(&s, "household_income")), Some(Value::Money(minsheng_engine::rust_decimal::Decimal::from(900))));
        assert_eq!(s.member().answers.get(q(&s, "household_income")), None);
        // The first member cannot be removed; another can.
        let first = s.apply(Action::ShowMember(0)).apply(Action::RemoveMember);
        assert_eq!(first.members.len(), 2);
        let s = s.apply(Action::RemoveMember);
        assert_eq!((s.members.len(), s.current), (1, 0));
    }

    #[test]
    fn next_household_clears_everyone_and_undo_brings_them_back() {
        let s = input(&state(), "age", "72").apply(Action::AddMember);
        let s = input(&s, "age", "40").apply(Action::ConfirmClear(true));
        assert!(s.confirming_clear);
        // Anything else cancels the question.
        let s = input(&s, "age", "41");
        assert!(!s.confirming_clear);
        let cleared = s.apply(Action::ConfirmClear(true)).apply(Action::NextHousehold);
        assert_eq!((cleared.members.len(), cleared.current), (1, 0));
        assert!(cleared.answers().is_empty() && cleared.undo.is_some());
        let back = cleared.apply(Action::Undo);
        assert_eq!(back.members, s.members);
        assert!(back.undo.is_none());
        assert!(cleared.apply(Action::ForgetUndo).apply(Action::Undo).answers().is_empty());
    }

    #[test]
    fn reset_clears_answers_but_keeps_the_place() {
        let s = state().apply(Action::Jurisdiction("town".into()));
        let s = input(&s, "age", "70").apply(Action::NextHousehold);
        assert!(s.answers().is_empty());
        assert_eq!(s.jurisdiction().id, "town");
    }
}
