import { describe, expect, it } from "vitest";
import { formatAge } from "../../src/core/report/format-age.js";
import { runTableRow } from "../../src/cli/run-table.js";
import { buildRun } from "../core/build-run-items.js";

const STARTED = "2026-11-25T12:00:00.000Z";
const at = (ms: number) => Date.parse(STARTED) + ms;

describe("a run's row in `runs list`", () => {
  it("lists a running run nobody holds a lease on as interrupted, and one with a live owner as running", () => {
    const run = buildRun({ status: "running", ended_at: undefined, started_at: STARTED, item_count: 50 });
    expect(runTableRow(run, undefined, at(0)).status).toBe("interrupted");
    expect(runTableRow(run, { host: "build-7", pid: 42, heartbeatAgeMs: 100 }, at(0)).status).toBe("running");
  });

  it("shows how far an interrupted run got from its stored items, as a cancelled one does from its summary", () => {
    const run = buildRun({ status: "running", ended_at: undefined, started_at: STARTED, item_count: 11 });
    const { summary: _none, ...unsummarized } = run;
    expect(runTableRow(unsummarized, undefined, at(0), [], 3)).toMatchObject({ status: "interrupted", items: "3/11", "pass rate": "" });
    expect(runTableRow(unsummarized, undefined, at(0), [], 11).items).toBe("11");
  });

  it("shows how far a run that stopped early got, its pass rate in percent, and its age", () => {
    const summary = {
      total: 12, passed: 9, failed: 3, errored: 0, pass_rate: 0.75, scorers: [],
      latency_ms: { p50: 0, p95: 0, mean: 0 }, tokens: { input: 0, output: 0, total: 0 }, cost: 0, retries: 0,
    };
    const run = buildRun({ status: "cancelled", started_at: STARTED, item_count: 1500, summary, label: "pr-42" });
    expect(runTableRow(run, undefined, at(3 * 60_000 + 5_000))).toEqual({
      id: run.id,
      experiment: run.experiment,
      label: "pr-42",
      status: "cancelled",
      "pass rate": "75.0%",
      items: "12/1,500",
      age: "3 min ago",
    });
  });
});

describe("formatAge", () => {
  it.each([
    [-5_000, "just now"],
    [9_999, "just now"],
    [45_000, "45 s ago"],
    [59 * 60_000, "59 min ago"],
    [30 * 3_600_000, "30 h ago"],
    [12 * 86_400_000 + 5, "12 days ago"],
  ])("%i ms → %s", (elapsed, text) => {
    expect(formatAge(STARTED, at(elapsed))).toBe(text);
  });

  it("says nothing for a time it cannot read", () => {
    expect(formatAge("yesterday-ish", at(0))).toBe("");
  });
});
