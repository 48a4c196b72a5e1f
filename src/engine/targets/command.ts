import { existsSync } from "node:fs";
import { UserError } from "../../core/errors.js";
import { nestingExceeds } from "../../core/json-depth.js";
import type { CommandTargetConfig } from "../../core/config/schema.js";
import type { Item } from "../../core/model/item.js";
import type { TargetResult } from "../../core/model/run-item.js";
import type { AttemptOutcome } from "../../core/retry.js";
import { retryPolicy, withRetries } from "../../core/retry.js";
import { excerpt, RESPONSE_TOO_DEEP, tailExcerpt, withAttempts } from "./failure-text.js";
import { experimentField } from "./http.js";
import { mapResponse } from "./response-mapping.js";
import type { ProcessOutcome } from "./run-process.js";
import { runProcess } from "./run-process.js";
import type { TargetOptions } from "./target-options.js";
import type { CallContext, Target } from "./target.js";
import { requireAnswer } from "../../core/require-answer.js";
import { commandWords } from "./command-words.js";

/** After SIGTERM on timeout, a process gets this long to exit before SIGKILL. */
const KILL_GRACE_MS = 2_000;

type AttemptValue = { json: unknown; error?: undefined } | { json?: undefined; error: string };

/**
 * One process per item: the item as JSON on stdin, the answer as JSON on stdout. Retried on a
 * timeout or a non-zero exit; a missing program or an answer that is not JSON, or nests deeper
 * than MAX_JSON_DEPTH, is final.
 */
export function createCommandTarget(config: CommandTargetConfig, options: TargetOptions): Target {
  const [program, ...args] =
    commandWords(config.command, `${options.path}.command`);
  if (program === undefined || program === "") {
    throw new UserError(`${options.path}.command: write the program to run, e.g. "python agent.py"`);
  }
  const env = { ...process.env, ...config.env };
  const policy = retryPolicy(options.retries, options.backoff);

  const judge = (outcome: ProcessOutcome): AttemptOutcome<AttemptValue> => {
    switch (outcome.kind) {
      case "timeout":
        return { retry: true, value: { error: `timed out after ${config.timeout} ms` } };
      case "failed":
        return { retry: false, value: { error: failureText(outcome, program, config.cwd) } };
      case "exited":
        if (outcome.code !== 0) return { retry: true, value: { error: exitText(outcome) } };
        return { retry: false, value: parseAnswer(outcome.stdout) };
    }
  };

  return {
    description: typeof config.command === "string" ? config.command : config.command.join(" "),
    async call(item: Item, context: CallContext): Promise<TargetResult> {
      const stdin = `${JSON.stringify(commandInput(item, context))}\n`;
      let latencyMs = 0;
      const attempt = async () => {
        const started = performance.now();
        try {
          return judge(
            await runProcess({
              program: program,
              args,
              ...(config.cwd !== undefined ? { cwd: config.cwd } : {}),
              env,
              stdin,
              timeoutMs: config.timeout,
              killGraceMs: KILL_GRACE_MS,
              signal: context.signal,
            }),
          );
        } finally {
          latencyMs = Math.round((performance.now() - started) * 100) / 100;
        }
      };
      const { value, attempts } = await withRetries(attempt, policy, context.signal);
      if (value.error !== undefined) {
        return { latency_ms: latencyMs, attempts, error: withAttempts(value.error, attempts) };
      }
      const mapped = { ...mapResponse(value.json, config), latency_ms: latencyMs, attempts };
      return requireAnswer(mapped, { field: config.output, response: value.json });
    },
  };
}

/** What the process reads on stdin: the http target's default body, plus expected and metadata. */
function commandInput(item: Item, context: CallContext): Record<string, unknown> {
  const input: Record<string, unknown> = { input: item.input, item_id: item.id, run_id: context.runId };
  if (item.expected !== undefined) input.expected = item.expected;
  if (item.metadata !== undefined) input.metadata = item.metadata;
  input.experiment = experimentField(context);
  return input;
}

/** The whole stdout as JSON, else its last non-empty line, so a program may log before answering. */
export function parseAnswer(stdout: string): AttemptValue {
  const text = stdout.trim();
  if (text === "") return { error: "printed nothing on stdout (print the answer as one JSON line)" };
  const lastLine = text.slice(text.lastIndexOf("\n") + 1);
  const json = parseJsonText(text) ?? parseJsonText(lastLine);
  if (json === undefined) return { error: `output is not JSON: ${excerpt(lastLine)}` };
  return nestingExceeds(json.value) ? { error: RESPONSE_TOO_DEEP } : { json: json.value };
}

function parseJsonText(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

export function exitText(outcome: Extract<ProcessOutcome, { kind: "exited" }>): string {
  const how = outcome.signalName ? `killed by ${outcome.signalName}` : `exited with code ${outcome.code}`;
  return outcome.stderr.trim() === "" ? how : `${how}: ${tailExcerpt(outcome.stderr)}`;
}

export function failureText(outcome: Extract<ProcessOutcome, { kind: "failed" }>, program: string, cwd?: string): string {
  // spawn reports a missing working directory as ENOENT of the program too.
  if (outcome.code === "ENOENT" && cwd !== undefined && !existsSync(cwd)) return `working directory not found: ${cwd}`;
  if (outcome.code === "ENOENT") return `command not found: ${program}`;
  if (outcome.code === "EACCES") return `command is not executable: ${program}`;
  return outcome.message;
}
