//! Text normalisation shared by indexing and querying, so both sides fold the same way.
//!
//! Counsellors type fast and inexactly, and the data comes from many publishers: ﾀﾞﾙｸ from a
//! half-width source, だるく typed in hiragana, リカバリーハウス against リカバリハウス, 髙 against 高.
//! Everything that should compare equal is folded to one form here.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::text::plain_nfkc;

/// Folds width (NFKC), case, katakana to hiragana, voiced/small-kana variants, long-vowel marks and
/// dashes, iteration marks and common old kanji forms.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`], appended to `out`: a resource's values are normalised into one string.
pub fn normalize_into(text: &str, out: &mut String) {
    // Most text a catalogue holds is NFKC already but for full-width letters, digits and spaces
    // (kanji, kana, ASCII, （）, ０-９): such text is mapped character by character,
    // which costs a fraction of the quick check's table lookups and far less than composing.
    if text.chars().all(|c| plain_nfkc(c).is_some()) {
        fold_into(text.chars().filter_map(plain_nfkc), out);
    } else if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        fold_into(text.chars(), out);
    } else {
        fold_into(text.nfkc(), out);
    }
}

/// Folds `chars` onto the end of `out`; what `out` held before is not looked at (an iteration
/// mark at the start of a value repeats nothing).
fn fold_into(chars: impl Iterator<Item = char>, out: &mut String) {
    let start = out.len();
    for c in chars {
        // Lower case, as `char::to_lowercase`, without its table for the characters that have
        // no case.
        if c.is_ascii() || ('\u{3000}'..='\u{9fff}').contains(&c) {
            fold_one(c.to_ascii_lowercase(), out, start);
        } else {
            for lower in c.to_lowercase() {
                fold_one(lower, out, start);
            }
        }
    }
}

/// Folds one character onto `out`, whose text from byte `start` is the value being folded.
fn fold_one(c: char, out: &mut String, start: usize) {
    let c = fold_char(c);
    let prev = |out: &String| out[start..].chars().next_back();
    match c {
        // Iteration marks repeat the previous character (人々 → 人人, いすゞ → いすず).
        '々' | 'ゝ' => {
            if let Some(prev) = prev(out) {
                out.push(prev);
            }
        }
        'ゞ' => {
            if let Some(prev) = prev(out) {
                out.push(voiced(prev));
            }
        }
        // A long-vowel mark after kana is dropped: リカバリー and リカバリ are the same word to
        // the person typing. Between digits it is a phone-number dash (06-6922 → 066922);
        // elsewhere it separates words.
        'ー' => {
            if !prev(out).is_some_and(|p| is_kana(p) || p.is_ascii_digit()) {
                out.push(' ');
            }
        }
        _ => out.push(c),
    }
}

/// Whether a character is hiragana (after folding, katakana never remains).
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

fn fold_char(c: char) -> char {
    let c = match c {
        // Katakana ァ..ヶ → hiragana ぁ..ゖ
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        '\u{30FD}' => 'ゝ',
        '\u{30FE}' => 'ゞ',
        _ => c,
    };
    match c {
        '‐' | '‑' | '–' | '—' | '―' | '−' | '-' | '~' | '〜' | '～' => 'ー',
        // Small kana read like their full-size forms in names (リカバリィ, ヴィ…), and ヶ/ヵ are
        // written variants of け/か.
        'ぁ' => 'あ',
        'ぃ' => 'い',
        'ぅ' => 'う',
        'ぇ' => 'え',
        'ぉ' => 'お',
        'ゃ' => 'や',
        'ゅ' => 'ゆ',
        'ょ' => 'よ',
        'ゎ' => 'わ',
        'っ' => 'つ',
        'ゕ' => 'か',
        'ゖ' => 'け',
        // ぢ/じ and づ/ず sound the same; people type the common one.
        'ぢ' => 'じ',
        'づ' => 'ず',
        'ゔ' => 'ぶ',
        // Old and variant kanji common in names and addresses.
        '髙' => '高',
        '﨑' | '嵜' => '崎',
        '德' => '徳',
        '邊' | '邉' => '辺',
        '濱' => '浜',
        '澤' => '沢',
        '齋' | '齊' => '斎',
        '國' => '国',
        '櫻' => '桜',
        '廣' => '広',
        '條' => '条',
        '學' => '学',
        '會' => '会',
        '藥' => '薬',
        '醫' => '医',
        '縣' => '県',
        '圓' => '円',
        '檜' => '桧',
        '龍' => '竜',
        '實' => '実',
        '眞' => '真',
        '惠' => '恵',
        '曾' => '曽',
        // Variant kanji that people and IMEs put in place names interchangeably: 大坂 is how
        // 大阪 was written until the Meiji era and what おおさか often converts to.
        '坂' => '阪',
        '嶋' | '嶌' => '島',
        '舘' => '館',
        '冨' => '富',
        '槇' => '槙',
        'ヶ' => 'け',
        'ヵ' => 'か',
        // Middle dots and similar separators are spaces.
        '・' | '･' | '、' | '。' | '，' | '．' | '「' | '」' | '『' | '』' | '（' | '）' | '('
        | ')' | '【' | '】' | '/' | '／' | ',' | '.' | ':' | ';' | '!' | '?' | '"' | '\'' => ' ',
        c if c.is_control() => ' ',
        c => c,
    }
}

