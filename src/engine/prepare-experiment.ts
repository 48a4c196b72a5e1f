import path from "node:path";
import type { ExperimentConfig } from "../core/config/schema.js";
import { experimentDefinition, experimentVersion } from "../core/config/experiment-version.js";
import { interpolateEnv } from "../core/config/interpolate.js";
import type { DatasetInfo } from "../core/model/item.js";
import { resolveScorers, type ResolvedScorer } from "../core/scorers/registry.js";
import { UserError } from "../core/errors.js";
import { inspectDataset } from "./dataset-file.js";
import { resolveProjectFile } from "./project-path.js";
import { createTarget } from "./targets/create-target.js";
import type { Target } from "./targets/target.js";

export interface PrepareOptions {
  name: string;
  experiment: ExperimentConfig;
  /** Directory of the config file: the dataset path is relative to it. */
  configDir: string;
  env: Record<string, string | undefined>;
  /** `--target-url` / the Action's candidate URL: fills `${EVALGATE_TARGET_URL}`. */
  targetUrl?: string;
  concurrency?: number;
  /**
   * `--allow-outside-project`: read a dataset outside the project folder. Only the CLI sets it, on
   * the user's request; the Action and the bot never do.
   */
  allowOutsideProject?: boolean;
}

/** Everything a run needs, validated before anything is stored or called. */
export interface PreparedExperiment {
  name: string;
  experiment: ExperimentConfig;
  definition: unknown;
  version: string;
  scorers: ResolvedScorer[];
  target: Target;
  datasetFile: string;
  dataset: DatasetInfo;
  concurrency: number;
}

export async function prepareExperiment(options: PrepareOptions): Promise<PreparedExperiment> {
  const { name, experiment } = options;
  const where = `experiments.${name}`;
  const scorers = resolveScorers(experiment.scorers, `${where}.scorers`);
  const definition = experimentDefinition(experiment);
  const env = options.targetUrl
    ? { ...options.env, EVALGATE_TARGET_URL: options.targetUrl.replace(/\/+$/, "") }
    : options.env;
  const interpolated = interpolateEnv(experiment.target, env, `${where}.target`);
  // A command runs from the config file's directory, as the dataset path is read from there.
  const targetConfig =
    interpolated.type === "command"
      ? { ...interpolated, cwd: path.resolve(options.configDir, interpolated.cwd ?? ".") }
      : interpolated;
  const concurrency = options.concurrency ?? experiment.concurrency;
  const { path: datasetFile, insideProject } = await resolveProjectFile(options.configDir, experiment.dataset, {
    field: `${where}.dataset`,
    allowOutsideProject: options.allowOutsideProject ?? false,
  });
  const dataset = await inspectDataset(datasetFile, experiment.dataset, { quoteContent: insideProject }).catch(
    (error: unknown) => {
      if (error instanceof UserError) {
        throw new UserError(`${error.message}\n  (dataset of ${where}, field ${where}.dataset)`);
      }
      throw error;
    },
  );
  const target = createTarget(targetConfig, {
    retries: experiment.retries,
    concurrency,
    path: `${where}.target`,
  });
  return {
    name,
    experiment,
    definition,
    version: experimentVersion(definition),
    scorers,
    target,
    datasetFile,
    dataset,
    concurrency,
  };
}
