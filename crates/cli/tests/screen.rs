//! `minsheng screen`, run as a bureau would run it: registry files in,
//! result files, a summary and an exit status out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn minsheng(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minsheng"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        use std::io::Write;
        let mut input = input;
        input.write_all(text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minsheng-screen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A CSV as header → value maps, one per row.
fn read_csv(data: &[u8]) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(data);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    r.records().map(|rec| header.iter().cloned().zip(rec.unwrap().iter().map(str::to_owned)).collect()).collect()
}

fn by(rows: &[HashMap<String, String>], column: &str, value: &str) -> HashMap<String, String> {
    rows.iter().find(|r| r[column] == value).unwrap_or_else(|| panic!("no row with {column} = {value}")).clone()
}

const EXAMPLE: &str = "docs/examples/registry.csv";

#[test]
fn the_example_registry_gives_known_amounts_and_refuses_its_bad_rows() {
    let dir = scratch("example");
    let (out, summary) = (dir.join("results.csv"), dir.join("summary.csv"));
    let run = minsheng(&["screen", "--date", "2025-03-01", "--out", s(&out), "--summary", s(&summary), "--progress", EXAMPLE], None);
    let err = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "two rows are refused: {err}");
    assert!(err.contains(&format!("{EXAMPLE}: row 10, column C (age): 请输入0到120之间的整数 / Enter a whole number from 0 to 120")), "{err}");
    assert!(err.contains(&format!("{EXAMPLE}: row 11, column E (hukou):")) && err.contains("no option `town`"), "{err}");
    assert!(err.contains("10 rows, "), "progress: {err}");
    assert!(err.contains("2 of 10 rows refused"), "{err}");

    let rows = read_csv(&std::fs::read(&out).unwrap());
    assert_eq!(rows.len(), 10);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["R001", "R002", "R003", "R004", "R005", "R006", "R007", "R008", "R009", "R010"], "in input order");

    // A 66-year-old urban resident in the resident pension.
    let r = by(&rows, "id", "R001");
    assert_eq!((r["name"].as_str(), r["row"].as_str()), ("张桂兰", "2"));
    assert!(r["applies"].contains("城乡居民基础养老金 ¥118.00 元/月"), "{}", r["applies"]);
    assert_eq!((r["per_month"].as_str(), r["per_year"].as_str(), r["one_off"].as_str()), ("118.00", "1416.00", "0.00"));
    assert_eq!(r["error"], "");

    // The disabled serviceman, grade 3, on duty, also a discharged soldier.
    let r = by(&rows, "id", "R004");
    assert!(r["applies"].contains("残疾军人抚恤金 ¥6,030.00 元/月"), "{}", r["applies"]);
    assert!(r["applies"].contains("自主就业退役士兵一次性经济补助 ¥20,250.00 元（一次性）"), "{}", r["applies"]);
    assert_eq!((r["per_month"].as_str(), r["per_year"].as_str(), r["one_off"].as_str()), ("6148.00", "73776.00", "20250.00"));

    // A 低保 holder: the gap for three members, 765 × 3 − 900.
    let r = by(&rows, "id", "R005");
    assert!(r["applies"].contains("最低生活保障（低保） ¥1,395.00 元/月"), "{}", r["applies"]);
    assert_eq!(r["per_month"], "1395.00");

    // Applying for 低保: the office approves, so it only may apply, uncounted.
    let r = by(&rows, "id", "R007");
    assert!(r["may_apply"].contains("最低生活保障（低保） ¥1,094.50 元/月（如获批准；低保须经区民政局审核"), "{}", r["may_apply"]);
    assert_eq!(r["per_month"], "0.00");

    // A retiree's pension rise has no figure in the plan.
    let r = by(&rows, "id", "R003");
    assert_eq!((r["set_locally"].as_str(), r["per_month"].as_str()), ("1", "0.00"));

    let r = by(&rows, "id", "R009");
    assert_eq!((r["applies"].as_str(), r["per_month"].as_str()), ("", ""));
    assert_eq!(r["error"], "C (age): 请输入0到120之间的整数 / Enter a whole number from 0 to 120");
    assert!(by(&rows, "id", "R010")["error"].starts_with("E (hukou): “户籍类型”没有“town”这个选项"));

    let sum = read_csv(&std::fs::read(&summary).unwrap());
    let line = by(&sum, "entitlement", "basic-pension");
    // 118 + 118 + 121 (over 80) + 118.
    assert_eq!((line["applies"].as_str(), line["per_month"].as_str(), line["per_year"].as_str()), ("4", "475.00", "5700.00"));
    let line = by(&sum, "entitlement", "disabled-serviceman");
    assert_eq!((line["applies"].as_str(), line["per_month"].as_str(), line["per_year"].as_str()), ("1", "6030.00", "72360.00"));
    let line = by(&sum, "entitlement", "minimum-living");
    assert_eq!((line["applies"].as_str(), line["may_apply"].as_str(), line["per_month"].as_str()), ("1", "1", "1395.00"));
    let line = by(&sum, "entitlement", "total");
    assert_eq!((line["rows"].as_str(), line["per_month"].as_str(), line["one_off"].as_str()), ("8", "10235.00", "20250.00"));
    assert_eq!(by(&sum, "entitlement", "refused")["rows"], "2");
    std::fs::remove_dir_all(&dir).ok();
}

