// Preloaded (node --require) into Prisma CLI runs. Prisma's JS schema engine leaves a 10 s
// timer behind after `migrate deploy` on PostgreSQL, which keeps a finished command alive.
// Unref'd timers still fire while there is other work; they just no longer hold the
// process open once everything else is done. (Idle pool connections are handled by
// allowExitOnIdle in prisma/cli-adapters.ts.)
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = originalSetTimeout(callback, delay, ...args);
  if (Number(delay) >= 1000) timer?.unref?.();
  return timer;
};
