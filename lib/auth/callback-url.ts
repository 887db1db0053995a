/**
 * Where to go after signing in. The value is resolved against the app's own origin with the
 * URL parser, exactly as a browser would resolve it (tabs and newlines dropped, backslashes
 * read as slashes), and only a path on that same origin is kept, so a crafted link cannot
 * bounce a freshly signed-in user to another site.
 */
const PLACEHOLDER_ORIGIN = "http://paydesk.invalid";

export function safeCallbackPath(raw: unknown, appOrigin: string = PLACEHOLDER_ORIGIN): string {
  if (typeof raw !== "string" || raw === "" || raw.length > 2048) return "/";
  let origin: string;
  let url: URL;
  try {
    origin = new URL(appOrigin).origin;
    url = new URL(raw, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  // "/.//evil.example" resolves on our origin to the path "//evil.example", which a browser
  // would read as another host once it is used as a link: never hand one back.
  if (url.pathname.startsWith("//")) return "/";
  if (url.pathname === "/login" || url.pathname.startsWith("/login/") || url.pathname.startsWith("/api/")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
