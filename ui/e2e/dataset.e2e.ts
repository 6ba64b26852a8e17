// Taking a republished dataset from the データ screen: the publisher's signature is verified
// (minisign, with the key configured beside the catalogue), the difference is shown before
// anything changes, applying it replaces the catalogue the search sees, and 前の版に戻す returns.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type Harness, ROOT, launch, waitFor, workdir } from "./driver";

let app: Harness;

beforeAll(async () => {
  const w = workdir();
  const file = join(w.dir, "新しい版.csv");
  execFileSync(CLI, ["bench", "dataset", "--rows", "30", "-o", file]);
  // The publisher signs its edition; the counsellor's copy knows the publisher's key.
  execFileSync("minisign", ["-G", "-W", "-p", join(w.dir, "publisher.pub"), "-s", join(w.dir, "publisher.key")]);
  execFileSync("minisign", ["-S", "-s", join(w.dir, "publisher.key"), "-m", file]);
  // The file the native dialog would return (it cannot be driven over WebDriver).
  app = await launch(w, { TSUNAGU_IMPORT_FILE: file });
});

afterAll(async () => {
  await app?.close();
});

describe("the dataset screen", () => {
  it("previews the difference, then applies it", async () => {
    const s = app.session;
    await s.waitFor(".results .hit", 30_000);
    const before = await (await s.find(".status")).text();
    await (await s.find('.tab[data-view="dataset"]')).click();
    const rows = await s.waitFor(".dataset .rows");
    expect(await rows.text()).toMatch(/件数\s*\d+ 件/);
    await (await s.find(".dataset button.primary")).click();
    const preview = await s.waitFor(".dataset .preview", 30_000);
    const text = await preview.text();
    expect(text).toContain("発行元の署名を確かめました");
    expect(text).toContain("追加 30 件");
    expect(text).toMatch(/削除 \d+ 件/);
    await s.screenshot(join(ROOT, "docs/screenshots/dataset.png"));
    // Nothing has changed yet: the search still lists the old catalogue.
    await (await s.find('.tab[data-view="search"]')).click();
    expect(await (await s.waitFor(".status")).text()).toBe(before);
    await (await s.find('.tab[data-view="dataset"]')).click();
    // The preview is gone from the redrawn screen; choose again and apply.
    await (await s.waitFor(".dataset button.primary")).click();
    await (await s.waitFor(".preview button.primary", 30_000)).click();
    const done = await s.waitFor(".dataset .done", 60_000);
    expect(await done.text()).toContain("更新しました（追加 30 件");
    await (await s.find('.tab[data-view="search"]')).click();
    await waitFor(async () => (await (await s.find(".status")).text()).includes("すべての相談先 30 件"), 10_000, "new catalogue listed");

    // Back to the bundled edition: the button asks once more before it acts.
    await (await s.find('.tab[data-view="dataset"]')).click();
    const back = await s.waitFor(".dataset button.rollback");
    const bundled = JSON.parse(readFileSync(join(ROOT, "data/dataset.json"), "utf8")).edition;
    expect(await back.text()).toContain(`前の版（${bundled}）に戻す`);
    await back.click();
    await (await s.find(".dataset button.rollback")).click();
    const undone = await s.waitFor(".dataset .done", 60_000);
    expect(await undone.text()).toContain("前の版に戻しました");
    await (await s.find('.tab[data-view="search"]')).click();
    await waitFor(async () => (await (await s.find(".status")).text()) === before, 10_000, "bundled catalogue listed again");
  });
});
