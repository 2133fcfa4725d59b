// lib/clinical must stay pure: it runs in the browser bundle and on the server alike. Non-test modules import
// only zod and each other, and never read the clock, the environment or the file system.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "test-support" ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("purity of lib/clinical", () => {
  const files = sourceFiles(root);

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => relative(root, f)))("%s imports only zod and its own files", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']/g)].map((m) => m[1]);
    for (const s of specifiers) expect(s === "zod" || s?.startsWith("./") || s?.startsWith("../"), `${file}: ${s}`).toBe(true);
    expect(text).not.toMatch(/\bDate\.now\(|new Date\(|process\.|require\(|globalThis|Math\.random\(/);
  });
});
