import { describe, expect, it } from "vitest";
import { clientAddressFrom, normalizeAddress, PEER_ADDRESS_HEADER, throttleKeyForAddress } from "./client-address";

function reader(values: Record<string, string>) {
  return (name: string) => values[name];
}

describe("client address", () => {
  it("ignores X-Forwarded-For and X-Real-IP when no proxy is trusted", () => {
    const get = reader({ [PEER_ADDRESS_HEADER]: "198.51.100.20", "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2" });
    expect(clientAddressFrom(get, { trustedProxies: "", stamped: true })).toBe("198.51.100.20");
  });

  it("reads the forwarded chain back to the first untrusted hop when the peer is a trusted proxy", () => {
    const get = reader({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "203.0.113.1, 198.51.100.9, 10.0.0.7" });
    // 10.0.0.7 is trusted too (same range); 198.51.100.9 is not, so it is the client (203.0.113.1 is its claim).
    expect(clientAddressFrom(get, { trustedProxies: "10.0.0.0/8", stamped: true })).toBe("198.51.100.9");
  });

  it("uses X-Real-IP from a trusted proxy that sends no X-Forwarded-For", () => {
    const get = reader({ [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-real-ip": "203.0.113.77" });
    expect(clientAddressFrom(get, { trustedProxies: "loopback", stamped: true })).toBe("203.0.113.77");
  });

  it("does not trust a peer address header that this process did not stamp", () => {
    const get = reader({ [PEER_ADDRESS_HEADER]: "198.51.100.20", "x-forwarded-for": "203.0.113.1" });
    expect(clientAddressFrom(get, { trustedProxies: "", stamped: false })).toBeNull();
  });

  it("normalises spellings of one address to one key", () => {
    expect(normalizeAddress("192.0.2.050")).toBe("192.0.2.50");
    expect(normalizeAddress("192.0.2.50")).toBe("192.0.2.50");
    expect(normalizeAddress("::ffff:192.0.2.50")).toBe("192.0.2.50");
    expect(normalizeAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.256")).toBeNull();
    expect(normalizeAddress("evil")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });

  it("a forwarded 192.0.2.050 from a trusted proxy is the same client as 192.0.2.50", () => {
    const get = reader({ [PEER_ADDRESS_HEADER]: "10.0.0.5", "x-forwarded-for": "192.0.2.050" });
    expect(clientAddressFrom(get, { trustedProxies: "10.0.0.5", stamped: true })).toBe("192.0.2.50");
  });

  it("counts an IPv6 client by its /64", () => {
    expect(throttleKeyForAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleKeyForAddress("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(throttleKeyForAddress("192.0.2.50")).toBe("192.0.2.50");
  });
});
