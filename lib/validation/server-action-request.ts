/**
 * Screens a POST that claims to be a server action before Next decodes it. Next answers a
 * body its decoder cannot read (broken JSON, a truncated multipart form, a reference to a
 * part that is not there) with a 500 and a stack trace in the log, and no hook runs before
 * that; the proxy asks this first and answers a plain 400 instead.
 *
 * What our forms send (React's reply encoding, as `useActionState` and form actions produce it):
 * - with the `Next-Action` header, a multipart body whose part "0" is a JSON array of the
 *   arguments, where "$K1" stands for the FormData of parts named "1_..." (or, for arguments
 *   that need no parts, the JSON array as the whole body);
 * - without JavaScript, a multipart form carrying `$ACTION_ID_<id>`, or `$ACTION_REF_<n>` with
 *   JSON in `$ACTION_<n>:<m>` parts.
 * In the JSON, a string that starts with "$" is a reference; user text starting with "$" is
 * escaped as "$$". Only the references our forms produce are let through.
 */
const ARGUMENT_REFERENCES = /^\$(\$|K[0-9a-f]+$|undefined$)/;
/** A form action sent without JavaScript also points at its bound arguments ("$@1"). */
const FORM_ACTION_REFERENCES = /^\$(\$|K[0-9a-f]+$|@[0-9a-f]+$|undefined$)/;

function referencesAreOurs(value: unknown, allowed: RegExp): boolean {
  if (typeof value === "string") return !value.startsWith("$") || allowed.test(value);
  if (Array.isArray(value)) return value.every((item) => referencesAreOurs(item, allowed));
  if (value && typeof value === "object") return Object.values(value).every((item) => referencesAreOurs(item, allowed));
  return true;
}

function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function argumentsProblem(text: unknown): string | null {
  const parsed = parseJson(text);
  if (!parsed.ok) return "the arguments are not JSON";
  if (!Array.isArray(parsed.value)) return "the arguments are not a list";
  if (!referencesAreOurs(parsed.value, ARGUMENT_REFERENCES)) return "the arguments hold a reference no form of ours sends";
  return null;
}

async function formOf(request: Request): Promise<FormData | null> {
  try {
    return await request.clone().formData();
  } catch {
    return null;
  }
}

/** Why this request cannot be a server action of ours, or null when Next may decode it. */
export async function serverActionBodyProblem(request: Request): Promise<string | null> {
  if (request.method !== "POST") return null;
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (request.headers.has("next-action")) {
    if (!multipart) return argumentsProblem(await request.clone().text());
    const form = await formOf(request);
    return form ? argumentsProblem(form.get("0")) : "the multipart body does not parse";
  }
  // Without the header Next decodes only multipart posts, as a form action sent without JavaScript.
  if (!multipart) return null;
  const form = await formOf(request);
  if (!form) return "the multipart body does not parse";
  for (const [name, value] of form) {
    if (!/^\$ACTION_\d+:\d+$/.test(name)) continue;
    const parsed = parseJson(value);
    if (!parsed.ok || !referencesAreOurs(parsed.value, FORM_ACTION_REFERENCES)) return "a form-action part is not what our forms send";
    if (name.endsWith(":0") && typeof (parsed.value as { id?: unknown } | null)?.id !== "string") return "a form-action part names no action";
  }
  return null;
}
