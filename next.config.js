/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() renders app/forbidden.tsx: a clear "not allowed" page instead of a crash.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // `npm test` type-checks the whole project first (npm run typecheck); not again here.
  typescript: { ignoreBuildErrors: true },
  // Native modules and Prisma's generated clients stay as runtime requires on the server.
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3", "pino"],
  // The Content-Security-Policy (with a per-request nonce) and HSTS come from proxy.ts; these
  // hold for every response, the build's static files included.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
