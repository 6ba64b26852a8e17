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

#[cfg(test)]
mod tests {
    use super::*;

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
