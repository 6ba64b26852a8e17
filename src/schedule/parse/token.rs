//! Tokens: what the lexer reads out of schedule text, and the character-level helpers it needs
//! (normalising the text, telling which 月/日/金 really are weekdays).

use super::super::Minutes;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    /// A weekday (0 = Monday), only where the text really names one (月曜, 月・水・金, 月～金).
    Wd(u8),
    /// 平日.
    Workdays,
    /// 土日.
    Weekend,
    /// 土日祝.
    WeekendHol,
    /// 祝日, 祝.
    Holiday,
    /// 年末年始, 12/29.
    YearEnd,
    /// 365日, 年中無休.
    AllDays,
    /// 毎日: a day phrase only when hours follow (毎日どこかで is not a schedule).
    Everyday,
    /// 毎月.
    EveryMonth,
    /// 第1・第3, 第1~4: bit n-1 per week.
    Ordinals(u8),
    /// 最終.
    Last,
    /// N日 (day of the month).
    DayOfMonth(u8),
    /// N月 (a month; with a following N日 a one-off date).
    Month(u8),
    /// 月N回, 毎月N回: fine before a rule with that many weeks (毎月1回(第3水曜日)), else irregular.
    PerMonth(u8),
    /// 翌日.
    NextDay,
    /// A time of day; `explicit` when 午前/午後 was written for it.
    Clock { at: Minutes, explicit: bool },
    /// An hour whose unit comes after the range: the 1 of 午後1~5時.
    Bare(Minutes),
    /// N時間.
    Duration(u16),
    /// ~, -, から, より.
    Range,
    /// まで.
    Until,
    /// ・、,/と.
    Sep,
    /// 隔週, 年18回, 不定期, 奇数月, one-off dates… a recurrence this grammar does not represent.
    Vague,
    /// 休診, 休館, 定休日: what follows are closures.
    Closed,
    /// 除く, 応相談: what comes just before is a closure.
    Exclude,
    /// 予約制, 要予約.
    Reserve,
    /// 予約不要.
    NoReserve,
    /// 。 ; and line breaks.
    SentenceEnd,
    /// Anything else.
    Other,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) tok: Tok,
    /// Inside a parenthesis that states closures: （祝日・年末年始を除く）.
    pub(super) closed: bool,
    /// Inside a parenthesis at all (its own 除く cannot reach outside it).
    pub(super) in_paren: bool,
}

pub(super) const WEEKDAY_CHARS: [char; 7] = ['月', '火', '水', '木', '金', '土', '日'];

pub(super) fn weekday_index(c: char) -> Option<u8> {
    WEEKDAY_CHARS.iter().position(|&w| w == c).map(|i| i as u8)
}

/// NFKC (full-width digits and colons, ～ to ~), one tilde and one hyphen, and kanji ordinals.
pub(super) fn normalise(text: &str) -> Vec<char> {
    let mut out: Vec<char> = crate::text::nfkc(text)
        .chars()
        .map(|c| match c {
            '〜' | '∼' | '~' => '~',
            '‐' | '‑' | '–' | '—' | '−' | '―' | '－' => '-',
            '（' => '(',
            '）' => ')',
            '\r' => '\n',
            c => c,
        })
        .collect();
    for i in 1..out.len() {
        if matches!(out[i - 1], '第' | '・' | '、' | ',' | '~') || (i >= 2 && out[i - 2] == '第')
        {
            // 第一, 第一・三, 第1~四 — kanji numerals only in ordinal position.
            let digit = match out[i] {
                '一' => Some('1'),
                '二' => Some('2'),
                '三' => Some('3'),
                '四' => Some('4'),
                '五' => Some('5'),
                _ => None,
            };
            let in_ordinal = out[..i].iter().rev().take(6).any(|&c| c == '第');
            if let (Some(d), true) = (digit, in_ordinal) {
                out[i] = d;
            }
        }
    }
    out
}

/// Marks the weekday characters that really name weekdays. 月, 日 and 金 are also month, day and
/// money, so a bare character counts only when 曜 follows, when it is listed with another weekday
/// (月・水・金, 月～金, 土、日), after 毎週, or standing alone before a time (土 9:00-17:00).
pub(super) fn weekday_positions(chars: &[char]) -> Vec<bool> {
    let n = chars.len();
    // After a digit, 月 and 日 are a month and a day (3月, 10日) unless 曜 follows (第3日曜).
    let is_candidate = |i: usize| {
        i < n
            && weekday_index(chars[i]).is_some()
            && (chars.get(i + 1) == Some(&'曜')
                || !(i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '毎')))
    };
    // Index after the weekday char and an optional 曜 / 曜日.
    let after_day = |i: usize| {
        let mut j = i + 1;
        if j < n && chars[j] == '曜' {
            j += 1;
            if j < n && chars[j] == '日' {
                j += 1;
            }
        }
        j
    };
    let joiner_len = |j: usize| -> usize {
        if j >= n {
            return 0;
        }
        match chars[j] {
            '・' | '、' | ',' | '~' | '-' | 'と' | '/' => 1,
            'か' if j + 1 < n && chars[j + 1] == 'ら' => 2,
            _ => 0,
        }
    };
    let mut marked = vec![false; n];
    for i in 0..n {
        if !is_candidate(i) {
            continue;
        }
        let j = after_day(i);
        let strong = i + 1 < n && chars[i + 1] == '曜';
        let listed_next = {
            let k = joiner_len(j);
            k > 0 && is_candidate(j + k)
        };
        let after_every_week = i >= 2 && chars[i - 2] == '毎' && chars[i - 1] == '週';
        let alone_before_time = {
            let starts = i == 0
                || chars[i - 1].is_whitespace()
                || matches!(chars[i - 1], '。' | ';' | ':' | '\n');
            let mut k = j;
            while k < n && chars[k].is_whitespace() {
                k += 1;
            }
            let digits_start = k;
            while k < n && chars[k].is_ascii_digit() {
                k += 1;
            }
            let timeish = k > digits_start && k < n && matches!(chars[k], ':' | '時');
            starts && (k >= n || timeish)
        };
        if strong || listed_next || after_every_week || alone_before_time {
            marked[i] = true;
            if listed_next {
                marked[j + joiner_len(j)] = true;
            }
        }
    }
    marked
}
