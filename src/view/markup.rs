//! Display-only parts of the page written as HTML text.
//!
//! Every element built with `html!` is code in the wasm — several times the
//! bytes of the same element as text. So what a resident only reads (result
//! cards, lists of reasons, the plan's items, the printed summary) is written
//! here as a string and handed to yew whole; yew replaces it when the text
//! changes. Every dynamic value goes through [`Markup::text`] or an escaped
//! attribute.
//!
//! Controls, and anything whose own state must survive a re-render (focus,
//! an open `<details>`), stay in `html!`.

use yew::{AttrValue, Html};

#[derive(Default)]
pub struct Markup(String);

impl Markup {
    pub fn new() -> Markup {
        Markup(String::with_capacity(512))
    }

    /// `<p class="reason">`: a start tag written as is (no dynamic values).
    pub fn open(&mut self, tag: &str) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// A start tag with one attribute whose value is escaped, e.g.
    /// `open_with("li class=\"may\"", "data-id", id)`.
    pub fn open_with(&mut self, tag: &str, name: &str, value: &str) -> &mut Markup {
        self.start(tag).attr(name, value).end()
    }

    /// `<tag` with attributes to follow ([`Markup::attr`]) and [`Markup::end`].
    pub fn start(&mut self, tag: &str) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        self
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Markup {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        self.text(value);
        self.0.push('"');
        self
    }

    pub fn end(&mut self) -> &mut Markup {
        self.0.push('>');
        self
    }

    pub fn close(&mut self, name: &str) -> &mut Markup {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    /// Text, escaped for both element content and attribute values.
    pub fn text(&mut self, s: &str) -> &mut Markup {
        for c in s.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                _ => self.0.push(c),
            }
        }
        self
    }

    /// `<tag attrs>text</tag>`, the closing name taken from `tag`.
    pub fn el(&mut self, tag: &str, text: &str) -> &mut Markup {
        self.open(tag).text(text);
        let name = tag.split(' ').next().unwrap_or(tag);
        self.close(name)
    }

    pub fn into_html(self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0))
    }

    #[cfg(test)]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_dynamic_value() {
        let mut m = Markup::new();
        m.open_with("li class=\"may\"", "data-id", "a\"b<c>").el("strong", "R&D <b>").close("li");
        assert_eq!(m.as_str(), "<li class=\"may\" data-id=\"a&quot;b&lt;c&gt;\"><strong>R&amp;D &lt;b&gt;</strong></li>");
    }
}
