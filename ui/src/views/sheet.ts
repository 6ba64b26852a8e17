// The referral sheet as the app prints it: the core's ReferralModel (the same words the PDF is
// made from) laid out on A4 in the same order as the PDF — the header with 発行日 and 発行元, the
// addressee exactly as typed, each resource (name, kana, kind, stance badge, phones in large
// type, the warning box, the stance sentence, the rows, its own words on confidentiality, the
// small print, the QR code of its page), the note, a box to write in and the footer. On screen
// it is hidden; `@media print` shows it alone.
import type { ReferralModel, SheetEntry } from "../api";
import { h } from "../dom";
import { stanceBadge } from "./badges";

const SVG = "http://www.w3.org/2000/svg";
/** Light modules around the code, as the QR standard asks. */
const QUIET = 4;

/** The QR code from rows of modules ("1" dark), as SVG rectangles: one per run of dark modules. */
export function qrSvg(rows: string[]): SVGSVGElement {
  const size = rows.length + 2 * QUIET;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("class", "qr");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "ホームページの QR コード");
  svg.setAttribute("shape-rendering", "crispEdges");
  const rect = (x: number, y: number, w: number, fill: string, hgt = 1) => {
    const r = document.createElementNS(SVG, "rect");
    r.setAttribute("x", String(x));
    r.setAttribute("y", String(y));
    r.setAttribute("width", String(w));
    r.setAttribute("height", String(hgt));
    r.setAttribute("fill", fill);
    return r;
  };
  svg.appendChild(rect(0, 0, size, "#fff", size));
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (row[x] !== "1") {
        x++;
        continue;
      }
      let end = x;
      while (end < row.length && row[end] === "1") end++;
      svg.appendChild(rect(x + QUIET, y + QUIET, end - x, "#000"));
      x = end;
    }
  });
  return svg;
}

function label(text: string): HTMLElement {
  return h("span", { class: "sheet-label" }, text);
}

function entry(e: SheetEntry): HTMLElement {
  return h(
    "section",
    { class: "sheet-entry" },
    h(
      "div",
      { class: "sheet-entry-top" },
      h(
        "div",
        { class: "sheet-entry-main" },
        e.kana && h("p", { class: "sheet-kana" }, e.kana),
        h(
          "h2",
          {},
          h("span", { class: "sheet-name" }, e.name),
          " ",
          h("span", { class: "sheet-cat" }, e.category),
          " ",
          stanceBadge(e.stance, e.stance_label),
        ),
        e.phones.length > 0 &&
          h("p", { class: "sheet-phones" }, label("電話"), e.phones.map((p) => h("span", { class: "sheet-phone" }, p))),
      ),
      e.qr_rows && h("figure", { class: "sheet-qr" }, qrSvg(e.qr_rows), h("figcaption", {}, "ホームページ")),
    ),
    e.warning && h("p", { class: "sheet-warning" }, e.warning),
    e.stance_sentence && h("p", { class: "sheet-stance" }, e.stance_sentence),
    e.rows.length > 0 && h("dl", { class: "sheet-rows" }, e.rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    e.confidentiality &&
      h(
        "div",
        { class: "sheet-confidential" },
        label("秘密の取り扱い（相談先の記載より）"),
        h("p", {}, `「${e.confidentiality}」`),
      ),
    // The core breaks long runs (a URL) with a newline for the PDF's layout; on this page the
    // browser wraps them itself, and a newline would show as a space inside the address.
    e.small.length > 0 && h("p", { class: "sheet-small" }, e.small.map((s) => s.replace(/\n/g, "")).join("　")),
  );
}

/** The whole sheet, ready to print. */
export function sheetView(m: ReferralModel): HTMLElement {
  return h(
    "article",
    { class: "print-sheet", "aria-label": "紹介シート（印刷用）" },
    h(
      "header",
      { class: "sheet-head" },
      h("h1", {}, m.title, h("small", {}, "相談先のご案内")),
      h(
        "p",
        { class: "sheet-issued" },
        h("span", { class: "sheet-date" }, `発行日 ${m.issued}`),
        h("span", { class: "sheet-office" }, "発行元 ", m.office ?? h("span", { class: "sheet-blank" })),
      ),
    ),
    // The addressee as the counsellor wrote it: nothing added.
    m.recipient !== null && h("p", { class: "sheet-recipient" }, m.recipient),
    m.entries.map(entry),
    m.note !== null && h("div", { class: "sheet-note" }, label("担当者からのメモ"), h("p", {}, m.note)),
    h(
      "div",
      { class: "sheet-memo" },
      label("メモ欄"),
      Array.from({ length: 4 }, () => h("div", { class: "sheet-memo-line" })),
    ),
    h("footer", { class: "sheet-foot" }, m.footer),
  );
}
