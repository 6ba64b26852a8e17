//! The one rule for text that enters the catalogue: dataset cells, the user's own resources,
//! notes, and what a counsellor types onto a sheet. It is applied once, where text enters, so
//! the CLI, the app and the PDF all receive the same clean text.
//!
//! Japanese text never needs control characters (other than a line break or a tab) or format
//! characters, and those are exactly what an attacker uses: an escape sequence rewrites a
//! terminal, U+202E (right-to-left override) makes `gnp.exe` read as `exe.png`, a zero-width
//! space inside 覚醒剤 hides a record from search, tag characters smuggle invisible text.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Whether a character is removed from text entering the catalogue: every control character
/// but line feed and tab, every format character (Unicode category Cf: bidi controls, zero-width
/// characters, the byte order mark, U+061C, tag characters, soft hyphen…), and the invisible
/// fillers that are letters only by category (Hangul fillers, the combining grapheme joiner).
///
/// Variation selectors stay: Japanese uses ideographic variation sequences for kanji variants
/// (葛󠄀), and private-use characters stay for the same reason (外字 in municipal data).
pub fn is_unwanted(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => true,
        // Printable ASCII and the CJK block (kana, kanji; the Hangul filler is above) hold no
        // control or format character: most of a dataset is decided without the category
        // table, which was the largest cost of reading a large file.
        ' '..='~' | '\u{3000}'..='\u{9FFF}' => false,
        c => matches!(
            c.general_category(),
            GeneralCategory::Control | GeneralCategory::Format
        ),
    }
}

/// Cleans text as it enters: CRLF, CR and the Unicode line and paragraph separators become a
/// line feed, and every [unwanted](is_unwanted) character is removed. Nothing else changes
/// (no trimming, no normalisation), so a clean cell round-trips exactly.
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_unwanted(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether [`clean`] would change the text (a report warns when it does).
pub fn is_clean(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c == '\r' || c == '\u{2028}' || c == '\u{2029}' || is_unwanted(c))
}

/// `text` trimmed and cut to at most `max` characters, with `…` when cut: for places with room
/// for a line or two (a PDF cell, a diff line).
pub fn cut(text: &str, max: usize) -> String {
    let trimmed = text.trim();
    if trimmed.chars().count() > max {
        let mut cut: String = trimmed.chars().take(max).collect();
        cut.push('…');
        cut
    } else {
        trimmed.to_owned()
    }
}

/// NFKC of a cell or a header: width folded (０６ → 06) before a value is checked. Text of
/// characters that are NFKC on their own ([`plain_nfkc`]) is mapped one by one; composing and
/// decomposing (a tenth of reading a large file, for cells that are almost always ASCII) is left
/// to the rest.
pub fn nfkc(text: &str) -> String {
    if text.is_ascii() {
        text.to_owned()
    } else if text.chars().all(|c| plain_nfkc(c).is_some()) {
        text.chars().filter_map(plain_nfkc).collect()
    } else {
        text.nfkc().collect()
    }
}

/// NFKC of the characters that make up most of a Japanese catalogue, each on its own: ASCII,
/// kana, the CJK punctuation without decompositions and the unified kanji are left as they are,
/// the full-width forms of ASCII and the ideographic space become ASCII. None of them composes
/// with its neighbour (a combining voiced mark is not among them), so a text of these alone is
/// NFKC character by character. `None` for every other character.
pub fn plain_nfkc(c: char) -> Option<char> {
    match c {
        '\0'..='\u{7f}'
        | '\u{3001}'..='\u{3011}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fc}'
        | '\u{4e00}'..='\u{9fff}' => Some(c),
        '\u{3000}' => Some(' '),
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfkc_is_unicodes_on_every_path() {
        for raw in [
            "06-6647-0451",
            "０６－６６４７－０４５１",
            "大阪市\u{3000}北区",
            "ﾀﾞﾙｸ",
            "か\u{3099}",
            "①㈱ｶﾌﾞｼｷ",
            "",
        ] {
            assert_eq!(nfkc(raw), raw.nfkc().collect::<String>(), "{raw}");
        }
        assert_eq!(nfkc("か\u{3099}"), "が");
        assert_eq!(nfkc("０６"), "06");
    }

    #[test]
    fn removes_controls_and_invisible_format_characters() {
        assert_eq!(clean("a\u{1b}[2Jb\u{7}"), "a[2Jb");
        for c in [
            '\u{202E}',
            '\u{200B}',
            '\u{2066}',
            '\u{061C}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
            '\u{3164}',
            '\u{115F}',
            '\u{200D}',
            '\u{034F}',
        ] {
            assert_eq!(clean(&format!("覚{c}醒剤")), "覚醒剤", "U+{:04X}", c as u32);
            assert!(!is_clean(&format!("覚{c}醒剤")));
        }
    }

    #[test]
    fn the_fast_ranges_agree_with_the_category_table() {
        for c in (' '..='~').chain('\u{3000}'..='\u{9FFF}') {
            let table = matches!(
                c.general_category(),
                GeneralCategory::Control | GeneralCategory::Format
            );
            assert_eq!(
                is_unwanted(c),
                table || c == '\u{3164}',
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn keeps_what_japanese_text_uses() {
        let text = "大阪ダルク\t（毎週）\n葛\u{E0100}城　ｶﾅ ①";
        assert_eq!(clean(text), text);
        assert!(is_clean(text));
    }

    #[test]
    fn unifies_line_breaks() {
        assert_eq!(clean("一\r\n二\r三\u{2028}四"), "一\n二\n三\n四");
    }

    #[test]
    fn cut_trims_and_marks_the_cut() {
        assert_eq!(cut("  大阪府  ", 10), "大阪府");
        assert_eq!(cut("あいうえお", 3), "あいう…");
    }
}
