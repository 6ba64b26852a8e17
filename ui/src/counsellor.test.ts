// Issue 20's walkthrough, point by point, with the core's commands mocked: a cut list says so and
// offers the rest, every row carries its report stance and marks, the detail is laid out for the
// call, only affirmed rows are highlighted, a phone number is copied before anything is opened,
// and the keyboard reaches everything without typing into the search box.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./app";
import type { Detail } from "./bindings/Detail";
import type { Filters } from "./bindings/Filters";
import type { SearchHit } from "./bindings/SearchHit";
import { labelsFixture } from "./labels.fixture";
import { POLICE_REMARK, detailFixture, hitFixture, policeFixture } from "./records.fixture";
import { closeDialog } from "./views/dialog";

let calls: { cmd: string; args: Record<string, unknown> }[] = [];
/** What the mocked search answers: every match (cut at the limit asked for). */
let matches: SearchHit[] = [];
let details: Record<string, Detail> = {};
let openLinkFails = false;

function many(n: number): SearchHit[] {
  return Array.from({ length: n }, (_, i) => hitFixture(`r-${i}`, `相談先${i}`));
}

beforeEach(() => {
  calls = [];
  openLinkFails = false;
  matches = [
    hitFixture("darc-1", "大阪ダルク", { report_stance: "no-report", confirmed_on: "2026-01-10" }),
    hitFixture("osaka-police-greenline", "少年総合相談(グリーンライン)", { report_stance: "enforcement" }),
    hitFixture("sakai-hc-kita", "堺市 北区の保健センター", { reachable: false, phone: null }),
    hitFixture("plan-1", "大阪依存症対策センター(仮称・計画)", { status: "計画中（2029年度開設予定）" }),
  ];
  details = {
    "darc-1": detailFixture("darc-1", "大阪ダルク"),
    "osaka-police-greenline": policeFixture(),
    "sakai-hc-kita": { ...detailFixture("sakai-hc-kita", "堺市 北区の保健センター", { phones: [], address: null, url: null }), links: [], reachable: false },
    "plan-1": detailFixture("plan-1", "大阪依存症対策センター(仮称・計画)", { status: "計画中（2029年度開設予定）" }),
  };
  document.body.innerHTML = '<div id="app"></div>';
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    switch (cmd) {
      case "labels":
        return labelsFixture();
      case "due_referrals":
        return [];
      case "search": {
        const found = a.query === "ない" ? [] : matches;
        return { total: found.length, complete: true, counted: true, hits: found.slice(0, Number(a.limit)), facets: {} };
      }
      case "detail": {
        const d = details[String(a.id)];
        if (!d) throw { code: "not_found", message: "見つかりません" };
        return structuredClone(d);
      }
      case "open_link":
        if (openLinkFails) throw { code: "io", message: "Failed to open tel:0600000000: No application is registered" };
        return null;
      default:
        throw { code: "internal", message: `unexpected ${cmd}` };
    }
  });
});

afterEach(() => {
  closeDialog();
  clearMocks();
  vi.restoreAllMocks();
});

const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const searches = () => calls.filter((c) => c.cmd === "search");

async function start(): Promise<App> {
  const app = new App(document.getElementById("app")!, null);
  app.start();
  await tick();
  return app;
}

