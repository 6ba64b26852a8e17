// The detail pane, laid out for the phone call a counsellor is about to make: name and kind with
// the report-stance badge, the phone in large type, the hours, whom it is for, confidentiality,
// the address, how sure the record is, then every field folded away; the user's notes after. A
// record that is not a place one can go (運用状況) cannot go on a sheet, and says so.
import { api, messageOf } from "../api";
import type { Detail } from "../api";
import { h, keepFocus, replace } from "../dom";
import type { BasketItem } from "../state";
import { jstDate } from "../time";
import { stanceBadge, statusReason } from "./badges";
import { confirmButton } from "./confirm";
import { correctionsSection } from "./workbench";
import {
  addressSection,
  allRows,
  callSection,
  confidentialitySection,
  hoursSection,
  sourcesSection,
  whomSection,
} from "./detail-sections";

export interface DetailState {
  /** The resource shown, or null for the hint. */
  detail: Detail | null;
  /** Why the last resource asked for could not be shown. */
  error: string | null;
}

/** What the detail pane asks of the rest of the app. */
export interface DetailDeps {
  say(message: string): void;
  inBasket(id: string): boolean;
  add(item: BasketItem): void;
  /** One's own resource was removed (the search runs again). */
  removed(): void;
  /** 一覧に戻る (on a narrow window, where the detail takes the list's place). */
  back(): void;
}

export class DetailView {
  readonly state: DetailState = { detail: null, error: null };
  readonly pane = h("section", { class: "detail", "aria-label": "詳細", tabindex: "-1" });

  constructor(private deps: DetailDeps) {
    this.render();
  }

  /** Loads a resource and shows it (or why it cannot be shown), from its top. */
  async open(id: string): Promise<void> {
    try {
      this.state.detail = await api.detail(id);
      this.state.error = null;
    } catch (e) {
      this.state.error = messageOf(e);
    }
    this.render();
    this.pane.scrollTop = 0;
  }

  /** Shows the hint again (a search that found nothing leaves no old record on screen). */
  clear(): void {
    this.state.detail = null;
    this.state.error = null;
    this.render();
    this.pane.scrollTop = 0;
  }

  /** Whether the pane shows this resource. */
  shows(id: string): boolean {
    return this.state.error === null && this.state.detail?.resource.id === id;
  }

  /** The resource shown, as the basket keeps it, or null when none is shown. */
  item(): BasketItem | null {
    const d = this.state.error === null ? this.state.detail : null;
    if (!d) return null;
    const r = d.resource;
    return { id: r.id, name: r.name, phone: r.phones[0] ?? null, address: r.address };
  }

  /** Puts the resource shown into the basket, unless its status keeps it off a sheet. */
  addShown(): void {
    const d = this.state.detail;
    const item = this.item();
    if (!d || !item) return;
    if (d.resource.status !== null) {
      this.deps.say(statusReason(d.resource.status));
      return;
    }
    this.deps.add(item);
  }

  /** Draws the pane again; the keyboard stays on the control it was on. */
  render(): void {
    keepFocus(this.pane, () => this.draw(), this.pane);
  }

  private draw(): void {
    const { detail: d, error } = this.state;
    const back = h("button", { type: "button", class: "back-to-list", onclick: () => this.deps.back() }, "← 一覧に戻る（Esc）");
    if (error !== null) {
      replace(this.pane, back, h("p", { class: "error" }, error));
      return;
    }
    if (!d) {
      replace(
        this.pane,
        h("p", { class: "hint" }, "一覧から選ぶと、ここに詳しい情報が出ます。↑↓ で選び Enter で開きます。キー操作の一覧は ? キーで。"),
      );
      return;
    }
    const say = (m: string) => this.deps.say(m);
    replace(
      this.pane,
      back,
      this.header(d),
      callSection(d),
      this.actions(d),
      hoursSection(d),
      whomSection(d),
      confidentialitySection(d),
      addressSection(d, say),
      sourcesSection(d, say),
      correctionsSection(d, say, () => void this.open(d.resource.id)),
      allRows(d),
      this.notes(d),
    );
  }

  /** Name, kind and stance, what it is, and why it cannot go on a sheet (if it cannot). */
  private header(d: Detail): HTMLElement {
    const r = d.resource;
    return h(
      "header",
      {},
      h("h2", {}, r.name),
      h(
        "p",
        { class: "kind" },
        h("span", { class: "cat" }, r.category, r.local ? "（自分で追加）" : ""),
        " ",
        stanceBadge(d.report_stance),
      ),
      r.description && h("p", { class: "summary" }, r.description),
      r.status !== null && h("p", { class: "status-note", id: "detail-status", role: "note" }, statusReason(r.status)),
    );
  }

  /** The actions: basket, favourite, remove (one's own only). */
  private actions(d: Detail): HTMLElement {
    const r = d.resource;
    const inBasket = this.deps.inBasket(r.id);
    const blocked = r.status !== null;
    const add = h(
      "button",
      {
        type: "button",
        class: "primary add",
        disabled: inBasket || blocked,
        "aria-keyshortcuts": "Control+Enter B",
        "data-focus": "add",
        "aria-describedby": blocked ? "detail-status" : null,
        onclick: () => this.addShown(),
      },
      inBasket ? "紹介リストに入っています" : "紹介リストに追加",
      !inBasket && !blocked && h("kbd", {}, "Ctrl+Enter"),
    );
    return h(
      "div",
      { class: "actions" },
      add,
      h(
        "button",
        {
          type: "button",
          "aria-pressed": String(d.favourite),
          "data-focus": "favourite",
          onclick: async () => {
            try {
              d.favourite = await api.setFavourite(r.id, !d.favourite);
              this.render();
            } catch (e) {
              this.deps.say(messageOf(e));
            }
          },
        },
        d.favourite ? "★ お気に入り" : "☆ お気に入りにする",
      ),
      r.local && this.removeLocalButton(r.id, r.name),
    );
  }

  /** Removes one's own resource, after a second click that says what will go. */
  private removeLocalButton(id: string, name: string): HTMLButtonElement {
    return confirmButton({ class: "danger" }, "削除…", `「${name}」を削除する`, async () => {
      try {
        await api.removeLocal(id);
        this.state.detail = null;
        this.render();
        this.deps.say(`「${name}」を削除しました`);
        this.deps.removed();
      } catch (e) {
        this.deps.say(messageOf(e));
      }
    });
  }

  private notes(d: Detail): HTMLElement {
    const text = h("textarea", {
      rows: "2",
      "aria-label": "メモ",
      "data-focus": "note-text",
      placeholder: "この相談先についてのメモ（自分だけに見えます。新しい版を取り込んでも残ります）",
    });
    return h(
      "section",
      { class: "notes" },
      h("h3", {}, "メモ"),
      d.notes.length === 0
        ? h("p", { class: "hint" }, "メモはまだありません。")
        : h("ul", {}, d.notes.map((n) => h("li", {}, h("time", { datetime: n.created_at }, jstDate(n.created_at)), " ", n.text))),
      h(
        "form",
        {
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              const note = await api.addNote(d.resource.id, text.value);
              d.notes.push(note);
              this.render();
            } catch (err) {
              this.deps.say(messageOf(err));
            }
          },
        },
        text,
        h("button", { type: "submit", "data-focus": "note-save" }, "メモを保存"),
      ),
    );
  }
}
