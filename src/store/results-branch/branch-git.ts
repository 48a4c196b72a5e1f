import { UserError } from "../../core/errors.js";
import type { GitHubClient } from "../../github/github-client.js";
import { statusOf } from "../../github/request-status.js";

/**
 * The results branch through GitHub's Git Data API: no clone, no checkout. The client retries
 * each call (5xx, rate limits), except the ref writes: whether one of those took effect is judged
 * by appendToBranch, which reads the branch again before it tries again.
 */

export interface BranchHead {
  commitSha: string;
  treeSha: string;
}

export interface TreeBlob {
  /** Full path from the branch root. */
  path: string;
  sha: string;
  size: number;
}

/** A file for `createTree`: an existing blob, small text GitHub stores for us, or `sha: null` to remove the path. */
export type TreeFile = { path: string; sha: string | null } | { path: string; content: string };

export interface BranchLocation {
  owner: string;
  repo: string;
  branch: string;
}

export class BranchGit {
  constructor(
    private readonly octokit: GitHubClient,
    readonly location: BranchLocation,
  ) {}

  get name(): string {
    const { owner, repo, branch } = this.location;
    return `${owner}/${repo}@${branch}`;
  }

  private get repoParams(): { owner: string; repo: string } {
    return { owner: this.location.owner, repo: this.location.repo };
  }

  /** The branch's head commit and its tree, or undefined when the branch does not exist yet. */
  async readHead(): Promise<BranchHead | undefined> {
    let commitSha: string;
    try {
      const ref = await this.octokit.rest.git.getRef({ ...this.repoParams, ref: `heads/${this.location.branch}` });
      commitSha = ref.data.object.sha;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
    const commit = await this.octokit.rest.git.getCommit({ ...this.repoParams, commit_sha: commitSha });
    return { commitSha, treeSha: commit.data.tree.sha };
  }

  /**
   * A missing branch reads as an empty store, but a missing repository (or one the token cannot
   * see, which GitHub also answers 404) is a mistake the user should hear about.
   */
  async requireRepository(): Promise<void> {
    try {
      await this.octokit.rest.repos.get(this.repoParams);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      const { owner, repo } = this.location;
      throw new UserError(
        `repository ${owner}/${repo} was not found, or the token cannot read it: check --store github:OWNER/REPO ` +
          "and that GITHUB_TOKEN may read that repository's contents",
      );
    }
  }

  /**
   * Every blob under `treeSha`. One recursive listing usually does; when GitHub truncates it
   * (over 100,000 entries or 7 MB), each subtree is listed on its own, recursively the same way.
   */
  async listBlobs(treeSha: string, prefix = ""): Promise<TreeBlob[]> {
    const recursive = await this.octokit.rest.git.getTree({ ...this.repoParams, tree_sha: treeSha, recursive: "true" });
    if (!recursive.data.truncated) return blobsOf(recursive.data.tree, prefix);
    const level = await this.octokit.rest.git.getTree({ ...this.repoParams, tree_sha: treeSha });
    const blobs = blobsOf(level.data.tree, prefix);
    for (const entry of level.data.tree) {
      if (entry.type === "tree" && entry.sha !== undefined && entry.path !== undefined) {
        blobs.push(...(await this.listBlobs(entry.sha, `${prefix}${entry.path}/`)));
      }
    }
    return blobs;
  }

  /** The blob sha at `path` under `treeSha`, walking one level per call (no full listing). */
  async findBlob(treeSha: string, path: string): Promise<string | undefined> {
    let current = treeSha;
    const segments = path.split("/");
    for (const [index, segment] of segments.entries()) {
      const level = await this.octokit.rest.git.getTree({ ...this.repoParams, tree_sha: current });
      const entry = level.data.tree.find((candidate) => candidate.path === segment);
      if (entry?.sha === undefined) return undefined;
      const last = index === segments.length - 1;
      if (last) return entry.type === "blob" ? entry.sha : undefined;
      if (entry.type !== "tree") return undefined;
      current = entry.sha;
    }
    return undefined;
  }

  async readBlob(sha: string): Promise<Buffer> {
    const blob = await this.octokit.rest.git.getBlob({ ...this.repoParams, file_sha: sha });
    // GitHub wraps base64 at 60 columns; Node's decoder skips the newlines.
    return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8");
  }

  async createBlob(content: Buffer): Promise<string> {
    const blob = await this.octokit.rest.git.createBlob({ ...this.repoParams, content: content.toString("base64"), encoding: "base64" });
    return blob.data.sha;
  }

  async createTree(files: readonly TreeFile[], baseTree: string | undefined): Promise<string> {
    const tree = files.map((file) => ({ ...file, mode: "100644" as const, type: "blob" as const }));
    const created = await this.octokit.rest.git.createTree({ ...this.repoParams, tree, ...(baseTree === undefined ? {} : { base_tree: baseTree }) });
    return created.data.sha;
  }

  async createCommit(message: string, tree: string, parents: string[]): Promise<string> {
    const commit = await this.octokit.rest.git.createCommit({ ...this.repoParams, message, tree, parents });
    return commit.data.sha;
  }

  /**
   * Points a new branch at `sha`. "conflict" when another writer created it first; "uncertain"
   * when the answer was lost (a 5xx): the branch may have been created all the same.
   */
  createBranch(sha: string): Promise<RefWrite> {
    const ref = `refs/heads/${this.location.branch}`;
    return this.writeRef(() => this.octokit.rest.git.createRef({ ...this.repoParams, ref, sha, request: { retries: 0 } }));
  }

  /**
   * Moves the branch to `sha` without force. "conflict" (422) when the branch moved since
   * `sha`'s parent was read (not a fast forward) or was deleted meanwhile; "uncertain" as above.
   */
  moveBranch(sha: string): Promise<RefWrite> {
    const ref = `heads/${this.location.branch}`;
    return this.writeRef(() => this.octokit.rest.git.updateRef({ ...this.repoParams, ref, sha, force: false, request: { retries: 0 } }));
  }

  /**
   * Sent once (`retries: 0`): a retry in the client could not tell "refused because the first
   * try landed" from "refused because another job won"; appendToBranch reads the branch to know.
   */
  private async writeRef(write: () => Promise<unknown>): Promise<RefWrite> {
    try {
      await write();
      return "done";
    } catch (error) {
      const status = statusOf(error);
      if (status === 422) return "conflict";
      // A 5xx, or no answer (Octokit reports a dropped connection as 500): the write may have landed.
      if (status !== undefined && status >= 500) return "uncertain";
      throw error;
    }
  }
}

export type RefWrite = "done" | "conflict" | "uncertain";

function blobsOf(entries: ReadonlyArray<{ path?: string; type?: string; sha?: string; size?: number }>, prefix: string): TreeBlob[] {
  const blobs: TreeBlob[] = [];
  for (const entry of entries) {
    if (entry.type !== "blob" || entry.path === undefined || entry.sha === undefined) continue;
    blobs.push({ path: prefix + entry.path, sha: entry.sha, size: entry.size ?? 0 });
  }
  return blobs;
}
