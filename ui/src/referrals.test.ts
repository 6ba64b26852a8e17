// The referral log in the app: recording a referral after a sheet, opening on what is due,
// updating a status, a case's history and erasing a case, with the core's commands mocked.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./app";
import type { Labels } from "./bindings/Labels";
import type { NewReferral } from "./bindings/NewReferral";
import type { Referral } from "./bindings/Referral";
import type { ReferralStatus } from "./bindings/ReferralStatus";
import { labelsFixture } from "./labels.fixture";
import { sheetFixture } from "./records.fixture";
import { jstToday } from "./time";

const NAME_CONCERN = "人の名前のように見えます。名前ではなく番号や記号にしてください";
const CLOSED: ReferralStatus[] = ["つながった", "つながらなかった", "不明"];

let calls: { cmd: string; args: Record<string, unknown> }[] = [];
let log: Referral[] = [];
let labels: Labels;

function referral(id: number, code: string, followUp: string | null, referredOn = "2026-01-10"): Referral {
  return {
    id,
    case_code: code,
    referred_on: referredOn,
    how: "紹介シート",
    consent: true,
    follow_up: followUp,
    targets: [
      { resource_id: "darc-1", name: "大阪ダルク", category: "回復施設" },
      { resource_id: "fam-1", name: "家族教室", category: "家族教室" },
    ],
    updates: [{ status: "紹介済み", on: referredOn, note: null }],
    status: "紹介済み",
  };
}

const isDue = (r: Referral) => !CLOSED.includes(r.status) && r.follow_up !== null && r.follow_up <= jstToday();

beforeEach(() => {
  calls = [];
  log = [];
  labels = labelsFixture();
  document.body.innerHTML = '<div id="app"></div>';
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    switch (cmd) {
      case "labels":
        return labels;
      case "search":
        return { total: 0, complete: true, counted: true, hits: [], facets: {} };
      case "export_sheet":
        return "/tmp/紹介シート.pdf";
      case "sheet_model":
        return sheetFixture(null, null, null);
      case "case_code_concerns":
        return String(a.code).includes("山田") ? [NAME_CONCERN] : [];
      case "add_referral": {
        const n = a.new as NewReferral;
        const r = referral(log.length + 1, n.case_code, n.follow_up, "2026-03-21");
        log.unshift(r);
        return r;
      }
      case "due_referrals":
        return log.filter(isDue).sort((x, y) => String(x.follow_up).localeCompare(String(y.follow_up)));
      case "referrals":
        return a.case === null ? log : log.filter((r) => r.case_code === a.case);
      case "update_referral": {
        const r = log.find((x) => x.case_code === a.case);
        if (!r) throw { code: "invalid_input", message: `ケース番号「${String(a.case)}」の紹介記録はありません` };
        const status = a.status as ReferralStatus;
        r.updates.push({ status, on: (a.on as string | null) ?? jstToday(), note: a.note as string | null });
        r.status = status;
        return r;
      }
      case "erase_case": {
        const before = log.length;
        log = log.filter((r) => r.case_code !== a.case);
        return before - log.length;
      }
      default:
        throw { code: "internal", message: `unexpected ${cmd}` };
    }
  });
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

const tick = (ms = 80) => new Promise((r) => setTimeout(r, ms));

async function start(): Promise<App> {
  const app = new App(document.getElementById("app")!, null);
  app.start();
  await tick();
  return app;
}

const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd);

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The basket with two resources, in the order chosen, on screen. */
async function basketOfTwo(): Promise<App> {
  const app = await start();
  app.addToBasket({ id: "fam-1", name: "家族教室", phone: null, address: null });
  app.addToBasket({ id: "darc-1", name: "大阪ダルク", phone: "06-0000-0000", address: null });
  app.show("basket");
  await tick();
  return app;
}

