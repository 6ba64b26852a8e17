import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./app";
import type { SearchHit } from "./bindings/SearchHit";
import type { Detail } from "./bindings/Detail";
import type { DatasetPreview } from "./bindings/DatasetPreview";

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
let locals: Detail["resource"][] = [];
let preview: DatasetPreview;
let newerBundled: string | null = null;
let rollbackTo: Record<string, unknown> | null = null;

function previewOf(signature: "verified" | "unsigned"): DatasetPreview {
  return {
    file: "/tmp/新しい版.csv",
    report: { file: "新しい版.csv", encoding: "utf8", rows: 2, problems: [] } as unknown as DatasetPreview["report"],
    signature,
    diff: {
      added: [{ id: "new-1", name: "新しい窓口", category: "相談窓口" }],
      removed: [],
      changed: [
        {
          id: "darc-1",
          name: "大阪ダルク",
          fields: [{ field: "phone", header: "電話番号", before: "06-0000-0000", after: "06-1111-1111" }],
          phone_changed: true,
          address_changed: false,
        },
      ],
      unchanged: 0,
    },
  };
}

beforeEach(() => {
  calls = [];
  locals = [];
  newerBundled = null;
  rollbackTo = null;
  preview = previewOf("unsigned");
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
        return { edition: null, count: 2, history: [], rollback_to: rollbackTo, municipalities: ["大阪市", "堺市"], newer_bundled: newerBundled };
      case "choose_bundled":
        return { ...previewOf("verified"), signature: "bundled", file: "このアプリに同梱のデータ" };
      case "open_link":
        return null;
      case "choose_dataset":
        return preview;
      case "apply_dataset":
        if (preview.signature === "unsigned" && a.allowUnsigned !== true) throw { code: "invalid_input", message: "署名がありません" };
        return { from: null, to: { row_count: 2 }, diff: preview.diff };
      case "rollback_dataset":
        return { from: null, to: { row_count: 94 }, diff: preview.diff };
      case "favourites":
        return [
          { resource_id: "darc-1", resource_name: "大阪ダルク", removed: false, created_at: "2026-01-01" },
          { resource_id: "gone-1", resource_name: "消えた窓口", removed: true, created_at: "2026-01-01" },
        ];
      case "local_resources":
        return locals;
      case "add_local": {
        const fresh = a.new as { name: string; phone: string | null };
        if (fresh.phone === "abc") throw { code: "invalid_input", message: "電話番号: 「abc」は電話番号ではありません" };
        locals.push({ ...detail("local-1", fresh.name).resource, id: "local-1", local: true });
        return "local-1";
      }
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
  it("lists everything at start, then searches as the user types, never two at once", async () => {
    const app = start();
    await tick();
    expect(calls.filter((c) => c.cmd === "search")).toHaveLength(1);
    type(app, "だ");
    type(app, "だる");
    type(app, "だるく");
    await tick();
    const searches = calls.filter((c) => c.cmd === "search");
    // The first key is searched at once; the keys typed meanwhile make one more search, with
    // the latest text.
    expect(searches.map((c) => c.args.query)).toEqual(["", "だ", "だるく"]);
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

  it("leaves Enter and the arrows to the input method while Japanese is being converted", async () => {
    const app = start();
    await tick();
    app.input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", isComposing: true, bubbles: true }));
    expect(app.selected).toBe(0);
    app.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true }));
    app.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229, bubbles: true }));
    await tick();
    expect(calls.some((c) => c.cmd === "detail")).toBe(false);
    app.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await tick();
    expect(calls.filter((c) => c.cmd === "detail")).toHaveLength(1);
  });
});

