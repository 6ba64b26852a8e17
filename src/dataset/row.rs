//! A CSV record's cells as text, checked to be UTF-8 once per record.

/// One record's cells as text.
///
/// `csv::StringRecord` checks a record that is not all ASCII (a Japanese one never is) cell by
/// cell with the standard library's validator: forty calls a row, a seventh of reading it. The
/// file was already checked whole when it was decoded, so here the record is checked once, as
/// one slice, with SIMD ([`simdutf8`]), and each cell is cut from it on character boundaries.
pub(super) struct Row<'r> {
    record: &'r csv::ByteRecord,
    text: &'r str,
}

impl<'r> Row<'r> {
    /// The record as text; `None` when it is not UTF-8 or a cell does not start and end on a
    /// character (which a record cut from decoded text never does).
    pub(super) fn of(record: &'r csv::ByteRecord) -> Option<Row<'r>> {
        let text = simdutf8::basic::from_utf8(record.as_slice()).ok()?;
        let whole = (0..record.len()).all(|i| {
            record
                .range(i)
                .is_some_and(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        });
        whole.then_some(Row { record, text })
    }

    /// Cell `i`, `None` past the last.
    pub(super) fn get(&self, i: usize) -> Option<&'r str> {
        self.text.get(self.record.range(i)?)
    }

    /// How many cells the record has.
    pub(super) fn len(&self) -> usize {
        self.record.len()
    }

    /// The cells in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<csv::ByteRecord> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .byte_records()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn cells_are_the_string_readers_cells() {
        let text = "ID,名称,説明\nr1,\"大阪,ダルク\",\"「薬」と\"\"家族\"\"\n改行\"\n,,\u{3000}\n";
        let strings: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        let bytes = records(text);
        assert_eq!(strings.len(), bytes.len());
        for (s, b) in strings.iter().zip(&bytes) {
            let row = Row::of(b).unwrap();
            assert_eq!(row.len(), s.len());
            assert_eq!(row.iter().collect::<Vec<_>>(), s.iter().collect::<Vec<_>>());
            assert_eq!(row.get(s.len()), None);
        }
    }

    #[test]
    fn a_record_that_is_not_utf8_is_refused() {
        let mut record = csv::ByteRecord::new();
        record.push_field("大阪".as_bytes());
        record.push_field(b"\xff");
        assert!(Row::of(&record).is_none());
        // Whole characters overall, but a cell cut inside one.
        let mut split = csv::ByteRecord::new();
        let bytes = "阪".as_bytes();
        split.push_field(&bytes[..1]);
        split.push_field(&bytes[1..]);
        assert!(Row::of(&split).is_none());
    }
}
