//! Writes checked rules as a Rust expression of static data.
//!
//! The widget's build script loads and checks the TOML files, then writes
//! them with [`rules_expr`] into a file the widget `include!`s as a
//! `static`. The rules then cost the browser no parsing and no parser: no
//! JSON or TOML code and no checking code ship in the wasm, only the data.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::date::Date;
use crate::model::*;
use crate::source::{ItemKind, PaidAs, Period, QuestionKind, Rounding, Scope};
use crate::text::Text;

const M: &str = "::minsheng_engine::model";
const S: &str = "::minsheng_engine::source";

/// A `const`-evaluable Rust expression building `rules`.
pub fn rules_expr(rules: &Rules) -> String {
    let mut out = String::new();
    rules.code(&mut out);
    out
}

trait Code {
    fn code(&self, out: &mut String);
}

fn str_lit(s: &str, out: &mut String) {
    let _ = write!(out, "::std::borrow::Cow::Borrowed({s:?})");
}

impl Code for std::borrow::Cow<'static, str> {
    fn code(&self, out: &mut String) {
        str_lit(self, out);
    }
}

impl<T: Code + Clone> Code for std::borrow::Cow<'static, [T]> {
    fn code(&self, out: &mut String) {
        out.push_str("::std::borrow::Cow::Borrowed(&[");
        for (i, x) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            x.code(out);
        }
        out.push_str("])");
    }
}

