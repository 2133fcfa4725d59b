import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");

// Unit tests: `*.test.ts`, pure, no database. Integration tests: `*.int.test.ts`, against a real
// PostgreSQL (a fresh database per run; embedded unless DATABASE_URL is set).
export default defineConfig({
  resolve: {
    alias: {
      "@/": `${root}/`,
      // `server-only` throws outside Next's server bundle; domain code is still server code here.
      "server-only": `${root}/lib/testing/empty-module.ts`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["lib/testing/global-setup.ts"],
          setupFiles: ["lib/testing/setup-integration.ts"],
          // One file at a time: the files share the run's database.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
