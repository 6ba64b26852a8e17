// The basket and the sheet, with the core's commands mocked: printing lays out the core's
// ReferralModel itself (the same order as the PDF), the addressee is printed as typed, the
// issuing office is remembered on the PC, and the addressee and the note are forgotten once a
// sheet is saved or printed; emptying the list asks first.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "./app";
import { labelsFixture } from "./labels.fixture";
import { sheetFixture } from "./records.fixture";

let calls: { cmd: string; args: Record<string, unknown> }[] = [];
let savedTo: string | null = "/tmp/紹介シート.pdf";
let modelFails = false;

/** A Storage of its own per test (the basket and the office live in it). */
class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
}

let storage: MemoryStorage;

beforeEach(() => {
  calls = [];
  savedTo = "/tmp/紹介シート.pdf";
  modelFails = false;
  storage = new MemoryStorage();
  document.body.innerHTML = '<div id="app"></div>';
  document.body.className = "";
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
      case "export_sheet":
        return savedTo;
      case "sheet_text":
        return `紹介シート\n■ 大阪ダルク\n電話: 06-6323-8910 (${JSON.stringify(a.style)})`;
      case "sheet_model": {
        if (modelFails) throw { code: "invalid_input", message: "「大阪依存症対策センター」は計画中のため、紹介シートに載せられません" };
        const m = sheetFixture(a.recipient as string | null, a.note as string | null, a.office as string | null);
        const style = a.style as typeof m.style;
        if (style.easy) {
          // The core's easy Japanese: furigana markup in the fixed words only.
          m.style = style;
          m.title = "{相談|そうだん}できる ところ";
          m.labels = { ...m.labels, phone: "{電話|でんわ}", guide: ["{電話|でんわ}を して から {行|い}きましょう。"] };
        }
        return m;
      }
      default:
        throw { code: "internal", message: `unexpected ${cmd}` };
    }
  });
});

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  for (const s of document.querySelectorAll(".print-sheet")) s.remove();
});

const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd);

async function basket(): Promise<App> {
  const app = new App(document.getElementById("app")!, storage);
  app.start();
  await tick();
  app.addToBasket({ id: "osaka-darc", name: "大阪ダルク", phone: "06-6323-8910", address: null });
  app.addToBasket({ id: "kinki-ncd", name: "近畿厚生局麻薬取締部", phone: null, address: null });
  app.show("basket");
  await tick();
  return app;
}

function field(app: App, name: string): HTMLInputElement | HTMLTextAreaElement {
  return app.main.querySelector<HTMLInputElement | HTMLTextAreaElement>(`.basket [name="${name}"]`)!;
}

