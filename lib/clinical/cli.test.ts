// The command line (scripts/triage.ts) end to end: vignettes in, evaluations out, same order; an invalid
// intake yields an error entry while the others still evaluate, and the exit code is non-zero.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RULESET_VERSION } from "./version";
import { VIGNETTES } from "./test-support/vignettes";
import type { Evaluation } from "./types";

const repoRoot = resolve(__dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "triage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function triage(input: unknown, ...extra: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `in-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(input));
  const result = spawnSync("npm", ["run", "--silent", "triage", "--", file, ...extra], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe("npm run --silent triage -- FILE", () => {
  it("reproduces every worked case, in order", () => {
    const { status, stdout } = triage(VIGNETTES.map((v) => v.intake));
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as Evaluation[];
    expect(out).toHaveLength(VIGNETTES.length);
    VIGNETTES.forEach((v, i) => {
      const e = out[i] as Evaluation;
      const x = v.expected;
      expect(sorted(e.red_flags), v.id).toEqual(sorted(x.red_flags));
      expect(sorted(e.pathway_rules), v.id).toEqual(sorted(x.pathway_rules));
      expect(sorted(e.advisories), v.id).toEqual(sorted(x.advisories));
      expect(sorted(e.data_flags), v.id).toEqual(sorted(x.data_flags));
      for (const id of x.red_flags_must_not_fire ?? []) expect(e.red_flags, v.id).not.toContain(id);
      expect(e.urgency, v.id).toBe(x.urgency);
      expect(e.imaging.modality, v.id).toBe(x.imaging.modality);
      expect(e.blood_tests.required, v.id).toBe(x.blood_tests.required);
      expect(e.status, v.id).toBe(x.status);
      expect(e.ruleset_version).toBe(RULESET_VERSION);
      expect(e.ruleset_version).toBe("1.2.0");
      expect(e.ruleset_hash).toMatch(/^[0-9a-f]{12}$/);
      expect(sorted(e.missing), v.id).toEqual(sorted(x.missing ?? []));
      expect(e.cannot_exclude, v.id).toEqual(x.cannot_exclude ?? []);
      expect(e.cannot_exclude_emergency, v.id).toBe(x.cannot_exclude_emergency ?? false);
      expect(e.doctor_queue, v.id).toBe(x.doctor_queue);
      expect(e.conservative_care, v.id).toBe(x.conservative_care);
      expect(e.imaging.rule, v.id).toBe(x.imaging.rule);
      expect(e.imaging.notes, v.id).toEqual(x.imaging.notes ?? []);
      expect(Array.isArray(e.explanations)).toBe(true);
      expect(e.imaging).toHaveProperty("rule");
      expect(e.blood_tests).toHaveProperty("panel");
    });
  }, 60_000);

  it("accepts a single object and returns a one-element array", () => {
    const { status, stdout } = triage(VIGNETTES[0]?.intake);
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as Evaluation[];
    expect(out).toHaveLength(1);
    expect(out[0]?.pathway_rules).toEqual(["PW-NSLBP-01"]);
  }, 60_000);

  it("reports an invalid intake in place, evaluates the others, and exits non-zero", () => {
    const bad = { ...VIGNETTES[0]?.intake, age_years: 200, colour: "blue" };
    const { status, stdout, stderr } = triage([VIGNETTES[0]?.intake, bad, VIGNETTES[1]?.intake]);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/invalid/);
    type Rejected = { rejected: boolean; fields: string[]; error: { index: number; fields: string[] }; preview: Evaluation };
    const out = JSON.parse(stdout) as [Evaluation, Rejected, Evaluation];
    expect(out).toHaveLength(3);
    expect(out[0].status).toBe("final");
    expect(out[1].rejected).toBe(true);
    expect(out[1].fields.sort()).toEqual(["age_years", "colour"]);
    expect(out[1].error.index).toBe(1);
    expect(out[1].error.fields.sort()).toEqual(["age_years", "colour"]);
    // The preview reads the refused age as blank: DATA-01 names it, and its worst answer (71) cannot be excluded.
    expect(out[1].preview.missing).toEqual(["age_years"]);
    expect(out[1].preview.data_flags).toEqual(["DATA-01", "DATA-02"]);
    expect(out[2].advisories).toEqual(["ADV-STRAIN"]);
  }, 60_000);

  it("rejects care weeks longer than the episode (0.4 item 11), with a preview that reads them as blank", () => {
    const intake = { ...VIGNETTES[0]?.intake, conservative_care_weeks: 4 };
    const { status, stdout } = triage(intake);
    expect(status).toBe(1);
    const out = JSON.parse(stdout) as [{ rejected: boolean; fields: string[]; preview: Evaluation }];
    expect(out[0]).toMatchObject({ rejected: true, fields: ["conservative_care_weeks"] });
    expect(out[0].preview.missing).toEqual(["conservative_care_weeks"]);
  }, 60_000);

  it("rejects a visit date after today (--today sets today; the default is the real date)", () => {
    const { status, stdout } = triage(VIGNETTES[0]?.intake, "--today", "2025-03-09");
    expect(status).toBe(1);
    const out = JSON.parse(stdout) as [{ error: { fields: string[] } }];
    expect(out[0].error.fields).toEqual(["visit_date"]);
  }, 60_000);

  it("exits 2 on unreadable input", () => {
    const result = spawnSync("npm", ["run", "--silent", "triage", "--", join(dir, "missing.json")], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
  }, 60_000);
});
