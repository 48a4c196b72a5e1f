import { createHash, type Hash } from "node:crypto";
import type { SelectionSpec } from "./item-selector.js";

/**
 * Whether a selection picks items by their row position (`--rows`, `--sample`, `--split`, as the
 * seed tool does) rather than by item id (`--shard`). A dataset version is the same for the same
 * items in any order, so a positional selection also depends on the order the rows were read in.
 */
export function selectsByPosition(selection: Pick<SelectionSpec, "mode">): boolean {
  return selection.mode !== "shard";
}

/**
 * A digest of the item ids in the order they are added (12 hex characters of SHA-256 over each id
 * as JSON, one per line): two reads of a dataset give the same digest only when their rows are in
 * the same order, so a positional selection keeps the same items.
 */
export class RowOrder {
  private readonly hash: Hash = createHash("sha256");

  add(itemId: string): void {
    this.hash.update(`${JSON.stringify(itemId)}\n`);
  }

  digest(): string {
    return this.hash.digest("hex").slice(0, 12);
  }
}
