import type { TRole } from "@/lib/contracts/roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string | null; email: string | null; role: TRole | null; epoch: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: unknown;
    /** The account's session epoch at sign-in (see users.session_epoch). */
    epoch?: unknown;
    /** When the session began (seconds since the epoch): its absolute lifetime counts from here. */
    authTime?: unknown;
    /** The session id, chosen at sign-in and kept by renewals: sign-out revokes it (revoked_sessions). */
    sid?: unknown;
  }
}
