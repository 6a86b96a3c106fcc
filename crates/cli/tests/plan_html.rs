//! `static/plan.html` (the printable plan tables behind the widget's
//! `<noscript>`) is generated from the rules; it must never go stale.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generated() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_minsheng")).args(["catalog", "--html", "--brief"]).current_dir(root()).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn committed_plan_html_matches_the_rules() {
    let committed = std::fs::read_to_string(root().join("static/plan.html")).unwrap_or_default();
    assert!(
        committed == generated(),
        "static/plan.html is out of date with rules/: run scripts/gen-plan.sh and commit static/plan.html"
    );
}

#[test]
fn plan_html_lists_every_item_and_amount_without_scripts_or_inline_styles() {
    let page = generated();
    // The site's Content-Security-Policy allows neither.
    assert!(!page.contains("<script"), "no scripts");
    assert!(!page.contains("<style") && !page.contains(" style="), "no inline styles");
    for j in ["xx-district", "province", "town"] {
        assert!(page.contains(&format!("<section class=\"jurisdiction\" id=\"{j}\"")), "{j}");
    }
    // An item with its office, and amounts in words.
    let district = {
        let start = page.find("id=\"xx-district\"").expect("district section");
        let end = page[start..].find("</section>\n</section>").map_or(page.len(), |e| start + e);
        &page[start..end]
    };
    assert!(district.contains("<span class=\"number\">17.</span>"));
    assert!(page.contains("<th scope=\"row\">城乡居民基础养老金</th>"), "a benefit's row");
    assert!(page.contains("¥8,080.80"), "the disabled serviceman table");
    assert!(page.contains("¥765.00 元/人/月"), "the 低保 standard");
    let out = Command::new(env!("CARGO_BIN_EXE_minsheng"))
        .args(["catalog", "--json", "--jurisdiction", "xx-district"])
        .current_dir(root())
        .output()
        .expect("runs");
    let catalog: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for it in catalog["items"].as_array().unwrap() {
        let heading = format!("<h4><span class=\"number\">{}.</span>", it["number"].as_str().unwrap());
        assert!(district.contains(&heading), "item {heading}");
    }
}

#[test]
fn the_full_page_says_who_qualifies_and_the_shipped_one_leaves_it_to_the_widget() {
    let full = Command::new(env!("CARGO_BIN_EXE_minsheng")).args(["catalog", "--html"]).current_dir(root()).output().expect("runs");
    let full = String::from_utf8(full.stdout).unwrap();
    assert!(full.contains("<th scope=\"col\">条件</th>") && full.contains("<li>年龄60周岁以上</li>"), "conditions in the full page");
    let brief = generated();
    assert!(!brief.contains("<th scope=\"col\">条件</th>") && !brief.contains("<li>年龄60周岁以上</li>"));
}
