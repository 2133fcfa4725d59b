// What the API sends for accounts and sign-in pauses: the shape the screens and
// other clients read. Built on the server by lib/server/users/.

import type { TRole } from "@/lib/contracts/roles";

export interface TUserDto {
  id: string;
  email: string;
  name: string;
  role: TRole;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** the last successful sign-in, null if never */
  lastSignInAt: string | null;
}

/** A one-time set-password link: `setPasswordUrl` works once, until `expiresAt`. */
export interface TSetPasswordLink {
  setPasswordUrl: string;
  expiresAt: string;
}

/** POST /api/v1/admin/users without a password: the account and its link. */
export interface TUserCreatedWithLink extends TSetPasswordLink {
  user: TUserDto;
}

/** POST /api/v1/account/set-password with a token only: whose link it is. */
export interface TSetPasswordLinkCheck {
  name: string;
  email: string;
  expiresAt: string;
}

export interface TSignInPauses {
  /** accounts paused now, or at their limit (the next failure pauses them) */
  accounts: { userId: string | null; name: string | null; email: string | null; failures: number; pausedUntil: string | null }[];
  /** client addresses at their limit, with when the oldest failure leaves the window */
  addresses: { address: string; failures: number; until: string }[];
  /** failures everywhere within the window, against the global limit */
  everywhere: { failures: number; limit: number };
  windowMinutes: number;
}
