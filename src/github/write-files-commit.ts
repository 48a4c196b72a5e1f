import { retryPolicy, withRetries } from "../core/retry.js";
import type { GitHubClient } from "./github-client.js";
import { isNotFound, statusOf } from "./request-status.js";

export interface FileToCommit {
  /** From the repository root, "/"-separated. */
  path: string;
  content: Buffer | string;
}

export interface BranchHeadCommit {
  commitSha: string;
  treeSha: string;
}

export interface WriteFilesCommitInput {
  owner: string;
  repo: string;
  branch: string;
  message: string;
  /**
   * Called with the branch's head on every try: reads what it needs there and returns the files to
   * write, or undefined when nothing would change. Recomputed after a lost race, so content derived
   * from the head (an appended dataset, an edited config) never overwrites someone else's push.
   */
  prepare: (head: BranchHeadCommit) => Promise<FileToCommit[] | undefined>;
  /** Creates the branch at this commit when it does not exist yet; without it a missing branch is an error. */
  createFrom?: string;
  /** Tries when the branch moves under us. Default 4. */
  attempts?: number;
}

export interface WrittenCommit {
  sha: string;
  htmlUrl: string;
  /** The head the commit was built on. */
  parent: BranchHeadCommit;
}

/**
 * Commits files to a branch in one commit through the Git Data API (blobs, a tree on the head's
 * tree, a commit, then the ref moved without force). When someone pushes in between, GitHub refuses
 * the move (422) and the commit is rebuilt on the new head. Undefined when `prepare` found nothing
 * to change: no empty commits, and a branch that would be new is not created.
 */
export async function writeFilesCommit(octokit: GitHubClient, input: WriteFilesCommitInput): Promise<WrittenCommit | undefined> {
  const { owner, repo, branch } = input;
  const attempts = input.attempts ?? 4;
  // Each call below is retried by the client; this loop only rebuilds the commit after a lost race.
  const { value } = await withRetries<{ written: WrittenCommit | undefined } | { refused: unknown }>(async () => {
    const { head, exists } = await readBranch(octokit, input);
    const files = await input.prepare(head);
    if (files === undefined || files.length === 0) return { retry: false, value: { written: undefined } };
    const tree = [];
    for (const file of files) {
      const content = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
      const blob = await octokit.rest.git.createBlob({ owner, repo, content: content.toString("base64"), encoding: "base64" });
      tree.push({ path: file.path, mode: "100644" as const, type: "blob" as const, sha: blob.data.sha });
    }
    const createdTree = await octokit.rest.git.createTree({ owner, repo, tree, base_tree: head.treeSha });
    const commit = await octokit.rest.git.createCommit({ owner, repo, message: input.message, tree: createdTree.data.sha, parents: [head.commitSha] });
    try {
      if (exists) await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false });
      else await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.data.sha });
      return { retry: false, value: { written: { sha: commit.data.sha, htmlUrl: commit.data.html_url, parent: head } } };
    } catch (error) {
      // 422: not a fast forward (someone pushed), the branch was deleted, or someone created it first.
      if (statusOf(error) !== 422) throw error;
      return { retry: true, value: { refused: error } };
    }
  }, retryPolicy(attempts - 1, { baseDelayMs: 100, maxDelayMs: 2_000 }));
  if ("refused" in value) throw value.refused;
  return value.written;
}

/** The branch's head; a missing branch reads as `createFrom`, to be created by the commit. */
async function readBranch(octokit: GitHubClient, input: WriteFilesCommitInput): Promise<{ head: BranchHeadCommit; exists: boolean }> {
  const { owner, repo, branch } = input;
  let commitSha: string;
  let exists = true;
  try {
    commitSha = (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
  } catch (error) {
    if (!isNotFound(error) || input.createFrom === undefined) throw error;
    commitSha = input.createFrom;
    exists = false;
  }
  const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: commitSha });
  return { head: { commitSha, treeSha: commit.data.tree.sha }, exists };
}
