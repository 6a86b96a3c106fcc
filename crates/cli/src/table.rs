//! Rows of a registry file (CSV or the first sheet of an .xlsx workbook),
//! read on a thread of their own and handed over in bounded chunks, so a
//! file of any length is read in constant memory.

use std::fs::File;
use std::io::{BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

use calamine::{open_workbook, DataRef, Reader, Xlsx};

/// One resident: the row number as a spreadsheet shows it (the header is
/// row 1) and its cells as text, kept in one string (two allocations a row,
/// not one a cell). A cell that could not be read as text is empty here and
/// its problem kept, to be reported with the row.
pub struct Row {
    pub number: u64,
    text: String,
    ends: Vec<usize>,
    pub unreadable: Vec<(usize, String)>,
}

impl Row {
    fn new(number: u64, cells: usize) -> Row {
        Row { number, text: String::with_capacity(cells * 8), ends: Vec::with_capacity(cells), unreadable: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn cell(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    pub fn cells(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.cell(i))
    }

    fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// An open registry: its header, and its rows in chunks as they are read.
pub struct Table {
    pub header: Vec<String>,
    /// How far through the file the reading is, for the ETA.
    pub extent: Extent,
    pub chunks: Receiver<Result<Vec<Row>, String>>,
    reader: JoinHandle<()>,
}

impl Table {
    /// Waits for the reading thread (it has ended once `chunks` is drained).
    pub fn finish(self) {
        drop(self.chunks);
        let _ = self.reader.join();
    }
}

/// The size of the input, when known, and how much has been read.
pub enum Extent {
    Unknown,
    /// A sheet's rows (its dimensions say how many).
    Rows(u64),
    /// A file's bytes, and the bytes read so far (updated by the reader).
    Bytes { total: u64, read: Arc<AtomicU64> },
}

impl Extent {
    /// The part done, 0 to 1, after `rows` rows.
    pub fn fraction(&self, rows: u64) -> Option<f64> {
        let f = match self {
            Extent::Unknown => return None,
            Extent::Rows(n) => rows as f64 / (*n).max(1) as f64,
            Extent::Bytes { total, read } => read.load(Ordering::Relaxed) as f64 / (*total).max(1) as f64,
        };
        Some(f.min(1.0))
    }
}

/// Chunks in flight between the reader and the evaluation; with the chunk
/// size this bounds the memory a run takes.
const CHUNKS_AHEAD: usize = 2;

/// Opens `path` (`-` is CSV on stdin) by its extension.
pub fn open(path: &str, sheet: Option<&str>, chunk_rows: usize) -> Result<Table, String> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        open_xlsx(path, sheet, chunk_rows)
    } else if path == "-" || lower.ends_with(".csv") || lower.ends_with(".txt") {
        if sheet.is_some() {
            return Err(format!("{path}: --sheet is for .xlsx workbooks"));
        }
        let (input, size): (Box<dyn Read + Send>, Option<u64>) = if path == "-" {
            (Box::new(std::io::stdin()), None)
        } else {
            let f = File::open(path).map_err(|e| format!("{path}: {e}"))?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        };
        open_csv(path, input, size, chunk_rows)
    } else {
        Err(format!("{path}: expected a .csv or .xlsx file (old .xls workbooks: save as .xlsx first)"))
    }
}

fn open_csv(path: &str, input: Box<dyn Read + Send>, size: Option<u64>, chunk_rows: usize) -> Result<Table, String> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(BufReader::with_capacity(1 << 16, input));
    let header = csv.byte_headers().map_err(|e| format!("{path}: {e}"))?.clone();
    let header: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            std::str::from_utf8(h)
                .map(|s| s.trim().to_owned())
                .map_err(|_| format!("{path}: row 1, column {}: {NOT_UTF8}", letter(i)))
        })
        .collect::<Result<_, _>>()?;
    let read = Arc::new(AtomicU64::new(0));
    let extent = size.map_or(Extent::Unknown, |total| Extent::Bytes { total, read: read.clone() });
    let (tx, rx) = sync_channel(CHUNKS_AHEAD);
    let path = path.to_owned();
    let reader = std::thread::spawn(move || {
        let mut record = csv::ByteRecord::new();
        let mut number = 1u64;
        loop {
            let mut chunk = Vec::with_capacity(chunk_rows);
            while chunk.len() < chunk_rows {
                match csv.read_byte_record(&mut record) {
                    Ok(true) => {
                        number += 1;
                        chunk.push(csv_row(number, &record));
                    }
                    Ok(false) => break,
                    Err(e) => {
                        let _ = tx.send(Err(format!("{path}: row {}: {e}", number + 1)));
                        return;
                    }
                }
            }
            read.store(csv.position().byte(), Ordering::Relaxed);
            let last = chunk.len() < chunk_rows;
            if (!chunk.is_empty() && tx.send(Ok(chunk)).is_err()) || last {
                return;
            }
        }
    });
    Ok(Table { header, extent, chunks: rx, reader })
}

