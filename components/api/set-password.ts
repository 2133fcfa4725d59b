// The public set-password page's calls: the link's token is the authority (nobody is signed in).
import type { TSetPasswordLinkCheck } from "@/lib/contracts/wire/users";
import { postJson } from "./client";

const URL = "/api/v1/account/set-password";

export const checkSetPasswordLink = (token: string) => postJson<Partial<TSetPasswordLinkCheck> | null>(URL, { token });
export const setPasswordWithLink = (token: string, password: string) => postJson<unknown>(URL, { token, password });
