// 紹介リスト: the resources chosen for one person, in order, with an addressee and a note, saved
// as a referral sheet (PDF) or printed (the app lays out the core's sheet itself: views/sheet.ts).
// The issuing office (発行元) is remembered on this PC. Once a sheet is saved or printed, the
// addressee and the note are forgotten (a shared PC shows the next person nothing of the last)
// and a short form offers to record the referral (紹介の記録). The tab in the header shows how
// many resources there are.
import { api, messageOf, standardStyle } from "../api";
import type { Labels, Referral, SheetStyle } from "../api";
import { h, keepFocus, replace } from "../dom";
import { Basket, Office } from "../state";
import type { BasketItem } from "../state";
import { confirmButton } from "./confirm";
import { referralForm } from "./referral-form";
import { copyText } from "./phone";
import { sheetView } from "./sheet";
import { stylePicker } from "./style-picker";

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
  /** 発行元, remembered on this PC. */
  readonly office: Office;
  readonly tab = h("button", { type: "button", class: "tab", "data-view": "basket" });
  readonly el = h("section", { class: "basket", "aria-label": "紹介リスト" });
  /** The form recording the referral of the sheet just saved or printed, while it is open. */
  logForm: HTMLFormElement | null = null;
  /** How the sheet is written (for this person: it is not remembered). */
  readonly style: SheetStyle = standardStyle();
  private say: (message: string) => void;

  constructor(
    storage: Storage | null,
    private deps: BasketDeps,
  ) {
    this.say = deps.say;
    this.state = new Basket(storage);
    this.office = new Office(storage);
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

  /** Draws the screen again; the keyboard stays on the control it was on. */
  render(): void {
    keepFocus(this.el, () => this.draw(), this.el);
  }

  private draw(): void {
    const b = this.state;
    const note = h("textarea", {
      rows: "4",
      name: "note",
      "data-focus": "note",
      placeholder: "例: まずは電話で「家族のことで相談したい」と伝えてください。",
    });
    note.value = b.note;
    note.addEventListener("input", () => {
      b.note = note.value;
      b.save();
    });
    const recipient = h("input", {
      type: "text",
      name: "recipient",
      "data-focus": "recipient",
      autocomplete: "off",
      placeholder: "例: 山田 花子 さんへ／ご家族の方へ",
    });
    recipient.value = b.recipient;
    recipient.addEventListener("input", () => {
      b.recipient = recipient.value;
      b.save();
    });
    const office = h("input", {
      type: "text",
      name: "office",
      "data-focus": "office",
      placeholder: "例: ○○市保健所 精神保健福祉担当",
    });
    office.value = this.office.value;
    office.addEventListener("input", () => this.office.set(office.value));
    const empty = b.items.length === 0;
    const field = (text: string, hint: string, control: HTMLElement) =>
      h("label", { class: "field" }, h("span", {}, text, h("small", {}, hint)), control);
    replace(
      this.el,
      h("h2", {}, "紹介リスト"),
      empty
        ? h("p", { class: "empty" }, "紹介リストは空です。検索結果や詳細で Ctrl+Enter（入力欄の外では B）を押すか、詳細の「紹介リストに追加」で追加してください。")
        : h("ol", { class: "basket-items" }, b.items.map((item, i) => this.item(item, i))),
      field("宛名", "（任意。書いたとおりに印刷されます）", recipient),
      field("相談者へのひとこと", "（任意。紹介シートに印刷されます）", note),
      field("発行元", "（このパソコンに記憶します）", office),
      stylePicker(this.style, () => undefined, "sheet-style"),
      h("p", { class: "hint privacy-note" }, "宛名とひとことは、シートを保存・印刷すると消えます（次の方に見えないように）。相談先のリストは残ります。"),
      h(
        "div",
        { class: "actions" },
        this.exportButton(),
        h("button", { type: "button", class: "print", "data-focus": "print", disabled: empty, onclick: () => void this.print() }, "印刷…"),
        h(
          "button",
          { type: "button", class: "copy-text", "data-focus": "copy-text", disabled: empty, onclick: () => void this.copy() },
          "文章をコピー（LINE・メール用）",
        ),
        this.clearButton(empty),
      ),
      this.logForm,
    );
  }

  /** 「リストを空にする」: the first click says what will go, the second empties. */
  private clearButton(empty: boolean): HTMLButtonElement {
    const n = this.state.items.length;
    const button = confirmButton(
      { class: "clear-basket", disabled: empty },
      "リストを空にする",
      `本当に空にする（${n} 件と宛名・ひとことが消えます）`,
      async () => {
        this.change(() => this.state.clear());
        this.say("紹介リストを空にしました");
      },
    );
    button.dataset.focus = "clear";
    return button;
  }

  /** What the core is sent for the sheet: the resources in order, the words as typed, the style. */
  private sheetArgs(): [string[], string | null, string | null, string | null, SheetStyle] {
    const b = this.state;
    const orNull = (s: string) => (s.trim() === "" ? null : s);
    return [b.items.map((i) => i.id), orNull(b.note), orNull(b.recipient), this.office.sent, { ...this.style }];
  }

  /** Copies the sheet as text (names, phones, hours, URLs) for LINE or an e-mail. */
  async copy(): Promise<void> {
    let text: string;
    try {
      text = await api.sheetText(...this.sheetArgs());
    } catch (e) {
      this.say(messageOf(e));
      return;
    }
    const copied = await copyText(text);
    // What was offered to the clipboard, for a test to read (the clipboard itself may not be).
    this.el.dataset.copyText = text;
    this.say(copied ? "紹介の文章をコピーしました（LINE やメールに貼り付けられます）" : "コピーできませんでした");
  }

  /**
   * Prints the sheet itself: the core's model laid out in a print-only view, then the print
   * dialog. The view goes once printing is over, so a later Ctrl+P cannot print it again.
   */
  async print(): Promise<void> {
    const items = [...this.state.items];
    let sheet: HTMLElement;
    try {
      sheet = sheetView(await api.sheetModel(...this.sheetArgs()));
    } catch (e) {
      this.say(messageOf(e));
      return;
    }
    for (const old of document.querySelectorAll(".print-sheet")) old.remove();
    document.body.appendChild(sheet);
    document.body.classList.add("printing-sheet");
    window.addEventListener(
      "afterprint",
      () => {
        sheet.remove();
        if (!document.querySelector(".print-sheet")) document.body.classList.remove("printing-sheet");
      },
      { once: true },
    );
    window.print();
    this.forgetPerson();
    this.say("宛名とひとことは消しました（相談先のリストは残っています）");
    void this.offerLog(items);
  }

  /** The addressee and the note go once the sheet is made; the resources stay. */
  private forgetPerson(): void {
    this.state.forgetPerson();
    this.render();
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
        h("button", { type: "button", "aria-label": `${item.name}を上へ`, "data-focus": `up:${item.id}`, disabled: i === 0, onclick: () => this.change(() => b.move(item.id, -1)) }, "↑"),
        h("button", { type: "button", "aria-label": `${item.name}を下へ`, "data-focus": `down:${item.id}`, disabled: i === b.items.length - 1, onclick: () => this.change(() => b.move(item.id, 1)) }, "↓"),
        h("button", { type: "button", "aria-label": `${item.name}をリストから外す`, onclick: () => this.change(() => b.remove(item.id)) }, "外す"),
      ),
    );
  }

  private exportButton(): HTMLButtonElement {
    const b = this.state;
    const button = h(
      "button",
      { type: "button", class: "primary", "data-focus": "export", disabled: b.items.length === 0 },
      "紹介シートを PDF で保存…",
    );
    button.addEventListener("click", async () => {
      button.disabled = true;
      const items = [...b.items];
      try {
        const path = await api.exportSheet(...this.sheetArgs());
        if (path) {
          this.forgetPerson();
          this.say(`紹介シートを保存しました: ${path}（宛名とひとことは消しました）`);
          void this.offerLog(items);
        } else {
          this.say("保存を取りやめました");
        }
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
