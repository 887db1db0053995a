/**
 * The demo merchant accounts `npm run demo` seeds: one law firm's two ClientPay accounts
 * (operating and trust), each paired with a USAePay demo key on the emulator. These are
 * the emulators' built-in sandbox credentials (see the READMEs under sandbox/), not real ones.
 */
export const DEMO_INTEGRATOR_KEY = "paydesk-sandbox-integrator";

/**
 * The emulator's generated batches close at 00:30 UTC each day (sandbox/usaepay/store.ts), so
 * the demo accounts keep their books in UTC with that cut-off.
 */
export const DEMO_BUSINESS_HOURS = { businessTimeZone: "UTC", batchCloseTime: "00:30" } as const;

export const DEMO_MERCHANTS = [
  {
    slug: "harbor-law-operating",
    name: "Harbor Law – Operating",
    usaepay: { key: "PDdemoOperating00000000000000001", pin: "1111" },
    clientpay: { key: "sandbox-operating", pin: "1111" },
    /** What the emulator signs this account's webhooks with (published, like the PINs). */
    webhookSignatureKey: "demo-webhook-signature-operating-0001",
    /** The demo manager and viewer are granted this account only. */
    grantToStaff: true,
  },
  {
    slug: "harbor-law-trust",
    name: "Harbor Law – Trust",
    usaepay: { key: "PDdemoTrust000000000000000000002", pin: "2222" },
    clientpay: { key: "sandbox-trust", pin: "2222" },
    webhookSignatureKey: "demo-webhook-signature-trust-00000002",
    grantToStaff: false,
  },
] as const;
