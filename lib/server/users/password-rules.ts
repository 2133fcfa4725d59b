import "server-only";
import { passwordProblem } from "@/lib/contracts/password-policy";
import { env } from "@/lib/env";
import { AppError } from "@/lib/contracts/errors";

/** The password rules as the server applies them: with the demo password refused in production. */
export function assertPasswordAllowed(password: string, account: { email: string; name: string }): void {
  const problem = passwordProblem(password, { production: env().NODE_ENV === "production", ...account });
  if (problem) throw new AppError("validation_failed", "The password is not allowed.", [{ field: "password", message: problem }]);
}
