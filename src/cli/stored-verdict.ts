import type { GateConfig } from "../core/config/schema.js";
import { decideVerdict, type GateVerdict } from "../core/gate.js";
import type { Run, RunSummary } from "../core/model/run.js";
import { storedGateOf } from "../core/stored-gate.js";
import { summarizeRun } from "../core/summarize-run.js";
import type { RunStore } from "../store/run-store.js";
import type { StoredComparison } from "./compare-stored-runs.js";

export interface StoredVerdict {
  verdict: GateVerdict;
  /** The run's summary: stored when it ended, else summed from the items it stored. */
  summary: RunSummary;
  /** The gate it was judged by (the one stored with its experiment version). */
  gate: GateConfig;
}

/**
 * A stored run's verdict under the gate of the experiment version that produced it, from its
 * status and summary (summarized from its items when it never ended), against a baseline when
 * `compared` is given. Throws `UserError` when the stored gate cannot be read.
 */
export async function judgeStoredRun(
  store: RunStore,
  run: Run,
  compared: StoredComparison | undefined,
  thresholdOverride: number | undefined,
): Promise<StoredVerdict> {
  const version = await store.getExperimentVersion(run.experiment, run.experiment_version);
  const { gate, maxErrorRate, cluster } = storedGateOf(run.id, run.experiment_version, version?.definition);
  const summary = run.summary ?? (await summarizeRun(store.runItems(run.id), cluster !== undefined ? { cluster } : {}));
  const verdict = decideVerdict({
    gate,
    maxErrorRate,
    status: run.status,
    itemCount: run.item_count,
    summary,
    ...(compared
      ? { comparison: compared.comparison, baselineProblems: compared.baselineProblems, candidateProblems: compared.candidateProblems }
      : {}),
    ...(thresholdOverride !== undefined ? { thresholdOverride } : {}),
  });
  return { verdict, summary, gate };
}
