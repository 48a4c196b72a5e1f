import type { Run } from "../core/model/run.js";

/** PRODUCT.md: 0 pass, 1 gate failed, 2 usage or input error, 3 run could not complete. */
export const EXIT = { pass: 0, gateFailed: 1, usage: 2, incomplete: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeForRun(run: Run): ExitCode {
  if (run.status === "errored" || run.status === "cancelled" || run.status === "running") return EXIT.incomplete;
  return run.verdict === "pass" ? EXIT.pass : EXIT.gateFailed;
}
