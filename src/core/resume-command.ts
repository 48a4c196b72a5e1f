import type { Run } from "./model/run.js";

/** Stored versions a resume names because the files no longer give them (`--experiment-version`, `--dataset-version`). */
export interface ResumePins {
  experimentVersion?: string;
  datasetVersion?: string;
}

/**
 * The command that continues `run`: `evalgate run EXPERIMENT --resume RUN_ID`, plus what a resume
 * must repeat or be refused (open-run.ts checks both): `--variant NAME` for a variant's run and
 * `--repeat K` for a run that calls each item K > 1 times (the flag matches a config's `repeat:`
 * too, so it is always safe to give). With `pins`, the stored versions to run over instead of the
 * files; a pinned experiment version carries its own repeat (and refuses `--repeat`). A sample or
 * shard is kept from the run without its flags.
 */
export function resumeCommand(run: Pick<Run, "id" | "experiment" | "variant" | "repeat">, pins: ResumePins = {}): string {
  const variant = run.variant === undefined ? "" : ` --variant ${run.variant}`;
  const repeats = run.repeat !== undefined && run.repeat > 1 && pins.experimentVersion === undefined;
  const repeat = repeats ? ` --repeat ${run.repeat}` : "";
  const experiment = pins.experimentVersion === undefined ? "" : ` --experiment-version ${pins.experimentVersion}`;
  const dataset = pins.datasetVersion === undefined ? "" : ` --dataset-version ${pins.datasetVersion}`;
  return `evalgate run ${run.experiment} --resume ${run.id}${variant}${repeat}${experiment}${dataset}`;
}
