//! From the files as written ([`crate::source`]) to the checked model
//! ([`crate::model`]): resolves every name, parses every amount and date,
//! and reports each problem with the field it is in.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use crate::date::Date;
use crate::error::RuleError;
use crate::model::*;
use crate::money::parse_amount;
use crate::source::*;

/// A complete rules set as written: the questions file and one file per
/// jurisdiction, each with the name it was read from.
#[derive(Debug, Clone)]
pub struct RulesSource {
    pub questions: Named<QuestionsFile>,
    pub jurisdictions: Vec<Named<JurisdictionFile>>,
}

#[derive(Debug, Clone)]
pub struct Named<T> {
    pub file: String,
    pub content: T,
}

pub const SCHEMA: u32 = 1;

/// What an id names. Ids are public: keys of the answers JSON and of share
/// links, values in share links (`.` joins flags there), in CSV (`;`) and
/// typed input (`,`), and parts of the widget's DOM ids (`q-{question}`,
/// `q-{question}-{option}`). So each kind has a plain charset, and names the
/// widget uses for itself are reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdKind {
    Question,
    /// `flags`: an option of a flags question, beside which the widget puts
    /// its own "none of these" (`q-{question}-none`).
    Option { flags: bool },
    Jurisdiction,
    Area,
    Entitlement,
}

/// Keys a share link (`src/share.rs`: `v`, `j`, `lang`; `d` and `care` kept
/// for the link's own use) or the embedding query (`src/embed.rs`) gives
/// their own meaning: a question with one of these ids would collide.
pub const RESERVED_QUESTION_IDS: &[&str] = &["v", "j", "d", "lang", "care", "embed", "accent"];
/// Suffixes of the widget's own DOM ids beside a question's options
/// (`q-{question}-error`, `q-{question}-help`).
pub const RESERVED_OPTION_IDS: &[&str] = &["error", "help"];
/// Longer ids are not plain names.
pub(crate) const MAX_ID_LEN: usize = 64;

/// Checks one id of the rules: not empty, at most [`MAX_ID_LEN`] bytes,
/// starting with a lowercase ASCII letter, then lowercase letters, digits and
/// `_` (questions, options, areas, entitlements) or `-` (jurisdictions,
/// areas, entitlements), and not a reserved name. The message says why not.
pub(crate) fn check_id(id: &str, kind: IdKind) -> Result<(), String> {
    let (underscore, hyphen, what) = match kind {
        IdKind::Question | IdKind::Option { .. } => (true, false, "lowercase letters, digits and `_`"),
        IdKind::Jurisdiction => (false, true, "lowercase letters, digits and `-`"),
        IdKind::Area | IdKind::Entitlement => (true, true, "lowercase letters, digits, `-` and `_`"),
    };
    let plain = id.len() <= MAX_ID_LEN
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || (underscore && b == b'_') || (hyphen && b == b'-'));
    if !plain {
        return Err(format!("id `{id}` is not a plain name: use {what}, starting with a letter, at most {MAX_ID_LEN} characters"));
    }
    let reserved = match kind {
        IdKind::Question => RESERVED_QUESTION_IDS.contains(&id),
        IdKind::Option { flags } => RESERVED_OPTION_IDS.contains(&id) || flags && id == "none",
        _ => false,
    };
    if reserved {
        return Err(format!("id `{id}` is reserved: the widget uses it for itself (share links, page ids)"));
    }
    Ok(())
}

pub fn compile(src: &RulesSource) -> Result<Rules, Vec<RuleError>> {
    let mut errors = Vec::new();
    let questions = compile_questions(&src.questions.content, &mut errors);
    for e in &mut errors {
        e.file = src.questions.file.clone();
    }
    let mut jurisdictions: Vec<Jurisdiction> = Vec::new();
    let mut defaults = 0;
    for named in &src.jurisdictions {
        let mut errs = Vec::new();
        let j = compile_jurisdiction(&named.content, &questions, &mut errs);
        // A place may have several plan years, one file each; their periods
        // must not overlap, so one date has one plan.
        if let Some(other) = jurisdictions.iter().find(|o| o.id == j.id && o.valid_from <= j.valid_until && j.valid_from <= o.valid_until) {
            errs.push(
                RuleError::new(
                    "jurisdiction",
                    "valid_from",
                    format!("another file of `{}` governs an overlapping period ({} to {})", j.id, other.valid_from, other.valid_until),
                )
                .anchored(&named.content.jurisdiction.id),
            );
        }
        // Later plan years of the default place are the default too.
        let new_place = !jurisdictions.iter().any(|o| o.id == j.id);
        defaults += usize::from(named.content.jurisdiction.default && new_place);
        if defaults > 1 && named.content.jurisdiction.default && new_place {
            errs.push(RuleError::new("jurisdiction", "default", "only one jurisdiction may be the default"));
        }
        for e in &mut errs {
            e.file = named.file.clone();
        }
        errors.extend(errs);
        jurisdictions.push(j);
    }
    if errors.is_empty() {
        Ok(Rules { questions, jurisdictions: jurisdictions.into() })
    } else {
        Err(errors)
    }
}

