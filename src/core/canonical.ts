import { hash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, no whitespace. Two values that mean the same thing
 * serialise to the same string, so hashes of items and definitions do not depend on key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) sorted[key] = sortKeys(entry);
    }
    return sorted;
  }
  return value;
}

export function sha256Hex(text: string): string {
  // The one-shot form: ids are hashed several times per run item, on the hot path.
  return hash("sha256", text, "hex");
}

/** A short, stable content hash used for ids and versions a user may type. */
export function contentHash(value: unknown, length = 12): string {
  return sha256Hex(canonicalJson(value)).slice(0, length);
}
