import { UserError } from "../../core/errors.js";
import type { Run } from "../../core/model/run.js";
import type { RunItem } from "../../core/model/run-item.js";
import type { ExperimentVersionRecord } from "../run-store.js";
import { gunzipLines, gzipLines } from "./gzip-lines.js";

/**
 * A run file on the results branch: gzipped JSON lines, a header line and then one run item per
 * line in item_id order. Lines rather than one JSON document so a reader parses one item at a
 * time: a 100,000-item run is held compressed (tens of MB), never as 100,000 objects.
 */

export const RUN_DOCUMENT_FORMAT = 1;

export interface RunDocumentHeader {
  format: typeof RUN_DOCUMENT_FORMAT;
  run: Run;
  experiment_version: ExperimentVersionRecord | null;
}

/**
 * Gzips the header and the items as they stream in. Stops with a UserError as soon as the
 * compressed size passes `maxBytes`, so a run too large to publish fails before it is all read.
 */
export function encodeRunDocument(header: RunDocumentHeader, items: AsyncIterable<RunItem>, maxBytes: number): Promise<Buffer> {
  return gzipLines(documentLinesOf(header, items), maxBytes, () => tooLarge(header.run.id, maxBytes));
}

async function* documentLinesOf(header: RunDocumentHeader, items: AsyncIterable<RunItem>): AsyncGenerator<string> {
  yield JSON.stringify(header);
  for await (const item of items) yield JSON.stringify(item);
}

function tooLarge(runId: string, maxBytes: number): UserError {
  return new UserError(
    `run "${runId}" is more than ${sizeText(maxBytes)} compressed, the largest file GitHub's Git Data API accepts: ` +
      "use a smaller dataset (or split it into several experiments), or keep this run in the embedded store",
  );
}

export function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${Math.round(bytes / 1_000_000)} MB` : `${bytes} bytes`;
}

export async function readRunDocumentHeader(gzipped: Buffer, where: string): Promise<RunDocumentHeader> {
  for await (const line of gunzipLines(gzipped)) return parseHeader(line, where);
  throw new Error(`${where} is empty: it is not a run written by evalgate`);
}

/** The run's items in stored (item_id) order; the header line is checked and skipped. */
export async function* readRunDocumentItems(gzipped: Buffer, where: string): AsyncGenerator<RunItem> {
  let sawHeader = false;
  for await (const line of gunzipLines(gzipped)) {
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
