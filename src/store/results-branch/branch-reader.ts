import { compareItemIds } from "../../core/item-id-order.js";
import type { Annotation } from "../../core/model/annotation.js";
import type { RunItem } from "../../core/model/run-item.js";
import { decodeAnnotationDocument } from "./annotation-document.js";
import type { DatasetVersionRecord, ExperimentVersionRecord } from "../run-store.js";
import type { Item } from "../../core/model/item.js";
import { decodeDatasetRecord, readDatasetItems } from "./dataset-document.js";
import type { BranchGit, TreeBlob } from "./branch-git.js";
import { BranchIndex, type IndexedRun } from "./branch-index.js";
import { readRunDocumentHeader, readRunDocumentItems, type RunDocumentHeader } from "./run-document.js";

/**
 * Reads the results branch: the index from one tree listing (kept until the store writes), and
 * run files downloaded on demand. A blob's content never changes for its sha, so headers are kept
 * for the store's lifetime and recent run files are kept compressed up to a byte budget.
 */
const BLOB_CACHE_BYTES = 32 * 1024 * 1024;
/** Annotations files downloaded at once. */
const DOWNLOADS_AT_ONCE = 8;

export class BranchReader {
  private index: Promise<BranchIndex> | undefined;
  private readonly headers = new Map<string, Promise<RunDocumentHeader>>();
  /** Small JSON files (experiment versions, dataset version records) by blob sha. */
  private readonly records = new Map<string, Promise<Buffer>>();
  private readonly blobs = new BlobCache(BLOB_CACHE_BYTES);

  constructor(private readonly git: BranchGit) {}

  readIndex(): Promise<BranchIndex> {
    if (this.index === undefined) {
      const reading = this.listBranch();
      this.index = reading;
      // A failed read is not remembered: the next call tries again.
      reading.catch(() => {
        if (this.index === reading) this.index = undefined;
      });
    }
    return this.index;
  }

  /** Called after this store writes: the next read lists the branch again. */
  invalidate(): void {
    this.index = undefined;
  }

  private async listBranch(): Promise<BranchIndex> {
    const head = await this.git.readHead();
    if (head === undefined) {
      await this.git.requireRepository();
      return BranchIndex.empty();
    }
    return new BranchIndex(await this.git.listBlobs(head.treeSha));
  }

  header(run: IndexedRun): Promise<RunDocumentHeader> {
    let header = this.headers.get(run.blobSha);
    if (header === undefined) {
      header = this.download(run).then((gzipped) => readRunDocumentHeader(gzipped, this.where(run)));
      this.headers.set(run.blobSha, header);
      header.catch(() => this.headers.delete(run.blobSha));
    }
    return header;
  }

  async *items(run: IndexedRun): AsyncGenerator<RunItem> {
    yield* readRunDocumentItems(await this.download(run), this.where(run));
  }

  /**
   * A published run's annotations: its files applied in write order, a later annotation of the
   * same (run item, name) replacing an earlier one; ordered by item_id, then name, in code point
   * order (as the embedded store orders them). Files are downloaded a few at a time and kept.
   */
  async annotations(runId: string): Promise<Annotation[]> {
    const files = (await this.readIndex()).annotationsOf(runId);
    const latest = new Map<string, Annotation>();
    for (let start = 0; start < files.length; start += DOWNLOADS_AT_ONCE) {
      const batch = files.slice(start, start + DOWNLOADS_AT_ONCE);
      const decoded = await Promise.all(batch.map((file) => this.annotationFile(file)));
      for (const annotations of decoded) {
        for (const annotation of annotations) latest.set(`${annotation.run_item_id}\u0000${annotation.name}`, annotation);
      }
    }
    return [...latest.values()].sort((a, b) => compareItemIds(a.item_id, b.item_id) || compareItemIds(a.name, b.name));
  }

  private async annotationFile(file: TreeBlob): Promise<Annotation[]> {
    let gzipped = this.blobs.get(file.sha);
    if (gzipped === undefined) {
      gzipped = await this.git.readBlob(file.sha);
      this.blobs.set(file.sha, gzipped);
    }
    return decodeAnnotationDocument(gzipped, `${this.git.name}:${file.path}`);
  }

  async experimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined> {
    const blob = (await this.readIndex()).experimentVersion(experiment, version);
    return blob === undefined ? undefined : this.experimentVersionFile(blob);
  }

  async experimentVersionFile(blob: TreeBlob): Promise<ExperimentVersionRecord> {
    return JSON.parse((await this.smallFile(blob)).toString("utf8")) as ExperimentVersionRecord;
  }

  async datasetRecordFile(blob: TreeBlob): Promise<DatasetVersionRecord> {
    return decodeDatasetRecord(await this.smallFile(blob), `${this.git.name}:${blob.path}`);
  }

  /** A dataset version's items in id order, its file downloaded once and kept as run files are. */
  async *datasetItems(blob: TreeBlob): AsyncGenerator<Item> {
    let gzipped = this.blobs.get(blob.sha);
    if (gzipped === undefined) {
      gzipped = await this.git.readBlob(blob.sha);
      this.blobs.set(blob.sha, gzipped);
    }
    yield* readDatasetItems(gzipped);
  }

  private smallFile(blob: TreeBlob): Promise<Buffer> {
    let content = this.records.get(blob.sha);
    if (content === undefined) {
      content = this.git.readBlob(blob.sha);
      this.records.set(blob.sha, content);
      content.catch(() => this.records.delete(blob.sha));
    }
    return content;
  }

  isCached(run: IndexedRun): boolean {
    return this.blobs.has(run.blobSha);
  }

  private async download(run: IndexedRun): Promise<Buffer> {
    const cached = this.blobs.get(run.blobSha);
    if (cached !== undefined) return cached;
    const gzipped = await this.git.readBlob(run.blobSha);
    this.blobs.set(run.blobSha, gzipped);
    return gzipped;
  }

  private where(run: IndexedRun): string {
    return `${this.git.name}:${run.path}`;
  }
}

/** Least recently used first out, by total bytes; a blob larger than the budget is not kept. */
class BlobCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  get(sha: string): Buffer | undefined {
    const blob = this.entries.get(sha);
    if (blob !== undefined) {
      this.entries.delete(sha);
      this.entries.set(sha, blob);
    }
    return blob;
  }

  has(sha: string): boolean {
    return this.entries.has(sha);
  }

  set(sha: string, blob: Buffer): void {
    if (blob.length > this.budget || this.entries.has(sha)) return;
    this.entries.set(sha, blob);
    this.bytes += blob.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= old.length;
    }
  }
}
