//! Checked rules in a compact binary form, for the widget.
//!
//! The widget's build script loads and checks the TOML files, then writes
//! them with [`pack`]; the widget embeds the bytes and reads them back with
//! [`unpack`] when the page starts. So no TOML or JSON parser and no checking
//! code ship in the wasm, and the data costs far less than the same rules as
//! Rust statics, whose pointers and padding compress badly.
//!
//! Layout: the model in declaration order, numbers as LEB128, except its
//! text, which sits apart in pools by kind and language (all Chinese notes
//! together, all English office names together, ...), each string ended by
//! a NUL byte. A field's string is the next one in its pool. Grouping like
//! text with like, and keeping lengths out of it, is what brotli (which
//! serves the wasm) compresses best: the rules download about a sixth
//! smaller than with each string written where it occurs after its length.
//! A string used twice is written twice; brotli makes the repeat cost a few
//! bytes, less than a reference would. The file starts with the number of
//! pools and each pool's length. Unpacked strings borrow from the embedded
//! bytes, so start-up copies no text.
//!
//! Item texts (the plan's full wording of each item) are left out: the widget
//! shows each benefit with the sentence it rests on (`quote`), and the full
//! texts would add about a fifth to what a resident downloads. So are item
//! titles and area labels (2 KB brotli): the whole plan is a page of its
//! own, `plan.html`, and the widget names an item by its number. So are the
//! English translations of notes, of conditions' own wording, of who
//! decides and of what a plan says of an unset amount (4.4 KB brotli, what
//! kept the widget within its weight budget): in English the widget shows a
//! note in Chinese, as it shows the plan's own sentence, a condition in its
//! generated English description, and the rest in general words ("the office
//! decides", "the plan gives no amount"); the JSON and the CLI keep both
//! languages.
//! Everything else round-trips exactly; `tests/packed.rs` checks that.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;

use crate::date::Date;
use crate::model::*;
use crate::source::{ItemKind, PaidAs, Period, QuestionKind, Rounding, Scope};
use crate::text::Text;

/// Packs `rules`, leaving out item texts and titles, area labels and the
/// English of notes and conditions' wording (see the module note).
pub fn pack(rules: &Rules) -> Vec<u8> {
    let mut rules = rules.clone();
    for j in rules.jurisdictions.to_mut() {
        // The whole plan is plan.html: the widget names items by number.
        for it in j.items.to_mut() {
            it.title = Text::new("", "");
        }
        for area in j.areas.to_mut() {
            area.label = Text::new("", "");
        }
        for e in j.entitlements.to_mut() {
            if let Some(note) = &mut e.note {
                note.en = Cow::Borrowed("");
            }
            for c in e.when.to_mut() {
                english_wording_out(c);
            }
            if let Amount::SetLocally { basis: Some(b), .. } = &mut e.amount {
                b.en = Cow::Borrowed("");
            }
        }
    }
    let mut w = Writer { pools: vec![Vec::new(); POOLS], ..Writer::default() };
    rules.put(&mut w);
    let mut out = Vec::new();
    uint(&mut out, POOLS as u64);
    for pool in &w.pools {
        uint(&mut out, pool.len() as u64);
    }
    for pool in &w.pools {
        out.extend_from_slice(pool);
    }
    out.extend_from_slice(&w.body);
    out
}

/// A condition's own English wording, left out: the generated English
/// description stands in for it.
fn english_wording_out(c: &mut Condition) {
    if let Some(says) = &mut c.says {
        says.en = Cow::Borrowed("");
    }
    if let Some(decides) = &mut c.decides {
        decides.en = Cow::Borrowed("");
    }
    if let Test::Any(list) = &mut c.test {
        list.to_mut().iter_mut().for_each(english_wording_out);
    }
}

