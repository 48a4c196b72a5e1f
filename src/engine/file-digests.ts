import { hash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { localImportsOf } from "./module-imports.js";
import { UserError } from "../core/errors.js";
import { OUTSIDE_PROJECT_HINT, resolveProjectFile } from "./project-path.js";

/** A file whose content is part of an experiment version: a module scorer, a prompt file. */
export interface VersionedFile {
  /** The path as evalgate.yml writes it, before `${NAME}` is filled in: the digest's key. */
  written: string;
  /** The path to read (after interpolation), relative to the project folder. */
  path: string;
  /** The config field that names it, for errors: `experiments.orders.scorers[2].config.path`. */
  field: string;
  /** What to advise for a file outside the project, instead of `--allow-outside-project` (code is never run from there). */
  outsideHint?: string;
  /** A JavaScript module: the project files it imports by relative path are versioned with it (engine/module-imports.ts). */
  followImports?: boolean;
}

/**
 * `{ "<path as written>": "sha256:<hex>" }` of each file, read inside the project only
 * (resolveProjectFile: a file outside it, or missing, is a UserError naming its field). Added to
 * an experiment's definition before its version is hashed (`withFileDigests`), so editing the file
 * makes a new experiment version and `--resume` of an older run refuses.
 */
export async function fileDigests(
  projectDir: string,
  files: readonly VersionedFile[],
  options: { allowOutsideProject?: boolean } = {},
): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const file of files) {
    const resolved = await resolveVersionedFile(projectDir, file, options.allowOutsideProject ?? false);
    digests[file.written] = `sha256:${hash("sha256", await readContent(resolved, file), "hex")}`;
    if (file.followImports !== true) continue;
    // Keys of their own, so a module that imports nothing keeps the version it always had.
    for (const imported of await localImportsOf(resolved, projectDir)) {
      const content = await readFile(imported).catch(() => undefined);
      if (content === undefined) continue;
      digests[`${file.written} imports ./${path.relative(projectDir, imported).split(path.sep).join("/")}`] = `sha256:${hash("sha256", content, "hex")}`;
    }
  }
  return digests;
}

/** The file's real path (resolveProjectFile), its advice for a file outside the project replaced by `outsideHint`. */
export async function resolveVersionedFile(
  projectDir: string,
  file: Omit<VersionedFile, "written">,
  allowOutsideProject = false,
): Promise<string> {
  try {
    return (await resolveProjectFile(projectDir, file.path, { field: file.field, allowOutsideProject })).path;
  } catch (error) {
    if (file.outsideHint === undefined || !(error instanceof UserError) || !error.message.endsWith(OUTSIDE_PROJECT_HINT)) throw error;
    throw new UserError(`${error.message.slice(0, -OUTSIDE_PROJECT_HINT.length)}${file.outsideHint}`);
  }
}

/** The definition with the digests under `key`; unchanged when there are none, so no existing version moves. */
export function withFileDigests(definition: unknown, key: string, digests: Record<string, string>): unknown {
  if (Object.keys(digests).length === 0) return definition;
  return { ...(definition as Record<string, unknown>), [key]: digests };
}

async function readContent(resolved: string, file: VersionedFile): Promise<Buffer> {
  try {
    return await readFile(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError(`${file.field}: "${file.path}" not found`);
    if (code === "EISDIR") throw new UserError(`${file.field}: "${file.path}" is a folder; name a file`);
    if (code === "EACCES") throw new UserError(`${file.field}: "${file.path}": permission denied`);
    throw error;
  }
}
