import { afterEach, describe, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { startTarget } from "../helpers/target-server.js";
import { arithmeticConfig, checkRuns, comments, createWorld, openPr, pushBaseline, runOnPr, type World } from "./action-world.js";

let world: World | undefined;
afterEach(async () => {
  if (world) {
    expect(checkRequestsAgainstOpenApi(world.fake.requests)).toEqual([]);
    await world.close();
  }
  world = undefined;
});

/** /good answers every sum right; /empty answers 200 without an output; /down answers 500. */
function startVersionedTarget() {
  return startTarget({
    respond: (body, _index, request) => {
      if (request.url.startsWith("/empty/")) return { json: { error: "backend unavailable" } };
      if (request.url.startsWith("/down/")) return { status: 500, json: { error: "down" } };
      const { input } = body as { input: { question: string } };
      const [a, b] = input.question.split("+").map(Number);
      return { json: { output: { answer: (a ?? 0) + (b ?? 0) } } };
    },
  });
}

describe("the built Action never passes a candidate that got no answer", () => {
  it.each(["empty", "down"])(
    "a candidate whose calls get %s answers fails its check, even with a zero threshold and no regression limit",
    async (version) => {
      world = await createWorld({ target: startVersionedTarget, config: arithmeticConfig({ threshold: 0, retries: 0 }) });
      expect((await pushBaseline(world, "good")).code).toBe(0);
      const pr = openPr(world);
      const result = await runOnPr(world, pr, version);
      expect(result.code).toBe(1);
      expect(result.outputs.verdict).toBe("fail");
      const [check] = checkRuns(world);
      expect(check).toMatchObject({ status: "completed", conclusion: "failure" });
      expect(check!.output.summary).toMatch(/could not complete/);
      const [comment, ...more] = comments(world);
      expect(more).toHaveLength(0);
      expect(comment!.body).toMatch(/could not complete/);
      expect(comment!.body).not.toMatch(/\*\*pass\*\*/);
    },
  );
});
