import { describe, expect, it } from "vitest";
import { birthDateCandidates, searchTerms } from "./birth-date-query";

const TODAY = new Date("2026-12-07T10:00:00Z");
const dates = (text: string) => birthDateCandidates(text, TODAY);

describe("birthDateCandidates", () => {
  it.each([
    ["1978-12-06", ["1978-12-06"]],
    ["1978/12/06", ["1978-12-06"]],
    ["1978.12.6", ["1978-12-06"]],
    ["19781206", ["1978-12-06"]],
    ["6 Dec 1978", ["1978-12-06"]],
    ["06 dec 1978", ["1978-12-06"]],
    ["6 December 1978", ["1978-12-06"]],
    ["6th December 1978", ["1978-12-06"]],
    ["6-DEC-1978", ["1978-12-06"]],
    ["6Dec1978", ["1978-12-06"]],
    ["Dec 6 1978", ["1978-12-06"]],
    ["December 6, 1978", ["1978-12-06"]],
    ["6 Sept 1978", ["1978-09-06"]],
    ["6 Dec 78", ["1978-12-06"]],
    ["  6   Dec   1978 ", ["1978-12-06"]],
  ])("%s is one date", (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it("tries day-month-year and month-day-year when both are real dates", () => {
    expect(dates("6/12/1978")).toEqual(["1978-06-12", "1978-12-06"]);
    expect(dates("12/6/1978")).toEqual(["1978-06-12", "1978-12-06"]);
    expect(dates("06.12.1978")).toEqual(["1978-06-12", "1978-12-06"]);
    expect(dates("06-12-1978")).toEqual(["1978-06-12", "1978-12-06"]);
    // The same reading twice is one candidate.
    expect(dates("6/6/1978")).toEqual(["1978-06-06"]);
  });

  it("keeps only the reading that is a real date", () => {
    expect(dates("13/12/1978")).toEqual(["1978-12-13"]); // no month 13
    expect(dates("12/13/1978")).toEqual(["1978-12-13"]);
    expect(dates("31/4/1978")).toEqual([]); // 31 April does not exist, nor month 31
    expect(dates("29/2/2000")).toEqual(["2000-02-29"]);
    expect(dates("29/2/1900")).toEqual([]);
  });

  it("reads a two-digit year as the latest such year that is not in the future", () => {
    expect(dates("6/12/78")).toEqual(["1978-06-12", "1978-12-06"]);
    expect(dates("13/1/05")).toEqual(["2005-01-13"]);
    expect(dates("13/1/26")).toEqual(["2026-01-13"]);
    expect(dates("13/1/27")).toEqual(["1927-01-13"]);
  });

  it.each(["", "garcia", "MRN-100001", "100001", "1978", "12/1978", "1978-13-01", "1978-02-30", "1899-12-31", "2027-01-01", "32 Dec 1978", "6 Foo 1978", "6 de 1978", "197812061"])(
    "%s is not a date of birth",
    (text) => {
      expect(dates(text)).toEqual([]);
    },
  );
});

describe("searchTerms", () => {
  it("keeps a date written with spaces as one term, matched by the date only", () => {
    expect(searchTerms("garcia 6 Dec 1978", TODAY)).toEqual([
      { text: "garcia", dates: [], dateOnly: false },
      { text: "6 Dec 1978", dates: ["1978-12-06"], dateOnly: true },
    ]);
    expect(searchTerms("December 6, 1978", TODAY)).toEqual([{ text: "December 6 1978", dates: ["1978-12-06"], dateOnly: true }]);
  });

  it("gives a one-word date its readings and keeps it as text too", () => {
    expect(searchTerms("maria 12/6/1978", TODAY)).toEqual([
      { text: "maria", dates: [], dateOnly: false },
      { text: "12/6/1978", dates: ["1978-06-12", "1978-12-06"], dateOnly: false },
    ]);
  });

  it("splits on spaces and commas, and keeps at most five terms", () => {
    expect(searchTerms("Garcia, Maria", TODAY).map((t) => t.text)).toEqual(["Garcia", "Maria"]);
    expect(searchTerms("a b c d e f g", TODAY).map((t) => t.text)).toEqual(["a", "b", "c", "d", "e"]);
    expect(searchTerms("   ", TODAY)).toEqual([]);
  });
});
