import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { clientAddress } from "./client-address";
import { verifiedDevice } from "./device-cookie";
import { checkCredentials } from "./credentials";
import { isRole } from "./permissions";
import { sessionAccount, sessionClaimsOf } from "./session-account";
import { pastMaxLifetime, usesSecureCookies } from "./session-cookie";
import { SIGN_IN_ERRORS } from "./sign-in-errors";
import { signInLimits } from "./throttle";
import { endSession } from "./sign-out";

export function authOptions(): NextAuthOptions {
  const config = env();
  const secureCookies = usesSecureCookies(config.NEXTAUTH_URL);
  return {
    secret: config.AUTH_SECRET,
    // The cookie and the token inside it live BACKLINE_SESSION_IDLE_MINUTES; proxy.ts renews both on
    // each request, so the session ends after that long without activity (next-auth alone renews JWTs
    // only when /api/auth/session is fetched, which server-rendered pages never do).
    // However active, a session ends BACKLINE_SESSION_MAX_HOURS after sign-in (the token's authTime).
    session: { strategy: "jwt", maxAge: config.BACKLINE_SESSION_IDLE_MINUTES * 60, updateAge: 60 },
    pages: { signIn: "/signin", error: "/signin" },
    // next-auth's own log lines, as ours: codes only (its metadata may hold a request's details). A session that
    // ended (sign-out, deactivation) and is then read at /api/auth/session is expected, not an error.
    logger: {
      error(code) {
        if (code === "JWT_SESSION_ERROR") logger.info("next-auth: an ended session was read and cleared", { code });
        else logger.error("next-auth error", { code });
      },
      warn(code) {
        logger.warn("next-auth warning", { code });
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Code", type: "text" },
        },
        async authorize(credentials, request) {
          let result;
          try {
            result = await checkCredentials(db(), credentials?.email, credentials?.password, {
              address: clientAddress(request?.headers),
              limits: signInLimits(config),
              device: (account) => verifiedDevice(config.AUTH_SECRET, account, request?.headers?.cookie, secureCookies),
              twoStep: { code: credentials?.code, appSecret: config.AUTH_SECRET },
            });
          } catch (error) {
            // next-auth puts a thrown message into the redirect URL: only our codes may go there.
            const errorId = randomUUID();
            if (isDatabaseUnavailable(error)) {
              logger.warn("sign-in: database unavailable", { errorId });
              throw new Error(SIGN_IN_ERRORS.unavailable);
            }
            logger.error("sign-in failed", { errorId, error });
            throw new Error(SIGN_IN_ERRORS.failed);
          }
          if (result.ok) return result.user;
          if (result.reason === "throttled") throw new Error(SIGN_IN_ERRORS.throttled);
          if (result.reason === "code_required") throw new Error(SIGN_IN_ERRORS.codeRequired);
          return null;
        },
      }),
    ],
    events: {
      // Sign-out ends the session on the server too (lib/auth/sign-out.ts).
      async signOut({ token }) {
        try {
          await endSession(db(), token, config.BACKLINE_SESSION_MAX_HOURS);
        } catch (error) {
          logger.error("sign-out: could not end the session on the server", { error });
        }
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (!user) {
          // next-auth's own /api/auth/session reads and renews the session: it answers only for a session that
          // still stands (the account active, same epoch, not signed out, within its absolute lifetime).
          // Throwing here makes next-auth clear the cookie and answer an empty session.
          const claims = sessionClaimsOf(token);
          const now = Math.floor(Date.now() / 1000);
          if (!claims || pastMaxLifetime(token.authTime, now, config.BACKLINE_SESSION_MAX_HOURS * 3600) || !(await sessionAccount(claims))) {
            throw new Error("session ended");
          }
          return token;
        }
        const signedIn = user as { id: string; role?: unknown; sessionEpoch?: unknown };
        token.sub = signedIn.id;
        token.role = signedIn.role;
        token.epoch = signedIn.sessionEpoch;
        // The start of the session's absolute lifetime (BACKLINE_SESSION_MAX_HOURS); renewals keep it.
        token.authTime = Math.floor(Date.now() / 1000);
        // The session's own id: kept by every renewal, revoked by sign-out.
        token.sid = randomUUID();
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          user: {
            id: token.sub ?? "",
            name: session.user?.name ?? null,
            email: session.user?.email ?? null,
            role: isRole(token.role) ? token.role : null,
            epoch: typeof token.epoch === "number" ? token.epoch : 0,
          },
        };
      },
    },
  };
}
