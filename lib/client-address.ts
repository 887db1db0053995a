import "server-only";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

/**
 * Who is on the other end of a request. The client's own claims (X-Forwarded-For,
 * X-Real-IP) are believed only when the connection comes from a proxy named in
 * TRUSTED_PROXIES; otherwise the address is the connection's own peer. proxy-addr walks the
 * forwarded chain from the peer backwards while each hop is trusted, as Express does.
 *
 * The peer address is stamped on the request by scripts/server-preload.mjs, which `npm start`,
 * the demo and the e2e servers load: Next keeps a client-sent X-Forwarded-For as it is, so
 * without the stamp the connection's address is lost.
 */

export const PEER_ADDRESS_HEADER = "x-paydesk-peer-address";
/** Set (to true) by scripts/server-preload.mjs in the server process: only then is the header ours. */
const STAMP_FLAG = Symbol.for("paydesk.peerAddressStamped");

/** For env validation: why a TRUSTED_PROXIES value is unusable, or null when it is fine. */
export function trustedProxiesProblem(value: string): string | null {
  try {
    proxyaddr.compile(listOf(value));
    return null;
  } catch (error) {
    return `must be addresses, CIDR ranges or loopback/linklocal/uniquelocal, comma-separated (${(error as Error).message})`;
  }
}

function listOf(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * One spelling per address, so a lock on 192.0.2.50 holds for 192.0.2.050, ::ffff:192.0.2.50
 * and the like. Dotted quads are read as decimal (proxies write them so; the octal reading of
 * a leading zero that ipaddr.js follows would turn "050" into a different, fresh address).
 * Returns null for anything that is not an IP address.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let candidate = raw.trim();
  if (candidate.startsWith("[") && candidate.includes("]")) candidate = candidate.slice(1, candidate.indexOf("]"));
  const quad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(candidate);
  if (quad) {
    const octets = quad.slice(1).map(Number);
    if (octets.some((octet) => octet > 255)) return null;
    return octets.join(".");
  }
  if (!ipaddr.IPv6.isValid(candidate)) return null;
  // process() turns an IPv4-mapped IPv6 address into its IPv4 form; toString() is RFC 5952.
  const parsed = ipaddr.process(candidate);
  if (parsed.kind() === "ipv4") return parsed.toString();
  return (parsed as ipaddr.IPv6).toString().replace(/%.*$/, "");
}

/**
 * The key a per-address throttle counts under: the address itself for IPv4, its /64 network
 * for IPv6 (one subscriber commonly holds a whole /64, so single addresses are free to them).
 */
export function throttleKeyForAddress(address: string): string {
  if (!address.includes(":")) return address;
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${address}/64`);
  return `${network.toString()}/64`;
}

export interface AddressOptions {
  trustedProxies: string;
  /** Tests: whether scripts/server-preload.mjs stamped this request. */
  stamped?: boolean;
}

const compiled = new Map<string, ReturnType<typeof proxyaddr.compile>>();
function trustFor(list: string) {
  let trust = compiled.get(list);
  if (!trust) {
    trust = proxyaddr.compile(listOf(list));
    compiled.set(list, trust);
  }
  return trust;
}

export function peerAddressStamped(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMP_FLAG] === true;
}

/**
 * The client's address from a request's headers, normalised; null when it cannot be known
 * (no stamped peer address: e.g. `next dev`, which does not load the stamp).
 */
export function clientAddressFrom(get: (name: string) => string | null | undefined, options: AddressOptions): string | null {
  const stamped = options.stamped ?? peerAddressStamped();
  const peer = stamped ? normalizeAddress(get(PEER_ADDRESS_HEADER)) : null;
  if (!peer) return null;
  const trust = trustFor(options.trustedProxies);
  if (!trust(peer, 0)) return peer;
  const forwarded = get("x-forwarded-for");
  if (forwarded) {
    // proxy-addr reads a Node request; this is the part of one it looks at.
    const request = { headers: { "x-forwarded-for": forwarded }, connection: { remoteAddress: peer }, socket: { remoteAddress: peer } };
    return normalizeAddress(proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trust));
  }
  return normalizeAddress(get("x-real-ip")) ?? peer;
}
