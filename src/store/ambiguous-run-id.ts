import { UserError } from "../core/errors.js";

/** Matches a store fetches and shows when a run id prefix is ambiguous (one more tells "…"). */
export const AMBIGUOUS_SHOWN = 5;

/** The error every store throws for a run id prefix that matches several runs (`ids` sorted, any count). */
export function ambiguousRunIdError(prefix: string, ids: readonly string[]): UserError {
  const more = ids.length > AMBIGUOUS_SHOWN ? ", …" : "";
  return new UserError(`run id "${prefix}" is ambiguous: ${ids.slice(0, AMBIGUOUS_SHOWN).join(", ")}${more}. Type more of the run id.`);
}