/// The example registry as a workbook typed the way people type: numbers as
/// numbers, the discharge date as a date cell.
fn example_as_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let rows = read_csv(&std::fs::read(root().join(EXAMPLE)).unwrap());
    let header: Vec<String> = csv::Reader::from_path(root().join(EXAMPLE)).unwrap().headers().unwrap().iter().map(str::to_owned).collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("居民").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, h) in header.iter().enumerate() {
            let (r, c, v) = (r as u32 + 1, c as u16, row[h].as_str());
            if v.is_empty() {
                continue;
            }
            if h == "discharge_date" {
                let d = ExcelDateTime::parse_from_str(v).unwrap();
                sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
            } else if let Ok(n) = v.parse::<f64>() {
                sheet.write_number(r, c, n).unwrap();
            } else {
                sheet.write_string(r, c, v).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_registry_round_trips_to_an_xlsx_result() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = scratch("xlsx");
    let (input, out) = (dir.join("registry.xlsx"), dir.join("results.xlsx"));
    example_as_xlsx(&input);
    let run = minsheng(&["screen", "--date", "2025-03-01", "--sheet", "居民", "--lang", "en", "--out", s(&out), s(&input)], None);
    let err = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("row 10, column C (age)"), "{err}");

    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let range = book.worksheet_range("results").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<Vec<Data>> = rows.map(<[Data]>::to_vec).collect();
    assert_eq!(rows.len(), 10);
    let row = |id: &str| rows.iter().find(|r| r[col("id")] == Data::String(id.into())).unwrap().clone();
    // Amounts are number cells; two decimals, exact to the fen.
    let money = |r: &[Data], name: &str| match &r[col(name)] {
        Data::Float(f) => format!("{f:.2}"),
        other => panic!("{name}: not a number: {other:?}"),
    };
    let r = row("R001");
    assert!(r[col("applies")].to_string().contains("Resident basic pension ¥118.00 / month"), "{:?}", r[col("applies")]);
    assert_eq!(money(&r, "per_month"), "118.00");
    // The discharge date came from a date cell: the lump sum needs it.
    let r = row("R004");
    assert!(r[col("applies")].to_string().contains("Disability pension for disabled servicemen ¥6,030.00 / month"));
    assert_eq!((money(&r, "per_month"), money(&r, "one_off")), ("6148.00".into(), "20250.00".into()));
    // The income 1200.50 came as the number 1200.5.
    assert!(row("R007")[col("may_apply")].to_string().contains("¥1,094.50 / month (if granted;"));
    assert_eq!(row("R009")[col("error")].to_string(), "C (age): 请输入0到120之间的整数 / Enter a whole number from 0 to 120");
    std::fs::remove_dir_all(&dir).ok();
}

const HEADER: &str = "id,age,hukou,pension_scheme,situations,assistance_kind,household_members,household_income,note";

