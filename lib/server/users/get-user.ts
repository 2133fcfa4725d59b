import "server-only";
import type { TCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/contracts/errors";
import { assertCan } from "../guard";
import type { TUserDto } from "@/lib/contracts/wire/users";
import { toUserDto, USER_SELECT } from "./user-dto";

export async function getUser(user: TCurrentUser, id: string): Promise<TUserDto> {
  assertCan(user, "admin:users");
  const found = await db().user.findUnique({ where: { id }, select: USER_SELECT });
  if (!found) throw new AppError("not_found", "User not found.");
  return toUserDto(found);
}
