import { z } from "zod";
import { ExperimentConfigSchema, type GateConfig } from "./config/schema.js";
import { UserError } from "./errors.js";
import { formatZodIssues } from "./zod-issues.js";

/** What the verdict of a stored run needs from the experiment version that produced it. */
export interface StoredGate {
  gate: GateConfig;
  /** Fraction 0..1. */
  maxErrorRate: number;
  /** The experiment's `cluster` path, when it has one. */
  cluster?: string;
  /** Labels of its `severity: critical` scorers. */
  critical: ReadonlySet<string>;
}

// The rest of the definition (target, settings) does not decide a verdict: not read here. Scorers
// are read only for their labels and severity, as the engine stored them (normalized refs).
const StoredDefinitionSchema = z.looseObject({
  gate: ExperimentConfigSchema.shape.gate,
  max_error_rate: ExperimentConfigSchema.shape.max_error_rate,
  cluster: z.string().optional(),
  scorers: z.array(z.looseObject({ label: z.string().optional(), severity: z.string().optional() })).optional(),
});

/**
 * The gate kept with a run's experiment version (`definition` as stored by the engine). A gate is
 * kept with the experiment, not the command line: a run is judged by the rules it was run under.
 * Throws `UserError` naming the run when the definition is missing or its gate cannot be read:
 * a silent default gate could turn a failing run green.
 */
export function storedGateOf(runId: string, experimentVersion: string, definition: unknown): StoredGate {
  if (definition === undefined) {
    throw new UserError(
      `run ${runId}: its experiment version ${experimentVersion} is not in this store, so its gate is unknown; ` +
        "re-run the experiment to get a run that can be judged",
    );
  }
  const parsed = StoredDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    throw new UserError(
      `run ${runId}: the gate stored with experiment version ${experimentVersion} cannot be read ` +
        `(${formatZodIssues(parsed.error).join("; ")}); re-run the experiment to get a run that can be judged`,
    );
  }
  const { gate, max_error_rate: maxErrorRate, cluster, scorers = [] } = parsed.data;
  const critical = new Set(scorers.filter((ref) => ref.severity === "critical").map((ref) => ref.label ?? ""));
  return { gate, maxErrorRate, ...(cluster !== undefined ? { cluster } : {}), critical };
}
