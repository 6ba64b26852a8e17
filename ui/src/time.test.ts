import { describe, expect, it } from "vitest";
import { addDays, jstDate, jstDateTime, jstToday } from "./time";

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

  it("says which day it is in Japan, and counts days across months and years", () => {
    expect(jstToday(new Date("2026-03-20T14:59:00Z"))).toBe("2026-03-20");
    expect(jstToday(new Date("2026-03-20T15:00:00Z"))).toBe("2026-03-21");
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2028-02-20", 14)).toBe("2028-03-05");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("不明", 14)).toBe("不明");
  });
});
