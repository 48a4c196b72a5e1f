import { withRetries } from "../../core/retry.js";
import type { BranchGit, BranchHead, TreeFile } from "./branch-git.js";
import { README, README_PATH } from "./layout.js";
import { publishRetries, type BranchRetryPolicy } from "./retry-policy.js";

/**
 * Adds files to the results branch in one commit, racing safely with other jobs: the commit is
 * built on the head just read and the branch is moved without force. When another job moved it
 * first, the tree and commit are rebuilt on the new head (the blobs are reused) after a jittered
 * backoff. Writers add distinct paths, so nothing written by anyone is ever replaced or lost, and
 * the history stays linear.
 */

export interface BranchFile {
  path: string;
  content: Buffer;
}

export interface BranchAppend {
  message: string;
  /** The file this append is for: written at its path, and how a lost answer is recognised. */
  file: BranchFile;
  /** Written only where the head has nothing at that path yet: the first record stays. */
  filesIfAbsent: BranchFile[];
  /** What the user can do when every try failed; default: publish the staged run again. */
  whenGivenUp?: string;
}

interface WrittenBlob {
  path: string;
  sha: string;
}

/** Returns the commit that holds the file (ours, or a later one when our answer was lost). */
export async function appendToBranch(git: BranchGit, append: BranchAppend, policy: BranchRetryPolicy): Promise<string> {
  const file = { path: append.file.path, sha: await git.createBlob(append.file.content) };
  const ifAbsent = new LazyBlobs(git, append.filesIfAbsent);

  const ourCommits = new Set<string>();
  let uncertain = false;
  let lastProblem = "";
  const { value: landed } = await withRetries<string | undefined>(async () => {
    // Any other call that still fails after the client's own retries ends the append: trying
    // again here would only multiply them.
    const head = await git.readHead();
    if (head !== undefined && (await alreadyPublished(git, head, file, ourCommits, uncertain))) return { retry: false, value: head.commitSha };
    const commit = head === undefined ? await orphanCommit(git, append.message, file, ifAbsent) : await commitOnTop(git, head, append.message, file, ifAbsent);
    ourCommits.add(commit);
    const outcome = head === undefined ? await git.createBranch(commit) : await git.moveBranch(commit);
    if (outcome === "done") return { retry: false, value: commit };
    if (outcome === "uncertain") {
      // The ref write's answer was lost: it may have landed, which the next read of the head shows.
      uncertain = true;
      lastProblem = "GitHub did not answer a branch update";
    } else {
      lastProblem = head === undefined ? "another job created the branch at the same time" : "another job moved the branch first";
    }
    return { retry: true, value: undefined };
  }, publishRetries(policy));
  if (landed !== undefined) return landed;
  throw new Error(
    `could not add ${file.path} to ${git.name} after ${policy.publishAttempts} tries (last: ${lastProblem}); ` +
      (append.whenGivenUp ?? "the run is kept in the staging store: publish it again later"),
  );
}

/**
 * Did an earlier try land although its answer said otherwise (a retried request whose first send
 * took effect)? The head being our commit is free to check; after a lost answer, someone may
 * already have committed on top of ours, so the file itself is looked up.
 */
async function alreadyPublished(git: BranchGit, head: BranchHead, file: WrittenBlob, ourCommits: Set<string>, answerLost: boolean): Promise<boolean> {
  if (ourCommits.has(head.commitSha)) return true;
  return answerLost && (await git.findBlob(head.treeSha, file.path)) === file.sha;
}

/**
 * "If absent" files are uploaded only when a head lacks them, once each: a dataset version the
 * branch has already (tens of MB) is not sent again with every run over it.
 */
class LazyBlobs {
  private readonly shas = new Map<string, Promise<string>>();

  constructor(
    private readonly git: BranchGit,
    readonly files: readonly BranchFile[],
  ) {}

  async written(file: BranchFile): Promise<WrittenBlob> {
    let sha = this.shas.get(file.path);
    if (sha === undefined) {
      sha = this.git.createBlob(file.content);
      this.shas.set(file.path, sha);
      sha.catch(() => this.shas.delete(file.path));
    }
    return { path: file.path, sha: await sha };
  }
}

async function orphanCommit(git: BranchGit, message: string, file: WrittenBlob, ifAbsent: LazyBlobs): Promise<string> {
  const files: TreeFile[] = [{ path: README_PATH, content: README }, file];
  for (const extra of ifAbsent.files) files.push(await ifAbsent.written(extra));
  const tree = await git.createTree(files, undefined);
  // No parents: the results branch shares no history with the code.
  return git.createCommit(message, tree, []);
}

async function commitOnTop(git: BranchGit, head: BranchHead, message: string, file: WrittenBlob, ifAbsent: LazyBlobs): Promise<string> {
  const files: TreeFile[] = [file];
  for (const extra of ifAbsent.files) {
    if ((await git.findBlob(head.treeSha, extra.path)) === undefined) files.push(await ifAbsent.written(extra));
  }
  const tree = await git.createTree(files, head.treeSha);
  return git.createCommit(message, tree, [head.commitSha]);
}
