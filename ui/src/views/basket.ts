// 紹介リスト: the resources chosen for one person, in order, with a note and a recipient, saved
// as a referral sheet (PDF) or printed. The tab in the header shows how many there are. Once a
// sheet is saved or printed, a short form offers to record the referral (紹介の記録).
import { api, messageOf } from "../api";
import type { Labels, Referral } from "../api";
import { h, replace } from "../dom";
import { Basket } from "../state";
import type { BasketItem } from "../state";
import { referralForm } from "./referral-form";

/** What the basket asks of the rest of the app. */
export interface BasketDeps {
  say(message: string): void;
  /** The core's labels (loaded once): the ways of referring. */
  labels(): Promise<Labels>;
  /** A referral was recorded (the log's tab counts again). */
  logged(referral: Referral): void;
}

export class BasketView {
  /** The basket itself, kept across restarts. */
  readonly state: Basket;
  readonly tab = h("button", { type: "button", class: "tab", "data-view": "basket" });
  readonly el = h("section", { class: "basket", "aria-label": "紹介リスト" });
  /** The form recording the referral of the sheet just saved or printed, while it is open. */
  logForm: HTMLFormElement | null = null;
  private say: (message: string) => void;

  constructor(
    storage: Storage | null,
    private deps: BasketDeps,
  ) {
    this.say = deps.say;
    this.state = new Basket(storage);
    this.renderTab();
  }

  has(id: string): boolean {
    return this.state.has(id);
  }

  /** Adds at the end; false when it was already there. */
  add(item: BasketItem): boolean {
    const added = this.state.add(item);
    this.renderTab();
    return added;
  }

  renderTab(): void {
    replace(this.tab, `紹介リスト（${this.state.items.length}）`);
  }

  render(): void {
    const b = this.state;
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
    const empty = b.items.length === 0;
    replace(
      this.el,
      h("h2", {}, "紹介リスト"),
      empty
        ? h("p", { class: "empty" }, "紹介リストは空です。検索結果で B キーを押すか、詳細の「紹介リストに入れる」で追加してください。")
        : h("ol", { class: "basket-items" }, b.items.map((item, i) => this.item(item, i))),
      recipient,
      note,
      h("div", { class: "print-only" }, b.recipient && h("p", {}, b.recipient), b.note && h("p", {}, b.note)),
      h(
        "div",
        { class: "actions" },
        this.exportButton(),
        h("button", { type: "button", disabled: empty, onclick: () => this.print() }, "印刷…"),
        h("button", { type: "button", disabled: empty, onclick: () => this.change(() => b.clear()) }, "リストを空にする"),
      ),
      this.logForm,
    );
  }

  private print(): void {
    const items = [...this.state.items];
    window.print();
    void this.offerLog(items);
  }

  /** Opens the form recording the referral of `items` (the sheet just made), focused. */
  async offerLog(items: BasketItem[]): Promise<void> {
    let labels: Labels;
    try {
      labels = await this.deps.labels();
    } catch (e) {
      this.say(messageOf(e));
      return;
    }
    const close = () => {
      this.logForm = null;
      this.render();
      // The keyboard goes on from the button that made the sheet.
      this.el.querySelector<HTMLButtonElement>(".actions button.primary")?.focus();
    };
    this.logForm = referralForm(items, labels.referral_ways, {
      logged: (r) => {
        close();
        this.say(`紹介を記録しました（ケース ${r.case_code}）`);
        this.deps.logged(r);
      },
      dismissed: close,
    });
    this.render();
    this.logForm.querySelector<HTMLInputElement>('[name="case_code"]')?.focus();
  }

  private item(item: BasketItem, i: number): HTMLLIElement {
    const b = this.state;
    return h(
      "li",
      { "data-id": item.id },
      h("span", { class: "name" }, item.name),
      h("span", { class: "where" }, [item.phone, item.address].filter(Boolean).join("　")),
      h(
        "span",
        { class: "controls" },
        h("button", { type: "button", "aria-label": `${item.name}を上へ`, disabled: i === 0, onclick: () => this.change(() => b.move(item.id, -1)) }, "↑"),
        h("button", { type: "button", "aria-label": `${item.name}を下へ`, disabled: i === b.items.length - 1, onclick: () => this.change(() => b.move(item.id, 1)) }, "↓"),
        h("button", { type: "button", "aria-label": `${item.name}をリストから外す`, onclick: () => this.change(() => b.remove(item.id)) }, "外す"),
      ),
    );
  }

  private exportButton(): HTMLButtonElement {
    const b = this.state;
    const button = h("button", { type: "button", class: "primary", disabled: b.items.length === 0 }, "紹介シートを PDF で保存…");
    button.addEventListener("click", async () => {
      button.disabled = true;
      const items = [...b.items];
      try {
        const path = await api.exportSheet(
          items.map((i) => i.id),
          b.note || null,
          b.recipient || null,
        );
        this.say(path ? `紹介シートを保存しました: ${path}` : "保存を取りやめました");
        if (path) void this.offerLog(items);
      } catch (e) {
        this.say(messageOf(e));
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  private change(change: () => void): void {
    change();
    this.renderTab();
    this.render();
  }
}
