// How a printed page is written: the menu of styles (standard Japanese, やさしい日本語, English,
// 中文, 한국어, Tiếng Việt) and 大きな文字. The sheet, the calendar handout and the text copy all
// take the style chosen here; the core writes the words.
import { standardStyle } from "../api";
import type { SheetStyle } from "../api";
import { h } from "../dom";

const CHOICES: [string, string][] = [
  ["standard", "標準の日本語"],
  ["easy", "やさしい日本語（ふりがな付き）"],
  ["en", "English（英語）"],
  ["zh", "简体中文（中国語）"],
  ["ko", "한국어（韓国語）"],
  ["vi", "Tiếng Việt（ベトナム語）"],
];

/** A style picker: a menu and a check box, reading and writing `style` in place. */
export function stylePicker(style: SheetStyle, changed: () => void, name = "style"): HTMLElement {
  const current = style.easy ? "easy" : style.lang === "ja" ? "standard" : style.lang;
  const select = h(
    "select",
    { name, "data-focus": name, "aria-label": "書き方" },
    CHOICES.map(([value, label]) => h("option", { value, selected: value === current }, label)),
  );
  select.addEventListener("change", () => {
    const v = select.value;
    const base = standardStyle();
    style.easy = v === "easy";
    style.lang = v === "standard" || v === "easy" ? base.lang : (v as SheetStyle["lang"]);
    changed();
  });
  const large = h("input", { type: "checkbox", name: `${name}-large`, "data-focus": `${name}-large`, checked: style.large });
  large.addEventListener("change", () => {
    style.large = large.checked;
    changed();
  });
  return h(
    "div",
    { class: "style-picker" },
    h("label", { class: "field" }, h("span", {}, "書き方", h("small", {}, "（相談先の記載は原文のまま）")), select),
    h("label", { class: "check" }, large, " 大きな文字"),
  );
}

/** Fixed text with furigana markup ({漢字|かんじ}) as ruby: only the core's own words. */
export function fixedText(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  const re = /\{([^|{}]+)\|([^{}]+)\}/g;
  let at = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    out.push(h("ruby", {}, m[1], h("rt", {}, m[2])));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
