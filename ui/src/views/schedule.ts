// 日程: the sessions to come — family classes, family meetings, self-help meetings and
// programmes — for a pharmacist asked "when is the next family class near us?". Filtered by
// where the person lives (居住地, the core's residency rule) and by kind; each row gives the
// place and the phone. The list prints as the one-page calendar handout in any style, saves as
// an .ics file, and the same 居住地 gives the area booklet.
import { api, messageOf, noFilters, standardStyle } from "../api";
import type { Category } from "../bindings/Category";
import type { Labels, Session, SheetStyle, Upcoming } from "../api";
import { h, keepFocus, replace } from "../dom";
import { Latest } from "../state";
import { stylePicker } from "./style-picker";

/** The kinds a person asks for by name, and the 種別 each takes in. */
const KINDS: [string, string, Category[]][] = [
  ["all", "すべて", []],
  ["family", "家族教室・家族会", ["家族教室", "家族会"]],
  ["group", "自助グループ", ["自助グループ"]],
  ["other", "プログラム・相談日など", ["相談窓口", "医療機関", "回復施設", "電話相談", "就労支援", "法律相談", "司法・更生保護", "その他"]],
];

/** Periods offered, in days. */
const PERIODS: [number, string][] = [
  [14, "2 週間"],
  [28, "4 週間"],
  [56, "8 週間"],
];

export interface ScheduleDeps {
  say(message: string): void;
  /** The core's labels (loaded once): the municipalities. */
  labels(): Promise<Labels>;
  /** Opens a resource in the detail pane. */
  open(id: string): Promise<void>;
  /** 発行元 as remembered on this PC (null when none). */
  office(): string | null;
}

export class ScheduleView {
  readonly el = h("section", { class: "schedule", "aria-label": "日程" });
  /** 居住地 ("" for anywhere). */
  residence = "";
  kind = "family";
  days = 28;
  readonly style: SheetStyle = standardStyle();
  booklet = { a5: false };
  private latest = new Latest();
  private labels: Labels | null = null;
  private list: Upcoming | null = null;
  private error: string | null = null;

  constructor(private deps: ScheduleDeps) {}

  /** The filters the core is sent. */
  filters() {
    const f = noFilters();
    f.categories = KINDS.find(([k]) => k === this.kind)?.[2] ?? [];
    f.resident_of = this.residence === "" ? null : this.residence;
    return f;
  }

  async render(): Promise<void> {
    await this.latest.run(
      async () => {
        try {
          this.labels ??= await this.deps.labels();
          return { list: await api.upcoming(this.filters(), this.days), error: null };
        } catch (e) {
          return { list: null, error: messageOf(e) };
        }
      },
      ({ list, error }) => {
        this.list = list;
        this.error = error;
        keepFocus(this.el, () => this.draw(), this.el);
      },
    );
  }

