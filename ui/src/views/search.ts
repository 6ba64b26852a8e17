// The search box, the status line and the result list: typing searches at once (never two
// searches at a time, the latest answer wins), the arrows move the selection, Enter opens. A
// list cut at the limit says so (50 / 62 件を表示) and offers the rest: nothing is cut silently.
import { api, messageOf } from "../api";
import type { Filters, SearchHit, SearchResults } from "../api";
import { h, replace } from "../dom";
import { Coalesce, Latest, activeCount, composing, moveSelection } from "../state";
import { hitMarks } from "./badges";

/** Results listed at once; the count says how many more there are. */
export const LIMIT = 50;
/** Results listed after 「すべて表示」: the most the core returns in one answer. */
export const ALL_LIMIT = 500;

export interface SearchState {
  /** The text in the box, as last typed. */
  query: string;
  /** The last answer shown, or null before the first and after a failed search. */
  results: SearchResults | null;
  /** The selected row, -1 for none. */
  selected: number;
}

/** What the search view asks of the rest of the app. */
export interface SearchDeps {
  /** The filters the facets have set. */
  filters(): Filters;
  clearFilters(): void;
  inBasket(id: string): boolean;
  /** A new answer is on screen (the facets count it). */
  answered(results: SearchResults): void;
  /** Opens a resource in the detail pane. */
  open(id: string): Promise<void>;
  /** Puts a hit into the referral basket. */
  add(hit: SearchHit): void;
  /** A search found nothing (the detail of an earlier answer goes). */
  nothing(): void;
}

export class SearchView {
  readonly state: SearchState = { query: "", results: null, selected: -1 };
  readonly input: HTMLInputElement = h("input", {
    type: "search",
    class: "search",
    placeholder: "名前・地域・困りごとで探す（例: だるく、家族教室、ひがしよどがわ）",
    "aria-label": "相談先を検索",
    autocomplete: "off",
    spellcheck: "false",
  });
  readonly status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  readonly list = h("ol", { class: "results", role: "listbox", "aria-label": "検索結果", tabindex: "0" });
  private latest = new Latest();
  private searches = new Coalesce(() => this.run());
  private started = performance.now();
  private typedAt = 0;
  /** The query and filters 「すべて表示」 was asked for; any change goes back to LIMIT. */
  private allFor: string | null = null;

  constructor(private deps: SearchDeps) {
    this.input.addEventListener("input", () => {
      this.state.query = this.input.value;
      this.typedAt = performance.now();
      this.request();
    });
    this.input.addEventListener("keydown", (e) => this.onKey(e));
    this.list.addEventListener("keydown", (e) => this.onKey(e));
  }

  /** Searches again with the current text and filters (at once, or after the running one). */
  request(): void {
    document.documentElement.dataset.searching = "1";
    this.searches.request();
  }

  /** Lists every match of the current query and filters (up to ALL_LIMIT). */
  showAll(): void {
    this.allFor = this.key();
    this.request();
  }

  /** The limit the current query and filters are searched with. */
  limit(): number {
    return this.allFor === this.key() ? ALL_LIMIT : LIMIT;
  }

  private key(): string {
    return JSON.stringify([this.state.query, this.deps.filters()]);
  }

  private async run(): Promise<void> {
    const query = this.state.query;
    const filters = this.deps.filters();
    const limit = this.limit();
    try {
      await this.latest.run(
        () => api.search(query, filters, limit),
        (r) => {
          this.state.results = r;
          this.state.selected = r.hits.length > 0 ? 0 : -1;
          this.render();
          this.deps.answered(r);
          if (r.hits.length === 0) this.deps.nothing();
          this.markTimings();
        },
      );
    } catch (e) {
      this.state.results = null;
      replace(this.list);
      replace(
        this.status,
        h("span", { class: "error" }, messageOf(e)),
        " ",
        h("button", { type: "button", onclick: () => this.request() }, "もう一度試す"),
      );
    }
    this.markSettled();
  }

  /**
   * `data-searching` goes back to 0 once no search runs or waits, after the last answer is drawn:
   * the end-to-end suite waits on it rather than on a pause that a slow search can outlast.
   */
  private markSettled(): void {
    requestAnimationFrame(() => {
      if (!this.searches.busy) document.documentElement.dataset.searching = "0";
    });
  }

  /** Timings for the benchmark, read by the end-to-end suite from the page's attributes. */
  private markTimings(): void {
    requestAnimationFrame(() => {
      const now = performance.now();
      const d = document.documentElement.dataset;
      if (!d.firstResultsMs) d.firstResultsMs = (now - this.started).toFixed(1);
      if (this.typedAt > 0) d.keystrokeMs = (now - this.typedAt).toFixed(1);
      d.searches = String(Number(d.searches ?? 0) + 1);
    });
  }

