import { afterEach, describe, expect, it } from "vitest";
import { commentMarker } from "../../src/core/report/comment-marker.js";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import {
  OWNER,
  REPO,
  arithmeticConfig,
  arithmeticDataset,
  checkRuns,
  comments,
  createWorld,
  openPr,
  pushBaseline,
  runOnPr,
  storedRunFiles,
  type World,
} from "./action-world.js";

// v1 is production (item-3, item-4 wrong); v2 adds two regressions; v3 fixes both.
const wrongFor = { v1: ["item-3", "item-4"], v2: ["item-3", "item-4", "item-5", "item-6"], v3: [] };
const TOKEN = "test-token";

/** Two experiments on the same items: `strict` fails on any regression, `lenient` only below 50 %. */
function twoExperiments(): string {
  const strict = arithmeticConfig({ threshold: 0.8, maxRegressions: 0 }).replace("  arithmetic:", "  strict:");
  const lenient = arithmeticConfig({ threshold: 0.5 }).split("experiments:\n")[1]!.replace("  arithmetic:", "  lenient:");
  return `${strict}${lenient}`;
}

function checksNamed(world: World, name: string) {
  return checkRuns(world).filter((check) => check.name === `evalgate / ${name}`);
}

let world: World | undefined;
afterEach(async () => {
  if (world) {
    // Every request the Action sent, retries included, must be one GitHub's OpenAPI description allows.
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
});

describe("the built Action against a GitHub that fails a fifth of its answers", () => {
  it("a pull request run and its re-run: each check ends with its own verdict, one comment per experiment, every run stored", async () => {
    world = await createWorld({ wrongFor, config: twoExperiments() });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const pr = openPr(world);
    // Seeded, so the same requests fail on every run of this test. Some writes land before the 502.
    world.fake.failRate(0.08, { status: 502, afterHandling: true }, 3);
    world.fake.failRate(0.06, { status: 502 }, 5);
    world.fake.failRate(0.05, { status: 403, secondaryRateLimit: true, retryAfter: 1 }, 7);
    // No retry-after: the documented minute (a millisecond per second here), then twice as long.
    world.fake.failRate(0.05, { status: 429, secondaryRateLimit: true }, 9);
    // And one streak longer than any fixed retry count, while storing: waited out all the same.
    world.fake.failNext(5, { status: 403, secondaryRateLimit: true, retryAfter: 1, match: { method: "POST", path: /\/git\/trees$/ } });

    const first = await runOnPr(world, pr, "v2", { inputs: { "fail-on-gate": "false" } });
    const rerun = await runOnPr(world, pr, "v2", { inputs: { "fail-on-gate": "false" } });
    world.fake.clearFaults();

    for (const result of [first, rerun]) {
      expect(result.stdout).not.toContain("::error::");
      expect(result.stdout).not.toMatch(/could not|giving up/);
      expect(result.code).toBe(0);
      expect(result.outputs).toMatchObject({ verdict: "fail", regressions: "4" });
    }
    expect(first.stdout).toContain("GitHub secondary rate limit on POST /repos/{owner}/{repo}/git/trees: retrying in 16 s.");
    const injected = world.fake.requests.filter((request) => request.injected);
    expect(injected.some((request) => request.status === 502 && request.method !== "GET")).toBe(true);
    expect(injected.some((request) => request.status === 403)).toBe(true);
    expect(injected.some((request) => request.status === 429)).toBe(true);
    // One check per experiment per run, each concluded with that experiment's own verdict.
    expect(checksNamed(world, "strict").map((check) => [check.status, check.conclusion])).toEqual([
      ["completed", "failure"],
      ["completed", "failure"],
    ]);
    expect(checksNamed(world, "lenient").map((check) => [check.status, check.conclusion])).toEqual([
      ["completed", "success"],
      ["completed", "success"],
    ]);
    const posted = comments(world);
    expect(posted.map((comment) => comment.body.split("\n")[0])).toEqual([commentMarker("strict"), commentMarker("lenient")]);
    expect(posted.every((comment) => comment.user === "github-actions[bot]")).toBe(true);
    const candidates = storedRunFiles(world).filter((file) => file.includes(`/${pr.headSha}/candidate/`));
    expect(candidates).toHaveLength(4);
    expect(candidates.filter((file) => file.includes("strict"))).toHaveLength(2);
  }, 120_000);

  it("a check that failed to conclude is named at the end and changes nothing for the next experiment", async () => {
    world = await createWorld({ wrongFor, config: twoExperiments() });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    // strict's check update fails on every try the client makes (1 + 3 retries); lenient's goes through.
    world.fake.failNext(4, { status: 502, match: { method: "PATCH", path: /\/check-runs\/\d+$/ } });

    const result = await runOnPr(world, pr, "v3");

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::evalgate: could not publish the check of strict \(Server Error\)/);
    expect(result.stdout).not.toMatch(/::error::.*lenient/);
    expect(checksNamed(world, "strict")).toMatchObject([{ status: "in_progress" }]);
    expect(checksNamed(world, "lenient")).toMatchObject([{ status: "completed", conclusion: "success" }]);
    expect(comments(world)).toHaveLength(2);
    expect(result.outputs).toMatchObject({ verdict: "pass", fixes: "4" });
  });

  it("a concluded check is never rewritten when the comment after it cannot be posted", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.failRate(1, { status: 502, match: { method: "POST", path: /\/issues\/\d+\/comments$/ } }, 1);

    const result = await runOnPr(world, pr, "v3");

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::evalgate: could not publish the comment of arithmetic \(Server Error\)/);
    expect(checkRuns(world)).toMatchObject([{ status: "completed", conclusion: "success" }]);
    expect(world.fake.requests.filter((request) => request.method === "PATCH" && request.path.includes("/check-runs/"))).toHaveLength(1);
    expect(comments(world)).toHaveLength(0);
  });
});

