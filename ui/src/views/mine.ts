// 自分の記録: the user's favourites and the resources they added themselves, with the form for
// a new one. Its 種別 list is the core's (`Labels.categories`), in the core's order.
import { api, messageOf } from "../api";
import type { Favourite, NewLocal, Resource } from "../api";
import type { Category } from "../bindings/Category";
import type { Labels } from "../api";
import { h, replace } from "../dom";
import { Latest } from "../state";
import { load } from "./load";
import type { Loaded } from "./load";

export interface MineState {
  /** What the last action did (`「…」を追加しました`), shown once. */
  message: string | null;
}

/** What the screen asks of the rest of the app. */
export interface MineDeps {
  /** Opens a resource in the detail pane. */
  open(id: string): Promise<void>;
  /** The core's labels (loaded once). */
  labels(): Promise<Labels>;
  /** A resource was added (the search runs again). */
  added(): void;
}

export class MineView {
  readonly state: MineState = { message: null };
  readonly el = h("section", { class: "mine", "aria-label": "自分の記録" });
  private latest = new Latest();

  constructor(private deps: MineDeps) {}

  /** Loads the lists and draws the screen (a slower earlier load never replaces a later one). */
  async render(message: string | null = null): Promise<void> {
    this.state.message = message;
    await this.latest.run(
      async () => ({
        favourites: await load(() => api.favourites()),
        locals: await load(() => api.localResources()),
        labels: await load(() => this.deps.labels()),
      }),
      (v) => this.draw(v.favourites, v.locals, v.labels),
    );
  }

  private draw(favourites: Loaded<Favourite[]>, locals: Loaded<Resource[]>, labels: Loaded<Labels>): void {
    const error = (e: { error: string }) => h("p", { class: "error" }, e.error);
    replace(
      this.el,
      h("h2", {}, "お気に入り"),
      favourites.ok ? this.favourites(favourites.value) : error(favourites),
      h("h2", {}, "自分で追加した相談先"),
      h(
        "p",
        {},
        "府の公開データにない相談先（地域の自助グループなど）を追加できます。検索に「自分で追加」として出て、新しい版を取り込んでも消えません。",
      ),
      locals.ok ? this.locals(locals.value) : error(locals),
      this.state.message && h("p", { class: "done", role: "status" }, this.state.message),
      labels.ok ? this.form(labels.value.categories) : error(labels),
    );
  }

  private favourites(list: Favourite[]): HTMLElement {
    if (list.length === 0) {
      return h("p", { class: "hint" }, "お気に入りはまだありません。詳細の「☆ お気に入りにする」で追加できます。");
    }
    return h(
      "ul",
      { class: "mine-list", "aria-label": "お気に入り" },
      list.map((f) =>
        h(
          "li",
          {},
          f.removed
            ? h("span", {}, `${f.resource_name}（現在の版にはありません）`)
            : h("button", { type: "button", class: "link", onclick: () => void this.deps.open(f.resource_id) }, f.resource_name),
        ),
      ),
    );
  }

  private locals(list: Resource[]): HTMLElement {
    if (list.length === 0) return h("p", { class: "hint" }, "自分で追加した相談先はまだありません。");
    return h(
      "ul",
      { class: "mine-list", "aria-label": "自分で追加した相談先" },
      list.map((r) =>
        h(
          "li",
          { "data-id": r.id },
          h("button", { type: "button", class: "link", onclick: () => void this.deps.open(r.id) }, r.name),
          h("span", { class: "where" }, [r.category, r.phones[0]].filter(Boolean).join("　")),
        ),
      ),
    );
  }

  /** The form for a resource of one's own; the core checks every value as it checks a dataset. */
  private form(categories: Category[]): HTMLFormElement {
    const input = (name: keyof NewLocal, label: string, attrs: Record<string, string> = {}) =>
      h("label", {}, h("span", {}, label), h("input", { type: "text", name, ...attrs }));
    const category = h(
      "select",
      { name: "category", required: true },
      categories.map((c) => h("option", { value: c }, c)),
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
        // The select offers only the core's categories; the core checks the value again.
        category: value("category") ?? "",
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
        this.deps.added();
        void this.render(`「${fresh.name}」を追加しました`);
      } catch (err) {
        replace(error, messageOf(err));
      }
    });
    return form;
  }
}
