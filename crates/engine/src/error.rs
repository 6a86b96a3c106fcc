//! Problems found in rule files, each pointing at file, line and field.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The file as the user named it, e.g. `rules/xx-district.toml`.
    pub file: String,
    /// 1-based line, when it could be found.
    pub line: Option<usize>,
    /// What the field belongs to, e.g. ``entitlement `minimum-living` ``.
    pub place: String,
    /// Dotted path inside that place, e.g. `amount.cells.illness`.
    pub field: String,
    pub message: String,
    /// Text to look for when locating the line: the offending value if any.
    pub(crate) needle: Option<String>,
    /// Where the id (or number) of the table the field belongs to is
    /// written: a byte offset in the file, as the TOML reader gave it.
    pub(crate) anchor: Option<usize>,
}

impl RuleError {
    pub(crate) fn new(place: impl Into<String>, field: impl Into<String>, message: impl Into<String>) -> RuleError {
        RuleError {
            file: String::new(),
            line: None,
            place: place.into(),
            field: field.into(),
            message: message.into(),
            needle: None,
            anchor: None,
        }
    }

    pub(crate) fn near(mut self, needle: impl Into<String>) -> RuleError {
        self.needle = Some(needle.into());
        self
    }

    pub(crate) fn anchored(mut self, id: &crate::source::Id) -> RuleError {
        self.anchor = Some(id.at());
        self
    }

    /// Fills in `line` by finding the anchor table and then the field (or the
    /// offending value) inside it. Serde errors come with their own line.
    pub(crate) fn locate(&mut self, source: &str) {
        if self.line.is_some() {
            return;
        }
        let lines: Vec<&str> = source.lines().collect();
        let mut start = 0;
        let mut end = lines.len();
        if let Some(at) = self.anchor {
            let Some(before) = source.get(..at) else { return };
            let found = before.matches('\n').count();
            if found >= lines.len() {
                return;
            }
            // The table starts at the header above the anchor and ends at the next header.
            start = lines[..=found].iter().rposition(|l| l.trim_start().starts_with('[')).unwrap_or(found);
            end = lines[found + 1..]
                .iter()
                .position(|l| l.starts_with("[[") || l.starts_with("[entitlement") && !l.starts_with("[entitlement."))
                .map(|p| p + found + 1)
                .unwrap_or(lines.len());
            self.line = Some(found + 1);
        }
        let in_table = start..end;
        if let Some(needle) = &self.needle {
            if let Some(i) = lines[in_table.clone()].iter().position(|l| l.contains(needle.as_str())) {
                self.line = Some(start + i + 1);
                return;
            }
        }
        let key = self.field.rsplit('.').next().unwrap_or(&self.field);
        let key = key.split('[').next().unwrap_or(key);
        if !key.is_empty() {
            let hit = lines[in_table.clone()].iter().position(|l| {
                let t = l.trim_start().trim_start_matches('[');
                t.starts_with(key) && t[key.len()..].trim_start().starts_with(['=', ']', '.'])
                    || l.contains(&format!(" {key} ="))
                    || l.contains(&format!("{{{key} ="))
            });
            if let Some(i) = hit {
                self.line = Some(start + i + 1);
            }
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if !self.place.is_empty() {
            write!(f, "{}, ", self.place)?;
        }
        if !self.field.is_empty() {
            write!(f, "field `{}`: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

/// All problems of a rules set. Loading reports every one, not just the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}
