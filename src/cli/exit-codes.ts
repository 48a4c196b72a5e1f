import { isIncomplete, type GateVerdict } from "../core/gate.js";

/** PRODUCT.md: 0 pass, 1 gate failed, 2 usage or input error, 3 run could not complete. */
export const EXIT = { pass: 0, gateFailed: 1, usage: 2, incomplete: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of a verdict: 3 when the run did not complete, 1 for any other failure. */
export function exitCodeFor(verdict: GateVerdict): ExitCode {
  if (verdict.verdict === "pass") return EXIT.pass;
  return isIncomplete(verdict) ? EXIT.incomplete : EXIT.gateFailed;
}

/** The worse of two exit codes, for a command that judges several runs. */
export function worseExit(a: ExitCode, b: ExitCode): ExitCode {
  const rank = (code: ExitCode) => (code === EXIT.pass ? 0 : code === EXIT.gateFailed ? 1 : 2);
  return rank(b) > rank(a) ? b : a;
}
