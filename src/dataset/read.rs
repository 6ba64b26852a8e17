//! Reading a dataset CSV into resources while collecting every problem: one pass gives both the
//! rows to import and the full report, so `validate` and `import` can never disagree.

use std::collections::HashMap;

use super::decode::{TextEncoding, decode};
use super::report::Report;
use super::row::Row;
use super::scan::{Lines, unterminated_quote_line};
use crate::resource::{Field, Kind, Resource, vocab};

/// Cells longer than this are refused: no real cell is this long, and a file with an unterminated
/// quote otherwise turns into one enormous cell.
pub const MAX_CELL_CHARS: usize = 65_536;

/// A dataset file read into memory, with everything validation found.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Resources in file order (rows with errors are included as far as they could be read, so
    /// callers must check [`Report::has_errors`] before using them).
    pub resources: Vec<Resource>,
    /// Headers of the columns the schema does not know, in file order.
    pub extra_columns: Vec<String>,
    /// Every problem found.
    pub report: Report,
    /// The detected encoding (`None` when the bytes could not be decoded).
    pub encoding: Option<TextEncoding>,
}

/// Where each file column goes.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Known(Field),
    /// One of the recommended dataset's split address columns, with its position in the address.
    AddressPart(usize),
    Extra(String),
    /// A repeated header; reported once and ignored.
    Ignored,
}

const ADDRESS_PARTS: [&str; 4] = [
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
];

/// Parses and validates dataset bytes. `file` is the name used in the report.
pub fn parse(file: &str, bytes: &[u8]) -> Parsed {
    let mut resources = Vec::new();
    let mut parsed = parse_each(file, bytes, |r, _| resources.push(r));
    parsed.resources = resources;
    parsed
}

