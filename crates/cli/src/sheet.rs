//! Writing result rows as CSV or as an .xlsx workbook, row by row.

use std::io::Write;

use minsheng_engine::rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One output cell. Money stays a `Decimal` up to the file: CSV writes its
/// two-decimal text, .xlsx a number cell shown with two decimals.
pub enum Cell {
    Text(String),
    Money(Decimal),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

pub fn money_text(d: Decimal) -> String {
    format!("{:.2}", d.round_dp_with_strategy(2, minsheng_engine::rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

pub enum Sink {
    Csv(Box<csv::Writer<Box<dyn Write + Send>>>),
    Xlsx(Box<XlsxSink>),
}

pub struct XlsxSink {
    path: String,
    book: Workbook,
    header: Vec<String>,
    sheets: usize,
    /// Next row on the current sheet (0 is its header).
    row: u32,
    money: Format,
    bold: Format,
}

/// Rows a worksheet holds, its header included.
const XLSX_MAX_ROWS: u32 = 1_048_576;

impl Sink {
    /// A CSV on stdout (`None`), or a file whose extension picks the format.
    pub fn create(out: Option<&str>) -> Result<Sink, String> {
        let Some(path) = out else {
            return Ok(Sink::Csv(Box::new(csv::Writer::from_writer(Box::new(std::io::BufWriter::new(std::io::stdout()))))));
        };
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".xlsx") {
            Ok(Sink::Xlsx(Box::new(XlsxSink {
                path: path.to_owned(),
                book: Workbook::new(),
                header: Vec::new(),
                sheets: 0,
                row: 0,
                money: Format::new().set_num_format("0.00"),
                bold: Format::new().set_bold(),
            })))
        } else if lower.ends_with(".csv") {
            let mut file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
            // A byte-order mark, so Excel opens the file as UTF-8 rather than GBK.
            file.write_all("\u{feff}".as_bytes()).map_err(|e| format!("{path}: {e}"))?;
            Ok(Sink::Csv(Box::new(csv::Writer::from_writer(Box::new(std::io::BufWriter::with_capacity(1 << 16, file))))))
        } else {
            Err(format!("--out {path}: expected a .csv or .xlsx file name"))
        }
    }

    pub fn header(&mut self, header: Vec<String>) -> Result<(), String> {
        match self {
            Sink::Csv(w) => w.write_record(&header).map_err(|e| e.to_string()),
            Sink::Xlsx(x) => {
                x.header = header;
                x.new_sheet().map_err(|e| x.error(e))
            }
        }
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), String> {
        match self {
            Sink::Csv(w) => {
                for c in cells {
                    match c {
                        Cell::Text(s) => w.write_field(s),
                        Cell::Money(d) => w.write_field(money_text(*d)),
                    }
                    .map_err(|e| e.to_string())?;
                }
                w.write_record(None::<&[u8]>).map_err(|e| e.to_string())
            }
            Sink::Xlsx(x) => x.row(cells).map_err(|e| x.error(e)),
        }
    }

    pub fn finish(self) -> Result<(), String> {
        match self {
            Sink::Csv(mut w) => w.flush().map_err(|e| e.to_string()),
            Sink::Xlsx(mut x) => {
                let path = x.path.clone();
                x.book.save(&path).map_err(|e| x.error(e))
            }
        }
    }
}

impl XlsxSink {
    fn error(&self, e: XlsxError) -> String {
        format!("{}: {e}", self.path)
    }

    /// A worksheet that writes its rows to a temporary file as they come,
    /// so memory stays flat; more rows than a sheet holds go on to the next.
    fn new_sheet(&mut self) -> Result<(), XlsxError> {
        self.sheets += 1;
        let name = if self.sheets == 1 { "results".to_owned() } else { format!("results {}", self.sheets) };
        let sheet = self.book.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        for (c, h) in self.header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &self.bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.row == XLSX_MAX_ROWS {
            self.new_sheet()?;
        }
        let sheet = self.book.worksheet_from_index(self.sheets - 1)?;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    sheet.write_string(self.row, c, s)?;
                }
                // The cell's number is the exact two-decimal amount as Excel
                // stores any number it shows; every sum was made in Decimal.
                Cell::Money(d) => {
                    let n: f64 = money_text(*d).parse().unwrap_or_default();
                    sheet.write_number_with_format(self.row, c, n, &self.money)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }
}
