import { runItemId, scoreId } from "../../src/core/model/ids.js";
import type { RunItem, Score } from "../../src/core/model/run-item.js";
import type { Run, RunSummary } from "../../src/core/model/run.js";
import type { Comparison } from "../../src/core/comparison.js";
import { GateConfigSchema } from "../../src/core/config/schema.js";
import { decideVerdict, type GateVerdict } from "../../src/core/gate.js";

/** A run record as a store returns it; tests override what they care about. */
export function buildRun(overrides: Partial<Run> = {}): Run {
  return {
    id: "run-20261125-120301-7f3a",
    experiment: "support-agent-quality",
    experiment_version: "ev-aaaaaaaaaaaa",
    dataset_path: "evals/support.jsonl",
    dataset_version: "ds-111111111111",
    item_count: 3,
    target: "http://127.0.0.1:8080/api/agent",
    started_at: "2026-11-25T12:03:01.000Z",
    ended_at: "2026-11-25T12:03:31.500Z",
    status: "passed",
    ...overrides,
  };
}

/** [scorer, score, passed, reason?, error?] */
export type ScoreSpec = [string, number, boolean, string?, string?];

export interface ItemSpec {
  status?: RunItem["status"];
  scores?: ScoreSpec[];
  input?: unknown;
  expected?: unknown;
  output?: unknown;
  latency_ms?: number;
  attempts?: number;
  usage?: RunItem["usage"];
  cost?: number;
  error?: string;
}

/** A run item with derived ids; status defaults to passed when every score passes. */
export function buildItem(runId: string, itemId: string, spec: ItemSpec = {}): RunItem {
  const scores: Score[] = (spec.scores ?? []).map(([scorer, score, passed, reason, error]) => ({
    id: scoreId(runId, itemId, scorer),
    scorer,
    score,
    passed,
    evidence: { reason: reason ?? (passed ? `${scorer} passed` : `${scorer} failed`) },
    ...(error !== undefined ? { error } : {}),
  }));
  const status = spec.status ?? (scores.every((score) => score.passed) ? "passed" : "failed");
  const item: RunItem = {
    id: runItemId(runId, itemId),
    run_id: runId,
    item_id: itemId,
    status,
    input: spec.input ?? { question: `question ${itemId}` },
    output: spec.output ?? (status === "error" ? undefined : `answer ${itemId}`),
    latency_ms: spec.latency_ms ?? 100,
    attempts: spec.attempts ?? 1,
    scores,
    finished_at: "2026-11-25T12:03:02.000Z",
  };
  if (spec.expected !== undefined) item.expected = spec.expected;
  if (spec.usage !== undefined) item.usage = spec.usage;
  if (spec.cost !== undefined) item.cost = spec.cost;
  if (spec.error !== undefined) item.error = spec.error;
  return item;
}

/** An async stream, as RunStore.runItems gives, so tests exercise the streaming path. */
export async function* streamOf<T>(values: Iterable<T>): AsyncIterable<T> {
  for (const value of values) yield value;
}

/** The verdict of a complete run under `gate`, errors allowed (max_error_rate 1) unless told. */
export function judge(
  gate: { passed_threshold?: number; max_regressions?: number },
  subject: { summary: RunSummary; comparison?: Comparison },
  maxErrorRate = 1,
): GateVerdict {
  return decideVerdict({
    gate: GateConfigSchema.parse(gate),
    maxErrorRate,
    status: "ended",
    itemCount: subject.summary.total,
    summary: subject.summary,
    ...(subject.comparison ? { comparison: subject.comparison } : {}),
  });
}