describe("store first", () => {
  it("a run that cannot be stored gets no comment and no check claiming pass", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.failRate(1, { status: 502, match: { method: "POST", path: /\/git\/blobs$/ } }, 1);

    const result = await runOnPr(world, pr, "v3");

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::evalgate: could not publish run run-\S+ of arithmetic to evalgate-results \(Server Error\)/);
    expect(comments(world)).toHaveLength(0);
    const [check, ...more] = checkRuns(world);
    expect(more).toHaveLength(0);
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "evalgate could not store this run" } });
    expect(storedRunFiles(world).filter((file) => file.includes("/candidate/"))).toHaveLength(0);
    // The report itself is not lost.
    expect(result.outputs).toMatchObject({ verdict: "pass", fixes: "2" });
    expect(result.summary).toContain("item-3");
  });
});

describe("only our own comments are edited", () => {
  it("a human's comment that starts with our marker stays as it was, and ours is created beside it", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    const humanBody = `${commentMarker("arithmetic")}\nI pasted this to see what happens.`;
    const human = world.fake.addComment({ owner: OWNER, repo: REPO, issueNumber: pr.number, body: humanBody, user: "octocat" });

    const first = await runOnPr(world, pr, "v2", { inputs: { "fail-on-gate": "false" } });
    const second = await runOnPr(world, pr, "v3");

    expect([first.code, second.code]).toEqual([0, 0]);
    const all = comments(world);
    expect(all).toHaveLength(2);
    expect(all.find((comment) => comment.id === human.id)).toMatchObject({ user: "octocat", body: humanBody, updatedAt: human.updatedAt });
    const ours = all.find((comment) => comment.id !== human.id)!;
    expect(ours.user).toBe("github-actions[bot]");
    expect(ours.body).toContain("item-3");
    expect(second.stdout).toContain("comment updated");
    expect(world.fake.requests.filter((request) => request.path.endsWith(`/comments/${human.id}`))).toEqual([]);
  });
});

describe("a refused write falls back to report-only", () => {
  it.each([
    { version: "v3", gate: "passes", code: 0, verdict: "pass", flipped: "item-3" },
    { version: "v2", gate: "fails", code: 1, verdict: "fail", flipped: "item-5" },
  ])("a same-repository pull request with a read-only token: the report, the outputs and one hint; exit $code when the gate $gate", async ({ version, code, verdict, flipped }) => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.setTokenReadOnly(TOKEN);

    const result = await runOnPr(world, pr, version);

    expect(result.code).toBe(code);
    expect(result.outputs.verdict).toBe(verdict);
    expect(result.outputs["pass-rate"]).toMatch(/^\d\.\d{4}$/);
    expect(result.outputs["report-path"]).toMatch(/arithmetic\.report\.md$/);
    expect(result.summary).toContain(flipped);
    const hints = result.stdout.split("\n").filter((line) => line.includes("permissions: pull-requests: write, checks: write, contents: write"));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/^::warning::evalgate: GitHub refused to create the check run \(403: Resource not accessible by integration\)/);
    expect(result.stdout).not.toMatch(/::error::.*(Resource not accessible|could not)/);
    if (code === 1) expect(result.stdout).toContain("::error::evalgate: the gate failed for arithmetic");
    expect(comments(world)).toHaveLength(0);
    expect(checkRuns(world)).toHaveLength(0);
  });

  it("Dependabot's read-only run is told about the workflow_run workflow", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.setTokenReadOnly(TOKEN);

    const result = await runOnPr(world, pr, "v3", { env: { GITHUB_ACTOR: "dependabot[bot]" } });

    expect(result.code).toBe(0);
    const hints = result.stdout.split("\n").filter((line) => line.startsWith("::warning::evalgate: GitHub refused"));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toContain("workflow_run workflow from the README");
  });

  it("with two experiments, the first refusal makes both report-only and the hint is given once", async () => {
    world = await createWorld({ wrongFor, config: twoExperiments() });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    world.fake.setTokenReadOnly(TOKEN);
    const writesBefore = world.fake.requests.filter((request) => request.method !== "GET").length;

    const result = await runOnPr(world, pr, "v3");

    expect(result.code).toBe(0);
    expect(result.outputs["run-id"]!.split(" ")).toHaveLength(2);
    expect(result.summary).toContain("strict");
    expect(result.summary).toContain("lenient");
    // One refused write (the first check run), then nothing else was tried.
    expect(world.fake.requests.filter((request) => request.method !== "GET").length - writesBefore).toBe(2);
    expect(result.stdout.split("\n").filter((line) => line.startsWith("::warning::evalgate: GitHub refused"))).toHaveLength(1);
  });
});

describe("public places never quote the dataset", () => {
  it("a dataset that cannot be read closes the check with a plain sentence; the detail is in the log only", async () => {
    world = await createWorld({ wrongFor });
    const pr = openPr(world);
    const broken = `${arithmeticDataset(3)}\n{"id": "item-x", "input": "SECRET-CUSTOMER-ROW-4711"\n`;
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${world.workspace}/items.jsonl`, broken);

    const result = await runOnPr(world, pr, "v3");

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::evalgate: arithmetic could not be evaluated: .*items\.jsonl/);
    const [check] = checkRuns(world);
    expect(check).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(check!.output.summary).toBe("evalgate could not complete this evaluation: the dataset could not be read; see the job log.");
    expect(result.summary).toContain("the dataset could not be read; see the job log");
    expect(result.summary).not.toContain("SECRET");
    expect(JSON.stringify(check)).not.toContain("SECRET");
    expect(comments(world)).toHaveLength(0);
  });
});
