import { existsSync } from "node:fs";
import { findScore } from "../../core/repeats/find-score.js";
import path from "node:path";
import { UserError } from "../../core/errors.js";
import { ambiguousPrefixError } from "../ambiguous-prefix.js";
import type { GitHubClient } from "../../github/github-client.js";
import type { Run } from "../../core/model/run.js";
import type { RunItem, Score } from "../../core/model/run-item.js";
import type { ExperimentState } from "../../core/experiment-lifecycle.js";
import type { Annotation } from "../../core/model/annotation.js";
import { EMBEDDED_STORE_FILE, openEmbeddedStore } from "../open-store.js";
import type { Item } from "../../core/model/item.js";
import { RunExistsError, UnknownRunError, type DatasetVersionRecord, type DatasetVersionUse, type DeletedRun, type ExperimentVersionRecord, type ExperimentVersionUse, type RunEnd, type RunFilter, type RunLease, type RunStore } from "../run-store.js";
import type { SqliteRunStore } from "../sqlite-store.js";
import { appendToBranch } from "./append-to-branch.js";
import { annotationsAppend, WriteClock } from "./annotations-append.js";
import { BranchGit, type BranchLocation } from "./branch-git.js";
import { toRunRef, type IndexedRun, type RunRefFilter } from "./branch-index.js";
import { BranchReader } from "./branch-reader.js";
import { BranchVersions } from "./branch-versions.js";
import { encodeRunForBranch } from "./encode-run.js";
import { removeFromBranch } from "./remove-from-branch.js";
import { runRemoval } from "./run-removal.js";
import { DEFAULT_RESULTS_BRANCH, parseRunPath, type RunRef } from "./layout.js";
import { DEFAULT_BRANCH_RETRY_POLICY, type BranchRetryPolicy } from "./retry-policy.js";

/** The Git Data API accepts blobs up to 100 MB. */
export const MAX_RUN_FILE_BYTES = 100_000_000;
const DEFAULT_LIST_LIMIT = 50;
/** Run files downloaded at once when listRuns needs their records. */
const HEADER_DOWNLOADS_AT_ONCE = 8;

export interface ResultsBranchStoreOptions {
  /**
   * An Octokit that retries 5xx and rate limits itself (createOctokit's, Probot's): the store adds
   * no retry of its own but for moving the branch. Only `rest.git.*` and `rest.repos.get` are called.
   */
  octokit: GitHubClient;
  owner: string;
  repo: string;
  branch?: string;
  /** Runs being written live here (an embedded store) until endRun publishes them. */
  stagingDir: string;
  /** How often and how patiently the branch is moved; defaults suit GitHub, tests shorten the delays. */
  retry?: Partial<BranchRetryPolicy>;
  /** Largest compressed run file; at most (and by default) MAX_RUN_FILE_BYTES. */
  maxRunFileBytes?: number;
}

/**
 * Runs kept on an orphan branch of the user's repository, one gzipped file per run, written and
 * read through the Git Data API. Writes are staged in an embedded store in `stagingDir` (durable
 * per item, like the embedded store) and endRun publishes the finished run in one commit.
 *
 * Reads see staged runs first, then the branch. Costs on the branch: the index is one ref, one
 * commit and one recursive tree request, kept until this store publishes; findRuns, getRun's
 * prefix matching and listRuns' experiment filter need nothing more. A run record or its items
 * cost one blob download per run (headers kept, files kept compressed up to 32 MB). getRunItem and
 * getScore cannot tell the run from the id, so they read run files (cached first, then newest
 * first) until found: a miss downloads every run on the branch.
 */
export class ResultsBranchStore implements RunStore {
  readonly location: BranchLocation;
  private readonly stagingDir: string;
  private staging: Promise<SqliteRunStore> | undefined;
  private readonly git: BranchGit;
  private readonly reader: BranchReader;
  private readonly versions: BranchVersions;
  private readonly policy: BranchRetryPolicy;
  private readonly maxRunFileBytes: number;
  private publishing: Promise<unknown> = Promise.resolve();
  private readonly clock = new WriteClock();

  constructor(options: ResultsBranchStoreOptions) {
    this.location = { owner: options.owner, repo: options.repo, branch: options.branch ?? DEFAULT_RESULTS_BRANCH };
    this.stagingDir = options.stagingDir;
    this.policy = { ...DEFAULT_BRANCH_RETRY_POLICY, ...options.retry };
    this.maxRunFileBytes = Math.min(options.maxRunFileBytes ?? MAX_RUN_FILE_BYTES, MAX_RUN_FILE_BYTES);
    this.git = new BranchGit(options.octokit, this.location);
    this.reader = new BranchReader(this.git);
    this.versions = new BranchVersions(this.reader, () => this.stagingIfAny());
  }