function key(target: EventTarget, k: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

function row(app: App, id: string): HTMLElement {
  return app.views.search.list.querySelector<HTMLElement>(`.hit[data-id="${id}"]`)!;
}

describe("a list cut at the limit", () => {
  it("says 50 / 62 件を表示 with the residence filter, and すべて表示 lists the rest", async () => {
    const app = await start();
    matches = many(62);
    const select = app.views.facets.el.querySelector<HTMLSelectElement>('select[name="resident_of"]')!;
    select.value = "東大阪市";
    select.dispatchEvent(new Event("change"));
    await tick();
    const status = app.views.search.status;
    expect(status.querySelector(".count")?.textContent).toBe("50 / 62 件を表示");
    expect(app.views.search.list.querySelectorAll(".hit")).toHaveLength(50);
    const all = status.querySelector<HTMLButtonElement>("button.show-all")!;
    expect(all.textContent).toBe("すべて表示");
    expect((searches().at(-1)!.args.filters as Filters).resident_of).toBe("東大阪市");
    all.focus();
    all.click();
    await tick();
    expect(searches().at(-1)!.args.limit).toBe(500);
    expect((searches().at(-1)!.args.filters as Filters).resident_of).toBe("東大阪市");
    expect(app.views.search.list.querySelectorAll(".hit")).toHaveLength(62);
    expect(status.querySelector(".count")?.textContent).toBe("62 件");
    expect(status.querySelector("button.show-all")).toBeNull();
    // The keyboard goes on in the list rather than falling to the page.
    expect(document.activeElement).toBe(app.views.search.list);
  });

  it("goes back to the first 50 when the query changes", async () => {
    matches = many(62);
    const app = await start();
    expect(app.views.search.status.textContent).toContain("すべての相談先 50 / 62 件を表示");
    app.views.search.status.querySelector<HTMLButtonElement>("button.show-all")!.click();
    await tick();
    app.views.search.input.value = "相談";
    app.views.search.input.dispatchEvent(new Event("input"));
    await tick();
    expect(searches().at(-1)!.args).toMatchObject({ query: "相談", limit: 50 });
  });
});

describe("every result row", () => {
  it("carries its report stance, and marks no contact, a status and 未確認", async () => {
    const app = await start();
    const badge = (id: string) => row(app, id).querySelector(".badge.stance")!;
    expect(badge("darc-1").textContent).toBe("秘密を守ると明記");
    expect(badge("darc-1").classList.contains("stance-no-report")).toBe(true);
    expect(badge("osaka-police-greenline").textContent).toBe("警察・取締機関");
    expect(badge("osaka-police-greenline").classList.contains("stance-enforcement")).toBe(true);
    expect(badge("sakai-hc-kita").textContent).toBe("秘密保持の記載なし");
    expect(badge("sakai-hc-kita").classList.contains("stance-unknown")).toBe(true);
    expect(row(app, "sakai-hc-kita").querySelector(".unreachable")?.textContent).toBe("連絡先の記載なし");
    expect(row(app, "darc-1").querySelector(".unreachable")).toBeNull();
    expect(row(app, "plan-1").querySelector(".op-status")?.textContent).toBe("計画中（2029年度開設予定）");
    expect(row(app, "darc-1").querySelector(".op-status")).toBeNull();
    // Confirmed by a person: no 未確認; never confirmed: 未確認.
    expect(row(app, "darc-1").querySelector(".unconfirmed")).toBeNull();
    expect(row(app, "osaka-police-greenline").querySelector(".unconfirmed")?.textContent).toBe("未確認");
  });

  it("can be narrowed to windows that state they keep secrets", async () => {
    const app = await start();
    const chip = app.views.facets.el.querySelector<HTMLButtonElement>('[data-facet="confidential"] .chip')!;
    expect(chip).toBeInstanceOf(HTMLButtonElement);
    expect(chip.textContent).toBe("秘密を守ると明記");
    expect(chip.getAttribute("aria-pressed")).toBe("false");
    chip.click();
    await tick();
    expect((searches().at(-1)!.args.filters as Filters).confidential).toBe(true);
    expect(app.views.facets.el.querySelector('[data-facet="confidential"] .chip')!.getAttribute("aria-pressed")).toBe("true");
    expect(app.views.facets.el.querySelector(".clear")?.textContent).toBe("絞り込みを外す（1）");
  });
});

describe("the detail", () => {
  async function opened(id: string): Promise<App> {
    const app = await start();
    row(app, id).click();
    await tick();
    return app;
  }

  it("is laid out for the call: kind and stance, phone, hours, whom, confidentiality, address, then the rest folded", async () => {
    const app = await opened("darc-1");
    const pane = app.views.detail.pane;
    expect(pane.querySelector("h2")?.textContent).toBe("大阪ダルク");
    expect(pane.querySelector("header .kind .badge.stance")?.textContent).toBe("秘密を守ると明記");
    const order = [".call", ".hours", ".whom", ".confidentiality", ".address", ".sources", "details.all-rows", ".notes"].map(
      (css) => [...pane.children].findIndex((c) => c.matches(css)),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pane.querySelector<HTMLAnchorElement>(".call a.phone")?.getAttribute("href")).toBe("tel:0600000000");
    expect(pane.querySelector(".hours")?.textContent).toContain("次の日程: 12/9(水) 14:00〜16:00");
    expect(pane.querySelector(".whom")?.textContent).toContain("利用できる人の住所大阪市に住んでいる人");
    expect(pane.querySelector(".confidentiality .stance-sentence")?.textContent).toContain("この窓口自身の言葉");
    // The record's internals are not at the top, only folded with everything else.
    const outside = [...pane.children].filter((c) => !c.matches("details")).map((c) => c.textContent).join("\n");
    for (const word of ["テスト カナ", "3階（方書）", "信頼度", "darc-1"]) expect(outside).not.toContain(word);
    expect(pane.querySelector("details.all-rows summary")?.textContent).toBe("すべての項目");
    expect(pane.querySelector("details.all-rows")?.textContent).toContain("3階（方書）");
  });

  it("marks only the rows that affirm confidentiality, never a remark that mentions 通報", async () => {
    const app = await opened("darc-1");
    const marks = [...app.views.detail.pane.querySelectorAll("mark")];
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.closest(".own-words, dd.affirms")).not.toBeNull();
    const remark = [...app.views.detail.pane.querySelectorAll(".rows dt")].find((dt) => dt.textContent === "備考")!;
    expect(remark.nextElementSibling!.textContent).toBe("警察に通報しません（備考の言葉）");
    expect(remark.nextElementSibling!.querySelector("mark")).toBeNull();
  });

  it("shows the police line as an enforcement body, with nothing marked", async () => {
    const app = await opened("osaka-police-greenline");
    const pane = app.views.detail.pane;
    expect(pane.querySelector("header .badge.stance")?.textContent).toBe("警察・取締機関");
    expect(pane.querySelector(".confidentiality")?.classList.contains("stance-enforcement")).toBe(true);
    expect(pane.querySelector(".confidentiality")?.textContent).toContain("警察または取締りの機関です");
    expect(pane.textContent).toContain(POLICE_REMARK);
    expect(pane.querySelector("mark")).toBeNull();
  });

  it("says plainly when there is no phone and no way to reach it", async () => {
    const app = await opened("sakai-hc-kita");
    const call = app.views.detail.pane.querySelector(".call")!;
    expect(call.querySelector(".no-phone")?.textContent).toBe("電話番号の記載なし");
    expect(call.querySelector("a")).toBeNull();
    expect(call.querySelector(".unreachable")?.textContent).toContain("連絡先の記載なし");
  });

  it("shows the two dates apart: 未確認, or who confirmed it and how; and 出典の日付", async () => {
    let app = await opened("darc-1");
    let dates = app.views.detail.pane.querySelector(".sources")!.textContent;
    expect(dates).toContain("確認日未確認");
    expect(dates).toContain("出典の日付2024-03-06");
    details["darc-1"] = detailFixture("darc-1", "大阪ダルク", { confirmed_on: "2026-01-10", confirmed_by: "山田", confirmed_how: "電話" });
    details["darc-1"].stale_message = null;
    app = await opened("darc-1");
    dates = app.views.detail.pane.querySelector(".sources")!.textContent;
    expect(dates).toContain("確認日2026-01-10（確認者: 山田、確認方法: 電話）");
    expect(app.views.detail.pane.querySelector(".stale")).toBeNull();
  });

  it("shows sources readable, the link as given, and only web pages as links", async () => {
    const app = await opened("darc-1");
    const links = [...app.views.detail.pane.querySelectorAll<HTMLAnchorElement>(".sources a")];
    expect(links).toHaveLength(1);
    expect(links[0].textContent).toBe("https://www.city.osaka.lg.jp/こころ.html");
    expect(links[0].getAttribute("href")).toBe("https://www.city.osaka.lg.jp/%E3%81%93%E3%81%93%E3%82%8D.html");
    expect(app.views.detail.pane.querySelector(".sources")!.textContent).toContain("広報おおさか 2024年3月号");
    expect(app.views.detail.pane.querySelector<HTMLAnchorElement>(".address a.link-web")!.textContent).toBe("https://example.jp/相談");
    links[0].click();
    await tick(0);
    expect(calls.find((c) => c.cmd === "open_link")?.args.href).toBe("https://www.city.osaka.lg.jp/%E3%81%93%E3%81%93%E3%82%8D.html");
  });

  it("keeps an encoded right-to-left override encoded", async () => {
    details["darc-1"] = detailFixture("darc-1", "大阪ダルク", { sources: ["https://example.jp/a%E2%80%AEfdp.exe"] });
    const app = await opened("darc-1");
    const a = app.views.detail.pane.querySelector(".sources a")!;
    expect(a.textContent).toBe("https://example.jp/a%E2%80%AEfdp.exe");
    expect(app.views.detail.pane.textContent).not.toContain("\u202E");
  });

  it("cannot put a planned place on a sheet, and says why", async () => {
    const app = await opened("plan-1");
    const add = app.views.detail.pane.querySelector<HTMLButtonElement>("button.add")!;
    expect(add.disabled).toBe(true);
    const reason = document.getElementById(add.getAttribute("aria-describedby")!)!;
    expect(reason.textContent).toContain("計画中（2029年度開設予定）");
    expect(reason.textContent).toContain("紹介シートには載せられません");
    // Nor by a key.
    key(app.views.search.list, "b");
    key(app.views.search.input, "Enter", { ctrlKey: true });
    expect(app.views.basket.state.items).toHaveLength(0);
    expect(app.toast.textContent).toContain("紹介シートには載せられません");
  });

  it("starts at the top for each record, and goes when a search finds nothing", async () => {
    const app = await opened("darc-1");
    const pane = app.views.detail.pane;
    pane.scrollTop = 400;
    row(app, "osaka-police-greenline").click();
    await tick();
    expect(pane.scrollTop).toBe(0);
    expect(pane.querySelector("h2")?.textContent).toBe("少年総合相談(グリーンライン)");
    app.views.search.input.value = "ない";
    app.views.search.input.dispatchEvent(new Event("input"));
    await tick();
    expect(pane.querySelector("h2")).toBeNull();
    expect(pane.textContent).toContain("一覧から選ぶと");
    expect(app.views.detail.state.detail).toBeNull();
  });
});