/// Reads what [`pack`] wrote. Strings borrow from `bytes`. Damaged bytes
/// give an error, never a panic, here or later: besides the shape, every
/// index is checked as `compile` checks it.
pub fn unpack(bytes: &'static [u8]) -> Result<Rules, UnpackError> {
    let mut r = Reader { bytes, pos: 0, pools: [(0, 0); POOLS], kind: 0, error: None };
    if r.uint() != POOLS as u64 {
        r.fail("pools");
    }
    let mut lens = [0usize; POOLS];
    for len in lens.iter_mut() {
        *len = r.small("pool");
    }
    // The pools follow the header, the model follows the pools.
    for (pool, len) in r.pools.iter_mut().zip(lens) {
        let end = r.pos.saturating_add(len);
        *pool = (r.pos, end);
        r.pos = end;
    }
    if r.pos > bytes.len() {
        r.fail("pool");
    }
    let rules = Rules::get(&mut r);
    // Every string read, every byte read: nothing left over or cut short.
    if r.pos != bytes.len() || r.pools.iter().any(|&(at, end)| at != end) {
        r.fail("length");
    }
    // Well-formed bytes can still hold a damaged index: refuse it here, as
    // `compile` would have, rather than panic in evaluation.
    let error = r.error.or_else(|| check(&rules).map(|what| UnpackError { what, at: bytes.len() }));
    match error {
        Some(e) => {
            // Not dropped: a refusal only follows a broken build, and
            // dropping would link drop code for the whole model into the
            // widget (about 0.5 KB brotli) for that one path.
            std::mem::forget(rules);
            Err(e)
        }
        None => Ok(rules),
    }
}

/// What `compile` guarantees of every index, checked again: each question,
/// option, entitlement, item and area index in range, questions of the
/// kind their use needs, tables and lookups of the right shape, and the
/// evaluation order a dependency order. Returns what is wrong, if anything.
fn check(rules: &Rules) -> Option<&'static str> {
    let qs = &rules.questions.list;
    if qs.len() > MAX_QUESTIONS {
        return Some("question count");
    }
    let ctx = |limit: usize, entitlements: usize| Check { questions: &qs[..limit], entitlements };
    for (i, q) in qs.iter().enumerate() {
        let rows = q.max.checked_sub(q.min).and_then(|w| w.checked_add(1));
        // ask_when reads earlier questions only, and no entitlement.
        if q.options.len() > 64 || rows.is_none_or(|n| n < 1) || !ctx(i, 0).conditions(&q.ask_when) || !ctx(i, 0).conditions(&q.skip_when) {
            return Some("question");
        }
    }
    for j in rules.jurisdictions.iter() {
        let n = j.entitlements.len();
        let c = ctx(qs.len(), n);
        if j.uses.bits() & !mask(qs.len()) != 0 {
            return Some("used questions");
        }
        for item in j.items.iter() {
            if item.area >= j.areas.len() || item.entitlements.iter().any(|&e| e >= n) {
                return Some("item");
            }
        }
        // The order: each entitlement once, after those it depends on.
        let mut position = vec![usize::MAX; n];
        for (at, &e) in j.order.iter().enumerate() {
            match position.get_mut(e) {
                Some(p) if *p == usize::MAX => *p = at,
                _ => return Some("order"),
            }
        }
        if j.order.len() != n {
            return Some("order");
        }
        for (i, e) in j.entitlements.iter().enumerate() {
            if e.item >= j.items.len() || e.excluded_by.iter().any(|&x| x >= n) || !c.conditions(&e.when) || !c.amount(&e.amount) {
                return Some("entitlement");
            }
            let options = |q: &QuestionId| qs[q.index()].options.len();
            let rise = match &e.amount {
                Amount::Fixed { .. } => e.rise.len() <= 1,
                Amount::Lookup { by, .. } | Amount::MinimumLivingGap { by, .. } => e.rise.is_empty() || e.rise.len() == options(by),
                _ => e.rise.is_empty(),
            };
            let mut deps = e.excluded_by.to_vec();
            dependencies(e, &mut deps);
            if !rise || deps.iter().any(|&d| d >= n || position[d] >= position[i]) {
                return Some("entitlement");
            }
        }
    }
    None
}

