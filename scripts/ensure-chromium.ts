/**
 * `npm run test:browser` (run by `npm test` and `npm run test:e2e`): makes sure the e2e
 * suite has a Chromium, installing one if it can (see scripts/chromium.ts).
 */
import { ensureChromium } from "./chromium";
import { chromiumProbes } from "./chromium-probes";

process.exit((await ensureChromium(chromiumProbes())) ? 0 : 1);
