import type { Run } from "../../../core/model/run.js";
import type { PublishedRuns } from "../../../store/published-runs.js";

/** What this needs from where the Action publishes runs (the results branch or a PostgreSQL store). */
export type CandidateRunSource = Pick<PublishedRuns, "findRuns" | "getRun" | "runItems">;

export interface FindCandidateRunsInput {
  experiments: readonly string[];
  pullRequest: number;
  headSha: string;
  /** Run records read per experiment, at most, looking for older runs of this pull request. */
  maxScanned?: number;
}

/**
 * The latest candidate run of the pull request for each experiment: one at its head commit when
 * there is one, else the newest that names the pull request. A reference says role and commit;
 * only the run record says which pull request, so each candidate looked at costs one read (a
 * file download on the results branch).
 */
export async function findCandidateRuns(store: CandidateRunSource, input: FindCandidateRunsInput): Promise<Run[]> {
  const maxScanned = input.maxScanned ?? 20;
  const found: Run[] = [];
  for (const experiment of input.experiments) {
    const refs = await store.findRuns({ experiment, role: "candidate" });
    const ordered = [...refs.filter((ref) => ref.commit === input.headSha), ...refs.filter((ref) => ref.commit !== input.headSha)];
    for (const ref of ordered.slice(0, maxScanned)) {
      const run = await store.getRun(ref.runId);
      // A shard run covers part of the items: its merged run (mode: merge) stands for the commit.
      if (run?.role === "candidate" && run.pull_request === input.pullRequest && run.selection?.mode !== "shard") {
        found.push(run);
        break;
      }
    }
  }
  return found;
}