fn compile_questions(file: &QuestionsFile, errors: &mut Vec<RuleError>) -> Questions {
    if file.schema != SCHEMA {
        errors.push(RuleError::new("", "schema", format!("schema {} is not supported (expected {SCHEMA})", file.schema)));
    }
    let mut list: Vec<Question> = Vec::with_capacity(file.question.len());
    if file.question.len() > MAX_QUESTIONS {
        // Evaluation keeps sets of questions as bits of a `u64`.
        let place = format!("question `{}`", file.question[MAX_QUESTIONS].id);
        errors.push(
            RuleError::new(place, "id", format!("at most {MAX_QUESTIONS} questions"))
                .anchored(&file.question[MAX_QUESTIONS].id),
        );
    }
    for qs in &file.question {
        let place = format!("question `{}`", qs.id);
        let err = |field: &str, msg: String| RuleError::new(place.clone(), field, msg).anchored(&qs.id);
        if list.iter().any(|q| q.id == qs.id.as_str()) {
            errors.push(err("id", "another question already has this id".into()));
        }
        if let Err(msg) = check_id(&qs.id, IdKind::Question) {
            errors.push(err("id", msg));
        }
        let has_options = matches!(qs.kind, QuestionKind::Choice | QuestionKind::Flags);
        if has_options && qs.options.is_empty() {
            errors.push(err("options", "a choice or flags question needs options".into()));
        }
        if !has_options && !qs.options.is_empty() {
            errors.push(err("options", "only choice and flags questions have options".into()));
        }
        if qs.options.len() > 64 {
            errors.push(err("options", "at most 64 options".into()));
        }
        let mut seen = BTreeSet::new();
        for o in &qs.options {
            if !seen.insert(o.id.as_str()) {
                errors.push(err("options", format!("option `{}` is listed twice", o.id)).near(format!("\"{}\"", o.id)));
            }
            if let Err(msg) = check_id(&o.id, IdKind::Option { flags: qs.kind == QuestionKind::Flags }) {
                errors.push(err("options", msg).near(format!("id = \"{}\"", o.id)));
            }
        }
        let (min, max) = match (qs.kind, qs.min, qs.max) {
            // Every width must be a number: a table has `max - min + 1` rows.
            (QuestionKind::Integer, Some(min), Some(max)) if min <= max && max.checked_sub(min).and_then(|w| w.checked_add(1)).is_none() => {
                errors.push(err("max", format!("range {min}..={max} is too wide")));
                (0, 0)
            }
            (QuestionKind::Integer, Some(min), Some(max)) if min <= max => (min, max),
            (QuestionKind::Integer, Some(_), Some(_)) => {
                errors.push(err("min", "empty range: min is above max".into()));
                (0, 0)
            }
            (QuestionKind::Integer, _, _) => {
                errors.push(err("max", "an integer question needs both min and max".into()));
                (0, 0)
            }
            (_, None, None) => (0, 0),
            _ => {
                errors.push(err("min", "only integer questions have min and max".into()));
                (0, 0)
            }
        };
        if qs.not_after_today && qs.kind != QuestionKind::Date {
            errors.push(err("not_after_today", "only date questions can refuse future dates".into()));
        }
        if qs.only_grows && qs.kind != QuestionKind::Integer {
            errors.push(err("only_grows", "only integer questions grow with time".into()));
        }
        // ask_when may only look at questions already defined: the form
        // decides visibility in one pass, top to bottom.
        let earlier = Questions { list: list.clone().into() };
        let ctx = CondContext { questions: &earlier, entitlements: &BTreeMap::new(), place: &place, anchor: &qs.id };
        let ask_when = ctx.conditions(&qs.ask_when, "ask_when", errors);
        let skip_when = ctx.conditions(&qs.skip_when, "skip_when", errors);
        list.push(Question {
            id: qs.id.clone().into(),
            kind: qs.kind,
            label: qs.label.clone(),
            help: qs.help.clone(),
            unit: qs.unit.clone(),
            min,
            max,
            options: qs.options.iter().map(|o| Choice { id: o.id.clone().into(), label: crate::text::Text::new(o.zh.clone(), o.en.clone()) }).collect(),
            ask_when: ask_when.into(),
            skip_when: skip_when.into(),
            not_after_today: qs.not_after_today,
            only_grows: qs.only_grows,
        });
    }
    Questions { list: list.into() }
}

struct CondContext<'a> {
    questions: &'a Questions,
    entitlements: &'a BTreeMap<&'a str, usize>,
    place: &'a str,
    anchor: &'a Id,
}