  private stagingStore(): Promise<SqliteRunStore> {
    this.staging ??= openEmbeddedStore(this.stagingDir);
    return this.staging;
  }

  /** Reads leave no staging directory behind when nothing was ever staged there (a laptop's CLI). */
  private async stagingIfAny(): Promise<SqliteRunStore | undefined> {
    if (this.staging === undefined && !existsSync(path.join(this.stagingDir, EMBEDDED_STORE_FILE))) return undefined;
    return this.stagingStore();
  }

  /** The staged run with exactly this id. */
  private async stagedRun(runId: string): Promise<{ staging: SqliteRunStore; run: Run } | undefined> {
    const staging = await this.stagingIfAny();
    if (staging === undefined) return undefined;
    try {
      const run = await staging.getRun(runId);
      return run?.id === runId ? { staging, run } : undefined;
    } catch (error) {
      if (error instanceof UserError) return undefined;
      throw error;
    }
  }

  async saveExperimentVersion(record: ExperimentVersionRecord): Promise<void> {
    await (await this.stagingStore()).saveExperimentVersion(record);
  }

  async getExperimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined> {
    const staged = await (await this.stagingIfAny())?.getExperimentVersion(experiment, version);
    return staged ?? this.reader.experimentVersion(experiment, version);
  }

  /** A published run's id is taken as much as a staged one's: its file on the branch is final. */
  async createRun(run: Run): Promise<void> {
    if ((await this.reader.readIndex()).run(run.id) !== undefined) throw new RunExistsError(run.id, this.git.name);
    await (await this.stagingStore()).createRun(run);
  }

  async putRunItem(item: RunItem): Promise<void> {
    await (await this.stagingStore()).putRunItem(item);
  }

  /** Ends the staged run and publishes it; when publishing fails the run stays staged for `publish`. */
  async endRun(runId: string, end: RunEnd): Promise<void> {
    const staged = await this.stagedRun(runId);
    if (staged === undefined) throw new UnknownRunError(runId, `the runs in progress for ${this.git.name}`);
    await staged.staging.endRun(runId, end);
    await this.publishFrom(staged.staging, runId);
  }

  /** Only a staged run can go on: a published run's file on the branch is final. */
  async reopenRun(runId: string): Promise<void> {
    const staged = await this.stagedRun(runId);
    if (staged === undefined && (await this.reader.readIndex()).run(runId) === undefined) throw new UnknownRunError(runId, this.git.name);
    if (staged === undefined) {
      throw new UserError(
        `run "${runId}" is published on ${this.location.branch} and cannot be continued there; start a new run instead`,
      );
    }
    await staged.staging.reopenRun(runId);
  }

  /**
   * Leases live beside the runs in progress, in the staging store: only processes that share the
   * staging directory can run the same run, so only they need to agree on its owner.
   */
  async acquireRunLease(lease: RunLease, replacing?: string): Promise<RunLease | undefined> {
    return (await this.stagingStore()).acquireRunLease(lease, replacing);
  }

  async renewRunLease(runId: string, holder: string, heartbeatAt: string): Promise<boolean> {
    return (await this.stagingStore()).renewRunLease(runId, holder, heartbeatAt);
  }

  async releaseRunLease(runId: string, holder: string): Promise<void> {
    await (await this.stagingStore()).releaseRunLease(runId, holder);
  }

  async getRunLease(runId: string): Promise<RunLease | undefined> {
    return (await this.stagingIfAny())?.getRunLease(runId);
  }

  /** Kept in the local staging store beside runs in progress: the branch holds runs, not lifecycles. */
  async getExperimentState(experiment: string): Promise<ExperimentState | undefined> {
    return (await this.stagingIfAny())?.getExperimentState(experiment);
  }

  async setExperimentState(state: ExperimentState): Promise<void> {
    await (await this.stagingStore()).setExperimentState(state);
  }

  /** Publishes a run staged here again, e.g. after endRun's publishing failed. */
  async publish(runId: string): Promise<RunRef> {
    return this.publishFrom(await this.stagingStore(), runId);
  }

