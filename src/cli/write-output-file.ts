import { rename, rm } from "node:fs/promises";
import { UserError } from "../core/errors.js";

// What a user can fix about the path they named; anything else is a real fault, thrown as it is.
const PATH_PROBLEMS: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  ENAMETOOLONG: "the name is too long",
};

/**
 * Writes an output file as `write` fills `<file>.partial-<pid>`, then renames it over `file`, so
 * a failure leaves no half-written file. A path the user can fix (missing folder, a folder, no
 * permission…) is a UserError starting with `named` (the option and the file as the user wrote
 * them, "-o out/r.html"), exit 2, not a stack trace.
 */
export async function writeOutputFile(file: string, named: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    await write(partial);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    const problem = PATH_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ""];
    if (problem !== undefined) throw new UserError(`${named}: cannot write it (${problem})`);
    throw error;
  }
}