describe("the dataset screen", () => {
  async function choose(app: App) {
    app.show("dataset");
    await tick();
    app.main.querySelector<HTMLButtonElement>(".dataset button.primary")!.click();
    await tick();
    return app.main.querySelector(".preview")!;
  }

  it("shows each changed field before and after, with a changed phone called out", async () => {
    const app = start();
    const p = await choose(app);
    expect(p.textContent).toContain("追加 1 件");
    expect(p.querySelector(".callout")?.textContent).toBe("★電話番号が変わります");
    expect(p.querySelector(".field-changes del")?.textContent).toBe("06-0000-0000");
    expect(p.querySelector(".field-changes ins")?.textContent).toBe("06-1111-1111");
  });

  it("applies an unsigned file only after the user says they checked it", async () => {
    const app = start();
    const p = await choose(app);
    expect(p.textContent).toContain("署名がありません");
    const apply = p.querySelector<HTMLButtonElement>("button.primary")!;
    expect(apply.disabled).toBe(true);
    const consent = p.querySelector<HTMLInputElement>(".consent input")!;
    consent.checked = true;
    consent.dispatchEvent(new Event("change"));
    expect(apply.disabled).toBe(false);
    apply.click();
    await tick();
    expect(calls.find((c) => c.cmd === "apply_dataset")?.args.allowUnsigned).toBe(true);
    expect(app.main.querySelector(".done")?.textContent).toContain("更新しました");
  });

  it("applies a verified file at once", async () => {
    preview = previewOf("verified");
    const app = start();
    const p = await choose(app);
    expect(p.querySelector(".signed")?.textContent).toContain("署名を確かめました");
    expect(p.querySelector(".consent")).toBeNull();
    p.querySelector<HTMLButtonElement>("button.primary")!.click();
    await tick();
    expect(calls.find((c) => c.cmd === "apply_dataset")?.args.allowUnsigned).toBe(false);
  });
});

describe("rolling back", () => {
  it("names the edition it returns to and acts only on the second click", async () => {
    rollbackTo = { title: null, edition: "2026-11", publisher: null, published: null, licence: null, source: null, file_name: "v1.csv", row_count: 94, imported_at: "2026-11-25T00:00:00Z" };
    const app = start();
    app.show("dataset");
    await tick();
    const button = app.main.querySelector<HTMLButtonElement>("button.rollback")!;
    expect(button.textContent).toBe("前の版（2026-11）に戻す…");
    button.click();
    await tick();
    expect(calls.some((c) => c.cmd === "rollback_dataset")).toBe(false);
    expect(button.textContent).toContain("2026-11（94 件）に戻す");
    button.click();
    await tick();
    expect(calls.some((c) => c.cmd === "rollback_dataset")).toBe(true);
    expect(app.main.querySelector(".done")?.textContent).toContain("前の版に戻しました");
  });

  it("is not offered when there is nothing to return to", async () => {
    const app = start();
    app.show("dataset");
    await tick();
    expect(app.main.querySelector("button.rollback")).toBeNull();
  });
});

describe("after an upgrade", () => {
  it("offers the newer edition the app carries, shown before it is applied", async () => {
    newerBundled = "2026-12";
    const app = start();
    app.show("dataset");
    await tick();
    const note = app.main.querySelector(".bundled")!;
    expect(note.textContent).toContain("新しい版のデータ（2026-12）");
    note.querySelector("button")!.click();
    await tick();
    const p = app.main.querySelector(".preview")!;
    expect(p.textContent).toContain("同梱のデータです");
    const apply = p.querySelector<HTMLButtonElement>("button.primary")!;
    expect(apply.disabled).toBe(false);
  });

  it("says nothing when the catalogue is current", async () => {
    const app = start();
    app.show("dataset");
    await tick();
    expect(app.main.querySelector(".bundled")).toBeNull();
  });
});

describe("the user's own records", () => {
  it("lists favourites, keeps a removed one by name, and adds a resource of one's own", async () => {
    const app = start();
    app.show("mine");
    await tick();
    const mine = app.main.querySelector(".mine")!;
    expect(mine.textContent).toContain("大阪ダルク");
    expect(mine.textContent).toContain("消えた窓口（現在の版にはありません）");
    const form = mine.querySelector<HTMLFormElement>(".local-form")!;
    form.querySelector<HTMLInputElement>('[name="name"]')!.value = "地域の家族会";
    form.querySelector<HTMLInputElement>('[name="phone"]')!.value = "abc";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await tick();
    // The core's check of the value reaches the form.
    expect(form.querySelector(".error")?.textContent).toContain("電話番号");
    form.querySelector<HTMLInputElement>('[name="phone"]')!.value = "06-1234-5678";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await tick();
    const sent = calls.filter((c) => c.cmd === "add_local").at(-1)!.args.new as Record<string, unknown>;
    expect(sent).toMatchObject({ name: "地域の家族会", category: "相談窓口", phone: "06-1234-5678", url: null });
    expect(app.main.querySelector(".done")?.textContent).toContain("追加しました");
    expect(app.main.querySelector('.mine-list [data-id="local-1"]')?.textContent).toContain("地域の家族会");
  });
});
