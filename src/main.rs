//! The resident widget: yew compiled to WebAssembly by Trunk.
//!
//! Everything runs in the browser: the rule tables are embedded at compile
//! time (see build.rs) and no answer ever leaves the device.

mod app;
mod dom;
mod embed;
mod rules;
mod share;
mod state;
mod summary;
mod view;

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Element the widget mounts into (index.html); <body> if it is missing.
pub const MOUNT_ID: &str = "minsheng-widget";

/// What a resident sees if the embedded rules do not read back.
const BROKEN_HTML: &str = "<div class=\"ms-app broken\" role=\"alert\">\
<p>抱歉，本工具暂时无法使用。请<a href=\"plan.html\">查看实事表</a>。</p>\
<p lang=\"en\">Sorry, this tool cannot start. See the <a href=\"plan.html\">plan tables</a>.</p></div>";

fn main() {
    // Should the widget ever panic, the wasm stops at once (scripts/bin/trunk)
    // and src/dom.js shows the resident a message with a way back.
    // Render in a task of its own, after the one that compiled and started
    // the wasm: two shorter tasks block a slow phone's main thread less than
    // one long one (the first screen's inert copy stays on screen in between).
    dom::next_task(|| {
        let root = mount_point();
        let rules = match rules::rules() {
            Ok(rules) => rules,
            Err(_) => {
                // Only a broken build gets here; say so rather than show a wrong form.
                if let Some(root) = root {
                    root.set_inner_html(BROKEN_HTML);
                }
                return;
            }
        };
        let props = app::AppProps { rules, host: embed::EmbedOptions::from_query(&dom::query()) };
        match root {
            Some(root) => {
                // Replace the inert copy of the first screen that index.html shows
                // before the wasm arrives (scripts/post-build/prerender.mjs): the
                // same markup, drawn in this same task, so nothing flashes or moves.
                root.set_inner_html("");
                yew::Renderer::<app::App>::with_root_and_props(root, props).render();
            }
            None => {
                yew::Renderer::<app::App>::with_props(props).render();
            }
        }
    });
}

fn mount_point() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(MOUNT_ID)
}
