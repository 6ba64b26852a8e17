// The counsellor's flow in the real app window: a fuzzy query finds the right place, a facet
// narrows, a detail opens, two resources go into the basket and the referral sheet is saved.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, KEY, ROOT, answered, launch, settled, waitFor } from "./driver";

const SHOTS = join(ROOT, "docs/screenshots");
let app: Harness;

beforeAll(async () => {
  app = await launch();
});

afterAll(async () => {
  await app?.close();
});

/** The names in the result list, read in one step: the list may be drawn again between finding
 * its rows and reading each (a search answered after the quiet wait, the catalogue reloaded). */
async function names(): Promise<string[]> {
  return app.session.script<string[]>(
    "return [...document.querySelectorAll('.results .hit .name')].map((e) => e.textContent ?? '')",
  );
}

/** Types into the search box and waits until the answer to the last keystroke is on screen. */
async function search(text: string): Promise<void> {
  const box = await app.session.find("input.search");
  const before = await answered(app.session);
  await box.clear();
  await box.type(text);
  await settled(app.session, before, `results for ${text}`);
}

describe("the desktop app", () => {
  it("starts on the bundled data and lists it", async () => {
    const first = await app.session.waitFor(".results .hit", 30_000);
    expect(await first.text()).not.toBe("");
    const status = await (await app.session.find(".status")).text();
    // The bundled data is more than one screen's 50: the line says how many are shown.
    expect(status).toMatch(/すべての相談先 (\d+ 件|50 \/ \d+ 件を表示)/);
  });

  it("finds DARC from a hiragana query", async () => {
    await search("だるく");
    const top = (await names()).slice(0, 3);
    expect(top.some((n) => n.includes("ダルク"))).toBe(true);
    await app.session.screenshot(join(SHOTS, "search.png"));
  });

  it("narrows with a facet chip", async () => {
    await search("家族");
    const all = (await names()).length;
    const chip = await app.session.find('[data-facet="category"] .chip[data-value="家族教室"]');
    const before = await answered(app.session);
    await chip.click();
    await settled(app.session, before, "results for 家族教室");
    // The chips are redrawn with the results: the pressed one is there.
    await app.session.waitFor('[data-facet="category"] .chip[aria-pressed="true"][data-value="家族教室"]');
    const cats = await app.session.script<string[]>(
      "return [...document.querySelectorAll('.results .hit .cat')].map((c) => c.textContent ?? '')",
    );
    expect(cats.length).toBeGreaterThan(0);
    expect(cats.length).toBeLessThanOrEqual(all);
    expect(new Set(cats)).toEqual(new Set(["家族教室"]));
  });

  it("opens a detail with the keyboard and adds two resources to the basket", async () => {
    await (await app.session.find(".facets .clear")).click();
    await search("だるく");
    const box = await app.session.find("input.search");
    await box.click();
    await app.session.keys(KEY.enter);
    const title = await app.session.waitFor(".detail h2");
    expect(await title.text()).toContain("ダルク");
    // Every field of the record is there, folded under すべての項目 (counsellor.e2e.ts takes detail.png).
    expect(await app.session.script<string>("return document.querySelector('.detail details.all-rows .rows').textContent")).toContain("名称");
    await (await app.session.find(".detail .actions button.primary")).click();

    await search("家族教室");
    await box.click();
    await app.session.keys(KEY.down, KEY.enter);
    await waitFor(async () => !(await (await app.session.find(".detail h2")).text()).includes("ダルク"), 5000, "second detail");
    await (await app.session.find(".detail .actions button.primary")).click();
    const tab = await app.session.find('.tab[data-view="basket"]');
    expect(await tab.text()).toContain("（2）");
  });

  it("exports the referral sheet from the basket", async () => {
    await (await app.session.find('.tab[data-view="basket"]')).click();
    const items = await app.session.waitFor(".basket-items");
    expect((await items.findAll("li")).length).toBe(2);
    const note = await app.session.find(".basket textarea");
    await note.type("まずは電話で相談してみてください。");
    await app.session.screenshot(join(SHOTS, "basket.png"));
    await (await app.session.find(".basket button.primary")).click();
    const toast = await app.session.find(".toast");
    await waitFor(async () => (await toast.text()).includes("保存しました"), 30_000, "export");
    const files = readdirSync(app.exports).filter((f) => f.endsWith(".pdf"));
    expect(files).toHaveLength(1);
    const pdf = readFileSync(join(app.exports, files[0]));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(existsSync(app.db)).toBe(true);
  });
});

describe("one's own records", () => {
  it("adds a resource of one's own that search then finds, marked as such", async () => {
    await (await app.session.find('.tab[data-view="mine"]')).click();
    const form = await app.session.waitFor(".local-form");
    await (await form.find('[name="name"]')).type("みなと町の家族のつどい");
    await (await form.find('[name="phone"]')).type("06-6000-1234");
    await (await form.find('[name="hours"]')).type("毎月第2土曜日 14:00-16:00");
    await (await form.find("button.primary")).click();
    const done = await app.session.waitFor(".mine .done", 10_000);
    expect(await done.text()).toContain("追加しました");
    await app.session.screenshot(join(SHOTS, "mine.png"));
    await (await app.session.find('.tab[data-view="search"]')).click();
    await search("みなと町");
    expect((await names())[0]).toBe("みなと町の家族のつどい");
    await app.session.keys(KEY.enter);
    // Wait for this resource's detail (the one shown before may still be there a moment), and
    // read it afresh each time: the detail is drawn again when its notes arrive, which can
    // replace an element found a moment earlier.
    const cat = await waitFor(
      () =>
        app.session.script<string>(
          "const d = document.querySelector('.detail');" +
            "return d?.querySelector('h2')?.textContent === arguments[0] ? d.querySelector('.cat')?.textContent ?? '' : '';",
          ["みなと町の家族のつどい"],
        ),
      10_000,
      "the detail of the added resource",
    );
    expect(cat).toContain("自分で追加");
  });
});

describe("at 200% zoom", () => {
  it("stacks the columns without sideways scrolling", async () => {
    // Half the window's CSS pixels is what a 200% zoom leaves: 640×400 of 1280×800.
    await app.session.cmd("POST", "/window/rect", { width: 640, height: 400 });
    await (await app.session.find('.tab[data-view="search"]')).click();
    await app.session.waitFor(".results .hit");
    const overflow = await app.session.script<number>(
      "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // counsellor.e2e.ts takes narrow.png, with the filters folded and the detail in the list's place.
    await app.session.cmd("POST", "/window/rect", { width: 1280, height: 800 });
  });
});
