import { describe, expect, it } from "vitest";
import { dayNumber, timeScale } from "./pain-chart-scale";

describe("pain chart time scale", () => {
  it("places visits by their dates: 10 months apart is far wider than 4 days", () => {
    const dates = ["2025-01-06", "2025-01-10", "2025-11-06"];
    const s = timeScale(dates, 0, 1000);
    const [a, b, c] = dates.map(s.x);
    expect(a).toBe(0);
    expect(c).toBe(1000);
    // 4 days out of 304: about 13 units, not the 500 an evenly spaced chart would give
    expect(b! - a!).toBeCloseTo((1000 * 4) / 304, 5);
    expect((c! - b!) / (b! - a!)).toBeCloseTo(300 / 4, 5);
  });

  it("labels ticks spread evenly in time, first and last date included", () => {
    const s = timeScale(["2025-01-01", "2025-11-01"], 48, 616, 6);
    expect(s.ticks[0]).toBe("2025-01-01");
    expect(s.ticks.at(-1)).toBe("2025-11-01");
    expect(s.ticks).toHaveLength(6);
    const gaps = s.ticks.slice(1).map((t, i) => dayNumber(t) - dayNumber(s.ticks[i]!));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    expect(timeScale(["2025-01-01", "2025-01-03"], 0, 100).ticks).toEqual(["2025-01-01", "2025-01-02", "2025-01-03"]);
  });

  it("puts one day alone in the middle", () => {
    const s = timeScale(["2025-03-10", "2025-03-10"], 0, 100);
    expect(s.x("2025-03-10")).toBe(50);
    expect(s.ticks).toEqual(["2025-03-10"]);
  });
});
