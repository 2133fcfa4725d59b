// The access table must list exactly the pages and API routes (with their HTTP methods) that exist,
// with the permission each one's source actually checks. A new route without an entry fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCESS_TABLE, allowedRoles, entryKey, type TAccess } from "./access-table";
import { PERMISSIONS } from "./permissions";

const APP = "app";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** app/(app)/visits/[id]/page.tsx → /visits/[id]: route groups and the file name dropped. */
function urlPath(file: string): string {
  const segments = path.dirname(path.relative(APP, file)).split(path.sep).filter((s) => s !== "." && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** The HTTP methods a route file exports: `export const GET =`, `export async function POST`, `export { h as GET }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) found.add(part.trim().split(/\s+as\s+/).pop()!.trim());
  }
  return [...found].filter((name) => METHODS.includes(name));
}

const files = walk(APP);
const pages = files.filter((f) => /(^|\/)page\.tsx?$/.test(f));
const routes = files.filter((f) => /(^|\/)route\.tsx?$/.test(f));
const keyOfFile = new Map<string, string>();
const onDisk = new Set<string>();
for (const f of pages) {
  onDisk.add(`PAGE ${urlPath(f)}`);
  keyOfFile.set(`PAGE ${urlPath(f)}`, f);
}
for (const f of routes) {
  for (const method of exportedMethods(readFileSync(f, "utf8"))) {
    onDisk.add(`${method} ${urlPath(f)}`);
    keyOfFile.set(`${method} ${urlPath(f)}`, f);
  }
}
const inTable = ACCESS_TABLE.map(entryKey);

/** The permission(s) a source passes to apiRoute(...) for one exported method, or requirePermission(...) in a page. */
function declaredAccess(key: string, source: string): TAccess {
  const list = (args: string) => [...args.matchAll(/"([a-z]+:[a-z]+)"/g)].map((m) => m[1]!);
  const normalise = (perms: string[]): TAccess => (perms.length === 1 ? (perms[0] as TAccess) : (perms as unknown as TAccess));
  if (key.startsWith("PAGE ")) {
    const required = /requirePermission\(([^)]*)\)/.exec(source);
    if (required) return normalise(list(required[1]!));
    return /requireUser\(\)/.test(source) ? "signed-in" : "public";
  }
  const method = key.split(" ")[0]!;
  const handler = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*apiRoute(?:<[^>]*>)?\\(\\s*(\\[[^\\]]*\\]|"[^"]*")`).exec(source);
  return handler ? normalise(list(handler[1]!)) : "public";
}

describe("access table", () => {
  it("lists every page and every API route + method in app/, and nothing else", () => {
    expect(pages.length).toBeGreaterThan(5);
    expect(routes.length).toBeGreaterThan(5);
    const missing = [...onDisk].filter((k) => !inTable.includes(k)).sort();
    const stale = inTable.filter((k) => !onDisk.has(k)).sort();
    expect(missing, "pages/routes with no entry in lib/auth/access-table.ts").toEqual([]);
    expect(stale, "entries in lib/auth/access-table.ts with no page/route").toEqual([]);
    expect(new Set(inTable).size, "duplicate entries").toBe(inTable.length);
  });

  it("matches the permission each handler and page checks in its source", () => {
    for (const entry of ACCESS_TABLE) {
      const key = entryKey(entry);
      const file = keyOfFile.get(key);
      if (!file) continue; // reported by the test above
      const declared = declaredAccess(key, readFileSync(file, "utf8"));
      expect(declared, `${key} (${file})`).toEqual(entry.access);
    }
  });

  it("has no server actions: every way in is a page or a route listed above", () => {
    const sources = ["app", "components", "lib"].flatMap((dir) => walk(dir)).filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes("generated") && !f.endsWith(".test.ts"));
    const withActions = sources.filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));
    expect(withActions).toEqual([]);
  });

  it("derives each entry's allowed roles from the permission matrix", () => {
    expect(allowedRoles("public")).toBe("anyone");
    expect(allowedRoles("signed-in")).toEqual(["STAFF", "CLINICIAN", "ADMIN"]);
    expect(allowedRoles("review:read")).toEqual(["CLINICIAN"]);
    expect(allowedRoles(["intake:write", "review:read"])).toEqual(["STAFF", "CLINICIAN"]);
    for (const entry of ACCESS_TABLE) {
      const perms = typeof entry.access === "string" ? [entry.access] : entry.access;
      for (const p of perms) if (p !== "public" && p !== "signed-in") expect(Object.keys(PERMISSIONS)).toContain(p);
    }
  });
});
