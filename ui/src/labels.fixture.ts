// The labels the core sends (`labels` command), as the unit tests' mock answers them. A function,
// so a test may change its copy without touching the others'.
import type { Labels } from "./bindings/Labels";

export function labelsFixture(): Labels {
  return {
    categories: ["相談窓口", "電話相談", "自助グループ", "家族会", "家族教室", "医療機関", "回復施設", "就労支援", "法律相談", "司法・更生保護", "その他"],
    facets: [
      { key: "category", label: "種別", flag_value: null, flag_chip: null },
      { key: "targets", label: "対象者", flag_value: null, flag_chip: null },
      { key: "substances", label: "対象物質", flag_value: null, flag_chip: null },
      { key: "programs", label: "プログラム", flag_value: null, flag_chip: null },
      { key: "municipality", label: "所在地", flag_value: null, flag_chip: null },
      { key: "day", label: "曜日", flag_value: null, flag_chip: null },
      { key: "anonymous", label: "匿名相談", flag_value: "可", flag_chip: "匿名で相談できる" },
      { key: "no_reservation", label: "予約", flag_value: "不要", flag_chip: "予約なしで行ける" },
    ],
    weekdays: ["月", "火", "水", "木", "金", "土", "日"],
    municipalities: ["大阪市", "堺市", "東大阪市", "豊中市"],
    residence: "居住地（利用できる所）",
    referral_ways: ["紹介シート", "電話で予約", "同行"],
    referral_statuses: ["紹介済み", "連絡あり", "つながった", "つながらなかった", "不明"],
  };
}
