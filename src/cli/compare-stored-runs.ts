import { compareRuns } from "../core/compare-runs.js";
import type { Comparison } from "../core/comparison.js";
import { UserError } from "../core/errors.js";
import { isCompleteRun, type Run } from "../core/model/run.js";
import type { RunStore } from "../store/run-store.js";

/**
 * Compares two stored runs of one experiment. Throws `UserError` (exit 2) for runs of different
 * experiments, for a baseline that is not complete (running, cancelled, errored) or holds no item,
 * and for runs whose items have none in common: against such a baseline every candidate would
 * look like a fix and pass a regression gate. A candidate with no item at all (a run killed at
 * once) is compared: its verdict then says why it fails.
 */
export async function compareStoredRuns(store: RunStore, baseline: Run, candidate: Run): Promise<Comparison> {
  if (baseline.experiment !== candidate.experiment) {
    throw new UserError(
      `runs ${baseline.id} and ${candidate.id} are of different experiments ` +
        `("${baseline.experiment}" and "${candidate.experiment}"); compare runs of one experiment`,
    );
  }
  if (!isCompleteRun(baseline)) {
    throw new UserError(
      `the baseline run ${baseline.id} is not complete (${baseline.status}): it cannot show regressions; ` +
        `resume it (evalgate run ${baseline.experiment} --resume ${baseline.id}) or compare with a complete run`,
    );
  }
  const comparison = await compareRuns(
    { run: baseline, items: store.runItems(baseline.id) },
    { run: candidate, items: store.runItems(candidate.id) },
  );
  const { shared, only_baseline: onlyBaseline, only_candidate: onlyCandidate } = comparison.items;
  if (shared === 0 && onlyBaseline.count === 0) {
    throw new UserError(`the baseline run ${baseline.id} holds no item, so there is nothing to compare with`);
  }
  if (shared === 0 && onlyCandidate.count > 0) {
    throw new UserError(
      `runs ${baseline.id} and ${candidate.id} share no item ` +
        `(datasets ${baseline.dataset_version} and ${candidate.dataset_version}), so there is nothing to compare`,
    );
  }
  return comparison;
}