/// Parses and validates dataset bytes like [`parse`], handing each resource to `each` as soon as
/// its row is read instead of keeping them (`Parsed::resources` stays empty), so a large file
/// can be imported without holding every row in memory. The flag says whether the file has
/// been free of errors up to and including this row: once it is `false` the rows can only be
/// validated, never imported.
pub fn parse_each(file: &str, bytes: &[u8], mut each: impl FnMut(Resource, bool)) -> Parsed {
    let mut parsed = Parsed {
        report: Report::new(file),
        ..Parsed::default()
    };
    let text = match decode(bytes) {
        Ok((text, enc)) => {
            parsed.encoding = Some(enc);
            text
        }
        Err(e) => {
            parsed.report.error(e.line, "-", e.message);
            return parsed;
        }
    };
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        parsed.report.error(
            1,
            "-",
            "ファイルが空です（見出し行と 1 行以上のデータが必要です）",
        );
        return parsed;
    }
    let unterminated = unterminated_quote_line(&text);

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.byte_records().peekable();

    let header = match records.next() {
        Some(Ok(h)) => match csv::StringRecord::from_byte_record(h) {
            Ok(h) => h,
            Err(e) => {
                parsed
                    .report
                    .error(1, "-", format!("見出し行を読めません: {}", e.utf8_error()));
                return parsed;
            }
        },
        Some(Err(e)) => {
            parsed
                .report
                .error(1, "-", format!("見出し行を読めません: {e}"));
            return parsed;
        }
        None => {
            parsed.report.error(1, "-", "見出し行がありません");
            return parsed;
        }
    };
    if unterminated == Some(1) {
        parsed
            .report
            .error(1, "-", "見出し行の引用符（\"）が閉じられていません");
        return parsed;
    }
    if header.len() > MAX_COLUMNS {
        parsed.report.error(
            1,
            "-",
            format!(
                "列が多すぎます（{} 列。上限は {MAX_COLUMNS} 列）",
                header.len()
            ),
        );
        return parsed;
    }
    let targets = map_header(&header, &mut parsed);
    let header_names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();

    let lines = Lines::of(&text);
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    let mut data_rows = 0usize;
    while let Some(result) = records.next() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(&text, p.byte()));
                parsed
                    .report
                    .error(line, "-", format!("CSV として読めません: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.at(&text, p.byte()));
        let Some(record) = Row::of(&record) else {
            parsed.report.error(
                line,
                "-",
                "CSV として読めません: UTF-8 として正しくない文字があります",
            );
            continue;
        };
        // An unterminated quote swallows the rest of the file, so it is always in the last record.
        if let Some(q) = unterminated.filter(|_| records.peek().is_none()) {
            parsed.report.error(
                q,
                "-",
                "引用符（\"）が閉じられないままファイルが終わっています（ファイルが途中で切れている可能性があります）",
            );
            break;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        data_rows += 1;
        if record.len() != header.len() {
            parsed.report.error(
                line,
                "-",
                format!(
                    "列の数が見出し行と違います（{} 列、見出しは {} 列）",
                    record.len(),
                    header.len()
                ),
            );
        }
        let resource = read_row(&record, &targets, &header_names, line, &mut parsed.report);
        if !resource.id.is_empty() {
            if let Some(first) = seen_ids.get(&resource.id) {
                parsed.report.error(
                    line,
                    Field::Id.header(),
                    format!(
                        "ID「{}」が重複しています（{first} 行目と同じ）",
                        resource.id
                    ),
                );
            } else {
                seen_ids.insert(resource.id.clone(), line);
            }
        }
        lint(&resource, line, &mut parsed.report);
        each(resource, !parsed.report.has_errors());
    }
    if data_rows == 0 && !parsed.report.has_errors() {
        parsed.report.error(2, "-", "データ行がありません");
    }
    parsed.report.sort();
    parsed
}

/// The most columns a dataset may have: the schema has about 40, and a file with a million
/// header cells is an attack on memory and on whoever reads the warnings.
pub const MAX_COLUMNS: usize = 500;

fn map_header(header: &csv::StringRecord, parsed: &mut Parsed) -> Vec<Target> {
    let report = &mut parsed.report;
    let mut targets: Vec<Target> = Vec::with_capacity(header.len());
    let mut first_col: HashMap<Field, usize> = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let norm = crate::resource::normalize_header(raw);
        let target = if let Some(f) = Field::from_header(raw) {
            if let Some(prev) = first_col.get(&f) {
                report.error(
                    1,
                    raw.trim(),
                    format!(
                        "列「{}」が重複しています（{} 列目と同じ）",
                        f.header(),
                        prev + 1
                    ),
                );
                Target::Ignored
            } else {
                first_col.insert(f, i);
                if f == Field::SourceDate && norm != crate::resource::normalize_header(f.header()) {
                    report.warning(
                        1,
                        raw.trim(),
                        format!(
                            "「{}」は出典の日付（出典が示す日付）として読みました。人が窓口に確かめた日は「確認日」の列に書いてください",
                            raw.trim()
                        ),
                    );
                }
                Target::Known(f)
            }
        } else if let Some(p) = ADDRESS_PARTS.iter().position(|a| *a == norm) {
            Target::AddressPart(p)
        } else if norm.is_empty() {
            report.warning(
                1,
                "-",
                format!("{} 列目の見出しが空です（この列は読み飛ばします）", i + 1),
            );
            Target::Ignored
        } else {
            // A header is text entering like a cell: unguarded (see `export::guard`) and cleaned.
            Target::Extra(crate::text::clean(super::export::unguard(raw.trim())))
        };
        targets.push(target);
    }
    // The recommended dataset numbers rows in `NO`; use it as the ID when there is no ID column.
    if !first_col.contains_key(&Field::Id)
        && let Some(i) = header
            .iter()
            .position(|h| crate::resource::normalize_header(h) == "no")
    {
        targets[i] = Target::Known(Field::Id);
        first_col.insert(Field::Id, i);
    }
    // Split address columns only stand in for 住所 when the file has no 住所 of its own.
    if first_col.contains_key(&Field::Address) {
        for t in &mut targets {
            if let Target::AddressPart(p) = t {
                *t = Target::Extra(ADDRESS_PARTS[*p].to_owned());
            }
        }
    }
    for f in Field::ALL.iter().filter(|f| f.is_required()) {
        if !first_col.contains_key(f) {
            report.error(1, f.header(), "必須の列がありません");
        }
    }
    for t in &targets {
        if let Target::Extra(name) = t {
            report.warning(1, name, "スキーマにない列です（内容はそのまま保持します）");
            parsed.extra_columns.push(name.clone());
        }
    }
    targets
}

