/**
 * Built-in demo credentials. They are public on purpose: the emulator is a local demo and
 * test double, and the README, the control plane and the app's seed all name them.
 */
export const DEMO_INTEGRATOR_KEY = "paydesk-sandbox-integrator";

export interface DemoAccount {
  /** Short name used by the control plane and in counters. */
  name: "operating" | "trust";
  accountKey: string;
  accountPin: string;
  /** How many historical payments the seed generates for this account. */
  historicalPayments: number;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { name: "operating", accountKey: "sandbox-operating", accountPin: "1111", historicalPayments: 3000 },
  { name: "trust", accountKey: "sandbox-trust", accountPin: "2222", historicalPayments: 2000 },
];

/** One law firm owns both accounts; New Customer Access ID uses these. */
export const DEMO_CUSTOMER = { name: "firm", customerKey: "sandbox-firm", customerPin: "3333" } as const;

export type AccountName = DemoAccount["name"];
