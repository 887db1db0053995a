import { createClientpayEmulator, type ClientpayEmulatorOptions } from "./index";
import { DEMO_INTEGRATOR_KEY } from "./credentials";

/**
 * Helpers for tests that drive the emulator in-process (no socket). Emulator-only; the app
 * never imports this.
 */

export const FIXED_ANCHOR = new Date("2026-03-01T00:00:00Z");

export const OPERATING = { integratorKey: DEMO_INTEGRATOR_KEY, accountKey: "sandbox-operating", accountPin: "1111" };
export const TRUST = { integratorKey: DEMO_INTEGRATOR_KEY, accountKey: "sandbox-trust", accountPin: "2222" };
export const VALID_CARD = {
  cardholderName: "Jane P. Doe",
  cardNumber: "4111111111111111",
  expirationDateMonth: 12,
  expirationDateYear: 2099,
  cvv: "123",
};
export const DECLINING_CARD = { ...VALID_CARD, cardNumber: "4000000000000002" };

/** Tests read arbitrary JSON answers and assert on their shape; `any` keeps those reads short. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireJson = any;

export interface Answer {
  status: number;
  body: WireJson;
}

export function emulatorHarness(options: ClientpayEmulatorOptions = {}) {
  const emulator = createClientpayEmulator({ anchorDate: FIXED_ANCHOR, postback: async () => {}, ...options });
  const { app } = emulator;

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await app.request(`http://emulator${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Left as text: the malformed-JSON fault is meant to be unparseable.
    }
    return { status: response.status, body: parsed };
  }

  const v2 = (path: string, body?: unknown, headers?: Record<string, string>) => send("POST", `/v2/${path}`, body, headers);
  const control = (method: string, path: string, body?: unknown) => send(method, `/__sandbox/clientpay/${path}`, body);

  async function newAccessId(credentials = OPERATING): Promise<string> {
    const answer = await v2("token/accessid", credentials);
    if (answer.status !== 200) throw new Error(`New Access ID failed: ${answer.status}`);
    return answer.body.accessId;
  }

  async function newRequestId(accessId: string): Promise<string> {
    const answer = await v2("token/requestid", undefined, { Authorization: accessId });
    if (answer.status !== 200) throw new Error(`Generate Request ID failed: ${answer.status}`);
    return answer.body.requestId;
  }

  /** A call that needs a token, with a freshly generated request id. */
  async function withToken(path: string, accessId: string, body: Record<string, unknown> = {}): Promise<Answer> {
    const requestId = await newRequestId(accessId);
    return v2(path, { token: { requestId }, ...body }, { accessId });
  }

  return { emulator, app, send, v2, control, newAccessId, newRequestId, withToken };
}

export type EmulatorHarness = ReturnType<typeof emulatorHarness>;
