// Issue 20's walkthrough in the real app window, on the bundled data: 居住地 寝屋川市 lists its own
// 保健所 first and no 堺市 ward centre, a cut list says so and shows the rest, the police line is
// badged as such in the list and the detail and nothing in its 備考 is marked, the detail is laid
// out for the call, printing lays out the sheet itself, the addressee and the note are gone once
// the sheet is saved, the keyboard reaches everything (help on ?), and a narrow window folds the
// filters away and shows the detail in the list's place.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Harness, KEY, ROOT, answered, clickAfresh, launch, settled, waitFor } from "./driver";

const SHOTS = join(ROOT, "docs/screenshots");
const ESCAPE = "\uE00C";
const SPACE = " ";
let app: Harness;

beforeAll(async () => {
  app = await launch();
  await app.session.waitFor(".results .hit", 30_000);
});

afterAll(async () => {
  await app?.close();
});

// A test that failed with a dialog open must not take the tests after it down with it.
afterEach(async () => {
  if ((await app.session.findAll('[role="dialog"]')).length > 0) await app.session.keys(ESCAPE);
});

async function searches(): Promise<number> {
  return answered(app.session);
}

/** Waits until the search asked for after `before` (typing or a filter) is answered and drawn. */
async function quiet(before: number): Promise<void> {
  await settled(app.session, before);
}

async function search(text: string): Promise<void> {
  const box = await app.session.find("input.search");
  const before = await searches();
  await box.clear();
  await box.type(text);
  await quiet(before);
}

async function ids(): Promise<string[]> {
  return app.session.script<string[]>("return [...document.querySelectorAll('.results .hit')].map(h => h.dataset.id)");
}

async function residence(value: string): Promise<void> {
  const before = await searches();
  await app.session.script(
    "const s = document.querySelector('select[name=\"resident_of\"]'); s.value = arguments[0];" +
      "s.dispatchEvent(new Event('change', { bubbles: true }));",
    [value],
  );
  await quiet(before);
}

async function countLine(): Promise<string> {
  return (await app.session.find(".status .count")).text();
}

/** Clicks a row by its ID and waits until the detail shows it (again, if the list was redrawn). */
async function openRow(id: string, name: string): Promise<void> {
  await clickAfresh(app.session, `.results .hit[data-id="${id}"]`);
  await waitFor(async () => (await (await app.session.find(".detail h2")).text()) === name, 10_000, `detail of ${id}`);
}

describe("the residence filter", () => {
  it("says when the list is cut, and すべて表示 lists the rest", async () => {
    const line = await countLine();
    const m = /^(\d+) \/ (\d+) 件を表示$/.exec(line);
    expect(m, line).not.toBeNull();
    const [shown, total] = [Number(m![1]), Number(m![2])];
    expect(shown).toBe(50);
    expect(total).toBeGreaterThan(50);
    expect((await ids()).length).toBe(50);
    const before = await searches();
    await (await app.session.find(".status button.show-all")).click();
    await quiet(before);
    expect(await countLine()).toBe(`${total} 件`);
    expect((await ids()).length).toBe(total);
    expect(await app.session.findAll(".status button.show-all")).toHaveLength(0);
  });

  it("lists 寝屋川市保健所 first for a resident of 寝屋川市, and none of 堺市's ward centres", async () => {
    await residence("寝屋川市");
    const listed = await ids();
    expect(listed[0]).toBe("neyagawa-city-hc");
    expect(listed.filter((id) => id.startsWith("sakai-hc-"))).toEqual([]);
    // Everything that passes is listed, and the count says how many.
    expect(await countLine()).toMatch(new RegExp(`^(${listed.length} 件|${listed.length} / \\d+ 件を表示)$`));
    if (/を表示$/.test(await countLine())) expect(await app.session.findAll(".status button.show-all")).toHaveLength(1);
  });
});

