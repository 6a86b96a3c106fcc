//! `minsheng screen`: a registry of residents (one per row) in, per row the
//! benefits that apply or may apply and the row's totals out, and a summary
//! per benefit: what a bureau budgets with (政策找人).
//!
//! Rows are read on their own thread in chunks, each chunk evaluated on
//! every core (rayon) and written in order on a writer thread, so memory
//! stays flat whatever the length of the file. Every cell goes through the
//! engine's `parse_input`, the same check the widget and the answers JSON
//! apply, and a row with a bad cell is refused whole: it is reported with
//! its row, column and message, and the run goes on.

use std::io::IsTerminal;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use minsheng_engine::eval::{Totals, Why};
use minsheng_engine::explain::worth_text;
use minsheng_engine::money::format_yuan;
use minsheng_engine::rust_decimal::Decimal;
use minsheng_engine::source::{PaidAs, Period, QuestionKind, Scope};
use minsheng_engine::{evaluate, parse_input, Answers, Date, Jurisdiction, Lang, QuestionId, Rules, Status, Text, Worth};
use rayon::prelude::*;

use crate::sheet::{money_text, Cell, Sink};
use crate::table::{self, letter, Extent, Row};

/// Rows per chunk: enough to keep every core busy, few enough that three
/// chunks in flight (read, evaluated, written) take a few megabytes.
const CHUNK_ROWS: usize = 4096;
/// Refused rows printed on stderr; the rest are only in the output and the count.
const MAX_PRINTED: u64 = 100;

pub struct Options<'a> {
    pub input: &'a str,
    pub out: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub sheet: Option<&'a str>,
    pub jurisdiction: Option<&'a str>,
    pub date: Date,
    pub lang: Lang,
    pub progress: bool,
}

/// How the run went: the rows read and how many were refused.
pub struct Outcome {
    pub rows: u64,
    pub refused: u64,
}

/// What an input column is.
#[derive(Clone, Copy)]
enum Column {
    Question(QuestionId),
    /// Not a question: copied to the output unchanged.
    Carry,
}

/// Everything a row needs to be screened; shared by the worker threads.
struct Screen<'r> {
    rules: &'r Rules,
    j: &'r Jurisdiction,
    columns: Vec<Column>,
    date: Date,
    lang: Lang,
}

/// A bad cell: its column (index into the header) and the message.
struct Problem {
    column: usize,
    message: Text,
}

/// One screened row: the cells to write, and what the summary counts.
struct Screened {
    number: u64,
    cells: Vec<Cell>,
    result: Result<Found, Vec<Problem>>,
}

struct Found {
    /// Entitlements that apply or may apply (index, applies?, worth).
    hits: Vec<(usize, bool, Option<Worth>)>,
    totals: Totals,
}

pub fn run(rules: &Rules, opts: &Options) -> Result<Outcome, String> {
    let j = match opts.jurisdiction {
        Some(id) => rules.jurisdiction(id).ok_or_else(|| {
            let known: Vec<&str> = rules.jurisdictions.iter().map(|j| j.id.as_ref()).collect();
            format!("unknown jurisdiction `{id}` (known: {})", known.join(", "))
        })?,
        None => rules.default_jurisdiction().ok_or("no jurisdictions loaded")?,
    };
    let table = table::open(opts.input, opts.sheet, CHUNK_ROWS)?;
    let columns = plan_columns(rules, opts.input, &table.header)?;
    let screen = Screen { rules, j, columns, date: opts.date, lang: opts.lang };
    let mut summary = Summary::new(j);

    let mut header: Vec<String> = vec!["row".into()];
    header.extend(carried(&screen.columns, &table.header).cloned());
    header.extend(RESULT_COLUMNS.iter().map(|s| s.to_string()));
    let mut sink = Sink::create(opts.out)?;
    sink.header(header)?;

    // The writer keeps the output in row order on a thread of its own.
    let (tx, rx) = sync_channel::<Vec<Vec<Cell>>>(2);
    let writer = std::thread::spawn(move || -> Result<(), String> {
        for chunk in rx {
            for row in &chunk {
                sink.row(row)?;
            }
        }
        sink.finish()
    });

    let mut progress = Progress::new(opts.progress || std::io::stderr().is_terminal());
    let mut fatal = None;
    for chunk in table.chunks.iter() {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => {
                fatal = Some(e);
                break;
            }
        };
        let screened: Vec<Screened> = chunk.into_par_iter().map(|row| screen.row(row)).collect();
        let mut out = Vec::with_capacity(screened.len());
        for s in screened {
            if let Err(problems) = &s.result {
                for p in problems {
                    summary.problems += 1;
                    if summary.problems <= MAX_PRINTED {
                        eprintln!("{}", problem_line(opts.input, s.number, &table.header, p));
                    }
                }
            }
            summary.add(&s);
            out.push(s.cells);
        }
        if tx.send(out).is_err() {
            break; // the writer stopped: its error is reported below
        }
        progress.tick(summary.rows, &table.extent);
    }
    drop(tx);
    table.finish();
    progress.done(summary.rows);
    writer.join().map_err(|_| "the writer stopped unexpectedly".to_string())??;
    if let Some(e) = fatal {
        return Err(e);
    }
    if summary.problems > MAX_PRINTED {
        eprintln!("… {} more problems, each in its row's `error` column", summary.problems - MAX_PRINTED);
    }
    if let Some(path) = opts.summary {
        summary.write_csv(path, opts.lang)?;
    }
    summary.print(opts.lang);
    Ok(Outcome { rows: summary.rows, refused: summary.refused })
}

