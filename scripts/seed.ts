// npm run db:seed — demo users and patients; with --visits N also N synthetic visits run through the engine
// (see lib/db/seed/visits.ts), e.g. `npm run db:seed -- --visits 100000` for the queue at a clinic's scale.
// Refuses a production database unless asked: npm run db:seed -- --allow-production
import { createDb } from "../lib/db/client";
import { openLocalDatabase } from "../lib/db/local";
import { migrate } from "../lib/db/migrate";
import { localAppSecret } from "../lib/env";
import { seedDemo } from "../lib/db/seed/demo";
import { seedVisits } from "../lib/db/seed/visits";

const args = process.argv.slice(2);
if (process.env.NODE_ENV === "production" && !args.includes("--allow-production")) {
  console.error("Refusing to load demo data with NODE_ENV=production. Pass --allow-production to insist.");
  process.exit(2);
}
const visitsAt = args.indexOf("--visits");
const visits = visitsAt >= 0 ? Number(args[visitsAt + 1]) : 0;
if (!Number.isInteger(visits) || visits < 0 || visits > 5_000_000) {
  console.error("--visits must be a whole number between 0 and 5000000, e.g. --visits 100000");
  process.exit(2);
}

const database = await openLocalDatabase();
const prisma = createDb(database.url, 2);
try {
  await migrate(database.url);
  await seedDemo(prisma, console.log, { appSecret: localAppSecret() });
  if (visits > 0) {
    const started = performance.now();
    await seedVisits(database.url, { visits, log: console.log });
    console.log(`seeded ${visits} visits in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.stop();
}
