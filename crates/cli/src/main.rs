//! `minsheng`: the rules engine on the command line.
//!
//!   minsheng check [RULES_DIR]
//!   minsheng eval [--rules DIR] [--jurisdiction ID] [--date YYYY-MM-DD] [FILE|-]
//!   minsheng catalog [--rules DIR] [--jurisdiction ID] [--json | --html [--brief]]
//!   minsheng screen [--rules DIR] [--jurisdiction ID] [--date D] [--out FILE] [--summary FILE] REGISTRY
//!
//! `eval` reads one answers request (JSON) or many (JSON Lines) and prints
//! the results report(s) in the same shape; see docs/json.md. `screen`
//! screens a registry (CSV or .xlsx, one resident per row); see
//! docs/screening.md.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use minsheng_engine::load::load_dir;
use minsheng_engine::source::ItemKind;
use minsheng_engine::{Date, Lang, Rules};
use serde_json::{json, Value};

mod eval;
mod html;
mod screen;
mod sheet;
mod table;

const USAGE: &str = "\
usage:
  minsheng check [RULES_DIR]
      Check every rule file; print each problem as file:line: field: message.
  minsheng eval [--rules DIR] [--jurisdiction ID] [--date YYYY-MM-DD] [--compact] [FILE|-]
      Evaluate one answers request (JSON) or many (JSON Lines, one per line).
      --jurisdiction and --date fill in what a request leaves out.
      --compact: per request only the id, status and amount of what applies
      or may apply, and the totals.
  minsheng catalog [--rules DIR] [--jurisdiction ID] [--json | --html [--brief]]
      List every item of a jurisdiction's plan, grouped by area.
      --html writes a static printable page of every jurisdiction (or only
      --jurisdiction ID): each item's title and office, each benefit's amount
      in words and who qualifies (--brief: each benefit with the plan's own
      sentence instead, and the search script: the widget's plan.html).

  minsheng screen [--rules DIR] [--jurisdiction ID] [--date YYYY-MM-DD] [--lang zh|en]
                  [--sheet NAME] [--out FILE.csv|FILE.xlsx] [--summary FILE.csv] [--progress] FILE|-
      Screen a registry (CSV, or the first sheet of an .xlsx workbook; `-` is
      CSV on stdin): one resident per row, columns named by question ids.
      Writes per row what applies, what may apply and the row's totals (CSV
      on stdout without --out), and a summary per benefit. Exit status: 0
      every row evaluated, 1 some rows refused, 2 usage or file error.

RULES_DIR defaults to ./rules.";

struct Args {
    rules: PathBuf,
    jurisdiction: Option<String>,
    date: Option<Date>,
    json: bool,
    html: bool,
    /// `catalog --html` without who qualifies (the page the widget ships).
    brief: bool,
    compact: bool,
    out: Option<String>,
    summary: Option<String>,
    sheet: Option<String>,
    lang: Lang,
    progress: bool,
    input: Option<String>,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args {
        rules: PathBuf::from("rules"),
        jurisdiction: None,
        date: None,
        json: false,
        html: false,
        brief: false,
        compact: false,
        out: None,
        summary: None,
        sheet: None,
        lang: Lang::Zh,
        progress: false,
        input: None,
    };
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--rules" => args.rules = PathBuf::from(value("--rules")?),
            "--jurisdiction" | "-j" => args.jurisdiction = Some(value("--jurisdiction")?),
            "--date" => {
                let v = value("--date")?;
                args.date = Some(v.parse().map_err(|e| format!("--date {v}: {e}"))?);
            }
            "--json" => args.json = true,
            "--html" => args.html = true,
            "--brief" => args.brief = true,
            "--compact" => args.compact = true,
            "--progress" => args.progress = true,
            "--out" | "-o" => args.out = Some(value("--out")?),
            "--summary" => args.summary = Some(value("--summary")?),
            "--sheet" => args.sheet = Some(value("--sheet")?),
            "--lang" => {
                args.lang = match value("--lang")?.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("--lang {other}: expected zh or en")),
                }
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s if args.input.is_none() => args.input = Some(s.to_owned()),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    Ok(args)
}

fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_days_since_epoch((secs / 86_400) as i64).unwrap_or_else(|| Date::new(2024, 1, 1).expect("a valid date"))
}

