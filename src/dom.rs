//! The few places the widget touches the browser beyond rendering: the URL
//! fragment, the clipboard, printing, focus, preferences, today's date and
//! the height message to a portal.
//!
//! Each is one function of `dom.js`, called through one import. Written with
//! web-sys, every browser call is an import of its own with conversion code
//! on both sides (results, optional strings, objects): the same work cost
//! residents about 3 KB more download. `dom.js` does nothing rather than
//! fail where an API is missing (old phone browsers, sandboxed frames).

use minsheng_engine::{Date, Lang};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(module = "/src/dom.js")]
extern "C" {
    #[wasm_bindgen(js_name = nextTask)]
    fn next_task_js(f: &JsValue, ms: u32);
    /// The page's address without query or fragment: what a share link
    /// adds its answers to.
    #[wasm_bindgen(js_name = baseUrl)]
    pub fn base_url() -> String;
    #[wasm_bindgen(js_name = todayNumber)]
    fn today_number() -> u32;
    /// The fragment, `#` included (answers live there; it is never sent).
    pub fn fragment() -> String;
    /// Writes the answers into the fragment without adding a history entry
    /// per keystroke and without a network request (the fragment is never sent).
    #[wasm_bindgen(js_name = replaceFragment)]
    pub fn replace_fragment(fragment: &str);
    #[wasm_bindgen(js_name = onFragmentChange)]
    fn on_fragment_change_js(f: &Closure<dyn Fn(String)>);
    #[wasm_bindgen(js_name = onPrint)]
    fn on_print_js(f: &Closure<dyn Fn(bool)>);
    /// The page's address with the answers, for a share link. The query (a
    /// portal's embedding options) is left out: a shared link opens the
    /// widget on its own, with everything it needs in the fragment.
    #[wasm_bindgen(js_name = pageUrl)]
    pub fn page_url() -> String;
    #[wasm_bindgen(js_name = copyText)]
    fn copy_text_js(text: &str, done: &JsValue);
    /// Focuses a text box and selects its text, ready to copy by hand.
    #[wasm_bindgen(js_name = selectText)]
    pub fn select_text(id: &str);
    #[wasm_bindgen(js_name = printPage)]
    pub fn print();
    /// Scrolls an element into view (without touching the fragment, which
    /// holds the answers).
    #[wasm_bindgen(js_name = scrollToId)]
    pub fn scroll_to(id: &str);
    /// The question an "answer X" link in the results points to, if the
    /// click was on one (`<a class="ask-link" data-q="age">`).
    #[wasm_bindgen(js_name = askLinkQuestion)]
    pub fn ask_link_question(e: &web_sys::MouseEvent) -> Option<String>;
    /// Scrolls to a question and focuses its first control.
    #[wasm_bindgen(js_name = focusQuestion)]
    pub fn focus_question(id: &str);
    /// Points the result bar's arrow at the results (up when they are above
    /// the screen); follows scrolling from then on.
    #[wasm_bindgen(js_name = trackResultBar)]
    pub fn track_result_bar();
    #[wasm_bindgen(js_name = setPageLanguage)]
    fn set_page_language_js(lang: &str, title: &str);
    /// The page's query string, e.g. `?embed=1&lang=en` (portal embedding).
    pub fn query() -> String;
    /// Sets a CSS custom property on the root element.
    #[wasm_bindgen(js_name = setRootStyle)]
    pub fn set_root_style(name: &str, value: &str);
    /// Adds or removes a class on `<html>`: care mode scales the root font size.
    #[wasm_bindgen(js_name = setRootClass)]
    pub fn set_root_class(class: &str, on: bool);
    /// A preference remembered on this device only (never sent anywhere).
    #[wasm_bindgen(js_name = loadPreference)]
    pub fn load_preference(key: &str) -> Option<String>;
    /// Private browsing or a full disk: the choice is simply not remembered.
    #[wasm_bindgen(js_name = savePreference)]
    pub fn save_preference(key: &str, value: &str);
    /// Tells the embedding page the widget's content height, so its iframe
    /// can fit (see `static/embed.js`).
    #[wasm_bindgen(js_name = postHeight)]
    pub fn post_height();
    /// Reports the height now and whenever the content changes size without
    /// a render (an opened `<details>`, fonts arriving, a narrower frame).
    /// Renders report it themselves (see `app.rs`).
    #[wasm_bindgen(js_name = reportHeightToParent)]
    pub fn report_height_to_parent();
}

/// Runs `f` in a later task of the event loop (a zero-delay timeout).
pub fn next_task(f: impl FnOnce() + 'static) {
    next_task_js(&Closure::once_into_js(f), 0);
}

/// Runs `f` once, `ms` milliseconds from now.
pub fn after(ms: u32, f: impl FnOnce() + 'static) {
    next_task_js(&Closure::once_into_js(f), ms);
}

/// Puts text on the clipboard, then calls `done(true)` once the browser has
/// accepted it, or `done(false)` where it has no clipboard API or refuses
/// the write. Nothing may say "copied" before.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    copy_text_js(text, &Closure::once_into_js(done));
}

/// Today on the resident's device.
pub fn today() -> Date {
    let n = today_number();
    Date::new((n / 10_000) as i32, (n / 100 % 100) as u8, (n % 100) as u8).unwrap_or(FALLBACK_DAY)
}

/// Only a device whose clock reads nonsense gets this.
const FALLBACK_DAY: Date = match Date::new(2025, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Calls `f` with the new fragment whenever it changes under us (a pasted
/// link, the back button). Lives as long as the page.
pub fn on_fragment_change(f: impl Fn(String) + 'static) {
    let closure = Closure::<dyn Fn(String)>::new(f);
    on_fragment_change_js(&closure);
    closure.forget();
}

/// Calls `f(true)` before the page prints and `f(false)` after. yew renders
/// in a microtask, which runs before the browser lays out the print.
pub fn on_print(f: impl Fn(bool) + 'static) {
    let closure = Closure::<dyn Fn(bool)>::new(f);
    on_print_js(&closure);
    closure.forget();
}

/// Keeps `<html lang>` and the title in step with the chosen language, so
/// screen readers pronounce the page right.
pub fn set_page_language(lang: Lang, title: &str) {
    set_page_language_js(lang.pick("zh-CN", "en"), title);
}
