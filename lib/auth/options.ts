import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { checkCredentials } from "./credentials";
import { isRole } from "./permissions";

export function authOptions(): NextAuthOptions {
  const { AUTH_SECRET, BACKLINE_SESSION_IDLE_MINUTES } = env();
  return {
    secret: AUTH_SECRET,
    session: { strategy: "jwt", maxAge: BACKLINE_SESSION_IDLE_MINUTES * 60, updateAge: 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials) =>
          checkCredentials(db(), credentials?.email, credentials?.password),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = (user as { role?: unknown }).role;
        }
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
          },
        };
      },
    },
  };
}
