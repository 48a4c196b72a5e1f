import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseConfig } from "../core/config/load.js";
import type { ConfigFile, ExperimentConfig } from "../core/config/schema.js";
import { UserError } from "../core/errors.js";

export interface LoadedConfig {
  file: string;
  dir: string;
  config: ConfigFile;
}

export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UserError(
        `${file}: config file not found (run evalgate from your repository root, or pass --config FILE)`,
      );
    }
    throw error;
  }
  return { file, dir: path.dirname(path.resolve(file)), config: parseConfig(text, file) };
}

export function findExperiment(loaded: LoadedConfig, name: string): ExperimentConfig {
  const experiment = loaded.config.experiments[name];
  if (!experiment) {
    const known = Object.keys(loaded.config.experiments).join(", ");
    throw new UserError(`${loaded.file}: no experiment "${name}" (defined: ${known})`);
  }
  return experiment;
}
