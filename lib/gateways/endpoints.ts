import "server-only";
import type { Environment } from "@/lib/validation/environments";

/**
 * Which hosts a merchant account talks to. The environment implies the base URLs;
 * an account may override either, and USAePay may use an endpoint key in place of "v2".
 * Hosts: docs/usaepay-api.md, Hosts and endpoint keys; docs/clientpay-api.md, Environments and versions.
 * Pages never resolve these themselves: merchant DTOs carry the resolved URLs and hosts.
 */

const USAEPAY_HOSTS: Record<Exclude<Environment, "emulator">, string> = {
  sandbox: "https://sandbox.usaepay.com/api/v2/",
  production: "https://usaepay.com/api/v2/",
};

const CLIENTPAY_HOSTS: Record<Exclude<Environment, "emulator">, string> = {
  sandbox: "https://api.sandbox.clientpay.com/v2/",
  production: "https://api.clientpay.com/v2/",
};

export interface EndpointSettings {
  environment: Environment;
  usaepayBaseUrl: string | null;
  usaepayEndpointKey: string | null;
  clientpayBaseUrl: string | null;
}

export interface EmulatorUrls {
  usaepay: string;
  clientpay: string;
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

export function usaepayBaseUrl(settings: EndpointSettings, emulators: EmulatorUrls): string {
  const implied = settings.environment === "emulator" ? emulators.usaepay : USAEPAY_HOSTS[settings.environment];
  const base = withTrailingSlash(settings.usaepayBaseUrl || implied);
  if (!settings.usaepayEndpointKey) return base;
  // The endpoint key takes the place of the version segment: /api/v2/ → /api/<key>/.
  return base.replace(/\/v2\/$/, `/${encodeURIComponent(settings.usaepayEndpointKey)}/`);
}

export function clientpayBaseUrl(settings: EndpointSettings, emulators: EmulatorUrls): string {
  const implied = settings.environment === "emulator" ? emulators.clientpay : CLIENTPAY_HOSTS[settings.environment];
  return withTrailingSlash(settings.clientpayBaseUrl || implied);
}

/** For messages: the host a call went to, which is never secret. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** What pages show of an account's hosts (never secret), resolved once in the DAL's DTO. */
export interface ResolvedEndpoints {
  usaepayBaseUrl: string;
  usaepayHost: string;
  clientpayBaseUrl: string;
  clientpayHost: string;
}

export function resolveEndpoints(settings: EndpointSettings, emulators: EmulatorUrls): ResolvedEndpoints {
  const usaepay = usaepayBaseUrl(settings, emulators);
  const clientpay = clientpayBaseUrl(settings, emulators);
  return { usaepayBaseUrl: usaepay, usaepayHost: hostOf(usaepay), clientpayBaseUrl: clientpay, clientpayHost: hostOf(clientpay) };
}

/**
 * The hosts an account's URL override may name, per gateway: the documented ones
 * (docs/usaepay-api.md, Hosts and endpoint keys; docs/clientpay-api.md, Environments and
 * versions), the configured emulators, and the installation's GATEWAY_ALLOWED_HOSTS. An admin
 * in the app cannot add to it, so an admin session alone cannot send the sealed keys elsewhere.
 */
const DOCUMENTED_HOSTS: Record<"usaepay" | "clientpay", readonly string[]> = {
  usaepay: ["usaepay.com", "secure.usaepay.com", "www.usaepay.com", "www-01.usaepay.com", "www-02.usaepay.com", "www-03.usaepay.com", "sandbox.usaepay.com"],
  clientpay: ["api.clientpay.com", "api.sandbox.clientpay.com"],
};

export interface AllowList {
  emulators: EmulatorUrls;
  /** GATEWAY_ALLOWED_HOSTS: host names (or host:port), https only. */
  extraHosts: readonly string[];
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|\[::1\]|localhost)$/i;

/** Null when calls may go to this base URL, else why not (safe to show). */
export function gatewayUrlProblem(gateway: "usaepay" | "clientpay", rawUrl: string, allow: AllowList): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return "is not a valid URL.";
  }
  if (url.username || url.password) return "must not contain a user name or password.";
  const emulator = new URL(allow.emulators[gateway]);
  // The configured emulator (a loopback http address in every shipped setup) is always allowed.
  if (url.origin === emulator.origin && (url.protocol === "https:" || LOOPBACK.test(url.hostname))) return null;
  if (url.protocol !== "https:") return "must use https (plain http only for the local emulator).";
  const host = url.hostname.toLowerCase();
  const hostWithPort = url.port ? `${host}:${url.port}` : host;
  const allowed = DOCUMENTED_HOSTS[gateway].includes(host) && !url.port ? true : allow.extraHosts.some((entry) => entry.toLowerCase() === hostWithPort);
  return allowed ? null : `points at ${hostWithPort}, which is not an allowed ${gateway === "usaepay" ? "USAePay" : "ClientPay"} host (the documented hosts, the emulator, or GATEWAY_ALLOWED_HOSTS).`;
}
