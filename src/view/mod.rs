//! Rendering: plain functions from state to HTML. Only `App` holds hooks;
//! everything else is derived from the state on each render. The one other
//! component, a question (`questions::QuestionField`), holds no state: it
//! is a component so that yew skips a question whose inputs did not change,
//! and a keystroke redraws the field typed in rather than the whole form.

pub mod household;
pub mod markup;
pub mod print;
pub mod qr;
pub mod questions;
pub mod results;

use yew::UseReducerDispatcher;

use crate::state::State;

pub type Dispatch = UseReducerDispatcher<State>;

/// An optional part of the page as exactly one child, empty when absent.
///
/// yew writes `{ None }` as no child at all, and matches the children of an
/// element position by position counting from the last one. A part that
/// appears or disappears therefore shifts every sibling before it onto
/// another node, and yew replaces those: an error message appearing under
/// a text box replaced the box itself, which lost the keyboard focus, so the
/// next keystrokes went nowhere and the field seemed locked. Every optional
/// child beside a control goes through here, so the siblings keep their
/// elements (and the focus, the caret and what is being typed).
pub fn slot(part: Option<yew::Html>) -> yew::Html {
    part.unwrap_or_default()
}
