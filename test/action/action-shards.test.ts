import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { ACTION_FROM_SOURCE, BUILT_ACTION } from "../helpers/run-action.js";
import { checkRuns, comments, createWorld, openPr, pushBaseline, runOnPr, storedRunFiles, type OpenedPr, type World } from "./action-world.js";

// v1 is production (item-3, item-4 wrong); v2 a candidate with two regressions (item-5, item-6).
const wrongFor = { v1: ["item-3", "item-4"], v2: ["item-3", "item-4", "item-5", "item-6"] };

let world: World | undefined;
afterEach(async () => {
  if (world) {
    // Every request the Action sent must be one GitHub's OpenAPI description allows.
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
});

beforeAll(() => {
  if (!ACTION_FROM_SOURCE && !existsSync(BUILT_ACTION)) throw new Error("dist/index.js is missing: run `npm run build`");
});

interface ShardedWorkflow {
  matrix: string[];
  shardWith: Record<string, string>;
  mergeWith: Record<string, string>;
}

/** The README's sharded workflow: its matrix and what its two jobs pass the Action. */
async function readmeShardedWorkflow(): Promise<ShardedWorkflow> {
  const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
  const block = /```yaml\n(name: evalgate-sharded\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no workflow named evalgate-sharded");
  type Job = { strategy?: { matrix: { shard: string[] } }; steps: { uses?: string; with?: Record<string, string> }[] };
  const { jobs } = parseYaml(block) as { jobs: Record<"shard" | "merge", Job> };
  const withOf = (job: Job) => job.steps.find((step) => step.uses?.startsWith("evalgate/evalgate@"))!.with ?? {};
  return { matrix: jobs.shard.strategy!.matrix.shard, shardWith: withOf(jobs.shard), mergeWith: withOf(jobs.merge) };
}

async function runShards(world: World, pr: OpenedPr, shards: number[], of: number) {
  const results = [];
  for (const index of shards) results.push(await runOnPr(world, pr, "v2", { inputs: { shard: `${index}/${of}` } }));
  return results;
}

describe("the built Action sharded over a matrix", () => {
  it("four shard jobs store their runs quietly; the merge job comments once and concludes the check as one unsharded run would", { timeout: 120_000 }, async () => {
    world = await createWorld({ wrongFor });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const pr = openPr(world);

    const workflow = await readmeShardedWorkflow();
    expect(workflow.matrix).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    expect(workflow.shardWith.shard).toBe("${{ matrix.shard }}");
    expect(workflow.mergeWith.mode).toBe("merge");
    const shards = await runShards(world, pr, [1, 2, 3, 4], 4);
    for (const [i, shard] of shards.entries()) {
      expect(shard.stderr).toBe("");
      expect(shard.code).toBe(0);
      expect(shard.summary).toContain(`shard ${i + 1}/4`);
    }
    expect(comments(world)).toHaveLength(0);
    expect(checkRuns(world)).toHaveLength(0);
    expect(storedRunFiles(world).filter((file) => file.includes(`/${pr.headSha}/candidate/`))).toHaveLength(4);

    // The merge job calls no target: it needs no candidate URL.
    const merge = await runOnPr(world, pr, "v2", { inputs: { ...workflow.mergeWith, "candidate-url": "" } });
    expect(merge.code).toBe(1);
    expect(merge.stdout).toContain("::error::evalgate: the gate failed for arithmetic");
    expect(merge.outputs).toMatchObject({ verdict: "fail", regressions: "2", fixes: "0", "pass-rate": "0.8000", "baseline-pass-rate": "0.9000" });
    const [comment, ...more] = comments(world);
    expect(more).toHaveLength(0);
    expect(comment!.body).toContain("item-5");
    expect(comment!.body).toContain("item-6");
    const [check, ...otherChecks] = checkRuns(world);
    expect(otherChecks).toHaveLength(0);
    expect(check).toMatchObject({ name: "evalgate / arithmetic", headSha: pr.headSha, status: "completed", conclusion: "failure" });
    const candidates = storedRunFiles(world).filter((file) => file.includes(`/${pr.headSha}/candidate/`));
    expect(candidates).toHaveLength(5);
    expect(candidates.some((file) => file.includes(merge.outputs["run-id"]!))).toBe(true);
  });

  it("a merge job missing a shard fails its check and its step, naming the shard, and comments nothing", { timeout: 120_000 }, async () => {
    world = await createWorld({ wrongFor });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const pr = openPr(world);
    await runShards(world, pr, [1, 3], 3);

    const merge = await runOnPr(world, pr, "v2", { inputs: { mode: "merge", "candidate-url": "" } });
    expect(merge.code).toBe(1);
    expect(merge.stdout).toContain("shard 2/3 missing");
    expect(comments(world)).toHaveLength(0);
    expect(checkRuns(world)).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
  });

  it("refuses shard and mode: merge together before any work", async () => {
    world = await createWorld({ wrongFor });
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v2", { inputs: { shard: "1/2", mode: "merge" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("a job runs one shard or merges them all");
    const bad = await runOnPr(world, pr, "v2", { inputs: { shard: "3/2" } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("write I/N with 1 ≤ I ≤ N ≤ 256");
    expect(storedRunFiles(world)).toHaveLength(0);
  });
});
