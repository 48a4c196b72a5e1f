import { describe, expect, it } from "vitest";
import { compareRuns, type Comparison } from "../../src/core/compare-runs.js";
import { GateConfigSchema } from "../../src/core/config/schema.js";
import { decideVerdict, type GateVerdict } from "../../src/core/gate.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import { summarizeRun } from "../../src/core/summarize-run.js";
import { buildItem, buildRun, streamOf, type ItemSpec } from "./build-run-items.js";

const id = (index: number) => `item-${String(index).padStart(3, "0")}`;

/** Items by spec function, one run each side. */
function side(runId: string, count: number, spec: (index: number) => ItemSpec): RunItem[] {
  return Array.from({ length: count }, (_, index) => buildItem(runId, id(index), spec(index)));
}

const pass = (extra: Partial<ItemSpec> = {}): ItemSpec => ({ scores: [["equals", 1, true]], ...extra });
const fail = (extra: Partial<ItemSpec> = {}): ItemSpec => ({ scores: [["equals", 0, false]], ...extra });

async function compare(
  baseline: RunItem[],
  candidate: RunItem[],
  options: Parameters<typeof compareRuns>[2] = {},
): Promise<Comparison> {
  return compareRuns(
    { run: buildRun({ id: "run-b", item_count: baseline.length }), items: streamOf(baseline) },
    { run: buildRun({ id: "run-c", item_count: candidate.length }), items: streamOf(candidate) },
    options,
  );
}

async function judge(gate: object, candidate: RunItem[], comparison: Comparison, problems: string[] = []): Promise<GateVerdict> {
  const summary = await summarizeRun(candidate);
  return decideVerdict({
    gate: GateConfigSchema.parse(gate),
    maxErrorRate: 1,
    status: "ended",
    itemCount: summary.total,
    summary,
    comparison,
    baselineProblems: problems,
  });
}

// 41 items: 10 pass → fail (b), 2 fail → pass (c), 27 pass on both sides, 2 fail on both.
function mcnemarPair(): { baseline: RunItem[]; candidate: RunItem[] } {
  const baseline = side("run-b", 41, (i) => (i < 10 || i >= 14 ? pass() : i < 12 ? fail() : fail()));
  const candidate = side("run-c", 41, (i) => (i < 10 ? fail() : i < 12 ? pass() : i < 14 ? fail() : pass()));
  return { baseline, candidate };
}

describe("paired comparison of pass/fail", () => {
  it("runs McNemar's exact test on the discordant pairs: b = 10, c = 2 → p = 79/2048", async () => {
    const { baseline, candidate } = mcnemarPair();
    const comparison = await compare(baseline, candidate);
    const overall = comparison.statistics.overall;
    expect(overall.discordant).toEqual({ worse: 10, better: 2 });
    expect(overall.test).toBe("mcnemar_exact");
    expect(overall.n).toBe(41);
    // By hand: 2 · (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 · 79 / 4096.
    expect(overall.p_value).toBeCloseTo(79 / 2048, 12);
    expect(overall.delta).toBeCloseTo(-8 / 41, 12);
    // The union of Newcombe's method 10 (Wilson intervals from scipy.stats.binomtest(...).proportion_ci(
    // method='wilson'), combined by hand in Python: (−0.34980644939052996, −0.035474628016815196)) and
    // the exact conditional interval (scipy.stats.binomtest(2, 12).proportion_ci(method='exact') =
    // (0.0208625254596618, 0.4841377486860764) mapped to 12/41 · (2θ − 1) = (−0.2805, −0.0093)).
    expect(overall.ci95[0]).toBeCloseTo(-0.34980644939052996, 6);
    expect(overall.ci95[1]).toBeCloseTo((12 / 41) * (2 * 0.4841377486860764 - 1), 6);
    expect(overall.verdict).toBe("regression");
    expect(comparison.statistics.alpha).toBe(0.05);
  });

  it("calls b + c = 0 unchanged with p = 1, and b + c = 1 noise with p = 1", async () => {
    const same = side("run-b", 5, () => pass());
    const unchanged = await compare(same, side("run-c", 5, () => pass()));
    expect(unchanged.statistics.overall).toMatchObject({ p_value: 1, delta: 0, verdict: "unchanged", discordant: { worse: 0, better: 0 } });
    // No discordant pair in 5: Newcombe's interval from the Wilson bounds of 5/5 (same method as above) = ±0.43448246478317487.
    expect(unchanged.statistics.overall.ci95[0]).toBeCloseTo(-0.43448246478317487, 8);
    expect(unchanged.statistics.overall.ci95[1]).toBeCloseTo(0.43448246478317487, 8);
    const one = await compare(same, side("run-c", 5, (i) => (i === 0 ? fail() : pass())));
    expect(one.statistics.overall).toMatchObject({ p_value: 1, verdict: "noise", discordant: { worse: 1, better: 0 } });
  });

  it("gives the MDE from the observed discordance, never below what the exact test can detect", async () => {
    const { baseline, candidate } = mcnemarPair();
    const comparison = await compare(baseline, candidate);
    // (z_0.975 + z_0.8) · sqrt(12) / 41 = (1.959964 + 0.841621) · 3.464102 / 41 = 0.236708 (> the floor 6/41).
    expect(comparison.statistics.overall.mde).toBeCloseTo((1.959964 + 0.841621) * Math.sqrt(12) / 41, 5);
  });
});

