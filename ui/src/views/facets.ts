// The facet chips beside the results and the 居住地 select: they hold the filters the search
// runs with. Headings, chip words, weekdays and municipalities are the core's `Labels`.
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
  readonly el = h("nav", { class: "facets", "aria-label": "絞り込み" });

  /** `changed` runs after the filters change (the search runs again, then counts arrive). */
  constructor(private changed: () => void) {}

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
        "aria-label": "お住まいの市町村",
        onchange: (e: Event) =>
          this.set({ ...this.state.filters, resident_of: (e.target as HTMLSelectElement).value || null }),
      },
      h("option", { value: "" }, "指定しない"),
      labels.municipalities.map((m) => h("option", { value: m, selected: filters.resident_of === m }, m)),
    );
    const n = activeCount(filters);
    replace(
      this.el,
      h("fieldset", { class: "facet" }, h("legend", {}, labels.residence), residence),
      groups,
      n > 0 && h("button", { type: "button", class: "clear", onclick: () => this.clear() }, `絞り込みを外す（${n}）`),
    );
  }
}
