import path from "node:path";
import type { RunItem } from "../../core/model/run-item.js";
import type { FileToCommit } from "../../github/write-files-commit.js";
import { CommandError } from "../bot-deps.js";
import { addRegressionExperiment } from "./add-regression-experiment.js";
import { appendRegressionItems } from "./regression-dataset.js";
import type { RunSelection } from "./select-items.js";

export const REGRESSIONS_DIR = "evals/regressions";

/** One regression dataset and experiment, for one source experiment. */
export interface RegressionTarget {
  selection: RunSelection;
  /** The regression experiment's name; also the dataset file's name. */
  name: string;
  /** From the repository root. */
  datasetPath: string;
  /** As the config names it: relative to the config file. */
  configDataset: string;
}

export interface PlannedDataset extends RegressionTarget {
  added: RunItem[];
  alreadyPresent: RunItem[];
  experimentAdded: boolean;
}

export interface RegressionChange {
  files: FileToCommit[];
  datasets: PlannedDataset[];
}

export interface PlanInput {
  configPath: string;
  /** The config at the commit being written on. */
  configText: string;
  /** The pull request's config, which defines the source experiments. */
  sourceConfigText: string;
  targets: readonly RegressionTarget[];
  /** The current content of each target's dataset file (by datasetPath), when it exists. */
  existingDatasets: ReadonlyMap<string, string>;
  pullRequest: number;
  addedAt: string;
  /** How the items were collected, for the config comment; default: "/eval regression on #<pullRequest>". */
  origin?: string;
}

/** Which file and experiment each selection goes to. `--name` names one; with several experiments it would be ambiguous. */
export function regressionTargets(selections: readonly RunSelection[], configPath: string, name: string | undefined): RegressionTarget[] {
  if (name !== undefined && selections.length > 1) {
    const experiments = selections.map((selection) => `\`${selection.run.experiment}\``).join(", ");
    throw new CommandError(
      `\`--name\` names one regression dataset, but items come from several experiments (${experiments}). ` +
        "Leave out `--name` (each gets `<experiment>-regressions`), or pick items of one experiment with `--run-item-id`.",
    );
  }
  const configDir = path.posix.dirname(configPath);
  return selections.map((selection) => {
    const targetName = name ?? `${selection.run.experiment}-regressions`;
    const configDataset = `${REGRESSIONS_DIR}/${targetName}.jsonl`;
    return { selection, name: targetName, configDataset, datasetPath: configDir === "." ? configDataset : `${configDir}/${configDataset}` };
  });
}

/**
 * The files to commit: each dataset with the new items appended, and the config with any missing
 * regression experiment added. No files when there is nothing new.
 */
export function planRegressionChange(input: PlanInput): RegressionChange {
  const files: FileToCommit[] = [];
  const datasets: PlannedDataset[] = [];
  let configText = input.configText;
  let configChanged = false;
  for (const target of input.targets) {
    const { run, items } = target.selection;
    const update = appendRegressionItems(input.existingDatasets.get(target.datasetPath), items, run, input.addedAt);
    if (update.content !== undefined) files.push({ path: target.datasetPath, content: update.content });
    const experiment = addRegressionExperiment({
      configText,
      file: input.configPath,
      sourceConfigText: input.sourceConfigText,
      sourceExperiment: run.experiment,
      name: target.name,
      dataset: target.configDataset,
      comment: `Added by evalgate (${input.origin ?? `/eval regression on #${input.pullRequest}`}): failed items of ${run.experiment}.`,
      description: `Regression items of ${run.experiment}, collected ${input.origin ? `by ${input.origin}` : `from pull request #${input.pullRequest}`}.`,
    });
    if (experiment.kind === "added") {
      configText = experiment.text;
      configChanged = true;
    }
    datasets.push({ ...target, added: update.added, alreadyPresent: update.alreadyPresent, experimentAdded: experiment.kind === "added" });
  }
  // A config change alone (the dataset already holds every item) is still worth committing: the experiment was missing.
  if (configChanged) files.push({ path: input.configPath, content: configText });
  return { files, datasets };
}
