//! The schedule parser: normalise, cut the text into tokens, then read day and time phrases out of
//! the token stream one sentence at a time.
//!
//! The grammar is deliberately small. Day phrases (平日, 月～金, 毎週水・土・日, 第2・第4土曜日,
//! 毎月10日) start a rule; time phrases (9:00-17:45, 午後1時〜同5時, 13時から) attach to the day
//! phrase before them. Closures (（祝日・年末年始を除く）, 休診 日曜、祝日) are collected separately
//! and apply to every rule, because public pages state them once for the whole window. Words that
//! make a recurrence irregular (隔週, 年18回, 不定期, one-off dates) mark the schedule unparsed
//! instead of being approximated.

use unicode_normalization::UnicodeNormalization;

use super::{Days, Minutes, Rule, Schedule, Weekdays, Weeks};
use chrono::Weekday;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
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
struct Token {
    tok: Tok,
    /// Inside a parenthesis that states closures: （祝日・年末年始を除く）.
    closed: bool,
    /// Inside a parenthesis at all (its own 除く cannot reach outside it).
    in_paren: bool,
}

const WEEKDAY_CHARS: [char; 7] = ['月', '火', '水', '木', '金', '土', '日'];

fn weekday_index(c: char) -> Option<u8> {
    WEEKDAY_CHARS.iter().position(|&w| w == c).map(|i| i as u8)
}