  render(): void {
    const r = this.state.results;
    if (!r) return;
    const hits = r.hits;
    if (hits.length === 0) {
      replace(this.status, this.noResults());
      replace(this.list);
      return;
    }
    // The button that asked for everything goes with the redraw: the keyboard goes on in the list.
    const hadFocus = this.status.contains(document.activeElement);
    const everything = this.state.query.trim() === "" && activeCount(this.deps.filters()) === 0;
    replace(this.status, everything && h("span", { class: "everything" }, "すべての相談先 "), this.count(r));
    replace(this.list, ...hits.map((hit, i) => this.row(hit, i)));
    if (hadFocus) this.list.focus();
  }

  /** `62 件`, or for a cut list `50 / 62 件を表示` and the button for the rest. */
  private count(r: SearchResults): (Node | string)[] {
    const more = r.counted ? "" : "以上";
    const shown = r.hits.length;
    if (shown >= r.total) return [h("span", { class: "count" }, `${r.total} 件${more}`)];
    return [
      h("span", { class: "count cut" }, `${shown} / ${r.total} 件${more}を表示`),
      " ",
      this.limit() < ALL_LIMIT
        ? h("button", { type: "button", class: "show-all", onclick: () => this.showAll() }, "すべて表示")
        : h("span", { class: "hint" }, `（一度に表示できるのは ${ALL_LIMIT} 件までです。ことばや絞り込みで狭めてください）`),
    ];
  }

  private noResults(): Node {
    const query = this.state.query.trim();
    const filtered = activeCount(this.deps.filters()) > 0;
    const tips = [
      "ことばを短くする（例: 「大阪市こころの健康センター」→「こころ」）",
      "ひらがなやローマ字でも探せます（例: だるく、ibaraki）",
    ];
    if (filtered) tips.push("絞り込みを外す");
    return h(
      "div",
      { class: "empty" },
      h("p", {}, query ? `「${query}」に当てはまる相談先は見つかりませんでした。` : "当てはまる相談先はありません。"),
      h("ul", {}, tips.map((t) => h("li", {}, t))),
      filtered && h("button", { type: "button", onclick: () => this.deps.clearFilters() }, "絞り込みをすべて外す"),
    );
  }

  private row(hit: SearchHit, i: number): HTMLLIElement {
    return h(
      "li",
      {
        role: "option",
        class: "hit",
        id: `hit-${i}`,
        "data-id": hit.id,
        "aria-selected": String(i === this.state.selected),
        onclick: () => void this.open(i),
      },
      h("span", { class: "name" }, hit.name),
      h("span", { class: "cat" }, hit.category),
      h("span", { class: "where" }, [hit.municipality, hit.phone].filter(Boolean).join("　")),
      h(
        "span",
        { class: "marks" },
        hitMarks(hit),
        this.deps.inBasket(hit.id) && h("span", { class: "in-basket", title: "紹介リストに入っています" }, "✓ リスト"),
      ),
    );
  }

  select(i: number): void {
    this.state.selected = i;
    for (const li of this.list.querySelectorAll("li")) {
      li.setAttribute("aria-selected", String(li.id === `hit-${i}`));
    }
    this.list.querySelector(`#hit-${i}`)?.scrollIntoView?.({ block: "nearest" });
    this.input.setAttribute("aria-activedescendant", `hit-${i}`);
  }

  /** Selects row `i` and opens it in the detail pane. */
  async open(i: number): Promise<void> {
    const hit = this.state.results?.hits[i];
    if (!hit) return;
    this.select(i);
    await this.deps.open(hit.id);
  }

  /**
   * The keys of the box and the list: arrows select, Enter opens, Ctrl+Enter adds; in the list
   * (not the box, where it is a space) Space opens too. Handled here, so the window's keys skip
   * them.
   */
  onKey(e: KeyboardEvent): void {
    if (composing(e)) return;
    const n = this.state.results?.hits.length ?? 0;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      e.stopPropagation();
      this.select(moveSelection(this.state.selected, e.key === "ArrowDown" ? 1 : -1, n));
    } else if (e.key === "Enter" && this.state.selected >= 0) {
      e.preventDefault();
      e.stopPropagation();
      if (e.ctrlKey || e.metaKey) this.addSelected();
      else void this.open(this.state.selected);
    } else if (e.key === " " && e.currentTarget === this.list && this.state.selected >= 0) {
      e.preventDefault();
      e.stopPropagation();
      void this.open(this.state.selected);
    }
  }

  /** Puts the selected hit into the referral basket. */
  addSelected(): void {
    const hit = this.state.results?.hits[this.state.selected];
    if (hit) this.deps.add(hit);
  }

  /** Redraws the rows (whether each is in the basket) and keeps the selection. */
  refreshRows(): void {
    this.render();
    this.select(this.state.selected);
  }
}