/// The entitlements `e` reads the outcome of: `applies` in its conditions,
/// its supplements' and its certification's (not its exclusions).
pub(crate) fn dependencies(e: &Entitlement, out: &mut Vec<usize>) {
    fn walk(c: &Condition, out: &mut Vec<usize>) {
        match &c.test {
            Test::Applies { entitlement } => out.push(*entitlement),
            Test::Any(list) => list.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    e.when.iter().for_each(|c| walk(c, out));
    match &e.amount {
        Amount::Fixed { plus, .. } => plus.iter().flat_map(|p| p.when.iter()).for_each(|c| walk(c, out)),
        Amount::MinimumLivingGap { certified, .. } => certified.iter().for_each(|c| walk(c, out)),
        _ => {}
    }
}

/// The low `n` bits (n ≤ 64).
fn mask(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - n as u32).filter(|_| n > 0).unwrap_or(0)
}

struct Check<'a> {
    /// The questions a condition may read.
    questions: &'a [Question],
    entitlements: usize,
}

impl Check<'_> {
    fn question(&self, q: QuestionId, kind: QuestionKind) -> Option<&Question> {
        self.questions.get(q.index()).filter(|x| x.kind == kind)
    }

    fn is(&self, q: QuestionId, kind: QuestionKind) -> bool {
        self.question(q, kind).is_some()
    }

    fn conditions(&self, list: &[Condition]) -> bool {
        list.iter().all(|c| match &c.test {
            Test::IntRange { q, .. } => self.is(*q, QuestionKind::Integer),
            Test::MoneyRange { q, .. } => self.is(*q, QuestionKind::Money),
            Test::OneOf { q, options } => {
                self.question(*q, QuestionKind::Choice).is_some_and(|x| *options != 0 && options & !mask(x.options.len()) == 0)
            }
            Test::Has { q, option } => self.question(*q, QuestionKind::Flags).is_some_and(|x| usize::from(*option) < x.options.len()),
            Test::DateRange { q, .. } => self.is(*q, QuestionKind::Date),
            Test::Applies { entitlement } => *entitlement < self.entitlements,
            Test::Any(list) => self.conditions(list),
            Test::Judgement => true,
        })
    }

    fn amount(&self, a: &Amount) -> bool {
        use QuestionKind::*;
        let options = |q: QuestionId| self.question(q, Choice).map(|x| x.options.len());
        match a {
            // Supplements are bits of a u32 in evaluation.
            Amount::Fixed { plus, .. } => plus.len() <= 32 && plus.iter().all(|p| self.conditions(&p.when)),
            Amount::SetLocally { .. } | Amount::InKind { .. } => true,
            Amount::Lookup { by, values, .. } => options(*by) == Some(values.len()),
            Amount::Table { row, row_min, column, cells, .. } => {
                let rows = self.question(*row, Integer).filter(|q| q.min == *row_min).and_then(|q| usize::try_from(q.max - q.min + 1).ok());
                rows.is_some() && options(*column) == Some(cells.len()) && cells.iter().all(|c| Some(c.len()) == rows)
            }
            Amount::PerServiceYear { years, months, .. } => self.is(*years, Integer) && months.is_none_or(|m| self.is(m, Integer)),
            Amount::MinimumLivingGap { by, standard, members, income, certified } => {
                options(*by) == Some(standard.len()) && self.is(*members, Integer) && self.is(*income, Money) && self.conditions(certified)
            }
        }
    }
}

/// Packed rules that do not read back: a build that embedded the wrong bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackError {
    pub what: &'static str,
    pub at: usize,
}

impl fmt::Display for UnpackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "packed rules: bad {} at byte {}", self.what, self.at)
    }
}

impl std::error::Error for UnpackError {}

