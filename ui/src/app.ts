// The window: the header (name, search box, tabs), the screen under it, the keys that work
// everywhere and the toast. Each view (ui/src/views) draws itself and keeps its own state; this
// shell only wires them together. The rules live in state.ts and the core. The app opens on the
// referral log when follow-ups are due, on the search otherwise. On a narrow window (or at 200 %
// zoom) the detail takes the list's place, with 一覧に戻る and Esc to go back.
import { api, messageOf } from "./api";
import type { Labels } from "./api";
import { h, replace } from "./dom";
import { composing, isTextField } from "./state";
import type { BasketItem } from "./state";
import { statusReason } from "./views/badges";
import { BasketView } from "./views/basket";
import { DatasetView } from "./views/dataset";
import { DetailView } from "./views/detail";
import { dialogOpen } from "./views/dialog";
import { FacetsView } from "./views/facets";
import { openHelp } from "./views/help";
import { MineView } from "./views/mine";
import { ReferralsView } from "./views/referrals";
import { ScheduleView } from "./views/schedule";
import { SearchView } from "./views/search";

export { LIMIT } from "./views/search";

type View = "search" | "basket" | "schedule" | "referrals" | "mine" | "dataset";

export interface Views {
  search: SearchView;
  facets: FacetsView;
  detail: DetailView;
  basket: BasketView;
  schedule: ScheduleView;
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
  /** Hides the toast's current message when its time is up. */
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private labels: Promise<Labels> | null = null;
  /** Whether the first screen is still to be chosen (by what is due); any move chooses it. */
  private opening = false;

  constructor(
    readonly root: HTMLElement,
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
        // A place one cannot go (運用状況) never goes on a sheet: the reason instead.
        add: (hit) =>
          hit.status !== null ? say(statusReason(hit.status)) : add({ id: hit.id, name: hit.name, phone: hit.phone, address: hit.address }),
        nothing: () => {
          this.views.detail.clear();
          this.backToList(false);
        },
      }),
      facets,
      detail: new DetailView({ say, inBasket, add, removed: searchAgain, back: () => this.backToList(true) }),
      basket,
      schedule: new ScheduleView({ say, labels, open, office: () => basket.office.sent }),
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
    // Typing in the search box searches, whatever screen is shown, and shows the list (on a
    // narrow window, in the place of the detail).
    search.input.addEventListener("input", () => {
      if (this.view !== "search" || this.opening) this.show("search");
      if (this.detailOpen) this.backToList(false);
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
          this.tab("schedule", "日程"),
          referrals.tab,
          this.tab("mine", "自分の記録"),
          this.tab("dataset", "データ"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "help-button",
            "aria-label": "キー操作の一覧",
            "aria-keyshortcuts": "Shift+?",
            title: "キー操作の一覧（? キー）",
            onclick: () => openHelp(),
          },
          h("span", { class: "help-label" }, "キー操作 "),
          "?",
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
      replace(
        this.main,
        v.facets.el,
        h("div", { class: "middle" }, h("div", { class: "listbar" }, v.facets.toggle, v.search.status), v.search.list),
        v.detail.pane,
      );
      this.main.classList.toggle("detail-open", this.detailOpen);
      return;
    }
    const screen = v[view];
    // Nothing of the last visit stays on screen while the screen loads afresh.
    replace(screen.el);
    replace(this.main, screen.el);
    void screen.render();
  }

  /** Whether the detail takes the list's place (on a narrow window; a wide one shows both). */
  private detailOpen = false;

  /** Shows one resource in the detail pane (from the results, a favourite or one's own list). */
  async openId(id: string): Promise<void> {
    await this.views.detail.open(id);
    this.detailOpen = true;
    if (this.view !== "search" || this.opening) this.show("search");
    this.main.classList.add("detail-open");
    // On a narrow window the list is gone: the keyboard goes on in the detail.
    if (narrow()) this.views.detail.pane.focus();
  }

  /** Back from the detail to the list (一覧に戻る, Esc), the keyboard on the selected row. */
  backToList(focus: boolean): void {
    this.detailOpen = false;
    this.main.classList.remove("detail-open");
    if (focus && this.view === "search") this.views.search.list.focus();
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
    // Each message stays its full time: the timer of the one before must not hide it early
    // (a sheet saved right after another said 保存しました for a blink).
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => this.toast.classList.remove("shown"), 2500);
  }

  /**
   * Keys that work everywhere (views/help.ts lists them): / to search, ? for the list of keys,
   * Esc back (from the detail on a narrow window to the list, from a case's history to the
   * referral log, from another screen to the search), B and Ctrl+Enter to add. A one-key
   * shortcut never acts while the focus is in a text field, where the key is typed instead; the
   * box's and the list's own keys (arrows, Enter, Space) are theirs (views/search.ts).
   */
  private onKey(e: KeyboardEvent): void {
    if (composing(e) || dialogOpen()) return;
    const search = this.views.search;
    const typing = isTextField(e.target);
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    const inDetail = e.target instanceof Node && this.views.detail.pane.contains(e.target);
    if (e.key === "?" && !typing && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      openHelp();
    } else if (e.key === "/" && !typing && plain) {
      e.preventDefault();
      if (this.view !== "search") this.show("search");
      search.input.focus();
      search.input.select();
    } else if (e.key === "Escape" && this.view === "search" && this.detailOpen && (narrow() || !typing)) {
      e.preventDefault();
      this.backToList(true);
    } else if (e.key === "Escape" && this.view === "referrals" && this.views.referrals.inCase()) {
      e.preventDefault();
      void this.views.referrals.back();
    } else if (e.key === "Escape" && this.view !== "search") {
      this.show("search");
      search.input.focus();
    } else if (this.view === "search" && addKey(e, typing)) {
      // From the detail, the resource shown; from anywhere else, the selected row.
      e.preventDefault();
      if (inDetail) this.views.detail.addShown();
      else search.addSelected();
    } else if (this.view === "search" && e.target === document.body && ["ArrowDown", "ArrowUp", "Enter"].includes(e.key)) {
      // Nothing has the focus (after a click on the page): the arrows and Enter are the list's.
      search.onKey(e);
    }
  }
}

/** B (or +) outside a text field, or Ctrl+Enter anywhere but a text area: add to the basket. */
function addKey(e: KeyboardEvent, typing: boolean): boolean {
  const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
  if (plain && !typing) return e.key === "b" || e.key === "B" || e.key === "+";
  return e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey && !(e.target instanceof HTMLTextAreaElement);
}

/** Whether the window is narrow enough for the detail to take the list's place (style.css). */
export function narrow(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(max-width: 900px)").matches;
}
