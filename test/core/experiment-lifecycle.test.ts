import { describe, expect, it } from "vitest";
import { nextExperimentStatus, recoverInterruptedStatus, type ExperimentStatus, type LifecycleEvent } from "../../src/core/experiment-lifecycle.js";

function walk(events: LifecycleEvent[], from: ExperimentStatus = "draft"): ExperimentStatus[] {
  const seen: ExperimentStatus[] = [];
  let status = from;
  for (const event of events) {
    status = nextExperimentStatus("support", status, event);
    seen.push(status);
  }
  return seen;
}

describe("experiment lifecycle", () => {
  it("goes draft → baseline_pending → running_baseline → baseline_complete → running_variant → idle → completed → archived", () => {
    expect(
      walk(["queue_baseline", "start_baseline", "baseline_passed", "start_variant", "variant_ended", "complete", "archive"]),
    ).toEqual(["baseline_pending", "running_baseline", "baseline_complete", "running_variant", "idle", "completed", "archived"]);
  });

  it("a failed baseline can be run again, and a variant runs again from idle", () => {
    expect(walk(["start_baseline", "baseline_failed", "start_baseline", "baseline_passed"])).toEqual([
      "running_baseline",
      "baseline_failed",
      "running_baseline",
      "baseline_complete",
    ]);
    expect(walk(["start_variant", "variant_ended", "start_variant"], "idle")).toEqual(["running_variant", "idle", "running_variant"]);
  });

  it.each<[ExperimentStatus, LifecycleEvent, string]>([
    ["draft", "start_variant", "run the baseline first"],
    ["baseline_failed", "start_variant", "run the baseline first"],
    ["draft", "complete", "once its baseline has run"],
    ["completed", "start_variant", "archive it"],
    ["archived", "start_baseline", "runs no more"],
    ["archived", "archive", "runs no more"],
    ["running_variant", "complete", "wait for that run to end"],
  ])("%s refuses %s with a message that says what to do", (status, event, message) => {
    expect(() => nextExperimentStatus("support", status, event)).toThrow(message);
  });

  it("a running status left by a killed process returns to where its run started", () => {
    expect(recoverInterruptedStatus("running_baseline", false)).toBe("baseline_failed");
    expect(recoverInterruptedStatus("running_baseline", true)).toBe("baseline_complete");
    expect(recoverInterruptedStatus("running_variant", true)).toBe("idle");
    expect(recoverInterruptedStatus("completed", true)).toBe("completed");
  });
});
