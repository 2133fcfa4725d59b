import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { assertCan } from "../guard";
import type { TUserDto } from "@/lib/contracts/wire/users";
import { toUserDto, USER_SELECT } from "./user-dto";

export async function listUsers(user: TCurrentUser): Promise<TUserDto[]> {
  assertCan(user, "admin:users");
  const rows = await db().user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], select: USER_SELECT });
  return rows.map(toUserDto);
}
