import { z } from "zod";
import { UserError } from "./errors.js";

/** Where an experiment with variants stands (PRODUCT.md, Variants). */
export const ExperimentStatusSchema = z.enum([
  "draft",
  "baseline_pending",
  "running_baseline",
  "baseline_complete",
  "baseline_failed",
  "running_variant",
  "idle",
  "completed",
  "archived",
]);
export type ExperimentStatus = z.infer<typeof ExperimentStatusSchema>;

/** What the store keeps per experiment: its status and, once the baseline ran, the run that locks its items. */
export const ExperimentStateSchema = z.object({
  experiment: z.string(),
  status: ExperimentStatusSchema,
  /** The completed baseline run whose item ids every later run of the experiment uses. */
  baseline_run_id: z.string().optional(),
  updated_at: z.string(),
});
export type ExperimentState = z.infer<typeof ExperimentStateSchema>;

/** What moves an experiment from one status to the next. */
export type LifecycleEvent =
  | "queue_baseline"
  | "start_baseline"
  | "baseline_passed"
  | "baseline_failed"
  | "start_variant"
  | "variant_ended"
  | "complete"
  | "archive";

/**
 * Allowed moves. A baseline can be retried until one completes; after that the items are locked
 * and only variants run (a baseline rerun over the locked items is allowed and keeps the lock). A
 * variant that fails still leaves the experiment `idle`: a failing variant is a result, not a
 * broken experiment.
 */
const TRANSITIONS: Record<LifecycleEvent, Partial<Record<ExperimentStatus, ExperimentStatus>>> = {
  queue_baseline: { draft: "baseline_pending", baseline_failed: "baseline_pending" },
  start_baseline: {
    draft: "running_baseline",
    baseline_pending: "running_baseline",
    baseline_failed: "running_baseline",
    baseline_complete: "running_baseline",
    idle: "running_baseline",
  },
  baseline_passed: { running_baseline: "baseline_complete" },
  baseline_failed: { running_baseline: "baseline_failed" },
  start_variant: { baseline_complete: "running_variant", idle: "running_variant" },
  variant_ended: { running_variant: "idle" },
  complete: { baseline_complete: "completed", idle: "completed" },
  archive: {
    draft: "archived",
    baseline_pending: "archived",
    baseline_complete: "archived",
    baseline_failed: "archived",
    idle: "archived",
    completed: "archived",
  },
};

/** Why an event is refused in a status, said so the user knows what to do instead. */
function refusal(experiment: string, status: ExperimentStatus, event: LifecycleEvent): string {
  const where = `experiment "${experiment}" is ${status}`;
  if (status === "archived") return `${where}: an archived experiment runs no more`;
  if (status === "completed") return `${where}: archive it with \`evalgate experiments archive ${experiment}\`, or add a new experiment`;
  if (status === "running_baseline" || status === "running_variant") {
    return `${where}: wait for that run to end (or cancel it with \`evalgate runs cancel\`)`;
  }
  if (event === "start_variant") return `${where}: run the baseline first (\`evalgate run ${experiment}\` without --variant)`;
  if (event === "complete") return `${where}: an experiment is completed once its baseline has run`;
  return `${where}: ${event.replace("_", " ")} is not possible now`;
}

/** The status after `event`, or a UserError saying why the move is refused. */
export function nextExperimentStatus(experiment: string, status: ExperimentStatus, event: LifecycleEvent): ExperimentStatus {
  const next = TRANSITIONS[event][status];
  if (next === undefined) throw new UserError(refusal(experiment, status, event));
  return next;
}

/**
 * A running status whose run ended without saying so (the process was killed): the experiment
 * returns to where the run started from, so the next run is not refused forever.
 */
export function recoverInterruptedStatus(status: ExperimentStatus, baselineLocked: boolean): ExperimentStatus {
  if (status === "running_baseline") return baselineLocked ? "baseline_complete" : "baseline_failed";
  if (status === "running_variant") return "idle";
  return status;
}