impl CondContext<'_> {
    fn err(&self, field: &str, msg: impl Into<String>) -> RuleError {
        RuleError::new(self.place, field, msg).anchored(self.anchor)
    }

    fn conditions(&self, list: &[CondSrc], field: &str, errors: &mut Vec<RuleError>) -> Vec<Condition> {
        list.iter()
            .enumerate()
            .filter_map(|(i, c)| self.condition(c, &format!("{field}[{i}]"), errors))
            .collect()
    }

    fn condition(&self, c: &CondSrc, field: &str, errors: &mut Vec<RuleError>) -> Option<Condition> {
        let forms = [
            c.min.is_some() || c.max.is_some(),
            c.is.is_some(),
            c.in_.is_some(),
            c.has.is_some(),
            c.from.is_some() || c.until.is_some(),
        ];
        let n_forms = forms.iter().filter(|f| **f).count();
        let says = c.says.clone();
        let decides = c.office_decides.clone();
        if let Some(d) = &decides {
            if d.zh.trim().is_empty() || d.en.trim().is_empty() {
                errors.push(self.err(&format!("{field}.office_decides"), "say who decides what, in both languages"));
            }
            if c.q.is_none() && c.applies.is_none() && c.any.is_none() {
                if n_forms > 0 || says.is_some() {
                    errors.push(self.err(field, "a lone `office_decides` takes no test and no `says`").near(format!("\"{}\"", d.zh)));
                    return None;
                }
                return Some(Condition { test: Test::Judgement, says: None, decides });
            }
        }
        if let Some(any) = &c.any {
            if c.q.is_some() || c.applies.is_some() || n_forms > 0 {
                errors.push(self.err(field, "`any` stands alone: put the other tests inside its list"));
                return None;
            }
            if any.len() < 2 {
                errors.push(self.err(&format!("{field}.any"), "`any` needs at least two conditions"));
            }
            let inner = self.conditions(any, &format!("{field}.any"), errors);
            return Some(Condition { test: Test::Any(inner.into()), says, decides });
        }
        if let Some(target) = &c.applies {
            if c.q.is_some() || n_forms > 0 {
                errors.push(self.err(field, "`applies` stands alone"));
                return None;
            }
            return match self.entitlements.get(target.as_str()) {
                Some(&i) => Some(Condition { test: Test::Applies { entitlement: i }, says, decides }),
                None => {
                    errors.push(
                        self.err(&format!("{field}.applies"), format!("no entitlement `{target}` in this file"))
                            .near(format!("\"{target}\"")),
                    );
                    None
                }
            };
        }
        let Some(qname) = &c.q else {
            errors.push(self.err(field, "a condition needs `q` (a question), `applies`, `any` or `office_decides`"));
            return None;
        };
        let Some(qid) = self.questions.find(qname) else {
            errors.push(
                self.err(&format!("{field}.q"), format!("no question `{qname}` in questions.toml")).near(format!("\"{qname}\"")),
            );
            return None;
        };
        let q = self.questions.get(qid);
        if n_forms != 1 {
            errors.push(
                self.err(field, "use exactly one test: min/max, is, in, has, or from/until").near(format!("\"{qname}\"")),
            );
            return None;
        }
        let wrong_kind = |test: &str, want: &str| {
            self.err(field, format!("`{test}` needs a {want} question, but `{qname}` is {:?}", q.kind).to_lowercase())
                .near(format!("\"{qname}\""))
        };
        let option = |id: &str, errors: &mut Vec<RuleError>| -> Option<u8> {
            let found = q.option_index(id);
            if found.is_none() {
                errors.push(
                    self.err(field, format!("question `{qname}` has no option `{id}`")).near(format!("\"{id}\"")),
                );
            }
            found
        };
        let test = if c.min.is_some() || c.max.is_some() {
            let parse = |v: &Option<MoneySrc>, which: &str, errors: &mut Vec<RuleError>| -> Option<Option<Decimal>> {
                match v {
                    None => Some(None),
                    Some(m) => match amount(m) {
                        Ok(d) => Some(Some(d)),
                        Err(msg) => {
                            errors.push(self.err(&format!("{field}.{which}"), msg).near(&m.0));
                            None
                        }
                    },
                }
            };
            let min = parse(&c.min, "min", errors)?;
            let max = parse(&c.max, "max", errors)?;
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    errors.push(self.err(field, format!("empty range: min {a} is above max {b}")).near(format!("\"{qname}\"")));
                    return None;
                }
            }
            match q.kind {
                QuestionKind::Integer => {
                    // A whole-number bound, or Err if it has a fraction.
                    let as_int = |d: Option<Decimal>| -> Result<Option<i64>, ()> {
                        d.map(|d| if d.fract().is_zero() { i64::try_from(d).map_err(|_| ()) } else { Err(()) }).transpose()
                    };
                    let (Ok(min), Ok(max)) = (as_int(min), as_int(max)) else {
                        errors.push(self.err(field, format!("`{qname}` takes whole numbers")));
                        return None;
                    };
                    if min.is_some_and(|m| m > q.max) || max.is_some_and(|m| m < q.min) {
                        errors.push(
                            self.err(field, format!("empty range: no answer to `{qname}` ({}..={}) can meet it", q.min, q.max))
                                .near(format!("\"{qname}\"")),
                        );
                        return None;
                    }
                    Test::IntRange { q: qid, min, max }
                }
                QuestionKind::Money => Test::MoneyRange { q: qid, min, max },
                _ => {
                    errors.push(wrong_kind("min/max", "integer or money"));
                    return None;
                }
            }
        } else if let Some(is) = &c.is {
            if q.kind != QuestionKind::Choice {
                errors.push(wrong_kind("is", "choice"));
                return None;
            }
            Test::OneOf { q: qid, options: 1u64 << option(is, errors)? }
        } else if let Some(list) = &c.in_ {
            if q.kind != QuestionKind::Choice {
                errors.push(wrong_kind("in", "choice"));
                return None;
            }
            if list.is_empty() {
                errors.push(self.err(field, "empty range: `in` lists no options").near(format!("\"{qname}\"")));
                return None;
            }
            let mut mask = 0u64;
            for id in list {
                mask |= 1u64 << option(id, errors)?;
            }
            Test::OneOf { q: qid, options: mask }
        } else if let Some(has) = &c.has {
            if q.kind != QuestionKind::Flags {
                errors.push(wrong_kind("has", "flags"));
                return None;
            }
            Test::Has { q: qid, option: option(has, errors)? }
        } else {
            if q.kind != QuestionKind::Date {
                errors.push(wrong_kind("from/until", "date"));
                return None;
            }
            let parse = |v: &Option<String>, which: &str, errors: &mut Vec<RuleError>| -> Option<Option<Date>> {
                match v {
                    None => Some(None),
                    Some(s) => match s.parse::<Date>() {
                        Ok(d) => Some(Some(d)),
                        Err(e) => {
                            errors.push(self.err(&format!("{field}.{which}"), format!("`{s}` is {e}")).near(s.as_str()));
                            None
                        }
                    },
                }
            };
            let from = parse(&c.from, "from", errors)?;
            let until = parse(&c.until, "until", errors)?;
            if let (Some(a), Some(b)) = (from, until) {
                if a > b {
                    errors.push(self.err(field, format!("empty range: {a} is after {b}")));
                    return None;
                }
            }
            Test::DateRange { q: qid, from, until }
        };
        Some(Condition { test, says, decides })
    }
}

