import type { Run } from "../core/model/run.js";
import { overrideChanges } from "../core/stored-variants.js";
import type { RunStore } from "../store/run-store.js";

/** The overrides that differ between two stored runs, read from the experiment versions they stored. */
export async function storedOverrideChanges(store: RunStore, baseline: Run, candidate: Run): Promise<string[]> {
  const definitionOf = async (run: Run) => (await store.getExperimentVersion(run.experiment, run.experiment_version))?.definition;
  return overrideChanges(
    { definition: await definitionOf(baseline), variant: baseline.variant },
    { definition: await definitionOf(candidate), variant: candidate.variant },
  );
}
