// The client address used for per-address sign-in throttling.
//
// Route handlers in the App Router never see the TCP peer address. What they get is X-Forwarded-For:
// Next.js fills it from the socket when the request arrives without one, and a reverse proxy appends
// the address it saw. So the client is the entry `hops` places from the right, where `hops` is the
// number of trusted proxies (BACKLINE_TRUSTED_PROXY_HOPS); with none, the rightmost entry, which Next.js
// wrote itself unless the client sent the header. That is why production should run behind a proxy
// that sets the header: without one, a client can choose its own address for the per-address limit
// (the per-account limit does not depend on it).

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

export function clientAddress(headers: Record<string, unknown> | undefined, trustedHops: number): string {
  const raw = headers?.["x-forwarded-for"];
  const header = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  const entries = header.split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return "unknown";
  const index = Math.max(0, entries.length - Math.max(1, trustedHops));
  return normalise(entries[index]!);
}
