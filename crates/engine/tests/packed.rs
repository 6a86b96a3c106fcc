//! The packed form the widget embeds reads back as the rules it was made
//! from, and damaged bytes give an error, never a panic.

use std::borrow::Cow;
use std::path::Path;

use minsheng_engine::load::load_dir;
use minsheng_engine::packed::{pack, unpack};
use minsheng_engine::Rules;

fn rules() -> Rules {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")).expect("rules load")
}

fn packed() -> &'static [u8] {
    Box::leak(pack(&rules()).into_boxed_slice())
}

#[test]
fn reads_back_everything_but_item_texts() {
    let mut expected = rules();
    for j in expected.jurisdictions.to_mut() {
        for item in j.items.to_mut() {
            item.text = Cow::Borrowed("");
        }
    }
    let unpacked = unpack(packed()).expect("unpacks");
    assert_eq!(format!("{unpacked:?}"), format!("{expected:?}"));
    // Spot checks, so a Debug format that hid fields could not pass this.
    let district = unpacked.jurisdiction("xx-district").expect("district");
    assert_eq!(district.items.len(), 51);
    assert!(district.entitlements.iter().any(|e| e.quote.contains("元")));
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = packed();
    for len in (0..bytes.len()).step_by(97) {
        let cut: &'static [u8] = &bytes[..len];
        assert!(unpack(cut).is_err(), "{len} of {} bytes unpacked", bytes.len());
    }
}

#[test]
fn damaged_bytes_never_panic() {
    let bytes = packed();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        // xorshift: reproducible damage without a dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut copy = bytes.to_vec();
        let at = (state as usize) % copy.len();
        copy[at] ^= (state >> 32) as u8 | 1;
        let leaked: &'static [u8] = Box::leak(copy.into_boxed_slice());
        let _ = unpack(leaked);
    }
}