fn voiced(c: char) -> char {
    // か..と and は..ほ have their voiced form at the next code point.
    match c {
        'か' | 'き' | 'く' | 'け' | 'こ' | 'さ' | 'し' | 'す' | 'せ' | 'そ' | 'た' | 'ち'
        | 'つ' | 'て' | 'と' | 'は' | 'ひ' | 'ふ' | 'へ' | 'ほ' => {
            char::from_u32(c as u32 + 1).unwrap_or(c)
        }
        _ => c,
    }
}

/// Character n-grams of a normalised text: bigrams of every run of non-space characters, and the
/// run itself when it is a single character. Japanese has no spaces between words, so grams are
/// how partial matches are found.
pub fn bigrams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in text.split_whitespace() {
        let chars: Vec<char> = run.chars().collect();
        if chars.len() == 1 {
            out.push(run.to_owned());
        }
        for w in chars.windows(2) {
            out.push(w.iter().collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the fast paths must equal: NFKC, then lower case, then the folds.
    fn by_definition(text: &str) -> String {
        let mut out = String::new();
        for c in text.nfkc().flat_map(char::to_lowercase) {
            fold_one(c, &mut out, 0);
        }
        out
    }

    #[test]
    fn the_fast_paths_fold_as_the_definition_does() {
        let samples = [
            "ﾀﾞﾙｸ 大阪ＤＡＲＣ（だるく）",
            "か\u{3099}き\u{309a}ABCｱｲｳ①㈱℡",
            "İstanbul ΣΑΣ Ǆ ﬁ 々人々 いすゞ ヴィ ヶ月",
            "06-6922-1234 〜 ～ ― ー リカバリー",
            "大阪ＤＡＲＣ（だるく）　ＴＥＬ：０６－６９２２　ｅｍａｉｌ＠ｘ．ｊｐ〈受付〉",
        ];
        let synthetic = crate::dataset::synthetic::csv(300, 7);
        for text in samples.iter().copied().chain(synthetic.lines()) {
            assert_eq!(normalize(text), by_definition(text), "{text}");
        }
        // Every character of the BMP outside the surrogates, alone and after a letter.
        for u in (0u32..0xD800).chain(0xE000..0x10000) {
            let c = char::from_u32(u).unwrap();
            for text in [c.to_string(), format!("a{c}")] {
                assert_eq!(normalize(&text), by_definition(&text), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn width_case_and_script_fold_together() {
        assert_eq!(normalize("ﾀﾞﾙｸ"), normalize("ダルク"));
        assert_eq!(normalize("ダルク"), "だるく");
        assert_eq!(normalize("ＤＡＲＣ"), "darc");
    }

    #[test]
    fn long_vowels_small_kana_and_variants() {
        assert_eq!(normalize("リカバリーハウス"), normalize("リカバリハウス"));
        assert_eq!(normalize("センター"), normalize("センタ"));
        assert_eq!(normalize("ヶ丘"), normalize("ケ丘"));
        assert_eq!(normalize("四條畷"), normalize("四条畷"));
        assert_eq!(normalize("髙槻"), "高槻");
        assert_eq!(normalize("大坂"), normalize("大阪"));
        assert_eq!(normalize("中嶋"), normalize("中島"));
        assert_eq!(normalize("人々"), "人人");
        assert_eq!(normalize("いすゞ"), "いすず");
        assert_eq!(normalize("キャ"), normalize("キヤ"));
        assert_eq!(normalize("06-6922-3475"), "0669223475");
    }

    #[test]
    fn grams() {
        assert_eq!(bigrams("だるく"), ["だる", "るく"]);
        assert_eq!(bigrams("大 阪府"), ["大", "阪府"]);
        assert!(bigrams("").is_empty());
    }
}
