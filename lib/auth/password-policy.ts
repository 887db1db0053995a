import "server-only";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * What a new password must be: at least 12 characters (lib/validation/users.ts checks the
 * length where the form is parsed) and not guessable from common-password lists, keyboard
 * patterns or the person's own name and email. zxcvbn-ts with its common-language package
 * (lists of leaked passwords, names, diceware words) scores the guess; below 3 of 4 is refused.
 * The password is never logged, stored in plain text or sent back in a message.
 */
export const MIN_PASSWORD_LENGTH = 12;
const MIN_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | undefined;
function checker(): Promise<ZxcvbnFactory> {
  // Loaded on first use: the dictionaries are large and most requests never need them.
  factory ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return factory;
}

/** Null when the password is acceptable, else a message safe to show (it never repeats the password). */
export async function passwordProblem(password: string, context: { email?: string; name?: string } = {}): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  const userInputs = [context.email, context.email?.split("@")[0], ...(context.name?.split(/\s+/) ?? [])].filter((value): value is string => !!value && value.length > 2);
  const result = await (await checker()).check(password, userInputs);
  if (result.score < MIN_SCORE) return "This password is too easy to guess (it is common, or built from common words, patterns or your name). Choose a longer, less predictable one.";
  return null;
}
