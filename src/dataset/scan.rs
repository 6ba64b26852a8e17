//! The passes over a whole dataset file made before its rows are read: where each line starts
//! (to name the line of a row in a report) and where a quoted field never closes.

/// Where each physical line starts, so a record's byte offset names the line a person sees in
/// an editor: LF, CRLF and a lone CR each end a line, and blank lines count (the CSV reader's
/// own line counter does neither reliably).
pub(super) struct Lines(Vec<usize>);

impl Lines {
    pub(super) fn of(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // Jumps from line break to line break: a national edition is tens of megabytes, read
        // before the first row can be imported.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Lines(starts)
    }

    /// The 1-based line where the record the CSV reader says starts at byte `offset` really
    /// starts: the reader's offset can point at the line break before it (after a CRLF) or at
    /// blank lines it skipped.
    pub(super) fn at(&self, text: &str, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX);
        let bytes = text.as_bytes();
        while matches!(bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        self.0.partition_point(|&start| start <= offset) as u64
    }
}

/// The line on which a quoted field opens and never closes, if any. The csv crate silently takes
/// the rest of the file as that field; a publisher needs to be told where the quote is.
pub(super) fn unterminated_quote_line(text: &str) -> Option<u64> {
    // Quotes, commas and line breaks are ASCII, and no byte of a multi-byte UTF-8 character is:
    // the scan jumps from quote to quote over the bytes (the whole file is scanned before the
    // first row is imported).
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        // Outside a quoted field: a quote opens one only at the start of a field.
        let open = at + memchr::memchr(b'"', &bytes[at..])?;
        at = open + 1;
        if open > 0 && !matches!(bytes[open - 1], b',' | b'\n' | b'\r') {
            continue;
        }
        // Inside: a doubled quote is a quote; a single one closes the field.
        loop {
            let Some(quote) = memchr::memchr(b'"', &bytes[at..]) else {
                return Some(line_at(bytes, open));
            };
            at += quote + 1;
            if bytes.get(at) == Some(&b'"') {
                at += 1;
            } else {
                break;
            }
        }
    }
}

/// The 1-based line (counting line feeds) that byte `offset` of a file is on.
pub(super) fn line_at(bytes: &[u8], offset: usize) -> u64 {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_scanner_finds_the_opening_line() {
        assert_eq!(unterminated_quote_line("a,b\n\"x\ny\",z\n"), None);
        assert_eq!(unterminated_quote_line("a,b\n1,\"x\"\"y\n2,3\n"), Some(2));
        assert_eq!(unterminated_quote_line("a,b\n1,x\"y\n"), None);
    }

    /// The scans over the whole file find what a character-by-character reading finds, for
    /// every short text of quotes, separators, line breaks and other characters.
    #[test]
    fn the_whole_file_scans_agree_with_a_reading_char_by_char() {
        fn unterminated_by_chars(text: &str) -> Option<u64> {
            let mut line = 1u64;
            let mut open_line = None;
            let mut at_field_start = true;
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                match (open_line.is_some(), c) {
                    (true, '"') => {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                        } else {
                            open_line = None;
                        }
                    }
                    (false, '"') if at_field_start => open_line = Some(line),
                    _ => {}
                }
                if c == '\n' {
                    line += 1;
                }
                at_field_start = open_line.is_none() && matches!(c, ',' | '\n' | '\r');
            }
            open_line
        }
        fn lines_by_chars(text: &str) -> Vec<usize> {
            let bytes = text.as_bytes();
            let mut starts = vec![0];
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    starts.push(i + 1);
                }
            }
            starts
        }
        let alphabet = ['a', ',', '"', '\n', '\r', 'あ'];
        let mut text = String::new();
        for len in 0..=7u32 {
            for mut n in 0..alphabet.len().pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                assert_eq!(
                    unterminated_quote_line(&text),
                    unterminated_by_chars(&text),
                    "{text:?}"
                );
                assert_eq!(Lines::of(&text).0, lines_by_chars(&text), "{text:?}");
            }
        }
    }
}
