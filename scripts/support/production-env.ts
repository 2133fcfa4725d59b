// The environment a local production app (scripts/start.mjs) runs with, for the e2e server, the specs' own apps
// and the benchmarks: one place, so a setting production requires is added once.
export function productionAppEnv(options: { databaseUrl: string; publicUrl: string; secret: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_URL: options.publicUrl,
    NEXTAUTH_SECRET: options.secret,
    NEXT_TELEMETRY_DISABLED: "1",
    // Clients connect directly (no reverse proxy): production requires the setting.
    BACKLINE_TRUSTED_PROXY_HOPS: process.env.BACKLINE_TRUSTED_PROXY_HOPS ?? "0",
  };
}
