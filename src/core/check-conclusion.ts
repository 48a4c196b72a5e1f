import type { GateConfig } from "./config/schema.js";

/** What a check run concludes (GitHub's `conclusion` values evalgate uses). */
export type CheckConclusion = "success" | "failure" | "neutral" | "action_required";

/** The verdict as the Action reports it: PRODUCT.md's verdicts plus `no-baseline`. */
export type VerdictLabel = "pass" | "fail" | "inconclusive" | "not_comparable" | "no-baseline";

/**
 * The check-run conclusion of a verdict. Branch protection treats `neutral` (and `success`) as
 * passing, so `inconclusive` and `not_comparable` conclude `action_required` — merging blocked,
 * the check's text says what to do — unless the gate opts in with `on_inconclusive: neutral`
 * (GitHub docs, "About status checks": neutral, success and skipped satisfy a required check).
 * `no-baseline` (no baseline stored yet) is `neutral`: the candidate's own checks passed.
 */
export function checkConclusionOf(label: VerdictLabel, gate: Pick<GateConfig, "on_inconclusive">): CheckConclusion {
  switch (label) {
    case "pass":
      return "success";
    case "fail":
      return "failure";
    case "no-baseline":
      return "neutral";
    default:
      return gate.on_inconclusive === "neutral" ? "neutral" : "action_required";
  }
}

/** Whether a conclusion lets a required check pass (a failed Action step follows it). */
export function blocksMerge(conclusion: CheckConclusion): boolean {
  return conclusion === "failure" || conclusion === "action_required";
}