describe("paired comparison of a scorer's scores", () => {
  it("runs a paired t-test on the per-item differences", async () => {
    const before = [0.9, 0.8, 0.7, 0.6, 0.5, 0.9, 0.8, 0.7];
    const after = [0.5, 0.6, 0.4, 0.3, 0.2, 0.5, 0.6, 0.3];
    const baseline = side("run-b", 8, (i) => ({ scores: [["similar", before[i]!, true]] }));
    const candidate = side("run-c", 8, (i) => ({ scores: [["similar", after[i]!, true]] }));
    const comparison = await compare(baseline, candidate);
    const statistic = comparison.scorers[0]!.statistic!;
    expect(statistic.test).toBe("paired_t");
    // scipy: d = after − before; mean −0.3125; stats.ttest_1samp(d, 0).pvalue = 1.462994652108648e-05;
    // confidence_interval() = (−0.3822678654471653, −0.2427321345528347).
    expect(statistic.delta).toBeCloseTo(-0.3125, 12);
    expect(statistic.p_value).toBeCloseTo(1.462994652108648e-5, 10);
    expect(statistic.ci95[0]).toBeCloseTo(-0.3822678654471653, 8);
    expect(statistic.ci95[1]).toBeCloseTo(-0.2427321345528347, 8);
    expect(statistic.verdict).toBe("regression");
    // The pass/fail flags did not move: the overall test sees nothing.
    expect(comparison.statistics.overall.verdict).toBe("unchanged");
  });

  it("clusters the standard error over metadata.<key> when the experiment names a cluster", async () => {
    // Differences −1 in cluster A (2 items), 0 in B (2 items), +1 in C (1 item) … by hand:
    // d = [−1, −1, 0, 0, 1], mean −0.2; cluster sums S − n·mean: A −2 + 0.4 = −1.6, B 0 + 0.4 = 0.4, C 1 + 0.2 = 1.2;
    // Σ = 2.56 + 0.16 + 1.44 = 4.16; SE = sqrt(3/2 · 4.16) / 5 = sqrt(6.24) / 5.
    const groups = ["A", "A", "B", "B", "C"];
    const before = [1, 1, 0, 1, 0];
    const after = [0, 0, 0, 1, 1];
    const spec = (scores: number[]) => (i: number): ItemSpec => ({ scores: [["equals", scores[i]!, scores[i] === 1]] });
    const withCluster = (items: RunItem[]) => items.map((item, i) => ({ ...item, metadata: { doc: groups[i] } }));
    const comparison = await compare(withCluster(side("run-b", 5, spec(before))), withCluster(side("run-c", 5, spec(after))), {
      cluster: "metadata.doc",
    });
    const overall = comparison.statistics.overall;
    expect(overall.test).toBe("clustered_paired_t");
    expect(comparison.statistics.cluster).toBe("metadata.doc");
    expect(overall.delta).toBeCloseTo(-0.2, 12);
    // t interval with G − 1 = 2 degrees of freedom: scipy.stats.t.ppf(0.975, 2) = 4.302652729911275.
    const se = Math.sqrt(6.24) / 5;
    expect(overall.ci95[0]).toBeCloseTo(Math.max(-1, -0.2 - 4.302652729911275 * se), 8);
    expect(overall.ci95[1]).toBeCloseTo(Math.min(1, -0.2 + 4.302652729911275 * se), 8);
  });
});

