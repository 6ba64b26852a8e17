//! The dataset's columns: their Japanese headers, the keys used in SQLite and JSON, and what kind of
//! value each holds. One table drives import, storage and export, so a column is declared once.

/// What kind of value a column holds; decides how a cell is checked and stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text (line breaks allowed).
    Text,
    /// Several values separated by `;`.
    Multi,
    /// The resource identifier.
    Id,
    /// One of [`crate::Category`].
    Category,
    /// A reading in kana.
    Kana,
    /// A 5- or 6-digit local-government code.
    GovCode,
    /// Decimal degrees of latitude.
    Latitude,
    /// Decimal degrees of longitude.
    Longitude,
    /// Telephone numbers separated by `;`.
    Phones,
    /// One telephone number.
    Phone,
    /// An e-mail address.
    Email,
    /// One http(s) URL.
    Url,
    /// http(s) URLs separated by `;`.
    Urls,
    /// Days of the week, separated by `;`.
    Days,
    /// A time of day, `H:MM`.
    Time,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// How a record was confirmed: 電話, 窓口 or 公式ページ.
    Method,
    /// 運用状況: empty for a place a person can go, else why not (計画中, 休止中…).
    Status,
    /// 通訳: あり or なし, with details.
    Interpreter,
}

macro_rules! fields {
    ($( $(#[$doc:meta])* $variant:ident => $header:literal, $key:literal, $kind:ident; )*) => {
        /// One column of the dataset.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $( $(#[$doc])* $variant, )*
        }

        impl Field {
            /// Every column, in the order of `data/SCHEMA.md` (and of exported files).
            pub const ALL: &'static [Field] = &[ $( Field::$variant, )* ];

            /// The Japanese column header.
            pub fn header(self) -> &'static str {
                match self { $( Field::$variant => $header, )* }
            }

            /// The English key used for the SQLite column and in JSON output.
            pub fn key(self) -> &'static str {
                match self { $( Field::$variant => $key, )* }
            }

            /// What kind of value the column holds.
            pub fn kind(self) -> Kind {
                match self { $( Field::$variant => Kind::$kind, )* }
            }
        }
    };
}

fields! {
    /// ID: stable identifier, unique in a file.
    Id => "ID", "id", Id;
    /// 全国地方公共団体コード.
    LocalGovCode => "全国地方公共団体コード", "local_gov_code", GovCode;
    /// 都道府県名.
    Prefecture => "都道府県名", "prefecture", Text;
    /// 市区町村名: where the resource is.
    Municipality => "市区町村名", "municipality", Text;
    /// 名称.
    Name => "名称", "name", Text;
    /// 名称_カナ.
    NameKana => "名称_カナ", "name_kana", Kana;
    /// 名称_通称: other names.
    Aliases => "名称_通称", "aliases", Multi;
    /// 種別.
    Category => "種別", "category", Category;
    /// 運用状況: why a record is not a place a person can go (planned, suspended, no individual
    /// cases); empty when it is.
    Status => "運用状況", "status", Status;
    /// 運営主体.
    Organisation => "運営主体", "organisation", Text;
    /// 説明.
    Description => "説明", "description", Text;
    /// 対象者.
    Targets => "対象者", "targets", Multi;
    /// 対象物質.
    Substances => "対象物質", "substances", Multi;
    /// プログラム.
    Programs => "プログラム", "programs", Multi;
    /// 対象地域: municipalities served.
    ServiceArea => "対象地域", "service_area", Multi;
    /// 住所.
    Address => "住所", "address", Text;
    /// 方書: building and floor.
    AddressExtra => "方書", "address_extra", Text;
    /// 緯度.
    Latitude => "緯度", "latitude", Latitude;
    /// 経度.
    Longitude => "経度", "longitude", Longitude;
    /// 電話番号.
    Phone => "電話番号", "phone", Phones;
    /// FAX番号.
    Fax => "FAX番号", "fax", Phone;
    /// メールアドレス.
    Email => "メールアドレス", "email", Email;
    /// URL.
    Url => "URL", "url", Url;
    /// 利用可能曜日.
    Days => "利用可能曜日", "days", Days;
    /// 開始時間.
    Opens => "開始時間", "opens", Time;
    /// 終了時間.
    Closes => "終了時間", "closes", Time;
    /// 利用可能日時特記事項: the schedule in the source's words.
    HoursNote => "利用可能日時特記事項", "hours_note", Text;
    /// 予約.
    Reservation => "予約", "reservation", Text;
    /// 料金.
    Fees => "料金", "fees", Text;
    /// 匿名相談.
    Anonymous => "匿名相談", "anonymous", Text;
    /// 秘密保持: the resource's own words on confidentiality.
    Confidentiality => "秘密保持", "confidentiality", Text;
    /// 居住要件.
    Residency => "居住要件", "residency", Text;
    /// 対応言語: the languages the window answers in (日本語;英語;やさしい日本語…), as its
    /// source states them.
    Languages => "対応言語", "languages", Multi;
    /// 通訳: whether it arranges an interpreter (あり, なし, or あり（…）with the details).
    Interpreter => "通訳", "interpreter", Interpreter;
    /// 出典の日付: the date the source itself carries (its update date), not a check by anyone.
    SourceDate => "出典の日付", "source_date", Date;
    /// 確認日: the day a person confirmed the record with the resource.
    ConfirmedOn => "確認日", "confirmed_on", Date;
    /// 確認者: who confirmed it (an office or a person's role; a name only if the publisher wants).
    ConfirmedBy => "確認者", "confirmed_by", Text;
    /// 確認方法: 電話, 窓口 or 公式ページ.
    ConfirmedHow => "確認方法", "confirmed_how", Method;
    /// 出典: source URLs.
    Sources => "出典", "sources", Urls;
    /// 備考.
    Remarks => "備考", "remarks", Text;
}

