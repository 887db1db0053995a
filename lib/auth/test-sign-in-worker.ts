/**
 * A second process for lib/auth/sign-in-locks.db.test.ts: makes N failed sign-ins for an email
 * against the same database, as another app instance would.
 */
import { db } from "@/lib/db";
import { signInWithPassword } from "./sign-in";

const [email, count, ip] = process.argv.slice(2);
for (let attempt = 0; attempt < Number(count); attempt++) {
  await signInWithPassword({ email: email!, password: "wrong-password-from-worker" }, { ip: ip ?? null, userAgent: "worker" });
}
await db.$disconnect();
