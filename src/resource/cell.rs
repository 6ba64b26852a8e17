//! Parsers for the cells whose format can be checked. Each returns the canonical value or a Japanese
//! message saying what is wrong and what is expected.
//!
//! Values are width-folded (NFKC) before checking, because Japanese open data is often typed with
//! full-width digits (０６－…) and that is not an error a publisher should have to fix.

use crate::text::nfkc;
use chrono::NaiveDate;

use super::Category;

type CellResult<T> = Result<T, String>;

/// Splits a multi-valued cell on `;` (or a full-width `；`), trimming values and dropping empty ones.
pub fn split_multi(raw: &str) -> Vec<String> {
    raw.split([';', '；'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) fn parse_id(raw: &str) -> CellResult<String> {
    let id = nfkc(raw);
    if id.is_empty() {
        return Err("値がありません".into());
    }
    if id.chars().count() > 128 {
        return Err("ID が長すぎます（128 文字まで）".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "ID に使えない文字「{c}」があります（英数字と . _ - のみ）"
        ));
    }
    Ok(id)
}

pub(super) fn parse_gov_code(raw: &str) -> CellResult<Option<String>> {
    let code = nfkc(raw);
    if code.is_empty() {
        return Ok(None);
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) || !(code.len() == 5 || code.len() == 6) {
        return Err(format!(
            "「{code}」は全国地方公共団体コード（6 桁、または検査数字なしの 5 桁）ではありません"
        ));
    }
    if code.len() == 6 {
        let d: Vec<u32> = code.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = d[..5].iter().zip([6, 5, 4, 3, 2]).map(|(a, w)| a * w).sum();
        let check = (11 - sum % 11) % 10;
        if d[5] != check {
            return Err(format!(
                "全国地方公共団体コード「{code}」の検査数字が合いません（{check} のはず）"
            ));
        }
    }
    Ok(Some(code))
}

pub(super) fn parse_category(raw: &str) -> CellResult<Category> {
    let label = nfkc(raw);
    if label.is_empty() {
        return Err("値がありません".into());
    }
    Category::from_label(&label).ok_or_else(|| {
        let all: Vec<_> = Category::ALL.iter().map(|c| c.label()).collect();
        format!(
            "「{label}」は種別の一覧にありません（{} のいずれか）",
            all.join("、")
        )
    })
}

pub(super) fn parse_degrees(raw: &str, min: f64, max: f64) -> CellResult<Option<f64>> {
    let s = nfkc(raw);
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && (min..=max).contains(&v) => Ok(Some(v)),
        Ok(_) => Err(format!(
            "「{s}」は日本の範囲（{min}〜{max} 度）にありません"
        )),
        Err(_) => Err(format!("「{s}」は十進数の度（例: 34.6937）ではありません")),
    }
}

/// Hyphen look-alikes seen in phone numbers typed in Japanese text.
const DASHES: [char; 7] = ['‐', '‑', '–', '—', '−', 'ー', '―'];

pub(super) fn parse_phone(raw: &str) -> CellResult<Option<String>> {
    let s: String = nfkc(raw)
        .chars()
        .map(|c| if DASHES.contains(&c) { '-' } else { c })
        .collect();
    let s = s.trim().to_owned();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = s
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, '-' | '(' | ')' | ' ' | '#')));
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let shape_ok = if let Some(short) = s.strip_prefix('#') {
        digits == 4 && !short.contains('#')
    } else if s.trim_start_matches('(').starts_with('0') {
        (10..=11).contains(&digits) && !s.contains('#')
    } else {
        // 110, 119, 189 (児童相談所虐待対応ダイヤル) and similar three-digit numbers.
        digits == 3 && s.len() == 3
    };
    match bad {
        Some(c) => Err(format!(
            "電話番号「{s}」に使えない文字「{c}」があります（番号以外の説明は備考へ）"
        )),
        None if !shape_ok => Err(format!(
            "「{s}」は電話番号の形（例: 06-6922-3475、0570-064-556、#7110）ではありません"
        )),
        None => Ok(Some(s)),
    }
}

