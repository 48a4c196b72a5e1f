import { afterEach, describe, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { OWNER, REPO, arithmeticConfig, checkRuns, comments, createWorld, openPr, pushBaseline, runOnPr, type World } from "./action-world.js";

let world: World | undefined;
afterEach(async () => {
  if (world) {
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
});

const withGate = (gate: string) =>
  arithmeticConfig({ threshold: 0.5 }).replace("gate: { passed_threshold: 0.5 }", `gate: { passed_threshold: 0.5, ${gate} }`);

describe("the built Action with no verdict possible", () => {
  it("concludes an inconclusive comparison action_required, never neutral or success, and fails the step", async () => {
    world = await createWorld({ config: withGate("min_items: 50"), items: 20 });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const result = await runOnPr(world, openPr(world), "v1");
    expect(result.code).toBe(1);
    expect(result.outputs.verdict).toBe("inconclusive");
    const [check, ...others] = checkRuns(world);
    expect(others).toHaveLength(0);
    expect(check).toMatchObject({ status: "completed", conclusion: "action_required" });
    expect(`${check!.output.title} ${check!.output.summary}`).toMatch(/min_items 50/);
    const [comment] = comments(world);
    expect(comment!.body).toMatch(/inconclusive/i);
  });

  it("concludes neutral when the gate opts in with on_inconclusive: neutral, and the step passes", async () => {
    world = await createWorld({ config: withGate("min_items: 50, on_inconclusive: neutral"), items: 20 });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const result = await runOnPr(world, openPr(world), "v1");
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe("inconclusive");
    expect(checkRuns(world)).toMatchObject([{ status: "completed", conclusion: "neutral" }]);
  });

  it("concludes a baseline judged by other scorers not_comparable", async () => {
    world = await createWorld({ config: withGate("significance: 0.05"), items: 20 });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const changed = withGate("significance: 0.05").replace("    gate:", "      - json_valid\n    gate:");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${world.workspace}/evalgate.yml`, changed);
    const result = await runOnPr(world, openPr(world), "v1");
    expect(result.code).toBe(1);
    expect(result.outputs.verdict).toBe("not_comparable");
    const [check] = checkRuns(world);
    expect(check).toMatchObject({ status: "completed", conclusion: "action_required" });
    expect(`${check!.output.title} ${check!.output.summary}`).toMatch(/judged by another experiment version/);
  });

  it.each([
    [2, "not_comparable", "action_required"],
    [3, "pass", "success"],
  ])("with baseline_max_age %i, a baseline 3 commits behind the merge base is %s", async (maxAge, verdict, conclusion) => {
    world = await createWorld({ config: withGate(`baseline_max_age: ${maxAge}`), items: 20 });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    // Three commits land on main after the baseline; the pull request branches from the newest.
    for (const n of [1, 2, 3]) world.fake.addCommit({ owner: OWNER, repo: REPO, branch: "main", files: { [`later-${n}.txt`]: "x" } });
    const result = await runOnPr(world, openPr(world), "v1");
    expect(result.outputs.verdict).toBe(verdict);
    const [check] = checkRuns(world);
    expect(check).toMatchObject({ status: "completed", conclusion });
    // Markdown escapes the underscores of the key.
    if (verdict === "not_comparable") expect(check!.output.summary).toMatch(/3 commits older than the candidate's base, above baseline\\_max\\_age 2/);
  });
});
