import { describe, expect, it } from "vitest";
import { envClientpaySettings as readEnv } from "./emulator-config";

const envClientpaySettings = (values: Record<string, string>) => readEnv(values as NodeJS.ProcessEnv);

describe("ClientPay emulator: environment settings", () => {
  it("reads settle-after, the postback retry schedule and the page base URL", () => {
    expect(envClientpaySettings({})).toEqual({});
    expect(envClientpaySettings({ CLIENTPAY_SETTLE_AFTER_SECONDS: "60", CLIENTPAY_POSTBACK_RETRY_SECONDS: "1, 5", CLIENTPAY_APP_BASE_URL: "http://pages.test" })).toEqual({
      settleAfterSeconds: 60,
      postbackRetrySeconds: [1, 5],
      appBaseUrl: "http://pages.test",
    });
    expect(envClientpaySettings({ CLIENTPAY_POSTBACK_RETRY_SECONDS: "" })).toEqual({ postbackRetrySeconds: [] });
  });

  it("ignores values it cannot read rather than guessing", () => {
    expect(envClientpaySettings({ CLIENTPAY_SETTLE_AFTER_SECONDS: "soon", CLIENTPAY_POSTBACK_RETRY_SECONDS: "2,x" })).toEqual({});
    expect(envClientpaySettings({ CLIENTPAY_SETTLE_AFTER_SECONDS: "-5", CLIENTPAY_SETTLE_AFTER_SECONDS_EXTRA: "1" })).toEqual({});
  });
});
