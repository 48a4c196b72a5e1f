import type { RunItem } from "../../core/model/run-item.js";
import type { ExperimentVersionRecord } from "../run-store.js";
import type { BranchGit } from "./branch-git.js";
import { BranchIndex, type IndexedRun } from "./branch-index.js";
import { readRunDocumentHeader, readRunDocumentItems, type RunDocumentHeader } from "./run-document.js";

/**
 * Reads the results branch: the index from one tree listing (kept until the store writes), and
 * run files downloaded on demand. A blob's content never changes for its sha, so headers are kept
 * for the store's lifetime and recent run files are kept compressed up to a byte budget.
 */
const BLOB_CACHE_BYTES = 32 * 1024 * 1024;

export class BranchReader {
  private index: Promise<BranchIndex> | undefined;
  private readonly headers = new Map<string, Promise<RunDocumentHeader>>();
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

  async experimentVersion(experiment: string, version: string): Promise<ExperimentVersionRecord | undefined> {
    const blob = (await this.readIndex()).experimentVersion(experiment, version);
    if (blob === undefined) return undefined;
    return JSON.parse((await this.git.readBlob(blob.sha)).toString("utf8")) as ExperimentVersionRecord;
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