describe("a phone number", () => {
  async function phone(): Promise<{ app: App; link: HTMLAnchorElement }> {
    const app = await start();
    row(app, "darc-1").click();
    await tick();
    return { app, link: app.views.detail.pane.querySelector<HTMLAnchorElement>("a.phone")! };
  }

  it("is copied and shown large before anything is opened", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const { link } = await phone();
    link.click();
    await tick(0);
    expect(writeText).toHaveBeenCalledWith("06-0000-0000");
    expect(calls.some((c) => c.cmd === "open_link")).toBe(false);
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.querySelector(".big-number")?.textContent).toBe("06-0000-0000");
    expect(dialog.querySelector(".copy-result")?.textContent).toBe("06-0000-0000をコピーしました");
    [...dialog.querySelectorAll("button")].find((b) => b.textContent === "電話アプリで開く")!.click();
    await tick(0);
    expect(calls.find((c) => c.cmd === "open_link")?.args.href).toBe("tel:0600000000");
  });

  it("says in plain words when no phone program opens, never the raw error", async () => {
    openLinkFails = true;
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.resolve() }, configurable: true });
    const { link } = await phone();
    link.click();
    await tick(0);
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!;
    dialog.querySelector<HTMLButtonElement>("button.open-phone-app")!.click();
    await tick(0);
    expect(dialog.textContent).toContain("このパソコンでは電話アプリを開けませんでした。番号（06-0000-0000）はコピーしてあります。");
    expect(document.body.textContent).not.toContain("No application");
  });

  it("is copied the old way when the clipboard API is missing, and Space works as a click", async () => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    const exec = vi.fn(() => true);
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    const { link } = await phone();
    link.focus();
    const e = key(link, " ");
    expect(e.defaultPrevented).toBe(true);
    await tick(0);
    expect(exec).toHaveBeenCalledWith("copy");
    expect(document.querySelector(".copy-buffer")).toBeNull();
    expect(document.querySelector('[role="dialog"] .copy-result')?.textContent).toBe("06-0000-0000をコピーしました");
    // Esc closes it and the focus comes back to the number.
    key(document.activeElement!, "Escape");
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(link);
  });
});

