/**
 * The emulator's environment settings (`npm run sandbox`; documented in .env.example and
 * sandbox/clientpay/README.md). Only the started program reads them; in-process tests pass
 * options instead, so a developer's environment cannot change a test.
 */
export interface ClientpayEnvSettings {
  settleAfterSeconds?: number | null;
  postbackRetrySeconds?: number[];
  appBaseUrl?: string;
}

function nonNegative(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

export function envClientpaySettings(env: NodeJS.ProcessEnv = process.env): ClientpayEnvSettings {
  const settings: ClientpayEnvSettings = {};
  const settle = nonNegative(env.CLIENTPAY_SETTLE_AFTER_SECONDS);
  if (settle !== undefined) settings.settleAfterSeconds = settle;
  const retries = env.CLIENTPAY_POSTBACK_RETRY_SECONDS?.trim();
  if (retries !== undefined && retries !== "") {
    const parsed = retries.split(",").map((part) => nonNegative(part));
    if (parsed.every((seconds) => seconds !== undefined)) settings.postbackRetrySeconds = parsed as number[];
  } else if (retries === "") {
    settings.postbackRetrySeconds = [];
  }
  const base = env.CLIENTPAY_APP_BASE_URL?.trim();
  if (base) settings.appBaseUrl = base;
  return settings;
}
