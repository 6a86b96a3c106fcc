//! The checked rule model: what `compile` produces from the files.
//!
//! Every name is resolved to an index here, so evaluation never looks up a
//! string and can never meet a dangling reference.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::date::Date;
use crate::source::{ItemKind, PaidAs, Period, QuestionKind, Rounding, Scope};
use crate::text::Text;

/// Text owned when loaded from files, borrowed from the embedded bytes when
/// the widget reads its packed rules once at start-up (`packed::unpack`).
pub type Str = Cow<'static, str>;
/// A list, owned or static, for the same reason.
pub type List<T> = Cow<'static, [T]>;

/// Index of a question in [`Questions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionId(pub u16);

impl QuestionId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// At most this many questions, so a set of them is one `u64` (checked when
/// loading).
pub const MAX_QUESTIONS: usize = 64;

/// A set of questions, one bit each; iterates in form order. Evaluation
/// collects the unanswered questions of every entitlement on each keystroke:
/// a bit set needs no allocation, sorting or deduplication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct QuestionSet(u64);

impl QuestionSet {
    pub fn insert(&mut self, q: QuestionId) {
        self.0 |= 1u64.checked_shl(u32::from(q.0)).unwrap_or(0);
    }

    pub fn contains(self, q: QuestionId) -> bool {
        self.0 & 1u64.checked_shl(u32::from(q.0)).unwrap_or(0) != 0
    }

    /// Adds every question of `other`.
    pub fn extend(&mut self, other: QuestionSet) {
        self.0 |= other.0;
    }

    pub fn bits(self) -> u64 {
        self.0
    }

    pub fn from_bits(bits: u64) -> QuestionSet {
        QuestionSet(bits)
    }