describe("recording a referral after a sheet", () => {
  it("sends the basket's resources in order, 紹介シート, consent and a follow-up 14 days on in Japan", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 01:00 on 21 March in Osaka, still the 20th in UTC.
    vi.setSystemTime(new Date("2026-03-20T16:00:00Z"));
    const app = await basketOfTwo();
    expect(app.main.querySelector(".log-referral")).toBeNull();
    app.main.querySelector<HTMLButtonElement>(".basket .actions button.primary")!.click();
    await tick();
    const form = app.main.querySelector<HTMLFormElement>(".log-referral")!;
    expect(form.getAttribute("aria-label")).toBe("紹介を記録する");
    const code = form.querySelector<HTMLInputElement>('[name="case_code"]')!;
    expect(document.activeElement).toBe(code);
    expect(form.textContent).toContain("名前ではなく、ケース番号や記号で（例: K-2026-014）");
    const how = form.querySelector<HTMLSelectElement>('[name="how"]')!;
    expect([...how.options].map((o) => o.value)).toEqual(labels.referral_ways);
    expect(how.value).toBe("紹介シート");
    expect(form.querySelector<HTMLInputElement>('[name="follow_up"]')!.type).toBe("date");
    expect(form.querySelector<HTMLInputElement>('[name="follow_up"]')!.value).toBe("2026-04-04");

    type(code, "K-2026-014");
    const consent = form.querySelector<HTMLInputElement>('[name="consent"]')!;
    expect(consent.closest("label")!.textContent).toContain("記録することに同意を得た");
    consent.checked = true;
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await tick();

    expect(sent("add_referral")).toHaveLength(1);
    expect(sent("add_referral")[0].args).toEqual({
      new: {
        case_code: "K-2026-014",
        resource_ids: ["fam-1", "darc-1"],
        how: "紹介シート",
        consent: true,
        follow_up: "2026-04-04",
        referred_on: null,
      },
    });
    expect(app.toast.textContent).toBe("紹介を記録しました（ケース K-2026-014）");
    expect(app.main.querySelector(".log-referral")).toBeNull();
  });

  it("warns as the code is typed when it looks like a name, and records nothing when declined", async () => {
    const app = await basketOfTwo();
    app.main.querySelector<HTMLButtonElement>(".basket .actions button.primary")!.click();
    await tick();
    const form = app.main.querySelector<HTMLFormElement>(".log-referral")!;
    const code = form.querySelector<HTMLInputElement>('[name="case_code"]')!;
    const concerns = form.querySelector(".concerns")!;
    expect(concerns.getAttribute("role")).toBe("alert");
    type(code, "山田太郎");
    await tick();
    expect(sent("case_code_concerns").at(-1)!.args).toEqual({ code: "山田太郎" });
    expect(concerns.textContent).toBe(NAME_CONCERN);
    type(code, "K-7");
    await tick();
    expect(concerns.textContent).toBe("");
    [...form.querySelectorAll("button")].find((b) => b.textContent === "記録しない")!.click();
    await tick();
    expect(app.main.querySelector(".log-referral")).toBeNull();
    expect(sent("add_referral")).toHaveLength(0);
  });

  it("is offered after printing too, with consent left unrecorded when not ticked", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    const app = await basketOfTwo();
    [...app.main.querySelectorAll<HTMLButtonElement>(".basket .actions button")].find((b) => b.textContent === "印刷…")!.click();
    await tick();
    expect(print).toHaveBeenCalled();
    const form = app.main.querySelector<HTMLFormElement>(".log-referral")!;
    type(form.querySelector<HTMLInputElement>('[name="case_code"]')!, "K-9");
    form.querySelector<HTMLSelectElement>('[name="how"]')!.value = "同行";
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await tick();
    expect(sent("add_referral")[0].args.new).toMatchObject({ case_code: "K-9", how: "同行", consent: null });
    print.mockRestore();
  });
});

describe("opening the app", () => {
  it("opens on the referral log when a follow-up is due, and typing a search goes back to the search", async () => {
    log = [referral(2, "K-2026-002", jstToday()), referral(1, "K-2026-001", "2000-01-01"), referral(3, "K-later", "2999-01-01")];
    const app = await start();
    expect(app.view).toBe("referrals");
    const tab = document.querySelector('.tab[data-view="referrals"]')!;
    expect(tab.textContent).toBe("紹介の記録（2）");
    expect(tab.getAttribute("aria-selected")).toBe("true");
    expect(app.main.textContent).toContain("この記録はこのパソコンの中だけにあります。氏名・電話番号は書かないでください。");
    const rows = [...app.main.querySelectorAll(".due-list li")];
    // Earliest first; only the one before today is overdue.
    expect(rows.map((r) => r.querySelector(".case-code")!.textContent)).toEqual(["K-2026-001", "K-2026-002"]);
    expect(rows[0].querySelector(".overdue-mark")?.textContent).toBe("期限を過ぎています");
    expect(rows[1].querySelector(".overdue-mark")).toBeNull();
    expect(rows[0].textContent).toContain("大阪ダルク、家族教室");
    expect(rows[0].textContent).toContain("紹介済み");
    // Below: every referral, newest first.
    const all = [...app.main.querySelectorAll(".all-referrals .case-code")].map((b) => b.textContent);
    expect(all).toEqual(["K-2026-002", "K-2026-001", "K-later"]);

    type(app.views.search.input, "だるく");
    await tick();
    expect(app.view).toBe("search");
    expect(sent("search").at(-1)!.args.query).toBe("だるく");
  });

  it("opens on the search when nothing is due", async () => {
    log = [referral(1, "K-later", "2999-01-01")];
    const app = await start();
    expect(app.view).toBe("search");
    expect(app.main.className).toBe("view-search");
    expect(document.querySelector('.tab[data-view="referrals"]')!.textContent).toBe("紹介の記録");
    expect(document.activeElement).toBe(app.views.search.input);
  });
});