/// The result columns after the row number and the carried columns.
const RESULT_COLUMNS: [&str; 8] = ["applies", "may_apply", "per_month", "per_year", "one_off", "at_least", "set_locally", "error"];

fn carried<'h>(columns: &'h [Column], header: &'h [String]) -> impl Iterator<Item = &'h String> {
    columns.iter().zip(header).filter(|(c, _)| matches!(c, Column::Carry)).map(|(_, h)| h)
}

/// Names each header cell a question or a carried column. A question named
/// twice is a usage error (which one would count?); a file without any
/// question column is surely not a registry meant for this.
fn plan_columns(rules: &Rules, path: &str, header: &[String]) -> Result<Vec<Column>, String> {
    let mut columns = Vec::with_capacity(header.len());
    let mut seen = Vec::new();
    for (i, h) in header.iter().enumerate() {
        match rules.questions.find(h) {
            Some(q) if seen.contains(&q) => {
                return Err(format!("{path}: row 1, column {} ({h}): the question `{h}` is named twice", letter(i)))
            }
            Some(q) => {
                seen.push(q);
                columns.push(Column::Question(q));
            }
            None => columns.push(Column::Carry),
        }
    }
    if seen.is_empty() {
        return Err(format!(
            "{path}: no column is named by a question id (age, hukou, situations, …; see rules/questions.toml or docs/screening.md)"
        ));
    }
    let carry: Vec<&str> = carried(&columns, header).map(String::as_str).collect();
    if !carry.is_empty() {
        eprintln!("{path}: carried through unchanged (not questions): {}", carry.join(", "));
    }
    Ok(columns)
}

fn problem_line(path: &str, row: u64, header: &[String], p: &Problem) -> String {
    let name = header.get(p.column).map(String::as_str).unwrap_or("");
    format!("{path}: row {row}, column {} ({name}): {} / {}", letter(p.column), p.message.zh, p.message.en)
}

