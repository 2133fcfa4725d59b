import { describe, expect, it } from "vitest";
import { formatWaiting, waitingInWords } from "./queue-waiting";

const SUBMITTED = "2026-12-07T08:00:00.000Z";
const after = (ms: number) => Date.parse(SUBMITTED) + ms;
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe("the queue's Waiting column", () => {
  it.each([
    [0, "under 1 min"],
    [59_999, "under 1 min"],
    [-5 * MIN, "under 1 min"],
    [MIN, "1 min"],
    [59 * MIN + 59_999, "59 min"],
    [H, "1 h"],
    [2 * H + 10 * MIN, "2 h 10 min"],
    [2 * H + 10 * MIN + 59_999, "2 h 10 min"],
    [23 * H + 59 * MIN, "23 h 59 min"],
    [D, "1 d"],
    [D + 59 * MIN, "1 d"],
    [3 * D + 4 * H + 30 * MIN, "3 d 4 h"],
    [40 * D + 1 * H, "40 d 1 h"],
  ])("after %d ms reads %s", (ms, text) => {
    expect(formatWaiting(SUBMITTED, after(ms))).toBe(text);
  });

  it("is null for a time it cannot read", () => {
    expect(formatWaiting("not a time", after(0))).toBeNull();
    expect(formatWaiting(SUBMITTED, Number.NaN)).toBeNull();
  });

  it("has a spelt-out form for screen readers", () => {
    expect(waitingInWords("2 h 10 min")).toBe("2 hours 10 minutes");
    expect(waitingInWords("1 d 1 h")).toBe("1 day 1 hour");
    expect(waitingInWords("3 d 4 h")).toBe("3 days 4 hours");
    expect(waitingInWords("1 min")).toBe("1 minute");
    expect(waitingInWords("under 1 min")).toBe("under 1 minute");
  });
});
