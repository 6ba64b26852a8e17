//! Text normalisation shared by indexing and querying, so both sides fold the same way.

use unicode_normalization::UnicodeNormalization;

/// Folds width (NFKC), case, and katakana to hiragana, and unifies long-vowel marks and dashes,
/// so ﾀﾞﾙｸ, ダルク and だるく compare equal.
pub fn normalize(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // Katakana ァ..ヶ → hiragana ぁ..ゖ
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            '‐' | '‑' | '–' | '—' | '―' | '−' | '－' | 'ｰ' | '-' => 'ー',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_case_and_script_fold_together() {
        assert_eq!(normalize("ﾀﾞﾙｸ"), normalize("ダルク"));
        assert_eq!(normalize("ダルク"), "だるく");
        assert_eq!(normalize("ＤＡＲＣ"), "darc");
    }
}