describe("following up", () => {
  it("records a status for today from a due row, with the note, offering every status but 紹介済み", async () => {
    log = [referral(1, "K-2026-001", "2000-01-01")];
    const app = await start();
    const row = app.main.querySelector(".due-list li")!;
    const buttons = [...row.querySelectorAll<HTMLButtonElement>("button.status-button")];
    expect(buttons.map((b) => b.textContent)).toEqual(["連絡あり", "つながった", "つながらなかった", "不明"]);
    type(row.querySelector<HTMLInputElement>("input.note")!, "本人から電話");
    buttons.find((b) => b.dataset.status === "つながった")!.click();
    await tick();
    expect(sent("update_referral")[0].args).toEqual({ case: "K-2026-001", status: "つながった", on: null, note: "本人から電話" });
    // No longer due: the list and the tab say so.
    expect(app.main.querySelector(".due-list")).toBeNull();
    expect(document.querySelector('.tab[data-view="referrals"]')!.textContent).toBe("紹介の記録");
    expect(app.main.querySelector(".all-referrals .status")?.textContent).toBe("つながった");
  });

  it("shows a case's history with every dated update, adds one, and goes back with Esc", async () => {
    const r = referral(1, "K-2026-001", "2000-01-01");
    r.updates.push({ status: "連絡あり", on: "2026-01-15", note: "施設から連絡" });
    r.status = "連絡あり";
    r.consent = null;
    log = [r];
    const app = await start();
    app.main.querySelector<HTMLButtonElement>(".due-list .case-code")!.click();
    await tick();
    expect(sent("referrals").at(-1)!.args).toEqual({ case: "K-2026-001" });
    const history = app.main.querySelector(".case-history")!;
    expect(history.querySelector("h2")?.textContent).toBe("ケース K-2026-001");
    expect(document.activeElement).toBe(history.querySelector("h2"));
    expect(history.querySelector(".referral ol.targets")?.textContent).toContain("大阪ダルク（回復施設）");
    expect(history.querySelector(".referral .how")?.textContent).toBe("紹介シート");
    expect(history.querySelector(".referral .consent-value")?.textContent).toBe("記録なし");
    const updates = () => [...app.main.querySelectorAll(".case-history .updates li")].map((li) => li.textContent);
    expect(updates()).toEqual(["2026-01-10 紹介済み", "2026-01-15 連絡あり　施設から連絡"]);

    const form = history.querySelector<HTMLFormElement>(".update-form")!;
    const status = form.querySelector<HTMLSelectElement>('[name="status"]')!;
    expect([...status.options].map((o) => o.value)).toEqual(labels.referral_statuses);
    status.value = "つながらなかった";
    form.querySelector<HTMLInputElement>('[name="on"]')!.value = "2026-02-01";
    form.querySelector<HTMLInputElement>('[name="note"]')!.value = "連絡がつかない";
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await tick();
    expect(sent("update_referral")[0].args).toEqual({ case: "K-2026-001", status: "つながらなかった", on: "2026-02-01", note: "連絡がつかない" });
    expect(updates().at(-1)).toBe("2026-02-01 つながらなかった　連絡がつかない");

    document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await tick();
    expect(app.view).toBe("referrals");
    expect(app.main.querySelector(".case-history")).toBeNull();
    expect(app.main.querySelector(".all-referrals")).not.toBeNull();
    expect(document.activeElement?.textContent).toBe("K-2026-001");
  });

  it("erases a case only after the second click, then shows the lists", async () => {
    log = [referral(2, "K-2026-001", "2999-01-01", "2026-02-01"), referral(1, "K-2026-001", null), referral(3, "K-other", null)];
    const app = await start();
    app.show("referrals");
    await tick();
    app.main.querySelector<HTMLButtonElement>(".all-referrals .case-code")!.click();
    await tick();
    expect(app.main.querySelectorAll(".case-history .referral")).toHaveLength(2);
    const erase = app.main.querySelector<HTMLButtonElement>(".case-history button.erase")!;
    expect(erase.textContent).toBe("このケースの記録を消す");
    erase.click();
    await tick();
    expect(sent("erase_case")).toHaveLength(0);
    expect(erase.textContent).toContain("ケース K-2026-001 の紹介 2 件");
    erase.click();
    await tick();
    expect(sent("erase_case")[0].args).toEqual({ case: "K-2026-001" });
    expect(app.toast.textContent).toContain("消しました（2 件）");
    expect(app.main.querySelector(".case-history")).toBeNull();
    expect([...app.main.querySelectorAll(".all-referrals .case-code")].map((b) => b.textContent)).toEqual(["K-other"]);
  });
});
