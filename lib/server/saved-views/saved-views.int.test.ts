// Saved queue views against the real database: one person's own views only, the queue's filters validated (never
// search text), names unique per person, a limit, writes audited with ids and counts only, and a saved view gives
// the same queue page as the same filters typed in.
import { beforeAll, describe, expect, it } from "vitest";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { SAVED_VIEWS_MAX, viewChange, ZQueueQuery, ZSavedViewCreate } from "@/lib/contracts/queue";
import { parseWith } from "@/lib/http/parse";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers, extraUser } from "@/lib/testing/users";
import { listQueue } from "../visits/list-queue";
import { createSavedView } from "./create-saved-view";
import { deleteSavedView } from "./delete-saved-view";
import { listSavedViews } from "./list-saved-views";

let users: Awaited<ReturnType<typeof demoUsers>>;
let doctor: TCurrentUser;
let other: TCurrentUser;
beforeAll(async () => {
  users = await demoUsers();
  // Fresh clinicians: the limit and the lists start from nothing whatever else ran on this database.
  doctor = await extraUser("CLINICIAN", "Dr Views");
  other = await extraUser("CLINICIAN", "Dr Other");
});

const body = (name: string, filters: Record<string, unknown> = {}) => parseWith(ZSavedViewCreate, { name, filters }, "request body");
const auditsOf = (entityId: string) =>
  db().auditEvent.findMany({ where: { entityId, entityType: "SavedView" }, orderBy: { id: "asc" }, select: { action: true, actorId: true, details: true, patientIds: true } });

describe("saved queue views", () => {
  it("saves the filters under a name for its owner only, audited with the id and a count", async () => {
    const view = await createSavedView(doctor, body("CES, all", { status: "ALL", flag: "RF-CES-01", sort: "submittedAt", dir: "desc" }));
    expect(view).toMatchObject({ name: "CES, all", filters: { status: "ALL", flag: "RF-CES-01", sort: "submittedAt", dir: "desc" } });
    expect((await listSavedViews(doctor)).views.map((v) => v.id)).toContain(view.id);
    expect((await listSavedViews(other)).views.map((v) => v.id)).not.toContain(view.id);
    const stored = await db().savedView.findUniqueOrThrow({ where: { id: view.id }, select: { userId: true, filters: true } });
    expect(stored.userId).toBe(doctor.id);
    expect(stored.filters).toEqual({ status: "ALL", flag: "RF-CES-01", sort: "submittedAt", dir: "desc" });
    expect(await auditsOf(view.id)).toEqual([{ action: "saved_view.create", actorId: doctor.id, details: { count: 1 }, patientIds: [] }]);
  });

  it("refuses search text, unknown fields and bad filters, naming the field, and stores nothing", async () => {
    const before = await db().savedView.count();
    const fieldsOf = (input: unknown) => {
      try {
        parseWith(ZSavedViewCreate, input, "request body");
        return [];
      } catch (error) {
        return ((error as { fields?: { field: string }[] }).fields ?? []).map((f) => f.field);
      }
    };
    expect(fieldsOf({ name: "Search", filters: { q: "Garcia" } })).toEqual(["filters.q"]);
    expect(fieldsOf({ name: "Paged", filters: { page: 2 } })).toEqual(["page"]);
    expect(fieldsOf({ name: "Bad", filters: { urgency: "panic", imaging: "pet" } })).toEqual(["filters.urgency", "filters.imaging"]);
    expect(fieldsOf({ name: "", filters: {} })).toEqual(["name"]);
    expect(fieldsOf({ name: "Dates", filters: { from: "2026-02-01", to: "2026-01-01" } })).toEqual(["filters.to"]);
    expect(fieldsOf({ name: "No filters" })).toEqual(["filters"]);
    expect(await db().savedView.count()).toBe(before);
  });

  it("keeps names unique per person (case aside) and off the built-ins' names; another person may reuse one", async () => {
    await createSavedView(doctor, body("Mine"));
    const again = await rejection(createSavedView(doctor, body("MINE", { urgency: "urgent" })));
    expect(again.code).toBe("conflict");
    expect(again.fields?.map((f) => f.field)).toEqual(["name"]);
    const builtIn = await rejection(createSavedView(doctor, body("urgent today")));
    expect(builtIn.code).toBe("conflict");
    expect((await createSavedView(other, body("Mine"))).name).toBe("Mine");
  });

  it("deletes only the owner's view: another person's, or one already gone, is not found and stays", async () => {
    const view = await createSavedView(doctor, body("To delete", { imaging: "mri" }));
    const foreign = await rejection(deleteSavedView(other, view.id));
    expect(foreign.code).toBe("not_found");
    expect(await db().savedView.count({ where: { id: view.id } })).toBe(1);
    await deleteSavedView(doctor, view.id);
    expect(await db().savedView.count({ where: { id: view.id } })).toBe(0);
    expect((await rejection(deleteSavedView(doctor, view.id))).code).toBe("not_found");
    expect((await auditsOf(view.id)).map((a) => [a.action, a.actorId])).toEqual([
      ["saved_view.create", doctor.id],
      ["saved_view.delete", doctor.id],
    ]);
  });

  it("is for clinicians: staff are refused", async () => {
    expect((await rejection(listSavedViews(users.staff))).code).toBe("forbidden");
    expect((await rejection(createSavedView(users.staff, body("Staff view")))).code).toBe("forbidden");
  });

  it(`stops at ${SAVED_VIEWS_MAX} views a person`, async () => {
    const person = await extraUser("CLINICIAN", "Dr Many");
    for (let i = 1; i <= SAVED_VIEWS_MAX; i++) await createSavedView(person, body(`View ${i}`));
    const refused = await rejection(createSavedView(person, body("One too many")));
    expect(refused.code).toBe("conflict");
    expect((await listSavedViews(person)).views).toHaveLength(SAVED_VIEWS_MAX);
  });

  it("opens as the same queue page as its filters typed in", async () => {
    const view = await createSavedView(doctor, body("Signed, by age", { status: "SIGNED", sort: "age", dir: "desc" }));
    const typed = ZQueueQuery.parse({ status: "SIGNED", sort: "age", dir: "desc" });
    const opened = ZQueueQuery.parse({ ...ZQueueQuery.parse({ urgency: "emergency", page: "2" }), ...viewChange(view.filters) });
    expect(opened).toEqual(typed);
    expect((await listQueue(doctor, opened)).rows.map((r) => r.id)).toEqual((await listQueue(doctor, typed)).rows.map((r) => r.id));
  });
});
