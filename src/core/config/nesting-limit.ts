/** The config nests no deeper than this (a real one needs about 8 levels; a request body a few more). */
export const MAX_CONFIG_DEPTH = 64;

export interface NestingProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * Finds a value nested deeper than `maxDepth`, or one that contains itself (a YAML alias to one of
 * its own parents, which toJS turns into a circular object). Either would overflow the stack in
 * every later step that walks the config (validation, the experiment version, the request body).
 * Shared values (aliases) are measured once, so the walk stays linear in the document.
 */
export function findNestingProblem(value: unknown, maxDepth = MAX_CONFIG_DEPTH): NestingProblem | undefined {
  const heights = new Map<object, number>();
  const open = new Set<object>();
  const path: PropertyKey[] = [];

  function height(node: unknown): number | NestingProblem {
    if (node === null || typeof node !== "object") return 0;
    const tooDeep = (): NestingProblem => ({ path: [...path], message: `nested more than ${maxDepth} levels deep` });
    const known = heights.get(node);
    if (known !== undefined) return path.length + known > maxDepth ? tooDeep() : known;
    if (open.has(node)) return { path: [...path], message: "an alias refers to a value that contains it; a config cannot contain itself" };
    if (path.length >= maxDepth) return tooDeep();
    open.add(node);
    let deepest = 0;
    const entries: [PropertyKey, unknown][] = Array.isArray(node)
      ? node.map((child, index) => [index, child])
      : Object.entries(node);
    for (const [key, child] of entries) {
      path.push(key);
      const found = height(child);
      path.pop();
      if (typeof found !== "number") return found;
      deepest = Math.max(deepest, found);
    }
    open.delete(node);
    const result = deepest + 1;
    if (path.length + result > maxDepth) return tooDeep();
    heights.set(node, result);
    return result;
  }

  const found = height(value);
  return typeof found === "number" ? undefined : found;
}
