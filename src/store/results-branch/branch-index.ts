import type { TreeBlob } from "./branch-git.js";
import { parseAnnotationsPath, parseDatasetPath, parseExperimentVersionPath, parseRunPath, type RunRef, type RunRole } from "./layout.js";

/** A published run as the tree lists it: its path's facts plus the blob to download. */
export interface IndexedRun extends RunRef {
  blobSha: string;
  /** Compressed bytes. */
  size: number;
}

/** A dataset version on the branch: its items file, and its record file when there is one. */
export interface IndexedDatasetVersion {
  version: string;
  items: TreeBlob;
  record?: TreeBlob;
}

export interface RunRefFilter {
  experiment: string;
  datasetVersion?: string;
  commit?: string;
  role?: RunRole;
}

/**
 * What one listing of the branch's tree says: every run, experiment version and dataset version,
 * from paths alone.
 * Runs are kept newest first: run ids start with their start time (run-YYYYMMDD-HHMMSS-xxxx).
 */
export class BranchIndex {
  /** Newest first. */
  readonly runs: readonly IndexedRun[];
  private readonly runsById = new Map<string, IndexedRun>();
  private readonly experimentVersions = new Map<string, TreeBlob>();
  private readonly annotationFiles = new Map<string, TreeBlob[]>();
  private readonly datasetFiles = new Map<string, { items?: TreeBlob; record?: TreeBlob }>();
  private readonly paths: ReadonlySet<string>;

  constructor(blobs: readonly TreeBlob[]) {
    this.paths = new Set(blobs.map((blob) => blob.path));
    const runs: IndexedRun[] = [];
    for (const blob of blobs) {
      const ref = parseRunPath(blob.path);
      if (ref !== undefined) {
        // One path per run id; a run republished under another role or commit keeps its first path.
        if (this.runsById.has(ref.runId)) continue;
        const run = { ...ref, blobSha: blob.sha, size: blob.size };
        this.runsById.set(ref.runId, run);
        runs.push(run);
        continue;
      }
      const dataset = parseDatasetPath(blob.path);
      if (dataset !== undefined) {
        const files = this.datasetFiles.get(dataset.version) ?? {};
        files[dataset.file] = blob;
        this.datasetFiles.set(dataset.version, files);
        continue;
      }
      const version = parseExperimentVersionPath(blob.path);
      if (version !== undefined) this.experimentVersions.set(versionKey(version.experiment, version.version), blob);
      const annotations = parseAnnotationsPath(blob.path);
      if (annotations !== undefined) {
        const files = this.annotationFiles.get(annotations.runId);
        if (files === undefined) this.annotationFiles.set(annotations.runId, [blob]);
        else files.push(blob);
      }
    }
    // Path order is write order (names start with the time written): later files win.
    for (const files of this.annotationFiles.values()) files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.runs = runs.sort((a, b) => (a.runId < b.runId ? 1 : a.runId > b.runId ? -1 : 0));
  }

  static empty(): BranchIndex {
    return new BranchIndex([]);
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  run(runId: string): IndexedRun | undefined {
    return this.runsById.get(runId);
  }

  /** Runs whose id starts with `prefix`, in id order (as the SQLite store lists them). */
  runsWithPrefix(prefix: string): IndexedRun[] {
    return this.runs.filter((run) => run.runId.startsWith(prefix)).reverse();
  }

  find(filter: RunRefFilter): IndexedRun[] {
    return this.runs.filter(
      (run) =>
        run.experiment === filter.experiment &&
        (filter.datasetVersion === undefined || run.datasetVersion === filter.datasetVersion) &&
        (filter.commit === undefined || run.commit === filter.commit) &&
        (filter.role === undefined || run.role === filter.role),
    );
  }

  /** The run's annotations files in write order (oldest first); none for a run never annotated. */
  annotationsOf(runId: string): readonly TreeBlob[] {
    return this.annotationFiles.get(runId) ?? [];
  }

  experimentVersion(experiment: string, version: string): TreeBlob | undefined {
    return this.experimentVersions.get(versionKey(experiment, version));
  }

  /** Every experiment version file, of one experiment when given. */
  experimentVersionsOf(experiment: string | undefined): { experiment: string; version: string; blob: TreeBlob }[] {
    const found: { experiment: string; version: string; blob: TreeBlob }[] = [];
    for (const [key, blob] of this.experimentVersions) {
      const [name = "", version = ""] = key.split("\u0000");
      if (experiment === undefined || name === experiment) found.push({ experiment: name, version, blob });
    }
    return found;
  }

  /** A dataset version is on the branch when its items file is; a lone record file is a leftover. */
  datasetVersion(version: string): IndexedDatasetVersion | undefined {
    const files = this.datasetFiles.get(version);
    if (files?.items === undefined) return undefined;
    return { version, items: files.items, ...(files.record === undefined ? {} : { record: files.record }) };
  }

  datasetVersions(): IndexedDatasetVersion[] {
    return [...this.datasetFiles.keys()].flatMap((version) => this.datasetVersion(version) ?? []);
  }

  /** Both files of a dataset version that are there (items, record), to remove them. */
  datasetFilesOf(version: string): TreeBlob[] {
    const files = this.datasetFiles.get(version);
    return [files?.items, files?.record].filter((file) => file !== undefined);
  }

  /** The runs over a dataset version, newest first. */
  runsOfDatasetVersion(version: string): IndexedRun[] {
    return this.runs.filter((run) => run.datasetVersion === version);
  }
}

function versionKey(experiment: string, version: string): string {
  return `${experiment}\u0000${version}`;
}

/** A RunRef without the index's download details, as callers get it. */
export function toRunRef(run: IndexedRun): RunRef {
  const ref: RunRef = { runId: run.runId, experiment: run.experiment, datasetVersion: run.datasetVersion, path: run.path };
  if (run.commit !== undefined) ref.commit = run.commit;
  if (run.role !== undefined) ref.role = run.role;
  return ref;
}
