// A dataset whose text carries markup, script and javascript: links: the app shows it as plain
// text, runs nothing and opens nothing. Its cells also hide U+202E (right-to-left override),
// U+200B (zero-width space) and U+2066 (left-to-right isolate), which the core removes at import:
// none of them reaches the page.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type Harness, ROOT, launch, waitFor, workdir } from "./driver";

let app: Harness;

/** The invisible characters the fixture hides in names and descriptions. */
const INVISIBLE = ["\u202E", "\u200B", "\u2066"];

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

    // The names as written without the invisible characters hidden in them.
    expect(names).toContain("<script>window.__pwned=1</script>相談室");
    expect(names).toContain('<img src=x onerror="window.__pwned=4">家族教室');
    const first = (await s.findAll(".results .hit")).find((_, i) => names[i].includes("相談室"))!;
    await first.click();
    await waitFor(async () => (await (await s.find(".detail h2")).text()).includes("相談室"), 5000, "the first detail");
    expect(await (await s.find(".detail")).text()).toContain("説明に画像タグ");
    // Every text and attribute the app drew.
    const drawn = await s.script<string>(
      "const app = document.getElementById('app');" +
        "return [app.textContent, ...[...app.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.value))].join('\\n')",
    );
    expect(drawn).toContain("相談室");
    for (const c of INVISIBLE) expect(drawn.includes(c), `U+${c.codePointAt(0)!.toString(16).toUpperCase()} on the page`).toBe(false);

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
