import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { MAX_PROMPT_FILE_BYTES, parsePromptFile, type PromptFile } from "../../core/config/prompt-file.js";
import { UserError } from "../../core/errors.js";
import { resolveProjectFile } from "../project-path.js";

/** A prompt file read for a run: what it says, and the digest of its bytes for the experiment version. */
export interface LoadedPromptFile {
  /** As configured (`prompts/support.yaml`), for messages and the run record. */
  file: string;
  sha256: string;
  prompt: PromptFile;
}

export interface ReadPromptFileOptions {
  /** The config field that names the file (`experiments.orders.target.prompt_file`). */
  field: string;
  allowOutsideProject?: boolean;
}

/**
 * Reads and validates the prompt file `configured` names, relative to the config file's folder
 * and inside the project (as a dataset is). A problem in the file names the file, its line and
 * field, and the config field that points at it.
 */
export async function readPromptFile(
  configDir: string,
  configured: string,
  options: ReadPromptFileOptions,
): Promise<LoadedPromptFile> {
  const { path } = await resolveProjectFile(configDir, configured, {
    field: options.field,
    allowOutsideProject: options.allowOutsideProject ?? false,
  });
  const bytes = await readBytes(path, configured, options.field);
  try {
    const prompt = parsePromptFile(bytes, configured);
    return { file: configured, sha256: createHash("sha256").update(bytes).digest("hex"), prompt };
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${error.message}\n  (prompt file of ${options.field})`);
    throw error;
  }
}

async function readBytes(path: string, configured: string, field: string): Promise<Uint8Array> {
  try {
    // Checked before reading: a named pipe would be waited on, a device read forever.
    const stats = await stat(path);
    if (!stats.isFile()) throw new UserError(`${field}: "${configured}" is not a regular file; name a YAML or JSON prompt file`);
    if (stats.size > MAX_PROMPT_FILE_BYTES) {
      throw new UserError(`${field}: "${configured}" is larger than ${MAX_PROMPT_FILE_BYTES / 1024} KiB; is it the right file?`);
    }
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError(`${field}: "${configured}" not found`);
    if (code === "EACCES") throw new UserError(`${field}: "${configured}": permission denied`);
    throw error;
  }
}
