//! Checks the rule tables and embeds them in the widget.
//!
//! Every rules file is loaded and checked here, on the developer's machine:
//! a bad file fails the build with file, line and field, so no resident's
//! phone ever meets it. The checked rules are written as JSON for
//! `src/rules.rs` to include.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    // Cargo runs build scripts in the package root, so errors read "rules/x.toml:12".
    let dir = Path::new("rules");
    let source = match minsheng_engine::load::load_dir(dir) {
        Ok((_, source)) => source,
        Err(errors) => {
            for e in &errors.0 {
                println!("cargo:warning={e}");
            }
            eprintln!("{errors}");
            std::process::exit(1);
        }
    };
    let json = serde_json::to_string(&source).unwrap_or_else(|e| {
        eprintln!("cannot serialise the rules: {e}");
        std::process::exit(1);
    });
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.json");
    std::fs::write(&out, json).unwrap_or_else(|e| {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(1);
    });
}
