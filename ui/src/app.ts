// The main screen: search box, facet chips, result list, detail pane, the referral basket and
// the dataset screen. Rendering only; the rules live in state.ts and the core.
import { api, messageOf, noFilters } from "./api";
import type { DatasetPreview, Detail, Filters, NewLocal, SearchResults } from "./api";
import type { Category } from "./bindings/Category";
import type { Change } from "./bindings/Change";
import type { Edition } from "./bindings/Edition";
import type { SearchHit } from "./bindings/SearchHit";
import { h, highlight, replace } from "./dom";
import { Basket, Coalesce, FACETS, Latest, activeCount, chips, composing, moveSelection, toggle } from "./state";

/** Results listed at once; the count says how many more there are. */
export const LIMIT = 50;

/** 種別 a resource the user adds may have: the dataset's closed list, in the order of the form
 * (typed as the generated `Category`, so a value the core does not know fails to compile). */
export const CATEGORIES: Category[] = [
  "相談窓口",
  "電話相談",
  "医療機関",
  "回復施設",
  "自助グループ",
  "家族会",
  "家族教室",
  "法律相談",
  "司法・更生保護",
  "就労支援",
  "その他",
];

type View = "search" | "basket" | "mine" | "dataset";

export class App {
  query = "";
  filters: Filters = noFilters();
  results: SearchResults | null = null;
  selected = -1;
  detail: Detail | null = null;
  view: View = "search";
  basket: Basket;
  municipalities: string[] = [];
  private latest = new Latest();
  private searches = new Coalesce(() => this.search());
  private started = performance.now();
  private typedAt = 0;

  // Fixed regions, created once so typing never moves the layout.
  readonly input: HTMLInputElement;
  readonly status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  readonly facets = h("nav", { class: "facets", "aria-label": "絞り込み" });
  readonly list = h("ol", { class: "results", role: "listbox", "aria-label": "検索結果", tabindex: "0" });
  readonly pane = h("section", { class: "detail", "aria-label": "詳細", tabindex: "-1" });
  readonly basketTab = h("button", { type: "button", class: "tab", "data-view": "basket" });
  readonly main = h("main", { class: "view-search" });
  readonly toast = h("div", { class: "toast", role: "alert", "aria-live": "assertive" });

  constructor(
    private root: HTMLElement,
    storage: Storage | null,
  ) {
    this.basket = new Basket(storage);
    this.input = h("input", {
      type: "search",
      class: "search",
      placeholder: "名前・地域・困りごとで探す（例: だるく、家族教室、ひがしよどがわ）",
      "aria-label": "相談先を検索",
      autocomplete: "off",
      spellcheck: "false",
    });
  }

  start(): void {
    this.input.addEventListener("input", () => {
      this.query = this.input.value;
      this.typedAt = performance.now();
      this.searches.request();
    });
    this.input.addEventListener("keydown", (e) => this.onListKey(e));
    this.list.addEventListener("keydown", (e) => this.onListKey(e));
    document.addEventListener("keydown", (e) => this.onGlobalKey(e));

    const tabs = h(
      "div",
      { class: "tabs", role: "tablist" },
      this.tabButton("search", "検索"),
      this.basketTab,
      this.tabButton("mine", "自分の記録"),
      this.tabButton("dataset", "データ"),
    );
    this.basketTab.addEventListener("click", () => this.show("basket"));
    replace(
      this.root,
      h(
        "header",
        { class: "top" },
        h("h1", { class: "brand" }, "つなぐ"),
        h("div", { class: "searchbar" }, this.input),
        tabs,
      ),
      this.main,
      this.toast,
    );
    this.renderBasketTab();
    this.show("search");
    void this.search();
    void api
      .datasetStatus()
      .then((s) => {
        this.municipalities = s.municipalities;
        this.renderFacets();
      })
      .catch(() => undefined);
    this.input.focus();
  }

  private tabButton(view: View, label: string): HTMLButtonElement {
    return h("button", { type: "button", class: "tab", "data-view": view, onclick: () => this.show(view) }, label);
  }

