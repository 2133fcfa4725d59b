// The error codes the sign-in endpoint reports (next-auth passes them on as `?error=`), shared by the
// server, which throws them, and the sign-in form, which turns them into sentences. None says which part
// of the credentials was wrong or whether the account exists.
export const SIGN_IN_ERRORS = {
  /** Wrong email, wrong password, or an account that is off: next-auth's own code. */
  invalid: "CredentialsSignin",
  /** Too many failed attempts for this account, from this address or everywhere (lib/auth/throttle.ts). */
  throttled: "TooManyAttempts",
  /** The password was right; the account has two-step sign-in, and no code was sent. */
  codeRequired: "CodeRequired",
  /** The database is down. */
  unavailable: "Unavailable",
  /** Anything else (logged on the server with an error id). */
  failed: "SignInError",
} as const;

export const SIGN_IN_MESSAGES: Record<string, string> = {
  [SIGN_IN_ERRORS.invalid]: "Sign-in failed: the email or password is not correct.",
  [SIGN_IN_ERRORS.throttled]:
    "Too many failed sign-in attempts. For your security, sign-in is paused for a short while: wait a minute, then try again (each further failed attempt makes the pause longer), or ask a Backline administrator.",
  [SIGN_IN_ERRORS.codeRequired]: "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  [SIGN_IN_ERRORS.unavailable]: "Sign-in is unavailable right now. Try again shortly.",
  [SIGN_IN_ERRORS.failed]: "Sign-in is unavailable right now. Try again shortly.",
};
