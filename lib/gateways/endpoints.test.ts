import { describe, expect, it } from "vitest";
import { clientpayBaseUrl, usaepayBaseUrl, type EndpointSettings } from "./endpoints";

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
