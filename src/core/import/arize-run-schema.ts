/**
 * The Arize experiment-run schema, as Arize's experiment APIs and `ax experiments create --file`
 * take it: one record per dataset example, `example_id` (the dataset item's id), `output` (any
 * JSON), optional `evaluations` (`{name: {label?, score?, explanation?}}`) and, here, `metadata`
 * (`latency_ms`, `model`, token `usage`, `cost`…). In a flat file (CSV, a DataFrame) each
 * evaluation is three columns, Arize's wire names `eval.<name>.label`, `eval.<name>.score` and
 * `eval.<name>.explanation`. `evalgate runs import` reads it; `reports export --artifact-format
 * arize` writes it.
 */
export interface ArizeEvaluation {
  /** A text judgement ("pass", "correct", "hallucinated"). */
  label?: string;
  /** A fraction 0..1, as Arize requires. */
  score?: number;
  explanation?: string;
}

export const EVALUATION_FIELDS = ["label", "score", "explanation"] as const;
export type EvaluationField = (typeof EVALUATION_FIELDS)[number];

/** `eval.<name>.<field>`: the flat column (or key) of one field of one evaluation. */
export function evaluationColumn(name: string, field: EvaluationField): string {
  return `eval.${name}.${field}`;
}

/**
 * `eval.correctness.score` → { name: "correctness", field: "score" }; the name may hold dots
 * (the field is after the last one). `undefined` for a key that does not start with `eval.`;
 * `field: undefined` for one that does but names no field of an evaluation.
 */
export function parseEvaluationColumn(key: string): { name: string; field: EvaluationField | undefined } | undefined {
  if (!key.startsWith("eval.")) return undefined;
  const rest = key.slice("eval.".length);
  const dot = rest.lastIndexOf(".");
  const field = rest.slice(dot + 1);
  if (dot <= 0 || !(EVALUATION_FIELDS as readonly string[]).includes(field)) return { name: rest, field: undefined };
  return { name: rest.slice(0, dot), field: field as EvaluationField };
}

/**
 * Labels read as a verdict, compared trimmed and case-insensitively. Any other label ("relevant",
 * "hallucinated") says nothing about passing: the score decides (≥ 0.5 passes).
 */
export const PASS_LABELS = ["pass", "passed", "true", "yes", "correct", "success"] as const;
export const FAIL_LABELS = ["fail", "failed", "false", "no", "incorrect", "failure"] as const;

/** The score at or above which an evaluation whose label is no verdict word passes. */
export const PASSING_SCORE = 0.5;

/** true for a pass word, false for a fail word, undefined for any other label. */
export function labelVerdict(label: string): boolean | undefined {
  const word = label.trim().toLowerCase();
  if ((PASS_LABELS as readonly string[]).includes(word)) return true;
  if ((FAIL_LABELS as readonly string[]).includes(word)) return false;
  return undefined;
}

/**
 * Keys of `metadata` that evalgate reads (everything else in a record's metadata is accepted and
 * ignored): the call's `latency_ms`, `attempts`, `usage` (any provider's shape, or token counts
 * on `metadata` itself), `cost`, `model` (prices the call from the config's `prices:`),
 * `tool_calls`, and `error` (the call failed: the item is an error). An export also writes
 * `status` (checked against the status the import derives) and `scorer_errors` (`{scorer:
 * message}` for scores whose scorer errored).
 */
export const METADATA_KEYS = ["latency_ms", "attempts", "usage", "cost", "model", "tool_calls", "error", "status", "scorer_errors"] as const;
