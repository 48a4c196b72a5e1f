import { hash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { ScorerRef } from "../../core/config/schema.js";
import { abortReason } from "../../core/retry.js";
import { runWithinTimeLimit, TimeLimitExceeded } from "../../core/scorers/run-within-time-limit.js";
import { defineScorer, type ScorerInput } from "../../core/scorers/scorer.js";
import { resolveVersionedFile, type VersionedFile } from "../file-digests.js";
import { CustomScorerFields, customScorerOutcome, customScorerRequest } from "./custom-scorer-contract.js";

const ModuleScorerConfigSchema = z.strictObject({
  path: z
    .string({ error: "write the scorer file's path, e.g. path: ./evals/scorers/tone.ts" })
    .min(1, { error: "write the scorer file's path, e.g. path: ./evals/scorers/tone.ts" })
    .refine((text) => !text.includes("\0"), { error: "must not contain a NUL character" }),
  /** Passed as the function's second argument. */
  options: z.record(z.string(), z.json()).default({}),
  ...CustomScorerFields,
});

/** A scorer's code runs in evalgate's process: unlike a dataset, never from outside the project. */
const OUTSIDE_HINT = "move the scorer file into the project (a scorer's code is never run from outside it)";

/** Node removes types without compiling: what needs compiling is refused with its own message. */
const STRIP_ONLY_HINT =
  " (Node runs TypeScript by removing its types: write a const object instead of an enum, no namespaces or " +
  "constructor parameter properties, or point path at a compiled .js file)";

type ModuleScoreFunction = (input: unknown, options: unknown) => unknown;

export const moduleScorer = defineScorer({
  name: "module",
  description:
    "Your own function: the default export of a .js, .mjs or .ts file in the project (Node strips the " +
    "types, no build step), called with the item and output as JSON and `options`; it answers " +
    "{ score, passed?, reason?, evidence? }. The file's content is part of the experiment version.",
  configSchema: ModuleScorerConfigSchema,
  create(config, services) {
    const field = `${services.path}.config.path`;
    const shown = `module scorer ${config.path}`;
    let loaded: Promise<ModuleScoreFunction> | undefined;
    return async (input: ScorerInput) => {
      loaded ??= loadScoreFunction(services.configDir, config.path, field);
      const score = await loaded;
      const answer = await callWithinTimeout(
        () => score(structuredClone(customScorerRequest(input)), structuredClone(config.options)),
        config.timeout,
        input.signal,
      );
      return customScorerOutcome(answer, { scorer: shown, threshold: config.threshold });
    };
  },
});

/**
 * The module scorers' files, for the experiment version (`fileDigests`): `written` are the refs as
 * evalgate.yml has them, `interpolated` the same refs after `${NAME}` was filled in.
 */
export function moduleScorerFiles(written: readonly ScorerRef[], interpolated: readonly ScorerRef[], path: string): VersionedFile[] {
  const files: VersionedFile[] = [];
  interpolated.forEach((ref, index) => {
    const file = ref.config.path;
    const writtenFile = written[index]?.config.path;
    if (ref.name !== moduleScorer.name || typeof file !== "string") return;
    files.push({
      written: typeof writtenFile === "string" ? writtenFile : file,
      path: file,
      field: `${path}[${index}].config.path`,
      outsideHint: OUTSIDE_HINT,
      followImports: true,
    });
  });
  return files;
}

/**
 * Loads the file with a native `import()` once per run, refusing a file outside the project. Node
 * 24 strips TypeScript types itself (enums and namespaces, which need a build, are refused with
 * Node's message). The URL carries the content hash: a long-lived process that runs again after
 * the file changed loads the new content, not the module it cached.
 */
async function loadScoreFunction(configDir: string, configured: string, field: string): Promise<ModuleScoreFunction> {
  const file = await resolveVersionedFile(configDir, { path: configured, field, outsideHint: OUTSIDE_HINT });
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    throw new Error(`could not read ${configured}: ${(error as Error).message}`);
  }
  const url = `${pathToFileURL(file).href}?sha256=${hash("sha256", content, "hex")}`;
  let module: { default?: unknown };
  try {
    // webpackIgnore: the built CLI (ncc) must leave this a native import of the user's file.
    module = (await import(/* webpackIgnore: true */ /* @vite-ignore */ url)) as { default?: unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const hint = (error as NodeJS.ErrnoException).code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX" ? STRIP_ONLY_HINT : "";
    throw new Error(`could not load ${configured}: ${detail}${hint}`);
  }
  if (typeof module.default !== "function") {
    throw new Error(
      `${configured} has no default-exported function; write export default function score(input, options) { return { score: 1 }; }`,
    );
  }
  return module.default as ModuleScoreFunction;
}

/**
 * Calls the function and waits for its answer, at most `timeoutMs` in all. A promise that never
 * settles is cut by a timer. A synchronous loop would block the timer, so the synchronous part runs
 * under V8's watchdog (runWithinTimeLimit); a loop after an `await` cannot be interrupted in
 * process: a scorer that might do that belongs in a `command` scorer.
 */
async function callWithinTimeout(call: () => unknown, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
  const started = performance.now();
  let returned: unknown;
  try {
    returned = runWithinTimeLimit(call, timeoutMs);
  } catch (error) {
    if (error instanceof TimeLimitExceeded) throw new Error(timeoutText(timeoutMs));
    throw error;
  }
  if (!isThenable(returned)) return returned;
  const remainingMs = Math.max(0, timeoutMs - (performance.now() - started));
  return new Promise((resolve, reject) => {
    const onAbort = () => finish(() => reject(abortReason(signal!)));
    const timer = setTimeout(() => finish(() => reject(new Error(timeoutText(timeoutMs)))), remainingMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      settle();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(returned).then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}

function timeoutText(timeoutMs: number): string {
  return `did not answer within ${timeoutMs} ms (raise the scorer's timeout, or make it faster)`;
}
