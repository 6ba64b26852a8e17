//! The lexer: the schedule text as a stream of tokens (days, times, closures, irregular words).

use std::sync::LazyLock;

use super::super::Minutes;
use super::{parens::*, token::*};

/// Fixed words, longest first where one is a prefix of another.
pub(super) const WORDS: &[(&str, Tok)] = &[
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

/// Words that set the half of the day the next time is in.
const MERIDIEM_WORDS: [(&str, Meridiem); 5] = [
    ("午前", Meridiem::Am),
    ("午後", Meridiem::Pm),
    ("夕方", Meridiem::Pm),
    ("朝", Meridiem::Am),
    ("夜", Meridiem::Pm),
];

/// Whether any word the lexer knows ([`WORDS`], [`MERIDIEM_WORDS`], 正午, 同) starts with `c`.
/// Most characters of a schedule's note start none, and trying every word at every character
/// was most of the lexer's time (the index reads every resource's schedule as it is built).
fn may_start_word(c: char) -> bool {
    static FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut first: Vec<char> = WORDS
            .iter()
            .map(|(w, _)| *w)
            .chain(MERIDIEM_WORDS.iter().map(|(w, _)| *w))
            .chain(["正午", "同"])
            .filter_map(|w| w.chars().next())
            .collect();
        first.sort_unstable();
        first.dedup();
        first
    });
    FIRST.binary_search(&c).is_ok()
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Meridiem {
    Am,
    Pm,
}

pub(super) struct Lexer<'a> {
    pub(super) chars: &'a [char],
    pub(super) weekday: &'a [bool],
    pub(super) i: usize,
    pub(super) pending: Option<Meridiem>,
    pub(super) last: Option<Meridiem>,
    pub(super) same: bool,
}

impl Lexer<'_> {
    pub(super) fn starts_with(&self, word: &str) -> bool {
        let mut rest = self.chars.get(self.i..).unwrap_or_default().iter();
        word.chars().all(|c| rest.next() == Some(&c))
    }

    pub(super) fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).copied()
    }

    pub(super) fn digits_at(&self, k: usize) -> Option<(u32, usize)> {
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

    pub(super) fn clock(&mut self, hour: u32, minute: u32) -> Option<Tok> {
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
    pub(super) fn number(&mut self) -> Tok {
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
    pub(super) fn ordinals(&mut self) -> Tok {
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

    pub(super) fn next(&mut self) -> Option<Tok> {
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
        if !may_start_word(c) {
            self.i += 1;
            return Some(Tok::Other);
        }
        for (word, mer) in MERIDIEM_WORDS {
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

pub(super) fn tokens(text: &str) -> Vec<Token> {
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
