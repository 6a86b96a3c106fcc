//! The few places the widget touches the browser beyond rendering: the URL
//! fragment, the clipboard, printing, focus, and today's date. Every call
//! tolerates a missing API (old phone browsers, embedded frames) by doing
//! nothing rather than failing.

use minsheng_engine::{Date, Lang};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Runs `f` in a later task of the event loop (a zero-delay timeout), or
/// now if there is no window to schedule it on.
pub fn next_task(f: impl FnOnce() + 'static) {
    let Some(w) = window() else { return f() };
    let closure = Closure::once_into_js(f);
    if w.set_timeout_with_callback(closure.unchecked_ref()).is_err() {
        // Scheduling failed: nothing else would ever render the page. The
        // closure was moved into JS, so call it from there.
        let _ = closure.unchecked_ref::<js_sys::Function>().call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Today on the resident's device.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
        .unwrap_or_else(|| Date::from_days_since_epoch((now.get_time() / 86_400_000.0) as i64).unwrap_or(FALLBACK_DAY))
}

const FALLBACK_DAY: Date = match Date::new(2025, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Writes the answers into the fragment without adding a history entry per
/// keystroke and without a network request (the fragment is never sent).
pub fn replace_fragment(fragment: &str) {
    let Some(w) = window() else { return };
    if w.location().hash().ok().as_deref().map(|h| h.trim_start_matches('#')) == Some(fragment) {
        return;
    }
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Calls `f` with the new fragment whenever it changes under us (a pasted
/// link, the back button). Lives as long as the page.
pub fn on_fragment_change(f: impl Fn(String) + 'static) {
    let Some(w) = window() else { return };
    let closure = Closure::<dyn Fn()>::new(move || f(fragment()));
    let _ = w.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The page's address with the answers, for a share link. The query (a
/// portal's embedding options) is left out: a shared link opens the widget
/// on its own, with everything it needs in the fragment.
pub fn page_url() -> String {
    let Some(location) = window().map(|w| w.location()) else { return String::new() };
    let part = |r: Result<String, _>| r.unwrap_or_default();
    format!("{}{}{}", part(location.origin()), part(location.pathname()), part(location.hash()))
}

/// Puts text on the clipboard. Returns false where the browser has no
/// clipboard API, so the caller can say so.
pub fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    let _ = clipboard.write_text(text);
    true
}

pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Scrolls an element into view (without touching the fragment, which
/// holds the answers).
pub fn scroll_to(id: &str) {
    if let Some(el) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}

/// The question an "answer X" link in the results points to, if the click
/// was on one (`<a class="ask-link" data-q="age">`).
pub fn ask_link_question(e: &web_sys::MouseEvent) -> Option<String> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    target.closest("a.ask-link").ok()??.get_attribute("data-q")
}

/// Scrolls to a question and focuses its first control.
pub fn focus_question(id: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Some(el) = doc.get_element_by_id(&format!("q-{id}")) else { return };
    el.scroll_into_view();
    let target = if el.tag_name().eq_ignore_ascii_case("input") { Some(el) } else { el.query_selector("input").ok().flatten() };
    if let Some(input) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = input.focus();
    }
}

/// Keeps `<html lang>` and the title in step with the chosen language, so
/// screen readers pronounce the page right.
pub fn set_page_language(lang: Lang, title: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", lang.pick("zh-CN", "en"));
    }
    doc.set_title(title);
}

/// The page's query string, e.g. `?embed=1&lang=en` (portal embedding).
pub fn query() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Sets a CSS custom property on the root element. Through the CSSOM, so a
/// strict Content-Security-Policy (no inline styles) allows it.
pub fn set_root_style(name: &str, value: &str) {
    let root = window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root.and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = root.style().set_property(name, value);
    }
}

/// Adds or removes a class on `<html>`: care mode scales the root font size.
pub fn set_root_class(class: &str, on: bool) {
    let root = window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = if on { root.class_list().add_1(class) } else { root.class_list().remove_1(class) };
    }
}

/// A preference remembered on this device only (never sent anywhere).
pub fn load_preference(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn save_preference(key: &str, value: &str) {
    // Private browsing or a full disk: the choice is simply not remembered.
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        if storage.get_item(key).ok().flatten().as_deref() != Some(value) {
            let _ = storage.set_item(key, value);
        }
    }
}

/// Tells the embedding page the widget's content height, so its iframe can
/// fit (see `static/embed.js`).
pub fn post_height() {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    // The content's own height: scrollHeight never drops below the frame's
    // height, so a frame could grow but never shrink back.
    let height = w
        .document()
        .and_then(|d| d.document_element())
        .map(|e| e.get_bounding_client_rect().height().ceil() as i32)
        .unwrap_or(0);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"minsheng:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    // The height says nothing about the answers, so any parent may read it.
    let _ = parent.post_message(&message, "*");
}

/// Reports the height now and whenever the content changes size without a
/// render (an opened `<details>`, fonts arriving, a narrower frame). Renders
/// report it themselves (see `app.rs`).
pub fn report_height_to_parent() {
    post_height();
    let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    let closure = Closure::<dyn Fn()>::new(post_height);
    if let Ok(observer) = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // Keep the observer referenced for the page's life, or the garbage
        // collector may end the observation and the frame stops following.
        std::mem::forget(observer);
    }
    closure.forget();
}