describe("the keyboard", () => {
  it("B in the search box is a letter; from the list it adds, and types nothing", async () => {
    const app = await start();
    const box = app.views.search.input;
    box.focus();
    const typed = key(box, "b");
    expect(typed.defaultPrevented).toBe(false);
    expect(app.views.basket.state.items).toHaveLength(0);
    app.views.search.list.focus();
    const added = key(app.views.search.list, "b");
    expect(added.defaultPrevented).toBe(true);
    expect(app.views.basket.state.items.map((i) => i.id)).toEqual(["darc-1"]);
    expect(box.value).toBe("");
    expect(calls.filter((c) => c.cmd === "search")).toHaveLength(1);
  });

  it("adds with Ctrl+Enter from the box, and B from the detail adds the resource shown", async () => {
    const app = await start();
    key(app.views.search.input, "Enter", { ctrlKey: true });
    expect(app.views.basket.state.items.map((i) => i.id)).toEqual(["darc-1"]);
    row(app, "osaka-police-greenline").click();
    await tick();
    app.views.search.select(0);
    const fav = [...app.views.detail.pane.querySelectorAll("button")].find((b) => b.textContent?.includes("お気に入り"))!;
    fav.focus();
    key(fav, "B", { shiftKey: true });
    expect(app.views.basket.state.items.map((i) => i.id)).toEqual(["darc-1", "osaka-police-greenline"]);
    // The button redrawn as added keeps the keyboard in the detail.
    expect(app.views.detail.pane.contains(document.activeElement)).toBe(true);
  });

  it("opens the selected row with Enter or Space in the list", async () => {
    const app = await start();
    const list = app.views.search.list;
    list.focus();
    key(list, "ArrowDown");
    key(list, " ");
    await tick();
    expect(calls.filter((c) => c.cmd === "detail").at(-1)!.args.id).toBe("osaka-police-greenline");
    key(list, "ArrowDown");
    key(list, "Enter");
    await tick();
    expect(calls.filter((c) => c.cmd === "detail").at(-1)!.args.id).toBe("sakai-hc-kita");
    // Space in the box is a space.
    const space = key(app.views.search.input, " ");
    expect(space.defaultPrevented).toBe(false);
    expect(calls.filter((c) => c.cmd === "detail")).toHaveLength(2);
  });

  it("leaves Enter on a chip to the chip, and gives the arrows to the list when nothing has the focus", async () => {
    const app = await start();
    const chip = app.views.facets.el.querySelector<HTMLButtonElement>('[data-facet="confidential"] .chip')!;
    chip.focus();
    const enter = key(chip, "Enter");
    await tick();
    // Not taken for 'open the selected row': the button's own Enter presses it.
    expect(enter.defaultPrevented).toBe(false);
    expect(calls.some((c) => c.cmd === "detail")).toBe(false);
    (document.activeElement as HTMLElement).blur();
    key(document.body, "ArrowDown");
    expect(app.views.search.state.selected).toBe(1);
  });

  it("? lists every key, Esc closes it and the focus comes back", async () => {
    const app = await start();
    key(app.views.search.input, "?");
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    app.views.search.list.focus();
    key(app.views.search.list, "?", { shiftKey: true });
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.querySelector("h2")?.textContent).toBe("キー操作");
    const keys = [...dialog.querySelectorAll("dt")].map((dt) => dt.textContent);
    for (const k of ["/", "↑ ↓", "Enter", "Space", "Ctrl+Enter", "B", "Esc", "?"]) expect(keys).toContain(k);
    expect(dialog.contains(document.activeElement)).toBe(true);
    // Keys typed while it is open are not shortcuts.
    key(document.activeElement!, "b");
    expect(app.views.basket.state.items).toHaveLength(0);
    key(document.activeElement!, "Escape");
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(app.views.search.list);
    // The header's button opens it too.
    document.querySelector<HTMLButtonElement>(".help-button")!.click();
    expect(document.querySelector('[role="dialog"] h2')?.textContent).toBe("キー操作");
  });

  it("/ goes to the search box from the detail without typing a slash", async () => {
    const app = await start();
    row(app, "darc-1").click();
    await tick();
    app.views.detail.pane.focus();
    const e = key(app.views.detail.pane, "/");
    expect(e.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(app.views.search.input);
  });

  it("chips are buttons (Enter and Space press them), and the focus stays on a chip after it is pressed", async () => {
    const app = await start();
    const chips = [...app.views.facets.el.querySelectorAll(".chip, .facets-toggle, .clear")];
    expect(chips.length).toBeGreaterThan(0);
    for (const c of [...chips, app.views.facets.toggle]) {
      expect(c).toBeInstanceOf(HTMLButtonElement);
      expect((c as HTMLButtonElement).type).toBe("button");
    }
    const chip = app.views.facets.el.querySelector<HTMLButtonElement>('[data-facet="confidential"] .chip')!;
    chip.focus();
    chip.click();
    await tick();
    const again = app.views.facets.el.querySelector<HTMLButtonElement>('[data-facet="confidential"] .chip')!;
    expect(again.getAttribute("aria-pressed")).toBe("true");
    expect(document.activeElement).toBe(again);
  });
});

