import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { canonicalJson, sha256Hex } from "../../core/canonical.js";

/**
 * Replies kept on disk between runs, one small JSON file per key, so a resumed or repeated run
 * does not pay for the same model call twice. The key is any JSON value (everything the reply
 * depends on); its sha256 names the file.
 */
export interface DiskCache<Value> {
  get(key: unknown): Promise<Value | undefined>;
  put(key: unknown, value: Value): Promise<void>;
}

/** No folder: nothing is kept (`--no-cache`). */
const NO_CACHE: DiskCache<never> = {
  get: () => Promise.resolve(undefined),
  put: () => Promise.resolve(),
};

/**
 * A cache in `dir` (created on the first write). `read` checks what a file holds and returns
 * undefined for anything it does not trust, which is then a miss. A cache that cannot be read or
 * written (a full disk, a read-only folder) costs a call, never the score: its errors are dropped.
 */
export function openDiskCache<Value>(
  dir: string | undefined,
  read: (stored: unknown) => Value | undefined,
): DiskCache<Value> {
  if (dir === undefined) return NO_CACHE;
  let created: Promise<unknown> | undefined;
  const fileOf = (key: unknown) => path.join(dir, `${sha256Hex(canonicalJson(key))}.json`);
  return {
    async get(key) {
      try {
        return read(JSON.parse(await readFile(fileOf(key), "utf8")));
      } catch {
        return undefined;
      }
    },
    async put(key, value) {
      const file = fileOf(key);
      // Written aside, then renamed: a reader never sees half a file, even from a killed run.
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        created ??= mkdir(dir, { recursive: true });
        await created;
        await writeFile(temporary, JSON.stringify(value));
        await rename(temporary, file);
      } catch {
        created = undefined;
        await rm(temporary, { force: true }).catch(() => undefined);
      }
    },
  };
}
