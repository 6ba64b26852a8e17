//! Turning the bytes of a dataset file into text. Japanese open data arrives as UTF-8 (with or
//! without BOM), Shift_JIS (in practice Windows' CP932) or UTF-16 from spreadsheet exports; the
//! publisher should not have to say which.

use std::borrow::Cow;

use encoding_rs::{Encoding, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE};
use serde::Serialize;

use super::scan::line_at;

/// The encoding a file was found to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum TextEncoding {
    /// UTF-8 without BOM.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// Shift_JIS / CP932.
    ShiftJis,
    /// UTF-16 little-endian.
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
}

impl TextEncoding {
    /// A short name for reports.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM付き)",
            TextEncoding::ShiftJis => "Shift_JIS",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Why a file could not be turned into text; `line` is 1-based, where the bad bytes are.
#[derive(Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Line of the first undecodable bytes (1 when unknown).
    pub line: u64,
    /// Japanese explanation.
    pub message: String,
}

/// Decodes `bytes`, detecting the encoding from a BOM, then by trying UTF-8, UTF-16 (by the pattern
/// of zero bytes) and Shift_JIS in that order. Never guesses past an invalid byte: a file that is
/// none of these is an error, not mojibake in the catalogue. UTF-8 (the usual case) is borrowed,
/// not copied: a large file is then in memory once.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let kind = if enc == UTF_8 {
            TextEncoding::Utf8Bom
        } else if enc == UTF_16LE {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        };
        return strict(enc, &bytes[bom_len..], kind);
    }
    // Checked with SIMD first: a large catalogue is tens of megabytes of multi-byte text, and
    // this check runs before anything else of an import can start. Only a file that fails it
    // is checked again by the standard library, to say where and how.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), TextEncoding::Utf8));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((Cow::Borrowed(text), TextEncoding::Utf8)),
        Err(e) if e.error_len().is_none() && looks_like_utf8_prefix(bytes) => {
            // A file cut off in the middle of a multi-byte character: report it as truncated
            // UTF-8 rather than trying Shift_JIS on it.
            return Err(DecodeError {
                line: line_at(bytes, e.valid_up_to()),
                message: "ファイルの末尾で UTF-8 の文字が途中で切れています".into(),
            });
        }
        Err(_) => {}
    }
    if let Some(kind) = utf16_without_bom(bytes) {
        let enc = if kind == TextEncoding::Utf16Le {
            UTF_16LE
        } else {
            UTF_16BE
        };
        return strict(enc, bytes, kind);
    }
    strict(SHIFT_JIS, bytes, TextEncoding::ShiftJis).map_err(|e| DecodeError {
        line: first_bad_utf8_line(bytes).unwrap_or(e.line),
        message: "文字コードを判別できません（UTF-8、Shift_JIS、UTF-16 に対応しています）".into(),
    })
}

fn strict<'a>(
    enc: &'static Encoding,
    bytes: &'a [u8],
    kind: TextEncoding,
) -> Result<(Cow<'a, str>, TextEncoding), DecodeError> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((text, kind)),
        None => {
            // Find where it breaks so the message can name a line.
            let mut decoder = enc.new_decoder_without_bom_handling();
            let capacity = decoder
                .max_utf8_buffer_length_without_replacement(bytes.len())
                .unwrap_or(bytes.len() * 3);
            let mut out = String::with_capacity(capacity);
            let _ = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
            let line = out.matches('\n').count() as u64 + 1;
            Err(DecodeError {
                line,
                message: format!("{} として読めない文字があります", kind.label()),
            })
        }
    }
}

fn looks_like_utf8_prefix(bytes: &[u8]) -> bool {
    // Mostly valid UTF-8 with multi-byte characters: the error is only at the very end.
    bytes.iter().any(|b| *b >= 0xE0)
}

fn first_bad_utf8_line(bytes: &[u8]) -> Option<u64> {
    std::str::from_utf8(bytes)
        .err()
        .map(|e| line_at(bytes, e.valid_up_to()))
}

/// UTF-16 without a BOM shows itself by zero bytes in every other position for ASCII text (the
/// header's `ID` and commas), which neither UTF-8 text nor Shift_JIS ever has.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let zeros_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    if zeros_odd * 4 > pairs && zeros_even == 0 {
        Some(TextEncoding::Utf16Le)
    } else if zeros_even * 4 > pairs && zeros_odd == 0 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ID,名称\nx,大阪ダルク\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(TEXT.as_bytes()).unwrap(),
            (TEXT.into(), TextEncoding::Utf8)
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&bom).unwrap(), (TEXT.into(), TextEncoding::Utf8Bom));
    }

    #[test]
    fn shift_jis() {
        let (bytes, _, _) = SHIFT_JIS.encode(TEXT);
        assert_eq!(
            decode(&bytes).unwrap(),
            (TEXT.into(), TextEncoding::ShiftJis)
        );
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let units: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&units);
        assert_eq!(
            decode(&with_bom).unwrap(),
            (TEXT.into(), TextEncoding::Utf16Le)
        );
        assert_eq!(
            decode(&units).unwrap(),
            (TEXT.into(), TextEncoding::Utf16Le)
        );
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend_from_slice(&be);
        assert_eq!(
            decode(&be_bom).unwrap(),
            (TEXT.into(), TextEncoding::Utf16Be)
        );
    }

    #[test]
    fn garbage_is_an_error_with_a_line() {
        let mut bytes = b"ID,name\nok,ok\n".to_vec();
        bytes.extend_from_slice(&[0x82, 0xA0, 0xFF, 0xFF, 0x81]);
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("文字コード"));
    }
}
