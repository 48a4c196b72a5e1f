import { open, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { MAX_CONFIG_BYTES, parseConfigLocated } from "../core/config/load.js";
import type { ConfigFile, ExperimentConfig } from "../core/config/schema.js";
import { UserError } from "../core/errors.js";
import { isInside, OUTSIDE_PROJECT_HINT } from "./project-path.js";

export interface LoadedConfig {
  file: string;
  dir: string;
  config: ConfigFile;
  /**
   * Puts `file:line:` before each line of a message that starts with a field path
   * (`experiments.e.scorers[0].config.max: …`), for errors found after parsing (a scorer's config).
   */
  locate(message: string): string;
}

export interface LoadConfigOptions {
  /** `--allow-outside-project`: the config file may be a symlink to a file outside its folder. */
  allowOutsideProject?: boolean;
}

/**
 * Reads and validates the config file. Its folder is the project; the file itself must be in it
 * (a symlink elsewhere is refused, unless allowed: its content would be quoted in errors). It
 * must be a regular file (a named pipe or `/dev/zero` would be waited on or read forever), and at
 * most 1 MiB of it is read.
 */
export async function loadConfigFile(file: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const dir = path.dirname(path.resolve(file));
  if (!options.allowOutsideProject) await refuseOutsideFolder(file, dir);
  const { config, lineOf } = parseConfigLocated(await readConfigBytes(file), file);
  const locate = (message: string) =>
    message
      .split("\n")
      .map((line) => {
        const path = /^(experiments\.[^:\s]+):/.exec(line)?.[1];
        return path === undefined ? line : `${file}:${lineOf(parseFieldPath(path))}: ${line}`;
      })
      .join("\n");
  return { file, dir, config, locate };
}

/** `experiments.e.scorers[0].config.max` → ["experiments", "e", "scorers", 0, "config", "max"]. */
function parseFieldPath(path: string): PropertyKey[] {
  const segments: PropertyKey[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return segments;
    if (match[1] !== "") segments.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

export function findExperiment(loaded: LoadedConfig, name: string): ExperimentConfig {
  const experiment = loaded.config.experiments[name];
  if (!experiment) {
    const known = Object.keys(loaded.config.experiments).join(", ");
    throw new UserError(`${loaded.file}: no experiment "${name}" (defined: ${known})`);
  }
  return experiment;
}

async function refuseOutsideFolder(file: string, dir: string): Promise<void> {
  // A missing file is reported by the read below.
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined) return;
  const folder = await realpath(dir);
  if (!isInside(folder, real)) {
    throw new UserError(`${file}: the config file is a symlink to a file outside its folder (the project); ${OUTSIDE_PROJECT_HINT}`);
  }
}

async function readConfigBytes(file: string): Promise<Uint8Array> {
  // Checked before opening: opening a named pipe would wait for a writer forever.
  const stats = await stat(file).catch((error: unknown) => {
    throw readError(error, file);
  });
  if (stats.isDirectory()) throw aFolder(file);
  if (!stats.isFile()) {
    throw new UserError(`${file}: not a regular file (a named pipe or a device); pass --config with the path of a YAML file`);
  }
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw readError(error, file);
  }
  try {
    // One byte more than allowed, so that parseConfig sees the file is too large.
    const buffer = new Uint8Array(MAX_CONFIG_BYTES + 1);
    let size = 0;
    while (size < buffer.length) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    return buffer.subarray(0, size);
  } catch (error) {
    throw readError(error, file);
  } finally {
    await handle.close();
  }
}

function readError(error: unknown, file: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new UserError(`${file}: config file not found (run evalgate from your repository root, or pass --config FILE)`);
  }
  if (code === "EISDIR") return aFolder(file);
  if (code === "EACCES") return new UserError(`${file}: permission denied`);
  if (code === "ELOOP") return new UserError(`${file}: a symlink loop`);
  return error instanceof Error ? error : new Error(String(error));
}

function aFolder(file: string): UserError {
  return new UserError(`${file}: a folder, not a config file (pass --config FILE)`);
}
