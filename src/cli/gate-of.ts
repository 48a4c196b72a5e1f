import { GateConfigSchema, type GateConfig } from "../core/config/schema.js";
import type { Comparison } from "../core/comparison.js";
import { evaluateGate, type GateVerdict } from "../core/gate.js";
import type { Run } from "../core/model/run.js";
import { summarizeRun } from "../core/summarize-run.js";
import type { RunStore } from "../store/run-store.js";

/** The gate is kept with the experiment: use the one of the version that produced the run. */
async function gateOf(store: RunStore, run: Run): Promise<GateConfig> {
  const version = await store.getExperimentVersion(run.experiment, run.experiment_version);
  const stored = (version?.definition as { gate?: unknown } | undefined)?.gate;
  const parsed = GateConfigSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : GateConfigSchema.parse({});
}

/** A stored run's verdict under its experiment's gate (summarized from its items when it never ended). */
export async function verdictOf(
  store: RunStore,
  run: Run,
  comparison: Comparison | undefined,
  thresholdOverride: number | undefined,
): Promise<GateVerdict> {
  const summary = run.summary ?? (await summarizeRun(store.runItems(run.id)));
  return evaluateGate(
    await gateOf(store, run),
    { summary, ...(comparison ? { comparison } : {}) },
    thresholdOverride !== undefined ? { thresholdOverride } : {},
  );
}
