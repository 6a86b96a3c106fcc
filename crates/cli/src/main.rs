//! `minsheng`: the rules engine on the command line.
//!
//!   minsheng check [RULES_DIR]
//!   minsheng eval [--rules DIR] [--jurisdiction ID] [--date YYYY-MM-DD] [FILE|-]
//!   minsheng catalog [--rules DIR] [--jurisdiction ID] [--json | --html]
//!
//! `eval` reads one answers request (JSON) or many (JSON Lines) and prints
//! the results report(s) in the same shape; see docs/json.md.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use minsheng_engine::load::load_dir;
use minsheng_engine::compat::ANSWERS_VERSION;
use minsheng_engine::report;
use minsheng_engine::source::ItemKind;
use minsheng_engine::{Date, Rules};
use serde_json::{json, Value};

mod html;

const USAGE: &str = "\
usage:
  minsheng check [RULES_DIR]
      Check every rule file; print each problem as file:line: field: message.
  minsheng eval [--rules DIR] [--jurisdiction ID] [--date YYYY-MM-DD] [FILE|-]
      Evaluate one answers request (JSON) or many (JSON Lines, one per line).
      --jurisdiction and --date fill in what a request leaves out.
  minsheng catalog [--rules DIR] [--jurisdiction ID] [--json | --html]
      List every item of a jurisdiction's plan, grouped by area.
      --html writes a static printable page of every jurisdiction (or only
      --jurisdiction ID): each item's title, kind and office, and each
      amount in words with its conditions.

RULES_DIR defaults to ./rules.";

struct Args {
    rules: PathBuf,
    jurisdiction: Option<String>,
    date: Option<Date>,
    json: bool,
    html: bool,
    input: Option<String>,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args { rules: PathBuf::from("rules"), jurisdiction: None, date: None, json: false, html: false, input: None };
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
        "eval" => eval(&args),
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

fn eval(args: &Args) -> Result<(), String> {
    let rules = load(&args.rules)?;
    let mut text = String::new();
    match args.input.as_deref() {
        None | Some("-") => {
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("reading stdin: {e}"))?;
        }
        Some(path) => text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?,
    };
    let today = args.date.unwrap_or_else(today);
    let fill = |mut v: Value| {
        if let Value::Object(map) = &mut v {
            if let Some(j) = &args.jurisdiction {
                map.entry("jurisdiction").or_insert_with(|| json!(j));
            }
            map.entry("version").or_insert_with(|| json!(ANSWERS_VERSION));
        }
        v
    };
    let values: Vec<Result<Value, String>> = serde_json::Deserializer::from_str(&text)
        .into_iter::<Value>()
        .map(|r| r.map_err(|e| format!("not JSON: {e}")))
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if values.len() == 1 {
        let v = values.into_iter().next().unwrap_or_else(|| Err("empty input".into()))?;
        let report = report::run_any(&rules, &fill(v), today).map_err(|e| e.to_string())?;
        for w in report["warnings"].as_array().into_iter().flatten() {
            eprintln!("warning: {} / {}", w["message"]["zh"].as_str().unwrap_or(""), w["message"]["en"].as_str().unwrap_or(""));
        }
        // Serialised straight from the struct, so fields keep their documented order.
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        return writeln!(out, "{text}").map_err(|e| e.to_string());
    }
    if values.is_empty() {
        return Err("no answers request on input".into());
    }
    // JSON Lines: one report per line; a bad line gets an error line and the rest go on.
    let mut failed = 0;
    for (n, v) in values.into_iter().enumerate() {
        let line = match v.and_then(|v| report::run_any(&rules, &fill(v), today).map_err(|e| e.to_string())) {
            Ok(report) => serde_json::to_string(&report).map_err(|e| e.to_string())?,
            Err(e) => {
                failed += 1;
                json!({ "request": n + 1, "error": e }).to_string()
            }
        };
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    if failed > 0 {
        Err(format!("{failed} request(s) could not be evaluated"))
    } else {
        Ok(())
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
        let page = html::page(&rules, &list);
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