  /** Publishes a finished run from any store (the Action may run with the embedded store). */
  async publishFrom(source: RunStore, runId: string): Promise<RunRef> {
    const index = await this.reader.readIndex();
    const { append } = await encodeRunForBranch(source, runId, this.maxRunFileBytes, (path) => index.has(path));
    await this.write(() => appendToBranch(this.git, append, this.policy));
    const ref = parseRunPath(append.file.path);
    if (ref === undefined) throw new Error(`published ${append.file.path}, which is not a run path`);
    return ref;
  }

  /** Forgets the branch's listing, so the next read sees what other jobs published since (a poll). */
  refresh(): void {
    this.reader.invalidate();
  }

  /** One commit at a time per store: two of ours would only race each other. */
  private async write<T>(commit: () => Promise<T>): Promise<T> {
    const written = this.publishing.then(commit);
    this.publishing = written.catch(() => undefined);
    try {
      return await written;
    } finally {
      this.reader.invalidate();
    }
  }

  /** Staged until a run over it is published, which adds it to the branch (once). */
  async putDatasetVersion(record: DatasetVersionRecord, items: AsyncIterable<Item> | Iterable<Item>): Promise<boolean> {
    if ((await this.reader.readIndex()).datasetVersion(record.version) !== undefined) return false;
    return (await this.stagingStore()).putDatasetVersion(record, items);
  }

  getDatasetVersion(version: string): Promise<DatasetVersionRecord | undefined> {
    return this.versions.getDataset(version);
  }

  datasetVersionItems(version: string): AsyncIterable<Item> {
    return this.versions.datasetItems(version);
  }

  listDatasetVersions(): Promise<DatasetVersionUse[]> {
    return this.versions.listDatasets();
  }

  listExperimentVersions(experiment?: string): Promise<ExperimentVersionUse[]> {
    return this.versions.listExperiments(experiment);
  }

  /**
   * A published run goes in one commit with its annotation files and, when no other run on the
   * branch is over it, its dataset version's files; a staged copy goes from the staging store.
   */
  async deleteRun(runId: string): Promise<DeletedRun> {
    const staged = await this.stagedRun(runId);
    const published = (await this.reader.readIndex()).run(runId);
    if (staged === undefined && published === undefined) throw new UnknownRunError(runId, this.git.name);
    const version = staged?.run.dataset_version ?? published!.datasetVersion;
    const hadVersion = (await this.versions.getDataset(version))?.version === version;
    let items = 0;
    if (published !== undefined) {
      if (staged === undefined) for await (const _item of this.reader.items(published)) items += 1;
      await this.write(() => removeFromBranch(this.git, runRemoval(this.git, runId), this.policy));
    }
    if (staged !== undefined) items = (await staged.staging.deleteRun(runId)).items;
    const datasetVersionRemoved = hadVersion && (await this.versions.getDataset(version))?.version !== version;
    return { items, datasetVersionRemoved };
  }

  /**
   * Annotations of a published run go onto the branch, a new file per run in one commit for the
   * call, so another machine reads them; a run only staged here is annotated in the staging store,
   * and its annotations are published with it. UnknownRunError, before anything is written, for
   * a run in neither place.
   */
  async putAnnotations(annotations: readonly Annotation[]): Promise<void> {
    const index = await this.reader.readIndex();
    const published = new Map<string, Annotation[]>();
    const staged: Annotation[] = [];
    for (const annotation of annotations) {
      const runId = annotation.run_id;
      const list = published.get(runId);
      if (list !== undefined) list.push(annotation);
      else if (index.run(runId) !== undefined) published.set(runId, [annotation]);
      else staged.push(annotation);
    }
    for (const runId of new Set(staged.map((annotation) => annotation.run_id))) {
      if ((await this.stagedRun(runId)) === undefined) throw new UnknownRunError(runId, this.git.name);
    }
    // The time is taken in turn, so files written by this store sort in the order they were written.
    if (published.size > 0) await this.write(async () => appendToBranch(this.git, await annotationsAppend(published, this.clock.next()), this.policy));
    if (staged.length > 0) await (await this.stagingStore()).putAnnotations(staged);
  }

  /** A published run's annotations are the branch's (written there since it was published); else the staged run's. */
  async runAnnotations(runId: string): Promise<Annotation[]> {
    if ((await this.reader.readIndex()).run(runId) !== undefined) return this.reader.annotations(runId);
    const staged = await this.stagedRun(runId);
    return staged === undefined ? [] : staged.staging.runAnnotations(runId);
  }

