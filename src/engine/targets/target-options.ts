import { UserError } from "../../core/errors.js";
import { findUnknownPlaceholders, PLACEHOLDER_ROOTS } from "../../core/template.js";
import { formatPath } from "../../core/zod-issues.js";
import type { Backoff } from "../../core/retry.js";
import type { LoadedPromptFile } from "./read-prompt-file.js";

/** What every target is built with, besides its config. */
export interface TargetOptions {
  /** Retries after the first call of an item: at most `retries + 1` attempts. */
  retries: number;
  /** The run's concurrency: HTTP targets keep this many connections alive. */
  concurrency: number;
  /** Where the target is in evalgate.yml (`experiments.orders.target`), for UserErrors. */
  path: string;
  /** Backoff between retries; tests shrink it. Defaults: DEFAULT_BACKOFF. */
  backoff?: Partial<Backoff>;
  /** The prompt target's `prompt_file`, read and validated by prepareExperiment (a factory reads no file). */
  promptFile?: LoadedPromptFile;
}

/** An http(s) URL, or a UserError that says what to write. */
export function parseTargetUrl(text: string, where: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  // `new URL("localhost:3000")` parses, with "localhost:" as its scheme.
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UserError(`${where}: ${JSON.stringify(text)} is not a URL (write http://… or https://…)`);
  }
  return url;
}

/** The URL without credentials or query, which may hold secrets: for the run record. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Refuses `{{typo}}` before the run, rather than sending it 10,000 times. */
export function assertKnownPlaceholders(template: unknown, where: string): void {
  const unknown = findUnknownPlaceholders(template);
  if (unknown.length === 0) return;
  const known = [...PLACEHOLDER_ROOTS].map((root) => `{{${root}}}`).join(", ");
  const lines = unknown.map(({ at, placeholder }) => {
    const path = formatPath(at);
    const field = path === "" ? where : path.startsWith("[") ? `${where}${path}` : `${where}.${path}`;
    return `${field}: unknown placeholder ${placeholder} (use ${known}, or a field like {{input.question}})`;
  });
  throw new UserError(lines.join("\n"));
}
