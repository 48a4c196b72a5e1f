import { Readable } from "node:stream";
import { createGzip, createGunzip } from "node:zlib";
import { UserError } from "../../core/errors.js";
import type { Run } from "../../core/model/run.js";
import type { RunItem } from "../../core/model/run-item.js";
import type { ExperimentVersionRecord } from "../run-store.js";

/**
 * A run file on the results branch: gzipped JSON lines, a header line and then one run item per
 * line in item_id order. Lines rather than one JSON document so a reader parses one item at a
 * time: a 100,000-item run is held compressed (tens of MB), never as 100,000 objects.
 */

export const RUN_DOCUMENT_FORMAT = 1;
const WRITE_BATCH_CHARS = 1024 * 1024;

export interface RunDocumentHeader {
  format: typeof RUN_DOCUMENT_FORMAT;
  run: Run;
  experiment_version: ExperimentVersionRecord | null;
}

/**
 * Gzips the header and the items as they stream in. Stops with a UserError as soon as the
 * compressed size passes `maxBytes`, so a run too large to publish fails before it is all read.
 */
export async function encodeRunDocument(
  header: RunDocumentHeader,
  items: AsyncIterable<RunItem>,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const gzip = createGzip();
  const collected = (async () => {
    for await (const chunk of gzip as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(header.run.id, maxBytes);
      chunks.push(chunk);
    }
  })();
  // Settled below; until then a failure here must not count as an unhandled rejection.
  const collectError = collected.then(
    () => undefined,
    (error: unknown) => error,
  );
  try {
    // Lines go to zlib in batches: a write per line waited on zlib's thread for every few items.
    let batch = `${JSON.stringify(header)}\n`;
    for await (const item of items) {
      batch += `${JSON.stringify(item)}\n`;
      if (batch.length >= WRITE_BATCH_CHARS) {
        await write(gzip, batch);
        batch = "";
      }
    }
    await write(gzip, batch);
    gzip.end();
  } catch (error) {
    gzip.destroy();
    // When the collector stopped the stream (too large), its error is the one that explains.
    throw (await collectError) ?? error;
  }
  const error = await collectError;
  if (error !== undefined) throw error;
  return Buffer.concat(chunks, size);
}

function write(gzip: ReturnType<typeof createGzip>, line: string): Promise<void> {
  if (gzip.destroyed) return Promise.reject(new Error("the run document stream was closed"));
  if (gzip.write(line)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      gzip.off("close", onClose);
      resolve();
    };
    const onClose = () => {
      gzip.off("drain", onDrain);
      reject(new Error("the run document stream was closed"));
    };
    gzip.once("drain", onDrain);
    gzip.once("close", onClose);
  });
}

function tooLarge(runId: string, maxBytes: number): UserError {
  const limit = maxBytes >= 1_000_000 ? `${Math.round(maxBytes / 1_000_000)} MB` : `${maxBytes} bytes`;
  return new UserError(
    `run "${runId}" is more than ${limit} compressed, the largest file GitHub's Git Data API accepts: ` +
      "use a smaller dataset (or split it into several experiments), or keep this run in the embedded store",
  );
}

/** The document's lines, decompressed as they are read. */
async function* documentLines(gzipped: Buffer): AsyncGenerator<string> {
  const text = Readable.from([gzipped]).pipe(createGunzip()).setEncoding("utf8");
  let pending = "";
  for await (const chunk of text as AsyncIterable<string>) {
    pending += chunk;
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line !== "") yield line;
      newline = pending.indexOf("\n");
    }
  }
  if (pending !== "") yield pending;
}

export async function readRunDocumentHeader(gzipped: Buffer, where: string): Promise<RunDocumentHeader> {
  for await (const line of documentLines(gzipped)) return parseHeader(line, where);
  throw new Error(`${where} is empty: it is not a run written by evalgate`);
}

/** The run's items in stored (item_id) order; the header line is checked and skipped. */
export async function* readRunDocumentItems(gzipped: Buffer, where: string): AsyncGenerator<RunItem> {
  let sawHeader = false;
  for await (const line of documentLines(gzipped)) {
    if (!sawHeader) {
      parseHeader(line, where);
      sawHeader = true;
      continue;
    }
    yield JSON.parse(line) as RunItem;
  }
}

function parseHeader(line: string, where: string): RunDocumentHeader {
  const header = JSON.parse(line) as Partial<RunDocumentHeader>;
  if (header.format !== RUN_DOCUMENT_FORMAT) {
    throw new UserError(
      `${where} has run file format ${String(header.format)}, but this evalgate reads format ${RUN_DOCUMENT_FORMAT}: upgrade evalgate`,
    );
  }
  return header as RunDocumentHeader;
}
