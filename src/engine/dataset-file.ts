import type { FileHandle } from "node:fs/promises";
import { open, stat } from "node:fs/promises";
import { UserError } from "../core/errors.js";
import { datasetFormatOf } from "../core/dataset/format.js";
import { inspectDatasetChunks, parseDataset, type InspectOptions, type ParseOptions } from "../core/dataset/parse-dataset.js";
import type { DatasetInfo, Item } from "../core/model/item.js";

const CHUNK_BYTES = 64 * 1024;

/**
 * The validating pass over a dataset file (every record, ids, duplicates, version, count).
 * `displayPath` is the path as written in the config, used in every message and in the result.
 * Messages quote the file's content only with `quoteContent` (a file inside the project).
 */
export async function inspectDataset(file: string, displayPath: string, options: InspectOptions = {}): Promise<DatasetInfo> {
  const format = datasetFormatOf(displayPath);
  const handle = await openDataset(file, displayPath);
  return inspectDatasetChunks(format, chunksOf(handle), displayPath, options);
}

/** The items, streamed; run `inspectDataset` first, which reports malformed records. */
export async function* readDataset(file: string, displayPath: string, options: ParseOptions = {}): AsyncGenerator<Item> {
  const format = datasetFormatOf(displayPath);
  const handle = await openDataset(file, displayPath);
  for await (const record of parseDataset(format, chunksOf(handle), displayPath, options)) {
    yield record.item;
  }
}

async function openDataset(file: string, displayPath: string): Promise<FileHandle> {
  // Checked before opening: opening a named pipe would wait for a writer forever.
  const stats = await stat(file).catch((error: unknown) => {
    throw fileError(error, displayPath);
  });
  if (!stats.isFile()) throw notAFile(displayPath);
  try {
    return await open(file, "r");
  } catch (error) {
    throw fileError(error, displayPath);
  }
}

// The stream closes the handle when it ends, fails, or the reader stops early.
function chunksOf(handle: FileHandle): AsyncIterable<Uint8Array> {
  return handle.createReadStream({ highWaterMark: CHUNK_BYTES });
}

function notAFile(displayPath: string): UserError {
  return new UserError(`${displayPath}: not a file; the dataset must be a .jsonl, .csv or .json file`);
}

function fileError(error: unknown, displayPath: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new UserError(`${displayPath}: file not found`);
  if (code === "EISDIR") return notAFile(displayPath);
  if (code === "EACCES") return new UserError(`${displayPath}: permission denied`);
  if (code === "ELOOP") return new UserError(`${displayPath}: a symlink loop`);
  if (code === "ENAMETOOLONG") return new UserError(`${displayPath}: the path is too long`);
  return error instanceof Error ? error : new Error(String(error));
}