describe("the report stance", () => {
  it("badges the police line in the list and the detail, and marks nothing in its 備考", async () => {
    const s = app.session;
    const row = await s.find('.results .hit[data-id="osaka-police-greenline"]');
    expect(await (await row.find(".badge.stance")).text()).toBe("警察・取締機関");
    const others = await s.script<string[]>(
      "return [...document.querySelectorAll('.results .hit .badge.stance')].map(b => b.dataset.stance)",
    );
    expect(new Set(others).has("no-report")).toBe(true);
    await openRow("osaka-police-greenline", "少年総合相談(グリーンライン)");
    expect(await (await s.find(".detail header .badge.stance")).text()).toBe("警察・取締機関");
    expect(await (await s.find(".detail .confidentiality")).text()).toContain("警察または取締りの機関です");
    await app.session.screenshot(join(SHOTS, "badges.png"));
    // Every field, unfolded: the remark says 通報しない and is not marked.
    await (await s.find(".detail details.all-rows summary")).click();
    const remark = await s.script<{ text: string; marks: number }>(
      "const dt = [...document.querySelectorAll('.detail .rows dt')].find(d => d.textContent === '備考');" +
        "return { text: dt.nextElementSibling.textContent, marks: dt.nextElementSibling.querySelectorAll('mark').length };",
    );
    expect(remark.text).toContain("通報しない");
    expect(remark.marks).toBe(0);
    expect(await s.script<number>("return document.querySelectorAll('.detail mark').length")).toBe(0);
    await residence("");
  });
});

describe("the detail", () => {
  it("is laid out for the call, starts at its top, and shows the two dates", async () => {
    const s = app.session;
    await search("こころの健康センター");
    const pane = await s.find(".detail");
    // Scrolled down in one record, the next opens at its top.
    await s.script("document.querySelector('.detail').scrollTop = 10000");
    await openRow("osaka-city-mhc", "大阪市こころの健康センター 依存症相談ダイヤル");
    expect(await s.script<number>("return document.querySelector('.detail').scrollTop")).toBe(0);
    const order = await s.script<number[]>(
      "const kids = [...document.querySelector('.detail').children];" +
        "return ['header', '.call', '.hours', '.whom', '.confidentiality', '.address', '.sources', 'details.all-rows']" +
        ".map(css => kids.findIndex(k => k.matches(css)));",
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await (await pane.find("header .badge.stance")).text()).toBe("秘密を守ると明記");
    const phone = await pane.find(".call a.phone");
    expect(await phone.text()).toContain("06-6922-3475");
    expect(await phone.attr("href")).toBe("tel:0669223475");
    expect(await (await pane.find(".whom")).text()).toContain("利用できる人の住所");
    // The record's own words, marked; its ID and reading are not at the top.
    expect(await (await pane.find(".confidentiality mark")).text()).not.toBe("");
    const top = await s.script<string>(
      "return [...document.querySelector('.detail').children].filter(k => !k.matches('details')).map(k => k.textContent).join('\\n')",
    );
    expect(top).not.toContain("osaka-city-mhc");
    expect(top).not.toContain("オオサカシ");
    const dates = await (await pane.find(".sources")).text();
    expect(dates).toMatch(/確認日\s*(未確認|\d{4}-\d{2}-\d{2})/);
    expect(dates).toMatch(/出典の日付\s*(\d{4}-\d{2}-\d{2}|記載なし)/);
    // Sources read as addresses, not as percent-encoding.
    const sources = await s.script<string[]>("return [...document.querySelectorAll('.detail .sources a')].map(a => a.textContent)");
    expect(sources.length).toBeGreaterThan(0);
    for (const t of sources) expect(t).not.toMatch(/%[0-9A-F]{2}/i);
    await s.screenshot(join(SHOTS, "detail.png"));
  });

  it("copies a phone number and shows it large instead of failing on tel:", async () => {
    const s = app.session;
    // Still on 大阪市こころの健康センター from the test above.
    await (await s.find(".detail .call a.phone")).click();
    const big = await s.waitFor(".phone-dialog .big-number", 5_000);
    expect(await big.text()).toContain("06-6922-3475");
    const said = await (await s.find(".phone-dialog .copy-result")).text();
    // Xvfb's WebKit may refuse the clipboard; either way the person is told plainly.
    expect(said).toMatch(/06-6922-3475をコピーしました|コピーできませんでした/);
    expect(said).not.toMatch(/Error|error|失敗しました:/);
    await s.keys(ESCAPE);
    await waitFor(async () => (await s.findAll(".phone-dialog .big-number")).length === 0, 5_000, "the dialog closed");
  });

  it("records a correction from the field and shows it on the record", async () => {
    const s = app.session;
    await (await s.find(".detail .corrections summary")).click();
    await s.script(
      "const sec = document.querySelector('.detail .corrections');" +
        "sec.querySelector('select').value = '電話番号';" +
        "const [v, n] = sec.querySelectorAll('input'); v.value = '06-0000-0000'; n.value = 'e2e: 試験用の番号';",
    );
    await (await s.find(".detail .corrections details button")).click();
    await waitFor(
      async () => (await (await s.find(".detail .corrections")).text()).includes("現場からの訂正"),
      10_000,
      "the correction shown on the record",
    );
    const text = await (await s.find(".detail .corrections")).text();
    expect(text).toContain("→ 06-0000-0000");
    // The record itself is unchanged: a correction waits for the publisher.
    expect(await (await s.find(".detail .call a.phone")).text()).toContain("06-6922-3475");
  });

  it("goes when a search finds nothing", async () => {
    await search("ぜったいにみつからないことば");
    const hint = await app.session.find(".detail .hint");
    expect(await hint.text()).toContain("一覧から選ぶと");
    expect(await app.session.findAll(".detail h2")).toHaveLength(0);
  });
});

