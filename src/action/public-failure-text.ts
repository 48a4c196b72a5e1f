import { messageOf } from "../github/request-status.js";

/**
 * What public places (the check, the comment, the job summary) may say about a failure. Never the
 * error's own text: a dataset's parse error quotes the dataset, and a public repository's check
 * is read by anyone. The detail goes to the job log instead.
 */

/** The experiment could not be prepared: its dataset, scorers or target settings could not be read. */
export class ExperimentNotPrepared extends Error {
  override readonly name = "ExperimentNotPrepared";
  constructor(
    readonly experiment: string,
    cause: unknown,
  ) {
    super(messageOf(cause), { cause });
  }

  /** The engine names the field of every error it finds in a dataset (`experiments.X.dataset`). */
  get inDataset(): boolean {
    return this.message.includes(`experiments.${this.experiment}.dataset`);
  }
}

/** One sentence for public places, ending in where to read more. */
export function publicReasonOf(error: unknown): string {
  if (error instanceof ExperimentNotPrepared) {
    return error.inDataset
      ? "the dataset could not be read; see the job log"
      : "the experiment's settings could not be read; see the job log";
  }
  return "the evaluation could not complete; see the job log";
}
