/**
 * Preload for command-line scripts that import server modules (seed, vault CLI, add-user,
 * benchmarks): `tsx --import ./scripts/server-only.mjs <script>`.
 *
 * Server modules start with `import "server-only"`, which throws unless it is resolved with
 * the react-server condition, as Next does for server code. A script is server code too, so
 * this resolves that one package the same way. Only `server-only` gets the condition: giving
 * it to everything (`--conditions=react-server`) would hand React's server build to
 * next/navigation, which then fails to load.
 */
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
