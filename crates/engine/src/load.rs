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
    let mut jurisdictions = Vec::new();
    for (name, text) in files {
        if name.ends_with(QUESTIONS_FILE) {
            questions = parse(name, text, &mut errors).map(|content| Named { file: name.clone(), content });
        } else if let Some(content) = parse(name, text, &mut errors) {
            jurisdictions.push(Named { file: name.clone(), content });
        }
    }
    let Some(questions) = questions else {
        errors.push(RuleError::new("", "", format!("no {QUESTIONS_FILE} among the rule files")));
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
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            // serde names the field for unknown or missing fields; otherwise
            // the key written at the start of the offending line is the field.
            let field = e
                .message()
                .split('`')
                .nth(1)
                .map(str::to_owned)
                .or_else(|| {
                    let l = text.lines().nth(line? - 1)?;
                    let key = l.split('=').next()?.trim().trim_start_matches('{').trim();
                    (!key.is_empty() && !key.contains(' ')).then(|| key.to_owned())
                })
                .unwrap_or_default();
            let mut err = RuleError::new("", field, e.message().trim().to_owned());
            err.file = name.to_owned();
            err.line = line;
            errors.push(err);
            None
        }
    }
}

impl RuleError {
    fn in_file(mut self, path: &Path) -> RuleError {
        self.file = path.display().to_string();
        self
    }
}