fn load(dir: &Path) -> Result<Rules, String> {
    load_dir(dir).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let Some(command) = argv.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let args = match parse_args(argv) {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("minsheng: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command.as_str() {
        "check" => check(&args),
        "eval" => eval::eval(&args),
        "screen" => return screen(&args),
        "catalog" => catalog(&args),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

fn check(args: &Args) -> Result<(), String> {
    let dir = args.input.as_deref().map(PathBuf::from).unwrap_or_else(|| args.rules.clone());
    match load_dir(&dir) {
        Ok(rules) => {
            for j in rules.jurisdictions.iter() {
                println!(
                    "{}: {} items, {} entitlements, rules version {}",
                    j.id,
                    j.items.len(),
                    j.entitlements.len(),
                    j.rules_version
                );
            }
            println!("ok: {} questions, {} jurisdictions", rules.questions.len(), rules.jurisdictions.len());
            Ok(())
        }
        Err(errors) => {
            let n = errors.0.len();
            Err(format!("{errors}\n{n} problem{} found", if n == 1 { "" } else { "s" }))
        }
    }
}

/// Exit status 0 when every row was evaluated, 1 when some were refused,
/// 2 when the run could not be made (usage, unreadable or unwritable file).
fn screen(args: &Args) -> ExitCode {
    let Some(input) = args.input.as_deref() else {
        eprintln!("minsheng screen: which registry? (a .csv or .xlsx file, or - for CSV on stdin)\n{USAGE}");
        return ExitCode::from(2);
    };
    let run = load(&args.rules).and_then(|rules| {
        let opts = screen::Options {
            input,
            out: args.out.as_deref(),
            summary: args.summary.as_deref(),
            sheet: args.sheet.as_deref(),
            jurisdiction: args.jurisdiction.as_deref(),
            date: args.date.unwrap_or_else(today),
            lang: args.lang,
            progress: args.progress,
        };
        screen::run(&rules, &opts)
    });
    match run {
        Ok(outcome) if outcome.refused == 0 => ExitCode::SUCCESS,
        Ok(outcome) => {
            eprintln!("minsheng screen: {} of {} rows refused", outcome.refused, outcome.rows);
            ExitCode::from(1)
        }
        Err(msg) => {
            eprintln!("minsheng screen: {msg}");
            ExitCode::from(2)
        }
    }
}

fn catalog(args: &Args) -> Result<(), String> {
    let rules = load(&args.rules)?;
    if args.json && args.html {
        return Err("catalog: choose one of --json and --html".into());
    }
    if args.html {
        let list: Vec<_> = match &args.jurisdiction {
            Some(id) => vec![rules.jurisdiction(id).ok_or_else(|| format!("unknown jurisdiction `{id}`"))?],
            None => rules.jurisdictions.iter().collect(),
        };
        let page = html::page(&rules, &list, !args.brief);
        return std::io::stdout().lock().write_all(page.as_bytes()).map_err(|e| e.to_string());
    }
    let j = match &args.jurisdiction {
        Some(id) => rules.jurisdiction(id).ok_or_else(|| format!("unknown jurisdiction `{id}`"))?,
        None => rules.default_jurisdiction().ok_or("no jurisdictions")?,
    };
    let kind = |k: ItemKind| match k {
        ItemKind::Entitlement => "entitlement",
        ItemKind::Service => "service",
        ItemKind::PublicWorks => "public_works",
    };
    if args.json {
        let items: Vec<Value> = j
            .items
            .iter()
            .map(|it| {
                json!({
                    "number": it.number,
                    "area": j.areas[it.area].id,
                    "kind": kind(it.kind),
                    "title": it.title,
                    "office": it.office,
                    "entitlements": it.entitlements.iter().map(|&e| &j.entitlements[e].id).collect::<Vec<_>>(),
                })
            })
            .collect();
        let v = json!({ "jurisdiction": j.id, "name": j.name, "plan": j.plan, "rules_version": j.rules_version, "items": items });
        println!("{}", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?);
        return Ok(());
    }
    println!("{} · {} (rules {})", j.name.zh, j.plan.zh, j.rules_version);
    for (ai, area) in j.areas.iter().enumerate() {
        println!("\n{} {}", area.label.zh, area.label.en);
        for it in j.items.iter().filter(|it| it.area == ai) {
            let office = it.office.as_ref().map(|o| o.zh.as_ref()).unwrap_or("—");
            println!("  {:>4}. [{}] {} — {}", it.number, kind(it.kind), it.title.zh, office);
            for &e in it.entitlements.iter() {
                println!("          · {} ({})", j.entitlements[e].name.zh, j.entitlements[e].id);
            }
        }
    }
    Ok(())
}