/// Whether a quote is the plan's words rather than a stray mark: at least
/// [`MIN_QUOTE_CHARS`] characters, one of them a CJK character or a digit.
fn is_citation(quote: &str) -> bool {
    let q = quote.trim();
    let cjk = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}');
    q.chars().count() >= MIN_QUOTE_CHARS && q.chars().any(|c| cjk(c) || c.is_ascii_digit())
}

/// At most this many supplements (`plus`) to one amount.
pub(crate) const MAX_PLUS: usize = 32;

/// The shortest quote taken as a citation.
pub(crate) const MIN_QUOTE_CHARS: usize = 4;

/// Parses an amount from a rule file; the message says what is wrong.
fn amount(m: &MoneySrc) -> Result<Decimal, String> {
    let s = m.0.trim();
    if s.starts_with('-') {
        return Err(format!("amount `{s}` is negative; amounts in the plan are never below zero"));
    }
    parse_amount(s).ok_or_else(|| format!("`{s}` is not an amount: write digits with an optional decimal point, e.g. \"8080.8\""))
}

fn compile_jurisdiction(file: &JurisdictionFile, questions: &Questions, errors: &mut Vec<RuleError>) -> Jurisdiction {
    let h = &file.jurisdiction;
    if file.schema != SCHEMA {
        errors.push(RuleError::new("", "schema", format!("schema {} is not supported (expected {SCHEMA})", file.schema)));
    }
    if let Err(msg) = check_id(&h.id, IdKind::Jurisdiction) {
        errors.push(RuleError::new("jurisdiction", "id", msg).anchored(&h.id));
    }

    let period_date = |v: &Option<String>, field: &str, errors: &mut Vec<RuleError>| match v {
        None => {
            errors.push(RuleError::new("jurisdiction", field, "missing: the period the plan governs, valid_from and valid_until (YYYY-MM-DD)").anchored(&h.id));
            Date::EPOCH
        }
        Some(s) => s.parse::<Date>().unwrap_or_else(|_| {
            errors.push(RuleError::new("jurisdiction", field, format!("`{s}` is not a date of the form YYYY-MM-DD")).near(s.as_str()));
            Date::EPOCH
        }),
    };
    let valid_from = period_date(&h.valid_from, "valid_from", errors);
    let valid_until = period_date(&h.valid_until, "valid_until", errors);
    if valid_from > valid_until {
        errors.push(RuleError::new("jurisdiction", "valid_until", "empty period: valid_until is before valid_from").anchored(&h.id));
    }

    let mut areas: Vec<Area> = Vec::new();
    for a in &file.area {
        if areas.iter().any(|x| x.id == a.id.as_str()) {
            errors.push(RuleError::new(format!("area `{}`", a.id), "id", "listed twice").anchored(&a.id));
        }
        if let Err(msg) = check_id(&a.id, IdKind::Area) {
            errors.push(RuleError::new(format!("area `{}`", a.id), "id", msg).anchored(&a.id));
        }
        areas.push(Area { id: a.id.clone().into(), label: crate::text::Text::new(a.zh.clone(), a.en.clone()) });
    }

    let mut items: Vec<Item> = Vec::new();
    for it in &file.item {
        let place = format!("item {}", it.number);
        let err = |field: &str, msg: String| RuleError::new(place.clone(), field, msg).anchored(&it.number);
        if items.iter().any(|x| x.number == it.number.as_str()) {
            errors.push(err("number", "another item already has this number".into()));
        }
        let area = areas.iter().position(|a| a.id == it.area).unwrap_or_else(|| {
            errors.push(err("area", format!("no area `{}` in this file", it.area)).near(format!("\"{}\"", it.area)));
            0
        });
        if it.text.trim().is_empty() {
            errors.push(err("text", "the item's text is empty; quote the plan".into()));
        }
        items.push(Item {
            number: it.number.clone().into(),
            area,
            kind: it.kind,
            title: it.title.clone(),
            office: it.office.clone(),
            text: it.text.clone().into(),
            entitlements: Vec::new().into(),
        });
    }

    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, e) in file.entitlement.iter().enumerate() {
        if index.insert(e.id.as_str(), i).is_some() {
            errors.push(
                RuleError::new(format!("entitlement `{}`", e.id), "id", "another entitlement already has this id")
                    .anchored(&e.id),
            );
        }
        if let Err(msg) = check_id(&e.id, IdKind::Entitlement) {
            errors.push(RuleError::new(format!("entitlement `{}`", e.id), "id", msg).anchored(&e.id));
        }
    }

    let mut entitlements = Vec::with_capacity(file.entitlement.len());
    for (i, e) in file.entitlement.iter().enumerate() {
        let place = format!("entitlement `{}`", e.id);
        let err = |field: &str, msg: String| RuleError::new(place.clone(), field, msg).anchored(&e.id);
        let item = match items.iter().position(|it| it.number == e.item) {
            Some(pos) => {
                if items[pos].kind != ItemKind::Entitlement {
                    errors.push(err("item", format!("item {} is not of kind \"entitlement\"", e.item)));
                }
                if !items[pos].text.contains(e.quote.trim()) {
                    errors.push(err("quote", format!("the quote is not in the text of item {}: quote the plan exactly", e.item)));
                }
                items[pos].entitlements.to_mut().push(i);
                pos
            }
            None => {
                errors.push(err("item", format!("no item {} in this file", e.item)).near(format!("\"{}\"", e.item)));
                0
            }
        };
        if e.quote.trim().is_empty() {
            errors.push(err("quote", "missing citation: quote the sentence of the plan this rule encodes".into()));
        } else if !is_citation(&e.quote) {
            errors.push(err("quote", "not a citation: cite the plan's words (at least 4 characters, with a Chinese character or digit)".into()));
        }
        let ctx = CondContext { questions, entitlements: &index, place: &place, anchor: &e.id };
        let when = ctx.conditions(&e.when, "when", errors);
        let mut excluded_by = Vec::new();
        for (k, other) in e.excluded_by.iter().enumerate() {
            match index.get(other.as_str()) {
                Some(&j) if j != i => excluded_by.push(j),
                Some(_) => errors.push(err(&format!("excluded_by[{k}]"), "an entitlement cannot exclude itself".into())),
                None => errors.push(
                    err(&format!("excluded_by[{k}]"), format!("no entitlement `{other}` in this file")).near(format!("\"{other}\"")),
                ),
            }
        }
        let amount = compile_amount(&e.amount, &ctx, e.period, errors);
        for (field, figure) in unquoted_figures(&e.quote, &amount) {
            let figure = crate::money::plain(figure);
            errors.push(
                err(field, format!("{figure} is not in the quote: every figure of a table or lookup must be the plan's, as it writes it"))
                    .near(format!("\"{figure}\"")),
            );
        }
        let how_to_apply = e.how_to_apply.as_ref().map(|h| {
            if h.first_stop.is_none() && h.documents.is_empty() {
                errors.push(err("how_to_apply", "give `first_stop` or `documents`, or leave `how_to_apply` out".into()));
            }
            if h.source.trim().is_empty() {
                errors.push(err("how_to_apply.source", "name the document these details come from".into()));
            }
            for (k, d) in h.documents.iter().enumerate() {
                if d.zh.trim().is_empty() || d.en.trim().is_empty() {
                    errors.push(err(&format!("how_to_apply.documents[{k}]"), "empty: name the document in both languages".into()));
                }
            }
            HowToApply { first_stop: h.first_stop.clone(), documents: h.documents.clone().into(), source: h.source.trim().to_owned().into() }
        });
        let rise = compile_rise(e, &amount, questions, &err, errors);
        entitlements.push(Entitlement {
            id: e.id.clone().into(),
            item,
            name: e.name.clone(),
            scope: e.scope,
            period: e.period,
            paid_as: e.paid_as,
            quote: e.quote.trim().to_owned().into(),
            when: when.into(),
            excluded_by: excluded_by.into(),
            office: e.office.clone(),
            note: e.note.clone(),
            amount,
            how_to_apply,
            rise: rise.into(),
        });
    }
    let offices = compile_offices(&file.office, &items, &entitlements, errors);

    for (it, src) in items.iter().zip(&file.item) {
        if it.kind == ItemKind::Entitlement && it.entitlements.is_empty() {
            errors.push(
                RuleError::new(format!("item {}", it.number), "kind", "an entitlement item needs at least one [[entitlement]]")
                    .anchored(&src.number),
            );
        }
    }

    let order = evaluation_order(&entitlements).unwrap_or_else(|i| {
        let id = &file.entitlement[i].id;
        errors.push(
            RuleError::new(format!("entitlement `{id}`"), "when", "circular reference through `applies` or `excluded_by`")
                .anchored(id),
        );
        Vec::new()
    });
    let uses = questions_used(questions, &entitlements);

    Jurisdiction {
        id: h.id.clone().into(),
        name: h.name.clone(),
        plan: h.plan.clone(),
        source: h.source.clone().into(),
        rules_version: h.rules_version.clone().into(),
        default: h.default,
        valid_from,
        valid_until,
        areas: areas.into(),
        items: items.into(),
        entitlements: entitlements.into(),
        offices: offices.into(),
        order: order.into(),
        uses,
    }
}

