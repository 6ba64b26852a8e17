// Records as the core sends them (a search hit, a detail, a referral sheet), for the unit tests'
// mocked commands. Functions, so a test may change its copy without touching the others'.
import type { Detail } from "./bindings/Detail";
import type { ReferralModel } from "./bindings/ReferralModel";
import type { SheetLabels } from "./bindings/SheetLabels";
import type { SearchHit } from "./bindings/SearchHit";

export function hitFixture(id: string, name: string, more: Partial<SearchHit> = {}): SearchHit {
  return {
    id,
    name,
    name_kana: null,
    category: "相談窓口",
    municipality: "大阪市",
    address: "大阪市北区",
    phone: "06-0000-0000",
    url: null,
    confirmed_on: null,
    source_date: "2025-01-01",
    report_stance: "unknown",
    reachable: true,
    status: null,
    local: false,
    possibly_out_of_date: false,
    score: 1,
    matched: ["name"],
    explain: [],
    ...more,
  };
}

/** The 大阪府警察 line as the bundled data has it: its remark mentions 通報しない while saying the opposite. */
export const POLICE_REMARK =
  "警察の窓口であり、保健・医療の相談窓口(警察に通報しない方針を明記するところがある)とは性格が異なる。";

export function detailFixture(id: string, name: string, more: Partial<Detail["resource"]> = {}): Detail {
  const resource: Detail["resource"] = {
    id, local_gov_code: null, prefecture: "大阪府", municipality: "大阪市", name, name_kana: "テスト カナ",
    aliases: [], category: "相談窓口", status: null, organisation: "大阪市", description: "依存症の相談を受ける窓口。",
    targets: ["本人", "家族"], substances: ["覚醒剤"], programs: [], service_area: ["大阪市"], address: "大阪市北区1-1",
    address_extra: "3階（方書）", latitude: null, longitude: null, phones: ["06-0000-0000"], fax: null, email: null,
    url: "https://example.jp/%E7%9B%B8%E8%AB%87", days: ["水"], opens: "14:00", closes: "16:00",
    hours_note: "毎週水曜 14時から", reservation: "要", fees: "無料", anonymous: null, confidentiality: "秘密は守ります",
    residency: null, source_date: "2024-03-06", confirmed_on: null, confirmed_by: null, confirmed_how: null,
    sources: ["https://www.city.osaka.lg.jp/%E3%81%93%E3%81%93%E3%82%8D.html", "広報おおさか 2024年3月号"],
    remarks: "警察に通報しません（備考の言葉）", extra: { 信頼度: "high" }, local: false, languages: [], interpreter: null,
    ...more,
  };
  return {
    resource,
    rows: [
      { label: "ID", value: id, confidentiality: false },
      { label: "名称", value: name, confidentiality: false },
      { label: "名称_カナ", value: "テスト カナ", confidentiality: false },
      { label: "方書", value: "3階（方書）", confidentiality: false },
      { label: "秘密保持", value: "秘密は守ります", confidentiality: true },
      { label: "備考", value: "警察に通報しません（備考の言葉）", confidentiality: false },
      { label: "信頼度", value: "high", confidentiality: false },
    ],
    schedule: ["毎週水曜 14:00〜16:00"],
    schedule_unparsed: false,
    next_sessions: ["12/9(水) 14:00〜16:00"],
    links: [
      { kind: "tel", label: "06-0000-0000", href: "tel:0600000000", host: null },
      { kind: "web", label: "https://example.jp/%E7%9B%B8%E8%AB%87", href: "https://example.jp/%E7%9B%B8%E8%AB%87", host: "example.jp" },
    ],
    notes: [],
    possibly_out_of_date: false,
    stale_message: "未確認: 窓口に確かめた記録はまだありません（出典の日付 2024-03-06）。お出かけ前に電話で確かめてください",
    favourite: false,
    report_stance: "no-report",
    stance_sentence: "相談の秘密を守ると、この窓口自身の言葉で書かれています（下の「秘密保持」）。",
    served_area: { areas: ["大阪市"], basis: "stated" },
    served_area_text: "大阪市に住んでいる人",
    reachable: true,
    corrections: [],
    confirmations: [],
  };
}

