/**
 * The app as the e2e suite sees it: a freshly reset and seeded test database (never
 * the demo one), then `next start` on the e2e port. Started by playwright.config.ts.
 * The server's output goes to e2e/.logs/app-server.log, which the leak test reads.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import "./load-env";
import { resetDatabase } from "./reset-database";
import { NEXT_SERVER, run, SERVER_MODULES, TSX } from "./run";

const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";
const port = process.env.E2E_PORT ?? "3100";
const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

await resetDatabase(databaseUrl);
await run(TSX, [...SERVER_MODULES, "prisma/seed.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });

mkdirSync("e2e/.logs", { recursive: true });
const log = createWriteStream("e2e/.logs/app-server.log", { flags: "w" });
const server = spawn("node", [...NEXT_SERVER, "start", "--port", port, "--hostname", "127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"], env });
server.stdout.pipe(log);
server.stderr.pipe(log);
server.stderr.pipe(process.stderr);
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));
