import { describe, expect, it } from "vitest";
import { buildAuthorizationHeader, hashApiKey } from "./auth";

// docs/usaepay-api.md, "Authentication": computed with sha256sum/base64 and cross-checked with Node.
const VECTORS = [
  {
    apiKey: "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7",
    seed: "abcdefghijklmnop",
    pin: "123456",
    hash: "b74c2fa91fb0a09755e377ee8e20aa86d2b92c3d2f277280db595f636bb190e6",
    header:
      "Basic X1Y4N1F0YjUxM0NkM3ZhYk03UkMwVGJ0SldlU284cDc6czIvYWJjZGVmZ2hpamtsbW5vcC9iNzRjMmZhOTFmYjBhMDk3NTVlMzc3ZWU4ZTIwYWE4NmQyYjkyYzNkMmYyNzcyODBkYjU5NWY2MzZiYjE5MGU2",
  },
  {
    apiKey: "testkey",
    seed: "abcdefghijklmnop",
    pin: "1234",
    hash: "9623f6168ebd7153a411655272dd1451ec124eeac145f7a39909aa960d73c660",
    header:
      "Basic dGVzdGtleTpzMi9hYmNkZWZnaGlqa2xtbm9wLzk2MjNmNjE2OGViZDcxNTNhNDExNjU1MjcyZGQxNDUxZWMxMjRlZWFjMTQ1ZjdhMzk5MDlhYTk2MGQ3M2M2NjA=",
  },
  {
    apiKey: "mykey",
    seed: "myseed",
    pin: "mypin",
    hash: "6be57307c6c246599f34fe254fa4a3924377cc081f778f8edd0edf977770cedb",
    header:
      "Basic bXlrZXk6czIvbXlzZWVkLzZiZTU3MzA3YzZjMjQ2NTk5ZjM0ZmUyNTRmYTRhMzkyNDM3N2NjMDgxZjc3OGY4ZWRkMGVkZjk3Nzc3MGNlZGI=",
  },
];

describe("USAePay auth header", () => {
  it.each(VECTORS)("matches the documented test vector for key $apiKey", ({ apiKey, seed, pin, hash, header }) => {
    expect(hashApiKey(apiKey, seed, pin)).toBe(hash);
    expect(buildAuthorizationHeader(apiKey, pin, seed)).toBe(header);
  });

  it("uses a fresh random seed for every header", () => {
    const first = buildAuthorizationHeader("mykey", "mypin");
    const second = buildAuthorizationHeader("mykey", "mypin");
    expect(first).not.toBe(second);
    const decoded = Buffer.from(first.slice("Basic ".length), "base64").toString();
    expect(decoded).toMatch(/^mykey:s2\/[0-9a-f]{32}\/[0-9a-f]{64}$/);
  });

  it("refuses a seed containing a slash", () => {
    expect(() => buildAuthorizationHeader("mykey", "mypin", "a/b")).toThrow();
  });
});
