import type { Context } from "hono";
import type { z } from "zod";
import { badRequest, unauthorized } from "./api-error";
import { canonicalizeKeys } from "./canonical-keys";
import type { AccountName } from "./credentials";
import type { EmulatorDeps, EmulatorEnv } from "./emulator-env";
import type { AccessIdRecord } from "./records";

/**
 * The checks every v2 call shares, in the order docs/clientpay-api.md, "Request IDs" fixes: access id first, then the
 * request id (consumed as soon as the access id has passed), then the rest of the body.
 */

export async function readBody(c: Context<EmulatorEnv>): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.", ["body"]);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw badRequest("The request body must be a JSON object.", ["body"]);
  }
  return canonicalizeKeys(parsed) as Record<string, unknown>;
}

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.join(".");
    return path && !issue.message.includes(path.split(".").pop() ?? "") ? `${path}: ${issue.message}` : issue.message;
  });
  throw badRequest("The request is invalid.", errors);
}

/** Header lookup is case-insensitive in Fetch already; the value may carry a `Bearer ` prefix. */
function headerValue(c: Context, name: string): string | null {
  const raw = c.req.header(name)?.trim();
  if (!raw) return null;
  return raw.replace(/^Bearer\s+/i, "").trim() || null;
}

interface AccessOptions {
  header?: "accessId" | "Authorization";
  /** Only Connect Search, Validate and Expire accept a customerAccessId (docs/clientpay-api.md, "Credentials and access IDs"). */
  allowCustomer?: boolean;
}

export function requireAccess(c: Context<EmulatorEnv>, deps: EmulatorDeps, options: AccessOptions = {}): AccessIdRecord {
  const header = options.header ?? "accessId";
  const id = headerValue(c, header);
  if (!id) throw unauthorized(`The ${header} header is required.`, [header]);
  const record = deps.store.activeAccessId(id);
  if (!record) {
    const known = deps.store.accessIds.get(id);
    // The text says which, for humans; clients should rely on the 401 alone (docs/clientpay-api.md, "Responses and errors").
    throw unauthorized(known ? "The accessId has expired." : "The accessId is not valid.", [header]);
  }
  if (record.scope.kind === "customer" && !options.allowCustomer) {
    throw unauthorized("A customerAccessId cannot be used for this call; use a merchant-account accessId.", [header]);
  }
  c.set("account", record.scope.kind === "account" ? record.scope.account : "customer");
  return record;
}

export function accountOf(record: AccessIdRecord): AccountName {
  if (record.scope.kind !== "account") throw unauthorized("A merchant-account accessId is required.", ["accessId"]);
  return record.scope.account;
}

/** Consumes `token.requestId` before the body is otherwise validated; a reuse has no side effect. */
export function consumeRequestId(deps: EmulatorDeps, access: AccessIdRecord, body: Record<string, unknown>): string {
  const token = body.token;
  const requestId =
    token && typeof token === "object" && typeof (token as Record<string, unknown>).requestId === "string"
      ? ((token as Record<string, unknown>).requestId as string).trim()
      : "";
  if (!requestId) throw badRequest("token.requestId is required.", ["token.requestId"]);
  const { requestIdStats: stats } = deps.store;
  const entry = deps.store.requestIds.get(requestId);
  if (!entry) {
    stats.unknownRefused += 1;
    throw badRequest("The requestId is not valid.", ["token.requestId"]);
  }
  if (entry.accessId !== access.id) {
    stats.foreignRefused += 1;
    throw badRequest("The requestId was issued for a different accessId.", ["token.requestId"]);
  }
  if (entry.consumed) {
    stats.replaysRefused += 1;
    throw badRequest("The requestId has already been used.", ["token.requestId"]);
  }
  entry.consumed = true;
  stats.consumed += 1;
  return requestId;
}

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}
