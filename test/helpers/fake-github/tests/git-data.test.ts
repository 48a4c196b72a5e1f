import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { owner, repo, useFakeRepo } from "./fake-repo-fixture.js";

const world = useFakeRepo();

/** Hashes the same files with the real git, to prove the fake's shas are git's. */
async function gitTreeAndCommit(files: Record<string, string>, message: string, date: string): Promise<{ tree: string; commit: string }> {
  const dir = await mkdtemp(join(tmpdir(), "fake-github-git-"));
  try {
    const git = (args: string[], input?: string): string =>
      execFileSync("git", ["-C", dir, ...args], {
        input,
        encoding: "utf8",
        env: {
          PATH: process.env.PATH ?? "",
          HOME: dir,
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_AUTHOR_NAME: "Store",
          GIT_AUTHOR_EMAIL: "store@example.com",
          GIT_AUTHOR_DATE: `${Date.parse(date) / 1000} +0000`,
          GIT_COMMITTER_NAME: "Store",
          GIT_COMMITTER_EMAIL: "store@example.com",
          GIT_COMMITTER_DATE: `${Date.parse(date) / 1000} +0000`,
        },
      }).trim();
    git(["init", "-q"]);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    git(["add", "-A"]);
    const tree = git(["write-tree"]);
    return { tree, commit: git(["commit-tree", tree], message) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("fake GitHub: Git Data API", () => {
  it("blobs, nested trees and commits get the shas real git computes", async () => {
    const blob = await world.octokit.rest.git.createBlob({ owner, repo, content: Buffer.from("hello\n").toString("base64"), encoding: "base64" });
    expect(blob.data.sha).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    const tree = await world.octokit.rest.git.createTree({
      owner,
      repo,
      tree: [
        { path: "runs/exp/abc.json", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "index.json", mode: "100644", type: "blob", content: "{}\n" },
      ],
    });
    const date = "2024-05-01T12:00:00Z";
    const author = { name: "Store", email: "store@example.com", date };
    const commit = await world.octokit.rest.git.createCommit({ owner, repo, message: "Store run\n", tree: tree.data.sha, parents: [], author, committer: author });

    const expected = await gitTreeAndCommit({ "runs/exp/abc.json": "hello\n", "index.json": "{}\n" }, "Store run\n", date);
    expect(tree.data.sha).toBe(expected.tree);
    expect(commit.data.sha).toBe(expected.commit);
  });

  it("a tree built on base_tree keeps the old files and lists nested paths recursively", async () => {
    const main = await world.octokit.rest.git.getRef({ owner, repo, ref: "heads/main" });
    const base = await world.octokit.rest.git.getCommit({ owner, repo, commit_sha: main.data.object.sha });
    const tree = await world.octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: base.data.tree.sha,
      tree: [{ path: "runs/exp/abc.json.gz", mode: "100644", type: "blob", content: "gz" }],
    });
    const listed = await world.octokit.rest.git.getTree({ owner, repo, tree_sha: tree.data.sha, recursive: "1" });
    expect(listed.data.tree.map((entry) => `${entry.type} ${entry.path}`)).toEqual(["blob README.md", "tree runs", "tree runs/exp", "blob runs/exp/abc.json.gz"]);
    const commit = await world.octokit.rest.git.createCommit({ owner, repo, message: "run", tree: tree.data.sha, parents: [main.data.object.sha] });
    await world.octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/evalgate-results", sha: commit.data.sha });

    expect(world.fake.listFiles(owner, repo, "evalgate-results")).toEqual(["README.md", "runs/exp/abc.json.gz"]);
    expect(world.fake.readFile(owner, repo, "evalgate-results", "runs/exp/abc.json.gz")?.toString()).toBe("gz");
    const blob = await world.octokit.rest.git.getBlob({ owner, repo, file_sha: listed.data.tree[3]?.sha ?? "" });
    expect(Buffer.from(blob.data.content, "base64").toString()).toBe("gz");
  });

  it("a missing ref answers 404 and matching-refs lists by prefix", async () => {
    await expect(world.octokit.rest.git.getRef({ owner, repo, ref: "heads/evalgate-results" })).rejects.toMatchObject({ status: 404 });
    const head = world.fake.repo(owner, repo).refs.get("refs/heads/main") ?? "";
    world.fake.setRef(owner, repo, "heads/evalgate-a", head);
    world.fake.setRef(owner, repo, "heads/evalgate-b", head);
    const matching = await world.octokit.rest.git.listMatchingRefs({ owner, repo, ref: "heads/evalgate-" });
    expect(matching.data.map((ref) => ref.ref)).toEqual(["refs/heads/evalgate-a", "refs/heads/evalgate-b"]);
  });

  it("the slower of two concurrent writers is refused with 422 unless it forces", async () => {
    const start = world.fake.repo(owner, repo).refs.get("refs/heads/main") ?? "";
    const first = world.fake.addCommit({ owner, repo, parents: [start], files: { "runs/a.json": "a" } });
    const second = world.fake.addCommit({ owner, repo, parents: [start], files: { "runs/b.json": "b" } });

    await world.octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: first });
    const refused = world.octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: second });
    await expect(refused).rejects.toMatchObject({ status: 422, message: expect.stringContaining("Update is not a fast forward") });
    expect(world.fake.repo(owner, repo).refs.get("refs/heads/main")).toBe(first);

    const merged = world.fake.addCommit({ owner, repo, parents: [first], files: { "runs/b.json": "b" } });
    await world.octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: merged });
    expect(world.fake.listFiles(owner, repo, "main")).toEqual(["README.md", "runs/a.json", "runs/b.json"]);
    await world.octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: second, force: true });
    expect(world.fake.listFiles(owner, repo, "main")).toEqual(["README.md", "runs/b.json"]);
  });

  it("creating a ref that exists answers 422 'Reference already exists'", async () => {
    const head = world.fake.repo(owner, repo).refs.get("refs/heads/main") ?? "";
    await expect(world.octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/main", sha: head })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("Reference already exists"),
    });
  });

  it("the Contents API reads files at a ref and writes a commit, refusing a stale sha with 409", async () => {
    const created = await world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "runs/x.json", message: "add", content: Buffer.from("1").toString("base64") });
    expect(created.status).toBe(201);
    const read = await world.octokit.rest.repos.getContent({ owner, repo, path: "runs/x.json", ref: "main" });
    if (Array.isArray(read.data) || read.data.type !== "file") throw new Error("expected a file");
    expect(Buffer.from(read.data.content, "base64").toString()).toBe("1");
    const stale = world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "runs/x.json", message: "edit", content: "Mg==", sha: "0".repeat(40) });
    await expect(stale).rejects.toMatchObject({ status: 409 });
    await world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "runs/x.json", message: "edit", content: "Mg==", sha: read.data.sha });
    expect(world.fake.readFile(owner, repo, "main", "runs/x.json")?.toString()).toBe("2");
  });

  it("compare returns the merge base from stored ancestry", async () => {
    const base = world.fake.repo(owner, repo).refs.get("refs/heads/main") ?? "";
    const pull = world.fake.addPullRequest({ owner, repo, head: "feature" });
    world.fake.addCommit({ owner, repo, branch: "main", files: { "later.txt": "x" } });
    const compared = await world.octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: "main...feature" });
    expect(compared.data.merge_base_commit.sha).toBe(base);
    expect(compared.data.status).toBe("diverged");
    expect(compared.data.ahead_by).toBe(1);
    expect(compared.data.commits.map((commit) => commit.sha)).toEqual([pull.headSha]);
  });
});
