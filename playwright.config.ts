import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download browsers on machines without internet, so the system Chromium is
// used (Debian: apt-get install chromium). Elsewhere: `npx playwright install chromium` and set
// PLAYWRIGHT_CHROMIUM_PATH="" to use Playwright's own build.
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = process.env.E2E_PORT ?? "3100";
// One session secret for the server (e2e/server.ts) and the specs, which forge aged session tokens to
// test the idle timeout without waiting half an hour. Set here, before workers start, so all share it.
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".data/test-results/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath || undefined,
          args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx e2e/server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
