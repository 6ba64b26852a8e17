// The marks a resource carries wherever it is listed: what it says about reporting to the police
// (the first thing a frightened person asks), no way to reach it, a status that keeps it off a
// sheet, and 未確認. The words of the stance are the core's (ReportStance::label, also sent on the
// sheet as `stance_label`); the search results carry only the key, so they are named here once.
import type { ReportStance, SearchHit } from "../api";
import { h } from "../dom";

/** The badge's words per stance: the same as the sheet's `stance_label`. */
export const STANCE_LABEL: Record<ReportStance, string> = {
  "no-report": "秘密を守ると明記",
  enforcement: "警察・取締機関",
  unknown: "秘密保持の記載なし",
};

/** What the badge's tooltip says. */
const STANCE_TITLE: Record<ReportStance, string> = {
  "no-report": "相談の秘密を守ると、相談先自身の言葉で書かれています",
  enforcement: "警察または取締りの機関です。保健・医療の窓口とは役割が異なります",
  unknown: "通報や秘密保持について、このデータには記載がありません",
};

/** The stance badge (green for no-report, amber for enforcement, small and muted for unknown). */
export function stanceBadge(stance: ReportStance, label: string = STANCE_LABEL[stance]): HTMLElement {
  return h("span", { class: `badge stance stance-${stance}`, "data-stance": stance, title: STANCE_TITLE[stance] }, label);
}

/** The words for a status that keeps a resource off a sheet (運用状況: 計画中…). */
export function statusReason(status: string): string {
  return `運用状況「${status}」のため、紹介シートには載せられません（今は行ける所ではありません）`;
}

/** The marks of one search result, in the order they matter. */
export function hitMarks(hit: SearchHit): HTMLElement[] {
  const marks: (HTMLElement | false)[] = [
    stanceBadge(hit.report_stance),
    hit.status !== null && h("span", { class: "badge op-status", title: statusReason(hit.status) }, hit.status),
    !hit.reachable &&
      h("span", { class: "badge unreachable", title: "電話番号・住所・ホームページ・メールのどれも記載がありません" }, "連絡先の記載なし"),
    hit.possibly_out_of_date && h("span", { class: "stale", title: "窓口に確かめてから時間がたっています" }, "※確認が古い"),
    hit.confirmed_on === null &&
      h("span", { class: "unconfirmed", title: "窓口に確かめた記録はまだありません" }, "未確認"),
  ];
  return marks.filter((m): m is HTMLElement => m !== false);
}
