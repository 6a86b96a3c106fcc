//! The rule tables as written: the shape of `rules/*.toml`.
//!
//! These types only describe the files. Nothing here is checked beyond what
//! serde can see (unknown fields, wrong types); `compile` turns them into the
//! checked model and reports every semantic problem.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::text::Text;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsFile {
    pub schema: u32,
    pub question: Vec<QuestionSrc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Integer,
    Money,
    Choice,
    Flags,
    Date,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSrc {
    pub id: Id,
    pub kind: QuestionKind,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub unit: Option<Text>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub options: Vec<OptionSrc>,
    #[serde(default)]
    pub ask_when: Vec<CondSrc>,
    /// Not asked once these all hold (a child is not asked about pensions);
    /// asked while they are open, unlike `ask_when`.
    #[serde(default)]
    pub skip_when: Vec<CondSrc>,
    #[serde(default)]
    pub not_after_today: bool,
    /// The answer only grows with time (age, years of service): near
    /// misses look ahead only.
    #[serde(default)]
    pub only_grows: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSrc {
    pub id: Id,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionFile {
    pub schema: u32,
    pub jurisdiction: JurisdictionHeader,
    pub area: Vec<AreaSrc>,
    pub item: Vec<ItemSrc>,
    #[serde(default)]
    pub entitlement: Vec<EntitlementSrc>,
    #[serde(default)]
    pub office: Vec<OfficeSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionHeader {
    pub id: Id,
    pub name: Text,
    pub plan: Text,
    pub source: String,
    pub rules_version: String,
    #[serde(default)]
    pub default: bool,
    /// The period the plan governs, `YYYY-MM-DD`, both inclusive.
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSrc {
    pub id: Id,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Decides something for one person or household.
    Entitlement,
    /// Open to all, or a programme with no personal decision.
    Service,
    /// Construction, supervision, targets.
    PublicWorks,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSrc {
    pub number: Id,
    pub area: String,
    pub kind: ItemKind,
    pub title: Text,
    #[serde(default)]
    pub office: Option<Text>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Person,
    Household,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month,
    Year,
    Once,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaidAs {
    /// Money to the person or household: counted in the totals.
    #[default]
    Cash,
    /// Paid into an insurance fund on the person's behalf.
    Premium,
    /// A service, treatment or insurance cover; no money changes hands.
    Service,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitlementSrc {
    pub id: Id,
    pub item: String,
    pub name: Text,
    pub scope: Scope,
    pub period: Period,
    #[serde(default)]
    pub paid_as: PaidAs,
    pub quote: String,
    #[serde(default)]
    pub when: Vec<CondSrc>,
    #[serde(default)]
    pub excluded_by: Vec<String>,
    #[serde(default)]
    pub office: Option<Text>,
    #[serde(default)]
    pub note: Option<Text>,
    pub amount: AmountSrc,
    #[serde(default)]
    pub how_to_apply: Option<HowToApplySrc>,
    /// This year's rise as the plan states it ("提高5元"): one figure, or
    /// one per option of the amount's `by` question.
    #[serde(default)]
    pub rise: Option<RiseSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RiseSrc {
    One(MoneySrc),
    ByOption(BTreeMap<String, MoneySrc>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HowToApplySrc {
    #[serde(default)]
    pub first_stop: Option<Text>,
    #[serde(default)]
    pub documents: Vec<Text>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeSrc {
    pub name: Text,
    #[serde(default)]
    pub address: Option<Text>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub hours: Option<Text>,
    #[serde(default)]
    pub online: Option<String>,
    pub source: String,
}

/// One condition as written. Exactly one form must be used; `compile` says
/// which combination was wrong, which serde's untagged enums cannot.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CondSrc {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub min: Option<MoneySrc>,
    #[serde(default)]
    pub max: Option<MoneySrc>,
    #[serde(default)]
    pub is: Option<String>,
    #[serde(default, rename = "in")]
    pub in_: Option<Vec<String>>,
    #[serde(default)]
    pub has: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub applies: Option<String>,
    #[serde(default)]
    pub any: Option<Vec<CondSrc>>,
    #[serde(default)]
    pub says: Option<Text>,
    #[serde(default)]
    pub office_decides: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    Fixed,
    AtLeast,
    SetLocally,
    InKind,
    Lookup,
    Table,
    PerServiceYear,
    MinimumLivingGap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// A remainder of 1..=6 months counts as half a year, 7..=11 as a full year.
    HalfYear,
    /// Only completed years count.
    WholeYears,
}

/// An amount as written. Which fields are allowed depends on `kind`;
/// `compile` checks that.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountSrc {
    pub kind: AmountKind,
    #[serde(default)]
    pub value: Option<MoneySrc>,
    #[serde(default)]
    pub plus: Option<Vec<PlusSrc>>,
    #[serde(default)]
    pub floor: Option<MoneySrc>,
    #[serde(default)]
    pub what: Option<Text>,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub values: Option<BTreeMap<String, MoneySrc>>,
    #[serde(default)]
    pub row: Option<String>,
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub cells: Option<BTreeMap<String, Vec<MoneySrc>>>,
    #[serde(default)]
    pub none_reason: Option<Text>,
    #[serde(default)]
    pub per_year: Option<MoneySrc>,
    #[serde(default)]
    pub years: Option<String>,
    #[serde(default)]
    pub months: Option<String>,
    #[serde(default)]
    pub rounding: Option<Rounding>,
    #[serde(default)]
    pub standard: Option<BTreeMap<String, MoneySrc>>,
    #[serde(default)]
    pub members: Option<String>,
    #[serde(default)]
    pub income: Option<String>,
    #[serde(default)]
    pub basis: Option<Text>,
    #[serde(default)]
    pub certified_when: Option<Vec<CondSrc>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlusSrc {
    pub when: Vec<CondSrc>,
    pub value: MoneySrc,
    pub label: Text,
    #[serde(default)]
    pub at_least: bool,
}

/// A money figure or number as written: a quoted decimal or a whole number.
/// Floats are refused at reading time, before any rounding can happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneySrc(pub String);

impl<'de> Deserialize<'de> for MoneySrc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = MoneySrc;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount as a quoted decimal like \"8080.8\", or a whole number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MoneySrc, E> {
                Ok(MoneySrc(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<MoneySrc, E> {
                Ok(MoneySrc(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<MoneySrc, E> {
                Ok(MoneySrc(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<MoneySrc, E> {
                Err(E::custom(format_args!(
                    "amount {v} is written as a float; write it as a quoted string (\"{v}\") so it stays exact"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// An id (or item number) as written, with where its value starts in its
/// file. Problems found later point at this table by position, so a second
/// table with the same id is told apart from the first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id {
    name: String,
    /// Byte offset of the value in the file.
    at: usize,
}

impl Id {
    pub fn new(name: impl Into<String>, at: usize) -> Id {
        Id { name: name.into(), at }
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// Byte offset of the value in the file it was read from.
    pub fn at(&self) -> usize {
        self.at
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl From<Id> for Cow<'static, str> {
    fn from(id: Id) -> Self {
        Cow::Owned(id.name)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The TOML reader gives the span; other readers give none.
        let spanned = toml::Spanned::<String>::deserialize(d)?;
        Ok(Id { at: spanned.span().start, name: spanned.into_inner() })
    }
}