  show(view: View): void {
    this.view = view;
    this.main.className = `view-${view}`;
    for (const t of this.root.querySelectorAll<HTMLButtonElement>(".tab")) {
      t.setAttribute("aria-selected", String(t.dataset.view === view));
    }
    if (view === "search") {
      replace(this.main, this.facets, h("div", { class: "middle" }, this.status, this.list), this.pane);
      if (!this.detail) this.renderDetail();
    }
    if (view === "basket") this.renderBasket();
    if (view === "mine") void this.renderMine();
    if (view === "dataset") void this.renderDataset();
  }

  // ---- search ----------------------------------------------------------------------------

  async search(): Promise<void> {
    const query = this.query;
    const filters = this.filters;
    try {
      await this.latest.run(
        () => api.search(query, filters, LIMIT),
        (r) => {
          this.results = r;
          this.selected = r.hits.length > 0 ? 0 : -1;
          this.renderResults();
          this.renderFacets();
          this.markTimings();
        },
      );
    } catch (e) {
      this.results = null;
      replace(this.list);
      replace(
        this.status,
        h("span", { class: "error" }, messageOf(e)),
        " ",
        h("button", { type: "button", onclick: () => void this.search() }, "もう一度試す"),
      );
    }
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

  setFilters(f: Filters): void {
    this.filters = f;
    this.searches.request();
  }

  renderResults(): void {
    const r = this.results;
    if (!r) return;
    const hits = r.hits;
    if (hits.length === 0) {
      replace(this.status, this.noResults());
      replace(this.list);
      return;
    }
    const total = r.complete ? `${r.total} 件` : `${r.total} 件以上`;
    const shown = hits.length < r.total ? `（上位 ${hits.length} 件を表示）` : "";
    replace(
      this.status,
      this.query.trim() === "" && activeCount(this.filters) === 0 ? `すべての相談先 ${total}${shown}` : `${total}${shown}`,
    );
    replace(this.list, ...hits.map((hit, i) => this.resultRow(hit, i)));
  }

  private noResults(): Node {
    const tips = [
      "ことばを短くする（例: 「大阪市こころの健康センター」→「こころ」）",
      "ひらがなやローマ字でも探せます（例: だるく、ibaraki）",
    ];
    if (activeCount(this.filters) > 0) tips.push("絞り込みを外す");
    return h(
      "div",
      { class: "empty" },
      h("p", {}, this.query.trim() ? `「${this.query.trim()}」に当てはまる相談先は見つかりませんでした。` : "当てはまる相談先はありません。"),
      h("ul", {}, tips.map((t) => h("li", {}, t))),
      activeCount(this.filters) > 0 &&
        h("button", { type: "button", onclick: () => this.setFilters(noFilters()) }, "絞り込みをすべて外す"),
    );
  }

  private resultRow(hit: SearchHit, i: number): HTMLLIElement {
    const row = h(
      "li",
      {
        role: "option",
        class: "hit",
        id: `hit-${i}`,
        "data-id": hit.id,
        "aria-selected": String(i === this.selected),
        onclick: () => this.open(i),
      },
      h("span", { class: "name" }, hit.name),
      h("span", { class: "cat" }, hit.category),
      h("span", { class: "where" }, [hit.municipality, hit.phone].filter(Boolean).join("　")),
      this.basket.has(hit.id) && h("span", { class: "in-basket", title: "紹介リストに入っています" }, "✓ リスト"),
    );
    return row;
  }

  private select(i: number): void {
    this.selected = i;
    for (const li of this.list.querySelectorAll("li")) {
      li.setAttribute("aria-selected", String(li.id === `hit-${i}`));
    }
    this.list.querySelector(`#hit-${i}`)?.scrollIntoView?.({ block: "nearest" });
    this.input.setAttribute("aria-activedescendant", `hit-${i}`);
  }

  async open(i: number): Promise<void> {
    const hit = this.results?.hits[i];
    if (!hit) return;
    this.select(i);
    await this.openId(hit.id);
  }

  /** Shows one resource in the detail pane (from the results, a favourite or one's own list). */
  async openId(id: string): Promise<void> {
    try {
      this.detail = await api.detail(id);
      if (this.view !== "search") this.show("search");
      this.renderDetail();
    } catch (e) {
      if (this.view !== "search") this.show("search");
      replace(this.pane, h("p", { class: "error" }, messageOf(e)));
    }
  }

  private onListKey(e: KeyboardEvent): void {
    if (composing(e)) return;
    const n = this.results?.hits.length ?? 0;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.select(moveSelection(this.selected, e.key === "ArrowDown" ? 1 : -1, n));
    } else if (e.key === "Enter" && this.selected >= 0) {
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) this.addSelected();
      else void this.open(this.selected);
    }
  }

  private onGlobalKey(e: KeyboardEvent): void {
    if (composing(e)) return;
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === "/" && !typing) {
      e.preventDefault();
      if (this.view !== "search") this.show("search");
      this.input.focus();
      this.input.select();
    } else if (e.key === "Escape" && this.view !== "search") {
      this.show("search");
      this.input.focus();
    } else if (!typing && this.view === "search" && (e.key === "b" || e.key === "+")) {
      e.preventDefault();
      this.addSelected();
    } else if (!typing && this.view === "search" && (e.key === "ArrowDown" || e.key === "ArrowUp" || e.key === "Enter")) {
      this.onListKey(e);
    }
  }

  private addSelected(): void {
    const hit = this.results?.hits[this.selected];
    if (hit) this.addToBasket(hit.id, hit.name, hit.phone, hit.address);
  }

  addToBasket(id: string, name: string, phone: string | null, address: string | null): void {
    const added = this.basket.add({ id, name, phone, address });
    this.say(added ? `「${name}」を紹介リストに入れました` : `「${name}」はもう紹介リストに入っています`);
    this.renderBasketTab();
    if (this.view === "search") {
      this.renderResults();
      this.select(this.selected);
      if (this.detail?.resource.id === id) this.renderDetail();
    }
  }

  say(message: string): void {
    replace(this.toast, message);
    this.toast.classList.add("shown");
    setTimeout(() => this.toast.classList.remove("shown"), 2500);
  }

  // ---- facets ----------------------------------------------------------------------------

  renderFacets(): void {
    const facets = this.results?.facets ?? {};
    const groups = FACETS.map(({ key, label }) => {
      const cs = chips(this.filters, key, facets[key]);
      if (cs.length === 0) return null;
      return h(
        "fieldset",
        { class: "facet", "data-facet": key },
        h("legend", {}, label),
        cs.map((c) =>
          h(
            "button",
            {
              type: "button",
              class: "chip",
              "aria-pressed": String(c.active),
              "data-value": c.value,
              onclick: () => this.setFilters(toggle(this.filters, key, c.value)),
            },
            key === "anonymous" ? "匿名で相談できる" : key === "no_reservation" ? "予約なしで行ける" : c.value,
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
          this.setFilters({ ...this.filters, resident_of: (e.target as HTMLSelectElement).value || null }),
      },
      h("option", { value: "" }, "指定しない"),
      this.municipalities.map((m) => h("option", { value: m, selected: this.filters.resident_of === m }, m)),
    );
    const n = activeCount(this.filters);
    replace(
      this.facets,
      h("fieldset", { class: "facet" }, h("legend", {}, "居住地（利用できる所）"), residence),
      groups,
      n > 0 && h("button", { type: "button", class: "clear", onclick: () => this.setFilters(noFilters()) }, `絞り込みを外す（${n}）`),
    );
  }

  // ---- detail ----------------------------------------------------------------------------

  renderDetail(): void {
    const d = this.detail;
    if (!d) {
      replace(this.pane, h("p", { class: "hint" }, "一覧から選ぶと、ここに詳しい情報が出ます。↑↓ で選び Enter で開きます。"));
      return;
    }
    const r = d.resource;
    const confidential = d.rows.filter((row) => row.confidentiality);
    const inBasket = this.basket.has(r.id);
    const phone = r.phones[0] ?? null;
    replace(
      this.pane,
      h(
        "header",
        {},
        h("h2", {}, r.name),
        r.name_kana && h("p", { class: "kana" }, r.name_kana),
        h("p", { class: "cat" }, r.category, r.local ? "（自分で追加）" : ""),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "primary",
              disabled: inBasket,
              onclick: () => this.addToBasket(r.id, r.name, phone, r.address),
            },
            inBasket ? "紹介リストに入っています" : "紹介リストに入れる（B）",
          ),
          h(
            "button",
            {
              type: "button",
              "aria-pressed": String(d.favourite),
              onclick: async () => {
                try {
                  d.favourite = await api.setFavourite(r.id, !d.favourite);
                  this.renderDetail();
                } catch (e) {
                  this.say(messageOf(e));
                }
              },
            },
            d.favourite ? "★ お気に入り" : "☆ お気に入りにする",
          ),
          r.local && this.removeLocalButton(r.id, r.name),
        ),
      ),
      d.possibly_out_of_date &&
        h(
          "p",
          { class: "stale", role: "note" },
          r.last_checked
            ? `最終確認日（${r.last_checked}）から1年以上たっています。情報が古い可能性があります。出典で確かめてください。`
            : "最終確認日の記載がありません。情報が古い可能性があります。出典で確かめてください。",
        ),
      confidential.length > 0 &&
        h(
          "div",
          { class: "confidentiality", role: "note" },
          confidential.map((row) => h("p", {}, h("strong", {}, `${row.label}: `), highlight(row.value))),
        ),
      d.links.length > 0 &&
        h(
          "ul",
          { class: "links" },
          d.links.map((l) =>
            h(
              "li",
              {},
              h(
                "a",
                {
                  href: l.href,
                  class: `link-${l.kind}`,
                  onclick: (e: Event) => {
                    e.preventDefault();
                    api.openLink(l.href).catch((err) => this.say(messageOf(err)));
                  },
                },
                l.kind === "tel" ? `☎ ${l.label}` : l.kind === "mail" ? `✉ ${l.label}` : l.label,
              ),
            ),
          ),
        ),
      (d.schedule.length > 0 || d.schedule_unparsed || d.next_sessions.length > 0) &&
        h(
          "section",
          { class: "hours" },
          h("h3", {}, "日時"),
          d.schedule.map((s) => h("p", {}, s)),
          d.schedule_unparsed && h("p", { class: "hint" }, "日付にできない記載があります。下の「利用可能日時特記事項」の原文を確認してください。"),
          d.next_sessions.length > 0 && h("p", { class: "next" }, "次の日程: ", d.next_sessions.join("、")),
        ),
      h(
        "dl",
        { class: "rows" },
        d.rows
          .filter((row) => !row.confidentiality)
          .map((row) => [h("dt", {}, row.label), h("dd", {}, highlight(row.value))]),
      ),
      this.notesSection(d),
    );
  }

  /** Removes one's own resource, after a second click that says what will go. */
  private removeLocalButton(id: string, name: string): HTMLButtonElement {
    return confirmButton({ class: "danger" }, "削除…", `「${name}」を削除する`, async () => {
      try {
        await api.removeLocal(id);
        this.detail = null;
        this.renderDetail();
        this.say(`「${name}」を削除しました`);
        this.searches.request();
      } catch (e) {
        this.say(messageOf(e));
      }
    });
  }

  private notesSection(d: Detail): HTMLElement {
    const text = h("textarea", { rows: "2", "aria-label": "メモ", placeholder: "この相談先についてのメモ（自分だけに見えます。新しい版を取り込んでも残ります）" });
    return h(
      "section",
      { class: "notes" },
      h("h3", {}, "メモ"),
      d.notes.length === 0 ? h("p", { class: "hint" }, "メモはまだありません。") : h("ul", {}, d.notes.map((n) => h("li", {}, h("time", {}, n.created_at.slice(0, 10)), " ", n.text))),
      h(
        "form",
        {
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              const note = await api.addNote(d.resource.id, text.value);
              d.notes.push(note);
              this.renderDetail();
            } catch (err) {
              this.say(messageOf(err));
            }
          },
        },
        text,
        h("button", { type: "submit" }, "メモを保存"),
      ),
    );
  }

  // ---- basket ----------------------------------------------------------------------------

  renderBasketTab(): void {
    replace(this.basketTab, `紹介リスト（${this.basket.items.length}）`);
  }

  renderBasket(): void {
    const b = this.basket;
    const note = h("textarea", { rows: "4", "aria-label": "相談者へのひとこと", placeholder: "相談者へのひとこと（紹介シートに印刷されます）" });
    note.value = b.note;
    note.addEventListener("input", () => {
      b.note = note.value;
      b.save();
    });
    const recipient = h("input", { type: "text", "aria-label": "宛名", placeholder: "宛名（任意。例: ご家族の方へ）" });
    recipient.value = b.recipient;
    recipient.addEventListener("input", () => {
      b.recipient = recipient.value;
      b.save();
    });
    const exportButton = h("button", { type: "button", class: "primary", disabled: b.items.length === 0 }, "紹介シートを PDF で保存…");
    exportButton.addEventListener("click", async () => {
      exportButton.disabled = true;
      try {
        const path = await api.exportSheet(
          b.items.map((i) => i.id),
          b.note || null,
          b.recipient || null,
        );
        this.say(path ? `紹介シートを保存しました: ${path}` : "保存を取りやめました");
      } catch (e) {
        this.say(messageOf(e));
      } finally {
        exportButton.disabled = false;
      }
    });
    replace(
      this.main,
      h(
        "section",
        { class: "basket", "aria-label": "紹介リスト" },
        h("h2", {}, "紹介リスト"),
        b.items.length === 0
          ? h("p", { class: "empty" }, "紹介リストは空です。検索結果で B キーを押すか、詳細の「紹介リストに入れる」で追加してください。")
          : h(
              "ol",
              { class: "basket-items" },
              b.items.map((item, i) =>
                h(
                  "li",
                  { "data-id": item.id },
                  h("span", { class: "name" }, item.name),
                  h("span", { class: "where" }, [item.phone, item.address].filter(Boolean).join("　")),
                  h(
                    "span",
                    { class: "controls" },
                    h("button", { type: "button", "aria-label": `${item.name}を上へ`, disabled: i === 0, onclick: () => this.basketChange(() => b.move(item.id, -1)) }, "↑"),
                    h("button", { type: "button", "aria-label": `${item.name}を下へ`, disabled: i === b.items.length - 1, onclick: () => this.basketChange(() => b.move(item.id, 1)) }, "↓"),
                    h("button", { type: "button", "aria-label": `${item.name}をリストから外す`, onclick: () => this.basketChange(() => b.remove(item.id)) }, "外す"),
                  ),
                ),
              ),
            ),
        recipient,
        note,
        h("div", { class: "print-only" }, b.recipient && h("p", {}, b.recipient), b.note && h("p", {}, b.note)),
        h(
          "div",
          { class: "actions" },
          exportButton,
          h("button", { type: "button", disabled: b.items.length === 0, onclick: () => window.print() }, "印刷…"),
          h("button", { type: "button", disabled: b.items.length === 0, onclick: () => this.basketChange(() => b.clear()) }, "リストを空にする"),
        ),
      ),
    );
  }

  private basketChange(change: () => void): void {
    change();
    this.renderBasketTab();
    this.renderBasket();
  }

  // ---- the user's own records ------------------------------------------------------------

  async renderMine(message: string | null = null): Promise<void> {
    let favourites: Node;
    let locals: Node;
    try {
      const list = await api.favourites();
      favourites =
        list.length === 0
          ? h("p", { class: "hint" }, "お気に入りはまだありません。詳細の「☆ お気に入りにする」で追加できます。")
          : h(
              "ul",
              { class: "mine-list", "aria-label": "お気に入り" },
              list.map((f) =>
                h(
                  "li",
                  {},
                  f.removed
                    ? h("span", {}, `${f.resource_name}（現在の版にはありません）`)
                    : h("button", { type: "button", class: "link", onclick: () => void this.openId(f.resource_id) }, f.resource_name),
                ),
              ),
            );
    } catch (e) {
      favourites = h("p", { class: "error" }, messageOf(e));
    }
    try {
      const list = await api.localResources();
      locals =
        list.length === 0
          ? h("p", { class: "hint" }, "自分で追加した相談先はまだありません。")
          : h(
              "ul",
              { class: "mine-list", "aria-label": "自分で追加した相談先" },
              list.map((r) =>
                h(
                  "li",
                  { "data-id": r.id },
                  h("button", { type: "button", class: "link", onclick: () => void this.openId(r.id) }, r.name),
                  h("span", { class: "where" }, [r.category, r.phones[0]].filter(Boolean).join("　")),
                ),
              ),
            );
    } catch (e) {
      locals = h("p", { class: "error" }, messageOf(e));
    }
    replace(
      this.main,
      h(
        "section",
        { class: "mine", "aria-label": "自分の記録" },
        h("h2", {}, "お気に入り"),
        favourites,
        h("h2", {}, "自分で追加した相談先"),
        h(
          "p",
          {},
          "府の公開データにない相談先（地域の自助グループなど）を追加できます。検索に「自分で追加」として出て、新しい版を取り込んでも消えません。",
        ),
        locals,
        message && h("p", { class: "done", role: "status" }, message),
        this.localForm(),
      ),
    );
  }

  /** The form for a resource of one's own; the core checks every value as it checks a dataset. */
  private localForm(): HTMLFormElement {
    const input = (name: keyof NewLocal, label: string, attrs: Record<string, string> = {}) =>
      h("label", {}, h("span", {}, label), h("input", { type: "text", name, ...attrs }));
    const category = h(
      "select",
      { name: "category", required: true },
      CATEGORIES.map((c) => h("option", { value: c }, c)),
    );
    const error = h("p", { class: "error", role: "alert" });
    const form = h(
      "form",
      { class: "local-form", "aria-label": "相談先を追加" },
      h("h3", {}, "相談先を追加"),
      input("name", "名称（必須）", { required: "" }),
      h("label", {}, h("span", {}, "種別"), category),
      input("kana", "読み（カナ）"),
      input("phone", "電話番号", { inputmode: "tel" }),
      input("address", "住所"),
      input("municipality", "市区町村（例: 大阪市北区）"),
      input("hours", "日時（例: 毎月第2土曜日 14:00-16:00）"),
      input("url", "URL", { inputmode: "url" }),
      h("label", {}, h("span", {}, "説明"), h("textarea", { name: "description", rows: "2" })),
      error,
      h("button", { type: "submit", class: "primary" }, "追加する"),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const value = (k: string) => {
        const v = String(data.get(k) ?? "").trim();
        return v === "" ? null : v;
      };
      const fresh: NewLocal = {
        name: value("name") ?? "",
        category: value("category") ?? "その他",
        id: null,
        kana: value("kana"),
        phone: value("phone"),
        address: value("address"),
        municipality: value("municipality"),
        url: value("url"),
        hours: value("hours"),
        description: value("description"),
      };
      try {
        await api.addLocal(fresh);
        this.searches.request();
        void this.renderMine(`「${fresh.name}」を追加しました`);
      } catch (err) {
        replace(error, messageOf(err));
      }
    });
    return form;
  }

  // ---- dataset ---------------------------------------------------------------------------

  /** One changed resource: every field before and after, phone and address changes called out. */
  private changeNode(c: Change): HTMLLIElement {
    const short = (v: string) => (v === "" ? "（なし）" : v.length > 80 ? `${v.slice(0, 80)}…` : v);
    return h(
      "li",
      { class: "changed" },
      h("span", {}, `変更: ${c.name}`),
      c.phone_changed && h("strong", { class: "callout" }, "★電話番号が変わります"),
      c.address_changed && h("strong", { class: "callout" }, "★住所が変わります"),
      h(
        "dl",
        { class: "field-changes" },
        c.fields.map((f) => [h("dt", {}, f.header), h("dd", {}, h("del", {}, short(f.before)), " → ", h("ins", {}, short(f.after)))]),
      ),
    );
  }

  async renderDataset(preview: DatasetPreview | null = null, busy = false, done: string | null = null): Promise<void> {
    let statusNode: Node;
    let rollbackTo: Edition | null = null;
    let newerBundled: string | null = null;
    try {
      const s = await api.datasetStatus();
      const e = s.edition;
      statusNode = h(
        "dl",
        { class: "rows" },
        h("dt", {}, "使っている版"),
        h("dd", {}, e ? [e.title, e.edition].filter(Boolean).join(" ") || e.file_name : "（同梱のデータ）"),
        e?.published && [h("dt", {}, "公開日"), h("dd", {}, e.published)],
        e?.publisher && [h("dt", {}, "発行元"), h("dd", {}, e.publisher)],
        e && [h("dt", {}, "取り込んだ日時"), h("dd", {}, e.imported_at.replace("T", " ").slice(0, 16))],
        h("dt", {}, "件数"),
        h("dd", {}, `${s.count} 件`),
        s.history.length > 0 && [
          h("dt", {}, "これまでの版"),
          h("dd", {}, s.history.map((p) => `${editionLabel(p)}（${p.imported_at.slice(0, 10)}）`).join("、")),
        ],
      );
      rollbackTo = s.rollback_to;
      newerBundled = s.newer_bundled ?? null;
    } catch (err) {
      statusNode = h("p", { class: "error" }, messageOf(err));
    }
    const choose = h("button", { type: "button", class: "primary", disabled: busy }, "新しい版のファイルを選ぶ…");
    choose.addEventListener("click", async () => {
      void this.renderDataset(null, true);
      try {
        const p = await api.chooseDataset();
        void this.renderDataset(p);
      } catch (err) {
        void this.renderDataset(null, false, messageOf(err));
      }
    });
    replace(
      this.main,
      h(
        "section",
        { class: "dataset", "aria-label": "データ" },
        h("h2", {}, "データセット"),
        statusNode,
        h("p", {}, "府が公開する新しい版を取り込めます。変わる内容を確かめてから更新します。メモ・お気に入り・自分で追加した資源は残ります。"),
        newerBundled !== null && !preview && this.bundledNote(newerBundled, busy),
        choose,
        rollbackTo !== null && !preview && this.rollbackButton(rollbackTo, busy),
        busy && h("progress", { "aria-label": "処理中" }),
        done && h("p", { class: "done", role: "status" }, done),
        preview && this.previewNode(preview),
      ),
    );
  }

  /** After an upgrade: the app carries a newer edition than the one in use. */
  private bundledNote(edition: string, busy: boolean): HTMLElement {
    const look = h("button", { type: "button", disabled: busy }, "同梱の版との違いを見る");
    look.addEventListener("click", async () => {
      void this.renderDataset(null, true);
      try {
        void this.renderDataset(await api.chooseBundled());
      } catch (err) {
        void this.renderDataset(null, false, messageOf(err));
      }
    });
    return h(
      "div",
      { class: "bundled", role: "note" },
      h("p", {}, `このアプリには新しい版のデータ（${edition}）が入っています。違いを確かめてから更新できます。`),
      look,
    );
  }

  /** Back to the edition the last update replaced, after a second click. */
  private rollbackButton(to: Edition, busy: boolean): HTMLButtonElement {
    return confirmButton(
      { disabled: busy, class: "rollback" },
      `前の版（${editionLabel(to)}）に戻す…`,
      `${editionLabel(to)}（${to.row_count} 件）に戻す（メモ・お気に入り・自分で追加した相談先は残ります）`,
      async () => {
        void this.renderDataset(null, true);
        try {
          const c = await api.rollbackDataset();
          void this.renderDataset(null, false, `前の版に戻しました（${c.to.row_count} 件）`);
          this.searches.request();
        } catch (err) {
          void this.renderDataset(null, false, messageOf(err));
        }
      },
    );
  }

  private previewNode(p: DatasetPreview): Node {
    const errors = p.report.problems.filter((x) => x.severity === "error");
    const warnings = p.report.problems.filter((x) => x.severity === "warning");
    const problems = (list: typeof errors) =>
      h("ul", { class: "problems" }, list.slice(0, 100).map((x) => h("li", {}, `${x.line} 行目「${x.column}」: ${x.message}`)));
    const unsigned = p.signature === "unsigned";
    const consent = h("input", { type: "checkbox", "aria-describedby": "unsigned-note" });
    const apply = h("button", { type: "button", class: "primary", disabled: unsigned }, "この版に更新する");
    consent.addEventListener("change", () => {
      apply.disabled = !consent.checked;
    });
    apply.addEventListener("click", async () => {
      void this.renderDataset(null, true);
      try {
        const c = await api.applyDataset(unsigned && consent.checked);
        const d = c.diff;
        void this.renderDataset(null, false, `更新しました（追加 ${d.added.length} 件・削除 ${d.removed.length} 件・変更 ${d.changed.length} 件）`);
        void this.search();
      } catch (err) {
        void this.renderDataset(null, false, messageOf(err));
      }
    });
    return h(
      "div",
      { class: "preview" },
      h("h3", {}, p.file),
      p.signature === "verified"
        ? h("p", { class: "signed" }, "✓ 発行元の署名を確かめました")
        : p.signature === "bundled"
        ? h("p", { class: "signed" }, "✓ このアプリに同梱のデータです")
        : h(
            "p",
            { class: "stale", id: "unsigned-note" },
            "このファイルには発行元の署名がありません。府のページなど、出どころが確かなファイルか確かめてください。",
          ),
      errors.length > 0 && [h("p", { class: "error" }, `エラーが ${errors.length} 件あるため取り込めません。ファイルを直してからもう一度選んでください。`), problems(errors)],
      p.diff && [
        h(
          "p",
          {},
          `追加 ${p.diff.added.length} 件・削除 ${p.diff.removed.length} 件・変更 ${p.diff.changed.length} 件・変わらない ${p.diff.unchanged} 件`,
        ),
        // Changes first: a changed phone number is what a counsellor must not miss.
        h(
          "ul",
          { class: "diff" },
          capped(p.diff.changed, (x) => this.changeNode(x)),
          capped(p.diff.added, (x) => h("li", { class: "added" }, `追加: ${x.name}`)),
          capped(p.diff.removed, (x) => h("li", { class: "removed" }, `削除: ${x.name}`)),
        ),
        unsigned && h("label", { class: "consent" }, consent, " 署名がないことを確認しました"),
        apply,
      ],
      // Warnings do not stop the file; they are there to read, folded so the difference stays in view.
      warnings.length > 0 &&
        h("details", { class: "warnings" }, h("summary", {}, `注意 ${warnings.length} 件（取り込みはできます）`), problems(warnings)),
    );
  }
}

/** Items of a long list, at most 50, and how many more there are. */
function capped<T>(items: T[], item: (x: T) => Node): Node[] {
  const shown = items.slice(0, 50).map(item);
  if (items.length > 50) shown.push(h("li", { class: "more" }, `ほか ${items.length - 50} 件`));
  return shown;
}

/**
 * A button for something that cannot be undone in one step: the first click only changes its
 * label to say exactly what will happen, the second does it.
 */
function confirmButton(
  attrs: Record<string, string | boolean>,
  label: string,
  confirmLabel: string,
  act: () => Promise<void>,
): HTMLButtonElement {
  const button = h("button", { type: "button", ...attrs }, label);
  let armed = false;
  button.addEventListener("click", () => {
    if (!armed) {
      armed = true;
      replace(button, confirmLabel);
      return;
    }
    void act();
  });
  return button;
}

/** How an edition is named to the user: its label, else its title, else the file it came from. */
function editionLabel(e: Edition): string {
  return e.edition ?? e.title ?? e.file_name;
}
