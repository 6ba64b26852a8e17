// 紹介の記録: the private referral log. At the top, the referrals whose follow-up is due (today or
// overdue) with a button per status to record what came of it today; below, every referral,
// newest first. A case code opens that case's history in the same screen: every referral with its
// resources and dated updates, a form for an update, and erasing the case. Nothing here leaves
// the PC; the words of the statuses are the core's (`Labels.referral_statuses`).
import { api, messageOf } from "../api";
import type { Labels, Referral, ReferralStatus } from "../api";
import { h, replace } from "../dom";
import { Latest } from "../state";
import { jstToday } from "../time";
import { confirmButton } from "./confirm";
import { load } from "./load";
import type { Loaded } from "./load";

export const PRIVACY = "この記録はこのパソコンの中だけにあります。氏名・電話番号は書かないでください。";

/** The status every referral starts with: not offered as an update of a due referral. */
const REFERRED: ReferralStatus = "紹介済み";

export interface ReferralsState {
  /** The case whose history is shown, or null for the lists. */
  case: string | null;
  /** How many referrals are due (the tab shows it). */
  due: number;
}

/** What the screen asks of the rest of the app. */
export interface ReferralsDeps {
  /** The core's labels (loaded once). */
  labels(): Promise<Labels>;
  say(message: string): void;
}

type Screen =
  | { kind: "lists"; due: Loaded<Referral[]>; all: Loaded<Referral[]>; labels: Loaded<Labels> }
  | { kind: "case"; code: string; history: Loaded<Referral[]>; labels: Loaded<Labels> };

const errorOf = (e: { error: string }) => h("p", { class: "error" }, e.error);

const names = (r: Referral) => r.targets.map((t) => t.name).join("、");

function consentText(consent: boolean | null): string {
  return consent === null ? "記録なし" : consent ? "同意を得た" : "同意なし";
}

export class ReferralsView {
  readonly state: ReferralsState = { case: null, due: 0 };
  readonly tab = h("button", { type: "button", class: "tab", "data-view": "referrals" });
  readonly el = h("section", { class: "referrals", "aria-label": "紹介の記録" });
  private latest = new Latest();

  constructor(private deps: ReferralsDeps) {
    this.renderTab();
  }

  renderTab(): void {
    replace(this.tab, this.state.due > 0 ? `紹介の記録（${this.state.due}）` : "紹介の記録");
  }

  /** Asks the core what is due today, counts it on the tab, and returns it. */
  async refreshDue(): Promise<Referral[]> {
    const due = await api.dueReferrals();
    this.state.due = due.length;
    this.renderTab();
    return due;
  }

  /** Whether a case's history is shown. */
  inCase(): boolean {
    return this.state.case !== null;
  }

  /** Loads and draws the lists or the case shown (a slower earlier load never wins). */
  async render(): Promise<void> {
    const code = this.state.case;
    await this.latest.run(
      async (): Promise<Screen> => {
        const labels = await load(() => this.deps.labels());
        if (code === null) {
          const due = await load(() => this.refreshDue());
          return { kind: "lists", due, all: await load(() => api.referrals(null)), labels };
        }
        // The tab's count follows an update made from the history.
        await load(() => this.refreshDue());
        return { kind: "case", code, history: await load(() => api.referrals(code)), labels };
      },
      (screen) => (screen.kind === "lists" ? this.drawLists(screen) : this.drawCase(screen)),
    );
  }

  /** Shows one case's history, its heading focused. */
  async openCase(code: string): Promise<void> {
    this.state.case = code;
    await this.render();
    this.el.querySelector<HTMLElement>(".case-history h2")?.focus();
  }

  /** Back from a history to the lists, on that case's code. */
  async back(): Promise<void> {
    const code = this.state.case;
    this.state.case = null;
    await this.render();
    const link = [...this.el.querySelectorAll<HTMLButtonElement>("button.case-code")].find((b) => b.textContent === code);
    (link ?? this.el.querySelector<HTMLElement>("h2"))?.focus();
  }

  // ---- the lists -------------------------------------------------------------------------

