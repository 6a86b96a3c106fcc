//! The rule tables, checked by `build.rs` and embedded in packed form.

use std::sync::OnceLock;

use minsheng_engine::packed::{unpack, UnpackError};
use minsheng_engine::Rules;

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));

/// Every jurisdiction's rules, read once from the embedded bytes. Reading
/// takes well under a millisecond and borrows all text from the bytes.
///
/// It can fail only if the build embedded bytes the engine did not write;
/// the page then says so instead of panicking.
pub fn rules() -> Result<&'static Rules, UnpackError> {
    static RULES: OnceLock<Result<Rules, UnpackError>> = OnceLock::new();
    RULES.get_or_init(|| unpack(PACKED)).as_ref().map_err(Clone::clone)
}
