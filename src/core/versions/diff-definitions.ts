import { canonicalJson } from "../canonical.js";

/**
 * One place where two experiment definitions differ. `before` or `after` is absent (undefined)
 * where that definition has nothing at `path`.
 */
export interface DefinitionChange {
  /** As messages about evalgate.yml name a field: `gate.passed_threshold`, `scorers[1].config.field`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Where two stored definitions (experiment versions) differ: one change per differing value,
 * in key order (as canonical JSON sorts them). Objects are compared key by key and lists index
 * by index (a scorer inserted at the front shows every later index changed:
 * list positions are what the definition hashes). Key order never makes a change.
 */
export function diffDefinitions(before: unknown, after: unknown): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  collect(before, after, "", changes);
  return changes;
}

function collect(before: unknown, after: unknown, path: string, changes: DefinitionChange[]): void {
  if (before === undefined && after === undefined) return;
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) collect(before[key], after[key], joinKey(path, key), changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index += 1) {
      collect(before[index], after[index], `${path}[${index}]`, changes);
    }
    return;
  }
  if (before !== undefined && after !== undefined && canonicalJson(before) === canonicalJson(after)) return;
  changes.push({
    path: path === "" ? "(definition)" : path,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  });
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `target.url`, or `target.headers["X-Api-Key"]` for a key that is not a plain name. */
function joinKey(path: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