fn compile_amount(a: &AmountSrc, ctx: &CondContext, period: Period, errors: &mut Vec<RuleError>) -> Amount {
    let err = |field: &str, msg: String| ctx.err(&format!("amount.{field}"), msg);
    // Fields each kind may use; anything else set is a mistake worth naming.
    let allowed: &[&str] = match a.kind {
        AmountKind::Fixed | AmountKind::AtLeast => &["value", "plus"],
        AmountKind::SetLocally => &["floor", "basis"],
        AmountKind::InKind => &["what"],
        AmountKind::Lookup => &["by", "values", "none_reason"],
        AmountKind::Table => &["row", "column", "cells", "none_reason"],
        AmountKind::PerServiceYear => &["per_year", "years", "months", "rounding"],
        AmountKind::MinimumLivingGap => &["by", "standard", "members", "income", "certified_when"],
    };
    let present = [
        ("value", a.value.is_some()),
        ("plus", a.plus.is_some()),
        ("floor", a.floor.is_some()),
        ("what", a.what.is_some()),
        ("by", a.by.is_some()),
        ("values", a.values.is_some()),
        ("row", a.row.is_some()),
        ("column", a.column.is_some()),
        ("cells", a.cells.is_some()),
        ("none_reason", a.none_reason.is_some()),
        ("per_year", a.per_year.is_some()),
        ("years", a.years.is_some()),
        ("months", a.months.is_some()),
        ("rounding", a.rounding.is_some()),
        ("standard", a.standard.is_some()),
        ("members", a.members.is_some()),
        ("income", a.income.is_some()),
        ("basis", a.basis.is_some()),
        ("certified_when", a.certified_when.is_some()),
    ];
    for (name, set) in present {
        if set && !allowed.contains(&name) {
            errors.push(err(name, format!("not used by amounts of kind {:?}", a.kind).to_lowercase()));
        }
    }
    let fallback = Amount::SetLocally { floor: None, basis: None };
    let money = |m: &Option<MoneySrc>, field: &str, errors: &mut Vec<RuleError>| -> Option<Decimal> {
        match m {
            None => {
                errors.push(err(field, format!("missing: amounts of this kind need `{field}`")));
                None
            }
            Some(m) => amount(m).map_err(|msg| errors.push(err(field, msg).near(&m.0))).ok(),
        }
    };
    let question = |name: &Option<String>, field: &str, kinds: &[QuestionKind], errors: &mut Vec<RuleError>| {
        let Some(name) = name else {
            errors.push(err(field, format!("missing: amounts of this kind need `{field}`")));
            return None;
        };
        match ctx.questions.find(name) {
            None => {
                errors.push(err(field, format!("no question `{name}` in questions.toml")).near(format!("\"{name}\"")));
                None
            }
            Some(q) if !kinds.contains(&ctx.questions.get(q).kind) => {
                errors.push(err(field, format!("question `{name}` is not of kind {kinds:?}").to_lowercase()));
                None
            }
            Some(q) => Some(q),
        }
    };
    // Cells keyed by option id: every option present, nothing else.
    let by_option = |q: QuestionId, map: &BTreeMap<String, MoneySrc>, field: &str, allow_none: bool, errors: &mut Vec<RuleError>| {
        let question = ctx.questions.get(q);
        for key in map.keys() {
            if question.option_index(key).is_none() {
                errors.push(err(field, format!("`{}` has no option `{key}`", question.id)).near(key.as_str()));
            }
        }
        question
            .options
            .iter()
            .map(|o| match map.get(o.id.as_ref()) {
                None => {
                    errors.push(err(field, format!("missing cell for option `{}` of `{}`", o.id, question.id)));
                    None
                }
                Some(m) if allow_none && m.0 == "none" => Some(None),
                Some(m) => amount(m).map(Some).map_err(|msg| errors.push(err(field, msg).near(&m.0))).ok(),
            })
            .collect::<Vec<Option<Option<Decimal>>>>()
    };
    match a.kind {
        AmountKind::Fixed | AmountKind::AtLeast => {
            let Some(value) = money(&a.value, "value", errors) else { return fallback };
            let plus: Vec<Plus> = a
                .plus
                .iter()
                .flatten()
                .enumerate()
                .filter_map(|(i, p)| {
                    let field = format!("amount.plus[{i}]");
                    let when = ctx.conditions(&p.when, &format!("{field}.when"), errors);
                    if p.when.is_empty() {
                        errors.push(ctx.err(&format!("{field}.when"), "a `plus` needs a condition; otherwise add it to `value`"));
                    }
                    let value = amount(&p.value).map_err(|msg| errors.push(ctx.err(&field, msg).near(&p.value.0))).ok()?;
                    Some(Plus { when: when.into(), value, label: p.label.clone(), at_least: p.at_least })
                })
                .collect();
            if plus.len() > MAX_PLUS {
                // Evaluation records the supplements added as bits of a u32.
                errors.push(err("plus", format!("at most {MAX_PLUS} supplements")));
            }
            Amount::Fixed { value, at_least: a.kind == AmountKind::AtLeast, plus: plus.into() }
        }
        AmountKind::SetLocally => Amount::SetLocally {
            // No generic "set locally": each rule says what its plan says.
            basis: match &a.basis {
                Some(b) if !b.zh.trim().is_empty() && !b.en.trim().is_empty() => Some(b.clone()),
                _ => {
                    errors.push(
                        err("basis", "missing: what the plan says of the amount, e.g. { zh = \"按照国家规定调整，方案未写金额\", en = \"…\" }".into())
                            .near("\"set_locally\""),
                    );
                    None
                }
            },
            floor: a.floor.as_ref().and_then(|m| amount(m).map_err(|msg| errors.push(err("floor", msg).near(&m.0))).ok()),
        },
        AmountKind::InKind => match &a.what {
            Some(what) => Amount::InKind { what: what.clone() },
            None => {
                errors.push(err("what", "missing: say what is given, e.g. { zh = \"免费救治\", en = \"free treatment\" }".into()));
                fallback
            }
        },
        AmountKind::Lookup => {
            let Some(by) = question(&a.by, "by", &[QuestionKind::Choice], errors) else { return fallback };
            let Some(map) = &a.values else {
                errors.push(err("values", "missing: a lookup needs `values`".into()));
                return fallback;
            };
            let values: Option<Vec<_>> = by_option(by, map, "values", true, errors).into_iter().collect();
            let Some(values) = values else { return fallback };
            if values.iter().any(Option::is_none) && a.none_reason.is_none() {
                errors.push(err("none_reason", "a \"none\" cell needs `none_reason` to tell the resident why".into()));
            }
            Amount::Lookup { by, values: values.into(), none_reason: a.none_reason.clone() }
        }
        AmountKind::Table => {
            let row = question(&a.row, "row", &[QuestionKind::Integer], errors);
            let column = question(&a.column, "column", &[QuestionKind::Choice], errors);
            let (Some(row), Some(column)) = (row, column) else { return fallback };
            let Some(cells) = &a.cells else {
                errors.push(err("cells", "missing: a table needs `cells`".into()));
                return fallback;
            };
            let rq = ctx.questions.get(row);
            let Some(rows) = rq.max.checked_sub(rq.min).and_then(|w| w.checked_add(1)).and_then(|n| usize::try_from(n).ok()) else {
                errors.push(err("row", format!("`{}` runs {}..={}: too many rows for a table", rq.id, rq.min, rq.max)));
                return fallback;
            };
            let cq = ctx.questions.get(column);
            for key in cells.keys() {
                if cq.option_index(key).is_none() {
                    errors.push(err(&format!("cells.{key}"), format!("`{}` has no option `{key}`", cq.id)));
                }
            }
            let mut grid = Vec::new();
            let mut any_none = false;
            for o in cq.options.iter() {
                let field = format!("cells.{}", o.id);
                let Some(list) = cells.get(o.id.as_ref()) else {
                    errors.push(err(&field, format!("missing column `{}`: every option of `{}` needs a row of cells", o.id, cq.id)));
                    continue;
                };
                if list.len() != rows {
                    errors.push(err(
                        &field,
                        format!(
                            "missing cell: {} cells given, but `{}` runs {}..={} ({rows} rows); write \"none\" where the plan gives no amount",
                            list.len(),
                            rq.id,
                            rq.min,
                            rq.max
                        ),
                    ));
                    continue;
                }
                let col: Vec<Option<Decimal>> = list
                    .iter()
                    .map(|m| {
                        if m.0 == "none" {
                            any_none = true;
                            None
                        } else {
                            amount(m).map_err(|msg| errors.push(err(&field, msg).near(&m.0))).ok()
                        }
                    })
                    .collect();
                grid.push(col);
            }
            if any_none && a.none_reason.is_none() {
                errors.push(err("none_reason", "a \"none\" cell needs `none_reason` to tell the resident why".into()));
            }
            if grid.len() != cq.options.len() {
                return fallback;
            }
            Amount::Table { row, row_min: rq.min, column, cells: grid.into_iter().map(Into::into).collect(), none_reason: a.none_reason.clone() }
        }
        AmountKind::PerServiceYear => {
            let per_year = money(&a.per_year, "per_year", errors);
            let years = question(&a.years, "years", &[QuestionKind::Integer], errors);
            let months = match &a.months {
                None => None,
                some => question(some, "months", &[QuestionKind::Integer], errors),
            };
            let Some(rounding) = a.rounding else {
                errors.push(err("rounding", "missing: `half_year` or `whole_years`".into()));
                return fallback;
            };
            if rounding == Rounding::HalfYear && months.is_none() {
                errors.push(err("months", "half-year rounding needs the months question".into()));
            }
            let (Some(per_year), Some(years)) = (per_year, years) else { return fallback };
            Amount::PerServiceYear { per_year, years, months, rounding }
        }
        AmountKind::MinimumLivingGap => {
            if period != Period::Month {
                errors.push(ctx.err("period", "the minimum-living gap is a monthly amount"));
            }
            let by = question(&a.by, "by", &[QuestionKind::Choice], errors);
            let members = question(&a.members, "members", &[QuestionKind::Integer], errors);
            let income = question(&a.income, "income", &[QuestionKind::Money], errors);
            let (Some(by), Some(members), Some(income)) = (by, members, income) else { return fallback };
            let Some(map) = &a.standard else {
                errors.push(err("standard", "missing: the standard per option of `by`".into()));
                return fallback;
            };
            let standard: Option<Vec<Decimal>> = by_option(by, map, "standard", false, errors).into_iter().map(|c| c.flatten()).collect();
            let Some(standard) = standard else { return fallback };
            let certified = ctx.conditions(a.certified_when.as_deref().unwrap_or_default(), "amount.certified_when", errors);
            Amount::MinimumLivingGap { by, standard: standard.into(), members, income, certified: certified.into() }
        }
    }
}