describe("the keyboard", () => {
  it("adds with B from the list without typing into the box, and presses chips with Space and Enter", async () => {
    const s = app.session;
    await search("ダルク");
    await s.script("document.querySelector('.results').focus()");
    await s.keys("b");
    await waitFor(async () => (await (await s.find('.tab[data-view="basket"]')).text()).includes("（1）"), 5000, "one in the basket");
    expect(await s.script<string>("return document.querySelector('input.search').value")).toBe("ダルク");

    await s.script("document.querySelector('[data-facet=\"confidential\"] .chip').focus()");
    let before = await searches();
    await s.keys(SPACE);
    await quiet(before);
    expect(await (await s.find('[data-facet="confidential"] .chip')).attr("aria-pressed")).toBe("true");
    // The chip drawn again keeps the focus, so Enter presses it again.
    before = await searches();
    await s.keys(KEY.enter);
    await quiet(before);
    expect(await (await s.find('[data-facet="confidential"] .chip')).attr("aria-pressed")).toBe("false");
  });

  it("opens the list of keys with ?, and Esc gives the focus back", async () => {
    const s = app.session;
    await s.script("document.querySelector('.results').focus()");
    await s.keys("?");
    const dialog = await s.waitFor('[role="dialog"]', 5000);
    const text = await dialog.text();
    for (const k of ["キー操作", "Ctrl+Enter", "/", "Esc", "Space"]) expect(text).toContain(k);
    await s.keys(ESCAPE);
    await waitFor(async () => (await s.findAll('[role="dialog"]')).length === 0, 5000, "the dialog closed");
    expect(await s.script<boolean>("return document.activeElement.classList.contains('results')")).toBe(true);
    // In the search box ? is a character.
    const box = await s.find("input.search");
    await box.click();
    await s.keys("?");
    expect(await s.findAll('[role="dialog"]')).toHaveLength(0);
  });
});

