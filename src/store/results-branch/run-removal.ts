import type { BranchGit } from "./branch-git.js";
import { BranchIndex } from "./branch-index.js";
import { parseRunPath } from "./layout.js";
import type { BranchRemoval } from "./remove-from-branch.js";

/**
 * The commit that deletes a published run (`evalgate runs delete`): its run file, its annotation
 * files, and its dataset version's files when no other run on the head is over that version.
 * Decided per head from a fresh listing, so a run another job added meanwhile keeps the dataset.
 */
export function runRemoval(git: BranchGit, runId: string): BranchRemoval {
  return {
    message: `evalgate: delete run ${runId}`,
    async pathsToRemove(head) {
      const blobs = await git.listBlobs(head.treeSha);
      const index = new BranchIndex(blobs);
      const run = index.run(runId);
      if (run === undefined) return [];
      // Every file of the run: one republished under another role or commit has two.
      const runFiles = blobs.filter((blob) => parseRunPath(blob.path)?.runId === runId).map((blob) => blob.path);
      const paths = [...runFiles, ...index.annotationsOf(runId).map((file) => file.path)];
      const otherRuns = index.runsOfDatasetVersion(run.datasetVersion).filter((other) => other.runId !== runId);
      if (otherRuns.length === 0) paths.push(...index.datasetFilesOf(run.datasetVersion).map((file) => file.path));
      return paths;
    },
    whenGivenUp: "nothing was removed; run `evalgate runs delete` again",
  };
}
