import type { TRole } from "@/lib/contracts/roles";
import type { TUserDto } from "@/lib/contracts/wire/users";

/** What the admin pages and API show of an account: never the password hash or session epoch. */
export const USER_SELECT = { id: true, email: true, name: true, role: true, active: true, createdAt: true, updatedAt: true, lastSignInAt: true } as const;

export function toUserDto(u: { id: string; email: string; name: string; role: TRole; active: boolean; createdAt: Date; updatedAt: Date; lastSignInAt: Date | null }): TUserDto {
  return { id: u.id, email: u.email, name: u.name, role: u.role, active: u.active, createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString(), lastSignInAt: u.lastSignInAt?.toISOString() ?? null };
}
