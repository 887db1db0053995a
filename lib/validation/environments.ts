/**
 * Which gateway hosts an account talks to (lib/gateways/endpoints.ts resolves each to URLs): the
 * local emulators, the providers' sandboxes or production. Plain data without zod, for client forms too.
 */
export const ENVIRONMENTS = ["emulator", "sandbox", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  emulator: "Local emulator",
  sandbox: "Sandbox",
  production: "Production",
};
