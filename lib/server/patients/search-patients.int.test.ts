import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ZPatientInput, ZPatientSearchBody } from "@/lib/contracts/patient";
import { demoUsers, uniqueMrn } from "@/lib/testing/users";
import { createPatient } from "./create-patient";
import { searchPatients } from "./search-patients";

let users: Awaited<ReturnType<typeof demoUsers>>;
const tag = `S${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  users = await demoUsers();
  // Plain names for "everyone", and one name each holding a LIKE metacharacter literally.
  for (const [givenName, familyName] of [
    ["Ada", `${tag}plain`],
    ["Bea", `${tag}other`],
    ["Cy", `${tag}100%sure`],
    ["Di", `${tag}under_score`],
    ["Ed", `${tag}back\\slash`],
  ]) {
    await createPatient(users.staff, { mrn: uniqueMrn(), givenName: givenName!, familyName: familyName!, birthDate: "1970-01-01", sex: "unknown" });
  }
});

const search = async (q: string) => {
  const page = await searchPatients(users.staff, ZPatientSearchBody.parse({ q, pageSize: 100 }));
  return { total: page.total, names: page.rows.map((r) => r.familyName), texts: page.rows.map((r) => `${r.familyName} ${r.givenName} ${r.mrn}`) };
};

describe("patient search", () => {
  it("matches % _ and \\ literally: they are not wildcards", async () => {
    expect((await search(tag)).total).toBe(5);
    // Every word must match: this run's tag and the character itself.
    expect(await search(`${tag} %`)).toMatchObject({ total: 1, names: [`${tag}100%sure`] });
    expect(await search(`${tag} _`)).toMatchObject({ total: 1, names: [`${tag}under_score`] });
    expect(await search(`${tag} \\`)).toMatchObject({ total: 1, names: [`${tag}back\\slash`] });
    expect(await search(`${tag}100%`)).toMatchObject({ total: 1, names: [`${tag}100%sure`] });
    expect((await search(`${tag}_lain`)).total).toBe(0); // "_" would match the "p" of "plain"
    expect((await search(`${tag}%other`)).total).toBe(0);
    expect((await search(`${tag} %%`)).total).toBe(0);
    // Alone, "%" or "_" finds only names that hold it, never everyone.
    const everyone = await db().patient.count();
    for (const q of ["%", "_"]) {
      const found = await search(q);
      expect(found.total, q).toBeLessThan(everyone);
      expect(found.texts.every((t) => t.includes(q)), q).toBe(true);
    }
  });

  it("stores a decomposed name composed (NFC), found by a search typed either way", async () => {
    const input = ZPatientInput.parse({ mrn: uniqueMrn(), givenName: "Zoe\u0308", familyName: `${tag}Jose\u0301`, birthDate: "1980-02-03", sex: "female" });
    const created = await createPatient(users.staff, input);
    const stored = await db().patient.findUniqueOrThrow({ where: { id: created.id }, select: { givenName: true, familyName: true } });
    expect(stored).toEqual({ givenName: "Zoë", familyName: `${tag}José` });
    expect((await search(`${tag} Zoë`)).names).toEqual([`${tag}José`]);
    expect((await search(`${tag} Zoe\u0308`)).names).toEqual([`${tag}José`]);
  });
});
