// The referral sheet as the app prints it: the core's ReferralModel (the same words the PDF is
// made from) laid out on A4 in the same order as the PDF — the header with 発行日 and 発行元, the
// addressee exactly as typed, each resource (name, kana, kind, stance badge, phones in large
// type, the warning box, the stance sentence, the rows, its own words on confidentiality, the
// small print, the QR code of its page), the note, a box to write in and the footer. On screen
// it is hidden; `@media print` shows it alone.
import type { ReferralModel, SheetEntry, SheetLabels } from "../api";
import { h } from "../dom";
import { stanceBadge } from "./badges";
import { fixedText } from "./style-picker";

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

/** The stance badge in the sheet's words (with furigana in easy Japanese). */
function badge(e: SheetEntry): HTMLElement {
  const b = stanceBadge(e.stance, e.stance_label);
  b.replaceChildren(...fixedText(e.stance_label));
  return b;
}

/** A fixed label of the sheet's style (furigana drawn as ruby). */
function label(text: string): HTMLElement {
  return h("span", { class: "sheet-label" }, fixedText(text));
}

function entry(e: SheetEntry, l: SheetLabels): HTMLElement {
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
          h("span", { class: "sheet-cat" }, fixedText(e.category)),
          " ",
          badge(e),
        ),
        e.phones.length > 0 &&
          h("p", { class: "sheet-phones" }, label(l.phone), e.phones.map((p) => h("span", { class: "sheet-phone" }, p))),
      ),
      e.qr_rows && h("figure", { class: "sheet-qr" }, qrSvg(e.qr_rows), h("figcaption", {}, fixedText(l.homepage))),
    ),
    e.warning && h("p", { class: "sheet-warning" }, fixedText(e.warning)),
    e.stance_sentence && h("p", { class: "sheet-stance" }, fixedText(e.stance_sentence)),
    e.language_note && h("p", { class: "sheet-warning sheet-language" }, fixedText(e.language_note)),
    e.rows.length > 0 &&
      h("dl", { class: "sheet-rows" }, e.rows.map(([k, v]) => [h("dt", {}, fixedText(k)), h("dd", {}, v)])),
    e.confidentiality &&
      h("div", { class: "sheet-confidential" }, label(l.confidentiality), h("p", {}, `「${e.confidentiality}」`)),
    // The core breaks long runs (a URL) with a newline for the PDF's layout; on this page the
    // browser wraps them itself, and a newline would show as a space inside the address.
    e.small.length > 0 &&
      h(
        "p",
        { class: "sheet-small" },
        e.small.map(([k, v], i) => [i > 0 ? "　" : "", ...fixedText(k), v ? `: ${v.replace(/\n/g, "")}` : ""]),
      ),
  );
}

/** The whole sheet, ready to print. */
export function sheetView(m: ReferralModel): HTMLElement {
  const l = m.labels;
  const classes = ["print-sheet", m.style.easy && "easy", m.style.large && "large"].filter(Boolean).join(" ");
  return h(
    "article",
    { class: classes, lang: m.style.lang, "aria-label": "紹介シート（印刷用）" },
    h(
      "header",
      { class: "sheet-head" },
      h("h1", {}, fixedText(m.title), h("small", {}, fixedText(l.subtitle))),
      h(
        "p",
        { class: "sheet-issued" },
        h("span", { class: "sheet-date" }, fixedText(l.issued), ` ${m.issued}`),
        h("span", { class: "sheet-office" }, fixedText(l.office), " ", m.office ?? h("span", { class: "sheet-blank" })),
      ),
    ),
    // The addressee as the counsellor wrote it: nothing added.
    m.recipient !== null && h("p", { class: "sheet-recipient" }, m.recipient),
    l.guide.length > 0 && h("div", { class: "sheet-guide" }, l.guide.map((g) => h("p", {}, fixedText(g)))),
    m.entries.map((e) => entry(e, l)),
    m.note !== null && h("div", { class: "sheet-note" }, label(l.note), h("p", {}, m.note)),
    h(
      "div",
      { class: "sheet-memo" },
      label(l.memo),
      Array.from({ length: 4 }, () => h("div", { class: "sheet-memo-line" })),
    ),
    h("footer", { class: "sheet-foot" }, fixedText(m.footer)),
  );
}
