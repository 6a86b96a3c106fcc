//! The 民生实事 rules engine.
//!
//! Rule tables are data (`rules/*.toml`): [`load`] reads them, [`compile`]
//! checks them into the [`model`], [`eval`] decides every entitlement for a
//! set of answers, [`explain`] puts the outcome into words, and [`report`]
//! is the public JSON of requests and results. [`packed`] is the compact
//! form the widget embeds.
//!
//! Nothing here knows about the browser: no yew, web-sys or wasm-bindgen.
//! Money is `rust_decimal::Decimal` throughout, never a float.

pub mod answers;
pub mod compat;
pub mod compile;
pub mod date;
pub mod error;
pub mod eval;
pub mod explain;
pub mod household;
pub mod load;
pub mod model;
pub mod next;
pub mod money;
pub mod packed;
pub mod report;
pub mod source;
pub mod text;

pub use answers::{parse_input, AnswerError, Answers, Value};
pub use date::Date;
pub use error::{RuleError, RuleErrors};
pub use eval::{evaluate, Evaluation, Outcome, Status, Worth};
pub use model::{Jurisdiction, QuestionId, Questions, Rules};
pub use text::{Lang, Text};

/// Re-exported so users of the model's amounts need no version of their own.
pub use rust_decimal;