fn read_row(
    record: &Row<'_>,
    targets: &[Target],
    headers: &[String],
    line: u64,
    report: &mut Report,
) -> Resource {
    let mut r = Resource::default();
    let mut address_parts: [String; 4] = Default::default();
    for (i, target) in targets.iter().enumerate() {
        let raw = super::export::unguard(record.get(i).unwrap_or(""));
        let column = headers.get(i).map(String::as_str).unwrap_or("-");
        // A cell's bytes are at least its characters: count them only when it could be long.
        if raw.len() > MAX_CELL_CHARS && raw.chars().count() > MAX_CELL_CHARS {
            report.error(
                line,
                column,
                format!(
                    "値が長すぎます（{} 文字。上限は {MAX_CELL_CHARS} 文字）",
                    raw.chars().count()
                ),
            );
            continue;
        }
        // Nearly every cell is clean already: it is then used as it is, not copied.
        let value = if crate::text::is_clean(raw) {
            std::borrow::Cow::Borrowed(raw)
        } else {
            if !crate::text::is_clean(&raw.replace("\r\n", "\n")) {
                report.warning(line, column, "制御文字・見えない文字を取り除きました");
            }
            std::borrow::Cow::Owned(crate::text::clean(raw))
        };
        match target {
            Target::Known(field) => {
                if field.kind() != Kind::Text && value.contains('\n') {
                    report.error(line, column, "この列には改行を含められません");
                    continue;
                }
                if let Err(message) = r.set_cell(*field, &value) {
                    report.error(line, column, message);
                } else if field.is_required() && value.trim().is_empty() {
                    report.error(line, column, "値がありません");
                }
            }
            Target::AddressPart(p) => address_parts[*p] = value.trim().to_owned(),
            Target::Extra(name) => {
                if !value.trim().is_empty() {
                    r.extra.insert(name.clone(), value.trim().to_owned());
                }
            }
            Target::Ignored => {}
        }
    }
    if r.address.is_none() && address_parts.iter().any(|p| !p.is_empty()) {
        r.address = Some(address_parts.concat());
    }
    r
}

