import { describe, expect, it } from "vitest";
import { parseQueueUrl, queueSearchBody, queueSearchParams, ZQueueQuery, ZQueueSearchBody } from "./queue";

describe("queue view in the page URL", () => {
  it("writes only what differs from the default view, and never the name search", () => {
    expect(queueSearchParams(ZQueueQuery.parse({})).toString()).toBe("");
    const query = ZQueueQuery.parse({ urgency: "emergency", flag: "RF-CES-01", q: "Garcia", page: "2", pageSize: "50" });
    expect(queueSearchParams(query).toString()).toBe("urgency=emergency&flag=RF-CES-01&page=2&pageSize=50");
    expect(queueSearchParams(query).has("q")).toBe(false);
  });

  it("round-trips every filter and sort", () => {
    const query = ZQueueQuery.parse({ status: "ALL", urgency: "urgent", flag: "RF-INF-01", imaging: "mri", from: "2026-01-01", to: "2026-02-01", sort: "patient", dir: "desc", page: "3", pageSize: "100" });
    expect(parseQueueUrl(queueSearchParams(query))).toEqual({ query, ignored: [] });
  });

  it("ignores q in a page URL, and drops (and names) values that do not parse", () => {
    const { query, ignored } = parseQueueUrl(new URLSearchParams("q=Garcia&urgency=panic&pageSize=7&flag=RF-CES-01&to=2026-01-01&from=2026-02-01"));
    expect(query.q).toBeUndefined();
    expect(query.flag).toBe("RF-CES-01");
    expect(query.urgency).toBeUndefined();
    expect(query.pageSize).toBe(25);
    expect(query.to).toBeUndefined();
    expect(ignored.sort()).toEqual(["pageSize", "to", "urgency"]);
  });
});

describe("queue view in a JSON body (POST /api/v1/visits/search)", () => {
  it("carries the search text, numbers as numbers, and parses back to the same view", () => {
    const query = ZQueueQuery.parse({ status: "ALL", urgency: "urgent", q: "Garcia", sort: "patient", dir: "desc", page: "3", pageSize: "100" });
    const body = queueSearchBody(query);
    expect(body).toEqual({ status: "ALL", urgency: "urgent", sort: "patient", dir: "desc", page: 3, pageSize: 100, q: "Garcia" });
    expect(ZQueueSearchBody.parse(JSON.parse(JSON.stringify(body)))).toEqual(query);
    expect(queueSearchBody(ZQueueQuery.parse({}))).toEqual({});
    expect(ZQueueSearchBody.parse({})).toEqual(ZQueueQuery.parse({}));
  });

  it("refuses what a query string would coerce, and unknown fields, with the same messages, by name", () => {
    const r = ZQueueSearchBody.safeParse({ page: "2", pageSize: 30, urgency: "panic", q: 42, extra: 1, from: "2026-02-01", to: "2026-01-01" });
    const issues = r.error!.issues.map((i) => (i.code === "unrecognized_keys" ? i.keys.join() : String(i.path[0])));
    expect(issues.sort()).toEqual(["extra", "page", "pageSize", "q", "urgency"]);
    expect(r.error!.issues.find((i) => i.path[0] === "pageSize")!.message).toBe("pageSize must be 25, 50 or 100");
    expect(ZQueueSearchBody.safeParse({ from: "2026-02-01", to: "2026-01-01" }).error!.issues.map((i) => i.path[0])).toEqual(["to"]);
    expect(ZQueueSearchBody.safeParse({ q: "x".repeat(101) }).error!.issues[0]!.message).toBe("q must be at most 100 characters");
  });
});

describe("queue dates", () => {
  it("takes days from 1900-01-01 to 2999-12-31 only (PostgreSQL has no year 0; 9999-12-31 + 1 day overflows), naming the field", () => {
    for (const schema of [ZQueueQuery, ZQueueSearchBody]) {
      expect(schema.safeParse({ from: "1900-01-01", to: "2999-12-31" }).success).toBe(true);
      expect(schema.safeParse({ from: "0000-01-01" }).error!.issues.map((i) => [i.path[0], i.message])).toEqual([["from", "from must be 1900-01-01 or later"]]);
      expect(schema.safeParse({ to: "9999-12-31" }).error!.issues.map((i) => [i.path[0], i.message])).toEqual([["to", "to must be 2999-12-31 or earlier"]]);
      expect(schema.safeParse({ from: "3000-01-01" }).error!.issues.map((i) => i.path[0])).toEqual(["from"]);
      expect(schema.safeParse({ to: "2026-02-30" }).error!.issues.map((i) => [i.path[0], i.message])).toEqual([["to", "to must be a date (YYYY-MM-DD)"]]);
    }
  });
});