describe("verdicts against a baseline", () => {
  it("fails on a significant regression only when the gate sets significance", async () => {
    const { baseline, candidate } = mcnemarPair();
    const comparison = await compare(baseline, candidate);
    const lenient = await judge({ passed_threshold: 0 }, candidate, comparison);
    expect(lenient.verdict).toBe("pass");
    const strict = await judge({ passed_threshold: 0, significance: 0.05 }, candidate, comparison);
    expect(strict.verdict).toBe("fail");
    expect(strict.reasons[0]).toMatch(/significantly lower .*\(p = 0\.039 < 0\.05\)/);
    // At 0.01 the same data is noise.
    const stricter = await judge({ passed_threshold: 0, significance: 0.01 }, candidate, comparison);
    expect(stricter.verdict).toBe("pass");
  });

  it("is inconclusive below min_items, and says to add items", async () => {
    const { baseline, candidate } = mcnemarPair();
    const comparison = await compare(baseline.slice(12), candidate.slice(12));
    const verdict = await judge({ passed_threshold: 0, min_items: 50 }, candidate.slice(12), comparison);
    expect(verdict.verdict).toBe("inconclusive");
    expect(verdict.reasons).toEqual([
      "only 29 items are shared with the baseline, fewer than min_items 50: add items to the dataset so a change can be told from noise",
    ]);
  });

  it("is not comparable when the baseline cannot serve, and a candidate's own failure still fails", async () => {
    const { baseline, candidate } = mcnemarPair();
    const comparison = await compare(baseline, candidate);
    const notComparable = await judge({ passed_threshold: 0, significance: 0.05 }, candidate, comparison, ["it is not complete (cancelled)"]);
    expect(notComparable.verdict).toBe("not_comparable");
    expect(notComparable.reasons).toEqual(["the baseline run-b cannot serve: it is not complete (cancelled)"]);
    const failing = await judge({ passed_threshold: 0.9 }, candidate, comparison, ["it is not complete (cancelled)"]);
    expect(failing.verdict).toBe("fail");
    expect(failing.reasons).toHaveLength(1);
    expect(failing.reasons[0]).toMatch(/below the threshold 90\.0%/);
  });

  it("fails an otherwise passing gate on a critical scorer's significant regression", async () => {
    // 8 items: the critical scorer pii drops from passing to failing on 7, equals passes everywhere.
    const baseline = side("run-b", 8, () => ({ scores: [["equals", 1, true], ["pii", 1, true]] }));
    const candidate = side("run-c", 8, (i) => ({ status: "passed", scores: [["equals", 1, true], ["pii", i < 7 ? 0 : 1, i >= 7]] }));
    const plain = await compare(baseline, candidate);
    expect((await judge({ passed_threshold: 0 }, candidate, plain)).verdict).toBe("pass");
    const comparison = await compare(baseline, candidate, { critical: new Set(["pii"]) });
    const pii = comparison.scorers.find((scorer) => scorer.scorer === "pii")!;
    expect(pii.severity).toBe("critical");
    // McNemar b = 7, c = 0: 2 / 2^7 = 0.015625.
    expect(pii.statistic).toMatchObject({ test: "mcnemar_exact", verdict: "regression" });
    expect(pii.statistic!.p_value).toBeCloseTo(2 / 128, 12);
    const verdict = await judge({ passed_threshold: 0 }, candidate, comparison);
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons[0]).toMatch(/^critical scorer pii regressed significantly/);
  });

  it("labels each scorer regression, improvement, noise or unchanged from its own test", async () => {
    const baseline = side("run-b", 8, (i) => ({ status: "passed", scores: [["a", 1, true], ["b", 0, false], ["c", i % 2, i % 2 === 1], ["d", 1, true]] }));
    const candidate = side("run-c", 8, (i) => ({ status: "passed", scores: [["a", i < 7 ? 0 : 1, i >= 7], ["b", i < 7 ? 1 : 0, i < 7], ["c", (i + 1) % 2, i % 2 === 0], ["d", 1, true]] }));
    const comparison = await compare(baseline, candidate);
    const verdicts = Object.fromEntries(comparison.scorers.map((scorer) => [scorer.scorer, scorer.statistic!.verdict]));
    // a: b = 7, c = 0 → p 0.0156; b: 0 vs 7 → improvement; c: 4 down 4 up → p = 1; d: no change.
    expect(verdicts).toEqual({ a: "regression", b: "improvement", c: "noise", d: "unchanged" });
    // Only critical scorers fail a gate without significance: this one passes.
    expect((await judge({ passed_threshold: 0 }, candidate, comparison)).verdict).toBe("pass");
    const strict = await judge({ passed_threshold: 0, significance: 0.05 }, candidate, comparison);
    expect(strict.verdict).toBe("fail");
    expect(strict.reasons).toEqual([expect.stringMatching(/^scorer a regressed significantly/)]);
  });
});

