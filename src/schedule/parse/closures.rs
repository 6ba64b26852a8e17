//! Closures: the days, holidays and year-end a text takes away, collected once for the whole
//! text because public pages state them once for a whole window.

use super::token::*;

/// What a closure phrase takes away, collected over the whole text.
#[derive(Default)]
pub(super) struct Closures {
    pub(super) days: u8,
    pub(super) holidays: bool,
    pub(super) year_end: bool,
    /// A closure this grammar cannot apply (8月は休み, 第5水曜日を除く): the text must be shown.
    pub(super) irregular: bool,
}

impl Closures {
    pub(super) fn take(&mut self, tok: Tok) {
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

pub(super) fn is_day_word(tok: Tok) -> bool {
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
pub(super) fn mark_closures(tokens: &mut [Token]) {
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