  async getRun(runId: string): Promise<Run | undefined> {
    if (runId === "") return undefined;
    const staging = await this.stagingIfAny();
    // An ambiguous prefix among staged runs is ambiguous overall: the error stands.
    const staged = await staging?.getRun(runId);
    if (staged?.id === runId) return staged;
    const index = await this.reader.readIndex();
    const exact = index.run(runId);
    if (exact !== undefined) return (await this.reader.header(exact)).run;
    const published = index.runsWithPrefix(runId).filter((run) => run.runId !== staged?.id);
    const ids = [...(staged === undefined ? [] : [staged.id]), ...published.map((run) => run.runId)].sort();
    const [onlyPublished] = published;
    if (ids.length === 0) return undefined;
    if (ids.length === 1) return staged ?? (onlyPublished && (await this.reader.header(onlyPublished)).run);
    throw ambiguousPrefixError("run id", runId, ids);
  }

  /**
   * Staged runs and published ones, newest first. The experiment filter reads paths only; a
   * status filter downloads run files newest first until `limit` match (each download is cached).
   */
  async listRuns(filter: RunFilter = {}): Promise<Run[]> {
    const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
    const staged = (await (await this.stagingIfAny())?.listRuns({ ...filter, limit })) ?? [];
    const stagedIds = new Set(staged.map((run) => run.id));
    const index = await this.reader.readIndex();
    const candidates = index.runs.filter(
      (run) => !stagedIds.has(run.runId) && (filter.experiment === undefined || run.experiment === filter.experiment),
    );
    const published: Run[] = [];
    for (let start = 0; start < candidates.length && published.length < limit; start += HEADER_DOWNLOADS_AT_ONCE) {
      const batch = candidates.slice(start, start + HEADER_DOWNLOADS_AT_ONCE);
      const runs = await Promise.all(batch.map(async (run) => (await this.reader.header(run)).run));
      published.push(...runs.filter((run) => filter.status === undefined || run.status === filter.status));
    }
    return [...staged, ...published].sort(newestFirst).slice(0, limit);
  }

  async *runItems(runId: string): AsyncGenerator<RunItem> {
    const staged = await this.stagedRun(runId);
    if (staged !== undefined) {
      yield* staged.staging.runItems(runId);
      return;
    }
    const published = (await this.reader.readIndex()).run(runId);
    if (published !== undefined) yield* this.reader.items(published);
  }

  async runItemStatuses(runId: string): Promise<Map<string, RunItem["status"]>> {
    const statuses = new Map<string, RunItem["status"]>();
    for await (const item of this.runItems(runId)) statuses.set(item.item_id, item.status);
    return statuses;
  }

  /**
   * Staged runs answer from their index. A published run item is found by reading run files,
   * cached ones first, then newest first: a miss downloads every run on the branch.
   */
  async getRunItem(runItemId: string): Promise<RunItem | undefined> {
    const staged = await (await this.stagingIfAny())?.getRunItem(runItemId);
    if (staged !== undefined) return staged;
    for await (const item of this.publishedItems()) if (item.id === runItemId) return item;
    return undefined;
  }

  /** As getRunItem: a miss downloads every run on the branch. */
  async getScore(scoreId: string): Promise<{ score: Score; runItem: RunItem } | undefined> {
    const staged = await (await this.stagingIfAny())?.getScore(scoreId);
    if (staged !== undefined) return staged;
    for await (const runItem of this.publishedItems()) {
      const score = findScore(runItem, scoreId);
      if (score !== undefined) return { score, runItem };
    }
    return undefined;
  }

  private async *publishedItems(): AsyncGenerator<RunItem> {
    const runs: readonly IndexedRun[] = (await this.reader.readIndex()).runs;
    const cachedFirst = [...runs.filter((run) => this.reader.isCached(run)), ...runs.filter((run) => !this.reader.isCached(run))];
    for (const run of cachedFirst) yield* this.reader.items(run);
  }

  /** Published runs matching the filter, newest first, from the branch's paths alone (no downloads). */
  async findRuns(filter: RunRefFilter): Promise<RunRef[]> {
    return (await this.reader.readIndex()).find(filter).map(toRunRef);
  }

  async close(): Promise<void> {
    await this.publishing;
    const staging = this.staging;
    this.staging = undefined;
    if (staging !== undefined) await (await staging).close();
  }
}

/** As the embedded store orders runs: by start time, then id, newest first. */
function newestFirst(a: Run, b: Run): number {
  if (a.started_at !== b.started_at) return a.started_at < b.started_at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
