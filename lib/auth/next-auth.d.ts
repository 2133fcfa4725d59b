import type { TRole } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string | null; email: string | null; role: TRole | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: unknown;
  }
}
