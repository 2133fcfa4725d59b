// The client address used for per-address sign-in throttling.
//
// In production every worker runs lib/auth/client-address-preload.cjs (scripts/start.mjs loads it), which decides
// the address from the TCP connection and BACKLINE_TRUSTED_PROXY_HOPS and puts it in x-backline-client-address,
// overwriting anything a client sent under that name. Without the preload (`npm run dev`, or a production server
// started some other way, which lib/startup.ts refuses) the rightmost X-Forwarded-For entry is used: Next.js writes
// it from the socket when the client sent none, but a client can write its own.
const ADDRESS = /^[0-9a-f:.]{2,45}$/i;

function normalise(entry: string): string {
  let value = entry.trim().toLowerCase();
  // "[2001:db8::1]:443" and "203.0.113.9:51234" → the address alone.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.startsWith("::ffff:") && /^\d{1,3}(\.\d{1,3}){3}$/.test(value.slice(7))) value = value.slice(7);
  return ADDRESS.test(value) ? value : "invalid";
}

const first = (raw: unknown): string => (Array.isArray(raw) ? String(raw[0] ?? "") : typeof raw === "string" ? raw : "");

export function clientAddress(headers: Record<string, unknown> | undefined): string {
  const decided = first(headers?.["x-backline-client-address"]);
  if (decided) return normalise(decided);
  const raw = headers?.["x-forwarded-for"];
  const header = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  const entries = header.split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return "unknown";
  return normalise(entries[entries.length - 1]!);
}
