import "server-only";
import { headers } from "next/headers";
import { clientAddressFrom } from "@/lib/client-address";
import { env } from "@/lib/env";

export interface RequestMeta {
  /** The client's address as far as it can be trusted (lib/client-address.ts), normalised. */
  ip: string | null;
  userAgent: string | null;
}

/**
 * Client address and user agent for audit rows and sign-in throttling. X-Forwarded-For and
 * X-Real-IP count only when the connection comes from one of TRUSTED_PROXIES.
 */
export function requestMetaFrom(get: (name: string) => string | null | undefined, options: { stamped?: boolean } = {}): RequestMeta {
  return {
    ip: clientAddressFrom(get, { trustedProxies: env.TRUSTED_PROXIES, stamped: options.stamped }),
    userAgent: get("user-agent")?.slice(0, 400) || null,
  };
}

export async function currentRequestMeta(): Promise<RequestMeta> {
  const incoming = await headers();
  return requestMetaFrom((name) => incoming.get(name));
}
