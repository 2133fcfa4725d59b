// npm run ruleset:impact [-- --json] [-- --bench N]
// Runs every stored visit's answers (as recorded) through the current rules and prints what would change: tier
// changes from -> to, each rule newly firing or no longer firing, imaging changes, and the signed visits that would
// go on the recall list. Read-only: it changes nothing (the upgrade itself is `npm run db:migrate`).
// The database: DATABASE_URL, or the embedded development database; `--bench N` reads the benchmark database of N
// visits (scripts/support/bench-database.ts) without migrating it, so a rule change can be judged before it lands.
import pg from "pg";
import { openLocalDatabase } from "../lib/db/local";
import { formatImpact, rulesetImpact } from "../lib/db/ruleset-impact";
import { openBenchDatabaseReadOnly } from "./support/bench-database";

const args = process.argv.slice(2);
const json = args.includes("--json");
const benchAt = args.indexOf("--bench");
const bench = benchAt >= 0 ? Number(args[benchAt + 1] ?? 100_000) : null;
for (const a of args) {
  if (!["--json", "--bench"].includes(a) && !(benchAt >= 0 && a === args[benchAt + 1])) {
    console.error(`ruleset:impact: unknown argument "${a}" (usage: npm run ruleset:impact [-- --json] [-- --bench N])`);
    process.exit(2);
  }
}
if (bench !== null && !(Number.isInteger(bench) && bench > 0)) {
  console.error("ruleset:impact: --bench needs a number of visits, e.g. --bench 100000");
  process.exit(2);
}

const log = json ? () => {} : (line: string) => console.error(line);
const database = bench !== null ? await openBenchDatabaseReadOnly(bench, log) : await openLocalDatabase(log);
const client = new pg.Client({ connectionString: database.url });
try {
  await client.connect();
  // A read-only transaction: this report can never change a record.
  await client.query("BEGIN READ ONLY");
  const report = await rulesetImpact(client);
  await client.query("COMMIT");
  console.log(json ? JSON.stringify(report, null, 2) : formatImpact(report));
} catch (error) {
  console.error(`ruleset:impact: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await database.stop();
}
