//! minsheng-widget: benefit-eligibility widget (yew, compiled to wasm by Trunk).
//!
//! Skeleton only: the real UI replaces `App`.

use yew::prelude::*;

/// Id of the element the widget mounts into (see index.html).
/// If it is missing (e.g. the widget is embedded elsewhere), mount into <body>.
const MOUNT_ID: &str = "minsheng-widget";

#[function_component(App)]
fn app() -> Html {
    html! {
        <main class="ms-widget">
            <h1 class="ms-title">{ "民生实事 · 福利自查" }</h1>
        </main>
    }
}

fn main() {
    let document = gloo_utils::document();
    match document.get_element_by_id(MOUNT_ID) {
        Some(root) => {
            // Drop any static placeholder that index.html showed before wasm loaded.
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
