import { canonicalJson } from "../../core/canonical.js";
import { UserError } from "../../core/errors.js";
import type { Item } from "../../core/model/item.js";
import type { DatasetVersionRecord } from "../run-store.js";
import { gunzipLines, gzipLines } from "./gzip-lines.js";
import { sizeText } from "./run-document.js";

/**
 * A dataset version on the results branch is two files: its items, gzipped JSON lines in id
 * order with no header (gunzipped, it is a JSONL dataset evalgate reads as it is), and its record
 * beside it as JSON (the file it was read from, its item count, when it was first stored).
 */

export async function encodeDatasetItems(version: string, items: AsyncIterable<Item>, maxBytes: number): Promise<Buffer> {
  return gzipLines(linesOf(items), maxBytes, () => {
    return new UserError(
      `dataset version ${version} is more than ${sizeText(maxBytes)} compressed, the largest file GitHub's Git Data API accepts: ` +
        "use a smaller dataset, or keep its runs in the embedded store or PostgreSQL",
    );
  });
}

async function* linesOf(items: AsyncIterable<Item>): AsyncGenerator<string> {
  for await (const item of items) yield canonicalJson(item);
}

export async function* readDatasetItems(gzipped: Buffer): AsyncGenerator<Item> {
  for await (const line of gunzipLines(gzipped)) yield JSON.parse(line) as Item;
}

export function encodeDatasetRecord(record: DatasetVersionRecord): Buffer {
  const { version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt } = record;
  return Buffer.from(`${JSON.stringify({ version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt }, null, 2)}\n`);
}

/** `where` (`owner/repo@branch:path`) names the file in errors. */
export function decodeDatasetRecord(content: Buffer, where: string): DatasetVersionRecord {
  const record = JSON.parse(content.toString("utf8")) as Partial<DatasetVersionRecord>;
  if (typeof record.version !== "string" || typeof record.dataset_path !== "string" || typeof record.item_count !== "number" || typeof record.created_at !== "string") {
    throw new UserError(`${where} is not a dataset version record written by evalgate: restore it from the branch's history or delete the dataset version's files`);
  }
  return { version: record.version, dataset_path: record.dataset_path, item_count: record.item_count, created_at: record.created_at };
}
