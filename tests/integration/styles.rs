//! Sheets and handouts everyone can read (issue 19): every style and language of the referral
//! sheet and the session calendar read back with pdftotext, hostile text inert in each, the
//! sheet as plain text, languages as data, and the area booklet.

use crate::sheet::{fixture, pages, poppler, text_of};
use crate::util::Fixture;

/// The styles, each with sentences of its own that must be on the page.
const STYLES: &[(&[&str], &[&str])] = &[
    (
        &["--style", "easy"],
        &[
            // Furigana: the reading and its kanji are both in the text.
            "そうだん",
            "相談できる ところ",
            "でんわ",
            "行く 前に、電話を しましょう。",
            "たんとう",
        ],
    ),
    (
        &["--lang", "en"],
        &[
            "Referral sheet",
            "Please call before you go, and show this sheet.",
            "This place may answer only in Japanese.",
        ],
    ),
    (
        &["--lang", "zh"],
        &[
            "转介单",
            "前往前请先打电话，并出示此单。",
            "该机构可能只能用日语应对。",
        ],
    ),
    (
        &["--lang", "ko"],
        &[
            "안내 시트",
            "가기 전에 전화하고, 이 시트를 보여 주세요.",
            "이 기관은 일본어로만 응대할 수도 있습니다.",
        ],
    ),
    (
        &["--lang", "vi"],
        &[
            "Phiếu giới thiệu",
            "Hãy gọi điện trước khi đến và đưa phiếu này.",
            "Nơi này có thể chỉ trả lời bằng tiếng Nhật.",
        ],
    ),
    (&["--large"], &["紹介シート", "相談先のご案内"]),
];

/// pdftotext without layout, lines joined: sentences come out whole however they wrapped.
fn flowing_text(pdf: &std::path::Path) -> String {
    poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]).replace('\n', "")
}

#[test]
fn every_style_prints_its_fixed_sentences_and_keeps_hostile_text_inert() {
    let f = fixture();
    for (flags, sentences) in STYLES {
        let pdf = f.path(&format!("sheet{}.pdf", flags.join("")));
        let mut args = vec!["sheet", "evil", "fam", "hc", "-o", pdf.to_str().unwrap()];
        args.extend_from_slice(flags);
        f.run(&args).assert_ok();
        let text = flowing_text(&pdf);
        for s in *sentences {
            assert!(text.contains(s), "{flags:?}: missing {s:?}\n{text}");
        }
        // The resource text stays as the source wrote it, and markup prints as characters.
        let layout = text_of(&pdf);
        for literal in [
            "<script>alert(1)</script>",
            "#set text(size: 200pt)",
            "ひまわり家族教室",
        ] {
            assert!(
                layout.contains(literal),
                "{flags:?}: missing literal {literal:?}"
            );
        }
        let raw = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
        assert!(!raw.contains("/JavaScript"), "{flags:?}");
    }
    // Large print takes more pages for the same entries.
    let many = [
        "evil", "fam", "hc", "bulk0", "bulk1", "bulk2", "bulk3", "bulk4", "bulk5",
    ];
    let count = |flags: &[&str]| {
        let pdf = f.path("count.pdf");
        let mut args = vec!["sheet"];
        args.extend_from_slice(&many);
        args.extend_from_slice(&["-o", pdf.to_str().unwrap()]);
        args.extend_from_slice(flags);
        f.run(&args).assert_ok();
        pages(&pdf)
    };
    assert!(count(&["--large"]) > count(&[]));
}

#[test]
fn a_language_each_sheet_font_is_embedded_as_a_subset() {
    let f = fixture();
    for (lang, font) in [
        ("zh", "NotoSansSC"),
        ("ko", "NotoSansKR"),
        ("vi", "NotoSans-"),
    ] {
        let pdf = f.path(&format!("{lang}.pdf"));
        f.run(&["sheet", "fam", "--lang", lang, "-o", pdf.to_str().unwrap()])
            .assert_ok();
        let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
        let line = fonts
            .lines()
            .find(|l| l.contains(font))
            .unwrap_or_else(|| panic!("{lang}: no {font}\n{fonts}"));
        // "emb sub uni" all yes: embedded, subset, with a Unicode map (text can be copied).
        assert!(line.matches("yes").count() >= 3, "{line}");
    }
    // Easy Japanese does not combine with another language; an unknown one is named.
    let run = f.run(&["sheet", "fam", "--style", "easy", "--lang", "en"]);
    run.assert_fails();
    assert!(run.stderr().contains("やさしい日本語"), "{}", run.stderr());
    let run = f.run(&["sheet", "fam", "--lang", "fr"]);
    run.assert_fails();
    assert!(
        run.stderr().contains("ja, en, zh, ko, vi"),
        "{}",
        run.stderr()
    );
}

#[test]
fn the_session_calendar_in_every_style() {
    let f = fixture();
    for (flags, title) in [
        (&["--style", "easy"][..], "あつ"),
        (&["--lang", "en"][..], "Upcoming meetings and classes"),
        (&["--lang", "zh"][..], "活动日程"),
        (&["--lang", "ko"][..], "모임·교실 일정"),
        (&["--lang", "vi"][..], "Lịch sinh hoạt sắp tới"),
        (&["--large"][..], "開催日程のご案内"),
    ] {
        let pdf = f.path("cal.pdf");
        let mut args = vec![
            "upcoming",
            "--from",
            "2026-12-01",
            "--days",
            "60",
            "--pdf",
            pdf.to_str().unwrap(),
        ];
        args.extend_from_slice(flags);
        f.run(&args).assert_ok();
        let text = flowing_text(&pdf);
        assert!(text.contains(title), "{flags:?}: {text}");
        assert!(text.contains("ひまわり家族教室"), "{flags:?}: {text}");
        assert_eq!(pages(&pdf), 1, "{flags:?}");
    }
}

