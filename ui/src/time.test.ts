import { describe, expect, it } from "vitest";
import { jstDate, jstDateTime } from "./time";

describe("times in Japan", () => {
  it("shows a UTC instant on Japan's clock, on the next day when it is past 15:00 UTC", () => {
    expect(jstDateTime("2026-12-04T23:30:00Z")).toBe("2026-12-05 08:30");
    expect(jstDate("2026-12-04T23:30:00Z")).toBe("2026-12-05");
    expect(jstDateTime("2026-12-04T14:59:00Z")).toBe("2026-12-04 23:59");
  });

  it("reads an offset and fractional seconds", () => {
    expect(jstDateTime("2026-12-31T15:00:00.123456+00:00")).toBe("2027-01-01 00:00");
    expect(jstDateTime("2026-06-01T08:30:00.5+09:00")).toBe("2026-06-01 08:30");
    expect(jstDate("2026-02-28T20:00:00.000+00:00")).toBe("2026-03-01");
  });

  it("leaves text that is not a date as it is", () => {
    expect(jstDateTime("不明")).toBe("不明");
    expect(jstDate("")).toBe("");
  });
});
