import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFilesCommit } from "../../src/github/write-files-commit.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { checkRequestsAgainstOpenApi } from "../helpers/openapi-check.js";

const owner = "acme";
const repo = "shop";

describe("writeFilesCommit", () => {
  let fake: FakeGitHub;
  let octokit: Octokit;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addRepo({ owner, repo, files: { "README.md": "# shop\n", "data.jsonl": "a\n" } });
    octokit = new Octokit({ auth: "t", baseUrl: fake.url, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
  });
  afterEach(async () => {
    await fake.close();
    expect(checkRequestsAgainstOpenApi(fake.requests)).toEqual([]);
  });

  it("rebuilds on the new head when someone pushes in between, so their change is kept", async () => {
    let calls = 0;
    const written = await writeFilesCommit(octokit, {
      owner,
      repo,
      branch: "main",
      message: "append",
      prepare: async (head) => {
        calls += 1;
        // The first time, someone else pushes after we read the head.
        if (calls === 1) fake.addCommit({ owner, repo, branch: "main", files: { "data.jsonl": "a\nb\n" } });
        const current = fake.readFile(owner, repo, head.commitSha, "data.jsonl")?.toString() ?? "";
        return [{ path: "data.jsonl", content: `${current}c\n` }];
      },
    });
    expect(calls).toBe(2);
    expect(fake.readFile(owner, repo, "main", "data.jsonl")?.toString()).toBe("a\nb\nc\n");
    expect(fake.repo(owner, repo).refs.get("refs/heads/main")).toBe(written?.sha);
    expect(written?.htmlUrl).toBe(`https://github.com/${owner}/${repo}/commit/${written?.sha}`);
  });

  it("makes no commit and creates no branch when there is nothing to write", async () => {
    const main = fake.repo(owner, repo).refs.get("refs/heads/main") ?? "";
    const written = await writeFilesCommit(octokit, { owner, repo, branch: "new-branch", createFrom: main, message: "m", prepare: async () => [] });
    expect(written).toBeUndefined();
    expect(fake.repo(owner, repo).refs.has("refs/heads/new-branch")).toBe(false);
  });

  it("creates a missing branch from createFrom with the commit on top", async () => {
    const main = fake.repo(owner, repo).refs.get("refs/heads/main") ?? "";
    const written = await writeFilesCommit(octokit, {
      owner,
      repo,
      branch: "evalgate/regressions-pr-3",
      createFrom: main,
      message: "m",
      prepare: async () => [{ path: "evals/regressions/x.jsonl", content: "{}\n" }],
    });
    expect(fake.repo(owner, repo).commits.get(written?.sha ?? "")?.parents).toEqual([main]);
    expect(fake.listFiles(owner, repo, "evalgate/regressions-pr-3")).toEqual(["README.md", "data.jsonl", "evals/regressions/x.jsonl"]);
  });
});
