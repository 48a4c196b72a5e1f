import type { Verdict } from "../gate.js";

/** A verdict as a report shows it; `no-baseline` when the Action found no baseline to compare with. */
export type ShownVerdict = Verdict | "no-baseline";

/** The verdict in capitals, as every report headlines it. */
export const VERDICT_WORDS: Record<ShownVerdict, string> = {
  pass: "PASS",
  fail: "FAIL",
  inconclusive: "INCONCLUSIVE",
  not_comparable: "NOT COMPARABLE",
  "no-baseline": "NO BASELINE",
};

/**
 * Why a no-verdict is not a pass, in words a reviewer acts on; the verdict's reasons then say
 * what exactly to do. Both block a required check until someone acts (PRODUCT.md).
 */
export const NO_VERDICT_MEANING: Record<"inconclusive" | "not_comparable", string> = {
  inconclusive: "the evidence is too thin to tell a change from noise",
  not_comparable: "the baseline cannot serve as one",
};

export function isNoVerdictWord(verdict: ShownVerdict): verdict is "inconclusive" | "not_comparable" {
  return verdict === "inconclusive" || verdict === "not_comparable";
}