/// The figures of a table or lookup that its quote does not state, with
/// their field. A figure is stated when the quote has it as written
/// ("8080.8", "2565元"), not inside a longer number.
fn unquoted_figures(quote: &str, amount: &Amount) -> Vec<(&'static str, Decimal)> {
    let (field, figures): (&'static str, Vec<Decimal>) = match amount {
        Amount::Table { cells, .. } => ("amount.cells", cells.iter().flat_map(|c| c.iter().flatten().copied()).collect()),
        Amount::Lookup { values, .. } => ("amount.values", values.iter().flatten().copied().collect()),
        _ => return Vec::new(),
    };
    let mut missing: Vec<(&'static str, Decimal)> = Vec::new();
    for f in figures {
        if !states(quote, &crate::money::plain(f)) && !missing.iter().any(|(_, m)| *m == f) {
            missing.push((field, f));
        }
    }
    missing
}

/// Whether `text` has the number `figure` standing alone: no digit (or
/// decimal point) right before it, no digit or further decimals right after.
fn states(text: &str, figure: &str) -> bool {
    text.match_indices(figure).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let mut after = text[at + figure.len()..].chars();
        let next = after.next();
        let decimals = next == Some('.') && after.next().is_some_and(|c| c.is_ascii_digit());
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.') && !next.is_some_and(|c| c.is_ascii_digit()) && !decimals
    })
}

