import type { ManyRunsInput } from "../../src/core/compare-many-runs.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import { buildItem, buildRun, streamOf } from "./build-run-items.js";

/** P passed, F failed, E error; the item's latency in ms. */
type Spec = [itemId: string, outcome: "P" | "F" | "E", latencyMs: number];

function itemsOf(runId: string, specs: Spec[]): RunItem[] {
  return specs.map(([id, outcome, latency]) =>
    outcome === "E"
      ? buildItem(runId, id, { status: "error", error: "HTTP 502 from target", latency_ms: latency })
      : buildItem(runId, id, { scores: [["equals", outcome === "P" ? 1 : 0, outcome === "P"]], latency_ms: latency }),
  );
}

/**
 * Three runs of one experiment:
 * - A (label main):     a P, b P, c F, d P        latencies 100, 100, 200, 300
 * - B (variant cooler): a P, b F, c F, e P        latencies all 100
 * - C (label pr-42):    a P, b P, c error, d P, e P  latencies 120, the error's 30,000
 * Items b, c, d and e differ; a passes everywhere.
 */
export function threeRuns(): ManyRunsInput[] {
  return [
    {
      run: buildRun({ id: "run-a", label: "main" }),
      items: streamOf(itemsOf("run-a", [["a", "P", 100], ["b", "P", 100], ["c", "F", 200], ["d", "P", 300]])),
    },
    {
      run: buildRun({ id: "run-b", variant: "cooler" }),
      items: itemsOf("run-b", [["a", "P", 100], ["b", "F", 100], ["c", "F", 100], ["e", "P", 100]]),
    },
    {
      run: buildRun({ id: "run-c", label: "pr-42" }),
      items: streamOf(itemsOf("run-c", [["a", "P", 120], ["b", "P", 120], ["c", "E", 30_000], ["d", "P", 120], ["e", "P", 120]])),
    },
  ];
}
