// The front desk's search (ranked, typo-tolerant, by date of birth) and the likely-duplicate check on
// registration, against the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ZPatientInput, ZPatientSearchBody, type TLikelyMatch } from "@/lib/contracts/patient";
import { rejection } from "@/lib/testing/rejection";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "./create-patient";
import { registerPatient } from "./register-patient";
import { searchPatients } from "./search-patients";

let users: Awaited<ReturnType<typeof demoUsers>>;
// Letters only, unique per run: trigrams are computed on letters, and other files share the database.
const letters = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
const word = `Vel${letters(1)}ab${letters(3)}dor`; // e.g. "Velqabmezdor"
const typo = `${word.slice(0, 4)}ba${word.slice(6)}`; // two (different) letters swapped
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const ids: Record<string, string> = {};
let mrnExact: string;

beforeAll(async () => {
  users = await demoUsers();
  mrnExact = uniqueMrn();
  const make = async (key: string, givenName: string, familyName: string, birthDate: string, mrn = uniqueMrn()) => {
    ids[key] = (await createPatient(users.staff, { mrn, givenName, familyName, birthDate, sex: "unknown" })).id;
  };
  // Inserted worst first, so the order found is the ranking's, not the insertion's.
  await make("typo", "Ada", cap(typo), "1944-02-03");
  await make("contains", "Bea", `${word}ova`, "1944-02-03");
  await make("exact", "Cy", word, "1933-07-19");
  await make("mrnContains", "Di", `${word}ski`, "1944-02-03", `${mrnExact}X`);
  await make("mrn", "Ed", `Other${letters(6)}`, "1944-02-03", mrnExact);
});

const search = async (q: string, pageSize = 100) => {
  const page = await searchPatients(users.staff, ZPatientSearchBody.parse({ q, pageSize }));
  return { total: page.total, ids: page.rows.map((r) => r.id) };
};

describe("patient search ranking", () => {
  it("finds a typo of a name by trigram similarity, after the exact name and the literal matches", async () => {
    const found = await search(word.toLowerCase());
    expect(found.ids).toEqual([ids.exact, ids.contains, ids.mrnContains, ids.typo]);
    expect(found.total).toBe(4);
    // The typo typed finds the name as registered.
    expect((await search(typo)).ids).toContain(ids.exact);
  });

  it("puts the exact MRN first, then MRNs that hold it", async () => {
    const found = await search(mrnExact.toLowerCase());
    expect(found.ids).toEqual([ids.mrn, ids.mrnContains]);
  });

  it("finds a date of birth in any common format, combined with a name", async () => {
    for (const q of ["1933-07-19", "19/7/1933", "7/19/1933", "19.07.1933", "19 Jul 1933", "July 19, 1933", "19330719"]) {
      expect((await search(q)).ids, q).toContain(ids.exact);
    }
    // With a name, every word must match: the date narrows the name's matches.
    expect((await search(`${word} 19 Jul 1933`)).ids).toEqual([ids.exact]);
    expect((await search(`${word} 1944-02-03`)).ids).toEqual([ids.contains, ids.mrnContains, ids.typo]);
    expect((await search(`${word} 20 Jul 1933`)).total).toBe(0);
  });

  it("pages the ranked list, and audits the patients each page showed", async () => {
    const first = await search(word, 10);
    const all = await searchPatients(users.staff, ZPatientSearchBody.parse({ q: word, pageSize: 10, page: 1 }));
    expect(all.rows.map((r) => r.id)).toEqual(first.ids);
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "patient.search", actorId: users.staff.id }, orderBy: { id: "desc" }, select: { patientIds: true, details: true } });
    expect([...row.patientIds].sort()).toEqual([...first.ids].sort());
    expect(row.details).toEqual({ total: 4, page: 1 });
  });

  it("asks a long word to be closer: sharing half of it is not a typo", async () => {
    const tail = letters(11);
    const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Flo", familyName: `Apitest${tail}`, birthDate: "1970-01-01", sex: "female" });
    // One slip in 18 letters is still found ...
    expect((await search(`Apitset${tail}`)).ids).toContain(p.id);
    // ... another word with the same ending is not (word similarity about 0.45: enough for "garica", not here).
    expect((await search(`Pagetest${tail.slice(0, 8)}xyz`)).ids).not.toContain(p.id);
  });

  it("does not fuzz short words: three letters match literally only", async () => {
    const found = await search(`${word.slice(0, 2).toLowerCase()}q`);
    expect(found.ids).not.toContain(ids.exact);
  });
});

