// Demo data for development, tests and demos. Idempotent: running it twice changes nothing.
import { hashPassword } from "@/lib/auth/password";
import { sealSecret } from "@/lib/auth/two-step";
import type { Db } from "../client";

export const DEMO_PASSWORD = "backline-demo";

export const DEMO_USERS = [
  { email: "staff@example.org", name: "Sam Staff", role: "STAFF" },
  { email: "doctor@example.org", name: "Dr Dana Doctor", role: "CLINICIAN" },
  { email: "admin@example.org", name: "Alex Admin", role: "ADMIN" },
] as const;

/**
 * The demo admin's authenticator key (two-step sign-in is required for admins): add it to an authenticator app,
 * or let the tests compute codes from it. Demo data only, like the demo password.
 */
export const DEMO_TOTP_SECRET = "BACKLINEDEMOADMINTOTPKEY234567AB";

export const DEMO_PATIENTS = [
  { mrn: "MRN-100001", givenName: "Maria", familyName: "Garcia", birthDate: "1961-04-12", sex: "female" },
  { mrn: "MRN-100002", givenName: "James", familyName: "O'Neill", birthDate: "1954-09-30", sex: "male" },
  { mrn: "MRN-100003", givenName: "Aisha", familyName: "Khan", birthDate: "1990-01-05", sex: "female" },
  { mrn: "MRN-100004", givenName: "Tomasz", familyName: "Nowak", birthDate: "1978-11-21", sex: "male" },
  { mrn: "MRN-100005", givenName: "Mei", familyName: "Chen", birthDate: "1985-06-17", sex: "female" },
  { mrn: "MRN-100006", givenName: "Kwame", familyName: "Mensah", birthDate: "1949-02-28", sex: "male" },
  { mrn: "MRN-100007", givenName: "Ingrid", familyName: "Larsen", birthDate: "2001-08-09", sex: "female" },
  { mrn: "MRN-100008", givenName: "Ravi", familyName: "Patel", birthDate: "1969-12-01", sex: "male" },
] as const;

export async function isSeeded(database: Db): Promise<boolean> {
  return (await database.user.count()) > 0;
}

/**
 * `appSecret`: the app's NEXTAUTH_SECRET, which seals two-step secrets; with it the demo admin is created with
 * two-step sign-in on (DEMO_TOTP_SECRET), without it the admin sets it up at first sign-in.
 */
export async function seedDemo(database: Db, log: (line: string) => void = () => {}, options: { appSecret?: string } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const twoStep = u.role === "ADMIN" && options.appSecret ? { totpSecret: sealSecret(options.appSecret, DEMO_TOTP_SECRET), totpEnabledAt: new Date() } : {};
    await database.user.upsert({
      where: { email: u.email },
      update: {},
      create: { ...u, passwordHash, active: true, ...twoStep },
    });
  }
  for (const p of DEMO_PATIENTS) {
    await database.patient.upsert({
      where: { mrn: p.mrn },
      update: {},
      create: { ...p, birthDate: new Date(`${p.birthDate}T00:00:00Z`) },
    });
  }
  log(`seeded ${DEMO_USERS.length} demo users and ${DEMO_PATIENTS.length} demo patients`);
}
