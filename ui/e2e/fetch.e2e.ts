// 新しい版を確認 on the データ screen, as a counsellor does it: the publisher's signed edition
// (made with `tsunagu publish`) is served on 127.0.0.1; the address is typed and Enter pressed,
// the preview shows the verified signature and the difference, nothing changes until 更新, and
// the address is offered again afterwards. A wrong address says why and changes nothing.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type Harness, KEY, ROOT, launch, workdir } from "./driver";

let app: Harness;
let server: Server;
let base = "";
const asked: string[] = [];

beforeAll(async () => {
  const w = workdir();
  // The publisher: a key, a confirmation recorded, the edition published into a folder.
  const db = join(w.dir, "publisher.sqlite3");
  const env = { ...process.env, TSUNAGU_KEY_PASSWORD: "e2e password", TSUNAGU_DB: db };
  execFileSync(CLI, ["publisher", "keygen", "-o", join(w.dir, "keys")], { env });
  execFileSync(CLI, ["verify", "record", "osaka-city-mhc", "--on", "2026-12-01", "--by", "府地域保健課", "--how", "電話"], { env });
  const published = join(w.dir, "published");
  execFileSync(CLI, ["publish", "--key", join(w.dir, "keys/tsunagu.key"), "-o", published, "--edition", "2027-01"], { env });
  // The counsellor's copy knows the publisher's key (beside the catalogue).
  copyFileSync(join(w.dir, "keys/tsunagu.pub"), join(w.dir, "publisher.pub"));
  server = createServer((req, res) => {
    asked.push(req.url ?? "");
    const name = (req.url ?? "").replace(/^\/tsunagu\//, "");
    try {
      if (!/^[\w.]+$/.test(name)) throw new Error("not here");
      const body = readFileSync(join(published, name));
      res.writeHead(200, { "content-length": body.length });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-length": 0 });
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/tsunagu/`;
  app = await launch(w);
});

afterAll(async () => {
  await app?.close();
  // Idle keep-alive connections would hold the test runner open.
  server?.closeAllConnections();
  server?.close();
});

describe("新しい版を確認", () => {
  it("fetches only when asked, previews the signed edition and applies it", async () => {
    const s = app.session;
    await s.waitFor(".results .hit", 30_000);
    await (await s.find('.tab[data-view="dataset"]')).click();
    const input = await s.waitFor("#edition-url");
    expect(asked).toEqual([]);

    // A wrong address: a clear message, nothing changed.
    await input.click();
    await input.type(`${base}missing/dataset.json`);
    await s.keys(KEY.enter);
    const failed = await s.waitFor(".dataset .done", 30_000);
    expect(await failed.text()).toContain("404");

    const again = await s.waitFor("#edition-url");
    await again.clear();
    await again.type(`${base}dataset.json`);
    await s.keys(KEY.enter);
    const preview = await s.waitFor(".dataset .preview", 30_000);
    const text = await preview.text();
    expect(text).toContain(`${base}dataset.json`);
    expect(text).toContain("発行元の署名を確かめました");
    expect(text).toContain("版 2027-01（");
    expect(text).toContain("変更 1 件");
    expect(text).toContain("2026-12-01");
    await s.screenshot(join(ROOT, "docs/screenshots/fetch.png"));
    // Only the folder named was asked, for the four files of an edition.
    expect([...new Set(asked.filter((a) => !a.includes("missing")))].sort()).toEqual(
      ["dataset.json", "dataset.json.minisig", "resources.csv", "resources.csv.minisig"].map((n) => `/tsunagu/${n}`),
    );

    const apply = (await s.findAll(".dataset .preview button")).at(-1)!;
    expect(await apply.text()).toBe("この版に更新する");
    await apply.click();
    const done = await s.waitFor(".dataset .done", 30_000);
    expect(await done.text()).toContain("更新しました");
    const rows = await (await s.waitFor(".dataset .rows")).text();
    expect(rows).toContain("2027-01");
    // The address the edition came from is offered for the next check.
    expect(await s.script<string>("return document.querySelector('#edition-url').value")).toBe(`${base}dataset.json`);
  });
});
