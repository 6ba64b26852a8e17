//! A support resource — one row of the dataset — and how each of its cells is read and written.
//!
//! Every cell has one canonical text form: the one written to CSV on export and to SQLite. Reading
//! it back with [`Resource::set_cell`] gives the same value, which is what makes export → import and
//! store → load round-trip exactly.

mod category;
mod cell;
mod field;
mod stance;
pub mod vocab;

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use category::Category;
pub use cell::{CONFIRM_METHODS, STATUSES, split_multi};
pub use field::{Field, Kind, normalize_header};
pub use stance::ReportStance;

/// One support resource: a consultation window, hotline, group, class, clinic or facility.
///
/// Text the dataset did not state is `None` or empty, never filled in: the referral sheet and the
/// UI show only what the source said.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Resource {
    /// Stable identifier (`ID`).
    pub id: String,
    /// 全国地方公共団体コード.
    pub local_gov_code: Option<String>,
    /// 都道府県名.
    pub prefecture: Option<String>,
    /// 市区町村名: where the resource is.
    pub municipality: Option<String>,
    /// 名称.
    pub name: String,
    /// 名称_カナ.
    pub name_kana: Option<String>,
    /// 名称_通称.
    pub aliases: Vec<String>,
    /// 種別.
    pub category: Category,
    /// 運用状況: why this is not a place a person can go, in the data's words; `None` when it is.
    #[serde(default)]
    pub status: Option<String>,
    /// 運営主体.
    pub organisation: Option<String>,
    /// 説明.
    pub description: Option<String>,
    /// 対象者.
    pub targets: Vec<String>,
    /// 対象物質.
    pub substances: Vec<String>,
    /// プログラム.
    pub programs: Vec<String>,
    /// 対象地域.
    pub service_area: Vec<String>,
    /// 住所.
    pub address: Option<String>,
    /// 方書.
    pub address_extra: Option<String>,
    /// 緯度.
    pub latitude: Option<f64>,
    /// 経度.
    pub longitude: Option<f64>,
    /// 電話番号 (several possible).
    pub phones: Vec<String>,
    /// FAX番号.
    pub fax: Option<String>,
    /// メールアドレス.
    pub email: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// 利用可能曜日.
    pub days: Vec<String>,
    /// 開始時間 (`H:MM`).
    pub opens: Option<String>,
    /// 終了時間 (`H:MM`).
    pub closes: Option<String>,
    /// 利用可能日時特記事項.
    pub hours_note: Option<String>,
    /// 予約.
    pub reservation: Option<String>,
    /// 料金.
    pub fees: Option<String>,
    /// 匿名相談.
    pub anonymous: Option<String>,
    /// 秘密保持: the resource's own words on confidentiality.
    pub confidentiality: Option<String>,
    /// 居住要件.
    pub residency: Option<String>,
    /// 対応言語.
    pub languages: Vec<String>,
    /// 通訳.
    pub interpreter: Option<String>,
    /// 出典の日付: the source's own date. Never a check by a person.
    #[serde(alias = "last_checked")]
    pub source_date: Option<NaiveDate>,
    /// 確認日: the day a person confirmed the record.
    #[serde(default)]
    pub confirmed_on: Option<NaiveDate>,
    /// 確認者.
    #[serde(default)]
    pub confirmed_by: Option<String>,
    /// 確認方法 (電話, 窓口, 公式ページ).
    #[serde(default)]
    pub confirmed_how: Option<String>,
    /// 出典.
    pub sources: Vec<String>,
    /// 備考.
    pub remarks: Option<String>,
    /// Columns the schema does not know, kept as they came (header → value).
    pub extra: BTreeMap<String, String>,
    /// Added by the user, not published: kept apart, never replaced by a new edition.
    #[serde(default)]
    pub local: bool,
}

impl Resource {
    /// The first telephone number, the one to show large.
    pub fn phone(&self) -> Option<&str> {
        self.phones.first().map(String::as_str)
    }

    /// The canonical text of a cell, as written to CSV and SQLite (empty when not stated).
    pub fn cell(&self, field: Field) -> String {
        self.cell_text(field).into_owned()
    }

