// The data loop in the app: a counsellor reports what is wrong with a record (kept on this PC,
// sent to the publisher with `tsunagu correction export`), and the データ screen shows which
// places have no window with a phone for their residents.
import { api, messageOf } from "../api";
import type { Correction, Coverage, Detail } from "../api";
import { h, replace } from "../dom";

/** The columns a counsellor most often finds wrong, first in the list. */
const FIELDS = ["電話番号", "住所", "利用可能日時特記事項", "運用状況", "対象地域", "URL", "説明", "備考"];

function describe(c: Correction): string {
  const note = c.note ? `（${c.note}）` : "";
  return `${c.field}: ${c.current ?? "（記載なし）"} → ${c.value}${note}`;
}

/**
 * The detail's 「情報の誤りを知らせる」: the corrections already made, and a folded form to add
 * one. `done` runs after a correction was saved (the detail reloads).
 */
export function correctionsSection(d: Detail, say: (m: string) => void, done: () => void): HTMLElement {
  const field = h("select", { "aria-label": "どの項目か" }, FIELDS.map((f) => h("option", { value: f }, f)));
  const value = h("input", { type: "text", "aria-label": "正しい内容", placeholder: "正しい内容（例: 06-1234-5678、終了）" });
  const note = h("input", { type: "text", "aria-label": "どうしてわかったか", placeholder: "どうしてわかったか（例: 電話したら別の課だった）" });
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const save = h("button", { type: "button" }, "訂正を記録する");
  save.addEventListener("click", async () => {
    try {
      await api.addCorrection(d.resource.id, field.value, value.value, note.value.trim() || null);
      say("訂正を記録しました。公開元に送るには「tsunagu correction export」で書き出します");
      done();
    } catch (e) {
      error.hidden = false;
      replace(error, messageOf(e));
    }
  });
  return h(
    "section",
    { class: "corrections", "aria-label": "情報の誤り" },
    d.corrections.length > 0 &&
      h(
        "div",
        { class: "stale", role: "note" },
        h("strong", {}, "現場からの訂正（公開元の確認待ち）"),
        h("ul", {}, d.corrections.map((c) => h("li", {}, describe(c)))),
      ),
    !d.resource.local &&
      h(
        "details",
        {},
        h("summary", {}, "情報の誤りを知らせる"),
        h("p", { class: "hint" }, "電話番号が違う、移転した、教室が終わった…。このパソコンに記録し、公開元に送るファイルにまとめられます。記録そのものは書き換わりません。"),
        field,
        value,
        note,
        save,
        error,
      ),
  );
}

/** The coverage table of the データ screen: gaps first. */
export function coverageSection(c: Coverage | string): HTMLElement {
  if (typeof c === "string") return h("p", { class: "error" }, c);
  const gaps = c.rows.filter((r) => r.gap !== "");
  return h(
    "section",
    { class: "coverage", "aria-label": "地域ごとの窓口" },
    h("h3", {}, "地域ごとの窓口（電話のある地域の窓口）"),
    h(
      "p",
      {},
      `市町村 ${c.municipalities_covered} / ${c.municipalities}、大阪市・堺市の区 ${c.wards_covered} / ${c.wards}。空白の ${gaps.length} か所を先に並べています。`,
    ),
    h(
      "details",
      {},
      h("summary", {}, "一覧を見る"),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", {}, "市区町村"), h("th", {}, "状態"), h("th", {}, "地域の窓口"))),
        h(
          "tbody",
          {},
          c.rows.map((r) =>
            h(
              "tr",
              { class: r.gap === "" ? "" : "gap" },
              h("td", {}, r.place),
              h("td", {}, r.gap === "" ? "○" : r.gap),
              h(
                "td",
                {},
                r.windows
                  .map((w) => `${w.name}（${w.phone ? "電話あり" : "電話なし"}・${w.days_since_confirmed === null ? "未確認" : `${w.days_since_confirmed}日前に確認`}）`)
                  .join("、") || "—",
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Loads the coverage table, or the reason it could not be read. */
export async function loadCoverage(): Promise<Coverage | string> {
  try {
    return await api.coverage();
  } catch (e) {
    return messageOf(e);
  }
}
