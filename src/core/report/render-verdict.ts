import type { GateVerdict } from "../gate.js";
import { oneLine } from "./excerpt.js";

/** The verdict and its reasons, for the terminal renderers. */
export function renderVerdictLines(verdict: GateVerdict | undefined): string[] {
  if (verdict === undefined) return ["Verdict: none (no gate was evaluated)"];
  const lines = [`Verdict: ${verdict.verdict === "pass" ? "PASS" : "FAIL"}`];
  for (const reason of verdict.reasons) lines.push(`  - ${oneLine(reason)}`);
  return lines;
}
