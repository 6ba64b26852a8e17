//! Writing the catalogue back out as a dataset CSV that `import` reads unchanged.

use std::io::Write;

use crate::Result;
use crate::resource::{Field, Resource};

/// Writes resources as CSV: a UTF-8 BOM (so spreadsheet programs on Windows read the Japanese
/// correctly), the schema's columns in order, then the extra columns the data came with.
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
        .chain(extra_columns.iter().map(String::as_str));
    w.write_record(header)?;
    for r in resources {
        let row = Field::ALL.iter().map(|f| r.cell(*f)).chain(
            extra_columns
                .iter()
                .map(|c| r.extra.get(c).cloned().unwrap_or_default()),
        );
        w.write_record(row)?;
    }
    w.flush().map_err(|e| crate::Error::Write(e.to_string()))?;
    Ok(())
}
