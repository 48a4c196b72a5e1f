import type { GateVerdict } from "../gate.js";
import { NO_VERDICT_MEANING, VERDICT_WORDS } from "./verdict-words.js";
import { wrapText } from "./wrap-text.js";

/**
 * The verdict and its reasons, for the terminal renderers. A no-verdict (inconclusive, not
 * comparable) says it is not a pass and why; its reasons say what to do to get one.
 */
export function renderVerdictLines(verdict: GateVerdict | undefined, width = 80): string[] {
  if (verdict === undefined) return ["Verdict: none (no gate was evaluated)"];
  const word = VERDICT_WORDS[verdict.verdict];
  const lines =
    verdict.verdict === "inconclusive" || verdict.verdict === "not_comparable"
      ? [
          `Verdict: ${word} (no verdict, not a pass)`,
          ...wrapText(`${capitalized(NO_VERDICT_MEANING[verdict.verdict])}. To get a verdict:`, width, "  "),
        ]
      : [`Verdict: ${word}`];
  // Wrapped, never cut: a reason is the one sentence that says why a run failed.
  for (const reason of verdict.reasons) lines.push(...wrapText(reason, width, "  - ", "    "));
  return lines;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
