import { canonicalJson } from "../core/canonical.js";
import { digestOfCanonicalItem } from "../core/dataset/version-accumulator.js";
import type { Item } from "../core/model/item.js";

/** A dataset item as the stores keep it: its digest (what its version hashes), its canonical JSON, its id. */
export type DatasetItemRow = [digest: string, canonical: string, itemId: string];

/**
 * A chunk is written in one transaction or statement once it holds this many items or this many
 * characters of canonical JSON: each locks the store for milliseconds, and a chunk of large items
 * stays well inside the embedded store's writer thread (48 MB heap) and a PostgreSQL statement.
 */
const CHUNK_ITEMS = 1_000;
const CHUNK_CHARS = 4_000_000;

/**
 * A dataset version's items as rows to store, in chunks (the last may be short; none is empty).
 * Digests are computed here, before any transaction: the store is then locked for the inserts alone.
 */
export async function* datasetItemChunks(items: AsyncIterable<Item> | Iterable<Item>): AsyncGenerator<DatasetItemRow[]> {
  let chunk: DatasetItemRow[] = [];
  let chars = 0;
  for await (const item of items) {
    const canonical = canonicalJson(item);
    chunk.push([digestOfCanonicalItem(canonical), canonical, item.id]);
    chars += canonical.length;
    if (chunk.length < CHUNK_ITEMS && chars < CHUNK_CHARS) continue;
    yield chunk;
    chunk = [];
    chars = 0;
  }
  if (chunk.length > 0) yield chunk;
}
