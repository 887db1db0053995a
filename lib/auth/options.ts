import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { requestMetaFrom } from "@/lib/request-meta";
import { signInWithPassword } from "./sign-in";
import { TRUSTED_DEVICE_COOKIE } from "./two-factor";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

type IncomingHeaders = Record<string, string | string[] | undefined> | undefined;

function headerReader(incoming: IncomingHeaders) {
  return (name: string) => {
    const value = incoming?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of cookieHeader?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/**
 * next-auth carries the session cookie; what a session is lives in the database
 * (lib/auth/sessions.ts): the JWT holds the user id and the session record's id, and the
 * record is checked on every request. The cookie's own lifetime is the absolute lifetime,
 * so it never outlives the record.
 */
export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const read = headerReader(req?.headers as IncomingHeaders);
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await signInWithPassword(parsed.data, requestMetaFrom(read), cookieValue(read("cookie"), TRUSTED_DEVICE_COOKIE));
        if (!result) return null;
        return { id: result.user.id, email: result.user.email, name: result.user.name, sid: result.sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = (user as { sid?: string }).sid;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) session.user.id = typeof token.uid === "string" ? token.uid : "";
      return session;
    },
  },
};
