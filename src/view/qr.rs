//! The share link as a QR code, drawn here as SVG: no network, no image
//! file. The resident scans it from the counter's screen or the printout
//! and carries the result home on their own phone.

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

use crate::view::markup::Markup;

/// An `<svg>` of `text` as a QR code, with the four-module quiet zone
/// scanners need; false, and nothing written, if it does not fit in a QR
/// code (the links the widget writes always do: `share::MAX_LINK`).
pub fn qr_svg(m: &mut Markup, text: &str, label: &str) -> bool {
    // Bytes (a link is mostly lower case, which the text modes do not hold),
    // the error correction raised as far as the code's size allows (a
    // printout may be creased), and one fixed mask: any mask reads, and
    // trying all eight for the best adds 2 KB brotli to the wasm (3.7 KB
    // with one).
    let segments = [QrSegment::make_bytes(text.as_bytes())];
    let Ok(code) = QrCode::encode_segments_advanced(&segments, QrCodeEcc::Low, Version::MIN, Version::MAX, Some(Mask::new(2)), true) else {
        return false;
    };
    let size = code.size();
    let full = size + 8;
    let mut path = String::with_capacity((size * size * 3) as usize);
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    m.start("svg class=\"qr\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" shape-rendering=\"crispEdges\"")
        .attr("viewBox", &format!("0 0 {full} {full}"))
        .attr("aria-label", label)
        .end()
        .start("rect fill=\"#fff\"")
        .attr("width", &full.to_string())
        .attr("height", &full.to_string())
        .end()
        .close("rect")
        .start("path fill=\"#000\"")
        .attr("d", &path)
        .end()
        .close("path")
        .close("svg");
    true
}
