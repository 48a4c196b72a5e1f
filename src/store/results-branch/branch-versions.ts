import { compareItemIds } from "../../core/item-id-order.js";
import type { Item } from "../../core/model/item.js";
import type { Run } from "../../core/model/run.js";
import type { DatasetVersionRecord, DatasetVersionUse, ExperimentVersionUse } from "../run-store.js";
import { ambiguousPrefixError } from "../ambiguous-prefix.js";
import type { SqliteRunStore } from "../sqlite-store.js";
import type { BranchIndex, IndexedDatasetVersion, IndexedRun } from "./branch-index.js";
import type { BranchReader } from "./branch-reader.js";

/** Run files downloaded at once when their records are needed. */
const HEADER_DOWNLOADS_AT_ONCE = 8;
const ALL_RUNS = Number.MAX_SAFE_INTEGER;

/**
 * The dataset and experiment versions of a results branch store: those staged (in the staging
 * store, until a run over them is published) and the branch's, a staged one first.
 *
 * Costs on the branch: a dataset version's record is one small file; its first and last use are
 * the start times in the headers of its oldest and newest run (run ids start with the start
 * time, so the tree's paths tell which), one run file download each, kept for the store's
 * lifetime. Run paths do not name the experiment version, so listing experiment versions
 * downloads every run file of the experiment (of every experiment when none is named).
 */
export class BranchVersions {
  constructor(
    private readonly reader: BranchReader,
    private readonly staging: () => Promise<SqliteRunStore | undefined>,
  ) {}

  async getDataset(prefix: string): Promise<DatasetVersionRecord | undefined> {
    if (prefix === "") return undefined;
    // An ambiguous prefix among staged versions is ambiguous overall: the error stands.
    const staged = await (await this.staging())?.getDatasetVersion(prefix);
    if (staged?.version === prefix) return staged;
    const index = await this.reader.readIndex();
    const exact = index.datasetVersion(prefix);
    if (exact !== undefined) return this.record(index, exact);
    const published = index.datasetVersions().filter((dataset) => dataset.version.startsWith(prefix) && dataset.version !== staged?.version);
    const versions = [...(staged === undefined ? [] : [staged.version]), ...published.map((dataset) => dataset.version)].sort(compareItemIds);
    const [onlyPublished] = published;
    if (versions.length === 0) return undefined;
    if (versions.length === 1) return staged ?? (onlyPublished && this.record(index, onlyPublished));
    throw ambiguousPrefixError("dataset version", prefix, versions);
  }

  /** The staged copy when there is one, else the branch's file. */
  async *datasetItems(version: string): AsyncGenerator<Item> {
    const staging = await this.staging();
    if (staging !== undefined) {
      let staged = false;
      for await (const item of staging.datasetVersionItems(version)) {
        staged = true;
        yield item;
      }
      if (staged) return;
    }
    const dataset = (await this.reader.readIndex()).datasetVersion(version);
    if (dataset !== undefined) yield* this.reader.datasetItems(dataset.items);
  }

  async listDatasets(): Promise<DatasetVersionUse[]> {
    const staging = await this.staging();
    const index = await this.reader.readIndex();
    const records = new Map<string, DatasetVersionRecord>();
    for (const { version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt } of (await staging?.listDatasetVersions()) ?? []) {
      records.set(version, { version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt });
    }
    for (const dataset of index.datasetVersions()) {
      if (!records.has(dataset.version)) records.set(dataset.version, await this.record(index, dataset));
    }
    const stagedRuns = (await staging?.listRuns({ limit: ALL_RUNS })) ?? [];
    const uses: DatasetVersionUse[] = [];
    for (const record of records.values()) {
      const staged = stagedRuns.filter((run) => run.dataset_version === record.version);
      const stagedIds = new Set(staged.map((run) => run.id));
      // Newest first: the first and the last are the newest and the oldest run.
      const published = index.runsOfDatasetVersion(record.version).filter((run) => !stagedIds.has(run.runId));
      const starts = staged.map((run) => run.started_at);
      for (const run of new Set([published[0], published.at(-1)])) {
        if (run !== undefined) starts.push((await this.reader.header(run)).run.started_at);
      }
      starts.sort();
      const [first] = starts;
      const last = starts.at(-1);
      uses.push({ ...record, runs: staged.length + published.length, ...(first === undefined || last === undefined ? {} : { first_used: first, last_used: last }) });
    }
    return uses.sort((a, b) => descending(a.last_used ?? a.created_at, b.last_used ?? b.created_at) || descending(a.version, b.version));
  }

