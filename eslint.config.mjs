import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  {
    // The clinical core stays pure: no I/O, no framework, no database.
    files: ["lib/clinical/**/*.ts"],
    ignores: ["lib/clinical/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "path", "child_process", "http", "https", "net"], message: "lib/clinical is pure: no I/O." },
            { group: ["react", "react-dom", "next", "next/*", "next-auth", "next-auth/*"], message: "lib/clinical is framework-free." },
            { group: ["@prisma/*", "pg", "@/lib/db/*", "@/lib/server/*", "@/lib/auth/*"], message: "lib/clinical never touches the database." },
          ],
        },
      ],
    },
  },
  {
    // Layers point one way: lib never imports the UI or the pages (shared words live in lib/contracts).
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/clinical/**", "lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"], message: "lib/** never imports components/ or app/: move what both need into lib/contracts." }] },
      ],
    },
  },
  {
    // The shared agreements (schemas, words, error envelope, wire shapes) build on the clinical core alone.
    files: ["lib/contracts/**/*.ts"],
    ignores: ["lib/contracts/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/*", "!@/lib", "@/lib/*", "!@/lib/clinical", "!@/lib/contracts", "../*", "**/components/*", "**/app/*"],
              message: "lib/contracts imports only lib/clinical (and itself).",
            },
            { group: ["node:*", "fs", "path", "react", "react-dom", "next", "next/*", "next-auth", "next-auth/*", "@prisma/*", "pg", "server-only"], message: "lib/contracts is plain data and zod: no I/O, no framework." },
          ],
        },
      ],
    },
  },
  {
    // The UI reaches the server through the API or a page's props, never by importing it.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/*", "@/lib/db/*", "**/lib/server/*", "**/lib/db/*"], message: "components/** never imports lib/server or lib/db: take the shape from lib/contracts/wire." },
          ],
        },
      ],
    },
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
