import { sha256Hex } from "../canonical.js";
import { UserError } from "../errors.js";

/** Enough machines for any matrix GitHub Actions runs (256 jobs per matrix). */
export const MAX_SHARDS = 256;

/** Shard `index` (1-based) of `count`: `--shard 2/4`. */
export interface Shard {
  index: number;
  count: number;
}

/** `I/N` with 1 ≤ I ≤ N ≤ 256; anything else is a UserError saying what to write. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UserError(
      `--shard: "${text}" is not a shard; write I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, e.g. --shard 2/4`,
    );
  }
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * The 1-based shard an item belongs to. By a hash of its id, never its position: reordering or
 * appending to the dataset file moves no item to another shard on the machines already running.
 */
export function shardOfItem(itemId: string, count: number): number {
  return (Number.parseInt(sha256Hex(itemId).slice(0, 8), 16) % count) + 1;
}

/** The item selector for one shard: every item lands in exactly one of the `count` shards. */
export function shardSelector(shard: Shard): (item: { id: string }, index: number) => boolean {
  return (item) => shardOfItem(item.id, shard.count) === shard.index;
}

/**
 * `--shard I/N` beside the sampling flags' selection: a run has one selection, so a shard of a
 * sample is refused (shard the whole dataset, then merge).
 */
export function withShardSelection<S extends { mode: string; value: string }>(
  sampling: S | undefined,
  shard: string | undefined,
): S | { mode: "shard"; value: string } | undefined {
  if (shard === undefined) return sampling;
  if (sampling !== undefined) {
    throw new UserError(`sampling options are mutually exclusive: --${sampling.mode}, --shard; keep one of them`);
  }
  return { mode: "shard", value: formatShard(parseShard(shard)) };
}
