import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./app";
import type { SearchHit } from "./bindings/SearchHit";
import type { Detail } from "./bindings/Detail";
import type { DatasetPreview } from "./bindings/DatasetPreview";
import type { Edition } from "./bindings/Edition";
import type { Labels } from "./bindings/Labels";
import { labelsFixture } from "./labels.fixture";

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
    confirmed_on: null,
    source_date: "2025-01-01",
    report_stance: "no-report",
    reachable: true,
    status: null,
    local: false,
    possibly_out_of_date: false,
    score: 1,
    matched: ["name"],
    explain: [],
  };
}

function detail(id: string, name: string): Detail {
  return {
    resource: {
      id, local_gov_code: null, prefecture: "大阪府", municipality: "大阪市", name, name_kana: "だるく",
      aliases: [], category: "回復施設", status: null, organisation: null, description: "説明", targets: ["本人"],
      substances: [], programs: [], service_area: [], address: null, address_extra: null, latitude: null,
      longitude: null, phones: ["06-0000-0000"], fax: null, email: null, url: null, days: [], opens: null,
      closes: null, hours_note: null, reservation: null, fees: null, anonymous: "可", confidentiality: "秘密は守ります",
      residency: null, source_date: null, confirmed_on: null, confirmed_by: null, confirmed_how: null, sources: [], remarks: null, extra: {}, local: false, languages: [], interpreter: null,
    },
    rows: [
      { label: "名称", value: name, confidentiality: false },
      { label: "秘密保持", value: "秘密は守ります", confidentiality: true },
    ],
    schedule: ["毎週水曜 14:00〜16:00"],
    schedule_unparsed: false,
    next_sessions: ["12/2(水) 14:00〜16:00"],
    links: [
      { kind: "tel", label: "06-0000-0000", href: "tel:0600000000", host: null },
      { kind: "web", label: "javascript:alert(1)", href: "javascript:alert(1)", host: "evil.example" },
    ],
    notes: [],
    possibly_out_of_date: true,
    stale_message: STALE,
    favourite: false,
    report_stance: "no-report",
    stance_sentence: "相談の秘密を守ると、この窓口自身の言葉で書かれています（下の「秘密保持」）。",
    served_area: { areas: [], basis: "anyone" },
    served_area_text: "住んでいる地域を問わない種類（対象地域の記載なし）",
    reachable: true,
    corrections: [],
    confirmations: [],
  };
}

const STALE = "未確認: 窓口に確かめた記録はまだなく、出典の日付も不明です。お出かけ前に電話で確かめてください";

function edition(label: string, importedAt: string): Edition {
  return {
    title: null, edition: label, publisher: null, published: null, licence: null, source: null,
    file_name: `${label}.csv`, row_count: 94, imported_at: importedAt, label,
  };
}

let calls: { cmd: string; args: Record<string, unknown> }[] = [];
let locals: Detail["resource"][] = [];
let preview: DatasetPreview;
let newerBundled: string | null = null;
let rollbackTo: Edition | null = null;
let current: Edition | null = null;
let history: Edition[] = [];
let labels: Labels;
let notes: Detail["notes"] = [];

