import type { PriceTable, TargetConfig } from "../../core/config/schema.js";
import { withFileDigests } from "../file-digests.js";
import { readPromptFile, type LoadedPromptFile } from "./read-prompt-file.js";

export interface PreparePromptOptions {
  configDir: string;
  /** The target's path in evalgate.yml: `experiments.orders.target`. */
  where: string;
  allowOutsideProject?: boolean;
  prices?: PriceTable | undefined;
}

export interface PreparedPromptTarget {
  /** The experiment's definition with what the prompt target adds to its version. */
  definition: unknown;
  /** The prompt file, read once, for the target to build its requests from. */
  promptFile?: LoadedPromptFile;
}

/**
 * What a prompt target adds to its experiment's version, and the prompt file it needs. The
 * file's content is the prompt, so its digest joins the definition (`prompt_files`, keyed by the
 * path as written, like a module scorer's `scorer_files`): editing it makes a new experiment
 * version. The prices of the model it names join too (`prices`), as they decide its items' cost.
 * Other targets, and a prompt target with neither, leave the definition as it was, so no
 * existing version moves.
 */
export async function preparePromptTarget(
  definition: unknown,
  written: TargetConfig,
  target: TargetConfig,
  options: PreparePromptOptions,
): Promise<PreparedPromptTarget> {
  if (target.type !== "prompt" || written.type !== "prompt") return { definition };
  let versioned = definition;
  let promptFile: LoadedPromptFile | undefined;
  if (target.prompt_file !== undefined) {
    promptFile = await readPromptFile(options.configDir, target.prompt_file, {
      field: `${options.where}.prompt_file`,
      ...(options.allowOutsideProject !== undefined ? { allowOutsideProject: options.allowOutsideProject } : {}),
    });
    versioned = withFileDigests(versioned, "prompt_files", { [written.prompt_file ?? target.prompt_file]: `sha256:${promptFile.sha256}` });
  }
  // The model in evalgate.yml wins over the file's (chat-request.ts); filled in, as the run prices it.
  const model = target.model ?? promptFile?.prompt.model;
  const price = model !== undefined && options.prices !== undefined && Object.hasOwn(options.prices, model)
    ? options.prices[model]
    : undefined;
  if (model !== undefined && price !== undefined) {
    versioned = { ...(versioned as Record<string, unknown>), prices: { [model]: price } };
  }
  return promptFile ? { definition: versioned, promptFile } : { definition: versioned };
}
