/**
 * Where to go after signing in. Only same-site paths are allowed, so a crafted
 * link cannot bounce a freshly signed-in user to another site.
 */
export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== "string" || raw === "") return "/";
  // A CR or LF (or any control character) cannot go into a Location header: Node throws, the page is a 500.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return "/";
  let candidate = raw;
  // next-auth hands back absolute URLs on our own origin; keep only their path.
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const url = new URL(candidate);
      candidate = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return "/";
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return "/";
  if (candidate.startsWith("/login") || candidate.startsWith("/api/")) return "/";
  return candidate;
}
