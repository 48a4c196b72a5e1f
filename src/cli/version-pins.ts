import { experimentFromDefinition, changedFiles } from "../core/config/experiment-version.js";
import type { ExperimentConfig } from "../core/config/schema.js";
import { UserError } from "../core/errors.js";
import type { PinnedDataset, PreparedExperiment } from "../engine/prepare-experiment.js";
import type { ExperimentVersionRecord, RunStore } from "../store/run-store.js";
import { versionPrefix } from "../core/version-prefix.js";
import { ambiguousPrefixError } from "../store/ambiguous-prefix.js";

/** `--experiment-version V` / `--dataset-version V` of `evalgate run`, as given. */
export interface VersionFlags {
  experimentVersion?: string;
  datasetVersion?: string;
}

/** What a run is made of when versions are pinned: the stored experiment definition and/or stored items. */
export interface VersionPins {
  experiment: ExperimentConfig;
  /** The stored record `--experiment-version` named; the prepared run must have its version. */
  experimentVersion?: ExperimentVersionRecord;
  dataset?: PinnedDataset;
}

/**
 * Reads the pinned versions from `store` (a unique prefix of a version is enough). The dataset's
 * items are read from the store during the run, so it must stay open until the run ends.
 * Throws UserError for a version the store does not have.
 */
export async function readVersionPins(store: RunStore, name: string, current: ExperimentConfig, flags: VersionFlags): Promise<VersionPins> {
  let experiment = current;
  let experimentVersion: ExperimentVersionRecord | undefined;
  if (flags.experimentVersion !== undefined) {
    experimentVersion = await findExperimentVersion(store, name, flags.experimentVersion);
    experiment = experimentFromDefinition(experimentVersion.definition, current.dataset, experimentVersion.version);
  }
  if (flags.datasetVersion === undefined) return { experiment, ...(experimentVersion ? { experimentVersion } : {}) };
  const record = await store.getDatasetVersion(versionPrefix(flags.datasetVersion));
  if (record === undefined) {
    throw new UserError(`--dataset-version: no dataset version "${flags.datasetVersion}" in this store (see \`evalgate datasets list\`)`);
  }
  return {
    experiment,
    ...(experimentVersion ? { experimentVersion } : {}),
    dataset: {
      info: { path: record.dataset_path, format: "jsonl", version: record.version, item_count: record.item_count },
      readItems: () => store.datasetVersionItems(record.version),
    },
  };
}

async function findExperimentVersion(store: RunStore, name: string, typed: string): Promise<ExperimentVersionRecord> {
  const prefix = versionPrefix(typed);
  // The whole version is one lookup; only a prefix needs the listing (on a results branch it reads every run file).
  const exact = await store.getExperimentVersion(name, prefix);
  if (exact !== undefined) return exact;
  const versions = (await store.listExperimentVersions(name)).filter((stored) => stored.version.startsWith(prefix));
  if (versions.length > 1) {
    throw ambiguousPrefixError("experiment version", prefix, versions.map((stored) => stored.version).sort());
  }
  const record = versions[0] && (await store.getExperimentVersion(name, versions[0].version));
  if (!record) {
    throw new UserError(`--experiment-version: experiment "${name}" has no stored version "${prefix}" in this store (see \`evalgate experiments show ${name}\`)`);
  }
  return record;
}

/**
 * A pinned experiment version runs only as itself: files it knows by digest (module scorers,
 * prompt files) are read from disk, and their content is not stored. Throws UserError naming the
 * files that changed since.
 */
export function checkPinnedVersion(pins: VersionPins, prepared: PreparedExperiment): void {
  const wanted = pins.experimentVersion;
  if (wanted === undefined || prepared.version === wanted.version) return;
  const changed = changedFiles(wanted.definition, prepared.definition);
  const why = changed.length > 0 ? `these files changed since (their content is not stored): ${changed.join(", ")}` : "this evalgate reads its definition differently";
  throw new UserError(
    `--experiment-version ${wanted.version}: cannot run experiment "${wanted.experiment}" at that version again exactly (it comes out as ${prepared.version}): ${why}; restore them, or run the current version`,
  );
}
