import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file. Migrations are plain SQL applied by our own
// runner (lib/db/migrate.ts), and the app connects through @prisma/adapter-pg.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
