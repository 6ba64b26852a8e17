//! Writing the catalogue back out as a dataset CSV that `import` reads unchanged.

use std::io::Write;

use crate::Result;
use crate::resource::{Field, Resource};

/// The characters that make a spreadsheet read a cell as a formula (`=HYPERLINK(…)`,
/// `=cmd|' /C calc'!A0`, `+`, `-`, `@`, and a leading tab or carriage return).
const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '|', '\t', '\r'];

/// A cell made inert for spreadsheets: one that would start a formula, or that already starts
/// with the apostrophe this adds, gets a leading `'` (the mark Excel itself uses for "text").
/// [`unguard`] removes it again on import, so export → import → export is exact.
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_START.contains(&c) || c == '\'' => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The cell [`guard`] was given: a leading `'` before a formula character (or before another
/// `'`) is removed. Anything else is left as written.
pub fn unguard(cell: &str) -> &str {
    let mut chars = cell.chars();
    match (chars.next(), chars.next()) {
        (Some('\''), Some(c)) if FORMULA_START.contains(&c) || c == '\'' => &cell[1..],
        _ => cell,
    }
}

/// Writes resources as CSV: a UTF-8 BOM (so spreadsheet programs on Windows read the Japanese
/// correctly), the schema's columns in order, then the extra columns the data came with. Every
/// cell is [guarded](guard), so a counsellor who opens the file in Excel never runs a formula
/// the dataset carried, and `import` reads the file back exactly.
pub fn write_csv<W: Write>(
    mut out: W,
    resources: &[Resource],
    extra_columns: &[String],
) -> Result<()> {
    out.write_all("\u{feff}".as_bytes())
        .map_err(|e| crate::Error::Write(e.to_string()))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let header = Field::ALL
        .iter()
        .map(|f| f.header())
        .chain(extra_columns.iter().map(String::as_str))
        .map(|h| guard(h).into_owned());
    w.write_record(header)?;
    for r in resources {
        let row = Field::ALL
            .iter()
            .map(|f| r.cell(*f))
            .chain(
                extra_columns
                    .iter()
                    .map(|c| r.extra.get(c).cloned().unwrap_or_default()),
            )
            .map(|cell| guard(&cell).into_owned());
        w.write_record(row)?;
    }
    w.flush().map_err(|e| crate::Error::Write(e.to_string()))?;
    Ok(())
}

/// How a CSV file is encoded for the program that will open it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8 with a BOM: what Excel 2016 and later open correctly by double-click, and what
    /// `import` reads exactly.
    #[default]
    Utf8,
    /// Shift_JIS (CP932), for older Excel. A character it cannot hold (☎, an emoji) is written
    /// as 〓, the mark Japanese text has long used for exactly that, and counted.
    ShiftJis,
}

/// A CSV file's bytes, and the characters its encoding could not hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EncodedCsv {
    /// The file.
    pub bytes: Vec<u8>,
    /// Characters replaced by 〓, in the order met (each once).
    pub replaced: Vec<char>,
    /// How many characters were replaced in all.
    pub replaced_count: usize,
}

/// The form Windows' Shift_JIS (CP932) has for a character Unicode spells two ways: text typed
/// on a Mac or taken from the web uses 〜 (U+301C) where Windows uses ～ (U+FF5E), and so on.
/// Without this, every 〜 in 9:00〜17:00 would be lost in an export for older Excel.
fn windows_31j_form(c: char) -> char {
    match c {
        '\u{301C}' => '\u{FF5E}', // 〜 wave dash → fullwidth tilde
        '\u{2016}' => '\u{2225}', // ‖ → ∥
        '\u{2014}' => '\u{2015}', // — em dash → horizontal bar
        '\u{00A2}' => '\u{FFE0}', // ¢
        '\u{00A3}' => '\u{FFE1}', // £
        '\u{00AC}' => '\u{FFE2}', // ¬
        c => c,
    }
}

/// The resources as CSV in the chosen encoding (CRLF line ends, formulas guarded).
pub fn csv_bytes(
    resources: &[Resource],
    extra_columns: &[String],
    encoding: CsvEncoding,
) -> Result<EncodedCsv> {
    let mut utf8 = Vec::new();
    write_csv(&mut utf8, resources, extra_columns)?;
    if encoding == CsvEncoding::Utf8 {
        return Ok(EncodedCsv {
            bytes: utf8,
            ..EncodedCsv::default()
        });
    }
    let text = String::from_utf8_lossy(&utf8);
    let mut out = EncodedCsv::default();
    let mut buf = [0u8; 4];
    let mut kept = String::with_capacity(text.len());
    for c in text
        .trim_start_matches('\u{feff}')
        .chars()
        .map(windows_31j_form)
    {
        let (_, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
        if unmappable {
            out.replaced_count += 1;
            if !out.replaced.contains(&c) {
                out.replaced.push(c);
            }
            kept.push('〓');
        } else {
            kept.push(c);
        }
    }
    out.bytes = encoding_rs::SHIFT_JIS.encode(&kept).0.into_owned();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_holds_japanese_and_refuses_what_it_cannot() {
        let mut r = Resource {
            id: "a1".into(),
            name: "大阪ダルク".into(),
            ..Resource::default()
        };
        let csv = csv_bytes(std::slice::from_ref(&r), &[], CsvEncoding::ShiftJis).unwrap();
        let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&csv.bytes);
        assert!(!bad && text.contains("大阪ダルク") && text.contains("\r\n"));
        assert_eq!(csv.replaced_count, 0);
        r.name = "9:00〜17:00 ‖ —".into();
        let csv = csv_bytes(std::slice::from_ref(&r), &[], CsvEncoding::ShiftJis).unwrap();
        let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&csv.bytes);
        assert!(!bad && text.contains("9:00～17:00"), "{text}");
        r.name = "🙂の会☎🙂".into();
        let csv = csv_bytes(&[r], &[], CsvEncoding::ShiftJis).unwrap();
        let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&csv.bytes);
        assert!(text.contains("〓の会〓〓"), "{text}");
        assert_eq!(
            (csv.replaced.as_slice(), csv.replaced_count),
            (&['🙂', '☎'][..], 3)
        );
    }

    #[test]
    fn formulas_are_guarded_and_unguarded_exactly() {
        for cell in [
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+1",
            "-",
            "@SUM(A1)",
            "|cmd",
            "\tx",
            "'=already",
            "'quoted",
            "''",
        ] {
            let g = guard(cell);
            assert!(g.starts_with('\''), "{cell:?} → {g:?}");
            assert_eq!(unguard(&g), cell);
        }
        for cell in ["大阪ダルク", "06-1234-5678", "", "a=b"] {
            assert_eq!(guard(cell), cell);
            assert_eq!(unguard(cell), cell);
        }
    }
}
