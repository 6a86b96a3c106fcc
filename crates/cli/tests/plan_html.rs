//! `static/plan.html` (the whole plan: the widget links it, and so does its
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
fn plan_html_lists_every_item_with_the_plans_sentences_and_no_inline_script_or_style() {
    let page = generated();
    // The site's Content-Security-Policy allows neither: the search is a file.
    assert_eq!(page.matches("<script").count(), 1, "only plan.js");
    assert!(page.contains("<script src=\"plan.js\" defer></script>"));
    assert!(!page.contains("<style") && !page.contains(" style="), "no inline styles");
    for j in ["xx-district", "province", "town", "jiaoqu"] {
        assert!(page.contains(&format!("<section class=\"jurisdiction\" id=\"{j}\"")), "{j}");
    }
    let district = {
        let start = page.find("id=\"xx-district\"").expect("district section");
        let end = page[start..].find("</section>\n</section>").map_or(page.len(), |e| start + e);
        &page[start..end]
    };
    assert!(district.contains("<p class=\"count\" aria-live=\"polite\">共 51 项</p>"), "the count the search updates");
    // Each benefit with the plan's own sentence, which states its amount.
    assert!(district.contains("<li><strong>城乡居民基础养老金</strong>：<q>将60周岁以上的参保人员最低基础养老金提高5元，达到115元。"), "a benefit");
    assert!(district.contains("因公三级每人每月6030元"), "the disabled servicemen's rates");
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
fn the_full_page_gives_amounts_in_words_and_who_qualifies_and_the_shipped_one_leaves_them_to_the_widget() {
    let full = Command::new(env!("CARGO_BIN_EXE_minsheng")).args(["catalog", "--html"]).current_dir(root()).output().expect("runs");
    let full = String::from_utf8(full.stdout).unwrap();
    assert!(full.contains("<th scope=\"col\">条件</th>") && full.contains("<li>年龄60周岁以上</li>"), "conditions in the full page");
    assert!(full.contains("<th scope=\"row\">城乡居民基础养老金</th>") && full.contains("¥8,080.80"), "amounts in words");
    assert!(!full.contains("<script"), "the full page has no search");
    let brief = generated();
    assert!(!brief.contains("<th scope=\"col\">条件</th>") && !brief.contains("<li>年龄60周岁以上</li>"));
    assert!(!brief.contains("¥8,080.80"));
}
