import type { AccountName } from "./credentials";
import type { ClientpayStore } from "./store";

/** Hono variables shared by the API routes and the control plane's counters. */
export interface EmulatorEnv {
  Variables: {
    /** Set once a call is tied to an account, so counters can attribute it. */
    account?: AccountName | "customer";
  };
}

/** What the API routes need besides the request. */
export interface EmulatorDeps {
  store: ClientpayStore;
  now: () => Date;
  /** Base of hosted-page URLs, e.g. https://app.sandbox.clientpay.com */
  appBaseUrl: string;
  /** Delivers server-side postbacks; injectable so tests need no listener. */
  postback: (url: string, body: unknown) => Promise<void>;
}