describe("registration of a likely duplicate", () => {
  const person = (over: Record<string, unknown> = {}) =>
    ZPatientInput.parse({ mrn: uniqueMrn(), givenName: "Mariá", familyName: `Gar${letters(4)}cia`, birthDate: "1951-03-09", sex: "female", ...over });

  it("answers 409 with the matches for the same name ignoring case and accents, audits the disclosure, and registers nothing", async () => {
    const first = await registerPatient(users.staff, person());
    const before = await db().patient.count();
    const again = person({ givenName: "MARIA", familyName: first.familyName.toUpperCase() });
    const error = await rejection(registerPatient(users.staff, again));
    expect(error.status).toBe(409);
    expect(error.code).toBe("conflict");
    const matches = error.extra?.matches as TLikelyMatch[];
    expect(matches).toEqual([{ id: first.id, mrn: first.mrn, givenName: "Mariá", familyName: first.familyName, birthDate: "1951-03-09" }]);
    expect(error.message).not.toContain(first.familyName);
    expect(await db().patient.count()).toBe(before);
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "patient.likely_duplicates" }, orderBy: { id: "desc" }, select: { actorId: true, patientIds: true, details: true } });
    expect(row).toEqual({ actorId: users.staff.id, patientIds: [first.id], details: { count: 1 } });

    // Given and family swapped is the same person too.
    const swapped = await rejection(registerPatient(users.staff, person({ givenName: first.familyName, familyName: "Maria" })));
    expect((swapped.extra?.matches as TLikelyMatch[]).map((m) => m.id)).toEqual([first.id]);

    // Confirmed as a different person, it is registered.
    const confirmed = await registerPatient(users.staff, { ...again, confirmDistinct: true });
    expect(confirmed.id).not.toBe(first.id);
    expect(await db().patient.count()).toBe(before + 1);
  });

  it("holds back a similar name on the same birth date, not a different name or another birth date", async () => {
    const family = `Hend${letters(5)}rson`;
    const first = await registerPatient(users.staff, person({ givenName: "Jonathan", familyName: family }));
    const typoed = await rejection(registerPatient(users.staff, person({ givenName: "Jonathon", familyName: family })));
    expect((typoed.extra?.matches as TLikelyMatch[]).map((m) => m.id)).toEqual([first.id]);
    // A twin: same family name and birth date, another given name.
    await expect(registerPatient(users.staff, person({ givenName: "Elizabeth", familyName: family }))).resolves.toMatchObject({ givenName: "Elizabeth" });
    // The same name, born another day.
    await expect(registerPatient(users.staff, person({ givenName: "Jonathan", familyName: family, birthDate: "1951-03-10" }))).resolves.toMatchObject({ birthDate: "1951-03-10" });
  });

  it("still refuses a taken MRN first, naming the existing record", async () => {
    const first = await registerPatient(users.staff, person({ birthDate: "1952-04-10" }));
    const error = await rejection(registerPatient(users.staff, person({ mrn: first.mrn, birthDate: "1952-04-10" })));
    expect(error.status).toBe(409);
    expect(error.extra).toEqual({ existing: { id: first.id } });
  });

  it("is refused to a role without patient:write", async () => {
    const error = await rejection(registerPatient({ ...users.admin }, person()));
    expect(error.status).toBe(403);
  });
});

describe("the staff home page's day", () => {
  it("lists today's open drafts (in the clinic's time zone), not yesterday's, and audits the list read", async () => {
    const { startVisit } = await import("../visits/start-visit");
    const { listToday } = await import("../visits/list-today");
    const p = await createPatient(users.staff, { mrn: uniqueMrn(), givenName: "Tod", familyName: `Ay${letters(6)}`, birthDate: "1960-06-06", sex: "male" });
    const today = await startVisit(users.staff, p.id);
    const old = await startVisit(users.staff, p.id);
    await db().visit.update({ where: { id: old.id }, data: { updatedAt: new Date(Date.now() - 3 * 86_400_000) } });
    const listed = await listToday(users.staff, "Europe/London");
    expect(listed.drafts.map((d) => d.id)).toContain(today.id);
    expect(listed.drafts.map((d) => d.id)).not.toContain(old.id);
    expect(listed.drafts.find((d) => d.id === today.id)).toMatchObject({ status: "DRAFT", patient: { id: p.id, mrn: p.mrn } });
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "visit.list_today" }, orderBy: { id: "desc" }, select: { patientIds: true, details: true } });
    expect(row.patientIds).toContain(p.id);
    expect((row.details as { visitIds: string[] }).visitIds).toContain(today.id);
    await expect(listToday(users.admin, "Europe/London")).rejects.toMatchObject({ status: 403 });
  });
});
