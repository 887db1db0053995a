/**
 * Adds a staff user from the command line (for the first admin of a real installation):
 *   npm run user:add -- --email ana@example.com --name "Ana Ortiz" --role ADMIN
 * The password is read from PAYDESK_NEW_USER_PASSWORD if set, otherwise generated and
 * printed once. Writes an audit event with no actor ("system").
 */
import "./load-env";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { insertUser } from "@/lib/dal/internal/users";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUserSchema } from "@/lib/validation/users";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "VIEWER" } },
});

const generated = !process.env.PAYDESK_NEW_USER_PASSWORD;
const password = process.env.PAYDESK_NEW_USER_PASSWORD ?? randomBytes(12).toString("base64url");
const parsed = createUserSchema.safeParse({ ...values, password });

if (!parsed.success) {
  console.error("Cannot add the user:");
  for (const [field, messages] of Object.entries(z.flattenError(parsed.error).fieldErrors)) {
    console.error(`  --${field}: ${(messages as string[]).join(" ")}`);
  }
  console.error('Usage: npm run user:add -- --email EMAIL --name "NAME" --role ADMIN|MANAGER|VIEWER');
  process.exit(2);
}

try {
  const user = await insertUser(parsed.data, { actor: null });
  console.log(`Added ${user.email} (${user.role}).`);
  if (generated) console.log(`Initial password (shown once): ${password}`);
} catch (error) {
  console.error(error instanceof AppError ? error.userMessage : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
