import { gunzipSync } from "node:zlib";
import { existsSync } from "node:fs";
import { afterEach, beforeAll, expect, it } from "vitest";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";
import { ACTION_FROM_SOURCE, BUILT_ACTION } from "../helpers/run-action.js";
import { OWNER, REPO, createWorld, openPr, pushBaseline, runOnPr, type World } from "./action-world.js";

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

/** Tree entries the Action sent under datasets/ (each is an upload of that file). */
function datasetUploads(world: World): string[] {
  return world.fake.requests
    .filter((request) => request.method === "POST" && /\/git\/trees$/.test(request.path))
    .flatMap((request) => ((request.body as { tree?: { path: string }[] }).tree ?? []).map((entry) => entry.path))
    .filter((path) => path.startsWith("datasets/"));
}

it("stores the dataset version a baseline and a candidate run over on the results branch once, compressed", async () => {
  world = await createWorld({ wrongFor: { v1: ["item-3"], v2: ["item-3", "item-5"] } });
  const baseline = await pushBaseline(world, "v1");
  expect(baseline.code).toBe(0);
  const files = world.fake.listFiles(OWNER, REPO, "evalgate-results").filter((file) => file.startsWith("datasets/"));
  const items = files.find((file) => file.endsWith(".jsonl.gz"));
  expect(items).toBeDefined();
  const lines = gunzipSync(world.fake.readFile(OWNER, REPO, "evalgate-results", items!)!).toString("utf8").trim().split("\n");
  expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toContain("item-3");
  const uploadsAfterBaseline = datasetUploads(world);
  expect(uploadsAfterBaseline.filter((path) => path.endsWith(".jsonl.gz"))).toHaveLength(1);

  const pr = openPr(world);
  const candidate = await runOnPr(world, pr, "v2");
  expect(candidate.code).toBe(1);
  // Same items, same version: the candidate's publication sends no dataset file again.
  expect(datasetUploads(world)).toEqual(uploadsAfterBaseline);
  expect(world.fake.listFiles(OWNER, REPO, "evalgate-results").filter((file) => file.startsWith("datasets/"))).toEqual(files);
});
