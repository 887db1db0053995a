import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

/**
 * Field names whose values must never reach a log line, at any depth we know of.
 * pino's redaction works on paths, so the common nestings are spelled out.
 */
const SECRET_FIELDS = [
  "apiKey", "apikey", "api_key", "pin", "PIN", "accountPin", "accountKey", "integratorKey",
  "accessId", "accessID", "requestId", "requestID", "password", "passwordHash",
  "authorization", "Authorization", "cookie", "token", "secret", "sealed",
  "number", "cardNumber", "cvc", "cvv2", "routing", "account", "creditcard",
];

const redactPaths = SECRET_FIELDS.flatMap((field) => [
  field,
  `*.${field}`,
  `*.*.${field}`,
  `headers.${field.toLowerCase()}`,
  `req.headers.${field.toLowerCase()}`,
]);

export const logger = pino({
  level: env.LOG_LEVEL,
  redact: { paths: redactPaths, censor: "[redacted]" },
  base: undefined,
});

export type Logger = typeof logger;
