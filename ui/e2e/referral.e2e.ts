// The referral log in the real app window: two resources go into the basket, the sheet is saved
// and the referral recorded with a follow-up today; started again on the same catalogue, the app
// opens on 紹介の記録 with that case due, つながった is recorded from its row, and the case's
// history shows it.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jstToday } from "../src/time";
import { type Harness, ROOT, clickHit, launch, waitFor, workdir } from "./driver";

const SHOTS = join(ROOT, "docs/screenshots");
const CASE = "K-2026-001";
const ESCAPE = "\uE00C";
/** One catalogue and export folder for both runs of the app. */
const w = workdir();
let app: Harness;
/** The names of the resources referred to, as the detail showed them. */
const chosen: string[] = [];

beforeAll(async () => {
  app = await launch(w);
});

afterAll(async () => {
  await app?.close();
});

async function toastSays(text: string, timeoutMs = 10_000): Promise<void> {
  const toast = await app.session.find(".toast");
  await waitFor(async () => (await toast.text()).includes(text), timeoutMs, `toast「${text}」`);
}

async function tabText(view: string): Promise<string> {
  return (await app.session.find(`.tab[data-view="${view}"]`)).text();
}

/** Opens the `i`th result and puts it into the basket; returns its name. */
async function addHit(i: number): Promise<string> {
  const s = app.session;
  const before = chosen.length > 0 ? await (await s.find(".detail h2")).text() : "";
  // The rows are drawn again after each addition: find them afresh.
  await clickHit(s, i);
  const title = await waitFor(async () => {
    const t = await (await s.find(".detail h2")).text();
    return t !== "" && t !== before ? t : null;
  }, 10_000, `detail ${i}`);
  await (await s.find(".detail .actions button.primary")).click();
  return title;
}

describe("the referral log", () => {
  it("opens on the search while nothing is due", async () => {
    await app.session.waitFor(".results .hit", 30_000);
    expect(await (await app.session.find('.tab[data-view="search"]')).attr("aria-selected")).toBe("true");
    expect(await tabText("referrals")).toBe("紹介の記録");
  });

  it("records the referral in one step once the sheet is saved", async () => {
    const s = app.session;
    chosen.push(await addHit(0));
    chosen.push(await addHit(1));
    expect(await tabText("basket")).toContain("（2）");

    await (await s.find('.tab[data-view="basket"]')).click();
    await s.waitFor(".basket-items");
    await (await s.find(".basket .actions button.primary")).click();
    await toastSays("保存しました", 30_000);
    expect(readdirSync(app.exports).filter((f) => f.endsWith(".pdf"))).toHaveLength(1);

    const form = await s.waitFor(".log-referral");
    expect(await form.text()).toContain(chosen.join("、"));
    const code = await form.find('[name="case_code"]');
    // What looks like a name is flagged as it is typed (the core's check).
    await code.type("山田太郎");
    const concerns = await form.find(".concerns");
    await waitFor(async () => (await concerns.text()).includes("名前"), 5000, "a concern about a name");
    await code.clear();
    await code.type(CASE);
    await waitFor(async () => (await concerns.text()) === "", 5000, "no concern");
    await (await form.find('[name="consent"]')).click();
    // A follow-up today, so that it is due at the next start (a date field is set, not typed).
    const today = jstToday();
    const set = await s.script<string>(
      "const i = document.querySelector('.log-referral [name=\"follow_up\"]');" +
        "i.value = arguments[0]; i.dispatchEvent(new Event('change', { bubbles: true })); return i.value;",
      [today],
    );
    expect(set).toBe(today);
    await (await form.find("button.primary")).click();
    await toastSays(`紹介を記録しました（ケース ${CASE}）`);
    await waitFor(async () => (await tabText("referrals")) === "紹介の記録（1）", 5000, "the due count on the tab");
  });

  it("opens on 紹介の記録 when started again, with the case due", async () => {
    await app.close();
    app = await launch(w);
    const s = app.session;
    await s.waitFor('.tab[data-view="referrals"][aria-selected="true"]', 30_000);
    const row = await s.waitFor(".due-list li");
    const text = await row.text();
    expect(text).toContain(CASE);
    for (const name of chosen) expect(text).toContain(name);
    expect(text).toContain("紹介済み");
    expect(text).not.toContain("期限を過ぎています");
    expect(await tabText("referrals")).toBe("紹介の記録（1）");
    expect(await (await s.find(".referrals .privacy")).text()).toContain("このパソコンの中だけ");
    // The search box stays in the header.
    await s.find("header input.search");
    await s.screenshot(join(SHOTS, "referrals.png"));
  });

  it("records つながった from the row, and the case's history shows it", async () => {
    const s = app.session;
    await (await s.find('.due-list li button[data-status="つながった"]')).click();
    await toastSays("「つながった」を記録しました");
    await waitFor(async () => (await s.findAll(".due-list li")).length === 0, 5000, "nothing due");
    expect(await tabText("referrals")).toBe("紹介の記録");

    await (await s.find(".all-referrals .case-code")).click();
    const history = await s.waitFor(".case-history");
    expect(await (await history.find("h2")).text()).toBe(`ケース ${CASE}`);
    const updates = await Promise.all((await history.findAll(".updates li")).map((li) => li.text()));
    expect(updates).toHaveLength(2);
    expect(updates[0]).toContain("紹介済み");
    expect(updates[1]).toBe(`${jstToday()} つながった`);

    // Esc goes back to the lists; typing in the search box goes to the search.
    await s.keys(ESCAPE);
    await waitFor(async () => (await s.findAll(".case-history")).length === 0, 5000, "back to the lists");
    await s.waitFor(".all-referrals");
    const box = await s.find("input.search");
    await box.click();
    await box.type("だるく");
    await s.waitFor("main.view-search .results .hit", 10_000);
  });
});
