import { realpath } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/errors.js";

/** How to let a file outside the project be read, for every message that refuses one. */
export const OUTSIDE_PROJECT_HINT =
  "move the file into the project, or run the CLI with --allow-outside-project to read it anyway (the GitHub Action never reads such files)";

export interface ProjectFileOptions {
  /** The config field or flag that names the file (`experiments.orders.dataset`, `--config`). */
  field: string;
  /** `--allow-outside-project`: only the CLI sets it, on the user's explicit request. */
  allowOutsideProject?: boolean;
}

/** A file the project names, by its real path (symlinks and `..` resolved). */
export interface ProjectFile {
  path: string;
  /** False only when allowed outside the project: nothing may then quote its content. */
  insideProject: boolean;
}

/**
 * Resolves `configured` (relative to `projectDir`, the folder of evalgate.yml) through `..`,
 * absolute paths and symlinks, and refuses a file outside the project, or inside its `.git`
 * folder (where actions/checkout keeps the job's token), unless explicitly allowed. Otherwise a
 * pull request could point a dataset at a runner's file and have it sent to a target or quoted in
 * an error. A missing file resolves to its plain path: opening it reports "file not found".
 */
export async function resolveProjectFile(
  projectDir: string,
  configured: string,
  options: ProjectFileOptions,
): Promise<ProjectFile> {
  if (configured.includes("\0")) throw new UserError(`${options.field}: the path contains a NUL character`);
  const root = (await realPath(projectDir, options.field, projectDir))!;
  const plain = path.resolve(projectDir, configured);
  const real = await realPath(plain, options.field, configured, { missingOk: true });
  // A missing file is judged by its plain path; opening it then says "file not found".
  const inside = real === undefined ? isInside(path.resolve(projectDir), plain) : isInside(root, real);
  const resolved = real ?? plain;
  if (inside) return { path: resolved, insideProject: true };
  if (options.allowOutsideProject) return { path: resolved, insideProject: false };
  const why = real !== undefined && isInsideGitFolder(root, real)
    ? "is inside the project's .git folder"
    : 'is outside the project (the folder of the config file), through "..", an absolute path or a symlink';
  throw new UserError(`${options.field}: "${configured}" ${why}; ${OUTSIDE_PROJECT_HINT}`);
}

/** Whether `file` is `root` or below it, and not in its `.git` folder (both real paths). */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  if (relative === "") return true;
  if (path.isAbsolute(relative)) return false;
  const [first] = relative.split(path.sep);
  return first !== ".." && first !== ".git";
}

function isInsideGitFolder(root: string, file: string): boolean {
  return path.relative(root, file).split(path.sep)[0] === ".git";
}

async function realPath(
  file: string,
  field: string,
  shown: string,
  options: { missingOk?: boolean } = {},
): Promise<string | undefined> {
  try {
    return await realpath(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (options.missingOk && (code === "ENOENT" || code === "ENOTDIR")) return undefined;
    if (code === "ELOOP") throw new UserError(`${field}: "${shown}" is a symlink loop`);
    if (code === "EACCES") throw new UserError(`${field}: "${shown}": permission denied`);
    if (code === "ENAMETOOLONG") throw new UserError(`${field}: the path is too long`);
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError(`${field}: "${shown}" not found`);
    throw error;
  }
}