  private draw(): void {
    const residence = h(
      "select",
      { name: "schedule-residence", "data-focus": "schedule-residence", "aria-label": "居住地" },
      h("option", { value: "" }, "指定しない"),
      (this.labels?.municipalities ?? []).map((m) => h("option", { value: m, selected: m === this.residence }, m)),
    );
    residence.addEventListener("change", () => {
      this.residence = residence.value;
      void this.render();
    });
    const kinds = h(
      "div",
      { class: "chips", role: "group", "aria-label": "種類" },
      KINDS.map(([key, label]) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            "data-focus": `kind:${key}`,
            "aria-pressed": String(this.kind === key),
            onclick: () => {
              this.kind = key;
              void this.render();
            },
          },
          label,
        ),
      ),
    );
    const period = h(
      "select",
      { name: "schedule-days", "data-focus": "schedule-days", "aria-label": "期間" },
      PERIODS.map(([d, label]) => h("option", { value: String(d), selected: d === this.days }, label)),
    );
    period.addEventListener("change", () => {
      this.days = Number(period.value);
      void this.render();
    });
    const field = (text: string, control: HTMLElement) => h("label", { class: "field" }, h("span", {}, text), control);
    replace(
      this.el,
      h("h2", {}, "日程"),
      h("p", { class: "hint" }, "これからの家族教室・家族会・自助グループ・プログラムの日程です。居住地を選ぶと、その地域に住む人が行ける所だけになります。"),
      h("div", { class: "schedule-filters" }, field("居住地", residence), field("期間", period), kinds),
      this.error !== null ? h("p", { class: "error" }, this.error) : this.sessions(),
      h(
        "div",
        { class: "schedule-print" },
        h("h3", {}, "配る"),
        stylePicker(this.style, () => undefined, "calendar-style"),
        h(
          "div",
          { class: "actions" },
          this.action("日程表を PDF で保存…", "export-calendar", () =>
            api.exportCalendar(this.filters(), this.days, this.deps.office(), { ...this.style }),
          ),
          this.action("予定（.ics）を保存…", "export-ics", () => api.exportIcs(this.filters(), this.days)),
        ),
        h("h3", {}, "地域の冊子"),
        this.residence === ""
          ? h("p", { class: "hint" }, "居住地を選ぶと、その地域に住む人が利用できる相談先をすべて種別ごとに載せた冊子（PDF）を作れます。")
          : this.bookletForm(),
      ),
    );
  }

  private bookletForm(): HTMLElement {
    const a5 = h("input", { type: "checkbox", name: "booklet-a5", "data-focus": "booklet-a5", checked: this.booklet.a5 });
    a5.addEventListener("change", () => (this.booklet.a5 = a5.checked));
    return h(
      "div",
      { class: "actions" },
      h("label", { class: "check" }, a5, " A5 の冊子にする（A4 に 2 ページずつ印刷して二つ折り）"),
      this.action(`${this.residence}の冊子を PDF で保存…`, "export-booklet", () =>
        api.exportBooklet(this.residence, this.booklet.a5, this.style.large, this.deps.office()),
      ),
    );
  }

  /** A button that saves something through the core and says where it went. */
  private action(label: string, key: string, save: () => Promise<string | null>): HTMLButtonElement {
    const button = h("button", { type: "button", class: key, "data-focus": key }, label);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const path = await save();
        this.deps.say(path ? `保存しました: ${path}` : "保存を取りやめました");
      } catch (e) {
        this.deps.say(messageOf(e));
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  private sessions(): HTMLElement {
    const list = this.list;
    if (list === null) return h("p", { class: "hint" }, "読み込んでいます…");
    if (list.sessions.length === 0) {
      return h("p", { class: "empty" }, "この期間に、条件に合う日程はありません。");
    }
    // One group per day, in date order (the core sorts them).
    const days = new Map<string, Session[]>();
    for (const s of list.sessions) {
      const day = days.get(s.date) ?? [];
      day.push(s);
      days.set(s.date, day);
    }
    return h(
      "div",
      { class: "schedule-list" },
      h("p", { class: "count", role: "status" }, `${list.sessions.length} 件`),
      [...days.entries()].map(([date, sessions]) =>
        h(
          "section",
          { class: "schedule-day", "data-date": date },
          h("h3", {}, dayLabel(sessions[0]!)),
          h("ul", {}, sessions.map((s) => this.row(s))),
        ),
      ),
      list.unreadable.length > 0 &&
        h("p", { class: "hint" }, `日程を日付にできない相談先: ${list.unreadable.join("、")}（詳細で相談先の記載をご覧ください）`),
    );
  }

  private row(s: Session): HTMLLIElement {
    const time = s.start ? `${s.start}〜${s.end ?? ""}` : "時間の記載なし";
    return h(
      "li",
      { class: "session", "data-id": s.id },
      h("span", { class: "time" }, time),
      h(
        "span",
        { class: "what" },
        h("button", { type: "button", class: "link", onclick: () => void this.deps.open(s.id) }, s.name),
        h("small", {}, ` ${s.category}`),
        s.reservation && h("span", { class: "badge" }, "要予約"),
        s.address && h("span", { class: "where" }, s.address),
      ),
      h("span", { class: "phone" }, s.phone ?? "電話番号の記載なし"),
    );
  }
}

/** `12月16日(水)`, with the holiday's name when there is one. */
function dayLabel(s: Session): string {
  const [, m, d] = s.date.split("-").map(Number);
  return `${m}月${d}日(${s.weekday})${s.holiday ? ` ${s.holiday}` : ""}`;
}
