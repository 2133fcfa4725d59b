import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv";
import { queueCsvColumns, queueCsvHeader, queueCsvLine, type TQueueExportRow } from "./queue-csv";

const parseAll = (text: string) => parse(text, { relaxQuotes: false, relaxColumnCount: false }) as string[][];
/** What a cell reads as once parsed: a ' before every formula character that starts the cell or a part of it. */
const neutral = (s: string) => s.replace(/(?<=^|[,;\t\r\n])( *)(?=[=+\-@\t\r])/g, "$1'");
/** Every part a spreadsheet might split the cell into (comma, semicolon or tab locale; a line break). */
const parts = (s: string) => s.split(/[,;\t\r\n]/).map((p) => p.trimStart());

describe("CSV cells (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r\nlf", '"cr\r\nlf"'],
    ["Παπαδοπούλου 王小明 محمد", "Παπαδοπούλου 王小明 محمد"],
    ["", ""],
  ])("%j is written as %j", (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it.each(["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x","y")'])("neutralises the formula %j", (value) => {
    const cell = csvField(value);
    expect(parseAll(`${cell}\r\n`)[0]![0]).toBe(`'${value}`);
  });

  it.each([
    ["Pentest;=1+1", '"Pentest;\'=1+1"'],
    ["a,=1+1", '"a,\'=1+1"'],
    ["a\t=1+1", '"a\t\'=1+1"'],
    ["a; @SUM(A1)", '"a; \'@SUM(A1)"'],
    ["x;+1;-1", '"x;\'+1;\'-1"'],
    ["two\n=1", '"two\n\'=1"'],
    ["\t=1", '"\'\t\'=1"'],
    ["\r=1", '"\'\r\'=1"'],
    ["Garcia; Ruiz", '"Garcia; Ruiz"'],
    ["tab\there", '"tab\there"'],
  ])("quotes a cell with a delimiter of any locale and neutralises a formula after it: %j is written as %j", (value, written) => {
    expect(csvField(value)).toBe(written);
    const read = parseAll(`${csvField(value)}\r\n`)[0]![0]!;
    expect(read).toBe(neutral(value));
    // Split the way a semicolon- or tab-locale spreadsheet (or one ignoring the quotes) would: no part runs.
    for (const part of parts(written)) expect(part, JSON.stringify(part)).not.toMatch(/^"?[=+\-@]/);
  });

  it("leaves no part of a cell starting a formula, whatever the delimiter a spreadsheet splits on", () => {
    const char = fc.constantFrom("a", "1", " ", ",", ";", "\t", "\r", "\n", "=", "+", "-", "@", "é", "'");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }).map((c) => c.join("")), (value) => {
        const written = csvField(value);
        expect(parseAll(`${written}\r\n`)[0]![0]).toBe(neutral(value));
        for (const part of parts(written)) expect(part).not.toMatch(/^"?[=+\-@]/);
      }),
      { numRuns: 500 },
    );
  });

  it("writes numbers as numbers (a negative number is not a formula) and blanks as empty cells", () => {
    expect(csvLine([-3, 0, 42.5, null, undefined, Number.NaN])).toBe("-3,0,42.5,,,\r\n");
  });

  it("round-trips any text through a strict RFC 4180 parser", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "x"));
        const text = table.map((r) => csvLine(r)).join("");
        expect(parseAll(text)).toEqual(table.map((r) => r.map(neutral)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("queue CSV lines", () => {
  const row: TQueueExportRow = {
    id: "7d3c8f4e-1f0a-4c53-9b7e-2a1d5e6f7a80",
    familyName: "O'Brien, Jr.",
    givenName: "=cmd|' /C calc'!A0",
    mrn: "MRN-1",
    birthDate: "1960-01-01",
    ageYears: 65,
    submittedAt: "2025-03-10T09:20:00.000Z",
    urgency: "emergency",
    redFlags: ["RF-CES-01", "RF-FX-01"],
    cannotExclude: ["RF-INF-02"],
    imagingModality: "mri",
    status: "SIGNED",
    decision: "override",
    decisionModality: "ct",
    signedBy: "Dr Dana Doctor",
    signedAt: "2025-03-10T10:05:00.000Z",
  };

  it("has one cell per column, in the header's order, with the screens' words, dates and times in the clinic's", () => {
    const [header, line] = parseAll(queueCsvHeader("Europe/Madrid") + queueCsvLine(row, "Europe/Madrid"));
    expect(header).toEqual(queueCsvColumns("Europe/Madrid"));
    expect(header).toContain("Submitted at (Europe/Madrid)");
    expect(line).toEqual([
      row.id,
      "O'Brien, Jr.",
      "'=cmd|' /C calc'!A0",
      "MRN-1",
      "1 Jan 1960",
      "65",
      "10 Mar 2025, 10:20",
      "Emergency",
      "Cauda equina syndrome; Fracture after major trauma",
      "Spinal epidural abscess",
      "MRI",
      "Signed",
      "Overridden",
      "CT",
      "Dr Dana Doctor",
      "10 Mar 2025, 11:05",
      "RF-CES-01; RF-FX-01",
      "RF-INF-02",
    ]);
  });
});
