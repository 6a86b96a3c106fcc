//! Rendering: plain functions from state to HTML. Only `App` holds hooks;
//! everything else is derived from the state on each render.

pub mod markup;
pub mod plan;
pub mod print;
pub mod questions;
pub mod results;

use yew::UseReducerDispatcher;

use crate::state::State;

pub type Dispatch = UseReducerDispatcher<State>;
