//! Terminal output: Japanese-aware column alignment, and making dataset text inert.

use unicode_width::UnicodeWidthStr;

/// Makes untrusted dataset text safe to print: control characters (escape sequences could rewrite
/// the terminal) and bidirectional or zero-width format characters (they can make a name read
/// as something else) are replaced by a visible `�`; line breaks become spaces.
pub fn inert(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Display width in terminal cells (full-width characters count two).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Pads `text` with spaces to `cells` terminal cells, cutting it with `…` when it is wider.
pub fn pad(text: &str, cells: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if width(text) > cells {
        for c in text.chars() {
            let w = width(c.encode_utf8(&mut [0; 4]));
            if used + w + 1 > cells {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    } else {
        out.push_str(text);
        used = width(text);
    }
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_removes_escapes_and_bidi() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(inert("x\u{202E}y"), "x\u{FFFD}y");
        assert_eq!(inert("一\n二"), "一 二");
    }

    #[test]
    fn pad_counts_full_width_as_two() {
        assert_eq!(pad("大阪", 6), "大阪  ");
        assert_eq!(width(&pad("大阪府こころの健康総合センター", 10)), 10);
    }
}
