//! The rule tables, checked by `build.rs` and embedded in packed form.

use minsheng_engine::packed::{unpack, UnpackError};
use minsheng_engine::Rules;

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));

/// Every jurisdiction's rules, read from the embedded bytes. Reading takes
/// well under a millisecond and borrows all text from the bytes; the page
/// calls this once and keeps the rules for its lifetime.
///
/// It can fail only if the build embedded bytes the engine did not write;
/// the page then says so instead of panicking.
pub fn rules() -> Result<&'static Rules, UnpackError> {
    unpack(PACKED).map(|rules| &*Box::leak(Box::new(rules)))
}
