import { describe, expect, it } from "vitest";
import { ZNewPassword } from "@/lib/contracts/users";
import { passwordProblem, PASSWORD_MIN_LENGTH } from "./password-policy";

const dev = { production: false };
const prod = { production: true };

describe("password rules", () => {
  it("favour length: 12 characters of anything pass, 11 do not, no composition rules", () => {
    expect(passwordProblem("a".repeat(5) + "bcdefg", dev)).toMatch(/at least 12/);
    expect(passwordProblem("tulip kettle", dev)).toBeNull(); // 12, lower case and a space only
    expect(passwordProblem("correct horse battery staple", dev)).toBeNull();
    expect(PASSWORD_MIN_LENGTH).toBe(12);
  });

  it("count characters, not bytes, for the minimum, and refuse what bcrypt would cut off", () => {
    expect(passwordProblem("ééééééééééé", dev)).toMatch(/at least 12/); // 11 characters, 22 bytes
    expect(passwordProblem("日本語のパスワードです", dev)).toMatch(/at least 12/);
    expect(passwordProblem("日本語のとても長いパスワードです", dev)).toBeNull();
    expect(passwordProblem("x".repeat(30) + "y".repeat(42), dev)).toBeNull(); // 72 bytes
    expect(passwordProblem("x".repeat(30) + "y".repeat(43), dev)).toMatch(/at most 72 bytes/);
  });

  it("refuse breached and trivially patterned passwords, whatever their case", () => {
    for (const p of ["password1234", "PASSWORD1234", "qwerty123456", "iloveyou1234", "aaaaaaaaaaaaaa", "abcdefghijklmno", "zyxwvutsrqponm", "administrator"]) {
      expect(passwordProblem(p, dev), p).toMatch(/too common/);
    }
  });

  it("refuse the demo password in production only (the demo seed keeps working elsewhere)", () => {
    expect(passwordProblem("backline-demo", prod)).toMatch(/demo password/);
    expect(passwordProblem("Backline-Demo", prod)).toMatch(/demo password/);
    expect(passwordProblem("backline-demo", dev)).toBeNull();
  });

  it("refuse the account's own email, its local part or the person's name", () => {
    expect(passwordProblem("sam.staff@example.org", { ...dev, email: "sam.staff@example.org" })).toMatch(/email/);
    expect(passwordProblem("samuelstaffer", { ...dev, email: "samuelstaffer@example.org" })).toMatch(/email/);
    expect(passwordProblem("Samuel Staffordshire", { ...dev, name: "Samuel Staffordshire" })).toMatch(/name/);
  });

  it("are what the shared zod schema applies, naming no field but its own", () => {
    expect(ZNewPassword.safeParse("tulip kettle").success).toBe(true);
    expect(ZNewPassword.safeParse("short").error!.issues[0]!.message).toMatch(/at least 12/);
    expect(ZNewPassword.safeParse(12345678901234).error!.issues[0]!.message).toBe("Password is required");
  });
});