#[test]
fn bad_rows_are_reported_by_row_and_column_and_the_rest_are_evaluated() {
    let dir = scratch("bad");
    let input = dir.join("bad.csv");
    std::fs::write(
        &input,
        format!(
            "{HEADER}\n\
             A1,66,urban,resident,-,,,,first\n\
             A2,abc,urban,resident,-,,,,age is not a number\n\
             A3,66,urban,resident,military;pilot,,,,no such situation\n\
             A4,66,urban,resident,assistance,dibao,3,-5,a negative income\n\
             A5,66,urban,resident,-,,,,last\n"
        ),
    )
    .unwrap();
    let summary = dir.join("summary.csv");
    let run = minsheng(&["screen", "--date", "2025-03-01", "--summary", s(&summary), s(&input)], None);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    let file = s(&input);
    for expected in [
        format!("{file}: row 3, column B (age): 请输入0到120之间的整数 / Enter a whole number from 0 to 120"),
        format!("{file}: row 4, column E (situations): “以下哪些情况适用于您？（可多选）”没有“pilot”这个选项 / Which of these apply to you? (choose any) has no option `pilot`"),
        format!("{file}: row 5, column H (household_income): 金额不能为负数 / The amount cannot be negative"),
    ] {
        assert!(err.contains(&expected), "missing `{expected}` in\n{err}");
    }
    let rows = read_csv(&run.stdout);
    assert_eq!(rows.len(), 5);
    for id in ["A1", "A5"] {
        let r = by(&rows, "id", id);
        assert_eq!((r["per_month"].as_str(), r["error"].as_str()), ("118.00", ""), "{id}");
    }
    assert_eq!(by(&rows, "id", "A5")["note"], "last", "other columns are carried through");
    assert!(by(&rows, "id", "A3")["error"].starts_with("E (situations):"));
    assert_eq!(by(&rows, "id", "A4")["per_month"], "");
    let sum = read_csv(&std::fs::read(&summary).unwrap());
    assert_eq!(by(&sum, "entitlement", "refused")["rows"], "3");
    assert_eq!(by(&sum, "entitlement", "basic-pension")["applies"], "2");
    std::fs::remove_dir_all(&dir).ok();
}

/// "1200,50" is a decimal comma (1200.50 where a comma is the decimal
/// sign), never 120050. The screen passes every cell to the engine's
/// `parse_input`, which today drops every comma and reads 120050; this test
/// states what it must do and runs once the engine refuses the decimal comma.
#[test]
fn a_decimal_comma_income_is_refused_with_row_and_column() {
    let input = format!("{HEADER}\nB1,40,urban,employee_working,assistance,dibao_applying,3,\"1200,50\",decimal comma\n");
    let run = minsheng(&["screen", "--date", "2025-03-01", "-"], Some(&input));
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stdout));
    assert!(text(&run.stderr).contains("-: row 2, column H (household_income): "), "{}", text(&run.stderr));
    assert!(by(&read_csv(&run.stdout), "id", "B1")["error"].starts_with("H (household_income): "));
}

#[test]
fn an_empty_cell_is_unanswered_and_a_dash_is_none_of_these() {
    let input = format!("{HEADER}\nC1,66,urban,resident,,,,,empty\nC2,66,urban,resident,-,,,,dash\n");
    let run = minsheng(&["screen", "--date", "2025-03-01", "--lang", "en", "-"], Some(&input));
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let rows = read_csv(&run.stdout);
    let empty = by(&rows, "id", "C1");
    assert!(empty["may_apply"].contains("Disability pension for disabled servicemen (missing: situations, military_roles, serviceman_grade, serviceman_cause)"), "{}", empty["may_apply"]);
    // Nothing waits for the situations any more; only the one question the file leaves out.
    assert_eq!(by(&rows, "id", "C2")["may_apply"], "Government subsidy for resident medical insurance (missing: medical_insurance)");
    for id in ["C1", "C2"] {
        assert_eq!(by(&rows, "id", id)["per_month"], "118.00");
    }
}

#[test]
fn usage_and_file_errors_exit_with_2() {
    let no_file = minsheng(&["screen", "docs/examples/no-such-registry.csv"], None);
    assert_eq!(no_file.status.code(), Some(2));
    assert!(text(&no_file.stderr).contains("docs/examples/no-such-registry.csv"), "{}", text(&no_file.stderr));

    let no_question = minsheng(&["screen", "-"], Some("id,name\n1,张三\n"));
    assert_eq!(no_question.status.code(), Some(2));
    assert!(text(&no_question.stderr).contains("no column is named by a question id"));

    let twice = minsheng(&["screen", "-"], Some("age,hukou,age\n66,urban,67\n"));
    assert_eq!(twice.status.code(), Some(2));
    assert!(text(&twice.stderr).contains("row 1, column C (age): the question `age` is named twice"));

    let out = minsheng(&["screen", "--out", "results.ods", EXAMPLE], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--out results.ods: expected a .csv or .xlsx file name"));

    assert_eq!(minsheng(&["screen"], None).status.code(), Some(2));
}