    /// [`Resource::cell`], borrowed where the field holds the text as it is: writing and
    /// indexing every cell of 100,000 resources then copies only what must be joined or
    /// formatted.
    pub fn cell_text(&self, field: Field) -> Cow<'_, str> {
        fn opt(v: &Option<String>) -> Cow<'_, str> {
            Cow::Borrowed(v.as_deref().unwrap_or_default())
        }
        fn multi(v: &[String]) -> Cow<'_, str> {
            match v {
                [] => Cow::Borrowed(""),
                [one] => Cow::Borrowed(one),
                _ => Cow::Owned(v.join(";")),
            }
        }
        fn date(d: Option<NaiveDate>) -> Cow<'static, str> {
            Cow::Owned(
                d.map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            )
        }
        match field {
            Field::Id => Cow::Borrowed(&self.id),
            Field::LocalGovCode => opt(&self.local_gov_code),
            Field::Prefecture => opt(&self.prefecture),
            Field::Municipality => opt(&self.municipality),
            Field::Name => Cow::Borrowed(&self.name),
            Field::NameKana => opt(&self.name_kana),
            Field::Aliases => multi(&self.aliases),
            Field::Category => Cow::Borrowed(self.category.label()),
            Field::Status => opt(&self.status),
            Field::Organisation => opt(&self.organisation),
            Field::Description => opt(&self.description),
            Field::Targets => multi(&self.targets),
            Field::Substances => multi(&self.substances),
            Field::Programs => multi(&self.programs),
            Field::ServiceArea => multi(&self.service_area),
            Field::Address => opt(&self.address),
            Field::AddressExtra => opt(&self.address_extra),
            Field::Latitude => Cow::Owned(self.latitude.map(|v| v.to_string()).unwrap_or_default()),
            Field::Longitude => {
                Cow::Owned(self.longitude.map(|v| v.to_string()).unwrap_or_default())
            }
            Field::Phone => multi(&self.phones),
            Field::Fax => opt(&self.fax),
            Field::Email => opt(&self.email),
            Field::Url => opt(&self.url),
            Field::Days => multi(&self.days),
            Field::Opens => opt(&self.opens),
            Field::Closes => opt(&self.closes),
            Field::HoursNote => opt(&self.hours_note),
            Field::Reservation => opt(&self.reservation),
            Field::Fees => opt(&self.fees),
            Field::Anonymous => opt(&self.anonymous),
            Field::Confidentiality => opt(&self.confidentiality),
            Field::Residency => opt(&self.residency),
            Field::Languages => multi(&self.languages),
            Field::Interpreter => opt(&self.interpreter),
            Field::SourceDate => date(self.source_date),
            Field::ConfirmedOn => date(self.confirmed_on),
            Field::ConfirmedBy => opt(&self.confirmed_by),
            Field::ConfirmedHow => opt(&self.confirmed_how),
            Field::Sources => multi(&self.sources),
            Field::Remarks => opt(&self.remarks),
        }
    }

    /// Reads a cell's text into the field, checking its format. The error is a Japanese message
    /// for the person fixing the file; the field keeps its previous value on error.
    pub fn set_cell(&mut self, field: Field, raw: &str) -> Result<(), String> {
        let raw = raw.trim();
        let text = || (!raw.is_empty()).then(|| raw.to_owned());
        match field {
            Field::Id => self.id = cell::parse_id(raw)?,
            Field::LocalGovCode => self.local_gov_code = cell::parse_gov_code(raw)?,
            Field::Prefecture => self.prefecture = text(),
            Field::Municipality => self.municipality = text(),
            Field::Name => self.name = raw.to_owned(),
            Field::NameKana => self.name_kana = text(),
            Field::Aliases => self.aliases = split_multi(raw),
            Field::Category => self.category = cell::parse_category(raw)?,
            Field::Status => self.status = cell::parse_status(raw)?,
            Field::Organisation => self.organisation = text(),
            Field::Description => self.description = text(),
            Field::Targets => self.targets = split_multi(raw),
            Field::Substances => self.substances = split_multi(raw),
            Field::Programs => self.programs = split_multi(raw),
            Field::ServiceArea => self.service_area = split_multi(raw),
            Field::Address => self.address = text(),
            Field::AddressExtra => self.address_extra = text(),
            Field::Latitude => self.latitude = cell::parse_degrees(raw, 20.0, 46.0)?,
            Field::Longitude => self.longitude = cell::parse_degrees(raw, 122.0, 154.0)?,
            Field::Phone => self.phones = cell::parse_phones(raw)?,
            Field::Fax => self.fax = cell::parse_phone(raw)?,
            Field::Email => self.email = cell::parse_email(raw)?,
            Field::Url => self.url = cell::parse_url(raw)?,
            Field::Days => self.days = split_multi(&cell::unify_day_separators(raw)),
            Field::Opens => self.opens = cell::parse_time(raw)?,
            Field::Closes => self.closes = cell::parse_time(raw)?,
            Field::HoursNote => self.hours_note = text(),
            Field::Reservation => self.reservation = text(),
            Field::Fees => self.fees = text(),
            Field::Anonymous => self.anonymous = text(),
            Field::Confidentiality => self.confidentiality = text(),
            Field::Residency => self.residency = text(),
            Field::Languages => self.languages = split_multi(raw),
            Field::Interpreter => self.interpreter = cell::parse_interpreter(raw)?,
            Field::SourceDate => self.source_date = cell::parse_date(raw)?,
            Field::ConfirmedOn => self.confirmed_on = cell::parse_date(raw)?,
            Field::ConfirmedBy => self.confirmed_by = text(),
            Field::ConfirmedHow => self.confirmed_how = cell::parse_method(raw)?,
            Field::Sources => self.sources = cell::parse_urls(raw)?,
            Field::Remarks => self.remarks = text(),
        }
        Ok(())
    }

    /// Whether a person confirmed the record, but more than `max_days` before `today`. A record
    /// never confirmed is not "old" but 未確認 ([`Resource::confirmed_on`] is `None`): the two
    /// tell a counsellor different things.
    pub fn possibly_out_of_date(&self, today: chrono::NaiveDate, max_days: u32) -> bool {
        possibly_out_of_date(self.confirmed_on, today, max_days)
    }

    /// Whether the record gives any way to reach the resource: a phone, an address, a web page
    /// or an e-mail address. One that gives none is marked 連絡先の記載なし and ranks after
    /// equally relevant ones.
    pub fn is_reachable(&self) -> bool {
        !self.phones.is_empty()
            || self.address.is_some()
            || self.url.is_some()
            || self.email.is_some()
    }

    /// Whether the record is a place a person can be sent to: not planned, suspended, closed, or
    /// an office that takes no individual cases (運用状況 empty).
    pub fn is_open_to_people(&self) -> bool {
        self.status.is_none()
    }

    /// Whether the resource says it takes anonymous consultations (匿名相談 starts with 可).
    pub fn accepts_anonymous(&self) -> bool {
        self.anonymous
            .as_deref()
            .is_some_and(|a| a.starts_with('可'))
    }

    /// Whether the resource says no reservation is needed (予約 starts with 不要).
    pub fn needs_no_reservation(&self) -> bool {
        self.reservation
            .as_deref()
            .is_some_and(|r| r.starts_with("不要"))
    }
}

