import { describe, expect, it } from "vitest";
import { baselineProblems } from "../../src/core/baseline-fitness.js";
import { checkConclusionOf } from "../../src/core/check-conclusion.js";
import { experimentDefinition, judgesAlike } from "../../src/core/config/experiment-version.js";
import { parseConfig } from "../../src/core/config/load.js";
import { GateConfigSchema } from "../../src/core/config/schema.js";
import type { RunSummary } from "../../src/core/model/run.js";
import { summarizeRun } from "../../src/core/summarize-run.js";
import { buildItem, buildRun } from "./build-run-items.js";

const CONFIG = (extra: string, scorers = "[equals]") => `version: 1
experiments:
  orders:
    dataset: evals/orders.jsonl
    target: { type: http, url: "http://127.0.0.1:9/agent" }
    scorers: ${scorers}
${extra}`;

const definition = (yaml: string) => experimentDefinition(parseConfig(yaml, "evalgate.yml").experiments.orders!);

async function summaryOf(passed: number, errored: number): Promise<RunSummary> {
  const items = [
    ...Array.from({ length: passed }, (_, i) => buildItem("run-b", `p${i}`, { scores: [["equals", 1, true]] })),
    ...Array.from({ length: errored }, (_, i) => buildItem("run-b", `e${i}`, { status: "error", error: "timeout" })),
  ];
  return summarizeRun(items);
}

describe("judgesAlike", () => {
  it("ignores the target, the gate and the settings, and sees scorers, pass rules and repeats", () => {
    const plain = definition(CONFIG(""));
    expect(judgesAlike(plain, definition(CONFIG("    concurrency: 3\n    gate: { passed_threshold: 0.5, significance: 0.05 }\n")))).toBe(true);
    expect(judgesAlike(plain, definition(CONFIG("").replace("127.0.0.1:9", "127.0.0.1:10")))).toBe(true);
    expect(judgesAlike(plain, definition(CONFIG("", "[equals, json_valid]")))).toBe(false);
    expect(judgesAlike(plain, definition(CONFIG("    repeat: 3\n")))).toBe(false);
    expect(judgesAlike(plain, definition(CONFIG("    pass_rule: majority\n")))).toBe(false);
    expect(judgesAlike(plain, undefined)).toBe(false);
  });
});

describe("baselineProblems", () => {
  const gate = GateConfigSchema.parse({ baseline_max_age: 10 });
  const base = { gate, maxErrorRate: 0.2, baselineDefinition: definition(CONFIG("")), candidateDefinition: definition(CONFIG("")) };

  it("finds none for a complete, young baseline judged alike", async () => {
    const baseline = buildRun({ id: "run-b", summary: await summaryOf(10, 0) });
    expect(baselineProblems({ ...base, baseline, candidate: buildRun({ id: "run-c" }), baselineItems: 10, baselineAgeCommits: 10 })).toEqual([]);
  });

  it("finds a baseline that stored no item, whatever its summary says", async () => {
    const baseline = buildRun({ id: "run-b", summary: await summaryOf(10, 0) });
    expect(baselineProblems({ ...base, baseline, candidate: buildRun({ id: "run-c" }), baselineItems: 0, baselineAgeCommits: 0 })).toEqual([
      "it holds no item",
    ]);
  });

  it("names each of the baseline's problems", async () => {
    const baseline = buildRun({ id: "run-b", status: "cancelled", experiment_version: "old", summary: await summaryOf(7, 3) });
    const problems = baselineProblems({
      ...base,
      baselineDefinition: definition(CONFIG("", "[json_valid]")),
      baseline,
      candidate: buildRun({ id: "run-c", experiment_version: "new" }),
      baselineItems: 10,
      baselineAgeCommits: 11,
    });
    expect(problems).toEqual([
      "it is not complete (cancelled); resume it or store a complete baseline",
      "3 of 10 of its items errored, above max_error_rate 20.0%; refresh the baseline",
      "it was judged by another experiment version (old, the candidate's is new) with other scorers, another pass rule or another repeat count; refresh the baseline with this configuration",
      "it is 11 commits older than the candidate's base, above baseline_max_age 10; refresh the baseline",
    ]);
  });
});

describe("checkConclusionOf", () => {
  const gate = GateConfigSchema.parse({});
  it("blocks merging for no verdict unless the gate opts into neutral", () => {
    expect(checkConclusionOf("pass", gate)).toBe("success");
    expect(checkConclusionOf("fail", gate)).toBe("failure");
    expect(checkConclusionOf("inconclusive", gate)).toBe("action_required");
    expect(checkConclusionOf("not_comparable", gate)).toBe("action_required");
    expect(checkConclusionOf("no-baseline", gate)).toBe("neutral");
    const neutral = GateConfigSchema.parse({ on_inconclusive: "neutral" });
    expect(checkConclusionOf("inconclusive", neutral)).toBe("neutral");
    expect(checkConclusionOf("not_comparable", neutral)).toBe("neutral");
    expect(checkConclusionOf("fail", neutral)).toBe("failure");
  });
});

describe("pass_rule and the statistics keys in evalgate.yml", () => {
  const parse = (extra: string) => parseConfig(CONFIG(extra), "evalgate.yml").experiments.orders!;
  it("reads every pass rule, repeat and cluster", () => {
    expect(parse("    pass_rule: majority\n").pass_rule).toBe("majority");
    expect(parse("    pass_rule: any\n").pass_rule).toBe("any");
    expect(parse("    pass_rule: rate >= 0.8\n").pass_rule).toEqual({ rate: 0.8 });
    expect(parse("    pass_rule: rate ≥ .75\n").pass_rule).toEqual({ rate: 0.75 });
    expect(parse("    repeat: 5\n    cluster: metadata.document_id\n")).toMatchObject({ repeat: 5, cluster: "metadata.document_id" });
  });
  it("refuses what it cannot mean, naming the field", () => {
    expect(() => parse("    pass_rule: rate >= 0\n")).toThrow(/pass_rule: the rate in rate >= 0 is a fraction above 0/);
    expect(() => parse("    pass_rule: most\n")).toThrow(/pass_rule: write all/);
    expect(() => parse("    cluster: document_id\n")).toThrow(/cluster: write metadata.<key>/);
    expect(() => parse("    repeat: 0\n")).toThrow(/repeat/);
    expect(() => parse("    gate: { significance: 5 }\n")).toThrow(/significance/);
    expect(() => parse("    gate: { on_inconclusive: success }\n")).toThrow(/on_inconclusive/);
  });
  it("keeps the version of an experiment that writes none of the new keys", () => {
    const before = definition(CONFIG(""));
    expect(before).not.toHaveProperty("repeat");
    expect(before).not.toHaveProperty("cluster");
    expect(before).not.toHaveProperty("pass_rule");
    expect((before as { gate: object }).gate).toEqual({ passed_threshold: 1 });
  });
});
