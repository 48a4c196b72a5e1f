import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.js";
import { SqliteRunStore } from "./sqlite-store.js";

export const EMBEDDED_STORE_FILE = "evalgate.db";

/**
 * Opens (creating when needed) the embedded store in `dir`, the CLI's `.evalgate/` by default.
 * The directory ignores itself, so a store inside a checkout is never committed by accident.
 */
export async function openEmbeddedStore(dir: string): Promise<SqliteRunStore> {
  const file = path.join(dir, EMBEDDED_STORE_FILE);
  try {
    await mkdir(dir, { recursive: true });
    // `wx`: a .gitignore the user edited stays as it is.
    await writeFile(path.join(dir, ".gitignore"), "*\n", { flag: "wx" }).catch(ignoreExisting);
  } catch (error) {
    throw new UserError(
      `cannot create the store directory "${dir}": ${messageOf(error)}. Pass --store DIR with a writable directory`,
    );
  }
  try {
    return new SqliteRunStore(file);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `cannot open the store "${file}": ${messageOf(error)}. ` +
        "Pass --store DIR to use another store, or move this file away to start a new one",
    );
  }
}

function ignoreExisting(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
