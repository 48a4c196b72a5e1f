import type { Run } from "../core/model/run.js";
import {
  AmbiguousRegressionNameError,
  ExperimentsNotAMapError,
  RegressionNameTakenError,
  SourceExperimentMissingError,
  UnknownRunItemIdsError,
  type RegressionPlanError,
} from "../core/regression/regression-errors.js";

const SHOWN_IDS = 10;

/**
 * A planning error in the CLI's words: plain text, its flags (the bot words the same errors for a
 * pull request comment). `configFile` is the config as the user named it.
 */
export function regressionErrorText(error: RegressionPlanError, run: Run, configFile: string): string {
  if (error instanceof UnknownRunItemIdsError) return unknownIdsText(error, run);
  if (error instanceof AmbiguousRegressionNameError) {
    return (
      `--name ${error.requestedName}: the items come from several experiments (${error.experiments.join(", ")}); ` +
      "leave out --name (each gets <experiment>-regressions), or pick items of one experiment with --run-item-id"
    );
  }
  if (error instanceof RegressionNameTakenError) {
    return `${configFile} already has an experiment "${error.experiment}" over another dataset (${error.dataset}); pass --name with another name`;
  }
  if (error instanceof SourceExperimentMissingError) {
    return `${configFile} has no experiment "${error.experiment}", which run ${run.id} ran; was it renamed since the run?`;
  }
  if (error instanceof ExperimentsNotAMapError) {
    return `${configFile}: "experiments:" is not a map; fix the file, then run evalgate runs regression-dataset ${run.id} again`;
  }
  return error.message;
}

function unknownIdsText(error: UnknownRunItemIdsError, run: Run): string {
  const list = (ids: readonly string[]) =>
    `${ids.slice(0, SHOWN_IDS).join(", ")}${ids.length > SHOWN_IDS ? ` and ${ids.length - SHOWN_IDS} more` : ""}`;
  const lines = [`--run-item-id: not in run ${run.id}: ${list(error.unknown)}`];
  lines.push(
    error.failedIds.length > 0
      ? `its failed and errored run items are ${list(error.failedIds)} (see evalgate reports failures ${run.id}); ` +
          "without --run-item-id all of them are taken"
      : "every item of that run passed",
  );
  return lines.join("\n");
}
