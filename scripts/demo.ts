/**
 * `npm run demo`: from a fresh clone to a running dashboard on the embedded default.
 * Creates .env (fresh secrets) if missing, applies migrations, seeds the demo data, builds,
 * then serves the app in production mode beside the API emulators, with the demo accounts'
 * USAePay webhooks set up on both sides and ClientPay access IDs issued once the emulators are
 * up. The database is DATABASE_URL's: the SQLite file by default, or PostgreSQL for a
 * postgresql:// URL (the database is created when it does not exist yet). Pass --no-build to
 * reuse the last build.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { ensurePostgresDatabase } from "./postgres-database";
import { NEXT_CLI, PRISMA_CLI, run, SERVER_MODULES, TSX, waitForUrl } from "./run";

await run(TSX, ["scripts/setup-env.ts"]);
await import("./load-env");

const port = process.env.PORT ?? "3000";
// The dashboard listens where `npm start` does: on HOST, else on 127.0.0.1 only
// (scripts/start.mjs). The emulators stay on SANDBOX_HOST: only the dashboard's server calls them.
const host = process.env.HOST || "";
const everywhere = host === "0.0.0.0" || host === "::";
const loopback = !host || ["127.0.0.1", "localhost", "::1"].includes(host);
const healthUrl = `http://${!host || everywhere ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host}:${port}/api/health`;
// People on this machine use localhost, as NEXTAUTH_URL does (sign-in cookies follow the name).
const url = loopback || everywhere ? `http://localhost:${port}` : new URL(healthUrl).origin;
const reach = loopback ? " (this machine only; HOST=0.0.0.0 serves other machines)" : everywhere ? ` (and every interface: HOST=${host})` : "";
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

const databaseUrl = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
  console.log(`\n› PostgreSQL: ${await ensurePostgresDatabase(databaseUrl)}`);
}
console.log("\n› Applying database migrations");
await run("node", [...PRISMA_CLI, "migrate", "deploy"], { env: childEnv });
console.log("\n› Seeding demo data");
await run(TSX, [...SERVER_MODULES, "prisma/seed.ts"], { env: childEnv });
if (!process.argv.includes("--no-build")) {
  console.log("\n› Building the dashboard (production mode)");
  await run("node", [NEXT_CLI, "build"], { env: childEnv });
}

const children: ChildProcess[] = [];
function start(name: string, command: string, args: string[]) {
  const child = spawn(command, args, { stdio: "inherit", env: childEnv });
  child.on("exit", (code) => {
    console.error(`${name} stopped (${code}); stopping the demo.`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

function shutdown(code: number) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

console.log("\n› Starting the API emulators and the dashboard");
start("emulators", TSX, ["sandbox/server.ts"]);
start("dashboard", "node", ["scripts/start.mjs", "--port", port]);
await waitForUrl(healthUrl, 60_000);
const usaepayEmulator = `http://${process.env.SANDBOX_HOST || "127.0.0.1"}:${process.env.USAEPAY_EMULATOR_PORT || "4010"}/`;
await waitForUrl(`${usaepayEmulator}ping`, 30_000);
console.log("\n› Setting up the demo accounts' USAePay webhooks");
// A failed step stops what was started, rather than leaving the servers running on their own.
await run(TSX, [...SERVER_MODULES, "prisma/demo-webhooks.ts", new URL(healthUrl).origin, usaepayEmulator], { env: childEnv }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  shutdown(1);
});

// The ClientPay emulator starts with no access IDs: give each demo account one through the app's
// own issue path, so its ClientPay payments, requests and payers work without an admin's click.
console.log("\n› Issuing the demo accounts' ClientPay access IDs");
const clientpayRoot = new URL("..", process.env.CLIENTPAY_EMULATOR_URL || "http://127.0.0.1:4020/v2/").href;
await waitForUrl(`${clientpayRoot}__sandbox/clientpay/credentials`, 30_000);
await run(TSX, [...SERVER_MODULES, "scripts/demo-access-ids.ts"], { env: childEnv }).catch(() => console.error("  (continuing: ClientPay pages say what an admin must do)"));

const { printDemoLogins } = await import("../prisma/demo-users");
console.log(`\nPaydesk is running at ${url}${reach}`);
printDemoLogins();
console.log("\nPress Ctrl+C to stop.");
