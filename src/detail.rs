//! Everything a detail pane shows about one resource, assembled once in the core so the desktop
//! app and the CLI say the same thing: the record's cells under their dataset headers, the
//! schedule as the parser read it, the next dates, safe links, the user's notes and the
//! "possibly out of date" mark.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::area::{ServedArea, served_area};
use crate::catalogue::{Catalogue, Confirmation, Correction, Note};
use crate::directory::Policy;
use crate::error::Result;
use crate::resource::{Field, ReportStance, Resource};
use crate::schedule::{self, Occurrence, Schedule, clock};

/// How many upcoming dates a detail lists.
pub const NEXT_SESSIONS: usize = 3;

/// How far ahead the next dates are looked for.
pub const LOOKAHEAD_DAYS: u32 = 60;

/// The detail of one resource.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Detail {
    /// The whole record.
    pub resource: Resource,
    /// Every non-empty cell, in dataset order, under its Japanese header.
    pub rows: Vec<Row>,
    /// The schedule rules in words (`毎週水曜 14:00〜16:00`).
    pub schedule: Vec<String>,
    /// The schedule text holds something that is not a plain recurrence; the source's words
    /// stand, so the reader must check them.
    pub schedule_unparsed: bool,
    /// The next dates, earliest first (`12/20(日) 14:00〜16:00`).
    pub next_sessions: Vec<String>,
    /// Links the user may open: only `tel:`, `mailto:`, `http:` and `https:`.
    pub links: Vec<Link>,
    /// The user's notes on this resource, oldest first.
    pub notes: Vec<Note>,
    /// A person confirmed it, longer ago than the policy's limit.
    pub possibly_out_of_date: bool,
    /// What the reader is told when it is (the same words in the app and the CLI).
    pub stale_message: Option<String>,
    /// The user marked it as a favourite.
    pub favourite: bool,
    /// What it says about reporting to the police.
    pub report_stance: ReportStance,
    /// The stance in one sentence (the same words on the sheet).
    pub stance_sentence: String,
    /// Whose residents it serves, and how that was read.
    pub served_area: ServedArea,
    /// [`ServedArea::describe`].
    pub served_area_text: String,
    /// Gives a phone, an address, a web page or an e-mail (`false`: 連絡先の記載なし).
    pub reachable: bool,
    /// Corrections sent from the field about it, oldest first.
    pub corrections: Vec<Correction>,
    /// Confirmations recorded on this PC, newest first.
    pub confirmations: Vec<Confirmation>,
}

/// One cell of the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Row {
    /// The dataset's column header (`名称`, `電話番号`…), or an extra column's own header.
    pub label: String,
    /// The cell as text; lists joined with `、`.
    pub value: String,
    /// Whether the cell is about confidentiality or anonymity (shown prominently: people fear
    /// being reported).
    pub confidentiality: bool,
}

/// What a link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// A telephone number (`tel:`).
    Tel,
    /// An e-mail address (`mailto:`).
    Mail,
    /// A web page (`http:`/`https:`).
    Web,
}

/// A link built from a validated cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Link {
    /// Kind of link.
    pub kind: LinkKind,
    /// The text shown (the number, address or URL as the dataset gives it).
    pub label: String,
    /// The target.
    pub href: String,
    /// For a web page, the host it really goes to (punycode for an internationalised name, so a
    /// look-alike of an official domain shows as what it is): where people decide whether to
    /// trust a link.
    pub host: Option<String>,
}

impl Detail {
    /// The detail of `id` as of `today`, marked out of date as the policy says.
    pub fn of(
        catalogue: &Catalogue,
        id: &str,
        today: NaiveDate,
        policy: &Policy,
    ) -> Result<Detail> {
        let resource = catalogue.get(id)?;
        let notes = catalogue.notes(Some(id))?;
        let favourite = catalogue.favourites()?.iter().any(|f| f.resource_id == id);
        let mut detail = Detail::from_parts(resource, notes, favourite, today, policy);
        detail.corrections = catalogue.corrections(Some(id))?;
        detail.confirmations = catalogue.confirmations(Some(id))?;
        Ok(detail)
    }

    /// Assembles a detail from a record and the user's notes.
    pub fn from_parts(
        resource: Resource,
        notes: Vec<Note>,
        favourite: bool,
        today: NaiveDate,
        policy: &Policy,
    ) -> Detail {
        let schedule = Schedule::of(&resource);
        let stance = ReportStance::of(&resource);
        let served = served_area(&resource);
        Detail {
            report_stance: stance,
            stance_sentence: stance.sentence().to_owned(),
            served_area_text: served.describe(),
            served_area: served,
            reachable: resource.is_reachable(),
            corrections: Vec::new(),
            confirmations: Vec::new(),
            rows: rows(&resource),
            schedule: schedule.rules.iter().map(schedule::describe).collect(),
            schedule_unparsed: schedule.unparsed,
            next_sessions: schedule::occurrences(&schedule, today, LOOKAHEAD_DAYS)
                .iter()
                .take(NEXT_SESSIONS)
                .map(when)
                .collect(),
            links: links(&resource),
            possibly_out_of_date: policy.is_stale(resource.confirmed_on, today),
            stale_message: policy.stale_message(&resource, today),
            notes,
            favourite,
            resource,
        }
    }
}