impl Screen<'_> {
    fn row(&self, row: Row) -> Screened {
        let mut answers = Answers::new(&self.rules.questions);
        let mut problems: Vec<Problem> =
            row.unreadable.iter().cloned().map(|(column, m)| Problem { column, message: Text::new(m.clone(), m) }).collect();
        if row.len() > self.columns.len() {
            problems.push(Problem {
                column: self.columns.len(),
                message: Text::new(
                    format!("这一行有 {} 格，表头只有 {} 列", row.len(), self.columns.len()),
                    format!("the row has {} cells, the header {} columns", row.len(), self.columns.len()),
                ),
            });
        }
        for (i, (column, raw)) in self.columns.iter().zip(row.cells()).enumerate() {
            let Column::Question(q) = *column else { continue };
            if raw.trim().is_empty() {
                continue; // not answered (what `parse_input` says of it, without its work)
            }
            let question = self.rules.questions.get(q);
            // Flags are option ids separated by `;` (a comma would split the
            // CSV cell), and `-` is "none of these"; the engine reads them
            // separated by commas, a lone comma being the empty list.
            let flags;
            let raw = match question.kind {
                QuestionKind::Flags if raw.trim() == "-" => ",",
                QuestionKind::Flags if raw.contains([';', '；']) => {
                    flags = raw.replace([';', '；'], ",");
                    &flags
                }
                _ => raw,
            };
            match parse_input(question, raw, Some(self.date)) {
                Ok(v) => answers.set(q, v),
                Err(message) => problems.push(Problem { column: i, message }),
            }
        }

        let mut cells = Vec::with_capacity(1 + self.columns.len() + RESULT_COLUMNS.len());
        cells.push(Cell::text(row.number.to_string()));
        for (i, column) in self.columns.iter().enumerate() {
            if let Column::Carry = column {
                cells.push(Cell::text(if i < row.len() { row.cell(i) } else { "" }));
            }
        }
        if !problems.is_empty() {
            let error = problems
                .iter()
                .map(|p| format!("{} ({}): {} / {}", letter(p.column), self.column_name(p.column), p.message.zh, p.message.en))
                .collect::<Vec<_>>()
                .join("; ");
            cells.extend((0..RESULT_COLUMNS.len() - 1).map(|_| Cell::text("")));
            cells.push(Cell::Text(error));
            return Screened { number: row.number, cells, result: Err(problems) };
        }

        let ev = evaluate(&self.rules.questions, self.j, self.date, &answers);
        let lang = self.lang;
        let sep = lang.pick("；", "; ");
        let (mut applies, mut may) = (String::new(), String::new());
        let mut hits = Vec::new();
        for o in &ev.outcomes {
            let e = o.entitlement;
            let list = match o.status {
                Status::DoesNotApply => continue,
                Status::Applies => &mut applies,
                Status::MayApply => &mut may,
            };
            hits.push((o.index, o.status == Status::Applies, o.worth));
            if !list.is_empty() {
                list.push_str(sep);
            }
            list.push_str(e.name.get(lang));
            if let Some(w) = o.worth {
                list.push(' ');
                list.push_str(&worth_text(e, w, lang));
            }
            let missing: Vec<&str> = o.missing.iter().map(|q| self.rules.questions.get(q).id.as_ref()).collect();
            match (o.status, o.why) {
                (Status::MayApply, Why::OfficeDecides(c)) => {
                    let decides = c.decides.as_ref().map(|t| t.get(lang)).unwrap_or("");
                    list.push_str(&match lang {
                        Lang::Zh => format!("（如获批准；{decides}）"),
                        Lang::En => format!(" (if granted; {decides})"),
                    });
                }
                _ if !missing.is_empty() => list.push_str(&match lang {
                    Lang::Zh => format!("（待答：{}）", missing.join("、")),
                    Lang::En => format!(" (missing: {})", missing.join(", ")),
                }),
                _ => {}
            }
        }
        let t = ev.totals;
        let at_least: Vec<&str> = [("per_month", t.per_month), ("per_year", t.per_year), ("one_off", t.one_off)]
            .iter()
            .filter(|(_, s)| s.at_least)
            .map(|(n, _)| *n)
            .collect();
        cells.extend([
            Cell::Text(applies),
            Cell::Text(may),
            Cell::Money(t.per_month.value),
            Cell::Money(t.per_year.value),
            Cell::Money(t.one_off.value),
            Cell::Text(at_least.join(";")),
            Cell::text(t.set_locally.to_string()),
            Cell::text(""),
        ]);
        Screened { number: row.number, cells, result: Ok(Found { hits, totals: t }) }
    }

    fn column_name(&self, i: usize) -> &str {
        match self.columns.get(i) {
            Some(Column::Question(q)) => self.rules.questions.get(*q).id.as_ref(),
            _ => "",
        }
    }
}

/// Per entitlement, across the rows: how many it applies or may apply to,
/// and what those that apply come to.
#[derive(Default, Clone)]
struct Line {
    applies: u64,
    may_apply: u64,
    per_month: Decimal,
    per_year: Decimal,
    one_off: Decimal,
    at_least: bool,
    set_locally: u64,
}

