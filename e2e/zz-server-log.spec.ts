// Runs last (specs run in file order, one worker): after every other journey has been through the
// server, its whole log must hold no patient name, MRN or birth date, and must show it was captured.
import { expect, test } from "@playwright/test";
import { DEMO_PATIENTS } from "../lib/db/seed/demo";
import { serverLog, serverLogFile } from "./server-log";

test("the server log of the whole run holds no patient names, MRNs or birth dates", () => {
  const log = serverLog();
  const lines = log.split("\n").filter(Boolean);
  // Captured for real: the seeding line and structured lines from refused requests are there.
  expect(lines.length, serverLogFile()).toBeGreaterThan(5);
  expect(log).toContain('"message":"request refused"');
  const secrets = DEMO_PATIENTS.flatMap((p) => [p.givenName, p.familyName, p.mrn, p.birthDate]);
  const found = secrets.filter((s) => new RegExp(`\\b${s.replace(/[.*+?^${}()|[\]\\']/g, "\\$&")}\\b`, "i").test(log));
  console.log(`server log: ${lines.length} lines scanned for ${secrets.length} patient values; ${found.length} found`);
  expect(found).toEqual([]);
});
