import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./app";
import type { SearchHit } from "./bindings/SearchHit";
import type { Detail } from "./bindings/Detail";

const HOSTILE = '<img src=x onerror="window.pwned=1">ダルク';

function hit(id: string, name: string): SearchHit {
  return {
    id,
    name,
    name_kana: null,
    category: "回復施設",
    municipality: "大阪市",
    address: "大阪市東淀川区",
    phone: "06-0000-0000",
    url: null,
    last_checked: "2025-01-01",
    local: false,
    score: 1,
    matched: ["name"],
    explain: [],
  };
}

function detail(id: string, name: string): Detail {
  return {
    resource: {
      id, local_gov_code: null, prefecture: "大阪府", municipality: "大阪市", name, name_kana: "だるく",
      aliases: [], category: "回復施設", organisation: null, description: "説明", targets: ["本人"],
      substances: [], programs: [], service_area: [], address: null, address_extra: null, latitude: null,
      longitude: null, phones: ["06-0000-0000"], fax: null, email: null, url: null, days: [], opens: null,
      closes: null, hours_note: null, reservation: null, fees: null, anonymous: "可", confidentiality: "秘密は守ります",
      residency: null, last_checked: null, sources: [], remarks: null, extra: {}, local: false,
    },
    rows: [
      { label: "名称", value: name, confidentiality: false },
      { label: "秘密保持", value: "秘密は守ります", confidentiality: true },
    ],
    schedule: ["毎週水曜 14:00〜16:00"],
    schedule_unparsed: false,
    next_sessions: ["12/2(水) 14:00〜16:00"],
    links: [
      { kind: "tel", label: "06-0000-0000", href: "tel:0600000000" },
      { kind: "web", label: "javascript:alert(1)", href: "javascript:alert(1)" },
    ],
    notes: [],
    possibly_out_of_date: true,
    favourite: false,
  };
}

let calls: { cmd: string; args: Record<string, unknown> }[] = [];

beforeEach(() => {
  calls = [];
  document.body.innerHTML = '<div id="app"></div>';
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    const a = args as Record<string, unknown>;
    switch (cmd) {
      case "search": {
        const q = String(a.query);
        if (q === "失敗") throw { code: "busy", message: "データベースは別のプログラム（アプリなど）が使用中です" };
        const hits = q === "ない" ? [] : [hit("darc-1", HOSTILE), hit("fam-1", "家族教室")];
        return { total: hits.length, complete: true, hits, facets: { category: [["回復施設", 2]], day: [["水", 1]] } };
      }
      case "detail":
        return detail(String(a.id), HOSTILE);
      case "dataset_status":
        return { edition: null, count: 2, history: [], municipalities: ["大阪市", "堺市"] };
      case "open_link":
        return null;
      default:
        throw { code: "internal", message: `unexpected ${cmd}` };
    }
  });
});

afterEach(() => clearMocks());

const tick = (ms = 80) => new Promise((r) => setTimeout(r, ms));

function start(): App {
  const app = new App(document.getElementById("app")!, null);
  app.start();
  return app;
}

function type(app: App, text: string) {
  app.input.value = text;
  app.input.dispatchEvent(new Event("input"));
}

describe("the main screen", () => {
  it("lists everything at start, then searches as the user types (once per pause)", async () => {
    const app = start();
    await tick();
    expect(calls.filter((c) => c.cmd === "search")).toHaveLength(1);
    type(app, "だ");
    type(app, "だる");
    type(app, "だるく");
    await tick();
    const searches = calls.filter((c) => c.cmd === "search");
    expect(searches).toHaveLength(2);
    expect(searches[1].args.query).toBe("だるく");
    expect(app.list.querySelectorAll("li")).toHaveLength(2);
    expect(app.status.textContent).toContain("2 件");
  });

  it("shows dataset text as text: no element, no handler", async () => {
    const app = start();
    await tick();
    expect(app.list.textContent).toContain(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
    await app.open(0);
    expect(app.pane.textContent).toContain(HOSTILE);
    expect(document.querySelector("img, script")).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it("sends a clicked chip as a filter and marks it pressed", async () => {
    const app = start();
    await tick();
    const chip = app.facets.querySelector<HTMLButtonElement>('[data-facet="day"] .chip')!;
    expect(chip.textContent).toContain("水");
    chip.click();
    await tick();
    const last = calls.filter((c) => c.cmd === "search").at(-1)!;
    expect((last.args.filters as { day: number }).day).toBe(2);
    expect(app.facets.querySelector('[data-facet="day"] .chip')!.getAttribute("aria-pressed")).toBe("true");
  });

  it("moves with arrows, opens with Enter, adds with B", async () => {
    const app = start();
    await tick();
    app.input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(app.selected).toBe(1);
    app.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await tick();
    expect(calls.find((c) => c.cmd === "detail")?.args.id).toBe("fam-1");
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "b", bubbles: true }));
    expect(app.basket.items.map((i) => i.id)).toEqual(["fam-1"]);
    expect(document.querySelector('[data-view="basket"]')!.textContent).toContain("（1）");
  });

  it("highlights confidentiality and the out-of-date mark in the detail", async () => {
    const app = start();
    await tick();
    await app.open(0);
    expect(app.pane.querySelector(".confidentiality mark")?.textContent).toBe("秘密は守");
    expect(app.pane.querySelector(".stale")?.textContent).toContain("古い可能性");
    expect(app.pane.querySelector<HTMLAnchorElement>("a.link-tel")!.getAttribute("href")).toBe("tel:0600000000");
    app.pane.querySelector<HTMLAnchorElement>("a.link-web")!.click();
    await tick(0);
    // The page never follows a link itself; the shell decides what may open.
    expect(calls.find((c) => c.cmd === "open_link")?.args.href).toBe("javascript:alert(1)");
    expect(window.location.href).not.toContain("javascript");
  });

  it("says what to do when nothing matches, and when the catalogue is busy", async () => {
    const app = start();
    await tick();
    type(app, "ない");
    await tick();
    expect(app.status.textContent).toContain("見つかりませんでした");
    expect(app.status.textContent).toContain("ひらがな");
    type(app, "失敗");
    await tick();
    expect(app.status.textContent).toContain("使用中");
    expect(app.status.querySelector("button")?.textContent).toBe("もう一度試す");
  });
});