describe("the basket", () => {
  async function field(name: string): Promise<string> {
    return app.session.script<string>(`return document.querySelector('.basket [name="${name}"]').value`);
  }

  it("prints the sheet itself, with the addressee as typed, then forgets the addressee and the note", async () => {
    const s = app.session;
    await search("こころの健康センター");
    await openRow("osaka-city-mhc", "大阪市こころの健康センター 依存症相談ダイヤル");
    await (await s.find(".detail .actions button.primary")).click();
    await (await s.find('.tab[data-view="basket"]')).click();
    await s.waitFor(".basket-items");
    await (await s.find('.basket [name="recipient"]')).type("山田 花子 さんへ");
    await (await s.find('.basket [name="note"]')).type("まずは電話で「家族のことで相談したい」と伝えてください。");
    await (await s.find('.basket [name="office"]')).type("大阪市北区保健福祉センター 精神保健福祉相談");
    // The print dialog cannot be driven: count the calls instead.
    await s.script("window.__printed = 0; window.print = () => { window.__printed++; };");
    await (await s.find(".basket button.print")).click();
    await waitFor(async () => (await s.script<number>("return window.__printed")) === 1, 10_000, "print()");
    const sheet = await s.script<{ recipient: string; office: string; names: string[]; badges: string[]; phones: string[]; note: string; qr: number }>(
      "const p = document.querySelector('body > .print-sheet');" +
        "return { recipient: p.querySelector('.sheet-recipient').textContent, office: p.querySelector('.sheet-office').textContent," +
        " names: [...p.querySelectorAll('.sheet-name')].map(n => n.textContent), badges: [...p.querySelectorAll('.sheet-entry .badge')].map(b => b.textContent)," +
        " phones: [...p.querySelectorAll('.sheet-phone')].map(n => n.textContent), note: p.querySelector('.sheet-note p').textContent," +
        " qr: p.querySelectorAll('svg.qr rect').length };",
    );
    expect(sheet.recipient).toBe("山田 花子 さんへ");
    expect(sheet.office).toBe("発行元 大阪市北区保健福祉センター 精神保健福祉相談");
    // In the basket's order: the one added with B from the list, then the one from the detail.
    expect(sheet.names).toEqual(["大阪ダルク", "大阪市こころの健康センター 依存症相談ダイヤル"]);
    expect(sheet.badges).toHaveLength(2);
    expect(sheet.phones).toContain("06-6922-3475");
    expect(sheet.note).toBe("まずは電話で「家族のことで相談したい」と伝えてください。");
    expect(sheet.qr).toBeGreaterThan(10);
    // On screen the sheet shows only while printing; the documentation's picture shows it as printed.
    await s.script("document.documentElement.classList.add('sheet-preview')");
    await s.screenshot(join(SHOTS, "print-sheet.png"));
    await s.script("document.documentElement.classList.remove('sheet-preview')");

    expect(await field("recipient")).toBe("");
    expect(await field("note")).toBe("");
    expect(await field("office")).toBe("大阪市北区保健福祉センター 精神保健福祉相談");
    expect((await s.findAll(".basket-items li")).length).toBe(2);
    await (await s.waitFor(".log-referral button.dismiss")).click();
  });

  it("forgets the addressee and the note once the sheet is saved, and keeps the list", async () => {
    const s = app.session;
    await (await s.find('.basket [name="recipient"]')).type("ご家族の方へ");
    await (await s.find('.basket [name="note"]')).type("水曜の午後に電話してください。");
    await (await s.find(".basket .actions button.primary")).click();
    const toast = await s.find(".toast");
    await waitFor(async () => (await toast.text()).includes("保存しました"), 30_000, "export");
    expect(readdirSync(app.exports).filter((f) => f.endsWith(".pdf"))).toHaveLength(1);
    expect(await field("recipient")).toBe("");
    expect(await field("note")).toBe("");
    expect((await s.findAll(".basket-items li")).length).toBe(2);
    await (await s.waitFor(".log-referral button.dismiss")).click();
  });

  it("asks before emptying the list", async () => {
    const s = app.session;
    const clear = await s.find(".basket button.clear-basket");
    await clear.click();
    expect(await clear.text()).toContain("本当に空にする");
    expect((await s.findAll(".basket-items li")).length).toBe(2);
    await clear.click();
    await s.waitFor(".basket .empty");
    expect(await (await s.find('.tab[data-view="basket"]')).text()).toContain("（0）");
  });
});

describe("a narrow window (640×400, as 200 % zoom leaves 1280×800)", () => {
  it("folds the filters away and shows the detail in the list's place", async () => {
    const s = app.session;
    await s.cmd("POST", "/window/rect", { width: 640, height: 400 });
    await (await s.find('.tab[data-view="search"]')).click();
    await search("ダルク");
    const layout = await s.script<{ top: number; bar: number; height: number; facets: string; overflow: number }>(
      "return { top: document.querySelector('.top').offsetHeight, bar: document.querySelector('.listbar').offsetHeight," +
        " height: window.innerHeight, facets: getComputedStyle(document.querySelector('.facets')).display," +
        " overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };",
    );
    expect(layout.facets).toBe("none");
    expect(layout.top + layout.bar).toBeLessThan(layout.height * 0.4);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    // The picture without the toast of the last step (gone, and faded out).
    await waitFor(async () => (await s.findAll(".toast.shown")).length === 0, 5000, "the toast gone");
    await new Promise((r) => setTimeout(r, 400));
    await s.screenshot(join(SHOTS, "narrow.png"));

    const toggle = await s.find(".facets-toggle");
    await toggle.click();
    expect(await toggle.attr("aria-expanded")).toBe("true");
    expect(await s.script<string>("return getComputedStyle(document.querySelector('.facets')).display")).toBe("block");
    await toggle.click();

    await s.script("document.querySelector('.results').focus()");
    await s.keys(KEY.enter);
    await s.waitFor("main.detail-open");
    await s.waitFor(".detail h2");
    const shown = await s.script<string[]>(
      "return ['.middle', '.detail', '.detail .back-to-list'].map(c => getComputedStyle(document.querySelector(c)).display)",
    );
    expect(shown[0]).toBe("none");
    expect(shown[1]).not.toBe("none");
    expect(shown[2]).not.toBe("none");
    await s.keys(ESCAPE);
    await waitFor(async () => (await s.findAll("main.detail-open")).length === 0, 5000, "back to the list");
    expect(await s.script<string>("return getComputedStyle(document.querySelector('.middle')).display")).not.toBe("none");
    await s.cmd("POST", "/window/rect", { width: 1280, height: 800 });
  });
});