/// Checks that do not stop an import but make the catalogue worse.
fn lint(r: &Resource, line: u64, report: &mut Report) {
    match &r.name_kana {
        None => report.warning(
            line,
            Field::NameKana.header(),
            "読み（カナ）がありません。読みで検索できなくなります",
        ),
        Some(k) if !is_kana_reading(k) => report.warning(
            line,
            Field::NameKana.header(),
            format!("「{k}」にカナ以外の文字があります"),
        ),
        Some(_) => {}
    }
    if r.sources.is_empty() {
        report.warning(line, Field::Sources.header(), "出典がありません");
    }
    match r.source_date {
        None => report.warning(line, Field::SourceDate.header(), "出典の日付がありません"),
        Some(d) if d > crate::time::today() => report.warning(
            line,
            Field::SourceDate.header(),
            format!("出典の日付 {d} が未来の日付です"),
        ),
        Some(_) => {}
    }
    match r.confirmed_on {
        Some(d) if d > crate::time::today() => report.error(
            line,
            Field::ConfirmedOn.header(),
            format!("確認日 {d} が未来の日付です（確認は過去か今日にしかできません）"),
        ),
        Some(_) if r.confirmed_how.is_none() || r.confirmed_by.is_none() => report.warning(
            line,
            Field::ConfirmedOn.header(),
            "確認日があるのに確認者か確認方法がありません",
        ),
        None if r.confirmed_how.is_some() || r.confirmed_by.is_some() => report.error(
            line,
            Field::ConfirmedOn.header(),
            "確認者・確認方法があるのに確認日がありません",
        ),
        _ => {}
    }
    let coordinate_error = report.errors().any(|p| {
        p.line == line
            && [Field::Latitude, Field::Longitude]
                .iter()
                .any(|f| f.header() == p.column)
    });
    if r.latitude.is_some() != r.longitude.is_some() && !coordinate_error {
        report.error(
            line,
            Field::Latitude.header(),
            "緯度と経度は両方とも必要です",
        );
    }
    for (field, values, known) in [
        (Field::Targets, &r.targets, vocab::TARGETS),
        (Field::Substances, &r.substances, vocab::SUBSTANCES),
        (Field::Languages, &r.languages, vocab::LANGUAGES),
    ] {
        for v in values.iter().filter(|v| !known.contains(&v.as_str())) {
            report.warning(
                line,
                field.header(),
                format!("「{v}」は通常の値ではありません"),
            );
        }
    }
    for d in r.days.iter().filter(|d| !vocab::is_known_day(d)) {
        report.warning(
            line,
            Field::Days.header(),
            format!("「{d}」は曜日として読めません"),
        );
    }
    if let Some(v) = &r.reservation
        && !["要", "不要", "一部要"].iter().any(|p| v.starts_with(p))
    {
        report.warning(
            line,
            Field::Reservation.header(),
            "要・不要・一部要 のいずれかで始めてください",
        );
    }
    if let Some(v) = &r.anonymous
        && !(v.starts_with('可') || v.starts_with("不可"))
    {
        report.warning(
            line,
            Field::Anonymous.header(),
            "可・不可 のいずれかで始めてください",
        );
    }
}

fn is_kana_reading(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}')
            || c.is_whitespace()
            || matches!(
                c,
                '・' | '･' | '（' | '）' | '(' | ')' | '-' | '－' | '〜' | '～'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(csv: &str) -> Vec<String> {
        let p = parse("t.csv", csv.as_bytes());
        p.report
            .problems
            .iter()
            .map(|x| p.report.format(x))
            .collect()
    }

    #[test]
    fn minimal_file_is_clean_but_warns_about_kana_and_sources() {
        let p = parse("t.csv", "ID,名称,種別\na,大阪ダルク,回復施設\n".as_bytes());
        assert!(!p.report.has_errors(), "{}", p.report);
        assert_eq!(p.resources.len(), 1);
        assert!(p.report.warnings().any(|w| w.column == "名称_カナ"));
    }

    #[test]
    fn missing_required_value_names_line_and_column() {
        let m = messages("ID,名称,種別\na,,回復施設\n");
        assert!(
            m.contains(&"t.csv:2: 名称: 値がありません".to_string()),
            "{m:?}"
        );
    }

    #[test]
    fn split_address_columns_are_joined() {
        let p = parse(
            "t.csv",
            "NO,名称,種別,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下\n1,x,その他,大阪府,大阪市都島区,中野町,5-15-21\n".as_bytes(),
        );
        assert!(!p.report.has_errors(), "{}", p.report);
        assert_eq!(p.resources[0].id, "1");
        assert_eq!(
            p.resources[0].address.as_deref(),
            Some("大阪府大阪市都島区中野町5-15-21")
        );
    }

    #[test]
    fn control_characters_are_removed_with_a_warning() {
        let p = parse("t.csv", "ID,名称,種別\na,x\u{1b}[31my,その他\n".as_bytes());
        assert_eq!(p.resources[0].name, "x[31my");
        assert!(p.report.warnings().any(|w| w.message.contains("制御文字")));
    }
}