/// This year's rise, checked against the quote like every figure: the plan
/// must say "提高{figure}元" in the sentence the rule quotes.
fn compile_rise(
    e: &EntitlementSrc,
    amount_: &Amount,
    questions: &Questions,
    err: &dyn Fn(&str, String) -> RuleError,
    errors: &mut Vec<RuleError>,
) -> Vec<Option<Decimal>> {
    let Some(src) = &e.rise else { return Vec::new() };
    let figure = |m: &MoneySrc, errors: &mut Vec<RuleError>| -> Option<Decimal> {
        let v = amount(m).map_err(|msg| errors.push(err("rise", msg).near("rise ="))).ok()?;
        let words = format!("提高{}元", crate::money::plain(v));
        if !e.quote.contains(&words) {
            errors.push(err("rise", format!("the quote does not say “{words}”: a rise must be the plan's own figure")).near("rise ="));
        }
        Some(v)
    };
    match (src, amount_) {
        (RiseSrc::One(m), Amount::Fixed { .. }) => vec![figure(m, errors)],
        (RiseSrc::ByOption(map), Amount::Lookup { by, .. } | Amount::MinimumLivingGap { by, .. }) => {
            let q = questions.get(*by);
            for key in map.keys() {
                if q.option_index(key).is_none() {
                    errors.push(err("rise", format!("`{}` has no option `{key}`", q.id)).near("rise ="));
                }
            }
            q.options.iter().map(|o| map.get(o.id.as_ref()).and_then(|m| figure(m, errors))).collect()
        }
        (RiseSrc::One(_), _) => {
            errors.push(err("rise", "one figure fits a fixed amount; give one per option for a lookup or the 低保 gap".into()));
            Vec::new()
        }
        (RiseSrc::ByOption(_), _) => {
            errors.push(err("rise", "per-option figures fit a lookup or the 低保 gap; give one figure for a fixed amount".into()));
            Vec::new()
        }
    }
}

