//! The counsellor's referral log: a case (a code the counsellor chooses, never a name) was
//! referred to some resources on a day, in some way; follow-up dates say when to ask what came
//! of it, and dated status updates record the answer. Closed-loop referral, kept on the
//! counsellor's own PC: nothing here leaves the machine, and aggregates never show a case code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a referral stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ReferralStatus")
)]
pub enum Status {
    /// Referred; nothing heard yet.
    #[serde(rename = "紹介済み")]
    Referred,
    /// The person or the resource got in touch.
    #[serde(rename = "連絡あり")]
    Contacted,
    /// The person is connected to the resource (the outcome the log is for).
    #[serde(rename = "つながった")]
    Connected,
    /// The person did not connect.
    #[serde(rename = "つながらなかった")]
    NotConnected,
    /// What came of it is not known (lost to follow-up).
    #[serde(rename = "不明")]
    Unknown,
}

impl Status {
    /// Every status, in the order of the flow.
    pub const ALL: [Status; 5] = [
        Status::Referred,
        Status::Contacted,
        Status::Connected,
        Status::NotConnected,
        Status::Unknown,
    ];

    /// The word shown and stored.
    pub fn label(self) -> &'static str {
        match self {
            Status::Referred => "紹介済み",
            Status::Contacted => "連絡あり",
            Status::Connected => "つながった",
            Status::NotConnected => "つながらなかった",
            Status::Unknown => "不明",
        }
    }

    /// Reads a status as typed (the Japanese word).
    pub fn from_label(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.label() == s.trim())
    }

    /// Whether the referral needs no more follow-up.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Connected | Status::NotConnected | Status::Unknown
        )
    }
}

/// How the person was referred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ReferralWay"))]
pub enum How {
    /// A referral sheet was handed over.
    #[serde(rename = "紹介シート")]
    Sheet,
    /// The counsellor booked by phone.
    #[serde(rename = "電話で予約")]
    PhoneBooking,
    /// The counsellor went along.
    #[serde(rename = "同行")]
    Accompanied,
}

impl How {
    /// Every way, as offered.
    pub const ALL: [How; 3] = [How::Sheet, How::PhoneBooking, How::Accompanied];

    /// The word shown and stored.
    pub fn label(self) -> &'static str {
        match self {
            How::Sheet => "紹介シート",
            How::PhoneBooking => "電話で予約",
            How::Accompanied => "同行",
        }
    }

    /// Reads a way as typed.
    pub fn from_label(s: &str) -> Option<How> {
        How::ALL.into_iter().find(|h| h.label() == s.trim())
    }
}

/// A referral to record.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewReferral {
    /// The case code the counsellor chose.
    pub case_code: String,
    /// The resources referred to, in order.
    pub resource_ids: Vec<String>,
    /// How.
    pub how: How,
    /// Whether consent to keep this record was obtained (`None`: not recorded).
    pub consent: Option<bool>,
    /// When to ask what came of it.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub follow_up: Option<NaiveDate>,
    /// The day of the referral (`None`: today).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub referred_on: Option<NaiveDate>,
}

/// One resource a referral points to, as it was then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ReferralTarget")
)]
pub struct Target {
    /// The resource's ID.
    pub resource_id: String,
    /// Its name at the time.
    pub name: String,
    /// Its 種別 at the time.
    pub category: String,
}

/// One dated status update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ReferralUpdate")
)]
pub struct Update {
    /// The status from that day.
    pub status: Status,
    /// The day it applies to.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    /// A short note.
    pub note: Option<String>,
}

/// A recorded referral with its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Referral {
    /// Row ID.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The case code.
    pub case_code: String,
    /// The day of the referral.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub referred_on: NaiveDate,
    /// How.
    pub how: How,
    /// Whether consent was recorded.
    pub consent: Option<bool>,
    /// When to follow up.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub follow_up: Option<NaiveDate>,
    /// The resources.
    pub targets: Vec<Target>,
    /// Status updates, oldest first (the first is 紹介済み on the day of the referral).
    pub updates: Vec<Update>,
    /// The latest status.
    pub status: Status,
}

impl Referral {
    /// Whether the follow-up is due on `day` (today or overdue) and the referral still open.
    pub fn is_due(&self, day: NaiveDate) -> bool {
        !self.status.is_closed() && self.follow_up.is_some_and(|f| f <= day)
    }
}

/// Why a case code looks like personal data. The form warns; the code is the counsellor's to
/// choose, but the log must never hold a name, a phone number or an e-mail address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CaseCodeConcern")
)]
#[serde(rename_all = "kebab-case")]
pub enum Concern {
    /// Many digits: a telephone number.
    PhoneNumber,
    /// An `@` between words: an e-mail address.
    Email,
    /// A name with an honorific, or words written like a person's name.
    PersonalName,
}

