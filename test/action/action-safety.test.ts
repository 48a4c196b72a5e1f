import { afterEach, describe, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { startTarget } from "../helpers/target-server.js";
import { checkRuns, comments, createWorld, openPr, pushBaseline, runOnPr, type World } from "./action-world.js";

const HOSTILE = [
  '<img src=x onerror=alert(1)></details><script>alert("x")</script>',
  "| broken | table |\n| --- |",
  "```\ncode fence\n```",
  "@octocat please look, fixes #123 and GH-7 <!-- end -->",
  "x".repeat(60_000),
];

/** /v1 answers right; /evil answers every item with hostile text. */
function hostileTarget() {
  return startTarget({
    respond: (body, _index, request) => {
      const { input, item_id } = body as { input: { question: string }; item_id: string };
      const [a, b] = input.question.split("+").map(Number);
      const right = (a ?? 0) + (b ?? 0);
      if (request.url.startsWith("/v1/")) return { json: { output: { answer: right } } };
      const index = Number(item_id.replace("item-", ""));
      return { json: { output: { answer: HOSTILE[index % HOSTILE.length] } } };
    },
  });
}

let world: World | undefined;
afterEach(async () => {
  if (world) {
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
});

describe("the PR comment with hostile model outputs", () => {
  it("renders HTML, pipes, fences, mentions and a 60 KB output safely and under GitHub's limit", async () => {
    world = await createWorld({ target: hostileTarget });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "evil", { inputs: { "fail-on-gate": "false" } });
    expect(result.code).toBe(0);
    expect(result.outputs.regressions).toBe("20");
    const [comment] = comments(world);
    const body = comment!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(body).not.toContain("```");
    expect(body).not.toMatch(/(^|[^\u200b\w])@octocat/);
    expect(body).not.toMatch(/(^|[^\u200b&\w])#123/);
    expect((body.match(/<details/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
    // Only our two hidden lines may be HTML comments.
    expect((body.match(/<!--/g) ?? []).length).toBe(2);
    // Every row of every table has its header's column count: no output broke out of a cell.
    let columns: number | undefined;
    for (const line of body.split("\n")) {
      if (!line.startsWith("|")) {
        columns = undefined;
        continue;
      }
      const count = line.split("|").length;
      columns ??= count;
      expect(count, line.slice(0, 120)).toBe(columns);
    }
    expect(checkRuns(world)[0]!.output.summary!.length).toBeLessThanOrEqual(65_535);
  });
});

describe("comment settings and token permissions", () => {
  it("comment: on-change leaves the comment alone when nothing flipped and the verdict held", async () => {
    world = await createWorld({ wrongFor: { v1: ["item-1"], v2: ["item-1"] } });
    await pushBaseline(world, "v1");
    const pr = openPr(world);
    const first = await runOnPr(world, pr, "v2", { inputs: { comment: "on-change" } });
    expect(first.code).toBe(0);
    expect(comments(world)).toHaveLength(1); // the first verdict is a change from nothing
    const before = comments(world)[0]!;
    const second = await runOnPr(world, pr, "v2", { inputs: { comment: "on-change" } });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/comment skipped-unchanged/);
    expect(comments(world)).toEqual([before]);
  });

  it("falls back to a commit status when the token cannot create check runs", async () => {
    world = await createWorld({ wrongFor: { v1: ["item-1"], v2: ["item-1", "item-2"] } });
    await pushBaseline(world, "v1");
    world.fake.setCheckRunsForbidden(true);
    const pr = openPr(world);
    const result = await runOnPr(world, pr, "v2", { inputs: { "fail-on-gate": "false" } });
    expect(result.code).toBe(0);
    expect(checkRuns(world)).toHaveLength(0);
    const statuses = world.fake.repo("Codertocat", "Hello-World").statuses.filter((status) => status.sha === pr.headSha);
    expect(statuses.map((status) => [status.context, status.state])).toEqual([
      ["evalgate / arithmetic", "pending"],
      ["evalgate / arithmetic", "failure"],
    ]);
  });
});
