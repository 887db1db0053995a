import type { AccountName } from "./credentials";
import type { PostbackOutbox } from "./postbacks";
import type { ClientpayStore } from "./store";

/** Hono variables shared by the API routes and the control plane's counters. */
export interface EmulatorEnv {
  Variables: {
    /** Set once a call is tied to an account, so counters can attribute it. */
    account?: AccountName | "customer";
  };
}

/** What the API routes, the hosted pages and the control plane need besides the request. */
export interface EmulatorDeps {
  store: ClientpayStore;
  now: () => Date;
  /**
   * Base of hosted-page URLs, e.g. http://127.0.0.1:4020 (the emulator serves the pages itself).
   * Mutable: a started emulator on port 0 learns its own address only after it listens.
   */
  appBaseUrl: string;
  /** Sends server-side postbacks and retries failed ones. */
  outbox: PostbackOutbox;
}
