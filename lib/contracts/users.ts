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
    password: ZNewPassword,
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
