// The facet chips beside the results and the 居住地 select: they hold the filters the search
// runs with. Headings, chip words, weekdays and municipalities are the core's `Labels`. The chip
// 秘密を守ると明記 sets `confidential` (windows that state they keep consultations confidential).
// On a narrow window the panel folds away behind the 絞り込み button.
import { noFilters } from "../api";
import type { Filters, SearchResults } from "../api";
import type { Labels } from "../api";
import { h, replace } from "../dom";
import { activeCount, chips, isFacetKey, toggle } from "../state";

export interface FacetsState {
  /** The filters the search runs with. */
  filters: Filters;
  /** Counts per facet value in the last answer. */
  counts: SearchResults["facets"];
  /** The core's words for the facets; nothing is drawn until they have come. */
  labels: Labels | null;
}

export class FacetsView {
  readonly state: FacetsState = { filters: noFilters(), counts: {}, labels: null };
  readonly el = h("nav", { class: "facets", id: "facets", "aria-label": "絞り込み" });
  /** Opens and folds the panel (shown on narrow windows only; wide ones always show it). */
  readonly toggle = h("button", {
    type: "button",
    class: "facets-toggle",
    "aria-controls": "facets",
    "aria-expanded": "false",
    onclick: () => this.setOpen(!this.open),
  });
  /** Whether the panel is unfolded (on a narrow window). */
  open = false;

  /** `changed` runs after the filters change (the search runs again, then counts arrive). */
  constructor(private changed: () => void) {
    this.renderToggle();
  }

  setOpen(open: boolean): void {
    this.open = open;
    this.el.classList.toggle("open", open);
    this.renderToggle();
  }

  private renderToggle(): void {
    const n = activeCount(this.state.filters);
    this.toggle.setAttribute("aria-expanded", String(this.open));
    replace(this.toggle, this.open ? "▲ 絞り込み" : "▼ 絞り込み", n > 0 ? `（${n}）` : "");
  }

  setLabels(labels: Labels): void {
    this.state.labels = labels;
    this.render();
  }

  /** The counts of a new answer. */
  setCounts(counts: SearchResults["facets"]): void {
    this.state.counts = counts;
    this.render();
  }

  set(filters: Filters): void {
    this.state.filters = filters;
    this.renderToggle();
    this.changed();
  }

  clear(): void {
    this.set(noFilters());
  }

  render(): void {
    const { filters, counts, labels } = this.state;
    if (!labels) {
      replace(this.el);
      return;
    }
    const groups = labels.facets.map((facet) => {
      const key = facet.key;
      if (!isFacetKey(key)) return null;
      const cs = chips(filters, key, counts[key], labels);
      if (cs.length === 0) return null;
      return h(
        "fieldset",
        { class: "facet", "data-facet": key },
        h("legend", {}, facet.label),
        cs.map((c) =>
          h(
            "button",
            {
              type: "button",
              class: "chip",
              "aria-pressed": String(c.active),
              "data-value": c.value,
              "data-focus": `${key}:${c.value}`,
              onclick: () => this.set(toggle(this.state.filters, key, c.value, labels)),
            },
            facet.flag_chip ?? c.value,
            h("span", { class: "count" }, String(c.count)),
          ),
        ),
      );
    });
    const residence = h(
      "select",
      {
        name: "resident_of",
        "aria-label": "お住まいの市町村",
        "data-focus": "resident_of",
        onchange: (e: Event) =>
          this.set({ ...this.state.filters, resident_of: (e.target as HTMLSelectElement).value || null }),
      },
      h("option", { value: "" }, "指定しない"),
      labels.municipalities.map((m) => h("option", { value: m, selected: filters.resident_of === m }, m)),
    );
    const n = activeCount(filters);
    const confidential = h(
      "fieldset",
      { class: "facet", "data-facet": "confidential" },
      h("legend", {}, "秘密の取り扱い"),
      h(
        "button",
        {
          type: "button",
          class: "chip",
          "aria-pressed": String(filters.confidential),
          "data-value": "秘密を守ると明記",
          "data-focus": "confidential",
          title: "相談の秘密を守ると自ら明記している窓口だけ（警察・取締機関を除く）",
          onclick: () => this.set({ ...this.state.filters, confidential: !this.state.filters.confidential }),
        },
        "秘密を守ると明記",
      ),
    );
    // The panel is drawn again with each answer: the keyboard stays on the control it was on.
    const focused = this.focusedKey();
    replace(
      this.el,
      h("fieldset", { class: "facet" }, h("legend", {}, labels.residence), residence),
      confidential,
      groups,
      n > 0 &&
        h("button", { type: "button", class: "clear", "data-focus": "clear", onclick: () => this.clear() }, `絞り込みを外す（${n}）`),
    );
    if (focused !== null) this.refocus(focused);
  }

  /** The `data-focus` of the control that has the focus, when it is in the panel. */
  private focusedKey(): string | null {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !this.el.contains(active)) return null;
    return active.dataset.focus ?? "";
  }

  private refocus(key: string): void {
    const controls = [...this.el.querySelectorAll<HTMLElement>("[data-focus]")];
    // A control that went (the clear button once nothing is set) leaves the focus on the first.
    (controls.find((c) => c.dataset.focus === key) ?? controls[0])?.focus();
  }
}
