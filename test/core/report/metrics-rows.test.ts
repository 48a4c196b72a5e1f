import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/core/compare-runs.js";
import { GateConfigSchema } from "../../../src/core/config/schema.js";
import { decideVerdict } from "../../../src/core/gate.js";
import { renderComparison } from "../../../src/core/report/render-comparison.js";
import { renderPrComment } from "../../../src/core/report/render-pr-comment.js";
import { summarizeRun } from "../../../src/core/summarize-run.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";
import { sampleInput } from "./pr-comment-inputs.js";
import { buildSample } from "./sample-runs.js";

describe("the metrics table", () => {
  it("leaves out cost and tokens that no target reports, instead of printing zeros", async () => {
    const { comparison, verdict } = await buildSample();
    const text = renderComparison(comparison, verdict);
    expect(text).toMatch(/^latency p95 +100 ms +130 ms +\+30 ms$/m);
    expect(text).not.toMatch(/^(cost|tokens) /m);
    expect(text).not.toContain("0.0000");
    const body = renderPrComment(await sampleInput());
    expect(body).toContain("| errors | 0 | 1 | +1 |");
    expect(body).not.toMatch(/^\| (cost|tokens) \|/m);
  });

  it("shows each budget's ratio beside its metric, and a budget no run measured as not reported", async () => {
    // Two items each; the baseline costs 0.0100 and uses 100 tokens per item, the candidate 0.0250
    // and 150: cost 0.0200 → 0.0500 (2.50×, above max 2), tokens 200 → 300 (1.50×, within max 2).
    const item = (runId: string, id: string, cost: number, tokens: number, latency: number) =>
      buildItem(runId, id, { scores: [["equals", 1, true]], cost, usage: { input_tokens: tokens, output_tokens: 0 }, latency_ms: latency });
    const baseline = [item("run-base", "a", 0.01, 100, 100), item("run-base", "b", 0.01, 100, 100)];
    const candidate = [item("run-cand", "a", 0.025, 150, 100), item("run-cand", "b", 0.025, 150, 100)];
    const summary = await summarizeRun(candidate);
    const comparison = await compareRuns(
      { run: buildRun({ id: "run-base" }), items: streamOf(baseline) },
      { run: buildRun({ id: "run-cand", summary }), items: streamOf(candidate) },
    );
    const verdict = decideVerdict({
      gate: GateConfigSchema.parse({ passed_threshold: 0, max_cost_ratio: 2, max_tokens_ratio: 2, max_latency_p95_ratio: 1.5 }),
      maxErrorRate: 1,
      status: "ended",
      itemCount: 2,
      summary,
      comparison,
    });
    const text = renderComparison(comparison, verdict);
    expect(text).toMatch(/^ +baseline +candidate +Δ +budget$/m);
    expect(text).toMatch(/^latency p95 +100 ms +100 ms +±0 ms +1\.00× ≤ max 1\.50×$/m);
    expect(text).toMatch(/^tokens +200 +300 +\+100 +1\.50× ≤ max 2\.00×$/m);
    expect(text).toMatch(/^cost +0\.0200 +0\.0500 +\+0\.0300 +2\.50× > max 2\.00×$/m);
    expect(text).toMatch(/^latency p50 +100 ms +100 ms +±0 ms$/m);
  });

  it("keeps a budgeted metric no run reports, saying so", async () => {
    const { comparison, candidateRun } = await buildSample();
    const verdict = decideVerdict({
      gate: GateConfigSchema.parse({ passed_threshold: 0, max_cost_ratio: 1.2 }),
      maxErrorRate: 1,
      status: "ended",
      itemCount: 4,
      summary: candidateRun.summary!,
      comparison,
    });
    expect(verdict.verdict).toBe("inconclusive");
    const input = { ...(await sampleInput()), verdict, verdictLabel: verdict.verdict };
    expect(renderPrComment(input)).toContain("| cost | — | — | | not measured (max 1.20×) |");
    expect(renderComparison(comparison, verdict)).toMatch(/^cost +— +— +not measured \(max 1\.20×\)$/m);
  });
});
