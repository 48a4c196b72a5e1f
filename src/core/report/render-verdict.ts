import type { GateVerdict } from "../gate.js";
import { wrapText } from "./wrap-text.js";

/** The verdict and its reasons, for the terminal renderers. */
export function renderVerdictLines(verdict: GateVerdict | undefined, width = 80): string[] {
  if (verdict === undefined) return ["Verdict: none (no gate was evaluated)"];
  const lines = [`Verdict: ${verdict.verdict === "pass" ? "PASS" : "FAIL"}`];
  // Wrapped, never cut: a reason is the one sentence that says why a run failed.
  for (const reason of verdict.reasons) lines.push(...wrapText(reason, width, "  - ", "    "));
  return lines;
}
