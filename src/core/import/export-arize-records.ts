import type { RunItem } from "../model/run-item.js";
import type { Run } from "../model/run.js";
import { csvRow } from "../report/csv-row.js";
import { EVALUATION_FIELDS, evaluationColumn, type ArizeEvaluation } from "./arize-run-schema.js";
import { jsonOrText } from "./import-csv-row.js";

/** How an Arize export is written: JSONL by default, CSV or a JSON array by the file's extension. */
export type ArizeFileFormat = "jsonl" | "json" | "csv";

/** One run item in the Arize run schema (arize-run-schema.ts). */
export interface ArizeRunRecord {
  example_id: string;
  /** The item's output; null when it has none (a failed call). */
  output: unknown;
  evaluations: Record<string, ArizeEvaluation>;
  metadata: Record<string, unknown>;
}

/**
 * A run item as an Arize run: one evaluation per score (`label` "pass"/"fail", `score`,
 * `explanation` the evidence's reason), and in `metadata` what the call left: `latency_ms`,
 * `attempts`, `usage`, `cost`, `tool_calls`, `error`, the item's `status`, and `scorer_errors`
 * for scores whose scorer errored. `evalgate runs import` reads each of these back, so an export
 * imports as the same items (status, output, and each score's score, passed and reason).
 */
export function toArizeRecord(item: RunItem): ArizeRunRecord {
  const evaluations: Record<string, ArizeEvaluation> = {};
  const scorerErrors: Record<string, string> = {};
  for (const score of item.scores) {
    evaluations[score.scorer] = { label: score.passed ? "pass" : "fail", score: score.score, explanation: score.evidence.reason };
    if (score.error !== undefined) scorerErrors[score.scorer] = score.error;
  }
  const metadata: Record<string, unknown> = {
    latency_ms: item.latency_ms,
    attempts: item.attempts,
    status: item.status,
    ...(item.usage !== undefined ? { usage: item.usage } : {}),
    ...(item.cost !== undefined ? { cost: item.cost } : {}),
    ...(item.tool_calls !== undefined ? { tool_calls: item.tool_calls } : {}),
    ...(item.error !== undefined ? { error: item.error } : {}),
    ...(Object.keys(scorerErrors).length > 0 ? { scorer_errors: scorerErrors } : {}),
  };
  return { example_id: item.item_id, output: item.output ?? null, evaluations, metadata };
}

/**
 * A run's items as an Arize runs file, in chunks (one per item). CSV has the columns
 * `example_id`, `output`, then `eval.<scorer>.label|score|explanation` per scorer of the run's
 * summary (a run without one takes its first item's scorers), then `metadata` (a JSON object).
 */
export async function* exportArizeRecords(run: Run, items: AsyncIterable<RunItem>, format: ArizeFileFormat): AsyncIterable<string> {
  if (format === "jsonl") {
    for await (const item of items) yield `${JSON.stringify(toArizeRecord(item))}\n`;
    return;
  }
  if (format === "json") {
    let first = true;
    yield "[";
    for await (const item of items) {
      yield `${first ? "\n" : ",\n"}${JSON.stringify(toArizeRecord(item))}`;
      first = false;
    }
    yield first ? "]\n" : "\n]\n";
    return;
  }
  let scorers = run.summary?.scorers.map((scorer) => scorer.scorer);
  if (scorers !== undefined) yield csvRow(csvHeader(scorers));
  for await (const item of items) {
    if (scorers === undefined) {
      scorers = item.scores.map((score) => score.scorer);
      yield csvRow(csvHeader(scorers));
    }
    const record = toArizeRecord(item);
    yield csvRow([
      record.example_id,
      outputCell(record.output),
      ...scorers.flatMap((name) => {
        const evaluation = record.evaluations[name];
        return [evaluation?.label ?? "", evaluation?.score === undefined ? "" : String(evaluation.score), evaluation?.explanation ?? ""];
      }),
      JSON.stringify(record.metadata),
    ]);
  }
  if (scorers === undefined) yield csvRow(csvHeader([]));
}

function csvHeader(scorers: readonly string[]): string[] {
  return ["example_id", "output", ...scorers.flatMap((name) => EVALUATION_FIELDS.map((field) => evaluationColumn(name, field))), "metadata"];
}

/** Text as it is, unless the import would read it as JSON (`42`, `{…}`): then as a JSON string. */
function outputCell(output: unknown): string {
  if (typeof output === "string") return jsonOrText(output) === output ? output : JSON.stringify(output);
  return JSON.stringify(output);
}
