import { describe, expect, it } from "vitest";
import { ZPatientInput } from "./patient";
import { INVISIBLE_OR_CONTROL } from "./text";
import { ZUserCreate } from "./users";

const patient = (names: { givenName?: string; familyName?: string }) =>
  ZPatientInput.safeParse({ mrn: "MRN-1", givenName: "Ada", familyName: "Lovelace", birthDate: "1970-01-01", sex: "female", ...names });
const user = (name: string) => ZUserCreate.safeParse({ name, email: "a@example.org", role: "STAFF", password: "correct horse battery staple 42" });
const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

// Every character the pentest named: bidirectional overrides, embeddings, isolates and marks, zero-width
// characters, C0 and C1 controls, line and paragraph separators.
const REFUSED = [
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
  0x200e, 0x200f, 0x061c,
  0x200b, 0x200c, 0x200d, 0x2060, 0xfeff,
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x2028, 0x2029,
].map((n) => String.fromCodePoint(n));

describe("names: invisible and control characters", () => {
  it.each(REFUSED.map((c) => [hex(c), c]))("refuses %s in patient and user names, naming the field", (_, c) => {
    for (const text of [`Ev${c}il`, `${c}Evil`, `Evil${c}`]) {
      const given = patient({ givenName: text });
      expect(given.success, JSON.stringify(text)).toBe(false);
      expect(given.error!.issues.map((i) => [i.path[0], i.message])).toContainEqual(["givenName", "Given name must not contain invisible or control characters"]);
      expect(patient({ familyName: text }).error!.issues.map((i) => [i.path[0], i.message])).toContainEqual(["familyName", "Family name must not contain invisible or control characters"]);
      expect(user(text).error!.issues.map((i) => [i.path[0], i.message])).toContainEqual(["name", "Name must not contain invisible or control characters"]);
    }
    expect(INVISIBLE_OR_CONTROL.test(c)).toBe(true);
  });

  it("never echoes the name in the message", () => {
    const result = patient({ familyName: "Secret\u202eName" });
    expect(JSON.stringify(result.error!.issues)).not.toContain("Secret");
  });

  it.each(["José", "O'Brien", "Anne-Marie", "Mary Ann", "李", "王小明", "محمد", "Παπαδοπούλου", "Nguyễn", "Ægir Þór", "अनुष्का", "渡邉", "Smith Jr."])(
    "keeps the legitimate name %j",
    (name) => {
      expect(patient({ givenName: name, familyName: name }).data).toMatchObject({ givenName: name, familyName: name });
      expect(user(name).data).toMatchObject({ name });
    },
  );

  it("stores names composed (NFC): a decomposed Zoë and José become the composed forms", () => {
    const decomposed = "Zoe\u0308";
    expect(decomposed).not.toBe("Zoë");
    const parsed = patient({ givenName: decomposed, familyName: "Jose\u0301" }).data!;
    expect(parsed.givenName).toBe("Zoë");
    expect(parsed.givenName).toHaveLength(3);
    expect(parsed.familyName).toBe("José");
    expect(user(` ${decomposed} `).data!.name).toBe("Zoë");
  });

  it("still refuses < and > and blank or over-long names", () => {
    expect(patient({ familyName: "<b>" }).error!.issues.map((i) => [i.path[0], i.message])).toEqual([["familyName", "Family name must not contain < or >"]]);
    expect(patient({ givenName: "   " }).error!.issues.map((i) => i.message)).toEqual(["Given name is required"]);
    expect(user("x".repeat(101)).error!.issues.map((i) => i.message)).toEqual(["Name must be at most 100 characters"]);
    // 100 decomposed characters (200 code units) are 100 once composed: the limit counts what is stored.
    expect(patient({ familyName: "e\u0301".repeat(100) }).success).toBe(true);
  });
});