/// What a string is, which decides its pool (with its language).
mod kind {
    /// Identifiers, item numbers, versions: ASCII.
    pub const ID: u8 = 0;
    pub const QUESTION: u8 = 1;
    pub const HELP: u8 = 2;
    pub const OPTION: u8 = 3;
    /// Jurisdictions, plans and areas.
    pub const PLACE: u8 = 4;
    pub const TITLE: u8 = 5;
    pub const OFFICE: u8 = 6;
    /// Entitlement names and supplement labels.
    pub const NAME: u8 = 7;
    pub const QUOTE: u8 = 8;
    pub const NOTE: u8 = 9;
    /// A condition's own wording, why a table has no figure, what is given in kind.
    pub const WORDING: u8 = 10;
    pub const COUNT: usize = 11;
}

/// Two languages of every kind.
const POOLS: usize = 2 * kind::COUNT;

fn pool(kind: u8, lang: usize) -> usize {
    lang * kind::COUNT + kind as usize
}

#[derive(Default)]
struct Writer {
    pools: Vec<Vec<u8>>,
    /// The kind of the strings of the field being written.
    kind: u8,
    body: Vec<u8>,
}

impl Writer {
    fn uint(&mut self, v: u64) {
        uint(&mut self.body, v);
    }
    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn str(&mut self, s: &str, lang: usize) {
        // Rule files are checked text; a NUL in one would end the string early.
        assert!(!s.contains('\0'), "a rule string contains NUL: {s:?}");
        let pool = &mut self.pools[pool(self.kind, lang)];
        pool.extend_from_slice(s.as_bytes());
        pool.push(0);
    }
}

fn uint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads with a sticky error: after the first problem every read returns a
/// placeholder and the error is reported at the end. Far less code than a
/// `Result` at every field, which matters in the wasm.
struct Reader {
    bytes: &'static [u8],
    pos: usize,
    /// Where the next string of each pool starts, and where the pool ends.
    pools: [(usize, usize); POOLS],
    /// The kind of the strings of the field being read.
    kind: u8,
    error: Option<UnpackError>,
}

impl Reader {
    fn fail(&mut self, what: &'static str) {
        if self.error.is_none() {
            self.error = Some(UnpackError { what, at: self.pos });
        }
    }
    fn uint(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        while let Some(&byte) = self.bytes.get(self.pos) {
            self.pos += 1;
            if shift < 64 {
                v |= u64::from(byte & 0x7f) << shift;
            }
            shift += 7;
            if byte & 0x80 == 0 {
                if shift > 70 {
                    self.fail("number");
                }
                return v;
            }
        }
        self.fail("end of data");
        0
    }
    fn int(&mut self) -> i64 {
        let u = self.uint();
        (u >> 1) as i64 ^ -((u & 1) as i64)
    }
    fn small<T: TryFrom<u64> + Default>(&mut self, what: &'static str) -> T {
        let v = self.uint();
        T::try_from(v).unwrap_or_else(|_| {
            self.fail(what);
            T::default()
        })
    }
    fn str(&mut self, lang: usize) -> &'static str {
        let (at, end) = &mut self.pools[pool(self.kind, lang)];
        let rest = self.bytes.get(*at..*end).unwrap_or_default();
        let s = rest.iter().position(|&b| b == 0).and_then(|len| std::str::from_utf8(&rest[..len]).ok());
        match s {
            Some(s) => {
                *at += s.len() + 1;
                s
            }
            None => {
                self.fail("string");
                ""
            }
        }
    }
}

/// A model type that can be packed and read back.
trait Packed: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader) -> Self;
}

impl Packed for Cow<'static, str> {
    fn put(&self, w: &mut Writer) {
        w.str(self, 0);
    }
    fn get(r: &mut Reader) -> Self {
        Cow::Borrowed(r.str(0))
    }
}

