import { UserError } from "../core/errors.js";

/** Matches a store fetches and shows when a prefix is ambiguous (one more tells "…"). */
export const AMBIGUOUS_SHOWN = 5;

/**
 * The error for a prefix that matches several runs, dataset versions or experiment versions
 * (`matches` sorted, any count): "run id "run-2026" is ambiguous: …. Type more of the run id."
 */
export function ambiguousPrefixError(what: "run id" | "dataset version" | "experiment version", prefix: string, matches: readonly string[]): UserError {
  const more = matches.length > AMBIGUOUS_SHOWN ? ", …" : "";
  return new UserError(`${what} "${prefix}" is ambiguous: ${matches.slice(0, AMBIGUOUS_SHOWN).join(", ")}${more}. Type more of the ${what}.`);
}

/** The largest code point: `prefix + MAX_CHAR` sorts after every key that starts with prefix (code point order). */
export const MAX_CHAR = "\u{10FFFF}";

/**
 * A stored object by its exact key, else by a unique prefix of one (what `getRun` and
 * `getDatasetVersion` promise in every store). `withPrefix(from, to, limit)` lists up to `limit`
 * objects whose keys lie strictly between `from` and `to`, in key order. Throws the ambiguous-prefix
 * UserError when several match; undefined for an empty key or none.
 */
export async function findByKeyOrPrefix<T>(
  what: "run id" | "dataset version",
  key: string,
  lookup: {
    exact: (key: string) => T | undefined | Promise<T | undefined>;
    withPrefix: (from: string, to: string, limit: number) => readonly T[] | Promise<readonly T[]>;
    keyOf: (found: T) => string;
  },
): Promise<T | undefined> {
  if (key === "") return undefined;
  const exact = await lookup.exact(key);
  if (exact !== undefined) return exact;
  const matches = await lookup.withPrefix(key, key + MAX_CHAR, AMBIGUOUS_SHOWN + 1);
  if (matches.length <= 1) return matches[0];
  throw ambiguousPrefixError(what, key, matches.map(lookup.keyOf));
}
