import { UserError } from "../errors.js";

/**
 * What can stop a regression dataset from being planned. Each error carries its facts as fields:
 * the adapter that asked words them (a PR comment in Markdown, the CLI in plain text with its
 * flags). The message is a plain fallback for anyone who does not.
 */
export abstract class RegressionPlanError extends UserError {}

/** Run item ids asked for that are in none of the runs. */
export class UnknownRunItemIdsError extends RegressionPlanError {
  constructor(
    readonly unknown: readonly string[],
    /** The runs that were searched. */
    readonly runIds: readonly string[],
    /** The failed and errored run items of those runs: what could be named instead. */
    readonly failedIds: readonly string[],
  ) {
    super(`run item ids not in run ${runIds.join(", ")}: ${unknown.join(", ")}`);
  }
}

/** One regression name was asked for, but the items come from several experiments. */
export class AmbiguousRegressionNameError extends RegressionPlanError {
  constructor(
    readonly requestedName: string,
    readonly experiments: readonly string[],
  ) {
    super(`one regression name (${requestedName}) for items of several experiments (${experiments.join(", ")})`);
  }
}

/** The config already has an experiment of that name, over another dataset. */
export class RegressionNameTakenError extends RegressionPlanError {
  constructor(
    readonly file: string,
    readonly experiment: string,
    /** The dataset the existing experiment reads. */
    readonly dataset: string,
  ) {
    super(`${file} already has an experiment "${experiment}" over another dataset (${dataset})`);
  }
}

/** The experiment the run came from is not in the config that should define it. */
export class SourceExperimentMissingError extends RegressionPlanError {
  constructor(
    readonly file: string,
    readonly experiment: string,
  ) {
    super(`${file} has no experiment "${experiment}"`);
  }
}

/** `experiments:` is not a map, so there is no place to add the regression experiment. */
export class ExperimentsNotAMapError extends RegressionPlanError {
  constructor(readonly file: string) {
    super(`${file}: "experiments:" is not a map`);
  }
}