  private drawLists(s: Extract<Screen, { kind: "lists" }>): void {
    const today = jstToday();
    const statuses = s.labels.ok ? s.labels.value.referral_statuses.filter((st) => st !== REFERRED) : [];
    replace(
      this.el,
      h("h2", { tabindex: "-1" }, "紹介の記録"),
      h("p", { class: "privacy" }, PRIVACY),
      h(
        "section",
        { class: "due", "aria-labelledby": "due-heading" },
        h("h3", { id: "due-heading", tabindex: "-1" }, "フォローアップが必要な紹介"),
        !s.labels.ok && errorOf(s.labels),
        !s.due.ok
          ? errorOf(s.due)
          : s.due.value.length === 0
            ? h("p", { class: "hint" }, "今日までにフォローアップが必要な紹介はありません。")
            : h("ul", { class: "due-list" }, s.due.value.map((r, i) => this.dueRow(r, i, today, statuses))),
      ),
      h(
        "section",
        { class: "all", "aria-labelledby": "all-heading" },
        h("h3", { id: "all-heading" }, "すべての紹介（新しい順）"),
        !s.all.ok
          ? errorOf(s.all)
          : s.all.value.length === 0
            ? h("p", { class: "hint" }, "紹介の記録はまだありません。紹介リストで紹介シートを保存するか印刷すると、記録できます。")
            : h("ul", { class: "all-referrals" }, s.all.value.map((r) => this.row(r))),
      ),
    );
  }

  private caseLink(code: string): HTMLButtonElement {
    return h(
      "button",
      { type: "button", class: "link case-code", title: "このケースの経過を見る", onclick: () => void this.openCase(code) },
      code,
    );
  }

  /** A due referral: when, who, where to, where it stands, and a button per status for today. */
  private dueRow(r: Referral, index: number, today: string, statuses: ReferralStatus[]): HTMLLIElement {
    const overdue = r.follow_up !== null && r.follow_up < today;
    const note = h("input", {
      type: "text",
      class: "note",
      maxlength: "500",
      placeholder: "短いメモ（任意）",
      "aria-label": `ケース ${r.case_code} のメモ（任意）`,
    });
    const buttons: HTMLButtonElement[] = statuses.map((status) =>
      h(
        "button",
        { type: "button", class: "status-button", "data-status": status, onclick: () => void this.quick(r, status, note, buttons, index) },
        status,
      ),
    );
    return h(
      "li",
      { class: overdue ? "due-row overdue" : "due-row", "data-id": String(r.id) },
      h(
        "span",
        { class: "follow-up" },
        r.follow_up && h("time", { datetime: r.follow_up }, r.follow_up),
        overdue && h("span", { class: "overdue-mark" }, "期限を過ぎています"),
      ),
      this.caseLink(r.case_code),
      h("span", { class: "targets" }, names(r)),
      h("span", { class: "status" }, `現在: ${r.status}`),
      h("span", { class: "quick", role: "group", "aria-label": `ケース ${r.case_code} の今日の状況` }, "今日の状況: ", buttons),
      note,
    );
  }

  /** Records a status today for a due referral's case, then stays on the same row. */
  private async quick(r: Referral, status: ReferralStatus, note: HTMLInputElement, buttons: HTMLButtonElement[], index: number): Promise<void> {
    for (const b of buttons) b.disabled = true;
    try {
      await api.updateReferral(r.case_code, status, null, note.value.trim() || null);
      this.deps.say(`ケース ${r.case_code}: 「${status}」を記録しました`);
    } catch (e) {
      this.deps.say(messageOf(e));
      for (const b of buttons) b.disabled = false;
      return;
    }
    await this.render();
    // The keyboard goes on with the row now in that place, or the heading when none is left.
    const rows = this.el.querySelectorAll<HTMLLIElement>(".due-list li");
    const next = rows[Math.min(index, rows.length - 1)];
    (next?.querySelector<HTMLElement>("button.status-button") ?? this.el.querySelector<HTMLElement>("#due-heading"))?.focus();
  }

  /** A referral in the full list. */
  private row(r: Referral): HTMLLIElement {
    return h(
      "li",
      { "data-id": String(r.id) },
      h("time", { datetime: r.referred_on }, r.referred_on),
      this.caseLink(r.case_code),
      h("span", { class: "targets" }, names(r)),
      h("span", { class: "how" }, r.how),
      h("span", { class: "status" }, r.status),
      r.follow_up && h("span", { class: "follow-up" }, `フォローアップ ${r.follow_up}`),
    );
  }

  // ---- one case --------------------------------------------------------------------------