impl Concern {
    /// What the form says.
    pub fn message(self) -> &'static str {
        match self {
            Concern::PhoneNumber => "電話番号のように見えます。個人が分からない番号にしてください",
            Concern::Email => "メールアドレスのように見えます。個人が分からない番号にしてください",
            Concern::PersonalName => {
                "人の名前のように見えます。名前ではなく番号や記号にしてください"
            }
        }
    }
}

/// What about `code` looks like personal data.
pub fn concerns(code: &str) -> Vec<Concern> {
    let code = code.trim();
    let mut out = Vec::new();
    let digits = code
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    if digits >= 9 {
        out.push(Concern::PhoneNumber);
    }
    if let Some((local, domain)) = code.split_once(['@', '＠'])
        && !local.is_empty()
        && domain.contains(['.', '．'])
    {
        out.push(Concern::Email);
    }
    if looks_like_name(code) {
        out.push(Concern::PersonalName);
    }
    out
}

/// A Japanese honorific, or two or more words of letters only (`山田 太郎`, `Taro Yamada`), or
/// two to four kanji and nothing else (`山田太郎`): codes people choose have digits or symbols.
fn looks_like_name(code: &str) -> bool {
    const HONORIFICS: [&str; 6] = ["さん", "様", "さま", "くん", "君", "ちゃん"];
    if HONORIFICS.iter().any(|h| code.ends_with(h)) || code.contains("氏") {
        return true;
    }
    let is_letter = |c: char| c.is_alphabetic() && !c.is_ascii_digit();
    let words: Vec<&str> = code.split([' ', '　']).filter(|w| !w.is_empty()).collect();
    if words.len() >= 2 && words.iter().all(|w| w.chars().all(is_letter)) {
        return true;
    }
    let kanji = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '々';
    let n = code.chars().count();
    (2..=4).contains(&n) && code.chars().all(kanji)
}

/// Counts for a report (事業報告): by kind of resource, by outcome, and the median days from
/// referral to connection, over referrals made in a period. Never a case code.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ReferralStats")
)]
pub struct Stats {
    /// The first day counted.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    /// The last day counted.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
    /// Referrals made in the period.
    pub referrals: usize,
    /// Resources referred to, by 種別 (a referral to two resources counts for both).
    pub by_category: Vec<(String, usize)>,
    /// Referrals by their latest status.
    pub by_outcome: Vec<(String, usize)>,
    /// Referrals that connected.
    pub connected: usize,
    /// Median days from the referral to the day it connected (`None` when none did).
    pub median_days_to_connection: Option<f64>,
}

impl Stats {
    /// Counts `referrals` made between `from` and `to` (both included).
    pub fn of(referrals: &[Referral], from: NaiveDate, to: NaiveDate) -> Stats {
        use std::collections::BTreeMap;
        let chosen: Vec<&Referral> = referrals
            .iter()
            .filter(|r| r.referred_on >= from && r.referred_on <= to)
            .collect();
        let mut by_category: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_outcome: BTreeMap<Status, usize> = BTreeMap::new();
        let mut days = Vec::new();
        for r in &chosen {
            for t in &r.targets {
                *by_category.entry(t.category.clone()).or_default() += 1;
            }
            *by_outcome.entry(r.status).or_default() += 1;
            if let Some(u) = r.updates.iter().find(|u| u.status == Status::Connected) {
                days.push((u.on - r.referred_on).num_days().max(0));
            }
        }
        days.sort_unstable();
        let median = match days.len() {
            0 => None,
            n if n % 2 == 1 => Some(days[n / 2] as f64),
            n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
        };
        let mut by_category: Vec<(String, usize)> = by_category.into_iter().collect();
        by_category.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Stats {
            from,
            to,
            referrals: chosen.len(),
            by_category,
            by_outcome: Status::ALL
                .iter()
                .map(|s| {
                    (
                        s.label().to_owned(),
                        by_outcome.get(s).copied().unwrap_or(0),
                    )
                })
                .collect(),
            connected: days.len(),
            median_days_to_connection: median,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_that_look_like_people_are_flagged() {
        assert_eq!(concerns("090-1234-5678"), [Concern::PhoneNumber]);
        assert_eq!(concerns("taro@example.jp"), [Concern::Email]);
        for name in [
            "山田太郎",
            "山田 太郎",
            "やまだ さん",
            "Taro Yamada",
            "田中様",
        ] {
            assert_eq!(concerns(name), [Concern::PersonalName], "{name}");
        }
        for fine in ["K-2026-014", "A17", "12月-3", "case 7", "ほ-12"] {
            assert!(concerns(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn statuses_and_ways_read_back_from_their_words() {
        for s in Status::ALL {
            assert_eq!(Status::from_label(s.label()), Some(s));
        }
        for h in How::ALL {
            assert_eq!(How::from_label(h.label()), Some(h));
        }
        assert!(Status::Connected.is_closed() && !Status::Contacted.is_closed());
    }
}
