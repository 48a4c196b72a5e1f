import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../../src/core/errors.js";
import { openResultsBranchStore, parseResultsBranchSpec } from "../../../src/store/results-branch/open-results-branch-store.js";
import { checkRequestsAgainstOpenApi } from "../../helpers/openapi-check.js";
import { itemIds, makeRun } from "../fixtures/make-run.js";
import { collect, OWNER, REPO, startBranchHarness, writeFinishedRun, type BranchHarness } from "./branch-harness.js";

describe("parseResultsBranchSpec", () => {
  it("reads owner, repository and branch, the branch defaulting to evalgate-results", () => {
    expect(parseResultsBranchSpec("github:acme/shop")).toEqual({ owner: "acme", repo: "shop", branch: "evalgate-results" });
    expect(parseResultsBranchSpec("github:acme/shop.web@results/v2")).toEqual({ owner: "acme", repo: "shop.web", branch: "results/v2" });
    expect(parseResultsBranchSpec("github:acme/shop.git")).toEqual({ owner: "acme", repo: "shop", branch: "evalgate-results" });
  });

  it("anything not starting with github: is not a results branch (a store directory)", () => {
    expect(parseResultsBranchSpec(".evalgate")).toBeUndefined();
    expect(parseResultsBranchSpec("github-runs")).toBeUndefined();
  });

  it.each(["github:acme", "github:acme/", "github:/shop", "github:acme/shop/extra", "github:acme/shop@", "github:acme/shop@bad..name", "github:-acme/shop"])(
    "%s is a user error that shows the form to write",
    (text) => {
      expect(() => parseResultsBranchSpec(text)).toThrow(UserError);
      expect(() => parseResultsBranchSpec(text)).toThrow(/write github:OWNER\/REPO or github:OWNER\/REPO@BRANCH/);
    },
  );
});

describe("openResultsBranchStore", () => {
  let harness: BranchHarness;
  beforeEach(async () => {
    harness = await startBranchHarness();
  });
  afterEach(async () => {
    await harness.cleanup();
  });

  it("without a token it is a user error saying to set GITHUB_TOKEN", () => {
    const location = { owner: OWNER, repo: REPO, branch: "evalgate-results" };
    for (const token of [undefined, "", "  "]) {
      expect(() => openResultsBranchStore(location, { token, stagingDir: "/unused" })).toThrow(/set GITHUB_TOKEN/);
    }
  });

  it("a laptop compares against a repository's published runs with the token it was given", async () => {
    const run = makeRun({ role: "baseline" });
    const items = await writeFinishedRun(await harness.openStore(), run, itemIds(3));
    const location = parseResultsBranchSpec(`github:${OWNER}/${REPO}`);
    if (location === undefined) throw new Error("spec did not parse");

    const store = openResultsBranchStore(location, { token: "laptop-token", baseUrl: harness.fake.url, stagingDir: "/nonexistent/staging" });
    expect((await store.getRun(run.id.slice(0, 16)))?.role).toBe("baseline");
    expect(await collect(store.runItems(run.id))).toStrictEqual(items);
    await store.close();

    const laptopRequests = harness.fake.requests.filter((request) => request.headers.authorization === "token laptop-token");
    expect(laptopRequests.length).toBeGreaterThan(0);
    expect(laptopRequests.every((request) => request.method === "GET")).toBe(true);
    expect(checkRequestsAgainstOpenApi(harness.fake.requests)).toEqual([]);
  });
});
