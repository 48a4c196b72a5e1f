import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { htmlReportFileName } from "../../src/action/upload-html-report.js";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { ACTION_FROM_SOURCE, BUILT_ACTION } from "../helpers/run-action.js";
import { checkRuns, comments, createWorld, enqueue, openPr, OWNER, pushBaseline, REPO, runOnMergeGroup, runOnPr, type World } from "./action-world.js";

// v1 is production (item-3, item-4 wrong); v2 a candidate with two regressions; v3 one with two fixes.
const wrongFor = { v1: ["item-3", "item-4"], v2: ["item-3", "item-4", "item-5", "item-6"], v3: [] };
/** GITHUB_SERVER_URL, the repository and GITHUB_RUN_ID as test/helpers/run-action.ts sets them. */
const RUN_URL = `https://github.com/${OWNER}/${REPO}/actions/runs/4242`;
const CREATE = /\/CreateArtifact$/;

let world: World | undefined;
afterEach(async () => {
  if (world) {
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
});

beforeAll(() => {
  if (!ACTION_FROM_SOURCE && !existsSync(BUILT_ACTION)) throw new Error("dist/index.js is missing: run `npm run build`");
});

/** Every artifact the runs of a test uploaded, oldest first. */
function uploadedArtifacts(w: World) {
  return w.artifacts!.artifacts.filter((artifact) => artifact.finalized);
}

describe("the Action's HTML report on a pull request", () => {
  it("is uploaded as an artifact before the comment, and the comment, the check and the job summary link it", async () => {
    world = await createWorld({ wrongFor, artifacts: true });
    expect((await pushBaseline(world, "v1")).code).toBe(0);
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v2");

    // The gate decides as always: two regressions fail it.
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ verdict: "fail", regressions: "2" });
    const [, artifact, ...more] = uploadedArtifacts(world);
    expect(more).toHaveLength(0);
    expect(artifact).toMatchObject({ name: "evalgate-report-arithmetic.html", mimeType: "text/html", blobContentType: "text/html" });
    const runId = artifact!.workflowRunBackendId;
    const prCalls = world.artifacts!.calls.filter(
      (call) => call.path.includes(runId) || (call.json as { workflow_run_backend_id?: string } | undefined)?.workflow_run_backend_id === runId,
    );
    expect(prCalls.map((call) => `${call.method} ${call.query.comp ?? call.path.split("/").at(-1)}`)).toEqual([
      "POST CreateArtifact",
      "PUT block",
      "PUT blocklist",
      "POST FinalizeArtifact",
    ]);

    // What was uploaded is the HTML report file the Action wrote, byte for byte.
    const file = result.outputs["html-report-path"]!;
    expect(file.endsWith("/evalgate-report-arithmetic.html")).toBe(true);
    const written = await readFile(file);
    expect(artifact!.bytes!.equals(written)).toBe(true);
    const html = written.toString("utf8");
    expect(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain(result.outputs["run-id"]!);
    expect(html).toContain("item-5");

    const link = `${RUN_URL}/artifacts/${artifact!.id}`;
    expect(result.outputs["report-url"]).toBe(link);
    expect(comments(world)[0]!.body).toContain(`[HTML report](${link})`);
    expect(checkRuns(world)[0]!.output.summary).toContain(`[HTML report](${link})`);
    expect(result.summary).toContain(`[HTML report](${link})`);
    expect(result.stdout).toContain(`evalgate: HTML report of arithmetic uploaded as artifact evalgate-report-arithmetic.html: ${link}`);
  });

  it("the job summary charts each scorer's pass rate, baseline vs candidate, in a Mermaid block", async () => {
    world = await createWorld({ wrongFor });
    await pushBaseline(world, "v1");
    const result = await runOnPr(world, openPr(world), "v2");

    // 20 items. equals: baseline 18 right (90.0 %), candidate 16 (80.0 %, on the gate's 0.8: shown as it is);
    // latency_max (5 s): every answer is fast on both sides (100.0 %).
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(result.summary)?.[1]?.split("\n") ?? expect.fail("no Mermaid block");
    expect(block).toContain("xychart-beta horizontal");
    expect(block).toContain(
      '  x-axis ["equals · baseline", "equals · candidate", "latency_max · baseline", "latency_max · candidate"]',
    );
    expect(block).toContain('  y-axis "pass rate (%)" 0 --> 100');
    expect(block).toContain("  bar [90.0, 0, 100.0, 0]");
    expect(block).toContain("  bar [0, 80.0, 0, 100.0]");
    expect(result.summary).toContain(
      `the bar labelled _candidate_ is run ${result.outputs["run-id"]}: pass rates in percent of the 20 shared items, as in the per-scorer table above.`,
    );
  });

  it("without a baseline there is no chart, and the HTML report shows the candidate alone", async () => {
    world = await createWorld({ wrongFor, artifacts: true });
    const result = await runOnPr(world, openPr(world), "v3");
    expect(result.code).toBe(0);
    expect(result.outputs.verdict).toBe("no-baseline");
    expect(result.summary).not.toContain("```mermaid");
    const [artifact] = uploadedArtifacts(world);
    expect(artifact!.bytes!.toString("utf8")).toContain(result.outputs["run-id"]!);
    expect(comments(world)[0]!.body).toContain(`[HTML report](${RUN_URL}/artifacts/${artifact!.id})`);
  });
});

