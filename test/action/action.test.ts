import { gunzipSync } from "node:zlib";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { ACTION_FROM_SOURCE, BUILT_ACTION, runBuiltAction } from "../helpers/run-action.js";
import {
  OWNER,
  REPO,
  arithmeticConfig,
  arithmeticDataset,
  checkRuns,
  comments,
  createWorld,
  examplePayload,
  inputsFor,
  makeWorkspace,
  openPr,
  pushBaseline,
  runOnPr,
  storedRunFiles,
  type World,
} from "./action-world.js";
import { existsSync } from "node:fs";

// v1 is production (item-3, item-4 wrong); v2 a candidate with two regressions; v3 one with two fixes.
const wrongFor = {
  v1: ["item-3", "item-4"],
  v2: ["item-3", "item-4", "item-5", "item-6"],
  v3: [],
  v4: ["item-0", "item-1", "item-2", "item-3", "item-4", "item-5", "item-6", "item-7", "item-8", "item-9"],
};

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

describe("the built Action on a push to main", () => {
  it("runs against production and stores the run as the baseline of that commit", async () => {
    world = await createWorld({ wrongFor });
    const result = await pushBaseline(world, "v1");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe("pass");
    expect(result.outputs["pass-rate"]).toBe("0.9000");
    expect(result.outputs["run-id"]).toMatch(/^run-/);
    const files = storedRunFiles(world);
    expect(files).toHaveLength(1);
    expect(files[0]).toContain(`/${world.mainSha()}/baseline/${result.outputs["run-id"]}`);
    const stored = world.fake.readFile(OWNER, REPO, "evalgate-results", files[0]!)!;
    expect(gunzipSync(stored).toString("utf8")).toContain('"item-3"');
    expect(result.summary).toContain("90.0%");
  });

  it("two baseline writers at once both land on the results branch", async () => {
    world = await createWorld({ wrongFor });
    const first = world.mainSha();
    const second = world.fake.addCommit({ owner: OWNER, repo: REPO, branch: "main", files: { "x.txt": "2" } });
    const [a, b] = await Promise.all([pushBaseline(world, "v1", first), pushBaseline(world, "v1", second)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const files = storedRunFiles(world);
    expect(files).toHaveLength(2);
    expect(files.some((file) => file.includes(first))).toBe(true);
    expect(files.some((file) => file.includes(second))).toBe(true);
  });
});

describe("the built Action on a pull request", () => {
  it("with regressions: a failing check, one comment listing them, outputs, and a failed step", async () => {
    world = await createWorld({ wrongFor });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v2");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::evalgate: the gate failed for arithmetic");
    expect(result.outputs).toMatchObject({ verdict: "fail", regressions: "2", fixes: "0", "pass-rate": "0.8000", "baseline-pass-rate": "0.9000" });
    const [comment, ...more] = comments(world);
    expect(more).toHaveLength(0);
    expect(comment!.body).toContain("item-5");
    expect(comment!.body).toContain("item-6");
    expect(comment!.body).toMatch(/fail/i);
    expect(result.outputs["comment-url"]).toContain(String(comment!.id));
    const [check] = checkRuns(world);
    expect(check).toMatchObject({ name: "evalgate / arithmetic", headSha: pr.headSha, status: "completed", conclusion: "failure" });
    expect(check!.output.summary).toContain("item-5");
    expect(storedRunFiles(world).some((file) => file.includes(`/${pr.headSha}/candidate/`))).toBe(true);
  });

  it("with only fixes: a successful check", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v3");
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ verdict: "pass", regressions: "0", fixes: "2" });
    expect(checkRuns(world)[0]).toMatchObject({ conclusion: "success" });
    expect(comments(world)[0]!.body).toContain("item-3");
  });

  it("a second push to the same pull request edits the comment instead of adding one", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    await runOnPr(world, pr, "v2");
    const firstBody = comments(world)[0]!.body;
    const newHead = world.fake.addCommit({ owner: OWNER, repo: REPO, branch: pr.headRef, files: { "agent.txt": "fixed" } });
    const second = await runOnPr(world, { ...pr, headSha: newHead }, "v3");
    expect(second.code).toBe(0);
    const all = comments(world);
    expect(all).toHaveLength(1);
    expect(all[0]!.body).not.toBe(firstBody);
    expect(all[0]!.body).toContain(newHead.slice(0, 7));
    expect(checkRuns(world).find((check) => check.headSha === newHead)).toMatchObject({ conclusion: "success" });
  });

  it("a run for an older head never overwrites the comment of the newer one", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.addCommit({ owner: OWNER, repo: REPO, branch: pr.headRef, files: { "agent.txt": "newer" } });
    const stale = await runOnPr(world, pr, "v2");
    expect(stale.stdout).toMatch(/head moved/i);
    expect(comments(world)).toHaveLength(0);
  });

  it("without any baseline: verdict no-baseline, a neutral check, and how to create one", async () => {
    world = await createWorld({ wrongFor });
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v3");
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe("no-baseline");
    expect(result.outputs["baseline-pass-rate"]).toBe("");
    expect(checkRuns(world)[0]).toMatchObject({ conclusion: "neutral" });
    expect(comments(world)[0]!.body).toMatch(/no baseline/i);
    expect(comments(world)[0]!.body).toMatch(/push/i);
  });

  it("without a baseline the absolute gate still fails the check", async () => {
    world = await createWorld({ wrongFor });
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v4", { inputs: { "fail-on-gate": "false" } });
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe("fail");
    expect(checkRuns(world)[0]).toMatchObject({ conclusion: "failure" });
    expect(comments(world)[0]!.body).toMatch(/50\.0%/);
  });

  it("uses the baseline of the merge base, not a newer one, and says which", async () => {
    world = await createWorld({ wrongFor });
    const mergeBase = world.mainSha();
    const old = await pushBaseline(world, "v1", mergeBase);
    const pr = openPr(world);
    const newer = world.fake.addCommit({ owner: OWNER, repo: REPO, branch: "main", files: { "later.txt": "1" } });
    await pushBaseline(world, "v3", newer);
    const result = await runOnPr(world, pr, "v2");
    expect(result.outputs["baseline-pass-rate"]).toBe("0.9000");
    expect(result.outputs.regressions).toBe("2");
    const body = comments(world)[0]!.body;
    expect(body).toContain(old.outputs["run-id"]!);
    expect(body).toContain(mergeBase.slice(0, 7));
    expect(body).toMatch(/merge base/);
  });

  it("when the pull request changes the dataset, compares over the items both share and says so", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    const changed = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ threshold: 0.8, maxRegressions: 0 }),
      "items.jsonl": arithmeticDataset(24).split("\n").slice(2).join("\n"),
    });
    const result = await runOnPr(world, pr, "v3", { workspace: changed });
    expect(result.code).toBe(0);
    const body = comments(world)[0]!.body;
    expect(body).toMatch(/18 items both/);
    expect(result.outputs.fixes).toBe("2");
  });

  it("a fork's pull request writes nothing to GitHub, reports in the job summary, and says why", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const writesBefore = world.fake.requests.filter((request) => request.method !== "GET").length;
    const pr = openPr(world, { fork: true });
    const result = await runOnPr(world, pr, "v2", { inputs: { "fail-on-gate": "false" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/::notice::.*fork/);
    expect(result.outputs.verdict).toBe("fail");
    expect(result.summary).toContain("item-5");
    expect(comments(world)).toHaveLength(0);
    expect(checkRuns(world)).toHaveLength(0);
    expect(world.fake.requests.filter((request) => request.method !== "GET").length).toBe(writesBefore);
    expect(existsSync(result.outputs["report-path"]!)).toBe(true);
  });

  it("takes the candidate URL from a deployment_status event", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    const payload = await examplePayload("deployment_status");
    payload.deployment.sha = pr.headSha;
    payload.deployment.environment = "Preview";
    payload.deployment_status.environment = "Preview";
    payload.deployment_status.state = "success";
    payload.deployment_status.environment_url = `${world.target.url}/v3`;
    payload.repository.default_branch = "main";
    const result = await runBuiltAction({
      apiUrl: world.fake.url,
      workspace: world.workspace,
      eventName: "deployment_status",
      payload,
      repository: `${OWNER}/${REPO}`,
      sha: pr.headSha,
      ref: "refs/heads/feature",
      inputs: await inputsFor({}),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ verdict: "pass", fixes: "2" });
    expect(comments(world)).toHaveLength(1);
  });

  it("finds the candidate URL through the Deployments API", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.addDeployment({
      owner: OWNER,
      repo: REPO,
      sha: pr.headSha,
      environment: "Preview",
      statuses: [{ state: "success", environmentUrl: `${world.target.url}/v3` }],
    });
    const result = await runOnPr(world, pr, "v3", { inputs: { "candidate-url": "" } });
    expect(result.code).toBe(0);
    expect(result.outputs.fixes).toBe("2");
  });

  it("fails clearly when no candidate URL can be found", async () => {
    world = await createWorld({ wrongFor });
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v3", { inputs: { "candidate-url": "", "deployment-timeout": "0" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::evalgate: no candidate URL/);
  });

  it("keeps exactly one comment and one check when GitHub answers 502 or a secondary rate limit to a fifth of calls", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.failRate(0.1, { status: 502 }, 7);
    world.fake.failRate(0.1, { status: 403, secondaryRateLimit: true, retryAfter: 1 }, 11);
    const result = await runOnPr(world, pr, "v2", { inputs: { "fail-on-gate": "false" } });
    world.fake.clearFaults();
    expect(result.stdout).not.toContain("::error::");
    expect(result.code).toBe(0);
    expect(world.fake.requests.some((request) => request.injected)).toBe(true);
    expect(comments(world)).toHaveLength(1);
    expect(checkRuns(world)).toHaveLength(1);
    expect(checkRuns(world)[0]).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  it("fails the step with a clear message on a bad config, naming file, line and field", async () => {
    world = await createWorld({ wrongFor });
    const pr = openPr(world);
    await writeFile(path.join(world.workspace, "evalgate.yml"), arithmeticConfig().replace("concurrency: 8", "concurrency: lots"));
    const result = await runOnPr(world, pr, "v3");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::evalgate: .*evalgate\.yml:\d+: experiments\.arithmetic\.concurrency/);
  });
});
