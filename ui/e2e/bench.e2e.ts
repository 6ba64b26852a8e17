// Benchmark (run on demand: TSUNAGU_E2E_BENCH=1 bash scripts/e2e.sh): app start to first results
// on screen, and keystroke to updated results, with the bundled data and with 100,000 synthetic
// records. Timings come from the page itself (performance.now() at the input event and at the
// frame after the results are drawn), so WebDriver's own latency is not counted in them.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, launch, waitFor, workdir } from "./driver";

const QUERIES = ["だるく", "かぞく", "ibaraki", "精神保健", "東淀川", "女性", "家族会", "こころ", "sakai", "相談"];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function measure(rows: number | null) {
  const w = workdir();
  if (rows !== null) {
    const csv = join(w.dir, "synthetic.csv");
    execFileSync(CLI, ["bench", "dataset", "--rows", String(rows), "-o", csv]);
    execFileSync(CLI, ["--db", w.db, "import", csv]);
  }
  const app = await launch(w);
  try {
    const s = app.session;
    await s.waitFor(".results .hit", 120_000);
    const wallStart = performance.now() - app.startedAt;
    const html = await s.find("html");
    // Set in the frame after the first results are drawn.
    const pageFirst = Number(await waitFor(() => html.attr("data-first-results-ms"), 10_000, "first results timing"));
    const box = await s.find("input.search");
    const keystrokes: number[] = [];
    for (const q of QUERIES) {
      await box.clear();
      for (const ch of q) {
        const before = Number((await html.attr("data-searches")) ?? 0);
        await box.type(ch);
        await waitFor(async () => Number((await html.attr("data-searches")) ?? 0) > before, 10_000, "search");
        keystrokes.push(Number(await html.attr("data-keystroke-ms")));
      }
    }
    return {
      rows: rows ?? "bundled",
      start_to_first_results_ms: Math.round(wallStart),
      page_load_to_first_results_ms: pageFirst,
      keystroke_ms: {
        n: keystrokes.length,
        p50: quantile(keystrokes, 0.5),
        p90: quantile(keystrokes, 0.9),
        p99: quantile(keystrokes, 0.99),
        max: Math.max(...keystrokes),
        all: keystrokes,
      },
    };
  } finally {
    await app.close();
  }
}

describe.skipIf(!process.env.TSUNAGU_E2E_BENCH)("desktop benchmark", () => {
  it("measures start and keystroke latency", async () => {
    const results = [await measure(null), await measure(Number(process.env.TSUNAGU_E2E_BENCH_ROWS ?? 100_000))];
    mkdirSync(join(ROOT, "target"), { recursive: true });
    writeFileSync(join(ROOT, "target/desktop-bench.json"), JSON.stringify(results, null, 2));
    console.log(JSON.stringify(results, null, 2));
    expect(results.every((r) => r.keystroke_ms.n > 0)).toBe(true);
  }, 900_000);
});