#[test]
fn the_sheet_as_text_for_line_or_email() {
    let f = fixture();
    let run = f.run(&["sheet", "fam", "hc", "--text", "--for", "山田 花子 さんへ"]);
    run.assert_ok();
    let text = run.stdout();
    for s in [
        "紹介シート",
        "山田 花子 さんへ",
        "■ ひまわり家族教室",
        "電話: 06-1111-2222",
        "受付・開催: 毎月第3日曜日 14:00-16:00",
        "URL: https://www.example.jp/himawari",
        "■ 北保健所",
    ] {
        assert!(text.contains(s), "missing {s:?}\n{text}");
    }
    // Easy Japanese: furigana after their kanji, and the name's reading.
    let text = f
        .run(&["sheet", "fam", "--text", "--style", "easy"])
        .assert_ok()
        .stdout();
    assert!(text.contains("電話(でんわ): 06-1111-2222"), "{text}");
    assert!(
        text.contains("ひまわり家族教室（ひまわり かぞく きょうしつ）"),
        "{text}"
    );
    // Another language: its labels, and the Japanese-only line.
    let text = f
        .run(&["sheet", "fam", "--text", "--lang", "en"])
        .assert_ok()
        .stdout();
    assert!(text.contains("Phone: 06-1111-2222"), "{text}");
    assert!(
        text.contains("This place may answer only in Japanese."),
        "{text}"
    );
}

#[test]
fn languages_are_data_validated_searchable_and_on_the_sheet() {
    let f = Fixture::new();
    let csv = f.write(
        "langs.csv",
        "ID,名称,名称_カナ,種別,電話番号,対応言語,通訳,出典\n\
         intl,国際相談窓口,コクサイ,相談窓口,06-1000-2000,日本語;英語;ベトナム語,あり（要予約）,https://example.jp/\n\
         ja,日本語の窓口,ニホンゴ,相談窓口,06-1000-3000,,,https://example.jp/\n\
         odd,謎の窓口,ナゾ,相談窓口,06-1000-4000,クリンゴン語,,https://example.jp/\n",
    );
    let report = f.run(&["validate", csv.to_str().unwrap()]);
    assert!(
        report.stdout().contains("クリンゴン語"),
        "{}",
        report.stdout()
    );
    let bad = f.write("bad.csv", "ID,名称,種別,通訳\nx,窓口,相談窓口,たぶん\n");
    let run = f.run(&["validate", bad.to_str().unwrap()]);
    run.assert_fails();
    assert!(run.stdout().contains("通訳") || run.stderr().contains("通訳"));
    f.run_path("import", &csv).assert_ok();
    for lang in ["英語", "en"] {
        let v: serde_json::Value = serde_json::from_str(
            &f.run(&["search", "--language", lang, "--json"])
                .assert_ok()
                .stdout(),
        )
        .unwrap();
        assert_eq!(crate::util::result_ids(&v), ["intl"], "{lang}");
    }
    // On the sheet: the window that answers in English does not get the Japanese-only line.
    let pdf = f.path("en.pdf");
    f.run(&[
        "sheet",
        "intl",
        "ja",
        "--lang",
        "en",
        "-o",
        pdf.to_str().unwrap(),
    ])
    .assert_ok();
    let text = flowing_text(&pdf);
    assert!(text.contains("日本語・英語・ベトナム語"), "{text}");
    assert!(text.contains("あり（要予約）"), "{text}");
    assert_eq!(
        text.matches("This place may answer only in Japanese.")
            .count(),
        1,
        "{text}"
    );
}

#[test]
fn the_area_booklet_groups_what_serves_a_resident() {
    let f = Fixture::new();
    let pdf = f.path("ikuno.pdf");
    let run = f.run(&["booklet", "--area", "生野区", "-o", pdf.to_str().unwrap()]);
    run.assert_ok();
    assert!(
        run.stdout().contains("冊子を書き出しました"),
        "{}",
        run.stdout()
    );
    let text = flowing_text(&pdf);
    for s in [
        "大阪市生野区に住む人のための相談先",
        "相談窓口（",
        "電話相談（",
        "家族会・家族教室（",
        "生野区保健福祉センター",
        "大阪市こころの健康センター",
        "秘密の取り扱い（相談先の記載より）",
        "未確認",
        "データ 2026-12",
    ] {
        assert!(text.contains(s), "missing {s:?}");
    }
    // A ward centre of another ward and another city's windows are not in it.
    assert!(!text.contains("北区保健福祉センター"), "{text}");
    assert!(!text.contains("堺市 堺区"), "{text}");
    // A5, and areas that are not one place.
    let a5 = f.path("a5.pdf");
    f.run(&[
        "booklet",
        "--area",
        "堺市",
        "--fold",
        "a5",
        "-o",
        a5.to_str().unwrap(),
    ])
    .assert_ok();
    let info = poppler("pdfinfo", &[a5.to_str().unwrap()]);
    assert!(info.contains("419.528 x 595.276"), "{info}");
    for area in ["北区", "東京都"] {
        let run = f.run(&[
            "booklet",
            "--area",
            area,
            "-o",
            f.path("x.pdf").to_str().unwrap(),
        ]);
        run.assert_fails();
        assert!(run.stderr().contains("読めません"), "{}", run.stderr());
    }
}
