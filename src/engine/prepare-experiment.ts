import path from "node:path";
import type { ExperimentConfig, PriceTable } from "../core/config/schema.js";
import { experimentDefinition, experimentVersion } from "../core/config/experiment-version.js";
import { interpolateEnv } from "../core/config/interpolate.js";
import type { DatasetInfo } from "../core/model/item.js";
import { builtinScorers, resolveScorers, type ResolvedScorer } from "../core/scorers/registry.js";
import { ItemScorers } from "../core/scorers/item-scorers.js";
import { passRuleOf, type ItemPassRule } from "../core/scorers/score-item.js";
import type { RepeatPlan } from "../core/repeats/decide-repeats.js";
import type { Item } from "../core/model/item.js";
import { allScorers } from "./scorers/all-scorers.js";
import { moduleScorerFiles } from "./scorers/module-scorer.js";
import { fileDigests, withFileDigests } from "./file-digests.js";
import { UserError } from "../core/errors.js";
import { inspectDataset, readDataset } from "./dataset-file.js";
import { resolveProjectFile } from "./project-path.js";
import { createTarget } from "./targets/create-target.js";
import { promptTargetStep } from "./targets/chat-request.js";
import { preparePromptTarget } from "./targets/prepare-prompt-target.js";
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
  /** Names the config file's line in an error about a field (engine/load-config.ts `locate`). */
  locate?: (message: string) => string;
  /** Where scorers may cache replies (a judge's), e.g. `.evalgate/cache`; none when undefined (`--no-cache`). */
  cacheDir?: string;
  /** The config file's `prices:`: costs items whose target reports none, and versions a prompt target's model. */
  prices?: PriceTable | undefined;
  /**
   * `--dataset-version`: the items of a stored dataset version instead of the experiment's file
   * (which is then not read). Its items were checked when they were first stored.
   */
  pinnedDataset?: PinnedDataset;
  /**
   * `--repeat K` (1..MAX_REPEAT, checked by the caller): replaces the experiment's `repeat` before
   * the experiment version is computed, so a run repeated otherwise is another version.
   */
  repeat?: number;
}

/** A stored dataset version to run over (`--dataset-version`). */
export interface PinnedDataset {
  info: DatasetInfo;
  readItems: () => AsyncIterable<Item>;
}

/** Everything a run needs, validated before anything is stored or called. */
export interface PreparedExperiment {
  name: string;
  experiment: ExperimentConfig;
  definition: unknown;
  version: string;
  /** The experiment's scorers; `itemScorers` gives each item's (its own added or replacing them). */
  scorers: ResolvedScorer[];
  itemScorers: ItemScorers;
  /** How one call's scores decide its status (within an attempt). */
  passRule: ItemPassRule;
  /** K calls per item (1 without `repeat`) and the pass rule over them (core/repeats/). */
  repeats: RepeatPlan;
  target: Target;
  dataset: DatasetInfo;
  /** The dataset's items in their order, read again on each call: the file, or a stored version. */
  readItems: () => AsyncIterable<Item>;
  /**
   * False for a stored version (`--dataset-version`): it keeps its items in id order, not the
   * file's, so a selection by row position (`--rows`, `--sample`, `--split`) cannot be made over it.
   */
  rowsInFileOrder: boolean;
  concurrency: number;
  /** The config file's price table (engine/apply-prices.ts), when it has one. */
  prices?: PriceTable;
}

/**
 * Everything a run needs, validated before anything is stored or called. Throws `UserError` for
 * a config, dataset or scorer problem; a field's problem names its line when `options.locate` is given.
 */
export async function prepareExperiment(options: PrepareOptions): Promise<PreparedExperiment> {
  try {
    return await prepareOrThrow(options);
  } catch (error) {
    if (error instanceof UserError && options.locate) throw new UserError(options.locate(error.message));
    throw error;
  }
}

