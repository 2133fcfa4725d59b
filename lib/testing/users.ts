// Test users straight from the database (seeded through the demo seed, never through routes).
import type { TCurrentUser } from "@/lib/auth/current-user";
import { createDb } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";

export async function demoUsers(): Promise<Record<"staff" | "doctor" | "admin", TCurrentUser>> {
  const database = createDb(process.env.DATABASE_URL!, 1);
  try {
    await seedDemo(database);
    const users = await database.user.findMany({ select: { id: true, email: true, name: true, role: true } });
    const by = (email: string) => users.find((u) => u.email === email)!;
    return { staff: by("staff@example.org"), doctor: by("doctor@example.org"), admin: by("admin@example.org") };
  } finally {
    await database.$disconnect();
  }
}

let counter = 0;
export function uniqueMrn(): string {
  counter += 1;
  return `T-${Date.now().toString(36).toUpperCase()}-${counter}`;
}