impl<T: Code> Code for Option<T> {
    fn code(&self, out: &mut String) {
        match self {
            Some(x) => {
                out.push_str("Some(");
                x.code(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

macro_rules! literal {
    ($($t:ty),*) => {$(
        impl Code for $t {
            fn code(&self, out: &mut String) {
                let _ = write!(out, "{}{}", self, stringify!($t));
            }
        }
    )*};
}
literal!(usize, i64, u8, u16, u64);

impl Code for bool {
    fn code(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Code for Decimal {
    fn code(&self, out: &mut String) {
        let u = self.unpack();
        let _ = write!(
            out,
            "::minsheng_engine::rust_decimal::Decimal::from_parts({}, {}, {}, {}, {})",
            u.lo, u.mid, u.hi, u.negative, u.scale
        );
    }
}

impl Code for Date {
    fn code(&self, out: &mut String) {
        // `Date::new` is const: an impossible date would fail the build, not the page.
        let _ = write!(
            out,
            "match ::minsheng_engine::Date::new({}, {}, {}) {{ Some(d) => d, None => panic!(\"invalid date\") }}",
            self.year(),
            self.month(),
            self.day()
        );
    }
}

impl Code for Text {
    fn code(&self, out: &mut String) {
        out.push_str("::minsheng_engine::Text { zh: ");
        str_lit(&self.zh, out);
        out.push_str(", en: ");
        str_lit(&self.en, out);
        out.push('}');
    }
}

impl Code for QuestionId {
    fn code(&self, out: &mut String) {
        let _ = write!(out, "{M}::QuestionId({}u16)", self.0);
    }
}

/// Writes `Path { field: value, ... }` from bindings named like the fields.
macro_rules! fields {
    ($out:ident, $path:expr, $($field:ident),*) => {{
        let _ = write!($out, "{} {{", $path);
        $(
            $out.push_str(concat!(stringify!($field), ": "));
            $field.code($out);
            $out.push(',');
        )*
        $out.push('}');
    }};
}

macro_rules! unit_enum {
    ($t:ty, $path:expr, [$($v:ident),*]) => {
        impl Code for $t {
            fn code(&self, out: &mut String) {
                let name = match self { $(<$t>::$v => stringify!($v),)* };
                let _ = write!(out, "{}::{}", $path, name);
            }
        }
    };
}
unit_enum!(QuestionKind, format!("{S}::QuestionKind"), [Integer, Money, Choice, Flags, Date]);
unit_enum!(ItemKind, format!("{S}::ItemKind"), [Entitlement, Service, PublicWorks]);
unit_enum!(Scope, format!("{S}::Scope"), [Person, Household]);
unit_enum!(Period, format!("{S}::Period"), [Month, Year, Once]);
unit_enum!(PaidAs, format!("{S}::PaidAs"), [Cash, Premium, Service]);
unit_enum!(Rounding, format!("{S}::Rounding"), [HalfYear, WholeYears]);

impl Code for Choice {
    fn code(&self, out: &mut String) {
        { let Self { id, label } = self; fields!(out, format!("{M}::Choice"), id, label) };
    }
}

impl Code for Question {
    fn code(&self, out: &mut String) {
        { let Self { id, kind, label, help, unit, min, max, options, ask_when, not_after_today } = self; fields!(out, format!("{M}::Question"), id, kind, label, help, unit, min, max, options, ask_when, not_after_today) };
    }
}

impl Code for Condition {
    fn code(&self, out: &mut String) {
        { let Self { test, says } = self; fields!(out, format!("{M}::Condition"), test, says) };
    }
}

impl Code for Test {
    fn code(&self, out: &mut String) {
        let p = format!("{M}::Test");
        match self {
            Test::IntRange { q, min, max } => fields!(out, format!("{p}::IntRange"), q, min, max),
            Test::MoneyRange { q, min, max } => fields!(out, format!("{p}::MoneyRange"), q, min, max),
            Test::OneOf { q, options } => fields!(out, format!("{p}::OneOf"), q, options),
            Test::Has { q, option } => fields!(out, format!("{p}::Has"), q, option),
            Test::DateRange { q, from, until } => fields!(out, format!("{p}::DateRange"), q, from, until),
            Test::Applies { entitlement } => fields!(out, format!("{p}::Applies"), entitlement),
            Test::Any(list) => {
                let _ = write!(out, "{p}::Any(");
                list.code(out);
                out.push(')');
            }
        }
    }
}

impl Code for Plus {
    fn code(&self, out: &mut String) {
        { let Self { when, value, label, at_least } = self; fields!(out, format!("{M}::Plus"), when, value, label, at_least) };
    }
}

impl Code for Amount {
    fn code(&self, out: &mut String) {
        let p = format!("{M}::Amount");
        match self {
            Amount::Fixed { value, at_least, plus } => {
                fields!(out, format!("{p}::Fixed"), value, at_least, plus)
            }
            Amount::SetLocally { floor } => fields!(out, format!("{p}::SetLocally"), floor),
            Amount::InKind { what } => fields!(out, format!("{p}::InKind"), what),
            Amount::Lookup { by, values, none_reason } => {
                fields!(out, format!("{p}::Lookup"), by, values, none_reason)
            }
            Amount::Table { row, row_min, column, cells, none_reason } => fields!(out, format!("{p}::Table"), row, row_min, column, cells, none_reason),
            Amount::PerServiceYear { per_year, years, months, rounding } => fields!(out, format!("{p}::PerServiceYear"), per_year, years, months, rounding),
            Amount::MinimumLivingGap { by, standard, members, income } => fields!(out, format!("{p}::MinimumLivingGap"), by, standard, members, income),
        }
    }
}

impl Code for Entitlement {
    fn code(&self, out: &mut String) {
        { let Self { id, item, name, scope, period, paid_as, quote, when, excluded_by, office, note, valid_from, valid_until, amount } = self; fields!(out, format!("{M}::Entitlement"), id, item, name, scope, period, paid_as, quote, when, excluded_by, office, note, valid_from, valid_until, amount) };
    }
}

impl Code for Area {
    fn code(&self, out: &mut String) {
        { let Self { id, label } = self; fields!(out, format!("{M}::Area"), id, label) };
    }
}

impl Code for Item {
    fn code(&self, out: &mut String) {
        { let Self { number, area, kind, title, office, text, entitlements } = self; fields!(out, format!("{M}::Item"), number, area, kind, title, office, text, entitlements) };
    }
}

impl Code for Jurisdiction {
    fn code(&self, out: &mut String) {
        { let Self { id, name, plan, source, rules_version, default, areas, items, entitlements, order, uses } = self; fields!(out, format!("{M}::Jurisdiction"), id, name, plan, source, rules_version, default, areas, items, entitlements, order, uses) };
    }
}

impl Code for Questions {
    fn code(&self, out: &mut String) {
        { let Self { list } = self; fields!(out, format!("{M}::Questions"), list) };
    }
}

impl Code for Rules {
    fn code(&self, out: &mut String) {
        { let Self { questions, jurisdictions } = self; fields!(out, format!("{M}::Rules"), questions, jurisdictions) };
    }
}
