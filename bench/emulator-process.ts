/**
 * The benchmarks' own emulator process: `npm run sandbox`'s program under a name of its own, so
 * anything on a shared machine that stops "sandbox/server.ts" processes leaves a benchmark's alone.
 */
import "../sandbox/server";
