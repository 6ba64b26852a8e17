//! What validation found: every problem with its file, line and column, errors apart from warnings.

use std::fmt;

use serde::Serialize;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Severity {
    /// The file cannot be imported while this stands.
    Error,
    /// Worth fixing, but the file can be imported.
    Warning,
}

/// One problem in a dataset file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// 1-based line where the record (or the header) starts.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line: u64,
    /// The column's header as written in the file, or `-` for the file as a whole.
    pub column: String,
    /// What is wrong, in Japanese.
    pub message: String,
}

/// All problems found in one file, in file order.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Report {
    /// The file name shown in front of every line.
    pub file: String,
    /// The problems, in the order found (by line).
    pub problems: Vec<Problem>,
    /// Problems found beyond [`MAX_KEPT`] of their severity: counted, not kept (a file with a
    /// million bad cells must not print a million lines or hold them in memory).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub omitted_errors: u64,
    /// Warnings found beyond [`MAX_KEPT`].
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub omitted_warnings: u64,
    /// Kept problems per severity (errors, warnings), so the cap costs nothing per problem.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    kept: (usize, usize),
}

/// Problems of one severity kept in a report; the rest are only counted.
pub const MAX_KEPT: usize = 1_000;

impl Report {
    /// A report for `file` with no problems yet.
    pub fn new(file: impl Into<String>) -> Report {
        Report {
            file: file.into(),
            problems: Vec::new(),
            omitted_errors: 0,
            omitted_warnings: 0,
            kept: (0, 0),
        }
    }

    /// Records an error.
    pub fn error(&mut self, line: u64, column: &str, message: impl Into<String>) {
        self.push(Severity::Error, line, column, message.into());
    }

    /// Records a warning.
    pub fn warning(&mut self, line: u64, column: &str, message: impl Into<String>) {
        self.push(Severity::Warning, line, column, message.into());
    }

    fn push(&mut self, severity: Severity, line: u64, column: &str, message: String) {
        let (kept, omitted) = match severity {
            Severity::Error => (&mut self.kept.0, &mut self.omitted_errors),
            Severity::Warning => (&mut self.kept.1, &mut self.omitted_warnings),
        };
        if *kept >= MAX_KEPT {
            *omitted += 1;
            return;
        }
        *kept += 1;
        self.problems.push(Problem {
            severity,
            line,
            column: column.to_owned(),
            message,
        });
    }

    /// The errors, in line order.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The warnings, in line order.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }

    /// Whether the file can be imported.
    pub fn has_errors(&self) -> bool {
        // Counted as they are pushed: streaming import asks after every row.
        self.kept.0 > 0 || self.omitted_errors > 0
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.errors().count() + self.omitted_errors as usize
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.warnings().count() + self.omitted_warnings as usize
    }

    /// Sorts problems by line, keeping the order within a line, so a report reads top to bottom
    /// even when whole-file checks (such as duplicate IDs) are made after the rows.
    pub fn sort(&mut self) {
        self.problems.sort_by_key(|p| p.line);
    }

    /// One problem formatted as `FILE:LINE: column: message`.
    pub fn format(&self, p: &Problem) -> String {
        format!("{}:{}: {}: {}", self.file, p.line, p.column, p.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in self.errors() {
            writeln!(f, "{}", self.format(p))?;
        }
        for p in self.warnings() {
            writeln!(f, "{}", self.format(p))?;
        }
        Ok(())
    }
}