pub(super) fn parse_phones(raw: &str) -> CellResult<Vec<String>> {
    let mut out = Vec::new();
    for part in split_multi(raw) {
        if let Some(p) = parse_phone(&part)? {
            out.push(p);
        }
    }
    Ok(out)
}

pub(super) fn parse_email(raw: &str) -> CellResult<Option<String>> {
    let s = nfkc(raw);
    if s.is_empty() {
        return Ok(None);
    }
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(Some(s))
    } else {
        Err(format!("「{s}」はメールアドレスの形ではありません"))
    }
}

pub(super) fn parse_url(raw: &str) -> CellResult<Option<String>> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // URLs that lie about where they go are refused: user-info before the host
    // (`https://www.city.osaka.lg.jp@evil.example/` goes to evil.example), backslashes that
    // browsers read as slashes (`http:/\\evil.example`), and escaped invisible characters.
    if s.contains('\\') {
        return Err(format!("URL「{s}」に \\ があります（/ で書いてください）"));
    }
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8_lossy();
    if !crate::text::is_clean(&decoded) {
        return Err(format!(
            "URL「{s}」に見えない文字や制御文字が含まれています"
        ));
    }
    match url::Url::parse(s) {
        Ok(u) if !u.username().is_empty() || u.password().is_some() => Err(format!(
            "URL「{s}」の @ より前に利用者名があります。実際の行き先は {} です",
            u.host_str().unwrap_or("不明")
        )),
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Ok(Some(s.to_owned()))
        }
        Ok(u) => Err(format!(
            "URL「{s}」は http または https ではありません（{}:）",
            u.scheme()
        )),
        Err(_) => Err(format!("「{s}」は URL の形ではありません")),
    }
}

pub(super) fn parse_urls(raw: &str) -> CellResult<Vec<String>> {
    let mut out = Vec::new();
    for part in split_multi(raw) {
        if let Some(u) = parse_url(&part)? {
            out.push(u);
        }
    }
    Ok(out)
}

/// Day lists come as `月・水・金`, `月,水,金` or `月、水、金`; all mean the same list.
pub(super) fn unify_day_separators(raw: &str) -> String {
    nfkc(raw).replace([',', '、', '・', '/', ' '], ";")
}

pub(super) fn parse_time(raw: &str) -> CellResult<Option<String>> {
    let s = nfkc(raw);
    if s.is_empty() {
        return Ok(None);
    }
    let parsed = s.split_once(':').and_then(|(h, m)| {
        let ok_digits =
            |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
        if !ok_digits(h) || m.len() != 2 || !ok_digits(m) {
            return None;
        }
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some((h, m))
    });
    match parsed {
        Some((h, m)) => Ok(Some(format!("{h}:{m:02}"))),
        None => Err(format!(
            "「{s}」は時刻（H:MM、例: 9:00、17:30）ではありません"
        )),
    }
}

/// How a person confirmed a record: the closed list of 確認方法.
pub const CONFIRM_METHODS: &[&str] = &["電話", "窓口", "公式ページ"];

/// What 運用状況 may start with: a record that is not (or no longer) a place a person can go.
/// Details may follow, e.g. `計画中（2029年度開設予定）`.
pub const STATUSES: &[&str] = &["計画中", "休止中", "終了", "個別相談なし"];

pub(super) fn parse_method(raw: &str) -> CellResult<Option<String>> {
    let s = nfkc(raw);
    if s.is_empty() {
        return Ok(None);
    }
    match CONFIRM_METHODS.iter().find(|m| **m == s) {
        Some(m) => Ok(Some((*m).to_owned())),
        None => Err(format!(
            "「{s}」は確認方法ではありません（{} のどれか）",
            CONFIRM_METHODS.join("・")
        )),
    }
}

/// 通訳: あり or なし, optionally followed by details in parentheses (あり（要予約）).
pub(super) fn parse_interpreter(raw: &str) -> CellResult<Option<String>> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let folded = nfkc(s);
    if ["あり", "なし"].iter().any(|w| folded.starts_with(w)) {
        Ok(Some(s.to_owned()))
    } else {
        Err(format!(
            "「{s}」は通訳の欄の値ではありません（あり・なしで始めてください。例: あり（要予約））"
        ))
    }
}

