import { z } from "zod";
import { DurationSchema } from "../../core/config/schema.js";
import { MAX_JSON_DEPTH, nestingExceeds } from "../../core/json-depth.js";
import type { ToolCall, Usage } from "../../core/model/run-item.js";
import { evidenceValue, preview, truncateText } from "../../core/scorers/evidence-values.js";
import type { ScorerInput, ScorerOutcome } from "../../core/scorers/scorer.js";

/**
 * The one contract of the `module`, `http` and `command` scorers (PRODUCT.md, Scorers): each
 * receives a CustomScorerRequest as JSON and answers `{"score", "passed"?, "reason"?, "evidence"?}`.
 * Only how the JSON travels differs (a function call, a POST, stdin and stdout).
 */
export interface CustomScorerRequest {
  input: unknown;
  /** The target's answer; null when it answered with tool calls only. */
  output: unknown;
  expected: unknown;
  metadata: Record<string, unknown>;
  item_id: string;
  tool_calls: ToolCall[];
  latency_ms: number;
  usage: Usage | null;
  run_id?: string;
}

/** Every field is present (null or empty when the item has none): a 10-line scorer need not test for keys. */
export function customScorerRequest({ item, result, runId }: ScorerInput): CustomScorerRequest {
  return {
    input: item.input,
    output: result.output ?? null,
    expected: item.expected ?? null,
    metadata: item.metadata ?? {},
    item_id: item.id,
    tool_calls: result.tool_calls ?? [],
    latency_ms: result.latency_ms,
    usage: result.usage ?? null,
    ...(runId !== undefined ? { run_id: runId } : {}),
  };
}

const DEFAULT_THRESHOLD = 0.5;

/** Config fields every custom scorer takes. */
export const CustomScorerFields = {
  /** `passed` when the answer does not say: `score >= threshold`. */
  threshold: z
    .number({ error: "write the passing score between 0 and 1, e.g. threshold: 0.7" })
    .min(0, { error: "the threshold is between 0 and 1" })
    .max(1, { error: "the threshold is between 0 and 1" })
    .default(DEFAULT_THRESHOLD),
  /** How long one item's scoring may take. */
  timeout: DurationSchema.default(30_000),
};

/** Python's `None` and JavaScript's `undefined` both read as "not given". */
const CustomScorerAnswerSchema = z.object(
  {
    score: z
      .number({ error: "score must be a number between 0 and 1" })
      .min(0, { error: "score must be between 0 and 1" })
      .max(1, { error: "score must be between 0 and 1" }),
    passed: z.boolean({ error: "passed must be true or false" }).nullish(),
    reason: z.string({ error: "reason must be a string" }).nullish(),
    evidence: z.record(z.string(), z.unknown(), { error: "evidence must be an object" }).nullish(),
  },
  { error: 'answer an object such as {"score": 1, "reason": "…"}' },
);

export interface OutcomeOptions {
  /** How reasons name the scorer: `module scorer ./evals/scorers/tone.ts`. */
  scorer: string;
  threshold: number;
}

/**
 * The scorer's answer as an outcome, or an Error saying what is wrong with it (score-item records
 * it as this scorer's error on the item). The answer is first made plain JSON, since a module may
 * return anything (a Date, a cycle, a BigInt) and evidence is stored as JSON.
 */
export function customScorerOutcome(answer: unknown, options: OutcomeOptions): ScorerOutcome {
  const json = plainJson(answer);
  const parsed = CustomScorerAnswerSchema.safeParse(json);
  if (!parsed.success) {
    // Each message of the schema names its field.
    const problems = [...new Set(parsed.error.issues.map((issue) => issue.message))];
    throw new Error(`answered ${preview(json)}, which is not a score: ${problems.join("; ")}`);
  }
  const { score, passed, reason, evidence } = parsed.data;
  const threshold = options.threshold;
  const decided = passed ?? score >= threshold;
  return {
    score,
    passed: decided,
    evidence: {
      ...(evidence != null ? { read: evidenceValue(evidence) } : {}),
      reason: reason != null && reason.trim() !== "" ? truncateText(reason) : defaultReason(options.scorer, score, decided, passed, threshold),
    },
  };
}

function defaultReason(scorer: string, score: number, decided: boolean, passed: boolean | null | undefined, threshold: number): string {
  if (passed != null) return `${scorer} scored ${score} and said it ${passed ? "passed" : "failed"}`;
  return `${scorer} scored ${score}, ${decided ? "at or above" : "below"} the threshold ${threshold}`;
}

function plainJson(answer: unknown): unknown {
  if (answer === undefined) throw new Error('answered nothing; answer an object such as {"score": 1}');
  if (nestingExceeds(answer)) {
    throw new Error(`answered a value that nests deeper than ${MAX_JSON_DEPTH} levels or contains itself`);
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(answer);
  } catch (error) {
    throw new Error(`answered a value that is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === undefined) throw new Error(`answered ${typeof answer}, not JSON; answer an object such as {"score": 1}`);
  return JSON.parse(text) as unknown;
}
