// The data loop's views: a correction recorded from the detail (and shown on it), and the
// coverage table with its gaps first.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Correction } from "./bindings/Correction";
import type { Coverage } from "./bindings/Coverage";
import { detailFixture } from "./records.fixture";
import { correctionsSection, coverageSection } from "./views/workbench";

afterEach(() => clearMocks());

const correction: Correction = {
  uid: "ab12", resource_id: "darc-1", resource_name: "大阪ダルク", field: "電話番号", value: "06-0000-0000",
  current: null, note: "電話したら別の番号だった", edition: "2026-12", origin: null, created_at: "2026-12-04T00:00:00Z",
};

describe("corrections", () => {
  it("shows corrections waiting for the publisher and records a new one", async () => {
    const calls: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "add_correction") {
        calls.push(args as Record<string, unknown>);
        return correction;
      }
    });
    const said: string[] = [];
    let reloaded = false;
    const d = { ...detailFixture("darc-1", "大阪ダルク"), corrections: [correction] };
    const el = correctionsSection(d, (m) => said.push(m), () => (reloaded = true));
    document.body.replaceChildren(el);
    expect(el.textContent).toContain("電話番号: （記載なし） → 06-0000-0000（電話したら別の番号だった）");
    const [value, note] = el.querySelectorAll("input");
    value.value = "大阪市北区1-1";
    note.value = "移転の貼り紙";
    el.querySelector("select")!.value = "住所";
    el.querySelector("button")!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls[0]).toMatchObject({ id: "darc-1", field: "住所", value: "大阪市北区1-1", note: "移転の貼り紙" });
    expect(reloaded).toBe(true);
    expect(said[0]).toContain("訂正を記録しました");
  });

  it("says why a correction was refused", async () => {
    mockIPC((cmd) => {
      if (cmd === "add_correction") throw { code: "invalid", message: "訂正: 電話番号: 電話番号「abc」に使えない文字" };
    });
    const el = correctionsSection(detailFixture("darc-1", "大阪ダルク"), () => {}, () => {});
    document.body.replaceChildren(el);
    el.querySelector("button")!.click();
    await new Promise((r) => setTimeout(r, 0));
    const alert = el.querySelector<HTMLElement>("[role=alert]")!;
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toContain("使えない文字");
  });
});

describe("coverage", () => {
  it("counts covered places and lists gaps with their windows", () => {
    const c: Coverage = {
      municipalities_covered: 24, municipalities: 43, wards_covered: 5, wards: 31,
      rows: [
        { place: "堺市北区", windows: [{ id: "sakai-hc-kita", name: "堺市 北区の保健センター", phone: false, own: true, days_since_confirmed: null }], with_phone: 0, covered: false, wide_with_phone: 6, gap: "電話番号なし" },
        { place: "熊取町", windows: [{ id: "i", name: "大阪府泉佐野保健所", phone: true, own: true, days_since_confirmed: 30 }], with_phone: 1, covered: true, wide_with_phone: 6, gap: "" },
      ],
    };
    const el = coverageSection(c);
    expect(el.textContent).toContain("市町村 24 / 43");
    expect(el.textContent).toContain("空白の 1 か所");
    const rows = [...el.querySelectorAll("tbody tr")];
    expect(rows[0].classList.contains("gap")).toBe(true);
    expect(rows[0].textContent).toContain("堺市 北区の保健センター（電話なし・未確認）");
    expect(rows[1].textContent).toContain("30日前に確認");
  });
});
