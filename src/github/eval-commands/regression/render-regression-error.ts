import {
  AmbiguousRegressionNameError,
  ExperimentsNotAMapError,
  RegressionNameTakenError,
  SourceExperimentMissingError,
  UnknownRunItemIdsError,
  type RegressionPlanError,
} from "../../../core/regression/regression-errors.js";
import { inlineCode as code } from "../inline-code.js";

const SHOWN_IDS = 10;

/** A planning error in the words of a `/eval regression` reply (Markdown; ids and names escaped). */
export function renderRegressionError(error: RegressionPlanError): string {
  if (error instanceof UnknownRunItemIdsError) return unknownIdsReply(error);
  if (error instanceof AmbiguousRegressionNameError) {
    return (
      `\`--name\` names one regression dataset, but items come from several experiments (${error.experiments.map(code).join(", ")}). ` +
      "Leave out `--name` (each gets `<experiment>-regressions`), or pick items of one experiment with `--run-item-id`."
    );
  }
  if (error instanceof RegressionNameTakenError) {
    return `${code(error.file)} already has an experiment ${code(error.experiment)} over another dataset (${code(error.dataset)}); pick another name with \`/eval regression --name NAME\`.`;
  }
  if (error instanceof SourceExperimentMissingError) {
    return `${code(error.file)} has no experiment ${code(error.experiment)} at this pull request's head; was it renamed since the run?`;
  }
  if (error instanceof ExperimentsNotAMapError) {
    return `\`experiments:\` in ${code(error.file)} is not a map; fix the file, then comment \`/eval regression\` again.`;
  }
  return `evalgate could not do that: ${code(error.message)}`;
}

function unknownIdsReply(error: UnknownRunItemIdsError): string {
  const { unknown, failedIds } = error;
  const lines = [
    `${unknown.length === 1 ? "This run item id is" : "These run item ids are"} not in this pull request's latest run (${error.runIds.map(code).join(", ")}): ` +
      `${unknown.slice(0, SHOWN_IDS).map(code).join(", ")}${unknown.length > SHOWN_IDS ? ", …" : ""}.`,
  ];
  if (failedIds.length > 0) {
    const more = failedIds.length > SHOWN_IDS ? ` and ${failedIds.length - SHOWN_IDS} more` : "";
    lines.push("", `Its failed and errored run items are ${failedIds.slice(0, SHOWN_IDS).map(code).join(", ")}${more}; \`/eval regression\` without \`--run-item-id\` takes them all.`);
  } else {
    lines.push("", "Every item of that run passed.");
  }
  return lines.join("\n");
}