/// Every non-empty cell under its header, extra columns last. Only cells that affirm
/// confidentiality are flagged for highlighting: the resource's own words when it is not an
/// enforcement body, and 匿名相談 when it says 可. A remark that merely mentions 通報 is not.
pub fn rows(r: &Resource) -> Vec<Row> {
    let stance = ReportStance::of(r);
    let mut rows: Vec<Row> = Field::ALL
        .iter()
        .filter_map(|f| {
            let value = r.cell(*f);
            (!value.is_empty()).then(|| Row {
                label: f.header().to_owned(),
                value: if f.is_multi() {
                    value.replace(';', "、")
                } else {
                    value
                },
                confidentiality: match f {
                    Field::Confidentiality => stance == ReportStance::NoReport,
                    Field::Anonymous => r.accepts_anonymous(),
                    _ => false,
                },
            })
        })
        .collect();
    rows.extend(r.extra.iter().map(|(k, v)| Row {
        label: k.clone(),
        value: v.clone(),
        confidentiality: false,
    }));
    rows
}

/// A date and hours as one line: `12/20(日) 14:00〜16:00`.
pub fn when(o: &Occurrence) -> String {
    let day = format!(
        "{}/{}({})",
        o.date.month(),
        o.date.day(),
        schedule::weekday_ja(o.date.weekday())
    );
    match (o.start, o.end) {
        (Some(a), Some(b)) => format!("{day} {}〜{}", clock(a), clock(b)),
        (Some(a), None) => format!("{day} {}〜", clock(a)),
        (None, Some(b)) => format!("{day} 〜{}", clock(b)),
        (None, None) => day,
    }
}

/// The resource's telephone numbers, e-mail and web page as links. The importer already refused
/// anything else, but a record can also come from a local edit or an older database, so each
/// target is checked again here: a link that is not plainly one of the four schemes is dropped.
pub fn links(r: &Resource) -> Vec<Link> {
    let mut links = Vec::new();
    for phone in &r.phones {
        let digits: String = phone
            .chars()
            .filter_map(|c| match c {
                '0'..='9' | '#' => Some(c),
                '＃' => Some('#'),
                '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
                _ => None,
            })
            .collect();
        if !digits.is_empty() {
            links.push(Link {
                kind: LinkKind::Tel,
                label: phone.clone(),
                href: format!("tel:{}", digits.replace('#', "%23")),
                host: None,
            });
        }
    }
    if let Some(mail) = r.email.as_deref().filter(|m| is_plain_email(m)) {
        links.push(Link {
            kind: LinkKind::Mail,
            label: mail.to_owned(),
            href: format!("mailto:{mail}"),
            host: None,
        });
    }
    if let Some(url) = r.url.as_deref().filter(|u| is_safe_url(u)) {
        links.push(Link {
            kind: LinkKind::Web,
            label: url.to_owned(),
            href: url.to_owned(),
            host: url::Url::parse(url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned)),
        });
    }
    links
}

/// Whether `href` is a link the app may hand to the system: `http(s)` with a host, `tel:` with
/// only digits, `#`-escapes and `+`, or `mailto:` with a plain address.
pub fn is_openable(href: &str) -> bool {
    if let Some(number) = href.strip_prefix("tel:") {
        let number = number.replace("%23", "#");
        return !number.is_empty()
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || c == '#' || c == '+');
    }
    if let Some(mail) = href.strip_prefix("mailto:") {
        return is_plain_email(mail);
    }
    is_safe_url(href)
}

fn is_safe_url(u: &str) -> bool {
    url::Url::parse(u)
        .is_ok_and(|p| matches!(p.scheme(), "http" | "https") && p.host_str().is_some())
}

fn is_plain_email(m: &str) -> bool {
    let Some((local, domain)) = m.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && m.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@._+-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_four_schemes_open() {
        for ok in [
            "https://www.pref.osaka.lg.jp/",
            "http://example.jp/a?b=c",
            "tel:0669223475",
            "tel:%237110",
            "mailto:soudan@city.osaka.lg.jp",
        ] {
            assert!(is_openable(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "tel:06;rm -rf",
            "mailto:a@b.jp?body=<script>",
            "vbscript:msgbox",
            "https://",
            "",
        ] {
            assert!(!is_openable(bad), "{bad}");
        }
    }

    #[test]
    fn links_come_from_validated_cells_only() {
        let r = Resource {
            phones: vec!["06-6922-3475".into(), "＃7110".into()],
            email: Some("x@y.jp\"><script>".into()),
            url: Some("javascript:alert(1)".into()),
            ..Resource::default()
        };
        let links = links(&r);
        let hrefs: Vec<&str> = links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["tel:0669223475", "tel:%237110"]);
        assert!(links.iter().all(|l| is_openable(&l.href)));
    }

    #[test]
    fn rows_skip_empty_cells_and_mark_confidentiality() {
        let r = Resource {
            id: "a".into(),
            name: "相談室".into(),
            confidentiality: Some("秘密は守ります".into()),
            targets: vec!["本人".into(), "家族".into()],
            ..Resource::default()
        };
        let rows = rows(&r);
        assert!(rows.iter().all(|r| !r.value.is_empty()));
        let c = rows.iter().find(|r| r.value == "秘密は守ります").unwrap();
        assert!(c.confidentiality);
        assert!(rows.iter().any(|r| r.value == "本人、家族"));
        assert!(
            !rows
                .iter()
                .find(|r| r.value == "相談室")
                .unwrap()
                .confidentiality
        );
    }
}