describe("a narrow window", () => {
  beforeEach(() => {
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      value: (q: string) => ({ matches: q.includes("max-width"), media: q, addEventListener() {}, removeEventListener() {} }),
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(window, "matchMedia");
  });

  it("folds the filters behind 絞り込み", async () => {
    const app = await start();
    const toggle = app.views.facets.toggle;
    expect(app.main.querySelector(".listbar")?.contains(toggle)).toBe(true);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(app.views.facets.el.classList.contains("open")).toBe(false);
    toggle.click();
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(app.views.facets.el.classList.contains("open")).toBe(true);
  });

  it("shows the detail in the list's place, back with 一覧に戻る or Esc", async () => {
    const app = await start();
    app.views.search.list.focus();
    key(app.views.search.list, "Enter");
    await tick();
    expect(app.main.classList.contains("detail-open")).toBe(true);
    expect(document.activeElement).toBe(app.views.detail.pane);
    key(app.views.detail.pane, "Escape");
    expect(app.main.classList.contains("detail-open")).toBe(false);
    expect(document.activeElement).toBe(app.views.search.list);
    key(app.views.search.list, "Enter");
    await tick();
    app.views.detail.pane.querySelector<HTMLButtonElement>(".back-to-list")!.click();
    expect(app.main.classList.contains("detail-open")).toBe(false);
    // Typing a new search shows the list again.
    key(app.views.search.list, "Enter");
    await tick();
    expect(app.main.classList.contains("detail-open")).toBe(true);
    app.views.search.input.value = "家族";
    app.views.search.input.dispatchEvent(new Event("input"));
    expect(app.main.classList.contains("detail-open")).toBe(false);
  });
});
