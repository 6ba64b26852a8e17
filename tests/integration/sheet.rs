//! Referral sheets and session calendars as PDF, read back with poppler (`pdftotext`,
//! `pdffonts`, `pdfinfo`), which the project's set-up script installs.

use std::path::Path;
use std::process::Command;

use crate::util::Fixture;

const HEADER: &str = "ID,名称,名称_カナ,種別,説明,対象者,住所,電話番号,URL,利用可能日時特記事項,予約,料金,秘密保持,最終確認日,出典";

fn row(id: &str, name: &str, extra: &str) -> String {
    format!("{id},{name},{extra}")
}

fn dataset() -> String {
    let mut rows = vec![HEADER.to_owned()];
    rows.push(row(
        "fam",
        "ひまわり家族教室",
        "ヒマワリ カゾク キョウシツ,家族教室,薬物の問題を抱える人の家族が学ぶ教室。,家族,大阪市北区中之島1-3-20,06-1111-2222,https://www.example.jp/himawari,毎月第3日曜日 14:00-16:00,要予約,無料,相談内容を本人の同意なく警察に伝えることはありません。,2025-06-01,https://www.example.jp/source",
    ));
    rows.push(row(
        "hc",
        "北保健所",
        "キタ ホケンジョ,相談窓口,,本人;家族,,06-3333-4444,,平日 9:00-17:45（祝日・年末年始を除く）,,,,,",
    ));
    // Hostile text in every field that reaches the page.
    let long = "長い説明。".repeat(1000);
    rows.push(format!(
        "evil,\"<script>alert(1)</script>#link(\"\"x\"\")] \u{202E}evil\u{200B}name\",,相談窓口,\"{long}\",\"<img src=x onerror=alert(1)>\",\"]); #panic() \u{7}\",06-5555-6666,https://example.jp/?q=<b>,\"*bold* _x_ $math$ @ref <lab>\",,,\"#set text(size: 200pt)\",,"
    ));
    for i in 0..17 {
        rows.push(row(
            &format!("bulk{i}"),
            &format!("とても長い名前の相談窓口 第{i}号 大阪府大阪市中央区本町一丁目の相談室と家族支援センター"),
            "ソウダン,相談窓口,,,,06-7777-8888,,,,,,,",
        ));
    }
    rows.join("\n") + "\n"
}

pub(crate) fn fixture() -> Fixture {
    let f = Fixture::new();
    let csv = f.write("d.csv", dataset());
    f.run_path("import", &csv).assert_ok();
    f
}

pub(crate) fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed (poppler-utils, installed by scripts/setup.sh): {e}")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn text_of(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

pub(crate) fn pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[test]
fn a_one_resource_sheet_says_what_matters_and_embeds_a_font_subset() {
    let f = fixture();
    let pdf = f.path("one.pdf");
    f.run(&[
        "sheet",
        "fam",
        "-o",
        pdf.to_str().unwrap(),
        "--note",
        "まずは電話で相談してみてください。",
        "--for",
        "山田 太郎 さんへ",
        "--office",
        "北区保健福祉センター",
        "--issued",
        "2026-12-01",
    ])
    .assert_ok()
    .assert_stdout_has("紹介シートを書き出しました");
    let text = text_of(&pdf);
    for needle in [
        "紹介シート",
        "ひまわり家族教室",
        "ヒマワリ カゾク キョウシツ",
        "06-1111-2222",
        "相談内容を本人の同意なく警察に伝えることはありません。",
        "毎月第3日曜日 14:00-16:00",
        // The next sessions, from the schedule: third Sundays after 2026-12-01.
        "12月20日(日) 14:00〜16:00",
        "1月17日(日) 14:00〜16:00",
        "まずは電話で相談してみてください。",
        // The addressee as typed, nothing appended.
        "山田 太郎 さんへ",
        "北区保健福祉センター",
        "2026年12月1日",
        "出典の日付: 2025年6月1日",
        "確認日: 未確認",
        "要予約",
        "無料",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let noto: Vec<&str> = fonts.lines().filter(|l| l.contains("NotoSansJP")).collect();
    assert!(!noto.is_empty(), "{fonts}");
    for line in &noto {
        // A subset is named ABCDEF+Font and listed with emb yes, sub yes.
        let name = line.split_whitespace().next().unwrap();
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not a subset: {line}"
        );
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(
            cols.windows(2).any(|w| w == ["yes", "yes"]),
            "not embedded as subset: {line}"
        );
    }
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 300 * 1024, "one-resource sheet is {size} bytes");
}

#[test]
fn missing_fields_are_left_out_not_filled_in() {
    let f = fixture();
    let pdf = f.path("hc.pdf");
    f.run(&[
        "sheet",
        "hc",
        "-o",
        pdf.to_str().unwrap(),
        "--issued",
        "2026-12-01",
    ])
    .assert_ok();
    let text = text_of(&pdf);
    assert!(text.contains("北保健所") && text.contains("06-3333-4444"));
    for absent in [
        "料金",
        "秘密の取り扱い",
        "予約",
        "住所",
        "担当者からのメモ",
        "さんへ",
        "ホームページ",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?} printed for a resource that does not state it:\n{text}"
        );
    }
    // 2026-12-01 is a Tuesday, a working day.
    assert!(text.contains("12月1日(火)"), "{text}");
}

#[test]
fn twenty_resources_with_hostile_text_give_a_valid_readable_pdf() {
    let f = fixture();
    let pdf = f.path("many.pdf");
    let mut args = vec![
        "sheet".to_owned(),
        "evil".to_owned(),
        "fam".to_owned(),
        "hc".to_owned(),
    ];
    args.extend((0..17).map(|i| format!("bulk{i}")));
    args.extend(["-o".into(), pdf.to_str().unwrap().into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    f.run(&args).assert_ok();
    assert!(pages(&pdf) >= 3, "twenty entries take several pages");
    let text = text_of(&pdf);
    // Markup prints as the characters it is; it did not run or restyle anything.
    for literal in [
        "<script>alert(1)</script>",
        "#link(\"x\")]",
        "<img src=x onerror=alert(1)>",
        "#set text(size: 200pt)",
        "*bold* _x_ $math$ @ref <lab>",
    ] {
        assert!(text.contains(literal), "missing literal {literal:?}");
    }
    // Bidi overrides and zero-width characters are gone; the 5,000-character description is cut.
    assert!(text.contains("evilname"), "{text}");
    assert!(!text.contains('\u{202E}') && !text.contains('\u{200B}'));
    assert!(text.matches("長い説明。").count() < 200);
    for i in [0, 16] {
        assert!(text.contains(&format!("第{i}号")), "entry {i} missing");
    }
    let raw = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        !raw.contains("/JavaScript") && !raw.contains("/JS "),
        "no scripts in the PDF"
    );
}

#[test]
fn the_session_calendar_is_one_page() {
    let f = fixture();
    let pdf = f.path("cal.pdf");
    f.run(&[
        "upcoming",
        "--from",
        "2026-12-01",
        "--days",
        "90",
        "--pdf",
        pdf.to_str().unwrap(),
        "--office",
        "北区保健福祉センター",
        // The windows' standing hours fill more rows than a page holds.
        "--include-hours",
    ])
    .assert_ok();
    assert_eq!(pages(&pdf), 1);
    let text = text_of(&pdf);
    for needle in [
        "開催日程のご案内",
        "12月20日(日)",
        "ひまわり家族教室",
        "06-1111-2222",
        "14:00〜16:00",
        "ほか",
        "北区保健福祉センター",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}
