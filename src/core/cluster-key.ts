import { canonicalJson } from "./canonical.js";
import { getPath } from "./json-path.js";

/**
 * The cluster an item belongs to under the experiment's `cluster: metadata.<key>` (a dot path
 * into the item, as written), as a string key for the statistics accumulators. An item without
 * that value is a cluster of its own (keyed by its id), so it adds no correlation. Values are
 * keyed by their canonical JSON, so 3 and "3" are different clusters.
 */
export function clusterKey(item: { item_id?: string; id?: string; metadata?: Record<string, unknown> | undefined }, path: string): string {
  const value = getPath(item, path);
  if (value === undefined || value === null) return `item:${item.item_id ?? item.id ?? ""}`;
  return `value:${canonicalJson(value)}`;
}
