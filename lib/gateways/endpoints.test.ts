import { describe, expect, it } from "vitest";
import { clientpayBaseUrl, gatewayUrlProblem, usaepayBaseUrl, type EndpointSettings } from "./endpoints";

const emulators = { usaepay: "http://127.0.0.1:4010/api/v2/", clientpay: "http://127.0.0.1:4020/v2/" };
const none: Omit<EndpointSettings, "environment"> = { usaepayBaseUrl: null, usaepayEndpointKey: null, clientpayBaseUrl: null };

describe("merchant endpoints", () => {
  it("implies the hosts from the environment", () => {
    expect(usaepayBaseUrl({ ...none, environment: "emulator" }, emulators)).toBe("http://127.0.0.1:4010/api/v2/");
    expect(usaepayBaseUrl({ ...none, environment: "sandbox" }, emulators)).toBe("https://sandbox.usaepay.com/api/v2/");
    expect(usaepayBaseUrl({ ...none, environment: "production" }, emulators)).toBe("https://usaepay.com/api/v2/");
    expect(clientpayBaseUrl({ ...none, environment: "emulator" }, emulators)).toBe("http://127.0.0.1:4020/v2/");
    expect(clientpayBaseUrl({ ...none, environment: "sandbox" }, emulators)).toBe("https://api.sandbox.clientpay.com/v2/");
    expect(clientpayBaseUrl({ ...none, environment: "production" }, emulators)).toBe("https://api.clientpay.com/v2/");
  });

  it("puts an endpoint key in place of v2", () => {
    expect(usaepayBaseUrl({ ...none, environment: "sandbox", usaepayEndpointKey: "ab12cd" }, emulators)).toBe("https://sandbox.usaepay.com/api/ab12cd/");
  });

  it("lets an account override either base URL", () => {
    const settings = { environment: "production" as const, usaepayBaseUrl: "https://proxy.example/api/v2", usaepayEndpointKey: null, clientpayBaseUrl: "https://cp.example/v2" };
    expect(usaepayBaseUrl(settings, emulators)).toBe("https://proxy.example/api/v2/");
    expect(clientpayBaseUrl(settings, emulators)).toBe("https://cp.example/v2/");
  });
});

describe("gateway host allow-list", () => {
  const allow = { emulators, extraHosts: ["gw-proxy.example.com", "cp.internal.example:8443"] };

  it("allows the documented hosts, the configured emulators and the installation's extra hosts", () => {
    for (const url of ["https://sandbox.usaepay.com/api/v2/", "https://secure.usaepay.com/api/v2/", "http://127.0.0.1:4010/api/v2/", "https://gw-proxy.example.com/api/v2/"]) {
      expect(gatewayUrlProblem("usaepay", url, allow)).toBeNull();
    }
    for (const url of ["https://api.clientpay.com/v2/", "http://127.0.0.1:4020/v2/", "https://cp.internal.example:8443/v2/"]) {
      expect(gatewayUrlProblem("clientpay", url, allow)).toBeNull();
    }
  });

  it.each([
    ["usaepay", "https://evil.example/api/v2/", /not an allowed USAePay host/],
    ["usaepay", "http://127.0.0.1:9999/api/v2/", /must use https/],
    ["usaepay", "http://sandbox.usaepay.com/api/v2/", /must use https/],
    ["usaepay", "https://sandbox.usaepay.com:8443/api/v2/", /not an allowed/],
    ["usaepay", "https://usaepay.com.evil.example/api/v2/", /not an allowed/],
    ["usaepay", "https://user:pass@sandbox.usaepay.com/api/v2/", /user name or password/],
    ["clientpay", "https://api.clientpay.com.evil.example/v2/", /not an allowed ClientPay host/],
    // Another gateway's host is not this one's.
    ["clientpay", "https://sandbox.usaepay.com/v2/", /not an allowed ClientPay host/],
    ["clientpay", "http://127.0.0.1:4010/v2/", /must use https/],
  ] as const)("refuses %s %s", (gateway, url, message) => {
    expect(gatewayUrlProblem(gateway, url, allow)).toMatch(message);
  });
});
