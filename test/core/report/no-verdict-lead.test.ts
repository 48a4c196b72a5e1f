import { describe, expect, it } from "vitest";
import type { GateVerdict } from "../../../src/core/gate.js";
import { renderCiReport } from "../../../src/core/report/render-ci-report.js";
import { checkTitle } from "../../../src/core/report/render-check-output.js";
import { buildRun } from "../build-run-items.js";
import { buildComparison } from "./comparison-fixture.js";

const inconclusive: GateVerdict = {
  verdict: "inconclusive",
  reasons: ["only 33 items are shared with the baseline, fewer than min_items 34: add items"],
  checks: [{ name: "min_items", passed: false, actual: 33, limit: 34, description: "at least 34 shared items", outcome: "inconclusive" }],
};

describe("a no-verdict says whether it blocks merging", () => {
  it("blocks by default (action_required) and not under on_inconclusive: neutral", () => {
    const run = buildRun();
    expect(renderCiReport(run, inconclusive)).toContain("**No verdict: this check blocks merging until someone acts.**");
    const neutral = renderCiReport(run, inconclusive, undefined, { conclusion: "neutral" });
    expect(neutral).toContain("**No verdict: the check is neutral (on_inconclusive: neutral), so it does not block merging.**");
    expect(neutral).not.toContain("blocks merging until");
  });

  it("says so in the check title too", () => {
    const input = {
      experiment: "orders",
      verdict: inconclusive,
      verdictLabel: "inconclusive" as const,
      candidate: buildRun(),
      comparison: buildComparison(),
      headSha: "0123456789abcdef0123456789abcdef01234567",
    };
    expect(checkTitle(input)).toMatch(/^INCONCLUSIVE, blocks merging: only 33 items/);
    expect(checkTitle({ ...input, conclusion: "neutral" })).toMatch(/^INCONCLUSIVE: only 33 items/);
  });
});
