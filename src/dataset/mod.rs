//! Dataset files: decoding, validation, the edition sidecar, export, and synthetic data for
//! benchmarks.

mod decode;
mod export;
mod meta;
mod read;
mod report;
mod row;
mod scan;
pub mod signature;
pub mod synthetic;

use std::path::Path;

pub use decode::{TextEncoding, decode};
pub use export::{CsvEncoding, EncodedCsv, csv_bytes, guard, unguard, write_csv};
pub use meta::DatasetMeta;
pub use read::{MAX_CELL_CHARS, Parsed, parse, parse_each};
pub use report::{Problem, Report, Severity};

use crate::{Error, Result};

/// The largest dataset file read, in bytes. Osaka's catalogue is under 1 MB, and a national
/// catalogue of 100,000 resources is 50–62 MB; a file larger than this is a mistake (or
/// `/dev/zero`). Import and validation read rows one at a time, but an update holds every row
/// to compare editions (several times the file's size in memory), so this also keeps an office
/// PC's memory safe.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a dataset file, refusing one larger than [`MAX_FILE_BYTES`] before it is read (and a
/// stream that never ends after that many bytes).
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let too_large = || Error::TooLarge {
        path: path.to_owned(),
        limit: MAX_FILE_BYTES,
    };
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large());
    }
    // Sized from the file's length up front: grown by doubling, a large edition's buffer was
    // copied and its fresh pages zeroed several times over (a tenth of an import's first thread).
    // One byte more lets the read see the end without growing; a file that grows while it is
    // read still grows the buffer, up to the limit.
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads and validates a file without keeping its rows (`Parsed::resources` stays empty): the
/// report and the number of rows, in the memory of one row at a time. What `validate` needs.
pub fn check_file(path: &Path) -> Result<(Parsed, usize)> {
    let bytes = read_file(path)?;
    let mut rows = 0;
    let parsed = parse_each(&path.display().to_string(), &bytes, |_, _| rows += 1);
    Ok((parsed, rows))
}

/// A dataset file read and validated, with its edition metadata.
#[derive(Debug)]
pub struct Dataset {
    /// The rows and everything validation found.
    pub parsed: Parsed,
    /// The sidecar, when there is one.
    pub meta: Option<DatasetMeta>,
}

impl Dataset {
    /// Reads and validates a file, and its sidecar if present. Only I/O failures are errors here;
    /// problems in the data are in [`Dataset::report`].
    pub fn load(path: &Path) -> Result<Dataset> {
        let bytes = read_file(path)?;
        let label = path.display().to_string();
        Ok(Dataset {
            parsed: parse(&label, &bytes),
            meta: DatasetMeta::find_for(path)?,
        })
    }

    /// The dataset bundled with the program: the real Osaka catalogue a new database starts from.
    pub fn bundled() -> Dataset {
        const CSV: &str = include_str!("../../data/resources.csv");
        const META: &str = include_str!("../../data/dataset.json");
        Dataset {
            parsed: parse("data/resources.csv", CSV.as_bytes()),
            meta: serde_json::from_str(META).ok(),
        }
    }

    /// Reads and validates bytes already read from `path` (its sidecar is looked up beside it).
    /// `update` uses this so the bytes whose signature was checked are the bytes imported.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Dataset> {
        Ok(Dataset {
            parsed: parse(&path.display().to_string(), bytes),
            meta: DatasetMeta::find_for(path)?,
        })
    }

    /// Names the edition when the person importing gives it (overriding the sidecar's label).
    pub fn set_edition(&mut self, edition: Option<String>) {
        DatasetMeta::name_edition(&mut self.meta, edition);
    }

    /// The validation report.
    pub fn report(&self) -> &Report {
        &self.parsed.report
    }
}
