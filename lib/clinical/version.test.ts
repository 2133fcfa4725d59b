// Ruleset version and the pure-TS hash behind it.
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex, utf8 } from "./hash";
import { RULESET_CONTENT, RULESET_HASH, RULESET_LABEL, RULESET_SEMVER, RULESET_VERSION } from "./version";

describe("sha256Hex", () => {
  it("matches the standard test vectors", () => {
    expect(sha256Hex(utf8(""))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex(utf8("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex(utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(sha256Hex(utf8("a".repeat(1000)))).toBe("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  });

  it("encodes UTF-8 like TextEncoder", () => {
    for (const s of ["", "abc", "temp ≥ 38 °C", "emoji 🩻 and ü"]) {
      expect(Array.from(utf8(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });
});

describe("RULESET_VERSION", () => {
  it("is the semantic version 1.2.0 (0.4), with 12 hex characters of the content hash beside it", () => {
    expect(RULESET_SEMVER).toMatch(/^\d+\.\d+\.\d+$/);
    expect(RULESET_VERSION).toBe("1.2.0");
    expect(RULESET_LABEL).toBe(`1.2.0+${RULESET_HASH}`);
    expect(RULESET_HASH).toMatch(/^[0-9a-f]{12}$/);
    expect(RULESET_HASH).toBe(sha256Hex(utf8(canonicalJson(RULESET_CONTENT))).slice(0, 12));
  });

  it("changes when a rule threshold, a question or a panel changes", () => {
    const hash = (content: unknown) => sha256Hex(utf8(canonicalJson(content))).slice(0, 12);
    const clone = JSON.parse(JSON.stringify(RULESET_CONTENT)) as typeof RULESET_CONTENT;
    expect(hash(clone)).toBe(RULESET_HASH);

    const rules = JSON.parse(JSON.stringify(RULESET_CONTENT)) as { rules: { id: string; when: unknown }[] };
    const pain = rules.rules.find((r) => r.id === "ADV-PAIN");
    if (pain) pain.when = { op: "ge", var: "pain_score_now", value: 7 };
    expect(hash(rules)).not.toBe(RULESET_HASH);

    const questions = JSON.parse(JSON.stringify(RULESET_CONTENT)) as { questions: { label: string }[] };
    if (questions.questions[0]) questions.questions[0].label = "Visit date";
    expect(hash(questions)).not.toBe(RULESET_HASH);

    const panels = JSON.parse(JSON.stringify(RULESET_CONTENT)) as { blood_panels: { cancer: { tests: string[] } } };
    panels.blood_panels.cancer.tests.push("PSA");
    expect(hash(panels)).not.toBe(RULESET_HASH);
  });
});