impl Packed for Text {
    fn put(&self, w: &mut Writer) {
        w.str(&self.zh, 0);
        w.str(&self.en, 1);
    }
    fn get(r: &mut Reader) -> Self {
        Text { zh: Cow::Borrowed(r.str(0)), en: Cow::Borrowed(r.str(1)) }
    }
}

impl<T: Packed + Clone> Packed for Cow<'static, [T]> {
    fn put(&self, w: &mut Writer) {
        w.uint(self.len() as u64);
        for x in self.iter() {
            x.put(w);
        }
    }
    fn get(r: &mut Reader) -> Self {
        let n: usize = r.small("list length");
        // Every element takes at least one byte: a corrupt length cannot
        // make this reserve more than the data could hold.
        let n = if n > r.bytes.len().saturating_sub(r.pos) {
            r.fail("list length");
            0
        } else {
            n
        };
        let mut list = Vec::with_capacity(n);
        for _ in 0..n {
            if r.error.is_some() {
                break;
            }
            list.push(T::get(r));
        }
        Cow::Owned(list)
    }
}

impl<T: Packed> Packed for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            Some(x) => {
                w.uint(1);
                x.put(w);
            }
            None => w.uint(0),
        }
    }
    fn get(r: &mut Reader) -> Self {
        match r.uint() {
            0 => None,
            1 => Some(T::get(r)),
            _ => {
                r.fail("option");
                None
            }
        }
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Packed for $t {
            fn put(&self, w: &mut Writer) {
                w.uint(*self as u64);
            }
            fn get(r: &mut Reader) -> Self {
                r.small(stringify!($t))
            }
        }
    )*};
}
unsigned!(usize, u8, u16, u64);

impl Packed for i64 {
    fn put(&self, w: &mut Writer) {
        w.int(*self);
    }
    fn get(r: &mut Reader) -> Self {
        r.int()
    }
}

impl Packed for bool {
    fn put(&self, w: &mut Writer) {
        w.uint(u64::from(*self));
    }
    fn get(r: &mut Reader) -> Self {
        match r.uint() {
            0 => false,
            1 => true,
            _ => {
                r.fail("bool");
                false
            }
        }
    }
}

impl Packed for Decimal {
    fn put(&self, w: &mut Writer) {
        // Plan amounts are yuan with at most a few decimals: far inside i64.
        let mantissa = i64::try_from(self.mantissa()).expect("amount too large to pack");
        w.int(mantissa);
        w.uint(u64::from(self.scale()));
    }
    fn get(r: &mut Reader) -> Self {
        let mantissa = r.int();
        let scale: u32 = r.small("scale");
        Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).unwrap_or_else(|_| {
            r.fail("amount");
            Decimal::ZERO
        })
    }
}

impl Packed for Date {
    fn put(&self, w: &mut Writer) {
        w.int(i64::from(self.year()));
        w.uint(u64::from(self.month()));
        w.uint(u64::from(self.day()));
    }
    fn get(r: &mut Reader) -> Self {
        let year = r.int();
        let month = r.small("month");
        let day = r.small("day");
        match i32::try_from(year).ok().and_then(|y| Date::new(y, month, day)) {
            Some(d) => d,
            None => {
                r.fail("date");
                Date::EPOCH
            }
        }
    }
}

/// Structs packed field by field, in declaration order; `field: KIND` sets
/// the pool of the field's strings.
macro_rules! record {
    ($t:ident { $($field:ident $(: $kind:ident)?),* }) => {
        impl Packed for $t {
            fn put(&self, w: &mut Writer) {
                let $t { $($field),* } = self;
                $( $(w.kind = kind::$kind;)? $field.put(w); )*
            }
            fn get(r: &mut Reader) -> Self {
                $t { $($field: { $(r.kind = kind::$kind;)? Packed::get(r) }),* }
            }
        }
    };
}

