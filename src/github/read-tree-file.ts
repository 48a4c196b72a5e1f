import type { GitHubClient } from "./github-client.js";
import { isNotFound } from "./request-status.js";

/** A commit and its root tree. */
export interface CommitTree {
  commitSha: string;
  treeSha: string;
}

/** The root tree of a commit, by sha or by ref ("heads/main", "pull/7/head"); undefined when the ref does not exist. */
export async function readCommitTree(
  octokit: GitHubClient,
  input: { owner: string; repo: string; sha?: string; ref?: string },
): Promise<CommitTree | undefined> {
  const { owner, repo } = input;
  let commitSha = input.sha;
  if (commitSha === undefined) {
    if (input.ref === undefined) throw new Error("readCommitTree needs a sha or a ref");
    try {
      commitSha = (await octokit.rest.git.getRef({ owner, repo, ref: input.ref })).data.object.sha;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
  const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: commitSha });
  return { commitSha, treeSha: commit.data.tree.sha };
}

/**
 * A file's bytes under a tree, or undefined when there is no file at `path`. Walks one directory
 * per request and reads the blob through the Git Data API, which serves files up to 100 MB (the
 * Contents API stops at 1 MB, and a dataset can be larger).
 */
export async function readTreeFile(
  octokit: GitHubClient,
  input: { owner: string; repo: string; treeSha: string; path: string },
): Promise<Buffer | undefined> {
  const { owner, repo } = input;
  const segments = input.path.split("/").filter((segment) => segment !== "" && segment !== ".");
  let tree = input.treeSha;
  for (const [index, segment] of segments.entries()) {
    const level = await octokit.rest.git.getTree({ owner, repo, tree_sha: tree });
    const entry = level.data.tree.find((candidate) => candidate.path === segment);
    if (entry?.sha === undefined) return undefined;
    const last = index === segments.length - 1;
    if (last && entry.type !== "blob") return undefined;
    if (!last && entry.type !== "tree") return undefined;
    if (last) {
      const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha });
      return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8");
    }
    tree = entry.sha;
  }
  return undefined;
}
