import { afterEach, describe, expect, it } from "vitest";
import { setClinicDateFormat } from "@/lib/contracts/format";
import { dayHint, dayValueOf, parseDayFirst } from "./day-input";

describe("a typed date's value", () => {
  afterEach(() => setClinicDateFormat("d MMM yyyy"));

  it("is the day it names, in the clinic's format or ISO", () => {
    expect(dayValueOf("6 Dec 2026")).toBe("2026-12-06");
    expect(dayValueOf(" 6 december 2026 ")).toBe("2026-12-06");
    expect(dayValueOf("2026-12-06")).toBe("2026-12-06");
  });

  it("is empty when nothing is typed, and the text itself when it is not a real day (so validation names the field)", () => {
    expect(dayValueOf("   ")).toBe("");
    expect(dayValueOf("31 Feb 2026")).toBe("31 Feb 2026");
    expect(dayValueOf("2026-13-01")).toBe("2026-13-01");
    expect(dayValueOf("06/12/2026"), "a numeric date is not guessed in the default format").toBe("06/12/2026");
  });

  it("reads a numeric date only the way the clinic writes it, and the hint says which way", () => {
    setClinicDateFormat("dd/MM/yyyy");
    expect(dayValueOf("06/12/2026")).toBe("2026-12-06");
    expect(dayHint()).toContain("Day first");
    setClinicDateFormat("MM/dd/yyyy");
    expect(dayValueOf("06/12/2026")).toBe("2026-06-12");
    expect(dayHint()).toContain("Month first");
  });
});

describe("a patient's typed date", () => {
  it("is read day first or ISO, whatever the clinic's format", () => {
    setClinicDateFormat("MM/dd/yyyy");
    expect(parseDayFirst("21/4/1968")).toBe("1968-04-21");
    expect(parseDayFirst("02.03.2026")).toBe("2026-03-02");
    expect(parseDayFirst("2 3 2026")).toBe("2026-03-02");
    expect(parseDayFirst("2026-03-02")).toBe("2026-03-02");
    expect(parseDayFirst("31/2/2026")).toBeNull();
    expect(dayValueOf("21/4/1968", parseDayFirst)).toBe("1968-04-21");
    setClinicDateFormat("d MMM yyyy");
  });
});
