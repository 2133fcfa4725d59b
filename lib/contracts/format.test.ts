import { afterEach, describe, expect, it } from "vitest";
import { clinicDateFormat, DATE_FORMAT_EXAMPLES, DATE_FORMATS, formatDateTime, formatDay, parseClinicDay, setClinicDateFormat } from "./format";

afterEach(() => setClinicDateFormat("d MMM yyyy"));

describe("the clinic's date format", () => {
  it("writes 6 Dec 2026 by default, and each setting as its example says", () => {
    expect(clinicDateFormat()).toBe("d MMM yyyy");
    expect(formatDay("2026-12-06")).toBe("6 Dec 2026");
    for (const f of DATE_FORMATS) expect(formatDay("2026-12-06", f)).toBe(DATE_FORMAT_EXAMPLES[f]);
  });

  it("follows the setting everywhere once set, times included, in the clinic's time zone", () => {
    setClinicDateFormat("dd/MM/yyyy");
    expect(formatDay("1978-04-16")).toBe("16/04/1978");
    // 23:30 UTC on 6 Dec is 7 Dec in Sydney
    expect(formatDateTime("2026-12-06T23:30:00Z", "Australia/Sydney")).toBe("07/12/2026, 10:30");
    expect(formatDateTime("2026-12-06T23:30:00Z", "Europe/London")).toBe("06/12/2026, 23:30");
  });

  it("shows what it cannot read as given, and never a day that does not exist", () => {
    expect(formatDay("not a date")).toBe("not a date");
    expect(formatDay("2026-02-30")).toBe("2026-02-30");
  });
});

describe("typed dates", () => {
  it("reads ISO and the written-out month whatever the setting", () => {
    for (const f of DATE_FORMATS) {
      expect(parseClinicDay("2026-12-06", f)).toBe("2026-12-06");
      expect(parseClinicDay("6 Dec 2026", f)).toBe("2026-12-06");
      expect(parseClinicDay("6 December 2026", f)).toBe("2026-12-06");
      expect(parseClinicDay(" 16 apr 1978 ", f)).toBe("1978-04-16");
    }
  });

  it("reads a numeric date only the way the clinic writes it", () => {
    expect(parseClinicDay("06/12/2026", "dd/MM/yyyy")).toBe("2026-12-06");
    expect(parseClinicDay("06/12/2026", "MM/dd/yyyy")).toBe("2026-06-12");
    expect(parseClinicDay("6.12.2026", "dd/MM/yyyy")).toBe("2026-12-06");
    expect(parseClinicDay("06/12/2026", "d MMM yyyy")).toBeNull();
    expect(parseClinicDay("13/25/2026", "MM/dd/yyyy")).toBeNull();
  });

  it("refuses days that do not exist and words that are not months", () => {
    expect(parseClinicDay("2026-02-29")).toBeNull();
    expect(parseClinicDay("2024-02-29")).toBe("2024-02-29");
    expect(parseClinicDay("31 Jun 2026")).toBeNull();
    expect(parseClinicDay("6 Decimal 2026")).toBeNull();
    expect(parseClinicDay("")).toBeNull();
  });
});
