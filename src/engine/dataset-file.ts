import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { UserError } from "../core/errors.js";
import { datasetFormatOf } from "../core/dataset/format.js";
import { inspectDatasetChunks, parseDataset } from "../core/dataset/parse-dataset.js";
import type { DatasetInfo, Item } from "../core/model/item.js";

const CHUNK_BYTES = 64 * 1024;

/**
 * The validating pass over a dataset file (every record, ids, duplicates, version, count).
 * `displayPath` is the path as written in the config, used in every message and in the result.
 */
export async function inspectDataset(file: string, displayPath: string): Promise<DatasetInfo> {
  const format = datasetFormatOf(displayPath);
  const handle = await openDataset(file, displayPath);
  return inspectDatasetChunks(format, chunksOf(handle), displayPath);
}

/** The items, streamed; run `inspectDataset` first, which reports malformed records. */
export async function* readDataset(file: string, displayPath: string): AsyncGenerator<Item> {
  const format = datasetFormatOf(displayPath);
  const handle = await openDataset(file, displayPath);
  for await (const record of parseDataset(format, chunksOf(handle), displayPath)) {
    yield record.item;
  }
}

async function openDataset(file: string, displayPath: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw fileError(error, displayPath);
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw new UserError(`${displayPath}: not a file; the dataset must be a .jsonl, .csv or .json file`);
  }
  return handle;
}

// The stream closes the handle when it ends, fails, or the reader stops early.
function chunksOf(handle: FileHandle): AsyncIterable<Uint8Array> {
  return handle.createReadStream({ highWaterMark: CHUNK_BYTES });
}

function fileError(error: unknown, displayPath: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new UserError(`${displayPath}: file not found`);
  if (code === "EISDIR") return new UserError(`${displayPath}: not a file; the dataset must be a .jsonl, .csv or .json file`);
  if (code === "EACCES") return new UserError(`${displayPath}: permission denied`);
  return error instanceof Error ? error : new Error(String(error));
}