/// The office directory: each entry names an office the plan names, gives
/// at least one detail, and says where its details come from. Nothing here
/// may be guessed, so every field is checked for shape.
fn compile_offices(list: &[OfficeSrc], items: &[Item], ents: &[Entitlement], errors: &mut Vec<RuleError>) -> Vec<Office> {
    let named = |zh: &str| {
        items.iter().filter_map(|i| i.office.as_ref()).chain(ents.iter().filter_map(|e| e.office.as_ref())).any(|o| o.zh == zh)
    };
    let mut out: Vec<Office> = Vec::new();
    for o in list {
        let place = format!("office `{}`", o.name.zh);
        // An office table has no id line; its values locate it.
        let name_line = format!("name = {{ zh = \"{}\"", o.name.zh);
        let err = |field: &str, msg: &str| RuleError::new(place.clone(), field, msg).near(name_line.clone());
        if !named(&o.name.zh) {
            errors.push(err("name", "no item or entitlement names this office: use the office text exactly as the plan gives it"));
        }
        if out.iter().any(|x| x.name.zh == o.name.zh) {
            errors.push(err("name", "this office is listed twice"));
        }
        if o.address.is_none() && o.phone.is_none() && o.hours.is_none() && o.online.is_none() {
            errors.push(err("name", "give at least one of address, phone, hours, online"));
        }
        if o.source.trim().is_empty() {
            errors.push(err("source", "name the document these details come from"));
        }
        if let Some(p) = &o.phone {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            if digits < 5 || !p.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c)) {
                errors.push(err("phone", "a phone number: digits, spaces, hyphens, + and parentheses").near(format!("phone = \"{p}\"")));
            }
        }
        if let Some(url) = &o.online {
            let host = url.strip_prefix("https://").unwrap_or_default();
            if host.is_empty() || host.starts_with('/') || url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>') {
                errors.push(err("online", "an https:// address").near(format!("online = \"{url}\"")));
            }
        }
        out.push(Office {
            name: o.name.clone(),
            address: o.address.clone(),
            phone: o.phone.clone().map(Into::into),
            hours: o.hours.clone(),
            online: o.online.clone().map(Into::into),
            source: o.source.trim().to_owned().into(),
        });
    }
    out
}

/// Orders entitlements so that each comes after the ones it depends on.
/// Returns the index of one entitlement on a cycle, if there is one.
fn evaluation_order(ents: &[Entitlement]) -> Result<Vec<usize>, usize> {
    let graph: Vec<Vec<usize>> = ents
        .iter()
        .map(|e| {
            let mut d = e.excluded_by.to_vec();
            crate::packed::dependencies(e, &mut d);
            d
        })
        .collect();
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; ents.len()];
    let mut order = Vec::with_capacity(ents.len());
    fn visit(i: usize, g: &[Vec<usize>], state: &mut [u8], order: &mut Vec<usize>) -> Result<(), usize> {
        match state[i] {
            2 => return Ok(()),
            1 => return Err(i),
            _ => {}
        }
        state[i] = 1;
        for &d in &g[i] {
            visit(d, g, state, order)?;
        }
        state[i] = 2;
        order.push(i);
        Ok(())
    }
    for i in 0..ents.len() {
        visit(i, &graph, &mut state, &mut order)?;
    }
    Ok(order)
}

/// Marks every question the entitlements read, then the questions that
/// decide whether those are asked, until nothing changes.
fn questions_used(questions: &Questions, ents: &[Entitlement]) -> QuestionSet {
    fn mark(c: &Condition, uses: &mut QuestionSet) {
        if let Some(q) = c.test.question() {
            uses.insert(q);
        }
        if let Test::Any(list) = &c.test {
            list.iter().for_each(|c| mark(c, uses));
        }
    }
    let mut uses = QuestionSet::default();
    for e in ents {
        e.when.iter().for_each(|c| mark(c, &mut uses));
        let amount_questions: Vec<QuestionId> = match &e.amount {
            Amount::Fixed { plus, .. } => {
                plus.iter().for_each(|p| p.when.iter().for_each(|c| mark(c, &mut uses)));
                vec![]
            }
            Amount::Lookup { by, .. } => vec![*by],
            Amount::Table { row, column, .. } => vec![*row, *column],
            Amount::PerServiceYear { years, months, .. } => std::iter::once(*years).chain(*months).collect(),
            Amount::MinimumLivingGap { by, members, income, certified, .. } => {
                certified.iter().for_each(|c| mark(c, &mut uses));
                vec![*by, *members, *income]
            }
            Amount::SetLocally { .. } | Amount::InKind { .. } => vec![],
        };
        amount_questions.iter().for_each(|&q| uses.insert(q));
    }
    // ask_when only refers to earlier questions, so one backward pass suffices.
    for (i, q) in questions.list.iter().enumerate().rev() {
        if uses.contains(QuestionId(i as u16)) {
            q.ask_when.iter().chain(q.skip_when.iter()).for_each(|c| mark(c, &mut uses));
        }
    }
    uses
}