record!(Choice { id: ID, label: OPTION });
record!(Question { id: ID, kind, label: QUESTION, help: HELP, unit: QUESTION, min, max, options, ask_when, skip_when, not_after_today, only_grows });
record!(Condition { test, says: WORDING, decides: WORDING });
record!(HowToApply { first_stop: WORDING, documents: WORDING, source: PLACE });
record!(Office { name: OFFICE, address: WORDING, phone: ID, hours: WORDING, online: ID, source: PLACE });
record!(Plus { when, value, label: NAME, at_least });
record!(Entitlement {
    id: ID, item, name: NAME, scope, period, paid_as, quote: QUOTE, when, excluded_by, office: OFFICE, note: NOTE,
    amount, how_to_apply, rise
});
record!(Area { id: ID, label: PLACE });
record!(Jurisdiction {
    id: ID, name: PLACE, plan: PLACE, source: PLACE, rules_version: ID, default, valid_from, valid_until, areas, items, entitlements, offices, order, uses
});
record!(Questions { list });
record!(Rules { questions, jurisdictions });

impl Packed for QuestionSet {
    fn put(&self, w: &mut Writer) {
        w.uint(self.bits());
    }
    fn get(r: &mut Reader) -> Self {
        QuestionSet::from_bits(r.uint())
    }
}

impl Packed for QuestionId {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
    }
    fn get(r: &mut Reader) -> Self {
        QuestionId(u16::get(r))
    }
}

impl Packed for Item {
    fn put(&self, w: &mut Writer) {
        // `text` is left out: see the module documentation.
        let Item { number, area, kind, title, office, text: _, entitlements } = self;
        w.kind = kind::ID;
        number.put(w);
        area.put(w);
        kind.put(w);
        w.kind = kind::TITLE;
        title.put(w);
        w.kind = kind::OFFICE;
        office.put(w);
        entitlements.put(w);
    }
    fn get(r: &mut Reader) -> Self {
        r.kind = kind::ID;
        let (number, area, kind) = (Packed::get(r), Packed::get(r), Packed::get(r));
        r.kind = kind::TITLE;
        let title = Packed::get(r);
        r.kind = kind::OFFICE;
        Item { number, area, kind, title, office: Packed::get(r), text: Cow::Borrowed(""), entitlements: Packed::get(r) }
    }
}

/// Fieldless enums packed as the number given to each variant. Both ways
/// are a `match`: a variant left out of the list fails to compile, instead
/// of packing as another.
macro_rules! unit_enum {
    ($t:ident { $first:ident = $n0:literal $(, $v:ident = $n:literal)* }) => {
        impl Packed for $t {
            fn put(&self, w: &mut Writer) {
                w.uint(match self {
                    $t::$first => $n0,
                    $($t::$v => $n,)*
                });
            }
            fn get(r: &mut Reader) -> Self {
                match r.uint() {
                    $n0 => $t::$first,
                    $($n => $t::$v,)*
                    _ => {
                        r.fail(stringify!($t));
                        $t::$first
                    }
                }
            }
        }
    };
}
unit_enum!(QuestionKind { Integer = 0, Money = 1, Choice = 2, Flags = 3, Date = 4 });
unit_enum!(ItemKind { Entitlement = 0, Service = 1, PublicWorks = 2 });
unit_enum!(Scope { Person = 0, Household = 1 });
unit_enum!(Period { Month = 0, Year = 1, Once = 2 });
unit_enum!(PaidAs { Cash = 0, Premium = 1, Service = 2 });
unit_enum!(Rounding { HalfYear = 0, WholeYears = 1 });

