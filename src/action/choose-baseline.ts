/** A stored run as the results branch lists it, from its path alone. */
export interface BaselineCandidate {
  runId: string;
  datasetVersion: string;
  commit?: string;
}

export interface ChosenBaseline {
  runId: string;
  /** The commit the baseline ran on, when its path names one. */
  commit?: string;
  /** True when it is the merge base's own baseline (then it is 0 commits old). */
  atMergeBase: boolean;
  /** Says which baseline was used and how it was found, for the comment's footer. */
  note: string;
}

/**
 * The baseline of the merge base when one exists (over any dataset version: a PR that changes the
 * dataset is compared over the items both share); else the newest baseline of the baseline branch
 * with the same dataset version. `baselines` come newest first.
 */
export function chooseBaseline(
  baselines: readonly BaselineCandidate[],
  wanted: { mergeBase?: string; datasetVersion: string; baselineBranch: string },
): ChosenBaseline | undefined {
  const short = (sha: string | undefined) => (sha ? sha.slice(0, 7) : "unknown commit");
  if (wanted.mergeBase) {
    const atMergeBase =
      baselines.find((run) => run.commit === wanted.mergeBase && run.datasetVersion === wanted.datasetVersion) ??
      baselines.find((run) => run.commit === wanted.mergeBase);
    if (atMergeBase) {
      return {
        runId: atMergeBase.runId,
        ...(atMergeBase.commit ? { commit: atMergeBase.commit } : {}),
        atMergeBase: true,
        note: `baseline ${atMergeBase.runId} of ${wanted.baselineBranch}@${short(atMergeBase.commit)}, the merge base`,
      };
    }
  }
  const sameDataset = baselines.find((run) => run.datasetVersion === wanted.datasetVersion);
  if (!sameDataset) return undefined;
  const why = wanted.mergeBase ? `no baseline exists for the merge base ${short(wanted.mergeBase)}; ` : "";
  return {
    runId: sameDataset.runId,
    ...(sameDataset.commit ? { commit: sameDataset.commit } : {}),
    atMergeBase: false,
    note: `${why}newest baseline on ${wanted.baselineBranch} with the same dataset version: ${sameDataset.runId} (${wanted.baselineBranch}@${short(sameDataset.commit)})`,
  };
}