describe("the Action's HTML report in a merge queue and for sharded runs", () => {
  it("a merge group's job summary links its report (there is no comment) and charts the pass rates", async () => {
    world = await createWorld({ wrongFor, artifacts: true });
    const base = world.mainSha();
    await pushBaseline(world, "v1", base);
    const result = await runOnMergeGroup(world, enqueue(world, base), { "candidate-url": `${world.target.url}/v2` });

    expect(result.code).toBe(1);
    expect(comments(world)).toHaveLength(0);
    const [, artifact] = uploadedArtifacts(world);
    expect(artifact!.bytes!.toString("utf8")).toContain(result.outputs["run-id"]!);
    expect(result.summary).toContain(`[HTML report](${RUN_URL}/artifacts/${artifact!.id})`);
    expect(result.summary).toContain("  bar [0, 80.0, 0, 100.0]");
  });

  it("shard jobs upload nothing; the merge job uploads the merged run's report and the comment links it", { timeout: 120_000 }, async () => {
    world = await createWorld({ wrongFor, artifacts: true });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    for (const shard of ["1/2", "2/2"]) expect((await runOnPr(world, pr, "v2", { inputs: { shard } })).code).toBe(0);
    expect(uploadedArtifacts(world)).toHaveLength(1);

    const merged = await runOnPr(world, pr, "v2", { inputs: { mode: "merge" } });
    expect(merged.outputs).toMatchObject({ verdict: "fail", regressions: "2" });
    const [, artifact, ...more] = uploadedArtifacts(world);
    expect(more).toHaveLength(0);
    expect(artifact!.bytes!.toString("utf8")).toContain(merged.outputs["run-id"]!);
    expect(comments(world)[0]!.body).toContain(`[HTML report](${RUN_URL}/artifacts/${artifact!.id})`);
  });
});

describe("the Action's HTML report when it cannot be uploaded", () => {
  it(
    "an artifact service that keeps answering 500 changes no verdict, check or exit code: a warning, and the links go to the run",
    { timeout: 120_000 },
    async () => {
      world = await createWorld({ wrongFor, artifacts: true });
      await pushBaseline(world, "v1");
      const pr = openPr(world);
      world.artifacts!.failNext(1000, { status: 500, message: "results service down", match: { method: "POST", path: CREATE } });
      const result = await runOnPr(world, pr, "v3");

      expect(result.code).toBe(0);
      expect(result.outputs).toMatchObject({ verdict: "pass", fixes: "2", "report-url": RUN_URL });
      expect(checkRuns(world)[0]).toMatchObject({ status: "completed", conclusion: "success" });
      // @actions/artifact retried the 500 itself (5 attempts); nothing was created.
      const creates = world.artifacts!.calls.filter((call) => CREATE.test(call.path) && call.injected);
      expect(creates).toHaveLength(5);
      expect(uploadedArtifacts(world)).toHaveLength(1);
      expect(result.stdout).toMatch(/::warning::evalgate: the HTML report of arithmetic could not be uploaded as an artifact \(.*500.*\)/);
      const body = comments(world)[0]!.body;
      expect(body).not.toContain("[HTML report]");
      expect(body).toContain(`[full report](${RUN_URL})`);
      expect(result.summary).not.toContain("[HTML report]");
      // The file is written all the same, and its path is an output.
      expect((await readFile(result.outputs["html-report-path"]!, "utf8")).length).toBeGreaterThan(0);
      expect(result.stdout).not.toContain("::error::");
    },
  );

  it("without the runner's artifact service (act, a local run) nothing is uploaded and the file is still written", async () => {
    world = await createWorld({ wrongFor, artifacts: true });
    await pushBaseline(world, "v1");
    const before = world.artifacts!.calls.length;
    const result = await runOnPr(world, openPr(world), "v3", { env: { ACTIONS_RUNTIME_TOKEN: "", ACTIONS_RESULTS_URL: "" } });

    expect(result.code).toBe(0);
    expect(world.artifacts!.calls.length).toBe(before);
    expect(result.stdout).toContain("not uploaded: this runner offers no artifact service");
    expect(result.stdout).not.toContain("::warning::");
    expect(result.outputs["report-url"]).toBe(RUN_URL);
    expect(comments(world)[0]!.body).toContain(`[full report](${RUN_URL})`);
    expect(await readFile(result.outputs["html-report-path"]!, "utf8")).toContain(result.outputs["run-id"]!);
  });
});

describe("the Action's HTML report on a push to the baseline branch", () => {
  it("uploads the baseline run's report and links it from the job summary", async () => {
    world = await createWorld({ wrongFor, artifacts: true });
    const result = await pushBaseline(world, "v1");
    expect(result.code).toBe(0);
    const [artifact] = uploadedArtifacts(world);
    expect(artifact!.name).toBe("evalgate-report-arithmetic.html");
    expect(artifact!.bytes!.toString("utf8")).toContain(result.outputs["run-id"]!);
    expect(result.summary).toContain(`The [HTML report](${RUN_URL}/artifacts/${artifact!.id}) shows every item of this run.`);
    expect(result.outputs["report-url"]).toBe(`${RUN_URL}/artifacts/${artifact!.id}`);
  });
});

describe("htmlReportFileName: one artifact name per experiment, variant and attempt", () => {
  it("names the experiment, then a variant and a re-run's attempt when there are any", () => {
    expect(htmlReportFileName("support-agent")).toBe("evalgate-report-support-agent.html");
    expect(htmlReportFileName("support-agent", { attempt: 1 })).toBe("evalgate-report-support-agent.html");
    expect(htmlReportFileName("support-agent", { variant: "cooler", attempt: 3 })).toBe("evalgate-report-support-agent-variant-cooler-attempt-3.html");
  });
});
