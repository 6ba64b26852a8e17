// The window: the header (name, search box, tabs), the screen under it, the keys that work
// everywhere and the toast. Each view (ui/src/views) draws itself and keeps its own state; this
// shell only wires them together. The rules live in state.ts and the core.
import { api, messageOf } from "./api";
import type { Labels } from "./api";
import { h, replace } from "./dom";
import { composing } from "./state";
import type { BasketItem } from "./state";
import { BasketView } from "./views/basket";
import { DatasetView } from "./views/dataset";
import { DetailView } from "./views/detail";
import { FacetsView } from "./views/facets";
import { MineView } from "./views/mine";
import { SearchView } from "./views/search";

export { LIMIT } from "./views/search";

type View = "search" | "basket" | "mine" | "dataset";

export interface Views {
  search: SearchView;
  facets: FacetsView;
  detail: DetailView;
  basket: BasketView;
  mine: MineView;
  dataset: DatasetView;
}

export class App {
  /** The screen shown (the tab selected). */
  view: View = "search";
  readonly views: Views;
  readonly main = h("main", { class: "view-search" });
  readonly toast = h("div", { class: "toast", role: "alert", "aria-live": "assertive" });
  private labels: Promise<Labels> | null = null;

  constructor(
    private root: HTMLElement,
    storage: Storage | null,
  ) {
    const say = (message: string) => this.say(message);
    const searchAgain = () => this.views.search.request();
    const add = (item: BasketItem) => this.addToBasket(item);
    const open = (id: string) => this.openId(id);
    const basket = new BasketView(storage, say);
    const inBasket = (id: string) => basket.has(id);
    const facets = new FacetsView(searchAgain);
    this.views = {
      search: new SearchView({
        filters: () => facets.state.filters,
        clearFilters: () => facets.clear(),
        inBasket,
        answered: (r) => facets.setCounts(r.facets),
        open,
        add: (hit) => add({ id: hit.id, name: hit.name, phone: hit.phone, address: hit.address }),
      }),
      facets,
      detail: new DetailView({ say, inBasket, add, removed: searchAgain }),
      basket,
      mine: new MineView({ open, labels: () => this.loadLabels(), added: searchAgain }),
      dataset: new DatasetView(searchAgain),
    };
  }

  start(): void {
    const { search, basket, facets } = this.views;
    document.addEventListener("keydown", (e) => this.onKey(e));
    basket.tab.addEventListener("click", () => this.show("basket"));
    replace(
      this.root,
      h(
        "header",
        { class: "top" },
        h("h1", { class: "brand" }, "つなぐ"),
        h("div", { class: "searchbar" }, search.input),
        h(
          "div",
          { class: "tabs", role: "tablist" },
          this.tab("search", "検索"),
          basket.tab,
          this.tab("mine", "自分の記録"),
          this.tab("dataset", "データ"),
        ),
      ),
      this.main,
      this.toast,
    );
    this.show("search");
    // The facets are drawn once the core has named them.
    this.loadLabels().then(
      (labels) => facets.setLabels(labels),
      (e) => this.say(messageOf(e)),
    );
    search.request();
    search.input.focus();
  }

  /** The core's words for the lists and filters, asked for once. */
  private loadLabels(): Promise<Labels> {
    this.labels ??= api.labels().catch((e) => {
      this.labels = null; // asked again next time
      throw e;
    });
    return this.labels;
  }

  private tab(view: View, label: string): HTMLButtonElement {
    return h("button", { type: "button", class: "tab", "data-view": view, onclick: () => this.show(view) }, label);
  }

  show(view: View): void {
    this.view = view;
    this.main.className = `view-${view}`;
    for (const t of this.root.querySelectorAll<HTMLButtonElement>(".tab")) {
      t.setAttribute("aria-selected", String(t.dataset.view === view));
    }
    const v = this.views;
    if (view === "search") {
      replace(this.main, v.facets.el, h("div", { class: "middle" }, v.search.status, v.search.list), v.detail.pane);
      return;
    }
    const screen = v[view];
    // Nothing of the last visit stays on screen while the screen loads afresh.
    replace(screen.el);
    replace(this.main, screen.el);
    void screen.render();
  }

  /** Shows one resource in the detail pane (from the results, a favourite or one's own list). */
  async openId(id: string): Promise<void> {
    await this.views.detail.open(id);
    if (this.view !== "search") this.show("search");
  }

  addToBasket(item: BasketItem): void {
    const added = this.views.basket.add(item);
    this.say(added ? `「${item.name}」を紹介リストに入れました` : `「${item.name}」はもう紹介リストに入っています`);
    if (this.view === "search") {
      this.views.search.refreshRows();
      if (this.views.detail.shows(item.id)) this.views.detail.render();
    }
  }

  say(message: string): void {
    replace(this.toast, message);
    this.toast.classList.add("shown");
    setTimeout(() => this.toast.classList.remove("shown"), 2500);
  }

  /** Keys that work everywhere: / to search, Esc back to the search, B to add, the arrows. */
  private onKey(e: KeyboardEvent): void {
    if (composing(e)) return;
    const search = this.views.search;
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === "/" && !typing) {
      e.preventDefault();
      if (this.view !== "search") this.show("search");
      search.input.focus();
      search.input.select();
    } else if (e.key === "Escape" && this.view !== "search") {
      this.show("search");
      search.input.focus();
    } else if (!typing && this.view === "search" && (e.key === "b" || e.key === "+")) {
      e.preventDefault();
      search.addSelected();
    } else if (!typing && this.view === "search" && (e.key === "ArrowDown" || e.key === "ArrowUp" || e.key === "Enter")) {
      search.onKey(e);
    }
  }
}