/// NFKC (full-width digits and colons, ～ to ~), one tilde and one hyphen, and kanji ordinals.
fn normalise(text: &str) -> Vec<char> {
    let mut out: Vec<char> = text
        .nfkc()
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
fn weekday_positions(chars: &[char]) -> Vec<bool> {
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

/// Paren groups: for each char, whether it lies in a parenthesis and how that parenthesis reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paren {
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
const REMARKS: [&str; 12] = [
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

fn paren_kinds(chars: &[char]) -> Vec<Paren> {
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

/// Fixed words, longest first where one is a prefix of another.
const WORDS: &[(&str, Tok)] = &[
    ("年末年始", Tok::YearEnd),
    ("年中無休", Tok::AllDays),
    ("毎月末", Tok::Vague),
    ("月末", Tok::Vague),
    ("毎日", Tok::Everyday),
    ("毎週", Tok::Other),
    ("毎月", Tok::EveryMonth),
    ("隔週", Tok::Vague),
    ("隔月", Tok::Vague),
    ("不定期", Tok::Vague),
    ("随時", Tok::Vague),
    ("奇数月", Tok::Vague),
    ("偶数月", Tok::Vague),
    ("週末", Tok::Vague),
    ("いずれか", Tok::Vague),
    ("あるいは", Tok::Vague),
    ("または", Tok::Vague),
    ("もしくは", Tok::Vague),
    ("程度", Tok::Vague),
    ("別表", Tok::Vague),
    ("数回", Tok::Vague),
    ("土日祝日", Tok::WeekendHol),
    ("土日祝", Tok::WeekendHol),
    ("土日", Tok::Weekend),
    ("祝祭日", Tok::Holiday),
    ("祝日", Tok::Holiday),
    ("祭日", Tok::Holiday),
    ("休日", Tok::Holiday),
    ("祝", Tok::Holiday),
    ("平日", Tok::Workdays),
    ("翌日", Tok::NextDay),
    ("翌朝", Tok::NextDay),
    ("最終", Tok::Last),
    ("最後の", Tok::Last),
    ("休診", Tok::Closed),
    ("休館", Tok::Closed),
    ("休業", Tok::Closed),
    ("定休日", Tok::Closed),
    ("休み", Tok::Closed),
    ("応相談", Tok::Exclude),
    ("除", Tok::Exclude),
    ("予約不要", Tok::NoReserve),
    ("予約なし", Tok::NoReserve),
    ("予約無し", Tok::NoReserve),
    ("予約は不要", Tok::NoReserve),
    ("予約の必要はありません", Tok::NoReserve),
    ("予約", Tok::Reserve),
    ("申込不要", Tok::NoReserve),
    ("申込み不要", Tok::NoReserve),
    ("申し込み不要", Tok::NoReserve),
    ("申込", Tok::Reserve),
    ("申し込", Tok::Reserve),
    ("まで", Tok::Until),
    ("迄", Tok::Until),
    ("から", Tok::Range),
    ("より", Tok::Range),
    ("~", Tok::Range),
    ("-", Tok::Range),
    ("および", Tok::Sep),
    ("及び", Tok::Sep),
    ("・", Tok::Sep),
    ("、", Tok::Sep),
    (",", Tok::Sep),
    ("/", Tok::Sep),
    ("と", Tok::Sep),
    ("&", Tok::Sep),
    ("。", Tok::SentenceEnd),
    (";", Tok::SentenceEnd),
    ("\n", Tok::SentenceEnd),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

struct Lexer<'a> {
    chars: &'a [char],
    weekday: &'a [bool],
    i: usize,
    pending: Option<Meridiem>,
    last: Option<Meridiem>,
    same: bool,
}

impl Lexer<'_> {
    fn starts_with(&self, word: &str) -> bool {
        let mut rest = self.chars.get(self.i..).unwrap_or_default().iter();
        word.chars().all(|c| rest.next() == Some(&c))
    }

    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).copied()
    }

    fn digits_at(&self, k: usize) -> Option<(u32, usize)> {
        let mut end = k;
        let mut value: u32 = 0;
        while let Some(c) = self.at(end).filter(char::is_ascii_digit) {
            value = value
                .saturating_mul(10)
                .saturating_add(c as u32 - '0' as u32);
            end += 1;
        }
        (end > k).then_some((value, end))
    }

    fn clock(&mut self, hour: u32, minute: u32) -> Option<Tok> {
        if hour > 24 || minute > 59 || hour * 60 + minute > 1440 {
            return None;
        }
        let mer = self
            .pending
            .take()
            .or(if self.same { self.last } else { None });
        self.same = false;
        let mut h = hour;
        if mer == Some(Meridiem::Pm) && h < 12 {
            h += 12;
        }
        if mer.is_some() {
            self.last = mer;
        }
        Some(Tok::Clock {
            at: (h * 60 + minute) as Minutes,
            explicit: mer.is_some(),
        })
    }

    /// Reads the token at a digit.
    fn number(&mut self) -> Tok {
        let Some((n, mut k)) = self.digits_at(self.i) else {
            self.i += 1;
            return Tok::Other;
        };
        let next = self.at(k);
        let tok = match next {
            Some(':') => match self.digits_at(k + 1) {
                Some((m, end)) if end == k + 3 => {
                    k = end;
                    self.clock(n, m)
                }
                _ => None,
            },
            Some('/') => match self.digits_at(k + 1) {
                Some((d, end)) => {
                    k = end;
                    Some(if (n == 12 && d >= 28) || (n == 1 && d <= 4) {
                        Tok::YearEnd
                    } else {
                        Tok::Vague
                    })
                }
                None => None,
            },
            Some('時') if self.at(k + 1) == Some('間') => {
                k += 2;
                Some(Tok::Duration(n.min(u32::from(u16::MAX)) as u16))
            }
            Some('時') => {
                k += 1;
                let mut minute = 0;
                if let Some((m, end)) = self.digits_at(k).filter(|&(_, e)| self.at(e) == Some('分'))
                {
                    minute = m;
                    k = end + 1;
                } else if self.at(k) == Some('半') {
                    minute = 30;
                    k += 1;
                }
                self.clock(n, minute)
            }
            Some('日') => {
                k += 1;
                match n {
                    365 => Some(Tok::AllDays),
                    1..=31 => Some(Tok::DayOfMonth(n as u8)),
                    _ => None,
                }
            }
            Some('月') if (1..=12).contains(&n) => {
                k += 1;
                Some(Tok::Month(n as u8))
            }
            Some('回') => {
                k += 1;
                // 1回30分 is the length of a session, not how often it happens.
                match self.digits_at(k) {
                    Some((_, end)) if self.at(end) == Some('分') => {
                        k = end + 1;
                        Some(Tok::Other)
                    }
                    _ if self.i > 0 && self.at(self.i - 1) == Some('月') => {
                        Some(Tok::PerMonth(n.min(31) as u8))
                    }
                    _ => Some(Tok::Vague),
                }
            }
            Some('~' | '-') if n <= 24 => {
                // 午後1~5時: the hour's unit comes after the range.
                match self.digits_at(k + 1) {
                    Some((_, end)) if self.at(end) == Some('時') => {
                        let mer = self.pending.take();
                        if mer.is_some() {
                            self.last = mer;
                        }
                        let h = if mer == Some(Meridiem::Pm) && n < 12 {
                            n + 12
                        } else {
                            n
                        };
                        Some(Tok::Bare((h * 60) as Minutes))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        self.i = k;
        tok.unwrap_or(Tok::Other)
    }

    /// 第1・第3, 第2・4, 第1~4.
    fn ordinals(&mut self) -> Tok {
        let mut k = self.i + 1;
        let mut mask = 0u8;
        let mut prev: Option<u32> = None;
        let mut range = false;
        while let Some((n, end)) = self.digits_at(k) {
            if !(1..=5).contains(&n) {
                break;
            }
            match prev {
                Some(from) if range && n >= from => {
                    for w in from..=n {
                        mask |= 1 << (w - 1);
                    }
                }
                _ => mask |= 1 << (n - 1),
            }
            prev = Some(n);
            k = end;
            // A joiner (a list, or ~ for a range), an optional 第, then the next number.
            let Some(joiner) = self.at(k).filter(|c| matches!(c, '・' | '、' | ',' | '~')) else {
                break;
            };
            let after = if self.at(k + 1) == Some('第') {
                k + 2
            } else {
                k + 1
            };
            if self.digits_at(after).is_none() {
                break;
            }
            range = joiner == '~';
            k = after;
        }
        if mask == 0 {
            self.i += 1;
            return Tok::Other;
        }
        self.i = k;
        Tok::Ordinals(mask)
    }

    fn next(&mut self) -> Option<Tok> {
        let c = self.at(self.i)?;
        if c.is_ascii_digit() {
            return Some(self.number());
        }
        if c == '第' {
            return Some(self.ordinals());
        }
        if self.weekday[self.i] {
            let day = weekday_index(c).unwrap_or(0);
            self.i += 1;
            if self.at(self.i) == Some('曜') {
                self.i += 1;
                if self.at(self.i) == Some('日') {
                    self.i += 1;
                }
            }
            return Some(Tok::Wd(day));
        }
        for (word, mer) in [
            ("午前", Meridiem::Am),
            ("午後", Meridiem::Pm),
            ("夕方", Meridiem::Pm),
            ("朝", Meridiem::Am),
            ("夜", Meridiem::Pm),
        ] {
            if self.starts_with(word) {
                self.pending = Some(mer);
                self.i += word.chars().count();
                return Some(Tok::Other);
            }
        }
        if self.starts_with("正午") {
            self.i += 2;
            self.pending = None;
            return Some(Tok::Clock {
                at: 12 * 60,
                explicit: true,
            });
        }
        if c == '同' && self.at(self.i + 1).is_some_and(|c| c.is_ascii_digit()) {
            self.same = true;
            self.i += 1;
            return Some(Tok::Other);
        }
        for (word, tok) in WORDS {
            if self.starts_with(word) {
                self.i += word.chars().count();
                // 休診日 but not the 日 of 休診日曜.
                if *tok == Tok::Closed
                    && self.at(self.i) == Some('日')
                    && self.at(self.i + 1) != Some('曜')
                {
                    self.i += 1;
                }
                return Some(*tok);
            }
        }
        self.i += 1;
        Some(Tok::Other)
    }
}

fn tokens(text: &str) -> Vec<Token> {
    let spaced = normalise(text);
    let weekday_spaced = weekday_positions(&spaced);
    // Spaces separate nothing in Japanese prose (休 診, 毎週 水・土・日): drop them.
    let mut chars = Vec::with_capacity(spaced.len());
    let mut weekday = Vec::with_capacity(spaced.len());
    for (c, w) in spaced.iter().zip(weekday_spaced) {
        if c.is_whitespace() && *c != '\n' {
            continue;
        }
        chars.push(*c);
        weekday.push(w);
    }
    let parens = paren_kinds(&chars);
    let mut lexer = Lexer {
        chars: &chars,
        weekday: &weekday,
        i: 0,
        pending: None,
        last: None,
        same: false,
    };
    let mut out = Vec::new();
    loop {
        let start = lexer.i;
        let Some(tok) = lexer.next() else { break };
        let paren = parens.get(start).copied().unwrap_or(Paren::None);
        if matches!(chars.get(start), Some('(' | ')')) && paren != Paren::None {
            continue;
        }
        match paren {
            Paren::Drop => continue,
            _ if paren != Paren::None && tok == Tok::SentenceEnd => continue,
            _ => out.push(Token {
                tok,
                closed: paren == Paren::Closure,
                in_paren: paren != Paren::None,
            }),
        }
    }
    // 12月29日～1月3日 is the year-end closure written out.
    for i in 1..out.len() {
        if let (Tok::Month(m), Tok::DayOfMonth(d)) = (out[i - 1].tok, out[i].tok)
            && ((m == 12 && d >= 28) || (m == 1 && d <= 4))
        {
            out[i - 1].tok = Tok::YearEnd;
            out[i].tok = Tok::Other;
        }
    }
    out
}

/// What a closure phrase takes away, collected over the whole text.
#[derive(Default)]
struct Closures {
    days: u8,
    holidays: bool,
    year_end: bool,
    /// A closure this grammar cannot apply (8月は休み, 第5水曜日を除く): the text must be shown.
    irregular: bool,
}

impl Closures {
    fn take(&mut self, tok: Tok) {
        match tok {
            Tok::Wd(d) => self.days |= 1 << d,
            Tok::Weekend => self.days |= 0b110_0000,
            Tok::WeekendHol => {
                self.days |= 0b110_0000;
                self.holidays = true;
            }
            Tok::Holiday => self.holidays = true,
            Tok::YearEnd => self.year_end = true,
            Tok::Month(_) | Tok::DayOfMonth(_) | Tok::Ordinals(_) | Tok::Last | Tok::Vague => {
                self.irregular = true;
            }
            _ => {}
        }
    }
}

fn is_day_word(tok: Tok) -> bool {
    matches!(
        tok,
        Tok::Wd(_)
            | Tok::Weekend
            | Tok::WeekendHol
            | Tok::Holiday
            | Tok::YearEnd
            | Tok::Month(_)
            | Tok::DayOfMonth(_)
            | Tok::Ordinals(_)
            | Tok::Last
    )
}

/// Marks closure words: everything after 休診 in its sentence, and the day words just before a
/// 除く (祝日、年末年始を除く).
fn mark_closures(tokens: &mut [Token]) {
    let mut closing = false;
    for i in 0..tokens.len() {
        match tokens[i].tok {
            Tok::SentenceEnd | Tok::Clock { .. } => closing = false,
            // 休み and 除く close what comes just before them (土日祝日は休み); 休診 also what
            // follows (休診 日曜、祝日).
            Tok::Closed | Tok::Exclude if !tokens[i].in_paren => {
                closing |= tokens[i].tok == Tok::Closed;
                let mut k = i;
                while k > 0 {
                    k -= 1;
                    match tokens[k].tok {
                        t if is_day_word(t) => tokens[k].closed = true,
                        Tok::Sep | Tok::Range | Tok::Other | Tok::Until => {}
                        _ => break,
                    }
                }
            }
            t if closing && is_day_word(t) => tokens[i].closed = true,
            _ => {}
        }
    }
}

/// A time phrase, before it is attached to days.
#[derive(Clone, Copy, Debug)]
enum Time {
    /// start–end on the same day (end may be None: 13時から).
    Span(Option<Minutes>, Option<Minutes>),
    /// start on the day, to end on a later day: 金曜日13時から日曜日22時まで, 10日8:00~11日8:00.
    Across(Minutes, Later, Minutes),
}

#[derive(Clone, Copy, Debug)]
enum Later {
    NextDay,
    Weekday(u8),
    Date(u8),
}

#[derive(Debug)]
struct Spec {
    days: Days,
    times: Vec<Time>,
    /// Only 毎日 with nothing after it: not a schedule on its own.
    weak: bool,
    /// Named right after an irregular word (隔週火曜日): swallowed, never a rule.
    sink: bool,
    reservation: bool,
}

struct Sentence {
    specs: Vec<Spec>,
    orphans: Vec<Time>,
    reservation: bool,
    vague: bool,
}

fn weekly_group(toks: &[Tok], i: &mut usize) -> (u8, bool) {
    let mut mask = 0u8;
    let mut only_everyday = true;
    let mut prev_wd: Option<u8> = None;
    while let Some(&t) = toks.get(*i) {
        let bits = match t {
            Tok::Wd(d) => 1u8 << d,
            Tok::Workdays => Weekdays::WORKDAYS.0,
            Tok::Weekend | Tok::WeekendHol => 0b110_0000,
            Tok::Everyday | Tok::AllDays => Weekdays::ALL.0,
            _ => break,
        };
        if t != Tok::Everyday {
            only_everyday = false;
        }
        // 月～金: fill the range from the previous weekday.
        if let (Tok::Wd(to), Some(from)) = (t, prev_wd)
            && *i >= 1
            && toks[*i - 1] == Tok::Range
        {
            let mut d = from;
            while d != to {
                mask |= 1 << d;
                d = (d + 1) % 7;
            }
        }
        mask |= bits;
        prev_wd = if let Tok::Wd(d) = t { Some(d) } else { None };
        *i += 1;
        // Continue over a joiner only when another day word follows it.
        match (toks.get(*i), toks.get(*i + 1)) {
            (Some(Tok::Sep | Tok::Range), Some(next)) if starts_weekly(*next) => *i += 1,
            (Some(next), _) if starts_weekly(*next) => {}
            _ => break,
        }
    }
    (mask, only_everyday)
}

fn starts_weekly(t: Tok) -> bool {
    matches!(
        t,
        Tok::Wd(_) | Tok::Workdays | Tok::Weekend | Tok::WeekendHol | Tok::Everyday | Tok::AllDays
    )
}

/// Skips one filler token (の, に) between parts of a time phrase.
fn skip_filler(toks: &[Tok], k: usize) -> usize {
    if toks.get(k) == Some(&Tok::Other) {
        k + 1
    } else {
        k
    }
}

fn time_phrase(toks: &[Tok], i: &mut usize) -> Option<Time> {
    let at = |k: usize| toks.get(k).copied();
    match at(*i)? {
        Tok::Clock { at: start, .. } | Tok::Bare(start) => {
            *i += 1;
            if at(*i) == Some(Tok::Until) {
                *i += 1;
                return Some(Time::Span(None, Some(start)));
            }
            if at(*i) != Some(Tok::Range) {
                return Some(Time::Span(Some(start), None));
            }
            let k = skip_filler(toks, *i + 1);
            if let Some(Tok::Clock { at: end, explicit }) = at(k) {
                *i = k + 1;
                return Some(same_day(start, end, explicit));
            }
            let later = match at(k) {
                Some(Tok::NextDay) => Some(Later::NextDay),
                Some(Tok::Wd(d)) => Some(Later::Weekday(d)),
                Some(Tok::DayOfMonth(d)) => Some(Later::Date(d)),
                _ => None,
            };
            if let Some(later) = later {
                let k2 = skip_filler(toks, k + 1);
                if let Some(Tok::Clock { at: end, .. }) = at(k2) {
                    *i = k2 + 1;
                    return Some(Time::Across(start, later, end));
                }
            }
            *i += 1;
            Some(Time::Span(Some(start), None))
        }
        _ => None,
    }
}

/// start–end on one day; an end written without 午前/午後 that comes out before the start is read
/// in the afternoon (午後1時30分から3時まで), and one still before the start runs past midnight.
fn same_day(start: Minutes, mut end: Minutes, explicit: bool) -> Time {
    if end < start && !explicit && end < 12 * 60 && end + 12 * 60 > start {
        end += 12 * 60;
    }
    if end < start {
        Time::Across(start, Later::NextDay, end)
    } else {
        Time::Span(Some(start), Some(end))
    }
}

fn read_sentence(toks: &[Tok]) -> Sentence {
    let mut s = Sentence {
        specs: Vec::new(),
        orphans: Vec::new(),
        reservation: toks.contains(&Tok::Reserve) && !toks.contains(&Tok::NoReserve),
        vague: false,
    };
    let has_clock = toks
        .iter()
        .any(|t| matches!(t, Tok::Clock { .. } | Tok::Bare(_)));
    let mut pending_vague = false;
    let mut per_month: Option<u8> = None;
    let mut every_month = false;
    let mut i = 0;
    // A frequency (毎月1回) must agree with the rule that follows it, else the rule is irregular.
    let push_spec = |s: &mut Sentence,
                     days: Days,
                     weak: bool,
                     pending: &mut bool,
                     per_month: &mut Option<u8>| {
        let agrees = match (per_month.take(), days) {
            (None, _) => true,
            (Some(n), Days::Monthly { weeks, .. }) => {
                !weeks.last && weeks.nth.count_ones() == u32::from(n)
            }
            (Some(1), Days::MonthlyDate(_)) => true,
            _ => false,
        };
        s.specs.push(Spec {
            days,
            times: Vec::new(),
            weak,
            sink: std::mem::take(pending) || !agrees,
            reservation: false,
        });
    };
    while i < toks.len() {
        let t = toks[i];
        match t {
            Tok::Vague => {
                s.vague = true;
                pending_vague = true;
                i += 1;
            }
            Tok::EveryMonth => {
                every_month = true;
                i += 1;
            }
            Tok::Month(_) => {
                match toks.get(i + 1) {
                    // A one-off date (7月9日).
                    Some(Tok::DayOfMonth(_)) => {
                        s.vague = true;
                        i += 2;
                    }
                    // 11月から: when the schedule starts, not part of it.
                    Some(Tok::Range) => i += 2,
                    // 5月は第3土曜: a rule for one month only.
                    _ => {
                        s.vague = true;
                        pending_vague = true;
                        i += 1;
                    }
                }
            }
            Tok::PerMonth(n) => {
                per_month = Some(n);
                i += 1;
            }
            Tok::Ordinals(_) | Tok::Last => {
                let weeks = match t {
                    Tok::Ordinals(nth) => Weeks { nth, last: false },
                    _ => Weeks { nth: 0, last: true },
                };
                i += 1;
                let mut any = false;
                while let Some(Tok::Wd(d)) = toks.get(i) {
                    let weekday = Weekday::try_from(*d).unwrap_or(Weekday::Mon);
                    push_spec(
                        &mut s,
                        Days::Monthly { weeks, weekday },
                        false,
                        &mut pending_vague,
                        &mut per_month,
                    );
                    any = true;
                    i += 1;
                    if toks.get(i) == Some(&Tok::Sep) && matches!(toks.get(i + 1), Some(Tok::Wd(_)))
                    {
                        i += 1;
                    }
                }
                if !any {
                    s.vague = true;
                }
            }
            Tok::DayOfMonth(d) => {
                if every_month {
                    push_spec(
                        &mut s,
                        Days::MonthlyDate(d),
                        false,
                        &mut pending_vague,
                        &mut per_month,
                    );
                } else {
                    s.vague = true;
                }
                i += 1;
            }
            t if starts_weekly(t) => {
                let (mask, weak) = weekly_group(toks, &mut i);
                push_spec(
                    &mut s,
                    Days::Weekly(Weekdays(mask)),
                    weak,
                    &mut pending_vague,
                    &mut per_month,
                );
            }
            Tok::Clock { .. } | Tok::Bare(_) => {
                pending_vague = false;
                if per_month.take().is_some() {
                    s.vague = true;
                }
                if let Some(time) = time_phrase(toks, &mut i) {
                    match s.specs.last_mut() {
                        Some(spec) => {
                            spec.times.push(time);
                            spec.weak = false;
                        }
                        None => s.orphans.push(time),
                    }
                }
            }
            Tok::Duration(24) if !has_clock => {
                let time = Time::Span(Some(0), Some(24 * 60));
                match s.specs.last_mut() {
                    Some(spec) => {
                        spec.times.push(time);
                        spec.weak = false;
                    }
                    None => s.orphans.push(time),
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if per_month.is_some() {
        s.vague = true;
    }
    // Hours written before the days (24時間・365日) belong to the first day phrase.
    if !s.orphans.is_empty()
        && let Some(first) = s.specs.iter_mut().find(|sp| !sp.sink)
        && first.times.is_empty()
    {
        first.times = std::mem::take(&mut s.orphans);
        first.weak = false;
    }
    let reservation = s.reservation;
    for spec in &mut s.specs {
        spec.reservation = reservation;
        if spec.sink {
            s.vague = true;
        }
    }
    s
}

fn rules_of(spec: &Spec, closures: &Closures, out: &mut Vec<Rule>) {
    // 日曜・祝日を除く毎日: a closed weekday leaves every weekly rule.
    let open = |days: Days| match days {
        Days::Weekly(w) if w.0 & !closures.days != 0 => {
            Days::Weekly(Weekdays(w.0 & !closures.days))
        }
        other => other,
    };
    let rule = |days: Days, start: Option<Minutes>, end: Option<Minutes>| Rule {
        days: open(days),
        start,
        end,
        except_holidays: closures.holidays,
        except_year_end: closures.year_end,
        reservation: spec.reservation,
    };
    if spec.times.is_empty() {
        out.push(rule(spec.days, None, None));
        return;
    }
    for time in &spec.times {
        match *time {
            Time::Span(start, end) => out.push(rule(spec.days, start, end)),
            Time::Across(start, later, end) => {
                let following = following_days(spec.days, later);
                out.push(rule(spec.days, Some(start), Some(24 * 60)));
                let n = following.len();
                for (k, days) in following.into_iter().enumerate() {
                    if k + 1 < n {
                        out.push(rule(days, Some(0), Some(24 * 60)));
                    } else if end > 0 {
                        out.push(rule(days, Some(0), Some(end)));
                    }
                }
            }
        }
    }
}

/// The days after the first one of a phrase that runs across days, up to and including the last.
fn following_days(days: Days, later: Later) -> Vec<Days> {
    let shift = |d: Days, by: u8| match d {
        Days::Weekly(w) => Days::Weekly(Weekdays(
            ((w.0 << by) | (w.0 >> (7 - by))) & Weekdays::ALL.0,
        )),
        Days::Monthly { weeks, weekday } => Days::Monthly {
            weeks,
            weekday: Weekday::try_from((weekday.num_days_from_monday() as u8 + by) % 7)
                .unwrap_or(weekday),
        },
        Days::MonthlyDate(n) => Days::MonthlyDate(if n >= 31 { 1 } else { n + by }),
    };
    let steps = match (days, later) {
        (_, Later::NextDay) => 1,
        (Days::Weekly(w), Later::Weekday(to)) => {
            let from = w
                .iter()
                .last()
                .map_or(to, |d| d.num_days_from_monday() as u8);
            let steps = (to + 7 - from) % 7;
            if let Days::Weekly(_) = days {
                return (1..=steps)
                    .map(|k| Days::Weekly(Weekdays(1 << ((from + k) % 7))))
                    .collect();
            }
            steps
        }
        (Days::MonthlyDate(from), Later::Date(to)) if to > from && to - from <= 7 => to - from,
        _ => 1,
    };
    (1..=steps).map(|k| shift(days, k)).collect()
}

pub(super) fn parse(text: &str) -> Schedule {
    let mut toks = tokens(text);
    mark_closures(&mut toks);
    let mut closures = Closures::default();
    let mut open: Vec<Vec<Tok>> = vec![Vec::new()];
    for t in &toks {
        if t.closed {
            closures.take(t.tok);
        } else if t.tok == Tok::SentenceEnd {
            open.push(Vec::new());
        } else if let Some(last) = open.last_mut() {
            last.push(t.tok);
        }
    }
    let sentences: Vec<Sentence> = open.iter().map(|s| read_sentence(s)).collect();

    let mut schedule = Schedule::default();
    let has_days = sentences
        .iter()
        .flat_map(|s| &s.specs)
        .any(|sp| !sp.sink && !sp.weak);
    let mut complement: Option<Spec> = None;
    for s in &sentences {
        for spec in s.specs.iter().filter(|sp| !sp.sink && !sp.weak) {
            rules_of(spec, &closures, &mut schedule.rules);
        }
        if s.vague {
            schedule.unparsed = true;
            schedule.unparsed_reservation |= s.reservation;
        }
        if !s.orphans.is_empty() {
            // Hours with no days: 外来 9:00〜11:30 … 休診 日曜、祝日 means every other day.
            let open_days = Weekdays::ALL.0 & !closures.days;
            if !has_days && closures.days != 0 && open_days != 0 {
                let spec = complement.get_or_insert(Spec {
                    days: Days::Weekly(Weekdays(open_days)),
                    times: Vec::new(),
                    weak: false,
                    sink: false,
                    reservation: s.reservation,
                });
                spec.times.extend(s.orphans.iter().copied());
            } else {
                schedule.unparsed = true;
                schedule.unparsed_reservation |= s.reservation;
            }
        }
    }
    if let Some(spec) = complement {
        rules_of(&spec, &closures, &mut schedule.rules);
    }
    if closures.irregular {
        schedule.unparsed = true;
    }
    if schedule.rules.is_empty() && text.chars().any(|c| !c.is_whitespace()) {
        schedule.unparsed = true;
        schedule.unparsed_reservation |= sentences.iter().any(|s| s.reservation);
    }
    // Two sources quoted in one text often repeat a rule: keep the first of each.
    let mut seen = Vec::with_capacity(schedule.rules.len());
    schedule.rules.retain(|r| {
        let new = !seen.contains(r);
        if new {
            seen.push(r.clone());
        }
        new
    });
    schedule
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// Phrasings written for these tests (the real ones are in the corpus test): each states one
    /// behaviour — closures after the days (は休み), written-out year-end dates, a closed weekday
    /// taken out of 毎日, month-specific closures flagged, 申込 as a reservation, overnight hours.
    #[test]
    fn constructed_phrasings() {
        let cases = [
            (
                "月曜～金曜 8:45～17:15（土・日・祝日・年末年始を除く）",
                "weekly:weekdays 08:45-17:15;except-holidays;except-yearend",
            ),
            ("毎週木曜日 19:00～21:00", "weekly:thu 19:00-21:00"),
            ("毎月第2木曜日 午後2時～4時", "monthly:2:thu 14:00-16:00"),
            (
                "毎月第4土曜日 13:30～16:30（要申込）",
                "monthly:4:sat 13:30-16:30;reservation",
            ),
            ("火・木 10時～12時", "weekly:tue,thu 10:00-12:00"),
            (
                "平日 9時～17時 ※土日祝日、年末年始（12月29日～1月3日）は休み",
                "weekly:weekdays 09:00-17:00;except-holidays;except-yearend",
            ),
            (
                "毎月 第1・第3 水曜日 午後6時30分～8時30分",
                "monthly:1,3:wed 18:30-20:30",
            ),
            (
                "受付：月～金曜日（祝日除く）午前9時～午後5時",
                "weekly:weekdays 09:00-17:00;except-holidays",
            ),
            (
                "毎週月曜日と木曜日の19時から21時",
                "weekly:mon,thu 19:00-21:00",
            ),
            ("年6回（偶数月の第3土曜日）", "unparsed"),
            (
                "毎月第2土曜日(8月は休み)14:00-16:00",
                "monthly:2:sat 14:00-16:00 | unparsed",
            ),
            (
                "土曜日 10:00～12:00、13:00～16:00",
                "weekly:sat 10:00-12:00 | weekly:sat 13:00-16:00",
            ),
            (
                "平日の夜間 17:00～翌朝9:00",
                "weekly:weekdays 17:00-24:00 | weekly:tue,wed,thu,fri,sat 00:00-09:00",
            ),
            (
                "日曜・祝日を除く毎日 10:00-18:00",
                "weekly:mon,tue,wed,thu,fri,sat 10:00-18:00;except-holidays",
            ),
            ("第1・第3金曜日 午後7時～9時", "monthly:1,3:fri 19:00-21:00"),
            (
                "水曜日（第5水曜日を除く）13:30～15:00",
                "weekly:wed 13:30-15:00 | unparsed",
            ),
            (
                "月～土 9:00～18:00（日・祝休み）",
                "weekly:mon,tue,wed,thu,fri,sat 09:00-18:00;except-holidays",
            ),
            ("毎月15日 10:00～", "monthly-date:15 10:00"),
            ("9:00-17:00", "unparsed"),
            ("令和7年12月14日（日）13:30～15:30", "unparsed"),
            (
                "毎月第3日曜日 14:00-16:00（広報ねやがわ 令和6年3月号）",
                "monthly:3:sun 14:00-16:00",
            ),
            (
                "毎週月曜 10:00-12:00（受付は祝日を除く）",
                "weekly:mon 10:00-12:00;except-holidays",
            ),
            (
                "平日 9:00-17:00。別のページでも平日 9:00-17:00",
                "weekly:weekdays 09:00-17:00",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).notation(), expected, "{text}");
        }
    }
}
