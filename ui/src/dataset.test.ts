// The データ screen's 新しい版を確認: nothing is fetched until the person asks, the address the
// edition in use came from is offered again, a fetched edition is previewed before it is applied,
// and a refusal says why.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { DatasetPreview, DatasetStatus } from "./api";
import { DatasetView } from "./views/dataset";

afterEach(() => clearMocks());

const status = (fetchedFrom: string | null): DatasetStatus => ({
  edition: null,
  count: 97,
  history: [],
  rollback_to: null,
  newer_bundled: null,
  fetched_from: fetchedFrom,
});

const preview: DatasetPreview = {
  file: "https://example.jp/tsunagu/dataset.json",
  edition: "2027-01",
  published: "2027-01-05",
  report: { file: "resources.csv", problems: [], omitted_errors: 0, omitted_warnings: 0 },
  diff: { added: [{ id: "n1", name: "新しい窓口" }], removed: [], changed: [], unchanged: 96 },
  signature: "verified",
} as unknown as DatasetPreview;

const tick = () => new Promise((r) => setTimeout(r, 0));

async function view(calls: string[], fetchedFrom: string | null, fetch: () => unknown): Promise<DatasetView> {
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === "dataset_status") return status(fetchedFrom);
    if (cmd === "coverage") throw { code: "internal", message: "no coverage in this test" };
    if (cmd === "fetch_dataset") return fetch();
  });
  const v = new DatasetView(() => {});
  document.body.replaceChildren(v.el);
  await v.render();
  await tick();
  return v;
}

describe("新しい版を確認", () => {
  it("fetches only when asked, from the address the edition in use came from", async () => {
    const calls: string[] = [];
    let asked: unknown = null;
    const v = await view(calls, "https://example.jp/tsunagu/dataset.json", () => {
      asked = true;
      return preview;
    });
    expect(calls).not.toContain("fetch_dataset");
    const input = v.el.querySelector<HTMLInputElement>("#edition-url")!;
    expect(input.value).toBe("https://example.jp/tsunagu/dataset.json");
    v.el.querySelector<HTMLFormElement>("form.fetch")!.requestSubmit();
    await tick();
    await tick();
    expect(asked).toBe(true);
    expect(v.el.textContent).toContain("発行元の署名を確かめました");
    expect(v.el.textContent).toContain("追加: 新しい窓口");
    expect(v.el.textContent).toContain("版 2027-01（2027-01-05 公開）");
    const apply = [...v.el.querySelectorAll("button")].find((b) => b.textContent === "この版に更新する");
    expect(apply?.disabled).toBe(false);
  });

  it("does nothing with an empty address, and says why a fetch was refused", async () => {
    const calls: string[] = [];
    const v = await view(calls, null, () => {
      throw { code: "network", message: "https://example.jp/x/dataset.json を取得できませんでした: 見つかりません（404）" };
    });
    const form = v.el.querySelector<HTMLFormElement>("form.fetch")!;
    form.requestSubmit();
    await tick();
    expect(calls).not.toContain("fetch_dataset");
    const input = v.el.querySelector<HTMLInputElement>("#edition-url")!;
    input.value = "https://example.jp/x/dataset.json";
    input.dispatchEvent(new Event("input"));
    v.el.querySelector<HTMLFormElement>("form.fetch")!.requestSubmit();
    await tick();
    await tick();
    expect(calls).toContain("fetch_dataset");
    expect(v.el.querySelector(".done")?.textContent).toContain("404");
    // The address typed stays in the box for a second try.
    expect(v.el.querySelector<HTMLInputElement>("#edition-url")!.value).toBe("https://example.jp/x/dataset.json");
  });
});
