// Test users straight from the database (seeded through the demo seed, never through routes).
import { randomBytes, randomUUID } from "node:crypto";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { hashPassword } from "@/lib/auth/password";
import { createDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed/demo";

export async function demoUsers(): Promise<Record<"staff" | "doctor" | "admin", TCurrentUser>> {
  const database = createDb(process.env.DATABASE_URL!, 1);
  try {
    await seedDemo(database, () => {}, { appSecret: process.env.NEXTAUTH_SECRET });
    const users = await database.user.findMany({ select: { id: true, email: true, name: true, role: true } });
    const by = (email: string) => users.find((u) => u.email === email)!;
    return { staff: by("staff@example.org"), doctor: by("doctor@example.org"), admin: by("admin@example.org") };
  } finally {
    await database.$disconnect();
  }
}

/** One more active account (e.g. a second clinician, another member of staff), straight into the database. */
export async function extraUser(role: "STAFF" | "CLINICIAN", name: string): Promise<TCurrentUser> {
  const database = createDb(process.env.DATABASE_URL!, 1);
  try {
    return await database.user.create({
      data: { email: `${randomUUID()}@example.org`, name, role, passwordHash: await hashPassword(randomBytes(18).toString("base64url")), active: true },
      select: { id: true, email: true, name: true, role: true },
    });
  } finally {
    await database.$disconnect();
  }
}

let counter = 0;
export function uniqueMrn(): string {
  counter += 1;
  return `T-${Date.now().toString(36).toUpperCase()}-${counter}`;
}