describe("budgets against the baseline", () => {
  const budgeted = async (gate: object, baselineSpec: Partial<ItemSpec>, candidateSpec: Partial<ItemSpec>) => {
    const baseline = side("run-b", 4, () => pass(baselineSpec));
    const candidate = side("run-c", 4, () => pass(candidateSpec));
    return judge({ passed_threshold: 0, ...gate }, candidate, await compare(baseline, candidate));
  };

  it("max_cost_ratio: 0.03 against 0.01 per item is 3×, above 2", async () => {
    const verdict = await budgeted({ max_cost_ratio: 2 }, { cost: 0.01 }, { cost: 0.03 });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.checks.find((check) => check.name === "cost_ratio")).toMatchObject({ passed: false, limit: 2 });
    expect(verdict.checks.find((check) => check.name === "cost_ratio")!.actual).toBeCloseTo(3, 12);
    expect(verdict.reasons[0]).toMatch(/is 3\.00× the baseline's/);
    expect((await budgeted({ max_cost_ratio: 3 }, { cost: 0.01 }, { cost: 0.03 })).verdict).toBe("pass");
  });

  it("max_latency_p95_ratio: 150 ms against 100 ms is 1.5×", async () => {
    const verdict = await budgeted({ max_latency_p95_ratio: 1.2 }, { latency_ms: 100 }, { latency_ms: 150 });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.checks.find((check) => check.name === "latency_p95_ratio")!.actual).toBeCloseTo(1.5, 12);
    expect((await budgeted({ max_latency_p95_ratio: 1.5 }, { latency_ms: 100 }, { latency_ms: 150 })).verdict).toBe("pass");
  });

  it("max_tokens_ratio: 250 against 100 tokens per item is 2.5×", async () => {
    const usage = (total: number) => ({ usage: { input_tokens: total - 50, output_tokens: 50, total_tokens: total } });
    const verdict = await budgeted({ max_tokens_ratio: 2 }, usage(100), usage(250));
    expect(verdict.verdict).toBe("fail");
    expect(verdict.checks.find((check) => check.name === "tokens_ratio")!.actual).toBeCloseTo(2.5, 12);
  });

  it("a budget no run measured is inconclusive, never a silent pass", async () => {
    const verdict = await budgeted({ max_cost_ratio: 2 }, {}, {});
    expect(verdict.verdict).toBe("inconclusive");
    expect(verdict.reasons[0]).toMatch(/neither run reports cost/);
  });

  it("a baseline that reported a cost of 0 and a candidate above it is an unbounded ratio that fails", async () => {
    const verdict = await budgeted({ max_cost_ratio: 100 }, { cost: 0 }, { cost: 0.01 });
    expect(verdict.verdict).toBe("fail");
    expect(verdict.checks.find((check) => check.name === "cost_ratio")!.actual).toBe(Number.POSITIVE_INFINITY);
  });

  it("a candidate that stops reporting cost or tokens fails its budget, never passes it as 0", async () => {
    const usage = { usage: { input_tokens: 50, output_tokens: 50 } };
    const verdict = await budgeted({ max_cost_ratio: 2.5, max_tokens_ratio: 2.5 }, { cost: 0.01, ...usage }, {});
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons).toEqual([
      "the candidate does not report cost on 4 items the baseline measured, so max_cost_ratio cannot be checked; make the candidate report cost again",
      "the candidate does not report tokens on 4 items the baseline measured, so max_tokens_ratio cannot be checked; make the candidate report tokens again",
    ]);
    expect(verdict.checks.find((check) => check.name === "cost_ratio")!.actual).toBeNull();
  });

  it("judges the ratio over the items both runs measured: 0.02 against 0.01 on 2 of 4 is 2×", async () => {
    const baseline = side("run-b", 4, () => pass({ cost: 0.01 }));
    const candidate = side("run-c", 4, (i) => pass(i < 2 ? { cost: 0.02 } : {}));
    const comparison = await compare(baseline, candidate);
    expect(comparison.measured.cost).toEqual({ pairs: 2, baseline: 0.02, candidate: 0.04, only_baseline: 2, only_candidate: 0 });
    const verdict = await judge({ passed_threshold: 0, max_cost_ratio: 1.5 }, candidate, comparison);
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons[0]).toBe("cost 0.0400 is 2.00× the baseline's 0.0200 (over the 2 items both runs measured), above max_cost_ratio 1.5");
  });

  it("a baseline that did not report what the candidate measured is not comparable", async () => {
    const verdict = await budgeted({ max_cost_ratio: 2 }, {}, { cost: 0.01 });
    expect(verdict.verdict).toBe("not_comparable");
    expect(verdict.reasons[0]).toMatch(/^the baseline does not report cost on 4 items the candidate measured/);
  });
});
