import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Test-only code: lib/testing/ and every test-support/ folder (builders, worked cases, validators, the HTTP sign-in
// helper). Tests, e2e/ and scripts/ use it; production code never imports it, so the build never bundles it.
const TEST_ONLY = {
  group: ["**/test-support", "**/test-support/*", "**/testing", "**/testing/*"],
  message: "test-support/ and lib/testing/ are test-only: production code never imports them (dev and benchmark data lives in lib/db/seed/).",
};
const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx", "lib/testing/**", "**/test-support/**"];

const CLINICAL_PURE = [
  { group: ["node:*", "fs", "path", "child_process", "http", "https", "net"], message: "lib/clinical is pure: no I/O." },
  { group: ["react", "react-dom", "next", "next/*", "next-auth", "next-auth/*"], message: "lib/clinical is framework-free." },
  { group: ["@prisma/*", "pg", "@/lib/db/*", "@/lib/server/*", "@/lib/auth/*"], message: "lib/clinical never touches the database." },
];
const LIB_NOT_UI = {
  group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"],
  message: "lib/** never imports components/ or app/: move what both need into lib/contracts.",
};
const UI_NOT_SERVER = {
  group: ["@/lib/server/*", "@/lib/db/*", "**/lib/server/*", "**/lib/db/*"],
  message: "components/** never imports lib/server or lib/db: take the shape from lib/contracts/wire.",
};

// A block that sets no-restricted-imports replaces what an earlier block set for the same files (flat config does
// not merge a rule's options), so each block below lists every pattern its files must keep, and a folder whose
// test-only files differ gets two blocks with disjoint files.
const restrictImports = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  {
    // The clinical core stays pure: no I/O, no framework, no database.
    files: ["lib/clinical/**/*.ts"],
    ignores: TEST_FILES,
    rules: restrictImports(...CLINICAL_PURE, TEST_ONLY),
  },
  {
    // Its test-support is pure too.
    files: ["lib/clinical/test-support/**/*.ts"],
    rules: restrictImports(...CLINICAL_PURE),
  },
  {
    // Layers point one way: lib never imports the UI or the pages (shared words live in lib/contracts).
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/clinical/**", ...TEST_FILES],
    rules: restrictImports(LIB_NOT_UI, TEST_ONLY),
  },
  {
    // lib's test-only files may use one another, never the UI.
    files: ["lib/testing/**/*.{ts,tsx}", "lib/**/test-support/**/*.{ts,tsx}"],
    ignores: ["lib/clinical/**"],
    rules: restrictImports(LIB_NOT_UI),
  },
  {
    // The shared agreements (schemas, words, error envelope, wire shapes) build on the clinical core alone.
    files: ["lib/contracts/**/*.ts"],
    ignores: ["lib/contracts/**/*.test.ts"],
    rules: restrictImports(
      {
        group: ["@/*", "!@/lib", "@/lib/*", "!@/lib/clinical", "!@/lib/contracts", "../*", "**/components/*", "**/app/*"],
        message: "lib/contracts imports only lib/clinical (and itself).",
      },
      { group: ["node:*", "fs", "path", "react", "react-dom", "next", "next/*", "next-auth", "next-auth/*", "@prisma/*", "pg", "server-only"], message: "lib/contracts is plain data and zod: no I/O, no framework." },
      TEST_ONLY,
    ),
  },
  {
    // The UI reaches the server through the API or a page's props, never by importing it.
    files: ["components/**/*.{ts,tsx}"],
    ignores: TEST_FILES,
    rules: restrictImports(UI_NOT_SERVER, TEST_ONLY),
  },
  {
    files: ["components/**/*.test.{ts,tsx}"],
    rules: restrictImports(UI_NOT_SERVER),
  },
  {
    // The pages, the API routes and the request proxy are production code.
    files: ["app/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts"],
    ignores: TEST_FILES,
    rules: restrictImports(TEST_ONLY),
  },
  {
    // Only lib/env.ts reads process.env in app code.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/server/**/*.ts", "lib/auth/**/*.ts", "lib/http/**/*.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
];

export default config;
