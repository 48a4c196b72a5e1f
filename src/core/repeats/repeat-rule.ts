import type { PassRule } from "../config/scorer-ref-schema.js";
import { reaches } from "../scorers/modifiers.js";

/**
 * Whether `passed` of `count` attempts satisfy the experiment's `pass_rule` across repeats
 * (core/config/scorer-ref-schema.ts): `all` and `weighted` need every attempt (pass^K, since
 * `weighted` already decided within each attempt), `majority` more than half, `any` one, and
 * `{ rate }` passed / count ≥ rate (within the float tolerance of thresholds, so 4 of 5 reaches
 * 0.8). No attempts never pass: nothing was judged.
 */
export function passesOverRepeats(rule: PassRule, passed: number, count: number): boolean {
  if (count === 0) return false;
  if (rule === "all" || rule === "weighted") return passed === count;
  if (rule === "majority") return 2 * passed > count;
  if (rule === "any") return passed >= 1;
  return reaches(passed / count, rule.rate);
}

/** The rule as a user writes it: `all`, `majority`, `rate >= 0.8`. */
export function describePassRule(rule: PassRule): string {
  return typeof rule === "string" ? rule : `rate >= ${rule.rate}`;
}
