import path from "node:path";
import type { RunItem } from "../model/run-item.js";
import { addRegressionExperiment } from "./add-regression-experiment.js";
import { appendRegressionItems } from "./regression-dataset.js";
import { AmbiguousRegressionNameError } from "./regression-errors.js";
import type { RunSelection } from "./select-items.js";

export const REGRESSIONS_DIR = "evals/regressions";

/** One regression dataset and experiment, for one source experiment. */
export interface RegressionTarget {
  selection: RunSelection;
  /** The regression experiment's name; also the dataset file's name. */
  name: string;
  /** From the repository root (or the directory the config path is relative to). */
  datasetPath: string;
  /** As the config names it: relative to the config file. */
  configDataset: string;
}

export interface PlannedDataset extends RegressionTarget {
  added: RunItem[];
  alreadyPresent: RunItem[];
  experimentAdded: boolean;
}

/** A whole file to write, "/"-separated from the same root as the config path. */
export interface RegressionFile {
  path: string;
  content: string;
}

export interface RegressionChange {
  files: RegressionFile[];
  datasets: PlannedDataset[];
}

export interface PlanInput {
  configPath: string;
  /** The config where the experiments are added. */
  configText: string;
  /** The config that defines the source experiments (the same text, unless a branch moved on). */
  sourceConfigText: string;
  targets: readonly RegressionTarget[];
  /** The current content of each target's dataset file (by datasetPath), when it exists. */
  existingDatasets: ReadonlyMap<string, string>;
  addedAt: string;
  /** How the items were collected, in the caller's words, for the config comment ("evalgate runs regression-dataset run-…"). */
  origin: string;
  /** Where they were collected, for the experiment's description ("by evalgate runs regression-dataset run-…"). */
  collected: string;
}

/**
 * Which file and experiment each selection goes to: `<experiment>-regressions`, or `name` when one
 * was asked for. One name for items of several experiments would be ambiguous.
 */
export function regressionTargets(selections: readonly RunSelection[], configPath: string, name: string | undefined): RegressionTarget[] {
  if (name !== undefined && selections.length > 1) {
    throw new AmbiguousRegressionNameError(name, selections.map((selection) => selection.run.experiment));
  }
  const configDir = path.posix.dirname(configPath);
  return selections.map((selection) => {
    const targetName = name ?? `${selection.run.experiment}-regressions`;
    const configDataset = `${REGRESSIONS_DIR}/${targetName}.jsonl`;
    return { selection, name: targetName, configDataset, datasetPath: configDir === "." ? configDataset : `${configDir}/${configDataset}` };
  });
}

/** Regression experiments are not sources: their failed items are already in a regression dataset. */
export function isRegressionDataset(dataset: string): boolean {
  return dataset.replace(/^\.\//, "").startsWith(`${REGRESSIONS_DIR}/`);
}

/**
 * The files to write: each dataset with the new items appended, and the config with any missing
 * regression experiment added. No files when there is nothing new.
 */
export function planRegressionChange(input: PlanInput): RegressionChange {
  const files: RegressionFile[] = [];
  const datasets: PlannedDataset[] = [];
  let configText = input.configText;
  let configChanged = false;
  for (const target of input.targets) {
    const { run, items, datasetItems } = target.selection;
    const update = appendRegressionItems(input.existingDatasets.get(target.datasetPath), items, run, input.addedAt, datasetItems);
    if (update.content !== undefined) files.push({ path: target.datasetPath, content: update.content });
    const experiment = addRegressionExperiment({
      configText,
      file: input.configPath,
      sourceConfigText: input.sourceConfigText,
      sourceExperiment: run.experiment,
      name: target.name,
      dataset: target.configDataset,
      comment: `Added by evalgate (${input.origin}): failed items of ${run.experiment}.`,
      description: `Regression items of ${run.experiment}, collected ${input.collected}.`,
    });
    if (experiment.kind === "added") {
      configText = experiment.text;
      configChanged = true;
    }
    datasets.push({ ...target, added: update.added, alreadyPresent: update.alreadyPresent, experimentAdded: experiment.kind === "added" });
  }
  // A config change alone (the dataset already holds every item) is still worth writing: the experiment was missing.
  if (configChanged) files.push({ path: input.configPath, content: configText });
  return { files, datasets };
}