function previewOf(signature: "verified" | "unsigned"): DatasetPreview {
  return {
    file: "/tmp/新しい版.csv",
    edition: null,
    published: null,
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
  current = null;
  history = [];
  labels = labelsFixture();
  notes = [];
  preview = previewOf("unsigned");
  document.body.innerHTML = '<div id="app"></div>';
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    const a = args as Record<string, unknown>;
    switch (cmd) {
      case "labels":
        return labels;
      case "search": {
        const q = String(a.query);
        if (q === "失敗") throw { code: "busy", message: "データベースは別のプログラム（アプリなど）が使用中です" };
        const hits = q === "ない" ? [] : [{ ...hit("darc-1", HOSTILE), possibly_out_of_date: true }, hit("fam-1", "家族教室")];
        const facets = { category: [["回復施設", 2]], municipality: [["大阪市", 2]], day: [["水", 1]], anonymous: [["可", 1]] };
        return { total: hits.length, complete: true, counted: true, hits, facets };
      }
      case "detail":
        return { ...detail(String(a.id), HOSTILE), notes };
      case "dataset_status":
        return { edition: current, count: 2, history, rollback_to: rollbackTo, newer_bundled: newerBundled, fetched_from: null };
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
          { resource_id: "darc-1", resource_name: "大阪ダルク", removed: false, created_at: "2026-01-01T00:00:00Z" },
          { resource_id: "gone-1", resource_name: "消えた窓口", removed: true, created_at: "2026-01-01T00:00:00Z" },
        ];
      case "local_resources":
        return locals;
      case "due_referrals":
        return [];
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
  app.views.search.input.value = text;
  app.views.search.input.dispatchEvent(new Event("input"));
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
    expect(app.views.search.list.querySelectorAll("li")).toHaveLength(2);
    expect(app.views.search.status.textContent).toContain("2 件");
  });

  it("shows dataset text as text: no element, no handler", async () => {
    const app = start();
    await tick();
    expect(app.views.search.list.textContent).toContain(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
    await app.views.search.open(0);
    expect(app.views.detail.pane.textContent).toContain(HOSTILE);
    expect(document.querySelector("img, script")).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it("sends a clicked chip as a filter and marks it pressed", async () => {
    const app = start();
    await tick();
    const chip = app.views.facets.el.querySelector<HTMLButtonElement>('[data-facet="day"] .chip')!;
    expect(chip.textContent).toContain("水");
    chip.click();
    await tick();
    const last = calls.filter((c) => c.cmd === "search").at(-1)!;
    expect((last.args.filters as { day: number }).day).toBe(2);
    expect(app.views.facets.el.querySelector('[data-facet="day"] .chip')!.getAttribute("aria-pressed")).toBe("true");
  });

  it("moves with arrows, opens with Enter, adds with B", async () => {
    const app = start();
    await tick();
    app.views.search.input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(app.views.search.state.selected).toBe(1);
    app.views.search.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await tick();
    expect(calls.find((c) => c.cmd === "detail")?.args.id).toBe("fam-1");
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "b", bubbles: true }));
    expect(app.views.basket.state.items.map((i) => i.id)).toEqual(["fam-1"]);
    expect(document.querySelector('[data-view="basket"]')!.textContent).toContain("（1）");
  });

  it("highlights confidentiality and the out-of-date mark in the detail", async () => {
    const app = start();
    await tick();
    await app.views.search.open(0);
    expect(app.views.detail.pane.querySelector(".confidentiality mark")?.textContent).toBe("秘密は守");
    // The core's words, as it sends them.
    expect(app.views.detail.pane.querySelector(".stale")?.textContent).toBe(STALE);
    expect(app.views.detail.pane.querySelector<HTMLAnchorElement>("a.link-tel")!.getAttribute("href")).toBe("tel:0600000000");
    // A web link says where it really goes.
    expect(app.views.detail.pane.querySelector(".links .host")?.textContent).toBe("（行き先: evil.example）");
    app.views.detail.pane.querySelector<HTMLAnchorElement>("a.link-web")!.click();
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
    expect(app.views.search.status.textContent).toContain("見つかりませんでした");
    expect(app.views.search.status.textContent).toContain("ひらがな");
    type(app, "失敗");
    await tick();
    expect(app.views.search.status.textContent).toContain("使用中");
    expect(app.views.search.status.querySelector("button")?.textContent).toBe("もう一度試す");
  });

  it("leaves Enter and the arrows to the input method while Japanese is being converted", async () => {
    const app = start();
    await tick();
    app.views.search.input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", isComposing: true, bubbles: true }));
    expect(app.views.search.state.selected).toBe(0);
    app.views.search.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true }));
    app.views.search.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229, bubbles: true }));
    await tick();
    expect(calls.some((c) => c.cmd === "detail")).toBe(false);
    app.views.search.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await tick();
    expect(calls.filter((c) => c.cmd === "detail")).toHaveLength(1);
  });
});

describe("result rows", () => {
  it("mark a resource that may be out of date, and only that one", async () => {
    const app = start();
    await tick();
    const rows = app.views.search.list.querySelectorAll(".hit");
    expect(rows[0].querySelector(".stale")?.textContent).toBe("※確認が古い");
    expect(rows[1].querySelector(".name")?.textContent).toBe("家族教室");
    expect(rows[1].querySelector(".stale")).toBeNull();
  });
});

