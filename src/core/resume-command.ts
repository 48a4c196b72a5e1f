import type { Run } from "./model/run.js";

/**
 * The command that continues `run`: `evalgate run EXPERIMENT --resume RUN_ID`, plus what a resume
 * must repeat or be refused (open-run.ts checks both): `--variant NAME` for a variant's run and
 * `--repeat K` for a run that calls each item K > 1 times (the flag matches a config's `repeat:`
 * too, so it is always safe to give). A sample or shard is kept from the run without its flags.
 */
export function resumeCommand(run: Pick<Run, "id" | "experiment" | "variant" | "repeat">): string {
  const variant = run.variant === undefined ? "" : ` --variant ${run.variant}`;
  const repeat = run.repeat === undefined || run.repeat <= 1 ? "" : ` --repeat ${run.repeat}`;
  return `evalgate run ${run.experiment} --resume ${run.id}${variant}${repeat}`;
}