    /// The questions in both.
    pub fn intersection(a: QuestionSet, b: QuestionSet) -> QuestionSet {
        QuestionSet(a.0 & b.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// In form order.
    pub fn iter(self) -> impl Iterator<Item = QuestionId> {
        (0..64u16).filter(move |&i| self.0 & (1u64 << i) != 0).map(QuestionId)
    }
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: Str,
    pub label: Text,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: Str,
    pub kind: QuestionKind,
    pub label: Text,
    pub help: Option<Text>,
    pub unit: Option<Text>,
    /// Inclusive bounds for integer questions.
    pub min: i64,
    pub max: i64,
    /// Options of choice and flags questions, at most 64.
    pub options: List<Choice>,
    /// Conditions on earlier questions only, so one pass in order decides
    /// which questions are shown.
    pub ask_when: List<Condition>,
    /// Not asked once these all hold; asked while they are open (earlier
    /// questions only, as `ask_when`).
    pub skip_when: List<Condition>,
    pub not_after_today: bool,
    /// Only grows with time (age, years of service).
    pub only_grows: bool,
}

impl Question {
    pub fn option_index(&self, id: &str) -> Option<u8> {
        self.options.iter().position(|o| o.id == id).map(|i| i as u8)
    }
}

/// The questions every jurisdiction shares, in the order of the form.
#[derive(Debug, Clone)]
pub struct Questions {
    pub list: List<Question>,
}

impl Questions {
    pub fn all(&self) -> impl Iterator<Item = (QuestionId, &Question)> {
        self.list.iter().enumerate().map(|(i, q)| (QuestionId(i as u16), q))
    }

    pub fn get(&self, id: QuestionId) -> &Question {
        &self.list[id.index()]
    }

    pub fn find(&self, id: &str) -> Option<QuestionId> {
        self.list.iter().position(|q| q.id == id).map(|i| QuestionId(i as u16))
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub test: Test,
    /// Wording from the rule file that replaces the generated description.
    pub says: Option<Text>,
    /// A judgement the office makes (selection, assessment, approval): when
    /// the test holds, the entitlement only *may apply*, and this says who
    /// decides what. Never a reason to refuse.
    pub decides: Option<Text>,
}

#[derive(Debug, Clone)]
pub enum Test {
    IntRange { q: QuestionId, min: Option<i64>, max: Option<i64> },
    MoneyRange { q: QuestionId, min: Option<Decimal>, max: Option<Decimal> },
    /// A choice answer is one of these options (bit set).
    OneOf { q: QuestionId, options: u64 },
    /// A flags answer includes this option.
    Has { q: QuestionId, option: u8 },
    DateRange { q: QuestionId, from: Option<Date>, until: Option<Date> },
    /// Another entitlement of the same jurisdiction applies.
    Applies { entitlement: usize },
    Any(List<Condition>),
    /// No test of an answer: only the office's judgement (`decides`).
    Judgement,
}

impl Test {
    /// The question whose answer this tests, if it tests one.
    pub fn question(&self) -> Option<QuestionId> {
        match self {
            Test::IntRange { q, .. } | Test::MoneyRange { q, .. } | Test::OneOf { q, .. } | Test::Has { q, .. } | Test::DateRange { q, .. } => {
                Some(*q)
            }
            Test::Applies { .. } | Test::Any(_) | Test::Judgement => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Plus {
    pub when: List<Condition>,
    pub value: Decimal,
    pub label: Text,
    pub at_least: bool,
}

#[derive(Debug, Clone)]
pub enum Amount {
    Fixed { value: Decimal, at_least: bool, plus: List<Plus> },
    /// `basis`: what the plan says of the amount ("按照国家规定"), shown
    /// instead of the generic "set locally".
    SetLocally { floor: Option<Decimal>, basis: Option<Text> },
    InKind { what: Text },
    /// One value per option of a choice question; `None` where the plan gives none.
    Lookup { by: QuestionId, values: List<Option<Decimal>>, none_reason: Option<Text> },
    /// `cells[column option][row value - row_min]`.
    Table {
        row: QuestionId,
        row_min: i64,
        column: QuestionId,
        cells: List<List<Option<Decimal>>>,
        none_reason: Option<Text>,
    },
    PerServiceYear { per_year: Decimal, years: QuestionId, months: Option<QuestionId>, rounding: Rounding },
    /// (standard × members − income), paid when income per member is below the standard.
    /// When `certified` holds (the household already holds 低保), the
    /// office has fixed the amount: without a positive gap from the answers
    /// it is "as certified", never refused.
    MinimumLivingGap { by: QuestionId, standard: List<Decimal>, members: QuestionId, income: QuestionId, certified: List<Condition> },
}

/// What a resident should bring and where to go first, as the source says.
#[derive(Debug, Clone)]
pub struct HowToApply {
    pub first_stop: Option<Text>,
    pub documents: List<Text>,
    /// The document these details come from.
    pub source: Str,
}

/// Contact details of an office named by the plan, as a source gives them.
#[derive(Debug, Clone)]
pub struct Office {
    /// Equal to the office text of the items or entitlements it serves.
    pub name: Text,
    pub address: Option<Text>,
    pub phone: Option<Str>,
    pub hours: Option<Text>,
    /// An https address.
    pub online: Option<Str>,
    pub source: Str,
}

#[derive(Debug, Clone)]
pub struct Entitlement {
    pub id: Str,
    /// Index into [`Jurisdiction::items`].
    pub item: usize,
    pub name: Text,
    pub scope: Scope,
    pub period: Period,
    pub paid_as: PaidAs,
    pub quote: Str,
    pub when: List<Condition>,
    pub excluded_by: List<usize>,
    /// Where to apply: the entitlement's own office, else its item's.
    pub office: Option<Text>,
    pub note: Option<Text>,
    pub amount: Amount,
    pub how_to_apply: Option<HowToApply>,
    /// This year's rise the plan states: empty, one figure (a fixed amount),
    /// or one per option of the amount's `by` question (`None` where the
    /// plan states none).
    pub rise: List<Option<Decimal>>,
}

#[derive(Debug, Clone)]
pub struct Area {
    pub id: Str,
    pub label: Text,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub number: Str,
    /// Index into [`Jurisdiction::areas`].
    pub area: usize,
    pub kind: ItemKind,
    pub title: Text,
    pub office: Option<Text>,
    pub text: Str,
    /// Indices into [`Jurisdiction::entitlements`].
    pub entitlements: List<usize>,
}

#[derive(Debug, Clone)]
pub struct Jurisdiction {
    pub id: Str,
    pub name: Text,
    pub plan: Text,
    pub source: Str,
    pub rules_version: Str,
    pub default: bool,
    /// The period the plan governs, both days included. Evaluation on a
    /// date outside it still computes, and the report warns.
    pub valid_from: Date,
    pub valid_until: Date,
    pub areas: List<Area>,
    pub items: List<Item>,
    pub entitlements: List<Entitlement>,
    /// Contact details of offices, where a source gives them (often none).
    pub offices: List<Office>,
    /// Entitlements ordered so that every one comes after those it refers to
    /// (`applies`, `excluded_by`).
    pub order: List<usize>,
    /// Questions this jurisdiction's rules read, with the questions that
    /// decide whether those are asked.
    pub uses: QuestionSet,
}

impl Jurisdiction {
    pub fn entitlement(&self, id: &str) -> Option<&Entitlement> {
        self.entitlements.iter().find(|e| e.id == id)
    }

    pub fn office_of<'a>(&'a self, e: &'a Entitlement) -> Option<&'a Text> {
        e.office.as_ref().or(self.items.get(e.item).and_then(|i| i.office.as_ref()))
    }

    /// The directory entry for an office, if a source gives its details.
    pub fn office_details(&self, name: &Text) -> Option<&Office> {
        self.offices.iter().find(|o| o.name.zh == name.zh)
    }

    /// Whether the plan governs this date.
    pub fn in_force(&self, date: Date) -> bool {
        self.valid_from <= date && date <= self.valid_until
    }

    /// Whether any rule of this jurisdiction needs the question.
    pub fn uses(&self, q: QuestionId) -> bool {
        self.uses.contains(q)
    }
}

/// Everything the engine knows: the shared questions and every jurisdiction.
#[derive(Debug, Clone)]
pub struct Rules {
    pub questions: Questions,
    pub jurisdictions: List<Jurisdiction>,
}

impl Rules {
    /// The plan of this place in force on `date`; on a date no plan of it
    /// governs, the latest that started before it, else the earliest.
    pub fn jurisdiction_on(&self, id: &str, date: Date) -> Option<&Jurisdiction> {
        let plans = || self.jurisdictions.iter().filter(move |j| j.id == id);
        plans()
            .find(|j| j.in_force(date))
            .or_else(|| plans().filter(|j| j.valid_from <= date).max_by_key(|j| j.valid_from))
            .or_else(|| plans().min_by_key(|j| j.valid_from))
    }

    /// The first plan of this place in the rules (see [`Rules::jurisdiction_on`]).
    pub fn jurisdiction(&self, id: &str) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.id == id)
    }

    /// The jurisdiction marked `default`, else the first.
    pub fn default_jurisdiction(&self) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.default).or(self.jurisdictions.first())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_names_the_question_it_reads() {
        let q = QuestionId(7);
        assert_eq!(Test::IntRange { q, min: None, max: Some(3) }.question(), Some(q));
        assert_eq!(Test::MoneyRange { q, min: None, max: None }.question(), Some(q));
        assert_eq!(Test::OneOf { q, options: 1 }.question(), Some(q));
        assert_eq!(Test::Has { q, option: 0 }.question(), Some(q));
        assert_eq!(Test::DateRange { q, from: None, until: None }.question(), Some(q));
        assert_eq!(Test::Applies { entitlement: 0 }.question(), None);
        assert_eq!(Test::Any(Cow::Borrowed(&[])).question(), None);
        assert_eq!(Test::Judgement.question(), None);
    }

    #[test]
    fn question_set_keeps_form_order_without_repeats() {
        let mut s = QuestionSet::default();
        assert!(s.is_empty());
        for q in [9, 2, 63, 2, 0] {
            s.insert(QuestionId(q));
        }
        assert_eq!(s.iter().map(|q| q.0).collect::<Vec<_>>(), vec![0, 2, 9, 63]);
        assert_eq!(s.len(), 4);
        assert!(s.contains(QuestionId(63)) && !s.contains(QuestionId(3)));
        let mut t = QuestionSet::default();
        t.insert(QuestionId(3));
        t.extend(s);
        assert_eq!(t.len(), 5);
        // Beyond the 64 that loading allows: ignored, never a panic.
        t.insert(QuestionId(64));
        assert!(!t.contains(QuestionId(64)));
        assert_eq!(t.len(), 5);
    }
}
