//! Parentheses: whether each one is read inline, states closures, or is a side remark to skip.

/// Paren groups: for each char, whether it lies in a parenthesis and how that parenthesis reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Paren {
    None,
    /// Read like the text around it.
    Inline,
    /// States closures: 除く, 休, 応相談.
    Closure,
    /// A side remark to skip: 受付は22:00まで, 会場: …, 2014年時点, 広報紙記事.
    Drop,
}

/// Words that make a parenthesis a side remark (受付は22:00まで, 会場: …, 2014年時点, 広報紙記事,
/// 広報ねやがわ 令和6年3月号). A parenthesis that states a closure is never skipped.
pub(super) const REMARKS: [&str; 12] = [
    "受付",
    "受け付",
    "会場",
    "時点",
    "資料",
    "記事",
    "ページ",
    "掲載",
    "場所",
    "広報",
    "月号",
    "出典",
];

pub(super) fn paren_kinds(chars: &[char]) -> Vec<Paren> {
    let mut kinds = vec![Paren::None; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let close = (chars[i] == '(')
            .then(|| chars[i + 1..].iter().position(|&c| c == ')'))
            .flatten();
        let Some(len) = close else {
            i += 1;
            continue;
        };
        let inner: String = chars[i + 1..i + 1 + len].iter().collect();
        let kind = if ["除", "休", "応相談"].iter().any(|w| inner.contains(w)) {
            Paren::Closure
        } else if REMARKS.iter().any(|w| inner.contains(w)) {
            Paren::Drop
        } else {
            Paren::Inline
        };
        for k in kinds.iter_mut().skip(i).take(len + 2) {
            *k = kind;
        }
        i += len + 2;
    }
    kinds
}