  private drawCase(s: Extract<Screen, { kind: "case" }>): void {
    const found = s.history.ok && s.history.value.length > 0;
    replace(
      this.el,
      h(
        "section",
        { class: "case-history", "aria-label": `ケース ${s.code} の経過` },
        h("button", { type: "button", class: "back", onclick: () => void this.back() }, "← 一覧に戻る（Esc）"),
        h("h2", { tabindex: "-1" }, `ケース ${s.code}`),
        h("p", { class: "privacy" }, PRIVACY),
        !s.history.ok
          ? errorOf(s.history)
          : found
            ? s.history.value.map((r) => this.referral(r))
            : h("p", { class: "hint" }, "このケースの記録はありません。"),
        found && (s.labels.ok ? this.updateForm(s.code, s.labels.value.referral_statuses) : errorOf(s.labels)),
        found && this.eraseButton(s.code, s.history.ok ? s.history.value.length : 0),
      ),
    );
  }

  /** One referral of the case: where to, how, consent, follow-up and every dated update. */
  private referral(r: Referral): HTMLElement {
    return h(
      "article",
      { class: "referral", "data-id": String(r.id) },
      h("h3", {}, `${r.referred_on} の紹介`),
      h(
        "dl",
        { class: "rows" },
        h("dt", {}, "紹介先"),
        h("dd", {}, h("ol", { class: "targets" }, r.targets.map((t) => h("li", {}, `${t.name}（${t.category}）`)))),
        h("dt", {}, "方法"),
        h("dd", { class: "how" }, r.how),
        h("dt", {}, "同意"),
        h("dd", { class: "consent-value" }, consentText(r.consent)),
        h("dt", {}, "フォローアップ"),
        h("dd", {}, r.follow_up ?? "なし"),
        h("dt", {}, "現在の状況"),
        h("dd", { class: "status" }, r.status),
      ),
      h("h4", {}, "経過"),
      h(
        "ol",
        { class: "updates" },
        r.updates.map((u) =>
          h(
            "li",
            {},
            h("time", { datetime: u.on }, u.on),
            " ",
            h("span", { class: "status" }, u.status),
            u.note && h("span", { class: "note" }, `　${u.note}`),
          ),
        ),
      ),
    );
  }

  /** A dated status for the case's latest referral. */
  private updateForm(code: string, statuses: ReferralStatus[]): HTMLFormElement {
    const status = h(
      "select",
      { name: "status" },
      statuses.map((st, i) => h("option", { value: st, selected: i === statuses.findIndex((x) => x !== REFERRED) }, st)),
    );
    const on = h("input", { type: "date", name: "on", value: jstToday() });
    const note = h("input", { type: "text", name: "note", maxlength: "500" });
    const error = h("p", { class: "error", role: "alert" });
    const submit = h("button", { type: "submit", class: "primary" }, "記録する");
    const form = h(
      "form",
      { class: "update-form", "aria-label": "状況を記録する" },
      h("h3", {}, "状況を記録する"),
      h("p", { class: "hint" }, "このケースのいちばん新しい紹介に記録します。"),
      h("label", {}, h("span", {}, "状況"), status),
      h("label", {}, h("span", {}, "日付"), on),
      h("label", {}, h("span", {}, "メモ（任意・短く）"), note),
      error,
      submit,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const chosen = status.value as ReferralStatus;
      submit.disabled = true;
      try {
        await api.updateReferral(code, chosen, on.value === "" ? null : on.value, note.value.trim() || null);
      } catch (err) {
        replace(error, messageOf(err));
        submit.disabled = false;
        return;
      }
      this.deps.say(`ケース ${code}: 「${chosen}」を記録しました`);
      await this.render();
      this.el.querySelector<HTMLElement>(".case-history h2")?.focus();
    });
    return form;
  }

  /** Erasing the case: the first click says what will go, the second erases it. */
  private eraseButton(code: string, count: number): HTMLButtonElement {
    return confirmButton(
      { class: "danger erase" },
      "このケースの記録を消す",
      `もう一度押すと消えます（ケース ${code} の紹介 ${count} 件。元に戻せません）`,
      async () => {
        try {
          const erased = await api.eraseCase(code);
          this.deps.say(`ケース ${code} の記録を消しました（${erased} 件）`);
        } catch (e) {
          this.deps.say(messageOf(e));
          return;
        }
        this.state.case = null;
        await this.render();
        this.el.querySelector<HTMLElement>("h2")?.focus();
      },
    );
  }
}
