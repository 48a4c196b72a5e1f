import { describe, expect, it } from "vitest";
import { compareRuns } from "../../src/core/compare-runs.js";
import { GateConfigSchema } from "../../src/core/config/schema.js";
import { UserError } from "../../src/core/errors.js";
import { GateVerdictSchema, decideVerdict, type RunCompletion } from "../../src/core/gate.js";
import type { RunSummary } from "../../src/core/model/run.js";
import { summarizeRun } from "../../src/core/summarize-run.js";
import { buildItem, buildRun, streamOf } from "./build-run-items.js";

function itemsWith(passed: number, failed: number, errored = 0, runId = "run-c") {
  const items = [];
  for (let index = 0; index < passed + failed + errored; index += 1) {
    const id = `item-${String(index).padStart(4, "0")}`;
    if (index < passed) items.push(buildItem(runId, id, { scores: [["equals", 1, true]] }));
    else if (index < passed + failed) items.push(buildItem(runId, id, { scores: [["equals", 0, false]] }));
    else items.push(buildItem(runId, id, { status: "error", error: "timeout" }));
  }
  return items;
}

const gate = (config: object) => GateConfigSchema.parse(config);

/** The old shape of the tests: a complete run, errors allowed unless a test says otherwise. */
function evaluateGate(
  config: ReturnType<typeof gate>,
  subject: { summary: RunSummary; comparison?: Parameters<typeof decideVerdict>[0]["comparison"] },
  options: { thresholdOverride?: number; status?: RunCompletion; maxErrorRate?: number; itemCount?: number } = {},
) {
  return decideVerdict({
    gate: config,
    maxErrorRate: options.maxErrorRate ?? 1,
    status: options.status ?? "ended",
    itemCount: options.itemCount ?? subject.summary.total,
    summary: subject.summary,
    ...(subject.comparison ? { comparison: subject.comparison } : {}),
    ...(options.thresholdOverride !== undefined ? { thresholdOverride: options.thresholdOverride } : {}),
  });
}

