import type { TargetConfig } from "../../core/config/schema.js";
import { createCommandTarget } from "./command.js";
import { createHttpTarget } from "./http.js";
import { createPromptTarget } from "./prompt.js";
import type { TargetOptions } from "./target-options.js";
import type { Target } from "./target.js";

export type { TargetOptions } from "./target-options.js";

type Factories = {
  [Type in TargetConfig["type"]]: (config: Extract<TargetConfig, { type: Type }>, options: TargetOptions) => Target;
};

/** A new kind of target is a new file and one line here. */
const FACTORIES: Factories = {
  http: createHttpTarget,
  command: createCommandTarget,
  prompt: createPromptTarget,
};

/**
 * Builds the target of an experiment from its validated, interpolated config. Throws a
 * UserError naming `options.path` when the config cannot work (a URL without http://,
 * an unknown placeholder); opens no connection and starts no process yet.
 */
export function createTarget(config: TargetConfig, options: TargetOptions): Target {
  const create = FACTORIES[config.type] as (config: TargetConfig, options: TargetOptions) => Target;
  return create(config, options);
}
