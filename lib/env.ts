import "server-only";
import { parseEnv } from "./env-schema";

/** The only reader of process.env in the app: validated once, when first imported. */
export const env = parseEnv(process.env);
export type { Env } from "./env-schema";
