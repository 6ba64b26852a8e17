// A dataset whose text carries markup, script and javascript: links: the app shows it as plain
// text, runs nothing and opens nothing.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type Harness, ROOT, launch, workdir } from "./driver";

let app: Harness;

beforeAll(async () => {
  const w = workdir();
  execFileSync(CLI, ["--db", w.db, "import", join(ROOT, "tests/fixtures/hostile-ui.csv")], { stdio: "inherit" });
  app = await launch(w);
});

afterAll(async () => {
  await app?.close();
});

describe("a hostile dataset", () => {
  it("is shown as text and runs nothing", async () => {
    const s = app.session;
    await s.waitFor(".results .hit", 30_000);
    const names = await Promise.all((await s.findAll(".results .hit .name")).map((e) => e.text()));
    expect(names.some((n) => n.includes("<script>"))).toBe(true);
    expect(names.some((n) => n.includes("<img src=x onerror="))).toBe(true);
    for (const hit of await s.findAll(".results .hit")) {
      await hit.click();
      await s.waitFor(".detail h2");
    }
    const detail = await (await s.find(".detail")).text();
    expect(detail).toContain("javascript:");
    const injected = await s.script<number>(
      "return document.querySelectorAll('#app img, #app script, #app iframe, #app svg, #app object').length",
    );
    expect(injected).toBe(0);
    expect(await s.script<unknown>("return window.__pwned ?? null")).toBeNull();
    // Every link the app drew is one of the four schemes.
    const hrefs = await s.script<string[]>("return [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))");
    for (const href of hrefs) expect(href).toMatch(/^(https?:|tel:|mailto:)/);
    await s.screenshot(join(ROOT, "docs/screenshots/hostile.png"));
  });
});
