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
///
/// Every cell of a dataset is checked, so the characters most cells are made of are passed by
/// their bytes without decoding them: printable ASCII, and the three-byte characters from
/// U+3000 to U+9FFF (lead bytes E3 to E9: kana, kanji, CJK punctuation) but the Hangul filler.
/// The rest are decoded and judged by [`is_unwanted`].
pub fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        at += match b {
            b' '..=b'~' | b'\n' | b'\t' => 1,
            0xE3..=0xE9 if bytes.get(at..at + 3) != Some("\u{3164}".as_bytes()) => 3,
            // `at` is always where a character starts: the steps above are whole characters.
            _ => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) if !unclean(c) => c.len_utf8(),
                _ => return false,
            },
        };
    }
    true
}

/// What [`clean`] changes: a carriage return or Unicode line separator, or an unwanted
/// character.
fn unclean(c: char) -> bool {
    c == '\r' || c == '\u{2028}' || c == '\u{2029}' || is_unwanted(c)
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
/// the unified kanji and the kana and CJK punctuation of `CJK_PLAIN` are left as they are;
/// the full-width forms of ASCII and the ideographic space become ASCII. None of them composes
/// with its neighbour (a combining voiced mark is not among them), so a text of these alone is
/// NFKC character by character. `None` for every other character.
pub fn plain_nfkc(c: char) -> Option<char> {
    // Called for every character of every value an import indexes: the CJK block is one range
    // test and one bit, not a test per range.
    let u = c as u32;
    match u {
        0..=0x7f | 0x4e00..=0x9fff => Some(c),
        0x3000 => Some(' '),
        0x3001..=0x30ff => {
            let i = (u - 0x3000) as usize;
            (CJK_PLAIN[i / 64] >> (i % 64) & 1 == 1).then_some(c)
        }
        0xff01..=0xff5e => char::from_u32(u - 0xfee0),
        _ => None,
    }
}

/// Which characters from U+3000 to U+30FF are NFKC on their own and never compose (bit `n` is
/// U+3000 + `n`): the CJK punctuation and marks U+3001–U+301F and U+3030–U+3035 (〒, 〜, the
/// brackets, the repeat marks), hiragana
/// U+3041–U+3096 and katakana U+30A1–U+30FC. Left out: the combining and spacing voiced marks,
/// and the few with compatibility decompositions.
const CJK_PLAIN: [u64; 4] = {
    let ranges: [(usize, usize); 4] = [(0x01, 0x1f), (0x30, 0x35), (0x41, 0x96), (0xa1, 0xfc)];
    let mut bits = [0u64; 4];
    let mut r = 0;
    while r < ranges.len() {
        let mut i = ranges[r].0;
        while i <= ranges[r].1 {
            bits[i / 64] |= 1 << (i % 64);
            i += 1;
        }
        r += 1;
    }
    bits
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level shortcuts of `is_clean` agree with judging every character, alone and
    /// between kanji, for every character there is.
    #[test]
    fn is_clean_judges_every_character_as_unclean_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(is_clean(&alone), !unclean(c), "{:04X}", c as u32);
            let between = format!("薬{c}物");
            assert_eq!(is_clean(&between), !unclean(c), "{:04X}", c as u32);
        }
    }

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
        // Every character mapped on its own is its NFKC, alone and between others.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(plain) = plain_nfkc(c) {
                let text = format!("か{c}薬");
                assert_eq!(
                    nfkc(&text),
                    text.nfkc().collect::<String>(),
                    "{:04X}",
                    c as u32
                );
                assert_eq!(plain.to_string(), c.to_string().nfkc().collect::<String>());
            }
        }
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
