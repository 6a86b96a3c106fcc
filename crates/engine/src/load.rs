//! Reading a rules directory: `questions.toml` plus one file per
//! jurisdiction. Every problem is reported with file, line and field.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::compile::{compile, Named, RulesSource};
use crate::error::{RuleError, RuleErrors};
use crate::model::Rules;

/// The name of the shared questions file inside a rules directory.
pub const QUESTIONS_FILE: &str = "questions.toml";

/// Reads every `*.toml` of `dir` (sorted by name, so the order is stable).
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, RuleErrors> {
    let io = |path: &Path, e: std::io::Error| RuleErrors(vec![RuleError::new("", "", format!("cannot read: {e}")).in_file(path)]);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let path = entry.map_err(|e| io(dir, e))?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            files.push((path.display().to_string(), text));
        }
    }
    files.sort();
    Ok(files)
}

/// Loads and checks a rules directory.
pub fn load_dir(dir: &Path) -> Result<Rules, RuleErrors> {
    load_texts(&read_dir(dir)?)
}

/// Loads and checks rule files given as (file name, contents). The file whose
/// name ends in `questions.toml` holds the questions; the rest are jurisdictions.
pub fn load_texts(files: &[(String, String)]) -> Result<Rules, RuleErrors> {
    let mut errors = Vec::new();
    let mut questions = None;
    let mut questions_seen = false;
    let mut jurisdictions = Vec::new();
    for (name, text) in files {
        if name.ends_with(QUESTIONS_FILE) {
            questions_seen = true;
            questions = parse(name, text, &mut errors).map(|content| Named { file: name.clone(), content });
        } else if let Some(content) = parse(name, text, &mut errors) {
            jurisdictions.push(Named { file: name.clone(), content });
        }
    }
    let Some(questions) = questions else {
        // A questions file that does not read has its own error already.
        if !questions_seen {
            errors.push(RuleError::new("", "", format!("no {QUESTIONS_FILE} among the rule files")));
        }
        return Err(RuleErrors(errors));
    };
    if jurisdictions.is_empty() && errors.is_empty() {
        errors.push(RuleError::new("", "", "no jurisdiction files").in_file(Path::new(&questions.file)));
    }
    if !errors.is_empty() {
        return Err(RuleErrors(errors));
    }
    let source = RulesSource { questions, jurisdictions };
    match compile(&source) {
        Ok(rules) => Ok(rules),
        Err(mut errs) => {
            for e in &mut errs {
                if let Some((_, text)) = files.iter().find(|(n, _)| *n == e.file) {
                    e.locate(text);
                }
            }
            Err(RuleErrors(errs))
        }
    }
}

fn parse<T: DeserializeOwned>(name: &str, text: &str, errors: &mut Vec<RuleError>) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().map(|s| s.start.min(text.len())..s.end.min(text.len()));
            let line = span.as_ref().map(|s| text.get(..s.start).unwrap_or(text).matches('\n').count() + 1);
            // serde names the field for unknown or missing fields; otherwise
            // the offending value's span tells which key it is the value of.
            let message = e.message();
            let named = (message.starts_with("unknown field") || message.starts_with("missing field"))
                .then(|| message.split('`').nth(1).map(str::to_owned))
                .flatten();
            let field = named.or_else(|| key_of_value(text, span?.start)).unwrap_or_default();
            let mut err = RuleError::new("", field, e.message().trim().to_owned());
            err.file = name.to_owned();
            err.line = line;
            errors.push(err);
            None
        }
    }
}

/// The dotted key whose value starts at byte `at`: the key written just
/// before it (`min` in `{ q = "age", min = 60.0 }`), under the path of its
/// table header when it stands on a line of its own (`amount.kind` under
/// `[entitlement.amount]`; the header's first part, an array of tables, is
/// the place, not the field).
fn key_of_value(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?.trim_end().strip_suffix('=')?.trim_end();
    // A bare key is ASCII, so the key's length in bytes is its length in characters.
    let key_len = before.chars().rev().take_while(|&c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.').count();
    let start = before.len() - key_len;
    let key = &before[start..];
    if key.is_empty() {
        return None;
    }
    let line_start = before[..start].rfind('\n').map_or(0, |i| i + 1);
    if !before[line_start..start].trim().is_empty() {
        // Inside an inline table or array: the key alone.
        return Some(key.to_owned());
    }
    let header = before[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_start_matches('[').split(']').next().unwrap_or("").trim().to_owned())
        .unwrap_or_default();
    let path: Vec<&str> = header.split('.').map(str::trim).skip(1).filter(|p| !p.is_empty()).collect();
    Some(if path.is_empty() { key.to_owned() } else { format!("{}.{key}", path.join(".")) })
}

impl RuleError {
    fn in_file(mut self, path: &Path) -> RuleError {
        self.file = path.display().to_string();
        self
    }
}
