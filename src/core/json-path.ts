/**
 * Reads a dot path (`choices.0.message.content`) from a JSON value. Numeric segments index
 * arrays. Returns `undefined` when any segment is missing. The path "" or "." is the value itself.
 */
export function getPath(value: unknown, path: string): unknown {
  if (path === "" || path === ".") return value;
  let current: unknown = value;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