impl Field {
    /// Columns without which a row cannot be imported.
    pub fn is_required(self) -> bool {
        matches!(self, Field::Id | Field::Name | Field::Category)
    }

    /// Whether the column holds several `;`-separated values.
    pub fn is_multi(self) -> bool {
        matches!(
            self.kind(),
            Kind::Multi | Kind::Phones | Kind::Urls | Kind::Days
        )
    }

    /// Finds the column for a header as written in a file: our own headers, the English keys, and
    /// the recommended-dataset (推奨データセット) names that mean the same thing.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = normalize_header(header);
        if let Some(f) = Field::ALL
            .iter()
            .find(|f| normalize_header(f.header()) == h || f.key() == h)
        {
            return Some(*f);
        }
        Some(match h.as_str() {
            "都道府県コード又は市区町村コード" | "地方公共団体コード" | "市区町村コード" => {
                Field::LocalGovCode
            }
            "地方公共団体名" => Field::Municipality,
            "所在地_連結表記" | "所在地" => Field::Address,
            "建物名等(方書)" | "建物名等" => Field::AddressExtra,
            "団体名" => Field::Organisation,
            // Editions before 2026-12 called the source's date 最終確認日 (see data/SOURCES.md):
            // it never recorded a person's check, so it is read as what it was.
            "最終確認日" | "last_checked" => Field::SourceDate,
            "fax" | "ファックス番号" => Field::Fax,
            "email" | "メール" => Field::Email,
            _ => return None,
        })
    }
}

/// Header comparison ignores width, case, surrounding space and a stray BOM, because files saved by
/// spreadsheet programs differ in exactly those ways.
pub fn normalize_header(header: &str) -> String {
    crate::text::nfkc(header.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_keys_are_unique() {
        let mut headers: Vec<_> = Field::ALL.iter().map(|f| f.header()).collect();
        let mut keys: Vec<_> = Field::ALL.iter().map(|f| f.key()).collect();
        headers.sort();
        headers.dedup();
        keys.sort();
        keys.dedup();
        assert_eq!(headers.len(), Field::ALL.len());
        assert_eq!(keys.len(), Field::ALL.len());
    }

    #[test]
    fn recommended_dataset_names_map_onto_ours() {
        assert_eq!(Field::from_header("所在地_連結表記"), Some(Field::Address));
        assert_eq!(
            Field::from_header("地方公共団体名"),
            Some(Field::Municipality)
        );
        assert_eq!(
            Field::from_header("建物名等(方書)"),
            Some(Field::AddressExtra)
        );
        assert_eq!(
            Field::from_header("建物名等（方書）"),
            Some(Field::AddressExtra)
        );
        assert_eq!(Field::from_header("\u{feff}ID"), Some(Field::Id));
        assert_eq!(Field::from_header(" 名称＿カナ "), Some(Field::NameKana));
        assert_eq!(Field::from_header("ＦＡＸ番号"), Some(Field::Fax));
        assert_eq!(Field::from_header("信頼度"), None);
    }
}