/// [`Resource::possibly_out_of_date`] for a bare date (search hits carry only the date):
/// confirmed, and longer ago than `max_days`.
pub fn possibly_out_of_date(
    confirmed_on: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    max_days: u32,
) -> bool {
    confirmed_on.is_some_and(|d| (today - d).num_days() > i64::from(max_days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_its_cell_text() {
        let mut r = Resource::default();
        let samples: &[(Field, &str)] = &[
            (Field::Id, "osaka-city-mhc"),
            (Field::LocalGovCode, "271004"),
            (Field::Name, "大阪市こころの健康センター"),
            (Field::Aliases, "こころの健康センター; 市センター"),
            (Field::Category, "相談窓口"),
            (Field::Latitude, "34.7055"),
            (Field::Longitude, "135.5319"),
            (Field::Phone, "06-6922-3475;0570-064-556"),
            (Field::Fax, "０６－６９２２－３４７６"),
            (Field::Url, "https://www.city.osaka.lg.jp/kenko/"),
            (Field::Days, "月・水・金"),
            (Field::Opens, "9:00"),
            (Field::Closes, "17:30"),
            (Field::SourceDate, "2025-02-12"),
            (Field::ConfirmedOn, "2026-11-30"),
            (Field::ConfirmedHow, "電話"),
            (Field::Status, "計画中（2029年度）"),
            (Field::Sources, "https://a.example/x ; https://b.example/y"),
        ];
        for (f, v) in samples {
            r.set_cell(*f, v).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        }
        assert_eq!(r.aliases, vec!["こころの健康センター", "市センター"]);
        assert_eq!(r.fax.as_deref(), Some("06-6922-3476"));
        assert_eq!(r.days, vec!["月", "水", "金"]);
        let mut again = Resource::default();
        for f in Field::ALL {
            again.set_cell(*f, &r.cell(*f)).unwrap();
        }
        assert_eq!(again, r);
    }

    #[test]
    fn a_bad_cell_leaves_the_field_as_it_was() {
        let mut r = Resource {
            opens: Some("9:00".into()),
            ..Resource::default()
        };
        assert!(r.set_cell(Field::Opens, "25:99").is_err());
        assert_eq!(r.opens.as_deref(), Some("9:00"));
    }
}