describe("the core's words", () => {
  const legend = (app: App, key: string) =>
    app.views.facets.el.querySelector(`[data-facet="${key}"] legend`)?.textContent;

  it("head each facet", async () => {
    const app = start();
    await tick();
    expect(legend(app, "municipality")).toBe("所在地");
    expect(legend(app, "category")).toBe("種別");
    expect(legend(app, "anonymous")).toBe("匿名相談");
  });

  it("are followed when the core's change", async () => {
    labels.facets = labels.facets.map((f) => (f.key === "municipality" ? { ...f, label: "相談先のある市町村" } : f));
    const app = start();
    await tick();
    expect(legend(app, "municipality")).toBe("相談先のある市町村");
    expect(legend(app, "day")).toBe("曜日");
  });

  it("name a yes/no chip, and its value sets the filter", async () => {
    labels.facets = labels.facets.map((f) => (f.key === "anonymous" ? { ...f, flag_chip: "名前を言わずに相談できる" } : f));
    const app = start();
    await tick();
    const chip = app.views.facets.el.querySelector<HTMLButtonElement>('[data-facet="anonymous"] .chip')!;
    expect(chip.dataset.value).toBe("可");
    expect(chip.firstChild?.textContent).toBe("名前を言わずに相談できる");
    chip.click();
    await tick();
    const last = calls.filter((c) => c.cmd === "search").at(-1)!;
    expect((last.args.filters as { anonymous: boolean }).anonymous).toBe(true);
    expect(app.views.facets.el.querySelector('[data-facet="anonymous"] .chip')!.getAttribute("aria-pressed")).toBe("true");
  });

  it("fill the residence select", async () => {
    const app = start();
    await tick();
    const select = app.views.facets.el.querySelector("select")!;
    expect(select.closest("fieldset")!.querySelector("legend")?.textContent).toBe("居住地（利用できる所）");
    expect([...select.options].map((o) => o.value)).toEqual(["", ...labels.municipalities]);
    select.value = "堺市";
    select.dispatchEvent(new Event("change"));
    await tick();
    expect((calls.filter((c) => c.cmd === "search").at(-1)!.args.filters as { resident_of: string }).resident_of).toBe("堺市");
  });

  it("list the categories of the form for one's own resources, in the core's order", async () => {
    labels.categories = ["家族会", "相談窓口", "その他"];
    const app = start();
    app.show("mine");
    await tick();
    const options = [...app.main.querySelectorAll<HTMLOptionElement>('.local-form [name="category"] option')];
    expect(options.map((o) => o.value)).toEqual(labels.categories);
    expect(options.map((o) => o.textContent)).toEqual(labels.categories);
  });

  it("list every category the core knows by default", async () => {
    const app = start();
    app.show("mine");
    await tick();
    const options = [...app.main.querySelectorAll<HTMLOptionElement>('.local-form [name="category"] option')];
    expect(options.map((o) => o.value)).toEqual(labelsFixture().categories);
  });
});

describe("times", () => {
  it("show a note's date in Japan: 08:30 in Osaka is the day after 23:30 UTC", async () => {
    notes = [{ id: 1, resource_id: "darc-1", resource_name: HOSTILE, removed: false, text: "朝に電話した", created_at: "2026-12-04T23:30:00Z" }];
    const app = start();
    await tick();
    await app.views.search.open(0);
    const time = app.views.detail.pane.querySelector(".notes time")!;
    expect(time.textContent).toBe("2026-12-05");
    expect(time.closest("li")?.textContent).toBe("2026-12-05 朝に電話した");
  });

  it("show when an edition was imported, and earlier editions by the core's label", async () => {
    current = edition("2026-12", "2026-12-04T23:30:00Z");
    history = [{ ...edition("x", "2026-10-01T15:30:00+00:00"), edition: null, published: "2026-10-01", label: "2026-10-01" }];
    const app = start();
    app.show("dataset");
    await tick();
    const rows = app.main.querySelector(".dataset .rows")!.textContent;
    expect(rows).toContain("取り込んだ日時2026-12-05 08:30");
    expect(rows).toContain("これまでの版2026-10-01（2026-10-02）");
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
    rollbackTo = edition("2026-11", "2026-11-25T00:00:00Z");
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
    // The screen is drawn, with its status and the way to a new edition, but no way back.
    expect(app.main.querySelector(".dataset .rows")?.textContent).toContain("2 件");
    expect(app.main.querySelector(".dataset button.primary")?.textContent).toBe("新しい版のファイルを選ぶ…");
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
    const screen = app.main.querySelector(".dataset")!;
    expect(screen.querySelector("h2")?.textContent).toBe("データセット");
    expect(screen.querySelector(".rows")?.textContent).toContain("（同梱のデータ）");
    expect(screen.querySelector(".bundled")).toBeNull();
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

describe("the toast", () => {
  it("keeps each message its full time, though the one before was still showing", () => {
    vi.useFakeTimers();
    try {
      const app = new App(document.getElementById("app")!, null);
      app.say("紹介シートを保存しました: 1");
      vi.advanceTimersByTime(2000);
      app.say("紹介シートを保存しました: 2");
      // The first message's timer would have hidden the second 0.5 s after it appeared.
      vi.advanceTimersByTime(2000);
      expect(app.toast.classList.contains("shown")).toBe(true);
      expect(app.toast.textContent).toContain(": 2");
      vi.advanceTimersByTime(600);
      expect(app.toast.classList.contains("shown")).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
