import { describe, expect, it } from "vitest";
import { parseQueueUrl, queueSearchParams, ZQueueQuery } from "./queue";

describe("queue view in the page URL", () => {
  it("writes only what differs from the default view, and never the name search unless asked", () => {
    expect(queueSearchParams(ZQueueQuery.parse({})).toString()).toBe("");
    const query = ZQueueQuery.parse({ urgency: "emergency", flag: "RF-CES-01", q: "Garcia", page: "2", pageSize: "50" });
    expect(queueSearchParams(query).toString()).toBe("urgency=emergency&flag=RF-CES-01&page=2&pageSize=50");
    expect(queueSearchParams(query, { withQ: true }).get("q")).toBe("Garcia");
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
