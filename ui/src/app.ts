// The window: the header (name, search box, tabs), the screen under it, the keys that work
// everywhere and the toast. Each view (ui/src/views) draws itself and keeps its own state; this
// shell only wires them together. The rules live in state.ts and the core. The app opens on the
// referral log when follow-ups are due, on the search otherwise.
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
import { ReferralsView } from "./views/referrals";
import { SearchView } from "./views/search";

export { LIMIT } from "./views/search";

type View = "search" | "basket" | "referrals" | "mine" | "dataset";

export interface Views {
  search: SearchView;
  facets: FacetsView;
  detail: DetailView;
  basket: BasketView;
  referrals: ReferralsView;
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
  /** Whether the first screen is still to be chosen (by what is due); any move chooses it. */
  private opening = false;

  constructor(
    private root: HTMLElement,
    storage: Storage | null,
  ) {
    const say = (message: string) => this.say(message);
    const searchAgain = () => this.views.search.request();
    const add = (item: BasketItem) => this.addToBasket(item);
    const open = (id: string) => this.openId(id);
    const labels = () => this.loadLabels();
    const referrals = new ReferralsView({ labels, say });
    const basket = new BasketView(storage, {
      say,
      labels,
      logged: () => void referrals.refreshDue().catch((e) => say(messageOf(e))),
    });
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
      referrals,
      mine: new MineView({ open, labels, added: searchAgain }),
      dataset: new DatasetView(searchAgain),
    };
  }

  start(): void {
    const { search, basket, facets, referrals } = this.views;
    document.addEventListener("keydown", (e) => this.onKey(e));
    basket.tab.addEventListener("click", () => this.show("basket"));
    referrals.tab.addEventListener("click", () => {
      referrals.state.case = null;
      this.show("referrals");
    });
    // Typing in the search box searches, whatever screen is shown.
    search.input.addEventListener("input", () => {
      if (this.view !== "search" || this.opening) this.show("search");
    });
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
          referrals.tab,
          this.tab("mine", "自分の記録"),
          this.tab("dataset", "データ"),
        ),
      ),
      this.main,
      this.toast,
    );
    // What is due is shown first; the screen stays empty the moment it takes to ask.
    this.opening = true;
    referrals.refreshDue().then(
      (due) => {
        if (this.opening) this.show(due.length > 0 ? "referrals" : "search");
      },
      (e) => {
        if (this.opening) this.show("search");
        this.say(messageOf(e));
      },
    );
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
    this.opening = false;
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
    if (this.view !== "search" || this.opening) this.show("search");
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

  /**
   * Keys that work everywhere: / to search, Esc back to the search (from a case's history, back
   * to the referral log), B to add, the arrows.
   */
  private onKey(e: KeyboardEvent): void {
    if (composing(e)) return;
    const search = this.views.search;
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === "/" && !typing) {
      e.preventDefault();
      if (this.view !== "search") this.show("search");
      search.input.focus();
      search.input.select();
    } else if (e.key === "Escape" && this.view === "referrals" && this.views.referrals.inCase()) {
      e.preventDefault();
      void this.views.referrals.back();
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
