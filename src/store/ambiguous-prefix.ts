import { UserError } from "../core/errors.js";

/** Matches a store fetches and shows when a prefix is ambiguous (one more tells "…"). */
export const AMBIGUOUS_SHOWN = 5;

/**
 * The error every store throws for a prefix that matches several runs or dataset versions
 * (`matches` sorted, any count): "run id "run-2026" is ambiguous: …. Type more of the run id."
 */
export function ambiguousPrefixError(what: "run id" | "dataset version", prefix: string, matches: readonly string[]): UserError {
  const more = matches.length > AMBIGUOUS_SHOWN ? ", …" : "";
  return new UserError(`${what} "${prefix}" is ambiguous: ${matches.slice(0, AMBIGUOUS_SHOWN).join(", ")}${more}. Type more of the ${what}.`);
}