describe("decideVerdict", () => {
  it("passes when the pass rate meets the threshold exactly", async () => {
    const verdict = evaluateGate(gate({ passed_threshold: 0.9 }), { summary: await summarizeRun(itemsWith(27, 3)) });
    expect(verdict).toEqual({
      verdict: "pass",
      reasons: [],
      checks: [{ name: "pass_rate", passed: true, actual: 0.9, limit: 0.9, description: "pass rate ≥ 90.0%" }],
    });
    expect(GateVerdictSchema.parse(verdict)).toEqual(verdict);
  });

  it("fails below the threshold with a sentence naming both numbers", async () => {
    const verdict = evaluateGate(gate({ passed_threshold: 0.9 }), { summary: await summarizeRun(itemsWith(43, 7)) });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual(["pass rate 86.0% is below the threshold 90.0%"]);
  });

  it("defaults to requiring every item to pass", async () => {
    const verdict = evaluateGate(gate({}), { summary: await summarizeRun(itemsWith(9, 1)) });
    expect(verdict.reasons).toEqual(["pass rate 90.0% is below the threshold 100.0%"]);
  });

  it("fails a run with zero items even with a zero threshold", async () => {
    const verdict = evaluateGate(gate({ passed_threshold: 0 }), { summary: await summarizeRun([]) });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual(["no items were evaluated"]);
  });

  it("fails a run whose every call errored even with a zero threshold", async () => {
    const verdict = evaluateGate(gate({ passed_threshold: 0 }), { summary: await summarizeRun(itemsWith(0, 0, 4)) });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual(["every call failed (4 of 4 items errored)"]);
  });

  it("fails on regressions above max_regressions and passes at the limit", async () => {
    const baseline = itemsWith(5, 0, 0, "run-b");
    const candidate = itemsWith(2, 3, 0, "run-c");
    const comparison = await compareRuns(
      { run: buildRun({ id: "run-b" }), items: streamOf(baseline) },
      { run: buildRun({ id: "run-c" }), items: streamOf(candidate) },
    );
    const summary = await summarizeRun(candidate);
    const strict = evaluateGate(gate({ passed_threshold: 0, max_regressions: 0 }), { summary, comparison });
    expect(strict.verdict).toBe("fail");
    expect(strict.reasons).toEqual(["3 regressions exceed the maximum 0"]);
    expect(strict.checks.find((check) => check.name === "regressions")).toMatchObject({ actual: 3, limit: 0, passed: false });
    const lenient = evaluateGate(gate({ passed_threshold: 0, max_regressions: 3 }), { summary, comparison });
    expect(lenient.verdict).toBe("pass");
  });

  it("ignores max_regressions without a comparison", async () => {
    const verdict = evaluateGate(gate({ passed_threshold: 0.5, max_regressions: 0 }), { summary: await summarizeRun(itemsWith(1, 1)) });
    expect(verdict.checks.map((check) => check.name)).toEqual(["pass_rate"]);
    expect(verdict.verdict).toBe("pass");
  });

  it("lets a threshold override replace the configured threshold", async () => {
    const summary = await summarizeRun(itemsWith(8, 2));
    expect(evaluateGate(gate({ passed_threshold: 1 }), { summary }, { thresholdOverride: 0.8 }).verdict).toBe("pass");
    expect(evaluateGate(gate({ passed_threshold: 0.5 }), { summary }, { thresholdOverride: 0.85 }).reasons).toEqual([
      "pass rate 80.0% is below the threshold 85.0%",
    ]);
  });

  it("refuses a threshold override given as a percentage", async () => {
    const summary = await summarizeRun(itemsWith(1, 0));
    expect(() => evaluateGate(gate({}), { summary }, { thresholdOverride: 90 })).toThrow(UserError);
    expect(() => evaluateGate(gate({}), { summary }, { thresholdOverride: 90 })).toThrow(/for 90% write 0.9/);
  });

  it.each([
    ["running", "the run did not finish: it stopped after 5 of 10 items (its process was killed or is still running)"],
    ["cancelled", "the run was cancelled after 5 of 10 items"],
    ["errored", "the run could not complete: it stopped after 5 of 10 items"],
  ] as const)("never passes a %s run, even with a zero threshold and every stored item passing", async (status, reason) => {
    const summary = await summarizeRun(itemsWith(5, 0));
    const verdict = evaluateGate(gate({ passed_threshold: 0 }), { summary }, { status, itemCount: 10 });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual([reason]);
    const overridden = evaluateGate(gate({ passed_threshold: 1 }), { summary }, { status, itemCount: 10, thresholdOverride: 0 });
    expect(overridden.verdict).toBe("fail");
  });

  it("fails a complete run whose errors exceed max_error_rate, naming the counts", async () => {
    // 3 of 10 errored = 30 % > 20 %; the 7 others pass, and the threshold asks for only 50 %.
    const verdict = evaluateGate(gate({ passed_threshold: 0.5 }), { summary: await summarizeRun(itemsWith(7, 0, 3)) }, { maxErrorRate: 0.2 });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual(["3 of 10 items errored, above max_error_rate 0.2 (20.0%)"]);
  });

  it("an errored run's reason counts the final summary", async () => {
    const summary = await summarizeRun(itemsWith(3, 0, 5));
    const verdict = evaluateGate(gate({ passed_threshold: 0 }), { summary }, { status: "errored", maxErrorRate: 0.2, itemCount: 8 });
    expect(verdict.reasons[0]).toBe("the run could not complete: 5 of 8 items errored, above max_error_rate 0.2 (20.0%)");
    expect(verdict.reasons.filter((reason) => reason.includes("items errored"))).toHaveLength(1);
  });

  it("an errored run whose every call failed says so once, and fails even with a zero threshold", async () => {
    const summary = await summarizeRun(itemsWith(0, 0, 6));
    const verdict = evaluateGate(gate({ passed_threshold: 0 }), { summary }, { status: "errored", maxErrorRate: 0.2, itemCount: 11 });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual(["the run could not complete: every call failed (6 of 6 items errored)"]);
  });

  it("never shows a failing pass rate rounded onto its threshold", async () => {
    // 1,999 of 2,000 = 99.95 %: at one decimal it would read 100.0 %, the threshold it fails.
    const verdict = evaluateGate(gate({ passed_threshold: 1 }), { summary: await summarizeRun(itemsWith(1999, 1)) });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual(["pass rate 99.95% is below the threshold 100.0%"]);
    // 0.89996 against 0.9: one decimal would say 90.0 % for both.
    const close = evaluateGate(gate({ passed_threshold: 0.9 }), {
      summary: { ...(await summarizeRun(itemsWith(1, 0))), pass_rate: 0.89996 },
    });
    expect(close.reasons).toEqual(["pass rate 89.996% is below the threshold 90.0%"]);
  });

  it("states a threshold exactly and the failing rate on its side of it", async () => {
    const twoOfThree = await summarizeRun(itemsWith(2, 1));
    const verdict = evaluateGate(gate({ passed_threshold: 0.6667 }), { summary: twoOfThree });
    expect(verdict.reasons).toEqual(["pass rate 66.667% is below the threshold 66.67%"]);
  });

  it("a rate a hair below its threshold fails (no tolerance a user could mean)", async () => {
    const summary = await summarizeRun(itemsWith(1999, 1));
    expect(evaluateGate(gate({}), { summary }, { thresholdOverride: 0.999500001 }).verdict).toBe("fail");
    expect(evaluateGate(gate({}), { summary }, { thresholdOverride: 0.9995 }).verdict).toBe("pass");
  });

  it("counts regressions with thousands separators", async () => {
    const comparison = { items: { shared: 2001 }, scorers: [], regressions: { count: 2000, items: [] } } as unknown as Parameters<
      typeof decideVerdict
    >[0]["comparison"];
    const verdict = evaluateGate(gate({ passed_threshold: 0, max_regressions: 0 }), { summary: await summarizeRun(itemsWith(1, 0)), comparison });
    expect(verdict.reasons).toEqual(["2,000 regressions exceed the maximum 0"]);
  });
});
