// npm run db:migrate — apply pending SQL migrations to DATABASE_URL (or the embedded dev database).
import { openLocalDatabase } from "../lib/db/local";
import { migrate } from "../lib/db/migrate";

const database = await openLocalDatabase();
try {
  const result = await migrate(database.url, { log: (line) => console.log(line) });
  console.log(
    `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already up to date`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
