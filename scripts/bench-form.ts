// npm run bench:form — figures for the intake form page, from a production build in real Chromium:
//  - the JavaScript the form page loads (sum of gzipped script bodies on first load)
//  - the time from a click on "Next step" to the next step being interactive (heading focused)
// Uses the same server as the e2e tests (fresh embedded PostgreSQL + `next start`); run `npm run build` first.
import { spawn } from "node:child_process";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const port = process.env.E2E_PORT ?? "3300";
const base = `http://localhost:${port}`;
const server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "e2e/server.ts"], {
  env: { ...process.env, E2E_PORT: port },
  stdio: ["ignore", "ignore", "inherit"],
});

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking"],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill("staff@example.org");
  await page.getByLabel("Password").fill("backline-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  const patient = await (await page.request.post(`${base}/api/v1/patients`, {
    data: { mrn: `BENCH-${Date.now()}`, givenName: "Bench", familyName: "Mark", birthDate: "1975-05-05", sex: "male" },
  })).json();
  const visit = await (await page.request.post(`${base}/api/v1/visits`, { data: { patientId: patient.id } })).json();

  // First load of the form page with an empty cache: every script it pulls in.
  const cold = await browser.newContext({ storageState: await context.storageState() });
  const coldPage = await cold.newPage();
  const scripts = new Map<string, number>();
  coldPage.on("response", async (res) => {
    if (res.request().resourceType() === "script") {
      const body = await res.body().catch(() => null);
      if (body) scripts.set(res.url(), gzipSync(body).length);
    }
  });
  await coldPage.goto(`${base}/visits/${visit.id}/intake`, { waitUntil: "load" });
  await coldPage.locator('form[data-ready="true"]').waitFor();
  const firstLoad = new Map(scripts);
  await coldPage.waitForLoadState("networkidle");
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const later = new Map([...scripts].filter(([url]) => !firstLoad.has(url)));
  if (process.argv.includes("--verbose")) for (const [url, gz] of scripts) console.log(`  ${(gz / 1024).toFixed(1)} KB  ${url.replace(base, "")}${later.has(url) ? "  (after load, idle)" : ""}`);
  console.log(
    `form page first-load JavaScript: ${(sum(firstLoad) / 1024).toFixed(1)} KB gzipped in ${firstLoad.size} scripts (target <= 180 KB); ` +
      `loaded afterwards when idle (validation): ${(sum(later) / 1024).toFixed(1)} KB in ${later.size}`,
  );

  // Step changes: click "Next step" -> the next step's heading focused (its controls rendered and usable).
  const timings: number[] = [];
  for (let round = 0; round < 4; round++) {
    await coldPage.getByRole("button", { name: /^1\. / }).click();
    for (let step = 2; step <= 6; step++) {
      // A string, not a function: the bundler's helpers must not leak into the page.
      const ms = (await coldPage.evaluate(`new Promise((resolve) => {
        const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Next step");
        const started = performance.now();
        button.click();
        const check = () => {
          const h = document.activeElement;
          if (h && h.tagName === "H2" && h.textContent.startsWith("Step ${step} of")) resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        check();
      })`)) as number;
      timings.push(ms);
    }
  }
  console.log(
    `"Next step" click to next step interactive: p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms, max ${Math.max(...timings).toFixed(1)} ms over ${timings.length} step changes`,
  );
  await browser.close();
} finally {
  server.kill("SIGTERM");
}
