import { existsSync } from "node:fs";
import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import { nextExperimentStatus, type LifecycleEvent } from "../../core/experiment-lifecycle.js";
import {
  EXPERIMENT_COLUMNS,
  EXPERIMENT_TABLE_COLUMNS,
  EXPERIMENT_TABLE_FIT,
  experimentRow,
  experimentTableRow,
  type ListedExperiment,
} from "../../core/report/experiment-rows.js";
import { formatListing } from "../../core/report/format-listing.js";
import { renderDefinitionDiff } from "../../core/report/render-definition-diff.js";
import { renderExperimentVersions, type ShownExperimentVersion } from "../../core/report/render-experiment-versions.js";
import { diffDefinitions } from "../../core/versions/diff-definitions.js";
import { loadConfigFile } from "../../engine/load-config.js";
import { prepareExperiment } from "../../engine/prepare-experiment.js";
import type { ExperimentVersionUse, RunStore } from "../../store/run-store.js";
import { globalOptions, parseFormat, tableOrJson, terminalWidth, withStore, type CliIo } from "../cli-context.js";
import { versionPrefix } from "../../core/version-prefix.js";
import { ambiguousPrefixError } from "../../store/ambiguous-prefix.js";

export function registerExperimentsCommands(program: Command, io: CliIo): void {
  const experiments = program.command("experiments").description("experiments and their versions; the lifecycle of experiments with variants");
  experiments
    .command("list")
    .description("every experiment in evalgate.yml or the store: its current version, dataset version, last run and status")
    .option("--format <format>", "table, csv, json or jsonl", "table")
    .action(async (flags: { format: string }, command: Command) => {
      const format = parseFormat(flags.format);
      const current = await currentVersions(command, io);
      const listed = await withStore(command, (store) => listExperiments(store, current));
      if (format === "table") {
        const now = Date.now();
        const rows = listed.map((experiment) => experimentTableRow(experiment, now));
        io.stdout.write(formatListing(rows, EXPERIMENT_TABLE_COLUMNS, format, { ...EXPERIMENT_TABLE_FIT, width: terminalWidth(io) }));
      } else {
        io.stdout.write(formatListing(listed.map(experimentRow), EXPERIMENT_COLUMNS, format));
      }
    });
  experiments
    .command("show")
    .description("an experiment's versions, newest first: when each first ran, and its definition")
    .argument("<experiment>", "experiment name")
    .option("--format <format>", "table or json", "table")
    .action(async (name: string, flags: { format: string }, command: Command) => {
      const format = tableOrJson(flags.format);
      const config = await currentVersions(command, io, name);
      const current = config.versions.get(name);
      const versions = await withStore(command, (store) => experimentVersions(store, name, current));
      if (versions.length === 0) {
        throw new UserError(
          config.names.includes(name)
            ? `experiment "${name}" has no stored version, and its current version cannot be computed (see above)`
            : `no experiment "${name}" in the config file or in this store (see \`evalgate experiments list\`)`,
        );
      }
      if (format === "table") io.stdout.write(renderExperimentVersions(name, versions, Date.now()));
      else io.stdout.write(`${JSON.stringify({ experiment: name, current_version: current?.version ?? null, versions }, null, 2)}\n`);
    });
  experiments
    .command("diff")
    .description("what changed from one experiment version to another: each definition path, before and after")
    .argument("<v1>", "the older experiment version (or a unique prefix)")
    .argument("<v2>", "the newer experiment version (or a unique prefix); evalgate.yml's current versions count too")
    .option("--experiment <name>", "look for the versions among this experiment's only")
    .option("--format <format>", "table or json", "table")
    .action(async (first: string, second: string, flags: { format: string; experiment?: string }, command: Command) => {
      const format = tableOrJson(flags.format);
      const { versions: current } = await currentVersions(command, io, flags.experiment);
      const known = await withStore(command, (store) => knownDefinitions(store, current, flags.experiment));
      const before = resolveVersion(known, first);
      const after = resolveVersion(known, second);
      const changes = diffDefinitions(before.definition, after.definition);
      const side = ({ experiment, version }: KnownDefinition) => ({ experiment, version });
      if (format === "table") io.stdout.write(renderDefinitionDiff(side(before), side(after), changes));
      else io.stdout.write(`${JSON.stringify({ before: side(before), after: side(after), changes }, null, 2)}\n`);
    });
  experiments
    .command("complete")
    .description("mark an experiment's variant runs finished: its results stay, and no more runs start")
    .argument("<experiment>", "experiment name")
    .action(async (name: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => io.stdout.write(await moveExperiment(store, name, "complete")));
    });
  experiments
    .command("archive")
    .description("archive an experiment: its runs stay readable, and it runs no more")
    .argument("<experiment>", "experiment name")
    .action(async (name: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => io.stdout.write(await moveExperiment(store, name, "archive")));
    });
}

