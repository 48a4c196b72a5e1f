import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

/**
 * 41 items. The baseline (v1) gets items 10 and 11 wrong; the candidate (v2) gets items 0–9
 * wrong: b = 10 regressions, c = 2 fixes, McNemar's exact p = 79/2048 ≈ 0.0386.
 */
let target: TargetServer;
let cwd: string;
let baselineId: string;

const gated = (gate: string, extraScorer = "") =>
  arithmeticConfig({ threshold: 0 })
    .replace("gate: { passed_threshold: 0 }", `gate: { passed_threshold: 0, ${gate} }`)
    .replace("    gate:", `${extraScorer}    gate:`);

async function runWith(config: string, version: string): Promise<string> {
  await writeFile(path.join(cwd, "evalgate.yml"), config);
  const ran = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/${version}`, "--format", "json"], { cwd });
  expect([0, 1]).toContain(ran.code);
  return (JSON.parse(ran.stdout) as { id: string }[])[0]!.id;
}

beforeAll(async () => {
  const wrong = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `item-${from + i}`);
  target = await startArithmeticTarget({ wrongFor: { v1: wrong(10, 12), v2: wrong(0, 10) } });
  cwd = await makeWorkspace({ "evalgate.yml": gated("significance: 0.05"), "items.jsonl": arithmeticDataset(41) });
  baselineId = await runWith(gated("significance: 0.05"), "v1");
});
afterAll(async () => target.close());

describe("evalgate runs compare with statistics", () => {
  it("fails on a significant regression and carries n, delta, ci95, p_value and mde", async () => {
    const candidateId = await runWith(gated("significance: 0.05"), "v2");
    const result = await runEvalgate(["runs", "compare", baselineId, candidateId, "--format", "json"], { cwd });
    expect(result.code).toBe(1);
    const { comparison, verdict } = JSON.parse(result.stdout);
    expect(comparison.statistics.overall).toMatchObject({ n: 41, discordant: { worse: 10, better: 2 }, test: "mcnemar_exact", verdict: "regression" });
    expect(comparison.statistics.overall.p_value).toBeCloseTo(79 / 2048, 12);
    expect(comparison.statistics.overall.delta).toBeCloseTo(-8 / 41, 12);
    expect(comparison.statistics.overall.mde).toBeGreaterThan(0);
    expect(comparison.statistics.overall.ci95).toHaveLength(2);
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons.join(" ")).toMatch(/significantly lower/);
    // At α = 0.01 the same data is noise: the gate passes.
    const lenientId = await runWith(gated("significance: 0.01"), "v2");
    const lenient = await runEvalgate(["runs", "compare", baselineId, lenientId, "--format", "json"], { cwd });
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout).comparison.statistics.overall.verdict).toBe("noise");
  });

  it("exits 4 with inconclusive when fewer items are shared than min_items", async () => {
    const candidateId = await runWith(gated("min_items: 50"), "v2");
    const result = await runEvalgate(["runs", "compare", baselineId, candidateId, "--format", "json"], { cwd });
    expect(result.code).toBe(4);
    const { verdict } = JSON.parse(result.stdout);
    expect(verdict.verdict).toBe("inconclusive");
    expect(verdict.reasons[0]).toMatch(/only 41 items are shared with the baseline, fewer than min_items 50/);
  });

  it("exits 4 with not_comparable when the candidate's scorers judge items otherwise", async () => {
    const extra = "      - json_valid\n";
    const candidateId = await runWith(gated("significance: 0.05", extra), "v2");
    const result = await runEvalgate(["runs", "compare", baselineId, candidateId, "--format", "json"], { cwd });
    expect(result.code).toBe(4);
    const { verdict } = JSON.parse(result.stdout);
    expect(verdict.verdict).toBe("not_comparable");
    expect(verdict.reasons[0]).toMatch(/cannot serve: it was judged by another experiment version/);
  });
});

describe("evalgate runs compare of 3 runs side by side", () => {
  it("prints one table with a column per run, the differing items, and each verdict; JSON has the same", async () => {
    const first = await runWith(gated("significance: 0.05"), "v2");
    const second = await runWith(gated("significance: 0.05"), "v1");
    const json = await runEvalgate(["runs", "compare", baselineId, first, second, "--format", "json"], { cwd });
    // v2 regresses significantly (exit 1), v1 is the baseline again (pass): the worst wins.
    expect(json.code).toBe(1);
    const { comparison, verdicts } = JSON.parse(json.stdout);
    expect(comparison.runs.map((run: { run_id: string }) => run.run_id)).toEqual([baselineId, first, second]);
    // Pass rates by hand: v1 gets 2 of 41 wrong, v2 10 of 41.
    expect(comparison.runs.map((run: { summary: { pass_rate: number } }) => run.summary.pass_rate)).toEqual([39 / 41, 31 / 41, 39 / 41]);
    // Items 0–11 differ: 0–9 fail only in v2, 10–11 fail only in v1.
    expect(comparison.differing_items.count).toBe(12);
    const item0 = comparison.differing_items.items.find((item: { item_id: string }) => item.item_id === "item-0");
    expect(item0.statuses).toEqual(["passed", "failed", "passed"]);
    expect(verdicts.map((entry: { verdict: { verdict: string } }) => entry.verdict.verdict)).toEqual(["fail", "pass"]);

    const table = await runEvalgate(["runs", "compare", baselineId, first, second], { cwd });
    expect(table.code).toBe(1);
    for (const line of table.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
    expect(table.stdout).toContain("item-10");
    expect(table.stdout).toMatch(/95\.1%/);
    expect(table.stdout).toMatch(/75\.6%/);
  });

  it("refuses more than four runs", async () => {
    const result = await runEvalgate(["runs", "compare", baselineId, baselineId, baselineId, baselineId, baselineId], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/at most 3 more runs/);
  });
});

describe("baseline_max_age on the command line", () => {
  it("counts the commits between the runs with git, and refuses to guess without them", async () => {
    const { execFileSync } = await import("node:child_process");
    const project = await makeWorkspace({ "evalgate.yml": gated("baseline_max_age: 2"), "items.jsonl": arithmeticDataset(5) });
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: project, encoding: "utf8" });
    const run = async () => {
      const ran = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--format", "json"], { cwd: project });
      return (JSON.parse(ran.stdout) as { id: string }[])[0]!.id;
    };
    const verdictOf = async (baseline: string, candidate: string) => {
      const compared = await runEvalgate(["runs", "compare", baseline, candidate, "--format", "json"], { cwd: project });
      return { code: compared.code, ...(JSON.parse(compared.stdout).verdict as { verdict: string; reasons: string[] }) };
    };
    const unversioned = await run();
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "start");
    const baseline = await run();
    for (const n of [1, 2]) git("commit", "-q", "--allow-empty", "-m", `later ${n}`);
    const twoLater = await run();
    git("commit", "-q", "--allow-empty", "-m", "later 3");
    const threeLater = await run();
    expect(await verdictOf(baseline, twoLater)).toMatchObject({ code: 0, verdict: "pass" });
    const old = await verdictOf(baseline, threeLater);
    expect(old).toMatchObject({ code: 4, verdict: "not_comparable" });
    expect(old.reasons[0]).toMatch(/it is 3 commits older than the candidate's base, above baseline_max_age 2/);
    const unknown = await verdictOf(unversioned, threeLater);
    expect(unknown).toMatchObject({ code: 4, verdict: "not_comparable" });
    expect(unknown.reasons[0]).toMatch(/it records no git commit, so its age in commits cannot be told/);
    // A candidate without a commit is the candidate's problem: a fail, never "not comparable".
    const noCommit = await verdictOf(baseline, unversioned);
    expect(noCommit).toMatchObject({ code: 1, verdict: "fail" });
    expect(noCommit.reasons).toEqual([
      `the candidate run ${unversioned} records no git commit, so the baseline's age cannot be checked against baseline_max_age; run it inside the repository`,
    ]);
  });
});
