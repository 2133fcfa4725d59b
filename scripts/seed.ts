// npm run db:seed — demo users and patients. Refuses a production database unless asked:
//   npm run db:seed -- --allow-production
import { createDb } from "../lib/db/client";
import { openLocalDatabase } from "../lib/db/local";
import { migrate } from "../lib/db/migrate";
import { seedDemo } from "../lib/db/seed";

const args = process.argv.slice(2);
if (process.env.NODE_ENV === "production" && !args.includes("--allow-production")) {
  console.error("Refusing to load demo data with NODE_ENV=production. Pass --allow-production to insist.");
  process.exit(2);
}

const database = await openLocalDatabase();
const prisma = createDb(database.url, 2);
try {
  await migrate(database.url);
  await seedDemo(prisma, console.log);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.stop();
}
