import { describe, expect, it } from "vitest";
import { RED_FLAG_RULES } from "@/lib/clinical";
import {
  builtInViews,
  flagShortName,
  isViewShown,
  parseQueueUrl,
  queueSearchParams,
  savedViewFilters,
  viewChange,
  ZQueueQuery,
  ZSavedViewCreate,
  ZSavedViewFilters,
} from "./queue";

describe("saved queue views", () => {
  it("keep the filters and sort, never the search text, page or page size", () => {
    const query = ZQueueQuery.parse({ status: "ALL", urgency: "urgent", flag: "RF-CES-01", q: "Garcia", sort: "patient", dir: "desc", page: "3", pageSize: "50" });
    const filters = savedViewFilters(query);
    expect(filters).toEqual({ status: "ALL", urgency: "urgent", flag: "RF-CES-01", sort: "patient", dir: "desc" });
    expect(JSON.stringify(filters)).not.toContain("Garcia");
  });

  it("refuse search text by name, unknown fields, bad values and dates out of order", () => {
    const fieldsOf = (input: unknown) => {
      const r = ZSavedViewFilters.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => (i.code === "unrecognized_keys" ? i.keys.join(",") : i.path.join(".")));
    };
    expect(fieldsOf({ q: "Garcia" })).toEqual(["q"]);
    expect(ZSavedViewFilters.safeParse({ q: "Garcia" }).error?.issues[0]?.message).toMatch(/patient data/);
    expect(fieldsOf({ page: 2 })).toEqual(["page"]);
    expect(fieldsOf({ urgency: "panic" })).toEqual(["urgency"]);
    expect(fieldsOf({ from: "2026-02-01", to: "2026-01-01" })).toEqual(["to"]);
    expect(fieldsOf({})).toEqual([]);
  });

  it("need a name of 1 to 60 visible characters", () => {
    const ok = ZSavedViewCreate.safeParse({ name: "  Mine  ", filters: {} });
    expect(ok.success && ok.data.name).toBe("Mine");
    for (const name of ["", "   ", "x".repeat(61), "a\u202Eb"]) expect(ZSavedViewCreate.safeParse({ name, filters: {} }).success).toBe(false);
  });

  it("replace every filter when opened, and know when they are the view shown", () => {
    const shown = ZQueueQuery.parse({ urgency: "emergency", imaging: "mri", page: "4", pageSize: "50" });
    const [unsigned, urgentToday] = builtInViews("2026-12-07");
    const opened = { ...shown, ...viewChange(urgentToday!.filters) };
    expect(queueSearchParams(opened).toString()).toBe("urgency=urgent&from=2026-12-07&to=2026-12-07&pageSize=50");
    expect(isViewShown(urgentToday!.filters, opened)).toBe(true);
    expect(isViewShown(unsigned!.filters, opened)).toBe(false);
    expect(isViewShown(unsigned!.filters, parseQueueUrl(new URLSearchParams("page=2")).query)).toBe(true);
    // The built-ins are views the queue's own filters express.
    for (const view of builtInViews("2026-12-07")) expect(ZSavedViewFilters.safeParse(view.filters).success).toBe(true);
  });
});

describe("red flags' short names", () => {
  it("are the rule's concern in a few words, capitalised, and tell every flag apart", () => {
    expect(flagShortName({ title: "Possible cauda equina syndrome", concern: "cauda equina syndrome" })).toBe("Cauda equina syndrome");
    expect(flagShortName({ title: "x", concern: "an afebrile spinal infection" })).toBe("Afebrile spinal infection");
    expect(flagShortName({ title: "Major trauma" })).toBe("Major trauma");
    const names = RED_FLAG_RULES.map(flagShortName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).not.toMatch(/RF-/);
      expect(name.length).toBeLessThanOrEqual(50);
    }
  });
});
