/**
 * Values from outside (dataset records, target responses, the JSON text inside them) nest no
 * deeper than this: every later step (ids, scorers, the store's JSON.stringify, the target's
 * request) walks values recursively, and a value a few thousand levels deep would overflow the
 * stack there. 128 is serde_json's default and far beyond any real dataset or answer.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Whether a value nests objects and arrays deeper than `maxDepth`. Iterative, and stops at the
 * first level too many, so neither a 20,000-level value nor a cyclic one can overflow the stack.
 */
export function nestingExceeds(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== "object") continue;
    if (next.depth + 1 > maxDepth) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
