// The signed-in user's own calls: setting up two-step sign-in (the password again, then a code from the app).
import { postJson } from "./client";

export interface TTwoStepSetup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export const startTwoStep = (password: string) => postJson<TTwoStepSetup>("/api/v1/me/two-step", { password });
export const confirmTwoStep = (code: string) => postJson<{ recoveryCodes: string[] }>("/api/v1/me/two-step/confirm", { code });
