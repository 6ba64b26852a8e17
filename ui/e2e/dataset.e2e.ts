// Taking a republished dataset from the データ screen: the publisher's signature is verified
// (minisign, with the key configured beside the catalogue), the difference is shown before
// anything changes (a changed phone starred), applying it changes what the search finds, and
// 前の版に戻す returns to the edition before.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type Harness, ROOT, answered, launch, settled, waitFor, workdir } from "./driver";

const OLD_PHONE = "06-6922-3475"; // 大阪市こころの健康センター
const NEW_PHONE = "06-6922-9999";
const REMOVED = "kansai-drug-family-association";
const ADDED = "みなみ家族教室";

let app: Harness;

/** The bundled edition as exported, with one phone changed, one resource removed, one added. */
function secondEdition(dir: string): string {
  const v1 = join(dir, "v1.csv");
  execFileSync(CLI, ["--db", join(dir, "export.sqlite3"), "export", "-o", v1]);
  const lines = readFileSync(v1, "utf8").trimEnd().split("\n");
  // The export starts with a byte-order mark, for spreadsheet programs.
  const header = lines[0].replace(/^\uFEFF/, "").split(",");
  const added = header.map((h) =>
    h === "ID" ? "new-family-class" : h === "名称" ? ADDED : h === "名称_カナ" ? "ミナミカゾクキョウシツ" : h === "種別" ? "家族教室" : "",
  );
  const rows = lines
    .filter((l) => !l.startsWith(`${REMOVED},`))
    .map((l) => l.replace(OLD_PHONE, NEW_PHONE))
    .concat(added.join(","));
  const file = join(dir, "新しい版.csv");
  writeFileSync(file, `${rows.join("\n")}\n`);
  return file;
}

beforeAll(async () => {
  const w = workdir();
  const file = secondEdition(w.dir);
  // The publisher signs its edition; the counsellor's copy knows the publisher's key.
  execFileSync("minisign", ["-G", "-W", "-p", join(w.dir, "publisher.pub"), "-s", join(w.dir, "publisher.key")]);
  execFileSync("minisign", ["-S", "-s", join(w.dir, "publisher.key"), "-m", file]);
  // The file the native dialog would return (it cannot be driven over WebDriver).
  app = await launch(w, { TSUNAGU_IMPORT_FILE: file });
});

afterAll(async () => {
  await app?.close();
});

async function topName(query: string): Promise<string> {
  const s = app.session;
  await (await s.find('.tab[data-view="search"]')).click();
  const box = await s.waitFor("input.search");
  const before = await answered(s);
  await box.clear();
  await box.type(query);
  await settled(s, before, `results for ${query}`);
  return s.script<string>("return document.querySelector('.results .hit .name')?.textContent ?? ''");
}

describe("the dataset screen", () => {
  it("verifies the signature, previews the difference, applies it and rolls it back", async () => {
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
    expect(text).toContain("追加 1 件・削除 1 件・変更 1 件");
    expect(text).toContain("★電話番号が変わります");
    expect(text).toContain(`${OLD_PHONE} → ${NEW_PHONE}`);
    await s.screenshot(join(ROOT, "docs/screenshots/dataset.png"));
    // Nothing has changed yet: the search still lists the old catalogue.
    await (await s.find('.tab[data-view="search"]')).click();
    expect(await (await s.waitFor(".status")).text()).toBe(before);
    expect(await topName(ADDED)).not.toBe(ADDED);

    await (await s.find('.tab[data-view="dataset"]')).click();
    // The preview is gone from the redrawn screen; choose again and apply.
    await (await s.waitFor(".dataset button.primary")).click();
    await (await s.waitFor(".preview button.primary", 30_000)).click();
    const done = await s.waitFor(".dataset .done", 60_000);
    expect(await done.text()).toContain("更新しました（追加 1 件・削除 1 件・変更 1 件）");
    await waitFor(async () => (await topName(ADDED)) === ADDED, 10_000, "the new resource found");

    // Back to the bundled edition: the button names it and asks once more before it acts.
    await (await s.find('.tab[data-view="dataset"]')).click();
    const back = await s.waitFor(".dataset button.rollback");
    const bundled = JSON.parse(readFileSync(join(ROOT, "data/dataset.json"), "utf8")).edition;
    expect(await back.text()).toContain(`前の版（${bundled}）に戻す`);
    await back.click();
    await (await s.find(".dataset button.rollback")).click();
    const undone = await s.waitFor(".dataset .done", 60_000);
    expect(await undone.text()).toContain("前の版に戻しました");
    expect(await topName(ADDED)).not.toBe(ADDED);
  });
});
