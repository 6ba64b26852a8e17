// 日程 with the core's commands mocked: the filters sent follow 居住地, kind and period; sessions
// are grouped by day with their time, place and phone; handouts are saved with the chosen style;
// nothing is asked of the core for a booklet until a 居住地 is chosen.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./app";
import { labelsFixture } from "./labels.fixture";

let calls: { cmd: string; args: Record<string, unknown> }[] = [];

beforeEach(() => {
  calls = [];
  document.body.innerHTML = '<div id="app"></div>';
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    switch (cmd) {
      case "labels":
        return labelsFixture();
      case "due_referrals":
        return [];
      case "search":
        return { total: 0, complete: true, counted: true, hits: [], facets: {} };
      case "upcoming":
        return {
          from: "2026-12-05",
          sessions: [
            { id: "fam", name: "ひまわり家族教室", category: "家族教室", date: "2026-12-16", weekday: "水", holiday: null, start: "14:00", end: "16:00", reservation: true, phone: "06-1111-2222", address: "大阪市北区中之島1-3-20", hours_note: null, is_session: true },
            { id: "grp", name: "水曜ミーティング", category: "自助グループ", date: "2026-12-16", weekday: "水", holiday: null, start: "19:00", end: null, reservation: false, phone: null, address: null, hours_note: null, is_session: true },
          ],
          unreadable: ["日程の書き方が特別な会"],
        };
      case "export_calendar":
      case "export_ics":
      case "export_booklet":
        return "/tmp/saved";
      default:
        throw { code: "internal", message: `unexpected ${cmd}` };
    }
  });
});

afterEach(() => clearMocks());

const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd);

async function schedule(): Promise<App> {
  const app = new App(document.getElementById("app")!, null);
  app.start();
  await tick();
  app.show("schedule");
  await tick();
  return app;
}

function choose(app: App, name: string, value: string): void {
  const s = app.main.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
  s.value = value;
  s.dispatchEvent(new Event("change", { bubbles: true }));
}

describe("日程", () => {
  it("asks for family classes and meetings by default, and for the residence chosen", async () => {
    const app = await schedule();
    expect(sent("upcoming")[0].args).toMatchObject({ days: 28, filters: { categories: ["家族教室", "家族会"], resident_of: null } });
    choose(app, "schedule-residence", "堺市");
    await tick();
    expect(sent("upcoming").at(-1)!.args).toMatchObject({ filters: { resident_of: "堺市" } });
    const group = [...app.main.querySelectorAll<HTMLButtonElement>(".schedule .chip")].find((b) => b.textContent === "自助グループ")!;
    group.click();
    await tick();
    expect(sent("upcoming").at(-1)!.args).toMatchObject({ filters: { categories: ["自助グループ"] } });
    choose(app, "schedule-days", "56");
    await tick();
    expect(sent("upcoming").at(-1)!.args).toMatchObject({ days: 56 });
  });

  it("lists each day's sessions with time, place and phone", async () => {
    const app = await schedule();
    const days = app.main.querySelectorAll(".schedule-day");
    expect(days).toHaveLength(1);
    expect(days[0].querySelector("h3")!.textContent).toBe("12月16日(水)");
    const rows = [...days[0].querySelectorAll(".session")].map((r) => r.textContent);
    expect(rows[0]).toContain("14:00〜16:00");
    expect(rows[0]).toContain("大阪市北区中之島1-3-20");
    expect(rows[0]).toContain("06-1111-2222");
    expect(rows[0]).toContain("要予約");
    expect(rows[1]).toContain("電話番号の記載なし");
    expect(app.main.textContent).toContain("日程の書き方が特別な会");
  });

  it("saves the calendar in the chosen style, and the booklet once a residence is chosen", async () => {
    const app = await schedule();
    expect(app.main.querySelector("button.export-booklet")).toBeNull();
    choose(app, "calendar-style", "ko");
    app.main.querySelector<HTMLButtonElement>("button.export-calendar")!.click();
    await tick();
    expect(sent("export_calendar")[0].args).toMatchObject({ days: 28, style: { lang: "ko", easy: false, large: false } });
    choose(app, "schedule-residence", "豊中市");
    await tick();
    app.main.querySelector<HTMLButtonElement>("button.export-booklet")!.click();
    await tick();
    expect(sent("export_booklet")[0].args).toMatchObject({ area: "豊中市", a5: false });
    expect(app.root.textContent).toContain("保存しました: /tmp/saved");
  });
});
