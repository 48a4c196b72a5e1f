import { afterEach, describe, expect, it } from "vitest";
import { repeatCounts } from "../../src/core/repeats/repeat-counts.js";
import { makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { doublingDataset, repeatConfig, startDoublingTarget, storedRuns } from "./repeat-workspace.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/**
 * Over 5 calls: item-0 is right on calls 0, 2, 4 (3 of 5), item-1 always, item-2 never, item-3
 * on all but call 1 (4 of 5). Which attempt gets which call does not change the counts.
 */
const wrong = (itemId: string, call: number): boolean =>
  itemId === "item-0" ? call % 2 === 1 : itemId === "item-2" ? true : itemId === "item-3" ? call === 1 : false;

describe("evalgate run with repeat: K", () => {
  it("runs each item 5 times and decides it by each pass rule, listing flaky items apart", { timeout: 60_000 }, async () => {
    target = await startDoublingTarget({ wrong });
    const rules = { all: "all", majority: "majority", any: "any", rate: "rate >= 0.8" };
    const config = repeatConfig(
      Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, ["repeat: 5", `pass_rule: ${rule}`]])),
    );
    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": doublingDataset(4) });
    const codes: Record<string, number | null> = {};
    for (const name of Object.keys(rules)) {
      codes[name] = (await runEvalgate(["run", name, "--target-url", target.url], { cwd })).code;
    }
    // 4 items × 5 calls per run.
    expect(target.requests).toBe(4 * 4 * 5);

    const byExperiment = Object.fromEntries((await storedRuns(cwd)).map((stored) => [stored.run.experiment, stored]));
    const statuses = (name: string) => byExperiment[name]!.items.map((item) => item.status);
    // item-0 3 of 5, item-1 5 of 5, item-2 0 of 5, item-3 4 of 5.
    expect(statuses("all")).toEqual(["failed", "passed", "failed", "failed"]);
    expect(statuses("majority")).toEqual(["passed", "passed", "failed", "passed"]);
    expect(statuses("any")).toEqual(["passed", "passed", "failed", "passed"]);
    expect(statuses("rate")).toEqual(["failed", "passed", "failed", "passed"]);
    // passed_threshold 0.5: 1/4 fails the gate; 3/4, 3/4 and 2/4 pass it.
    expect(codes).toEqual({ all: 1, majority: 0, any: 0, rate: 0 });

    const { run, items } = byExperiment["majority"]!;
    expect(run.repeat).toBe(5);
    expect(items.map(repeatCounts)).toEqual([
      { passed: 3, failed: 2, errored: 0, count: 5 },
      { passed: 5, failed: 0, errored: 0, count: 5 },
      { passed: 0, failed: 5, errored: 0, count: 5 },
      { passed: 4, failed: 1, errored: 0, count: 5 },
    ]);
    expect(items[0]!.scores[0]!.evidence.reason).toBe("passed 3 of 5 repeats (mean score 0.60)");
    expect(items[0]!.attempts).toBe(5);
    expect(new Set(items[0]!.repeats!.map((attempt) => attempt.scores[0]!.id)).size).toBe(5);

    const summary = run.summary!;
    expect(summary).toMatchObject({ total: 4, passed: 3, failed: 1, errored: 0, pass_rate: 0.75, flaky: 2, retries: 0 });
    // Wilson, 3 of 4 at 95 %: [0.300642, 0.954413].
    expect(summary.pass_rate_ci95![0]).toBeCloseTo(0.300642, 5);
    expect(summary.pass_rate_ci95![1]).toBeCloseTo(0.954413, 5);
    // Item scores 0.6, 1, 0, 0.8: mean 0.6, squared deviations 0 + 0.16 + 0.36 + 0.04 = 0.56,
    // variance 0.56 / 3, se = √(0.56 / 3 / 4) = 0.216025.
    const [equals] = summary.scorers;
    expect(equals).toMatchObject({ scorer: "equals", count: 4, passed: 3, errors: 0 });
    expect(equals!.mean).toBeCloseTo(0.6, 12);
    expect(equals!.se).toBeCloseTo(0.216025, 6);
    // Usage is summed over the 20 calls.
    expect(summary.tokens).toEqual({ input: 60, output: 40, total: 100 });
    expect(byExperiment["all"]!.run.summary?.flaky).toBe(2);
  });

  it("--repeat overrides the experiment's repeat, and makes another experiment version", { timeout: 60_000 }, async () => {
    target = await startDoublingTarget({});
    const cwd = await makeWorkspace({ "evalgate.yml": repeatConfig({ doubling: ["repeat: 5"] }), "items.jsonl": doublingDataset(3) });
    expect((await runEvalgate(["run", "doubling", "--target-url", target.url, "--repeat", "2"], { cwd })).code).toBe(0);
    expect(target.requests).toBe(3 * 2);
    expect((await runEvalgate(["run", "doubling", "--target-url", target.url, "--repeat", "1"], { cwd })).code).toBe(0);
    expect(target.requests).toBe(3 * 2 + 3);
    expect((await runEvalgate(["run", "doubling", "--target-url", target.url], { cwd })).code).toBe(0);
    expect(target.requests).toBe(3 * 2 + 3 + 3 * 5);

    const [five, one, two] = await storedRuns(cwd);
    expect([two!.run.repeat, one!.run.repeat, five!.run.repeat]).toEqual([2, undefined, 5]);
    expect(two!.items.every((item) => item.repeats?.length === 2)).toBe(true);
    expect(one!.items.every((item) => item.repeats === undefined)).toBe(true);
    expect(one!.run.summary).not.toHaveProperty("flaky");
    expect(new Set([two!.run.experiment_version, one!.run.experiment_version, five!.run.experiment_version]).size).toBe(3);
  });

  it("refuses a --repeat that is not a whole number from 1 to 100, and one that differs from a resumed run's", { timeout: 60_000 }, async () => {
    target = await startDoublingTarget({});
    const cwd = await makeWorkspace({ "evalgate.yml": repeatConfig({ doubling: [] }), "items.jsonl": doublingDataset(2) });
    for (const [value, message] of [
      ["0", `--repeat: "0" is not a whole number ≥ 1`],
      ["2.5", `--repeat: "2.5" is not a whole number ≥ 1`],
      ["101", `--repeat: "101" is more than 100; write a whole number from 1 to 100`],
    ] as const) {
      const result = await runEvalgate(["run", "doubling", "--target-url", target.url, "--repeat", value], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(target.requests).toBe(0);

    expect((await runEvalgate(["run", "doubling", "--target-url", target.url, "--repeat", "3"], { cwd })).code).toBe(0);
    const [stored] = await storedRuns(cwd);
    const run = stored!.run;
    const refused = await runEvalgate(["run", "doubling", "--target-url", target.url, "--repeat", "2", "--resume", run.id], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--resume ${run.id}: that run calls each item 3 times, not 2; resume it with --repeat 3`);
    const withoutRepeat = await runEvalgate(["run", "doubling", "--target-url", target.url, "--resume", run.id], { cwd });
    expect(withoutRepeat.code).toBe(2);
    expect(withoutRepeat.stderr).toContain("not 1; resume it with --repeat 3");
    // The same K resumes: nothing is missing, so nothing is called.
    const before = target.requests;
    expect((await runEvalgate(["run", "doubling", "--target-url", target.url, "--repeat", "3", "--resume", run.id], { cwd })).code).toBe(0);
    expect(target.requests).toBe(before);
  });
});
