import { isIncomplete, isNoVerdict, type GateVerdict } from "../core/gate.js";

/**
 * PRODUCT.md: 0 pass, 1 gate failed, 2 usage or input error, 3 run could not complete, 4 no
 * verdict possible (`inconclusive` or `not_comparable`), 5 `reports wait` timed out.
 */
export const EXIT = { pass: 0, gateFailed: 1, usage: 2, incomplete: 3, noVerdict: 4, timedOut: 5 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of a verdict: 3 when the run did not complete, 4 for no verdict, 1 for any other failure. */
export function exitCodeFor(verdict: GateVerdict): ExitCode {
  if (verdict.verdict === "pass") return EXIT.pass;
  if (isNoVerdict(verdict)) return EXIT.noVerdict;
  return isIncomplete(verdict) ? EXIT.incomplete : EXIT.gateFailed;
}

// No verdict is better news than a failure (nothing was shown to be worse), and a failure better
// than a wait that timed out (no result yet, good or bad), which is better than a run that could
// not complete (it may still finish); a usage error is the worst: nothing was judged at all.
const RANK: Record<ExitCode, number> = { 0: 0, 4: 1, 1: 2, 5: 3, 3: 4, 2: 5 };

/** The worse of two exit codes, for a command that judges several runs. */
export function worseExit(a: ExitCode, b: ExitCode): ExitCode {
  return RANK[b] > RANK[a] ? b : a;
}
