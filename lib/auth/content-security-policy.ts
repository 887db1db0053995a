import "server-only";

/**
 * The Content-Security-Policy for pages, with a fresh nonce per request (proxy.ts). Scripts run
 * only with the nonce; 'strict-dynamic' lets those scripts load Next's chunks. Styles allow
 * inline because sonner sets style attributes and tags at run time and the column chooser writes
 * its hiding rule as a <style> (components/data-table/table-choices.tsx); style cannot run code. frame-src 'self' admits same-origin frames only (a receipt rendered in a sandboxed
 * iframe); nothing may frame the app itself.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Headers every response carries besides the CSP (next.config.js sets the same for responses proxy.ts does not see). */
export function securityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}