/** The police line: an enforcement body whose remark mentions 通報しない. */
export function policeFixture(): Detail {
  const d = detailFixture("osaka-police-greenline", "少年総合相談(グリーンライン)", {
    organisation: "大阪府警察", confidentiality: null, remarks: POLICE_REMARK, category: "司法・更生保護",
  });
  d.rows = [
    { label: "名称", value: d.resource.name, confidentiality: false },
    { label: "運営主体", value: "大阪府警察", confidentiality: false },
    { label: "備考", value: POLICE_REMARK, confidentiality: false },
  ];
  d.report_stance = "enforcement";
  d.stance_sentence = "警察または取締りの機関です。保健・医療の窓口とは役割が異なります。";
  return d;
}

/** The standard sheet's fixed words, as the core sends them. */
export const SHEET_LABELS: SheetLabels = {
  title: "紹介シート", subtitle: "相談先のご案内", guide: [], issued: "発行日", office: "発行元", phone: "電話",
  homepage: "ホームページ", confidentiality: "秘密の取り扱い（相談先の記載より）", note: "担当者からのメモ", memo: "メモ欄",
  footer: "お出かけ前に電話でお確かめください。", unreachable: "連絡先の記載なし", long_url: "（URL が長すぎます）", url: "URL",
  sources: "出典", confirmed: "確認日", unconfirmed: "確認日: 未確認", source_date: "出典の日付", japanese_only: null,
  about: "内容", targets: "対象", substances: "対象物質", programs: "プログラム", address: "住所", hours: "受付・開催",
  next_dates: "次の日程", reservation: "予約", fees: "料金", anonymous: "匿名相談", residency: "居住要件", email: "メール",
  languages: "対応言語", interpreter: "通訳", stance_no_report: "秘密を守ると明記", stance_enforcement: "警察・取締機関",
  stance_unknown: "秘密保持の記載なし", enforcement_sentence: "警察または取締りの機関です。", calendar_title: "開催日程のご案内",
  calendar_date: "日付", calendar_time: "時間", calendar_place: "相談先・場所", calendar_booking: "要予約",
  calendar_none: "ありません。", calendar_more: "ほか {n} 件", calendar_unreadable: "日付にできない日程", calendar_footer: "",
  calendar_filters: "条件",
  categories: ["相談窓口", "電話相談", "自助グループ", "家族会", "家族教室", "医療機関", "回復施設", "就労支援", "法律相談", "司法・更生保護", "その他"],
};

/** A sheet of two: one that keeps secrets with a QR code, one enforcement body with no way to reach it. */
export function sheetFixture(recipient: string | null, note: string | null, office: string | null): ReferralModel {
  return {
    title: "紹介シート",
    issued: "2026年12月4日",
    office,
    recipient,
    note,
    entries: [
      {
        name: "大阪ダルク",
        kana: "オオサカ ダルク",
        category: "回復施設",
        phones: ["06-6323-8910", "06-0000-1111"],
        qr_rows: ["1110", "0101", "1001", "0000"],
        rows: [
          ["住所", "大阪市東淀川区"],
          ["受付", "平日 10:00〜17:00"],
        ],
        confidentiality: "外部に対して秘密を厳守いたします。",
        stance: "no-report",
        stance_label: "秘密を守ると明記",
        stance_sentence: null,
        warning: null,
        // The core breaks a run longer than 36 characters with a newline (for the PDF).
        small: [
          ["URL", "https://osakadarc.example/a-very-long-path/\nthat-the-core-broke"],
          ["確認日: 未確認", ""],
          ["出典の日付", "2024-03-01"],
        ],
        language_note: null,
      },
      {
        name: "近畿厚生局麻薬取締部",
        kana: null,
        category: "司法・更生保護",
        phones: [],
        qr_rows: null,
        rows: [["対象地域", "近畿"]],
        confidentiality: null,
        stance: "enforcement",
        stance_label: "警察・取締機関",
        stance_sentence: "警察または取締りの機関です。保健・医療の窓口とは役割が異なります。",
        warning: "このデータには連絡先（電話番号・住所・ホームページ・メール）の記載がありません。",
        small: [],
        language_note: null,
      },
    ],
    footer: "この紹介シートは「つなぐ」で作成しました。",
    style: { lang: "ja", easy: false, large: false },
    labels: SHEET_LABELS,
  };
}
