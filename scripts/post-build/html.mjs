// Just enough of the HTML tokenizer (https://html.spec.whatwg.org/#tokenization)
// to see start tags as a browser does: an attribute value may hold `>` or
// `<`, a comment holds no tags, and neither does the text of <script>,
// <style>, <textarea> or <title>. Regular expressions over the page cannot
// do this, and a check of the page that a quoted `>` fools is no check.

const SPACE = /[\t\n\f\r ]/;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/**
 * Every start tag of `html`, in order: `{ name, start, end, attrs }`, where
 * `html.slice(start, end)` is the tag and each attribute is `{ name, value,
 * lead, end }` with `html.slice(lead, end)` the attribute and the space
 * before it. Names are lower case; values have character references
 * decoded. A raw-text element (script, style, ...) also has `text` (`{
 * start, end }` of its content) and `close`, the end of its end tag.
 */
export function startTags(html) {
  const tags = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      i = commentEnd(html, lt);
    } else if (next === '!' || next === '?') {
      i = indexOrEnd(html, '>', lt + 2) + 1; // doctype, or a bogus comment
    } else if (next === '/' && isLetter(html[lt + 2])) {
      i = readTag(html, lt + 2).end; // an end tag; its attributes mean nothing
    } else if (isLetter(next)) {
      const tag = { start: lt, ...readTag(html, lt + 1) };
      tags.push(tag);
      i = tag.end;
      if (RAW_TEXT.has(tag.name)) {
        const endTag = findEndTag(html, tag.name, i);
        tag.text = { start: i, end: endTag };
        tag.close = endTag < html.length ? readTag(html, endTag + 2).end : html.length;
        i = tag.close;
      }
    } else {
      i = lt + 1; // a `<` that starts nothing
    }
  }
  return tags;
}

/** The attribute `name` of a tag from startTags, or undefined. */
export function attr(tag, name) {
  return tag.attrs.find((a) => a.name === name)?.value;
}

/** Applies `[start, end, text]` replacements (non-overlapping) to `html`. */
export function splice(html, changes) {
  let out = html;
  for (const [start, end, text] of [...changes].sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return out;
}

/** The tag without the attributes for which `drop(attribute)` is true. */
export function withoutAttrs(html, tag, drop) {
  const gone = tag.attrs.filter(drop).map((a) => [a.lead - tag.start, a.end - tag.start, '']);
  return splice(html.slice(tag.start, tag.end), gone);
}

/**
 * Whether a URL attribute's value uses `scheme` (`javascript:`, `data:`), as
 * the URL parser reads it: surrounding spaces and controls, and tabs and
 * newlines anywhere, do not count.
 */
export function hasScheme(value, scheme) {
  return value
    .replace(/^[\u0000-\u0020]+/, '')
    .replace(/[\t\n\r]/g, '')
    .toLowerCase()
    .startsWith(scheme);
}

function isLetter(c) {
  return c !== undefined && /[a-z]/i.test(c);
}

function indexOrEnd(html, what, from) {
  const i = html.indexOf(what, from);
  return i < 0 ? html.length : i;
}

// `<!-->` and `<!--->` are whole (empty) comments; otherwise up to `-->`.
function commentEnd(html, lt) {
  if (html.startsWith('<!-->', lt)) return lt + 5;
  if (html.startsWith('<!--->', lt)) return lt + 6;
  const close = html.indexOf('-->', lt + 4);
  return close < 0 ? html.length : close + 3;
}

// Where `</name` starts (followed by space, `/` or `>`), or the end of the page.
function findEndTag(html, name, from) {
  const re = new RegExp(`</${name}(?=[\\t\\n\\f\\r />]|$)`, 'gi');
  re.lastIndex = from;
  return re.exec(html)?.index ?? html.length;
}

// Reads a tag from its name at `p` to just after its `>`.
function readTag(html, p) {
  const n = html.length;
  let i = p;
  while (i < n && !SPACE.test(html[i]) && html[i] !== '/' && html[i] !== '>') i++;
  const name = html.slice(p, i).toLowerCase();
  const attrs = [];
  for (;;) {
    const lead = i;
    while (i < n && (SPACE.test(html[i]) || html[i] === '/')) i++;
    if (i >= n) return { name, attrs, end: n };
    if (html[i] === '>') return { name, attrs, end: i + 1 };
    const nameStart = i++; // the first character may be anything, even `=`
    while (i < n && !SPACE.test(html[i]) && !'/>='.includes(html[i])) i++;
    const attrName = html.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < n && SPACE.test(html[j])) j++;
    let raw = '';
    if (html[j] === '=') {
      j++;
      while (j < n && SPACE.test(html[j])) j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = indexOrEnd(html, quote, j + 1);
        raw = html.slice(j + 1, close);
        i = Math.min(close + 1, n);
      } else {
        let k = j;
        while (k < n && !SPACE.test(html[k]) && html[k] !== '>') k++;
        raw = html.slice(j, k);
        i = k;
      }
    }
    attrs.push({ name: attrName, value: decodeReferences(raw), lead, end: i });
  }
}

// The character references that can hide a scheme or a quote.
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n', sol: '/', lpar: '(', rpar: ')', nbsp: '\u00a0' };

function decodeReferences(value) {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (whole, dec, hex, name) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}
