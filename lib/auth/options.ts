import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { requestMetaFrom } from "@/lib/request-meta";
import { decoyPasswordHash, verifyPassword } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

// Slows password guessing: 10 failures per address and email within 15 minutes, counted in the
// database so that every app instance behind one address holds the same count.
const failedSignIns = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimiterFlexible", keyPrefix: "sign-in", points: 10, duration: 15 * 60, clearExpiredByTimeout: false });

type IncomingHeaders = Record<string, string | string[] | undefined> | undefined;

function headerReader(incoming: IncomingHeaders) {
  return (name: string) => {
    const value = incoming?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const meta = requestMetaFrom(headerReader(req?.headers as IncomingHeaders));
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;

        const throttleKey = `${meta.ip ?? "unknown"}|${email}`;
        const throttle = await failedSignIns.get(throttleKey);
        if (throttle && throttle.remainingPoints <= 0) throw new Error("TooManyAttempts");

        const user = await db.user.findUnique({ where: { email } });
        const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
        if (!user || user.disabled || !passwordMatches) {
          await failedSignIns.penalty(throttleKey).catch(() => undefined);
          await recordAuditEvent({
            actor: user ? { id: user.id, email: user.email } : null,
            action: "auth.sign_in",
            outcome: "failure",
            targetType: "user",
            targetId: user?.id,
            meta,
            details: { email, reason: !user ? "unknown_email" : user.disabled ? "disabled" : "wrong_password" },
          });
          return null;
        }

        await failedSignIns.delete(throttleKey);
        await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        await recordAuditEvent({
          actor: { id: user.id, email: user.email },
          action: "auth.sign_in",
          targetType: "user",
          targetId: user.id,
          meta,
        });
        logger.info({ userId: user.id }, "user signed in");
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // The token carries identity and the session version; the role is re-read from
    // the database on every request (lib/auth/session.ts), so changes apply at once.
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) session.user.id = typeof token.uid === "string" ? token.uid : "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
};
