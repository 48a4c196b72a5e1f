import { GateConfigSchema, type GateConfig } from "../core/config/schema.js";
import type { Run } from "../core/model/run.js";
import type { RunStore } from "../store/run-store.js";

/** The gate is kept with the experiment: use the one of the version that produced the run. */
export async function gateOf(store: RunStore, run: Run): Promise<GateConfig> {
  const version = await store.getExperimentVersion(run.experiment, run.experiment_version);
  const stored = (version?.definition as { gate?: unknown } | undefined)?.gate;
  const parsed = GateConfigSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : GateConfigSchema.parse({});
}
