/**
 * `npm start` (and the dashboard of `npm run demo`): `next start` on HOST, by default
 * 127.0.0.1 only, since the seeded demo logins are published. HOST=0.0.0.0 serves every
 * interface (e.g. behind a reverse proxy on another host, or in a container). PORT and any
 * other arguments go to Next as usual (`npm start -- --port 3200`).
 *
 * Plain JavaScript that hands over to Next's CLI in this same process, so the production
 * server carries no TypeScript loader and no extra process. scripts/server-preload.mjs is loaded
 * first: without it the app cannot tell a client's address from what the client claims.
 */
import { existsSync, readFileSync } from "node:fs";
// First: every request is stamped with its connection's address (see the file).
import "./server-preload.mjs";
import { createRequire } from "node:module";
import { parse } from "dotenv";

// HOST from the environment, else from .env; only HOST is read here, Next loads .env itself.
const fromFile = existsSync(".env") ? parse(readFileSync(".env")).HOST : undefined;
const host = process.env.HOST || fromFile || "127.0.0.1";

const nextCli = "node_modules/next/dist/bin/next";
process.argv = [process.argv[0], nextCli, "start", "--hostname", host, ...process.argv.slice(2)];
createRequire(import.meta.url)(`../${nextCli}`);