  async listExperiments(experiment: string | undefined): Promise<ExperimentVersionUse[]> {
    const staging = await this.staging();
    const index = await this.reader.readIndex();
    const versions = new Map<string, ExperimentVersionUse>();
    for (const use of (await staging?.listExperimentVersions(experiment)) ?? []) {
      versions.set(key(use.experiment, use.version), { experiment: use.experiment, version: use.version, created_at: use.created_at, runs: 0 });
    }
    for (const file of index.experimentVersionsOf(experiment)) {
      if (versions.has(key(file.experiment, file.version))) continue;
      const record = await this.reader.experimentVersionFile(file.blob);
      versions.set(key(file.experiment, file.version), { experiment: file.experiment, version: file.version, created_at: record.created_at, runs: 0 });
    }
    const newestRun = new Map<string, Run>();
    for (const run of await this.runsOf(index, staging, experiment)) {
      const use = versions.get(key(run.experiment, run.experiment_version));
      if (use === undefined) continue;
      use.runs += 1;
      if (use.first_run === undefined || run.started_at < use.first_run) use.first_run = run.started_at;
      if (use.last_run === undefined || run.started_at > use.last_run) use.last_run = run.started_at;
      const newest = newestRun.get(key(run.experiment, run.experiment_version));
      if (newest === undefined || run.started_at > newest.started_at || (run.started_at === newest.started_at && run.id > newest.id)) {
        newestRun.set(key(run.experiment, run.experiment_version), run);
        use.dataset_version = run.dataset_version;
      }
    }
    return [...versions.values()].sort(
      (a, b) => descending(a.first_run ?? a.created_at, b.first_run ?? b.created_at) || ascending(a.experiment, b.experiment) || ascending(a.version, b.version),
    );
  }

  /** Staged runs and the published ones not staged here, of one experiment when given. */
  private async runsOf(index: BranchIndex, staging: SqliteRunStore | undefined, experiment: string | undefined): Promise<Run[]> {
    const runs = (await staging?.listRuns({ limit: ALL_RUNS, ...(experiment === undefined ? {} : { experiment }) })) ?? [];
    const stagedIds = new Set(runs.map((run) => run.id));
    const published = index.runs.filter((run) => !stagedIds.has(run.runId) && (experiment === undefined || run.experiment === experiment));
    for (let start = 0; start < published.length; start += HEADER_DOWNLOADS_AT_ONCE) {
      const batch: IndexedRun[] = published.slice(start, start + HEADER_DOWNLOADS_AT_ONCE);
      runs.push(...(await Promise.all(batch.map(async (run) => (await this.reader.header(run)).run))));
    }
    return runs;
  }

  /**
   * The version's record file; when that was deleted by hand, what the oldest run over the version
   * says (its file and start), with the items counted.
   */
  private async record(index: BranchIndex, dataset: IndexedDatasetVersion): Promise<DatasetVersionRecord> {
    if (dataset.record !== undefined) return this.reader.datasetRecordFile(dataset.record);
    let itemCount = 0;
    for await (const _item of this.reader.datasetItems(dataset.items)) itemCount += 1;
    const oldest = index.runsOfDatasetVersion(dataset.version).at(-1);
    const run = oldest === undefined ? undefined : (await this.reader.header(oldest)).run;
    return { version: dataset.version, dataset_path: run?.dataset_path ?? "", item_count: itemCount, created_at: run?.started_at ?? "" };
  }
}

function key(experiment: string, version: string): string {
  return `${experiment}\u0000${version}`;
}

function ascending(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function descending(a: string, b: string): number {
  return ascending(b, a);
}