async function prepareOrThrow(options: PrepareOptions): Promise<PreparedExperiment> {
  const { name } = options;
  const experiment = options.repeat === undefined ? options.experiment : { ...options.experiment, repeat: options.repeat };
  const where = `experiments.${name}`;
  let definition = experimentDefinition(experiment);
  const env = options.targetUrl
    ? { ...options.env, EVALGATE_TARGET_URL: options.targetUrl.replace(/\/+$/, "") }
    : options.env;
  const concurrency = options.concurrency ?? experiment.concurrency;
  // Scorer configs may read the environment too (a judge's API key); the stored definition keeps
  // the uninterpolated text, so no secret is stored.
  const scorerRefs = interpolateEnv(experiment.scorers, env, `${where}.scorers`);
  const scorerServices = {
    configDir: options.configDir,
    retries: experiment.retries,
    concurrency,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.prices !== undefined ? { prices: options.prices } : {}),
  };
  const scorers = resolveScorers(scorerRefs, `${where}.scorers`, scorerServices, allScorers);
  // An item's own scorers are resolved as the experiment's are, reading the same environment.
  const itemScorers = new ItemScorers(
    { refs: experiment.scorers, scorers, path: `${where}.scorers` },
    // Dataset records are data, often generated: they get no `${NAME}` (no secret can be sent where
    // a record says) and only the pure scorers; judges and custom scorers are declared in
    // evalgate.yml and limited to some items with `when:`.
    (refs, at) => resolveScorers(refusingCallingScorers(refs, at), at, scorerServices, builtinScorers),
  );
  // A module scorer's code decides scores as much as its config does: its content is versioned too.
  const scorerFiles = moduleScorerFiles(experiment.scorers, scorerRefs, `${where}.scorers`);
  definition = withFileDigests(definition, "scorer_files", await fileDigests(options.configDir, scorerFiles));
  const interpolated = interpolateEnv(experiment.target, env, `${where}.target`);
  // A command runs from the config file's directory, as the dataset path is read from there.
  const targetConfig =
    interpolated.type === "command"
      ? { ...interpolated, cwd: path.resolve(options.configDir, interpolated.cwd ?? ".") }
      : interpolated;
  const prompt = await preparePromptTarget(definition, experiment.target, targetConfig, {
    configDir: options.configDir, where: `${where}.target`, allowOutsideProject: options.allowOutsideProject ?? false, prices: options.prices,
  });
  definition = prompt.definition;
  const { dataset, readItems } = options.pinnedDataset
    ? { dataset: options.pinnedDataset.info, readItems: options.pinnedDataset.readItems }
    : await checkDatasetFile(options, experiment, itemScorers, where);
  // A prompt target answers to one inference step: resolved here, where the experiment's steps are known.
  const stepped = targetConfig.type === "prompt" ? { ...targetConfig, step: promptTargetStep(targetConfig.step, experiment.inference_steps) } : targetConfig;
  const target = createTarget(stepped, {
    retries: experiment.retries,
    concurrency,
    path: `${where}.target`,
    ...(prompt.promptFile ? { promptFile: prompt.promptFile } : {}),
  });
  return {
    name,
    experiment,
    definition,
    version: experimentVersion(definition),
    scorers,
    itemScorers,
    passRule: passRuleOf(experiment),
    repeats: { rule: experiment.pass_rule, repeat: experiment.repeat ?? 1 },
    target,
    dataset,
    readItems,
    rowsInFileOrder: options.pinnedDataset === undefined,
    concurrency,
    ...(options.prices ? { prices: options.prices } : {}),
  };
}

/** The validating pass over the experiment's dataset file; then the file is read again for each pass the run needs. */
async function checkDatasetFile(
  options: PrepareOptions,
  experiment: ExperimentConfig,
  itemScorers: ItemScorers,
  where: string,
): Promise<{ dataset: DatasetInfo; readItems: () => AsyncIterable<Item> }> {
  const { path: datasetFile, insideProject } = await resolveProjectFile(options.configDir, experiment.dataset, {
    field: `${where}.dataset`,
    allowOutsideProject: options.allowOutsideProject ?? false,
  });
  const dataset = await inspectDataset(datasetFile, experiment.dataset, {
    quoteContent: insideProject,
    checkItem: (item, at) => checkItemScorers(itemScorers, item, at, insideProject),
  }).catch((error: unknown) => {
    if (error instanceof UserError) {
      throw new UserError(`${error.message}\n  (dataset of ${where}, field ${where}.dataset)`);
    }
    throw error;
  });
  return { dataset, readItems: () => readDataset(datasetFile, dataset.path) };
}

/**
 * Resolves an item's own scorers during the validating pass. A file outside the project is never
 * quoted: a scorer's name or config in a message would be its content.
 */
function checkItemScorers(itemScorers: ItemScorers, item: Item, where: string, quoteContent: boolean): void {
  try {
    itemScorers.scorersFor(item, where);
  } catch (error) {
    if (error instanceof UserError && !quoteContent) {
      throw new UserError(`${where}: the item's scorers are invalid (not quoted: the dataset is outside the project)`);
    }
    throw error;
  }
}

/** A dataset record may not name a scorer that calls out (see the comment where it is used). */
function refusingCallingScorers<Ref extends { name: string }>(refs: readonly Ref[], at: string): readonly Ref[] {
  const problems = refs.flatMap((ref, index) =>
    allScorers.has(ref.name) && !builtinScorers.has(ref.name)
      ? [
          `${at}[${index}].name: "${ref.name}" calls out, so it cannot be given in a dataset record; ` +
            "declare it in evalgate.yml and limit it to these items with when:",
        ]
      : [],
  );
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  return refs;
}