/** An experiment's version as evalgate.yml defines it now. */
interface CurrentVersion {
  version: string;
  definition: unknown;
  /** The dataset file's version now. */
  dataset_version: string;
  hasVariants: boolean;
}

/** The experiments of the config file, and the current version of those it could compute. */
interface ConfigVersions {
  names: string[];
  versions: Map<string, CurrentVersion>;
}

/**
 * The current version of each experiment in the config file (of `only`, when given), computed as
 * a run computes it. The target URL does not enter a version (the Action fills it per
 * deployment), so a stand-in fills `${EVALGATE_TARGET_URL}` when it is unset. An experiment
 * whose version cannot be computed (a variable unset, a dataset missing) has none, and stderr
 * says why; a config file that was not asked for and is not there is no problem.
 */
async function currentVersions(command: Command, io: CliIo, only?: string): Promise<ConfigVersions> {
  const { config, allowOutsideProject } = globalOptions(command);
  const versions = new Map<string, CurrentVersion>();
  if (!existsSync(config) && command.getOptionValueSourceWithGlobals("config") !== "cli") return { names: [], versions };
  let loaded;
  try {
    loaded = await loadConfigFile(config, { allowOutsideProject });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    io.stderr.write(`evalgate: ${firstLine(error.message)}\n  (current versions unknown: the newest stored versions are shown)\n`);
    return { names: [], versions };
  }
  const names = Object.keys(loaded.config.experiments).filter((name) => only === undefined || name === only);
  for (const name of names) {
    const experiment = loaded.config.experiments[name]!;
    try {
      const prepared = await prepareExperiment({
        name,
        experiment,
        configDir: loaded.dir,
        env: io.env,
        ...(io.env.EVALGATE_TARGET_URL ? {} : { targetUrl: "http://evalgate.invalid" }),
        allowOutsideProject,
        locate: loaded.locate,
        prices: loaded.config.prices,
      });
      versions.set(name, {
        version: prepared.version,
        definition: prepared.definition,
        dataset_version: prepared.dataset.version,
        hasVariants: experiment.variants !== undefined,
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      io.stderr.write(`evalgate: experiment "${name}": its current version cannot be computed: ${firstLine(error.message)}\n`);
    }
  }
  return { names, versions };
}

async function listExperiments(store: RunStore, config: ConfigVersions): Promise<ListedExperiment[]> {
  const stored = await store.listExperimentVersions();
  const current = config.versions;
  const names = [...new Set([...config.names, ...stored.map((use) => use.experiment)])].sort();
  return Promise.all(
    names.map(async (experiment): Promise<ListedExperiment> => {
      const uses = stored.filter((use) => use.experiment === experiment);
      const now = current.get(experiment);
      const newest = uses[0];
      const ofCurrent = uses.find((use) => use.version === now?.version);
      const state = await store.getExperimentState(experiment);
      const lastRun = uses.map((use) => use.last_run).filter((time) => time !== undefined).sort().at(-1);
      const version = now?.version ?? newest?.version;
      const datasetVersion = now?.dataset_version ?? ofCurrent?.dataset_version ?? newest?.dataset_version;
      const status = state?.status ?? (now?.hasVariants ? "draft" : undefined);
      return {
        experiment,
        ...(version !== undefined ? { version } : {}),
        version_from: now !== undefined ? "evalgate.yml" : "store",
        ...(datasetVersion !== undefined ? { dataset_version: datasetVersion } : {}),
        versions: uses.length,
        runs: uses.reduce((sum, use) => sum + use.runs, 0),
        ...(lastRun !== undefined ? { last_run: lastRun } : {}),
        ...(status !== undefined ? { status } : {}),
      };
    }),
  );
}

/** The stored versions, newest first, with the config's current one first when it was never run. */
async function experimentVersions(store: RunStore, experiment: string, current: CurrentVersion | undefined): Promise<ShownExperimentVersion[]> {
  const uses = await store.listExperimentVersions(experiment);
  const shown = await Promise.all(
    uses.map(async (use): Promise<ShownExperimentVersion> => {
      const record = await store.getExperimentVersion(experiment, use.version);
      return { ...versionUse(use), definition: record?.definition ?? null, current: use.version === current?.version };
    }),
  );
  if (current === undefined || shown.some((version) => version.current)) return shown;
  return [{ version: current.version, definition: current.definition, runs: 0, dataset_version: current.dataset_version, current: true }, ...shown];
}

function versionUse(use: ExperimentVersionUse): Omit<ShownExperimentVersion, "definition" | "current"> {
  return {
    version: use.version,
    created_at: use.created_at,
    runs: use.runs,
    ...(use.first_run !== undefined ? { first_run: use.first_run } : {}),
    ...(use.last_run !== undefined ? { last_run: use.last_run } : {}),
    ...(use.dataset_version !== undefined ? { dataset_version: use.dataset_version } : {}),
  };
}

interface KnownDefinition {
  experiment: string;
  version: string;
  definition: unknown;
}

/** Every stored version (of `experiment`, when given) and the config's current ones. */
async function knownDefinitions(store: RunStore, current: Map<string, CurrentVersion>, experiment: string | undefined): Promise<KnownDefinition[]> {
  const known: KnownDefinition[] = [...current].map(([name, { version, definition }]) => ({ experiment: name, version, definition }));
  for (const use of await store.listExperimentVersions(experiment)) {
    if (known.some((entry) => entry.experiment === use.experiment && entry.version === use.version)) continue;
    const record = await store.getExperimentVersion(use.experiment, use.version);
    if (record !== undefined) known.push({ experiment: use.experiment, version: use.version, definition: record.definition });
  }
  return known;
}

/**
 * The version `prefix` names. Two experiments with the same definition share a version (its
 * hash): that is one version, not an ambiguity.
 */
function resolveVersion(known: readonly KnownDefinition[], typed: string): KnownDefinition {
  const prefix = versionPrefix(typed);
  const matches = known.filter((entry) => entry.version.startsWith(prefix));
  const versions = [...new Set(matches.map((entry) => entry.version))].sort();
  if (prefix === "" || versions.length === 0) {
    throw new UserError(`no experiment version "${prefix}" in this store or the config file (see \`evalgate experiments show EXPERIMENT\`)`);
  }
  if (versions.length > 1) {
    const named = versions.map((version) => `${version} (${matches.find((entry) => entry.version === version)!.experiment})`);
    throw ambiguousPrefixError("experiment version", prefix, named);
  }
  return matches[0]!;
}

/** Applies `event` to the stored status (draft when none is stored); a refused move is a UserError (exit 2). */
async function moveExperiment(store: RunStore, experiment: string, event: LifecycleEvent, now = new Date()): Promise<string> {
  const state = await store.getExperimentState(experiment);
  const status = nextExperimentStatus(experiment, state?.status ?? "draft", event);
  await store.setExperimentState({
    experiment,
    status,
    ...(state?.baseline_run_id !== undefined ? { baseline_run_id: state.baseline_run_id } : {}),
    updated_at: now.toISOString(),
  });
  return `experiment "${experiment}": ${state?.status ?? "draft"} → ${status}\n`;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