struct Summary<'r> {
    j: &'r Jurisdiction,
    lines: Vec<Line>,
    rows: u64,
    refused: u64,
    problems: u64,
    rows_applying: u64,
    rows_may: u64,
    /// The rows' own totals added up (cash, as the engine counts it).
    total: Line,
}

impl<'r> Summary<'r> {
    fn new(j: &'r Jurisdiction) -> Summary<'r> {
        Summary {
            j,
            lines: vec![Line::default(); j.entitlements.len()],
            rows: 0,
            refused: 0,
            problems: 0,
            rows_applying: 0,
            rows_may: 0,
            total: Line::default(),
        }
    }

    fn add(&mut self, s: &Screened) {
        self.rows += 1;
        let found = match &s.result {
            Ok(f) => f,
            Err(_) => {
                self.refused += 1;
                return;
            }
        };
        let (mut any_applies, mut any_may) = (false, false);
        for &(i, applies, worth) in &found.hits {
            let (line, e) = (&mut self.lines[i], &self.j.entitlements[i]);
            if !applies {
                line.may_apply += 1;
                any_may = true;
                continue;
            }
            line.applies += 1;
            any_applies = true;
            match worth {
                Some(w @ (Worth::Exact(_) | Worth::AtLeast(_) | Worth::SetLocally { floor: Some(_) })) => {
                    let d = w.figure().unwrap_or_default();
                    line.at_least |= !matches!(w, Worth::Exact(_));
                    match e.period {
                        Period::Month => {
                            line.per_month += d;
                            line.per_year += d * Decimal::from(12);
                        }
                        Period::Year => line.per_year += d,
                        Period::Once => line.one_off += d,
                    }
                }
                Some(Worth::SetLocally { floor: None }) => line.set_locally += 1,
                _ => {}
            }
        }
        self.rows_applying += u64::from(any_applies);
        self.rows_may += u64::from(any_may);
        let t = &found.totals;
        self.total.per_month += t.per_month.value;
        self.total.per_year += t.per_year.value;
        self.total.one_off += t.one_off.value;
        self.total.at_least |= t.per_month.at_least || t.per_year.at_least || t.one_off.at_least;
        self.total.set_locally += t.set_locally as u64;
    }

    fn write_csv(&self, path: &str, lang: Lang) -> Result<(), String> {
        let err = |e: csv::Error| format!("{path}: {e}");
        let mut file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
        std::io::Write::write_all(&mut file, "\u{feff}".as_bytes()).map_err(|e| format!("{path}: {e}"))?;
        let mut w = csv::Writer::from_writer(file);
        w.write_record([
            "entitlement", "name", "scope", "paid_as", "period", "rows", "applies", "may_apply", "per_month", "per_year", "one_off",
            "at_least", "set_locally",
        ])
        .map_err(err)?;
        let evaluated = (self.rows - self.refused).to_string();
        for (e, line) in self.j.entitlements.iter().zip(&self.lines) {
            let scope = match e.scope {
                Scope::Person => "person",
                Scope::Household => "household",
            };
            let paid_as = match e.paid_as {
                PaidAs::Cash => "cash",
                PaidAs::Premium => "premium",
                PaidAs::Service => "service",
            };
            let period = match e.period {
                Period::Month => "month",
                Period::Year => "year",
                Period::Once => "once",
            };
            w.write_record([e.id.as_ref(), e.name.get(lang), scope, paid_as, period, &evaluated].into_iter().map(str::to_owned).chain(line.fields()))
                .map_err(err)?;
        }
        let total = Line { applies: self.rows_applying, may_apply: self.rows_may, ..self.total.clone() };
        let name = lang.pick("合计（现金，即各行合计之和）", "total (cash, the rows' totals added up)");
        w.write_record(["total", name, "", "cash", "", &evaluated].into_iter().map(str::to_owned).chain(total.fields())).map_err(err)?;
        let name = lang.pick("拒收的行", "rows refused");
        w.write_record(["refused", name, "", "", "", &self.refused.to_string(), "", "", "", "", "", "", ""]).map_err(err)?;
        w.flush().map_err(|e| format!("{path}: {e}"))
    }

    fn print(&self, lang: Lang) {
        let lines = self.j.entitlements.iter().zip(&self.lines).filter(|(_, l)| l.applies + l.may_apply > 0);
        let (month, year, once) = (lang.pick("/月", "/month"), lang.pick("/年", "/year"), lang.pick("一次性", "one-off"));
        let floor = |b: bool| if b { lang.pick("不少于 ", "at least ") } else { "" };
        match lang {
            Lang::Zh => eprintln!(
                "汇总：{} 行，已评估 {} 行，拒收 {} 行；{} 行有适用的待遇，{} 行有可能适用的待遇",
                self.rows,
                self.rows - self.refused,
                self.refused,
                self.rows_applying,
                self.rows_may
            ),
            Lang::En => eprintln!(
                "summary: {} rows, {} evaluated, {} refused; {} with benefits that apply, {} with benefits that may apply",
                self.rows,
                self.rows - self.refused,
                self.refused,
                self.rows_applying,
                self.rows_may
            ),
        }
        for (e, l) in lines {
            let mut money = Vec::new();
            let f = floor(l.at_least);
            if !l.per_month.is_zero() {
                money.push(format!("{f}{}{month}", format_yuan(l.per_month)));
            }
            if !l.per_year.is_zero() {
                money.push(format!("{f}{}{year}", format_yuan(l.per_year)));
            }
            if !l.one_off.is_zero() {
                money.push(format!("{f}{} {once}", format_yuan(l.one_off)));
            }
            let counts = match lang {
                Lang::Zh => format!("适用 {}，可能适用 {}", l.applies, l.may_apply),
                Lang::En => format!("applies {}, may apply {}", l.applies, l.may_apply),
            };
            let money = if money.is_empty() { String::new() } else { format!("; {}", money.join(", ")) };
            eprintln!("  {} ({}): {counts}{money}", e.name.get(lang), e.id);
        }
        let f = floor(self.total.at_least);
        eprintln!(
            "  {}: {f}{}{month}, {f}{}{year}, {f}{} {once}",
            lang.pick("合计（现金）", "total (cash)"),
            format_yuan(self.total.per_month),
            format_yuan(self.total.per_year),
            format_yuan(self.total.one_off)
        );
    }
}

impl Line {
    fn fields(&self) -> impl Iterator<Item = String> {
        [
            self.applies.to_string(),
            self.may_apply.to_string(),
            money_text(self.per_month),
            money_text(self.per_year),
            money_text(self.one_off),
            if self.at_least { "yes" } else { "" }.to_owned(),
            self.set_locally.to_string(),
        ]
        .into_iter()
    }
}

/// Rows done, rows a second and the time left, at most once a second.
struct Progress {
    on: bool,
    terminal: bool,
    start: Instant,
    last: Instant,
}

impl Progress {
    fn new(on: bool) -> Progress {
        let now = Instant::now();
        Progress { on, terminal: std::io::stderr().is_terminal(), start: now, last: now }
    }

    fn tick(&mut self, rows: u64, extent: &Extent) {
        if self.on && self.last.elapsed() >= Duration::from_secs(1) {
            self.last = Instant::now();
            self.show(rows, extent.fraction(rows), false);
        }
    }

    fn done(&mut self, rows: u64) {
        if self.on {
            self.show(rows, None, true);
        }
    }

    fn show(&self, rows: u64, fraction: Option<f64>, done: bool) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = rows as f64 / secs;
        let eta = match fraction {
            Some(f) if f > 0.0 && f < 1.0 => {
                let left = (secs * (1.0 - f) / f) as u64;
                format!(", {:.0}%, ETA {}:{:02}", f * 100.0, left / 60, left % 60)
            }
            _ => String::new(),
        };
        let text = format!("{rows} rows, {rate:.0} rows/s{eta}");
        match (self.terminal, done) {
            (true, false) => eprint!("\r{text}\x1b[K"),
            (true, true) => eprintln!("\r{text} in {secs:.1} s\x1b[K"),
            (false, false) => eprintln!("{text}"),
            (false, true) => eprintln!("{text} in {secs:.1} s"),
        }
    }
}