const NOT_UTF8: &str = "不是 UTF-8 文本（请另存为“CSV UTF-8”）/ not UTF-8 text (save the file as \"CSV UTF-8\")";

fn csv_row(number: u64, record: &csv::ByteRecord) -> Row {
    let mut row = Row::new(number, record.len());
    for (i, cell) in record.iter().enumerate() {
        match std::str::from_utf8(cell) {
            Ok(s) => row.push(s),
            Err(_) => {
                row.push("");
                row.unreadable.push((i, NOT_UTF8.to_owned()));
            }
        }
    }
    row
}

fn open_xlsx(path: &str, sheet: Option<&str>, chunk_rows: usize) -> Result<Table, String> {
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| format!("{path}: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_owned(),
        Some(s) => return Err(format!("{path}: no sheet `{s}` (sheets: {})", names.join(", "))),
        None => names.first().cloned().ok_or_else(|| format!("{path}: the workbook has no sheet"))?,
    };
    // The cell reader borrows the workbook, so both live on the reading
    // thread; the header comes back first through its own channel.
    let (header_tx, header_rx) = sync_channel(1);
    let (tx, rx) = sync_channel(CHUNKS_AHEAD);
    let failed = format!("{path}: could not read the sheet");
    let path = path.to_owned();
    let reader = std::thread::spawn(move || {
        let mut cells = match book.worksheet_cells_reader(&name) {
            Ok(c) => c,
            Err(e) => {
                let _ = header_tx.send(Err(format!("{path}: sheet `{name}`: {e}")));
                return;
            }
        };
        let dims = cells.dimensions();
        let mut rows = XlsxRows { current: None, done: false };
        let header = match rows.next(&mut cells) {
            Ok(Some(h)) => h,
            Ok(None) => {
                let _ = header_tx.send(Err(format!("{path}: sheet `{name}` is empty")));
                return;
            }
            Err(e) => {
                let _ = header_tx.send(Err(format!("{path}: sheet `{name}`: {e}")));
                return;
            }
        };
        let header_row = header.number;
        let expected = u64::from(dims.end.0).saturating_sub(header_row - 1);
        let header_cells = header.cells().map(str::to_owned).collect::<Vec<_>>();
        if header_tx.send(Ok((header_cells, expected))).is_err() {
            return;
        }
        loop {
            let mut chunk = Vec::with_capacity(chunk_rows);
            while chunk.len() < chunk_rows {
                match rows.next(&mut cells) {
                    Ok(Some(row)) => chunk.push(row),
                    Ok(None) => break,
                    Err(e) => {
                        let _ = tx.send(Err(format!("{path}: sheet `{name}`: {e}")));
                        return;
                    }
                }
            }
            let last = chunk.len() < chunk_rows;
            if (!chunk.is_empty() && tx.send(Ok(chunk)).is_err()) || last {
                return;
            }
        }
    });
    let (header, expected_rows) = header_rx.recv().map_err(|_| failed)??;
    let header = header.into_iter().map(|h| h.trim().to_owned()).collect();
    Ok(Table { header, extent: Extent::Rows(expected_rows), chunks: rx, reader })
}

/// Groups the cell stream (row by row, empty cells left out) into rows.
struct XlsxRows {
    current: Option<Row>,
    done: bool,
}

impl XlsxRows {
    fn next<R: std::io::Read + std::io::Seek>(&mut self, cells: &mut calamine::XlsxCellReader<'_, R>) -> Result<Option<Row>, String> {
        while !self.done {
            let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? else {
                self.done = true;
                break;
            };
            let (r, c) = cell.get_position();
            let text = cell_text(cell.get_value());
            let number = u64::from(r) + 1;
            let finished = match &self.current {
                Some(row) if row.number != number => self.current.replace(new_row(number)),
                Some(_) => None,
                None => {
                    self.current = Some(new_row(number));
                    None
                }
            };
            // Cells come left to right; the empty ones in between are left out.
            if let Some(row) = self.current.as_mut().filter(|_| !text.is_empty()) {
                while row.len() < c as usize {
                    row.push("");
                }
                if row.len() == c as usize {
                    row.push(&text);
                }
            }
            if let Some(row) = finished.filter(|r| !r.is_blank()) {
                return Ok(Some(row));
            }
        }
        Ok(self.current.take().filter(|r| !r.is_blank()))
    }
}

fn new_row(number: u64) -> Row {
    Row::new(number, 16)
}

/// A cell as the text a person would have typed: whole numbers without a
/// decimal point, other numbers in their shortest exact decimal form (an
/// amount typed as 1200.5 reads "1200.5"), dates as YYYY-MM-DD.
fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}

/// The spreadsheet letter of a column: 0 → A, 26 → AA.
pub fn letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}
