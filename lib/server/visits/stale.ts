import "server-only";
import { AppError } from "@/lib/contracts/errors";
import type { TDbOrTx } from "../audit";

/**
 * After a guarded update matched no row: say why. Not found → 404; otherwise the version or the
 * status moved on → 409 with the current version and status, so the client can reload.
 */
export async function explainNoUpdate(tx: TDbOrTx, id: string, expected: { version: number; status: string }): Promise<AppError> {
  const current = await tx.visit.findUnique({ where: { id }, select: { version: true, status: true } });
  if (!current) return new AppError("not_found", "Visit not found.");
  if (current.status !== expected.status) {
    return new AppError("conflict", `This visit is already ${current.status.toLowerCase()}; it can no longer be changed here.`, undefined, {
      current: { version: current.version, status: current.status },
    });
  }
  return new AppError(
    "conflict",
    "This visit was changed by someone else (or in another tab) since you loaded it. Reload to see the latest version.",
    [{ field: "version", message: `is ${expected.version}, the visit is now at version ${current.version}` }],
    { current: { version: current.version, status: current.status } },
  );
}