pub(super) fn parse_status(raw: &str) -> CellResult<Option<String>> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let folded = nfkc(s);
    if STATUSES.iter().any(|w| folded.starts_with(w)) {
        Ok(Some(s.to_owned()))
    } else {
        Err(format!(
            "「{s}」は運用状況ではありません（{} のどれかで始めてください。利用できる窓口なら空欄）",
            STATUSES.join("・")
        ))
    }
}

pub(super) fn parse_date(raw: &str) -> CellResult<Option<NaiveDate>> {
    let s = nfkc(raw);
    if s.is_empty() {
        return Ok(None);
    }
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(format!(
            "「{s}」は YYYY-MM-DD の形ではありません（例: 2025-02-12）"
        ));
    }
    // Read straight from its shape: a date is in nearly every row, and a format string is
    // interpreted anew at each call.
    let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(0);
    match NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10)) {
        Some(d) => Ok(Some(d)),
        None => Err(format!("「{s}」はありえない日付です")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_accept_real_shapes_and_reject_labels() {
        for ok in [
            "06-6922-3475",
            "0570-064-556",
            "0120-123-456",
            "072-847-3261",
            "(06)6922-3475",
            "#7110",
            "189",
            "０６－６９２２－３４７５",
            "06ー6922ー3475",
        ] {
            assert!(parse_phone(ok).is_ok(), "{ok}");
        }
        for bad in [
            "072-847-3261(代表)",
            "6922-3475",
            "06-6922-34755555",
            "tel:0669223475",
            "#71100",
        ] {
            assert!(parse_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn gov_code_check_digit() {
        assert_eq!(parse_gov_code("271004").unwrap().as_deref(), Some("271004")); // 大阪市
        assert_eq!(parse_gov_code("271403").unwrap().as_deref(), Some("271403")); // 堺市
        assert!(parse_gov_code("271005").is_err());
        assert!(parse_gov_code("27100").is_ok());
        assert!(parse_gov_code("abc").is_err());
    }

    #[test]
    fn dates_must_be_real_and_iso_shaped() {
        assert!(parse_date("2025-02-12").is_ok());
        assert!(parse_date("２０２５－０２－１２").is_ok());
        assert!(parse_date("2025/02/12").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("2025-2-12").is_err());
        assert!(parse_date("2025-02-30").unwrap_err().contains("ありえない"));
    }

    #[test]
    fn times_are_24_hour() {
        assert_eq!(parse_time("09:00").unwrap().as_deref(), Some("9:00"));
        assert_eq!(parse_time("１７：３０").unwrap().as_deref(), Some("17:30"));
        assert!(parse_time("24:00").is_ok());
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("9時").is_err());
    }

    #[test]
    fn urls_that_lie_are_refused() {
        for lie in [
            "https://www.city.osaka.lg.jp@evil.example/",
            "https://user:pw@evil.example/",
            "http:/\\evil.example",
            "https://evil.example/%E2%80%AEgnp.exe",
        ] {
            assert!(parse_url(lie).is_err(), "{lie}");
        }
        assert!(parse_url("https://www.city.osaka.lg.jp/kenko/page/0000001.html?a=b@c").is_ok());
    }

    #[test]
    fn urls_only_http() {
        assert!(parse_url("https://www.pref.osaka.lg.jp/").is_ok());
        assert!(parse_url("javascript:alert(1)").is_err());
        assert!(parse_url("file:///etc/passwd").is_err());
        assert!(parse_url("www.example.jp").is_err());
    }

    #[test]
    fn coordinates_must_be_in_japan() {
        assert!(parse_degrees("34.69", 20.0, 46.0).is_ok());
        assert!(parse_degrees("134.69", 20.0, 46.0).is_err());
        assert!(parse_degrees("NaN", 20.0, 46.0).is_err());
        assert!(parse_degrees("北緯34度", 20.0, 46.0).is_err());
    }

    #[test]
    fn emails() {
        assert!(parse_email("soudan@city.osaka.lg.jp").is_ok());
        assert!(parse_email("soudan@localhost").is_err());
        assert!(parse_email("a b@x.jp").is_err());
    }
}
