//! Checks the rule tables and compiles them into the widget.
//!
//! Every rules file is loaded and checked here, on the developer's machine:
//! a bad file fails the build with file, line and field, so no resident's
//! phone ever meets it. The checked rules are written in the engine's packed
//! form for `src/rules.rs` to embed: the browser gets the data without any
//! parser or checker.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    // Cargo runs build scripts in the package root, so errors read "rules/x.toml:12".
    let dir = Path::new("rules");
    let rules = match minsheng_engine::load::load_dir(dir) {
        Ok(rules) => rules,
        Err(errors) => {
            for e in &errors.0 {
                println!("cargo:warning={e}");
            }
            eprintln!("{errors}");
            std::process::exit(1);
        }
    };
    let packed = minsheng_engine::packed::pack(&rules);
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.bin");
    std::fs::write(&out, packed).unwrap_or_else(|e| {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(1);
    });
}
