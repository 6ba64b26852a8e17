// The parts of the detail, in the order a counsellor about to phone needs them: the phone, the
// hours, whom it is for, what it says about confidentiality, where it is, how sure the record is,
// then every field of the record folded away. Dataset text is text; only the rows the core says
// affirm confidentiality are marked.
import { api, messageOf } from "../api";
import type { Detail } from "../api";
import type { Link } from "../bindings/Link";
import { h, highlight } from "../dom";
import { stanceBadge } from "./badges";
import { phoneLink, spaceActivates } from "./phone";

type Say = (message: string) => void;

/** Format characters (U+202E and the like) a decoded address must not bring onto the page. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** A web address for reading: percent-encoding decoded (日本語 rather than %E6%97%A5…). */
export function readableUrl(href: string): string {
  let text: string;
  try {
    text = decodeURI(href);
  } catch {
    return href;
  }
  // Decoding must not smuggle in what the importer removes from every cell.
  return INVISIBLE.test(text) ? href : text;
}

/** Whether a source is a web page the app may offer to open (http or https with a host). */
export function isWebUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.host !== "";
  } catch {
    return false;
  }
}

/** A link the shell opens (the page never follows one itself), shown readable, href as given. */
export function openableLink(href: string, text: string, className: string, say: Say): HTMLAnchorElement {
  const a = h("a", { href, class: className }, text);
  a.addEventListener("click", (e) => {
    e.preventDefault();
    api.openLink(href).catch((err) => say(messageOf(err)));
  });
  spaceActivates(a);
  return a;
}

/** The phone numbers in large type, or plainly 電話番号の記載なし. */
export function callSection(d: Detail): HTMLElement {
  const tels = d.links.filter((l) => l.kind === "tel");
  return h(
    "section",
    { class: "call", "aria-label": "電話" },
    tels.length > 0
      ? h("ul", { class: "phones" }, tels.map((l) => h("li", {}, phoneLink(l.label, l.href))))
      : h("p", { class: "no-phone" }, "電話番号の記載なし"),
    !d.reachable &&
      h("p", { class: "unreachable", role: "note" }, "連絡先の記載なし（電話番号・住所・ホームページ・メールのどれもありません）"),
    d.stale_message && h("p", { class: "stale", role: "note" }, d.stale_message),
  );
}

/** 受付日時: the schedule in words, the source's own words, the next dates, 予約. */
export function hoursSection(d: Detail): HTMLElement {
  const r = d.resource;
  const said = d.schedule.length > 0 || r.hours_note !== null || d.next_sessions.length > 0;
  return h(
    "section",
    { class: "hours" },
    h("h3", {}, "受付日時"),
    !said && h("p", { class: "hint" }, "日時の記載なし"),
    d.schedule.map((s) => h("p", {}, s)),
    d.next_sessions.length > 0 && h("p", { class: "next" }, "次の日程: ", d.next_sessions.join("、")),
    r.hours_note !== null && h("p", { class: "hours-note" }, r.hours_note),
    d.schedule_unparsed && h("p", { class: "hint" }, "日付にできない記載があります。上の原文を確かめてください。"),
    r.reservation !== null && h("p", {}, h("span", { class: "label" }, "予約: "), r.reservation),
  );
}

/** 対象: whom it is for (対象者・対象物質) and whose residents may use it. */
export function whomSection(d: Detail): HTMLElement {
  const r = d.resource;
  const item = (label: string, value: string | null) =>
    value !== null && value !== "" && [h("dt", {}, label), h("dd", {}, value)];
  return h(
    "section",
    { class: "whom" },
    h("h3", {}, "対象"),
    h(
      "dl",
      { class: "pairs" },
      item("対象者", r.targets.join("、") || "記載なし"),
      item("対象物質", r.substances.join("、") || "記載なし"),
      item("利用できる人の住所", d.served_area_text),
      item("居住要件", r.residency),
    ),
  );
}

/** 秘密の取り扱い: the stance in one sentence, then the record's own words (marked). */
export function confidentialitySection(d: Detail): HTMLElement {
  const own = d.rows.filter((row) => row.confidentiality);
  return h(
    "section",
    { class: `confidentiality stance-${d.report_stance}`, role: "note" },
    h("h3", {}, "秘密の取り扱い"),
    h("p", { class: "stance-sentence" }, stanceBadge(d.report_stance), " ", d.stance_sentence),
    own.map((row) => h("p", { class: "own-words" }, h("strong", {}, `${row.label}: `), highlight(row.value))),
  );
}

/** 所在地・連絡先: the address, e-mail and web page (with where a link really goes). */
export function addressSection(d: Detail, say: Say): HTMLElement {
  const r = d.resource;
  const others = d.links.filter((l) => l.kind !== "tel");
  return h(
    "section",
    { class: "address" },
    h("h3", {}, "所在地・連絡先"),
    h("p", {}, r.address ?? h("span", { class: "hint" }, "住所の記載なし")),
    others.length > 0 && h("ul", { class: "links" }, others.map((l) => h("li", {}, linkItem(l, say)))),
  );
}

function linkItem(l: Link, say: Say): Node[] {
  const text = l.kind === "mail" ? `✉ ${l.label}` : readableUrl(l.label);
  return [
    openableLink(l.href, text, `link-${l.kind}`, say),
    ...(l.host !== null ? [h("span", { class: "host" }, `（行き先: ${l.host}）`)] : []),
  ];
}

/** 情報の確かさ: 確認日 (by whom, how) or 未確認, 出典の日付 apart, and the sources. */
export function sourcesSection(d: Detail, say: Say): HTMLElement {
  const r = d.resource;
  const by = [r.confirmed_by && `確認者: ${r.confirmed_by}`, r.confirmed_how && `確認方法: ${r.confirmed_how}`].filter(Boolean);
  return h(
    "section",
    { class: "sources" },
    h("h3", {}, "情報の確かさ"),
    h(
      "dl",
      { class: "pairs" },
      h("dt", {}, "確認日"),
      r.confirmed_on !== null
        ? h("dd", { class: "confirmed" }, r.confirmed_on, by.length > 0 ? `（${by.join("、")}）` : "")
        : h("dd", { class: "unconfirmed" }, "未確認（窓口に確かめた記録はまだありません）"),
      h("dt", {}, "出典の日付"),
      h("dd", {}, r.source_date ?? "記載なし"),
      r.sources.length > 0 && [
        h("dt", {}, "出典"),
        h(
          "dd",
          {},
          h(
            "ul",
            { class: "source-list" },
            r.sources.map((s) =>
              h(
                "li",
                {},
                isWebUrl(s)
                  ? [openableLink(s, readableUrl(s), "link-source", say), hostOf(s)]
                  : s,
              ),
            ),
          ),
        ),
      ],
    ),
  );
}

function hostOf(s: string): Node | null {
  try {
    return h("span", { class: "host" }, `（${new URL(s).host}）`);
  } catch {
    return null;
  }
}

/** Every field of the record, folded: only the rows that affirm confidentiality are marked. */
export function allRows(d: Detail): HTMLElement {
  return h(
    "details",
    { class: "all-rows" },
    h("summary", {}, "すべての項目"),
    h(
      "dl",
      { class: "rows" },
      d.rows.map((row) => [
        h("dt", {}, row.label),
        h("dd", { class: row.confidentiality ? "affirms" : null }, row.confidentiality ? highlight(row.value) : row.value),
      ]),
    ),
  );
}
