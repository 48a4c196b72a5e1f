import { describe, expect, it } from "vitest";
import { findMergeBase } from "../../src/github/find-merge-base.js";
import { getPullRequest } from "../../src/github/pull-request-info.js";
import { getPermission } from "../../src/github/repository-permissions.js";
import { owner, repo, useFakeGitHub } from "./github-fixture.js";

const gh = useFakeGitHub();

describe("findMergeBase", () => {
  it("is the commit the branch grew from, although main has moved on since", async () => {
    const forkPoint = gh.fake.addCommit({ owner, repo, branch: "main", files: { "a.txt": "a\n" } });
    const head = gh.fake.addCommit({ owner, repo, branch: "feature", parents: [forkPoint], files: { "b.txt": "b\n" } });
    gh.fake.addCommit({ owner, repo, branch: "main", files: { "c.txt": "c\n" } });

    expect(await findMergeBase(gh.client(), { owner, repo, base: "main", head })).toBe(forkPoint);
    expect(await findMergeBase(gh.client(), { owner, repo, base: "main", head: "feature" })).toBe(forkPoint);
  });

  it("is undefined for a commit GitHub does not know", async () => {
    expect(await findMergeBase(gh.client(), { owner, repo, base: "main", head: "1".repeat(40) })).toBeUndefined();
  });
});

describe("getPullRequest", () => {
  it("reads head, base and that a same-repository branch is no fork", async () => {
    const pull = gh.fake.addPullRequest({ owner, repo, head: "feature", maintainerCanModify: false });
    const info = await getPullRequest(gh.client(), { owner, repo, number: pull.number });
    expect(info).toEqual({
      headSha: pull.headSha,
      headRef: "feature",
      baseRef: "main",
      baseSha: gh.fake.repo(owner, repo).refs.get("refs/heads/main"),
      isFork: false,
      maintainerCanModify: false,
      headRepoFullName: "acme/shop",
    });
  });

  it("a pull request from a fork says so and names the fork", async () => {
    gh.fake.addRepo({ owner: "mallory", repo: "shop", parent: "acme/shop" });
    // GitHub keeps a fork's head commit reachable from the base repository (refs/pull/{n}/head).
    const headSha = gh.fake.addCommit({ owner, repo, files: { "x.txt": "x\n" } });
    const pull = gh.fake.addPullRequest({ owner, repo, head: "patch-1", headRepo: "mallory/shop", headSha, maintainerCanModify: true });

    const info = await getPullRequest(gh.client(), { owner, repo, number: pull.number });

    expect(info).toMatchObject({ isFork: true, headRepoFullName: "mallory/shop", maintainerCanModify: true, headRef: "patch-1", headSha });
  });
});

describe("getPermission", () => {
  it.each([
    ["admin", "admin"],
    ["maintain", "write"],
    ["write", "write"],
    ["triage", "read"],
    ["read", "read"],
  ] as const)("a collaborator with the %s role has %s access", async (role, expected) => {
    gh.fake.setPermission("alice", role, { owner, repo });
    expect(await getPermission(gh.client(), { owner, repo, username: "alice" })).toBe(expected);
  });

  it("someone who is not a collaborator (GitHub answers 404) has none", async () => {
    expect(await getPermission(gh.client(), { owner, repo, username: "stranger" })).toBe("none");
  });
});
