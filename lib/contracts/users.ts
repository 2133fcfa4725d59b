// User administration: shared by the admin forms (react-hook-form) and the API.
import { z } from "zod";
import { passwordProblem } from "@/lib/contracts/password-policy";
import { ROLES } from "@/lib/contracts/roles";
import { personName } from "./text";

const ZRole = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });

/**
 * A new password: length over complexity, not a breached one. The demo password is refused on the
 * server in production (the form cannot know where it runs), see lib/auth/password-policy.ts.
 */
export const ZNewPassword = z
  .string({ error: "Password is required" })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value, { production: false });
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ZUserCreate = z.strictObject(
  {
    name: personName("Name"),
    email: z
      .string({ error: "Email is required" })
      .trim()
      .toLowerCase()
      .max(254, "Email must be at most 254 characters")
      .pipe(z.email({ error: "Email must be an email address such as name@clinic.org" })),
    role: ZRole,
    /** Left out: the person chooses their own with a one-time link (the response's setPasswordUrl). */
    password: ZNewPassword.optional(),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? `Unknown field(s): ${iss.keys.join(", ")}` : undefined) },
);
export type TUserCreateInput = z.input<typeof ZUserCreate>;
export type TUserCreate = z.output<typeof ZUserCreate>;

export const ZUserUpdate = z
  .strictObject({
    role: ZRole.optional(),
    active: z.boolean({ error: "active must be true or false" }).optional(),
  })
  .refine((v) => v.role !== undefined || v.active !== undefined, { path: ["role"], message: "Send a role, active, or both" });
export type TUserUpdate = z.output<typeof ZUserUpdate>;

export const ZPasswordReset = z.strictObject({ password: ZNewPassword });
export type TPasswordReset = z.output<typeof ZPasswordReset>;

/**
 * POST /api/v1/admin/users/{id}/password: `{ password }` (an admin types it) or `{ link: true }` (a one-time
 * set-password link for the person; the current password works until the link is used).
 */
export const ZPasswordChange = z.union([ZPasswordReset, z.strictObject({ link: z.literal(true, { error: "link must be true" }) })], {
  error: "Send { password } or { link: true }",
});
export type TPasswordChange = z.output<typeof ZPasswordChange>;

/** A set-password link's token: 32 random bytes, base64url (43 characters). */
export const ZSetPasswordToken = z
  .string({ error: "token is required" })
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, "token is not a link's token");

/**
 * POST /api/v1/account/set-password (public: the token is the authority). `{ token }` checks the link (whose
 * account, until when); `{ token, password }` sets the password and uses the link up.
 */
export const ZSetPassword = z.strictObject({ token: ZSetPasswordToken, password: ZNewPassword.optional() });
export type TSetPassword = z.output<typeof ZSetPassword>;