impl Packed for Test {
    fn put(&self, w: &mut Writer) {
        match self {
            Test::IntRange { q, min, max } => (0u8, q, min, max).put_all(w),
            Test::MoneyRange { q, min, max } => (1u8, q, min, max).put_all(w),
            Test::OneOf { q, options } => (2u8, q, options).put_all(w),
            Test::Has { q, option } => (3u8, q, option).put_all(w),
            Test::DateRange { q, from, until } => (4u8, q, from, until).put_all(w),
            Test::Applies { entitlement } => (5u8, entitlement).put_all(w),
            Test::Any(list) => (6u8, list).put_all(w),
            Test::Judgement => 7u8.put(w),
        }
    }
    fn get(r: &mut Reader) -> Self {
        match r.uint() {
            0 => Test::IntRange { q: Packed::get(r), min: Packed::get(r), max: Packed::get(r) },
            1 => Test::MoneyRange { q: Packed::get(r), min: Packed::get(r), max: Packed::get(r) },
            2 => Test::OneOf { q: Packed::get(r), options: Packed::get(r) },
            3 => Test::Has { q: Packed::get(r), option: Packed::get(r) },
            4 => Test::DateRange { q: Packed::get(r), from: Packed::get(r), until: Packed::get(r) },
            5 => Test::Applies { entitlement: Packed::get(r) },
            6 => Test::Any(Packed::get(r)),
            7 => Test::Judgement,
            _ => {
                r.fail("test");
                Test::Any(Cow::Borrowed(&[]))
            }
        }
    }
}

impl Packed for Amount {
    fn put(&self, w: &mut Writer) {
        // What is given in kind, why there is no figure; supplements set their own.
        w.kind = kind::WORDING;
        match self {
            Amount::Fixed { value, at_least, plus } => (0u8, value, at_least, plus).put_all(w),
            Amount::SetLocally { floor, basis } => (1u8, floor, basis).put_all(w),
            Amount::InKind { what } => (2u8, what).put_all(w),
            Amount::Lookup { by, values, none_reason } => (3u8, by, values, none_reason).put_all(w),
            Amount::Table { row, row_min, column, cells, none_reason } => {
                (4u8, row, row_min, column, cells, none_reason).put_all(w)
            }
            Amount::PerServiceYear { per_year, years, months, rounding } => {
                (5u8, per_year, years, months, rounding).put_all(w)
            }
            Amount::MinimumLivingGap { by, standard, members, income, certified } => {
                (6u8, by, standard, members, income, certified).put_all(w)
            }
        }
    }
    fn get(r: &mut Reader) -> Self {
        r.kind = kind::WORDING;
        match r.uint() {
            0 => Amount::Fixed { value: Packed::get(r), at_least: Packed::get(r), plus: Packed::get(r) },
            1 => Amount::SetLocally { floor: Packed::get(r), basis: Packed::get(r) },
            2 => Amount::InKind { what: Packed::get(r) },
            3 => Amount::Lookup { by: Packed::get(r), values: Packed::get(r), none_reason: Packed::get(r) },
            4 => Amount::Table { row: Packed::get(r), row_min: Packed::get(r), column: Packed::get(r), cells: Packed::get(r), none_reason: Packed::get(r) },
            5 => Amount::PerServiceYear { per_year: Packed::get(r), years: Packed::get(r), months: Packed::get(r), rounding: Packed::get(r) },
            6 => Amount::MinimumLivingGap {
                by: Packed::get(r),
                standard: Packed::get(r),
                members: Packed::get(r),
                income: Packed::get(r),
                certified: Packed::get(r),
            },
            _ => {
                r.fail("amount kind");
                Amount::SetLocally { floor: None, basis: None }
            }
        }
    }
}

/// A variant's tag and fields, written in order.
trait PutAll {
    fn put_all(self, w: &mut Writer);
}

macro_rules! put_all {
    ($($n:ident),*) => {
        impl<$($n: Packed),*> PutAll for (u8, $(&$n,)*) {
            #[allow(non_snake_case)]
            fn put_all(self, w: &mut Writer) {
                let (tag, $($n,)*) = self;
                w.uint(u64::from(tag));
                $( $n.put(w); )*
            }
        }
    };
}
put_all!(A);
put_all!(A, B);
put_all!(A, B, C);
put_all!(A, B, C, D);
put_all!(A, B, C, D, E);
