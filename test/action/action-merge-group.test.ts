import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { ACTION_FROM_SOURCE, BUILT_ACTION } from "../helpers/run-action.js";
import {
  OWNER,
  REPO,
  checkRuns,
  comments,
  createWorld,
  enqueue,
  pushBaseline,
  runOnMergeGroup,
  storedRunFiles,
  type World,
} from "./action-world.js";

// v1 is production (item-3, item-4 wrong); v2 a candidate with two regressions; v3 one with two fixes.
const wrongFor = { v1: ["item-3", "item-4"], v2: ["item-3", "item-4", "item-5", "item-6"], v3: [] };

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

describe("the built Action in a merge queue", () => {
  it("concludes one check on the group's head commit from its deployment against the base's baseline, comments nowhere, reports in the job summary and stores the run", async () => {
    world = await createWorld({ wrongFor });
    const base = world.mainSha();
    const baseline = await pushBaseline(world, "v1", base);
    const group = enqueue(world, base);
    // A newer baseline elsewhere on main must not be the one compared with.
    const newer = world.fake.addCommit({ owner: OWNER, repo: REPO, branch: "main", files: { "later.txt": "1" } });
    await pushBaseline(world, "v3", newer);
    world.fake.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: group.headSha,
      environment: "Preview",
      statuses: [{ state: "success", environmentUrl: `${world.target.url}/v2` }],
    });
    // The group's own deployment wins over candidate-url (a v3 that would pass).
    const result = await runOnMergeGroup(world, group, { "candidate-url": `${world.target.url}/v3` });

    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::evalgate: the gate failed for arithmetic");
    expect(result.outputs).toMatchObject({ verdict: "fail", regressions: "2", fixes: "0", "baseline-pass-rate": "0.9000", "comment-url": "" });
    const checks = checkRuns(world);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: "evalgate / arithmetic", headSha: group.headSha, status: "completed", conclusion: "failure" });
    expect(comments(world)).toHaveLength(0);
    expect(world.fake.requests.filter((request) => request.path.includes("/issues/"))).toEqual([]);
    expect(result.summary).toContain("item-5");
    expect(result.summary).toContain(baseline.outputs["run-id"]!);
    expect(result.summary).toContain(base.slice(0, 7));
    const stored = storedRunFiles(world).filter((file) => file.includes(`/${group.headSha}/candidate/`));
    expect(stored).toEqual([expect.stringContaining(`/${result.outputs["run-id"]}`)]);
  });

  it("without a deployment of the group's head uses candidate-url at once, and passes when the gate does", async () => {
    world = await createWorld({ wrongFor });
    const base = world.mainSha();
    await pushBaseline(world, "v1", base);
    const group = enqueue(world, base);
    // deployment-timeout stays at its 600 s default: the input is used without waiting for a deployment.
    const result = await runOnMergeGroup(world, group, { "candidate-url": `${world.target.url}/v3` });

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ verdict: "pass", fixes: "2" });
    expect(checkRuns(world)).toEqual([expect.objectContaining({ headSha: group.headSha, conclusion: "success" })]);
    expect(comments(world)).toHaveLength(0);
  });
});
