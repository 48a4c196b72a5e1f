import { withRetries } from "../../core/retry.js";
import type { BranchGit, BranchHead } from "./branch-git.js";
import { publishRetries, type BranchRetryPolicy } from "./retry-policy.js";

/**
 * Removes files from the results branch in one commit, racing safely with other jobs as
 * appendToBranch adds them: built on the head just read, the branch moved without force, and on
 * a moved branch (or a ref write with no clear answer) everything is decided again on the new
 * head after a jittered backoff. What to remove is decided per head, so a file another job
 * started using meanwhile (a dataset version a new run is over) is kept.
 */
export interface BranchRemoval {
  message: string;
  /** The paths to remove from this head; none when there is nothing (left) to do. */
  pathsToRemove(head: BranchHead): Promise<string[]>;
  /** What the user can do when every try failed. */
  whenGivenUp: string;
}

/** Returns the paths removed by the commit that landed; none when the head had nothing to remove. */
export async function removeFromBranch(git: BranchGit, removal: BranchRemoval, policy: BranchRetryPolicy): Promise<string[]> {
  const ourCommits = new Map<string, string[]>();
  let lastProblem = "";
  const { value: removed } = await withRetries<string[] | undefined>(async () => {
    const head = await git.readHead();
    if (head === undefined) return { retry: false, value: [] };
    // Our own commit is the head: an earlier try landed although its answer was lost.
    const landed = ourCommits.get(head.commitSha);
    if (landed !== undefined) return { retry: false, value: landed };
    const paths = await removal.pathsToRemove(head);
    if (paths.length === 0) return { retry: false, value: [] };
    const tree = await git.createTree(
      paths.map((path) => ({ path, sha: null })),
      head.treeSha,
    );
    const commit = await git.createCommit(removal.message, tree, [head.commitSha]);
    ourCommits.set(commit, paths);
    const outcome = await git.moveBranch(commit);
    if (outcome === "done") return { retry: false, value: paths };
    lastProblem = outcome === "uncertain" ? "GitHub did not answer a branch update" : "another job moved the branch first";
    return { retry: true, value: undefined };
  }, publishRetries(policy));
  if (removed !== undefined) return removed;
  throw new Error(`could not remove files from ${git.name} after ${policy.publishAttempts} tries (last: ${lastProblem}); ${removal.whenGivenUp}`);
}
