/**
 * Preloaded into the dashboard's server process (`npm start`, the demo, the e2e servers):
 * stamps each request with the address of the connection it came on, in a header no client
 * can set (any value the client sent is overwritten). Next passes a client's X-Forwarded-For
 * through unchanged and keeps no other trace of the peer, so without this the app could only
 * believe what the client claims. lib/client-address.ts reads the stamp, and trusts forwarded
 * headers only when this peer is one of TRUSTED_PROXIES.
 *
 * It also puts the baseline security headers on every response before Next sees the request,
 * so answers Next gives before any routing carry them too (pages get their per-request
 * Content-Security-Policy from proxy.ts, which replaces the baseline one). A path that does
 * not decode is answered in the proxy (lib/request-guard.ts), with the app's own 404 page.
 */
import http from "node:http";
import https from "node:https";

const PEER_HEADER = "x-paydesk-peer-address";

// Nothing may run from an error page Next answers before routing: no scripts at all.
const BASELINE_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "Cross-Origin-Opener-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
};

function stamped(listener) {
  if (typeof listener !== "function") return listener;
  return function stampPeer(request, response) {
    request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    for (const [name, value] of Object.entries(BASELINE_HEADERS)) response.setHeader(name, value);
    if (request.socket?.encrypted) response.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    return listener.call(this, request, response);
  };
}

for (const serverModule of [http, https]) {
  const createServer = serverModule.createServer;
  serverModule.createServer = function createStampedServer(...args) {
    const index = args.findIndex((arg) => typeof arg === "function");
    if (index >= 0) args[index] = stamped(args[index]);
    const server = createServer.apply(this, args);
    // A listener added later with server.on("request", ...) is stamped too.
    const on = server.on;
    server.on = server.addListener = function (event, listener) {
      return on.call(this, event, event === "request" ? stamped(listener) : listener);
    };
    return server;
  };
}

globalThis[Symbol.for("paydesk.peerAddressStamped")] = true;
