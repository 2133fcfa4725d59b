// A bad configuration stops the server at start-up with a message naming the variable,
// instead of failing on the first request.
import { env, EnvError } from "./env";

export function checkConfigurationOrExit(): void {
  try {
    const config = env();
    // Without the preload a client could choose its own address for the sign-in throttle (lib/auth/client-address.ts).
    const holder = globalThis as { backlineClientAddressPreload?: { hops: number } };
    if (config.NODE_ENV === "production" && !holder.backlineClientAddressPreload) {
      console.error(
        "Backline must be started with `npm start` (scripts/start.mjs) in production: it loads lib/auth/client-address-preload.cjs into each worker, " +
          "which takes each client's address from its connection and BACKLINE_TRUSTED_PROXY_HOPS. " +
          "(Or run: node --require ./lib/auth/client-address-preload.cjs node_modules/next/dist/bin/next start)",
      );
      process.exit(1);
    }
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
