import "server-only";

/**
 * The access-ID history reads the audit log's details: hints, results and reason codes. This
 * turns them into words, so the page never shows a raw code like "none_active".
 */
type Details = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : null);

/** The result and reason codes the access-ID code stores in the audit log, in words. */
const RESULTS: Record<string, string> = {
  valid: "ClientPay accepted it",
  request_id_issued: "ClientPay issued a request ID",
  expired: "ClientPay no longer accepts it: expired",
  replaced: "ClientPay no longer accepts it: replaced by a newer id",
  stored_current: "stored ClientPay's current id",
  unchanged: "the stored id was already current",
  none_active: "ClientPay has no active id",
  new_id: "ClientPay had issued a new id; stored",
};

const REASONS: Record<string, string> = {
  access_id_rejected: "ClientPay refused the access ID",
  credentials_rejected: "ClientPay refused the account key or PIN",
  rotation_in_flight: "another rotation was in progress",
  no_access_id: "no usable access ID was stored",
  store_failed: "the new id could not be stored",
  no_credentials: "the account has no ClientPay key and PIN",
  no_integrator_key: "the integrator key is not set",
  vault_open_failed: "a stored secret did not open",
  clientpay_failed: "the ClientPay call failed unexpectedly",
  internal_error: "an unexpected error",
};

/** Gateway failures are stored as their kind, with the HTTP status when there was one ("unavailable_503"). */
const FAILURE_KINDS: Record<string, string> = {
  authentication: "ClientPay refused the credentials",
  ip_blocked: "ClientPay does not allow this server's IP address",
  rate_limited: "ClientPay's rate limit was reached",
  validation: "ClientPay rejected the request",
  not_found: "ClientPay answered \"not found\"",
  unavailable: "ClientPay was unavailable",
  network: "ClientPay did not answer (timeout or network error)",
  bad_shape: "ClientPay's answer could not be read",
  declined: "ClientPay declined",
};

/** Words for a stored code; an unknown code still reads as words rather than snake_case. */
export function describeCode(code: string, words: Record<string, string>): string {
  if (words[code]) return words[code];
  const failure = /^(?:clientpay_)?([a-z_]+?)(?:_(\d{3}))?$/.exec(code);
  if (failure && FAILURE_KINDS[failure[1]!]) return `${FAILURE_KINDS[failure[1]!]}${failure[2] ? ` (HTTP ${failure[2]})` : ""}`;
  return code.replaceAll("_", " ");
}

/** A one-line reading of an event's details (hints, results and reasons only). */
export function summarizeAccessIdEvent(action: string, details: Details): string {
  const before = text(details.before);
  const after = text(details.after);
  const parts: string[] = [];
  if (action === "access_id.rotation_recovered") {
    if (text(details.result)) parts.push(describeCode(String(details.result), RESULTS));
    if (text(details.startedBy)) parts.push(`rotation started by ${details.startedBy}`);
    if (text(details.trigger)) parts.push(`found on ${String(details.trigger).replaceAll("_", " ")}`);
  } else if (before || after) {
    parts.push(`${before ?? "none"} → ${after ?? "none"}`);
  }
  if (text(details.hint)) parts.push(String(details.hint));
  if (text(details.result) && action !== "access_id.rotation_recovered") parts.push(describeCode(String(details.result), RESULTS));
  if (text(details.reason)) parts.push(`refused: ${describeCode(String(details.reason), REASONS)}`);
  if (text(details.during)) parts.push(`during: ${details.during}`);
  return parts.join(" · ");
}
