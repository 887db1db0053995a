import "server-only";
import { headers } from "next/headers";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Client address and user agent for audit rows. The first X-Forwarded-For hop is the client. */
export function requestMetaFrom(get: (name: string) => string | null | undefined): RequestMeta {
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || get("x-real-ip") || null,
    userAgent: get("user-agent")?.slice(0, 400) || null,
  };
}

export async function currentRequestMeta(): Promise<RequestMeta> {
  const incoming = await headers();
  return requestMetaFrom((name) => incoming.get(name));
}