function fill(app: App, name: string, text: string): void {
  const el = field(app, name);
  el.value = text;
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

function button(app: App, text: string): HTMLButtonElement {
  return [...app.main.querySelectorAll<HTMLButtonElement>(".basket .actions button")].find((b) => b.textContent?.startsWith(text))!;
}

describe("printing", () => {
  it("lays out the core's sheet in the PDF's order, then opens the print dialog", async () => {
    const app = await basket();
    fill(app, "recipient", "山田 花子 さんへ");
    fill(app, "note", "まずは電話で相談してみてください。");
    fill(app, "office", "北区保健福祉センター");
    let atPrint: HTMLElement | null = null;
    const print = vi.spyOn(window, "print").mockImplementation(() => {
      atPrint = document.querySelector(".print-sheet");
      expect(document.body.classList.contains("printing-sheet")).toBe(true);
    });
    button(app, "印刷").click();
    await tick();
    expect(print).toHaveBeenCalledTimes(1);
    expect(sent("sheet_model")[0].args).toEqual({
      ids: ["osaka-darc", "kinki-ncd"],
      note: "まずは電話で相談してみてください。",
      recipient: "山田 花子 さんへ",
      office: "北区保健福祉センター",
      style: { lang: "ja", easy: false, large: false },
    });
    const sheet = atPrint!;
    expect(sheet).not.toBeNull();
    // Outside the app, so the print rules can show it alone.
    expect(sheet.parentElement).toBe(document.body);
    expect(sheet.querySelector("h1")?.textContent).toBe("紹介シート相談先のご案内");
    expect(sheet.querySelector(".sheet-date")?.textContent).toBe("発行日 2026年12月4日");
    expect(sheet.querySelector(".sheet-office")?.textContent).toBe("発行元 北区保健福祉センター");
    expect(sheet.querySelector(".sheet-recipient")?.textContent).toBe("山田 花子 さんへ");

    const [darc, ncd] = [...sheet.querySelectorAll<HTMLElement>(".sheet-entry")];
    expect(darc.querySelector(".sheet-kana")?.textContent).toBe("オオサカ ダルク");
    expect(darc.querySelector(".sheet-name")?.textContent).toBe("大阪ダルク");
    expect(darc.querySelector(".sheet-cat")?.textContent).toBe("回復施設");
    expect(darc.querySelector(".badge.stance")?.textContent).toBe("秘密を守ると明記");
    expect([...darc.querySelectorAll(".sheet-phone")].map((p) => p.textContent)).toEqual(["06-6323-8910", "06-0000-1111"]);
    expect([...darc.querySelectorAll(".sheet-rows dt")].map((d) => d.textContent)).toEqual(["住所", "受付"]);
    expect(darc.querySelector(".sheet-confidential p")?.textContent).toBe("「外部に対して秘密を厳守いたします。」");
    // An address the core broke for the PDF reads whole.
    expect(darc.querySelector(".sheet-small")?.textContent).toBe(
      "URL: https://osakadarc.example/a-very-long-path/that-the-core-broke　確認日: 未確認　出典の日付: 2024-03-01",
    );
    expect(darc.querySelector(".sheet-warning")).toBeNull();

    // The QR code: SVG rectangles from the rows, one per run of dark modules, on white.
    const svg = darc.querySelector("svg.qr")!;
    expect(svg.namespaceURI).toBe("http://www.w3.org/2000/svg");
    const rects = [...svg.querySelectorAll("rect")];
    expect(rects[0].getAttribute("fill")).toBe("#fff");
    const dark = rects.slice(1).map((r) => [r.getAttribute("x"), r.getAttribute("y"), r.getAttribute("width")].join(","));
    // Rows 1110 / 0101 / 1001 / 0000, after a quiet zone of 4.
    expect(dark).toEqual(["4,4,3", "5,5,1", "7,5,1", "4,6,1", "7,6,1"]);

    expect(ncd.querySelector(".badge.stance")?.textContent).toBe("警察・取締機関");
    expect(ncd.querySelector(".sheet-phones")).toBeNull();
    expect(ncd.querySelector(".sheet-qr")).toBeNull();
    expect(ncd.querySelector(".sheet-warning")?.textContent).toContain("連絡先");
    expect(ncd.querySelector(".sheet-stance")?.textContent).toBe("警察または取締りの機関です。保健・医療の窓口とは役割が異なります。");

    // The same order as the PDF: entry parts, then the note, the memo box and the footer.
    const order = (el: Element, parts: string[]) =>
      parts.map((css) => [...el.querySelectorAll("*")].findIndex((x) => x.matches(css))).filter((i) => i >= 0);
    const inEntry = order(ncd, [".sheet-name", ".badge", ".sheet-warning", ".sheet-stance", ".sheet-rows"]);
    expect(inEntry).toHaveLength(5);
    expect([...inEntry].sort((a, b) => a - b)).toEqual(inEntry);
    const blocks = [...sheet.children].map((c) => c.className);
    expect(blocks).toEqual(["sheet-head", "sheet-recipient", "sheet-entry", "sheet-entry", "sheet-note", "sheet-memo", "sheet-foot"]);
    expect(sheet.querySelector(".sheet-note p")?.textContent).toBe("まずは電話で相談してみてください。");
    expect(sheet.querySelectorAll(".sheet-memo-line")).toHaveLength(4);
    expect(sheet.querySelector(".sheet-foot")?.textContent).toBe("この紹介シートは「つなぐ」で作成しました。");

    // Once printing is over, nothing of it stays for a later Ctrl+P.
    window.dispatchEvent(new Event("afterprint"));
    expect(document.querySelector(".print-sheet")).toBeNull();
    expect(document.body.classList.contains("printing-sheet")).toBe(false);
  });

  it("prints the addressee exactly as typed and leaves out what was not given", async () => {
    const app = await basket();
    fill(app, "recipient", "ご家族の方へ");
    vi.spyOn(window, "print").mockImplementation(() => undefined);
    button(app, "印刷").click();
    await tick();
    const sheet = document.querySelector(".print-sheet")!;
    expect(sheet.querySelector(".sheet-recipient")?.textContent).toBe("ご家族の方へ");
    expect(sheet.textContent).not.toContain("様");
    expect(sheet.querySelector(".sheet-note")).toBeNull();
    // No office set: a line to write it on.
    expect(sheet.querySelector(".sheet-office .sheet-blank")).not.toBeNull();
    expect(sent("sheet_model")[0].args).toMatchObject({ note: null, office: null });
  });

  it("does not print when the core refuses the sheet, and says why", async () => {
    modelFails = true;
    const app = await basket();
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    button(app, "印刷").click();
    await tick();
    expect(print).not.toHaveBeenCalled();
    expect(document.querySelector(".print-sheet")).toBeNull();
    expect(app.toast.textContent).toContain("紹介シートに載せられません");
  });
});

describe("the basket on a shared PC", () => {
  it("forgets the addressee and the note once the sheet is saved, and keeps the list", async () => {
    const app = await basket();
    fill(app, "recipient", "山田 花子 さんへ");
    fill(app, "note", "水曜の午後に");
    button(app, "紹介シートを PDF で保存").click();
    await tick();
    expect(sent("export_sheet")[0].args).toEqual({
      ids: ["osaka-darc", "kinki-ncd"],
      note: "水曜の午後に",
      recipient: "山田 花子 さんへ",
      office: null,
      style: { lang: "ja", easy: false, large: false },
    });
    expect(field(app, "recipient").value).toBe("");
    expect(field(app, "note").value).toBe("");
    expect(app.views.basket.state.items).toHaveLength(2);
    const saved = JSON.parse(storage.getItem("tsunagu.basket")!);
    expect(saved).toMatchObject({ note: "", recipient: "" });
    expect(saved.items).toHaveLength(2);
    expect(app.toast.textContent).toContain("宛名とひとことは消しました");
  });

  it("keeps them when the save is cancelled", async () => {
    savedTo = null;
    const app = await basket();
    fill(app, "recipient", "山田 花子 さんへ");
    button(app, "紹介シートを PDF で保存").click();
    await tick();
    expect(field(app, "recipient").value).toBe("山田 花子 さんへ");
  });

  it("forgets them once printed too", async () => {
    const app = await basket();
    fill(app, "recipient", "山田 花子 さんへ");
    fill(app, "note", "水曜の午後に");
    vi.spyOn(window, "print").mockImplementation(() => undefined);
    button(app, "印刷").click();
    await tick();
    expect(app.views.basket.state.recipient).toBe("");
    expect(app.views.basket.state.note).toBe("");
    expect(field(app, "recipient").value).toBe("");
    expect(app.views.basket.state.items).toHaveLength(2);
  });

  it("remembers the issuing office on this PC and sends it with every sheet", async () => {
    let app = await basket();
    fill(app, "office", "北区保健福祉センター");
    expect(storage.getItem("tsunagu.office")).toBe("北区保健福祉センター");
    button(app, "紹介シートを PDF で保存").click();
    await tick();
    expect(sent("export_sheet")[0].args.office).toBe("北区保健福祉センター");
    // Not forgotten with the person's details, and there after a restart.
    expect(field(app, "office").value).toBe("北区保健福祉センター");
    document.body.innerHTML = '<div id="app"></div>';
    app = new App(document.getElementById("app")!, storage);
    app.start();
    app.show("basket");
    await tick();
    expect(field(app, "office").value).toBe("北区保健福祉センター");
  });

  it("asks before emptying the list", async () => {
    const app = await basket();
    const clear = button(app, "リストを空にする");
    clear.click();
    expect(app.views.basket.state.items).toHaveLength(2);
    expect(clear.textContent).toBe("本当に空にする（2 件と宛名・ひとことが消えます）");
    clear.click();
    await tick(0);
    expect(app.views.basket.state.items).toHaveLength(0);
    expect(document.querySelector('.tab[data-view="basket"]')!.textContent).toBe("紹介リスト（0）");
  });

  it("offers placeholders for an addressee as the counsellor means it", async () => {
    const app = await basket();
    expect(field(app, "recipient").getAttribute("placeholder")).toContain("山田 花子 さんへ");
    expect(field(app, "recipient").getAttribute("placeholder")).toContain("ご家族の方へ");
    expect(field(app, "recipient").closest("label")?.textContent).toContain("宛名");
    expect(field(app, "office").closest("label")?.textContent).toContain("発行元");
  });
});

describe("sheet styles and text", () => {
  it("sends the chosen style, and easy Japanese prints furigana as ruby in the fixed words only", async () => {
    const app = await basket();
    const picker = app.main.querySelector<HTMLSelectElement>('.basket select[name="sheet-style"]')!;
    expect([...picker.options].map((o) => o.value)).toEqual(["standard", "easy", "en", "zh", "ko", "vi"]);
    picker.value = "easy";
    picker.dispatchEvent(new Event("change", { bubbles: true }));
    const large = app.main.querySelector<HTMLInputElement>('.basket input[name="sheet-style-large"]')!;
    large.checked = true;
    large.dispatchEvent(new Event("change", { bubbles: true }));
    let sheet: Element | null = null;
    vi.spyOn(window, "print").mockImplementation(() => {
      sheet = document.querySelector(".print-sheet");
    });
    button(app, "印刷").click();
    await tick();
    expect(sent("sheet_model")[0].args.style).toEqual({ lang: "ja", easy: true, large: true });
    const printed = sheet as unknown as HTMLElement;
    expect(printed.classList.contains("easy")).toBe(true);
    expect(printed.querySelector("h1 ruby")?.textContent).toBe("相談そうだん");
    expect(printed.querySelector("h1 rt")?.textContent).toBe("そうだん");
    expect(printed.querySelector(".sheet-guide ruby rt")?.textContent).toBe("でんわ");
    // Dataset text is never read as markup.
    expect(printed.querySelector(".sheet-name")?.textContent).toBe("大阪ダルク");
  });

  it("copies the sheet as text in the chosen style", async () => {
    const app = await basket();
    const picker = app.main.querySelector<HTMLSelectElement>('.basket select[name="sheet-style"]')!;
    picker.value = "vi";
    picker.dispatchEvent(new Event("change", { bubbles: true }));
    const writes: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: async (t: string) => void writes.push(t) },
      configurable: true,
    });
    button(app, "文章をコピー").click();
    await tick();
    expect(sent("sheet_text")[0].args.style).toEqual({ lang: "vi", easy: false, large: false });
    expect(writes[0]).toContain("電話: 06-6323-8910");
    expect(app.root.textContent).toContain("紹介の文章をコピーしました");
  });
});
