// The detail pane: one resource with its confidentiality words marked, its links, schedule and
// every row, the user's notes on it, the favourite switch, and removing one's own resource.
import { api, messageOf } from "../api";
import type { Detail } from "../api";
import { h, highlight, replace } from "../dom";
import type { BasketItem } from "../state";
import { jstDate } from "../time";
import { confirmButton } from "./confirm";

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
}

export class DetailView {
  readonly state: DetailState = { detail: null, error: null };
  readonly pane = h("section", { class: "detail", "aria-label": "詳細", tabindex: "-1" });

  constructor(private deps: DetailDeps) {
    this.render();
  }

  /** Loads a resource and shows it (or why it cannot be shown). */
  async open(id: string): Promise<void> {
    try {
      this.state.detail = await api.detail(id);
      this.state.error = null;
    } catch (e) {
      this.state.error = messageOf(e);
    }
    this.render();
  }

  /** Whether the pane shows this resource. */
  shows(id: string): boolean {
    return this.state.error === null && this.state.detail?.resource.id === id;
  }

  render(): void {
    const { detail: d, error } = this.state;
    if (error !== null) {
      replace(this.pane, h("p", { class: "error" }, error));
      return;
    }
    if (!d) {
      replace(this.pane, h("p", { class: "hint" }, "一覧から選ぶと、ここに詳しい情報が出ます。↑↓ で選び Enter で開きます。"));
      return;
    }
    const confidential = d.rows.filter((row) => row.confidentiality);
    replace(
      this.pane,
      this.header(d),
      d.stale_message && h("p", { class: "stale", role: "note" }, d.stale_message),
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
                    // The page never follows a link itself; the shell decides what may open.
                    e.preventDefault();
                    api.openLink(l.href).catch((err) => this.deps.say(messageOf(err)));
                  },
                },
                l.kind === "tel" ? `☎ ${l.label}` : l.kind === "mail" ? `✉ ${l.label}` : l.label,
              ),
              l.host !== null && h("span", { class: "host" }, `（行き先: ${l.host}）`),
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
      this.notes(d),
    );
  }

  /** Name, category, and the actions: basket, favourite, remove (one's own only). */
  private header(d: Detail): HTMLElement {
    const r = d.resource;
    const inBasket = this.deps.inBasket(r.id);
    const phone = r.phones[0] ?? null;
    return h(
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
            onclick: () => this.deps.add({ id: r.id, name: r.name, phone, address: r.address }),
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
                this.render();
              } catch (e) {
                this.deps.say(messageOf(e));
              }
            },
          },
          d.favourite ? "★ お気に入り" : "☆ お気に入りにする",
        ),
        r.local && this.removeLocalButton(r.id, r.name),
      ),
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
        h("button", { type: "submit" }, "メモを保存"),
      ),
    );
  }
}
