import { baselineProblems } from "../core/baseline-fitness.js";
import { compareRuns } from "../core/compare-runs.js";
import type { Comparison } from "../core/comparison.js";
import { UserError } from "../core/errors.js";
import type { Run } from "../core/model/run.js";
import { storedGateOf } from "../core/stored-gate.js";
import { commitsBetween } from "../engine/git-info.js";
import type { RunStore } from "../store/run-store.js";

/** A comparison of two stored runs, why its baseline cannot serve, and why the candidate cannot be held to the gate (empty when all is well). */
export interface StoredComparison {
  comparison: Comparison;
  baselineProblems: string[];
  candidateProblems: string[];
}

/**
 * Compares two stored runs of one experiment under the candidate's stored gate (its
 * `significance`, `cluster` and critical scorers). Throws `UserError` (exit 2) for runs of
 * different experiments, and for runs whose items have none in common. A baseline that cannot
 * serve (not complete, no item, too many errors, other judging rules, older than
 * `baseline_max_age` commits as git in `gitDir` counts them) is reported in `baselineProblems`:
 * the verdict is then `not_comparable` (exit 4). A candidate with no item at all (a run killed at
 * once) is compared: its verdict then says why it fails.
 */
export async function compareStoredRuns(
  store: RunStore,
  baseline: Run,
  candidate: Run,
  gitDir: string,
): Promise<StoredComparison> {
  if (baseline.experiment !== candidate.experiment) {
    throw new UserError(
      `runs ${baseline.id} and ${candidate.id} are of different experiments ` +
        `("${baseline.experiment}" and "${candidate.experiment}"); compare runs of one experiment`,
    );
  }
  const [baselineVersion, candidateVersion] = await Promise.all([
    store.getExperimentVersion(baseline.experiment, baseline.experiment_version),
    store.getExperimentVersion(candidate.experiment, candidate.experiment_version),
  ]);
  const rules = storedGateOf(candidate.id, candidate.experiment_version, candidateVersion?.definition);
  const comparison = await compareRuns(
    { run: baseline, items: store.runItems(baseline.id) },
    { run: candidate, items: store.runItems(candidate.id) },
    {
      ...(rules.gate.significance !== undefined ? { alpha: rules.gate.significance } : {}),
      ...(rules.cluster !== undefined ? { cluster: rules.cluster } : {}),
      critical: rules.critical,
    },
  );
  const { shared, only_baseline: onlyBaseline, only_candidate: onlyCandidate } = comparison.items;
  if (shared === 0 && onlyCandidate.count > 0 && onlyBaseline.count > 0) {
    throw new UserError(
      `runs ${baseline.id} and ${candidate.id} share no item ` +
        `(datasets ${baseline.dataset_version} and ${candidate.dataset_version}), so there is nothing to compare`,
    );
  }
  const age = rules.gate.baseline_max_age === undefined ? undefined : await baselineAge(gitDir, baseline, candidate);
  const problems = baselineProblems({
    baseline,
    candidate,
    baselineItems: shared + onlyBaseline.count,
    baselineDefinition: baselineVersion?.definition,
    candidateDefinition: candidateVersion?.definition,
    gate: rules.gate,
    maxErrorRate: rules.maxErrorRate,
    ...(age !== undefined && "commits" in age ? { baselineAgeCommits: age.commits } : {}),
  });
  if (age !== undefined && "problem" in age && age.side === "baseline") problems.push(age.problem);
  const candidateProblems = age !== undefined && "problem" in age && age.side === "candidate" ? [age.problem] : [];
  return { comparison, baselineProblems: problems, candidateProblems };
}

type BaselineAge = { commits: number } | { side: "baseline" | "candidate"; problem: string };

/**
 * Commits from the baseline's commit to the candidate's, as git in `gitDir` counts them; else
 * why not, and whose problem it is (a candidate without a commit is the candidate's).
 */
async function baselineAge(gitDir: string, baseline: Run, candidate: Run): Promise<BaselineAge> {
  if (candidate.git_commit === undefined) {
    return {
      side: "candidate",
      problem:
        `the candidate run ${candidate.id} records no git commit, so the baseline's age cannot be checked against ` +
        "baseline_max_age; run it inside the repository",
    };
  }
  if (baseline.git_commit === undefined) {
    return { side: "baseline", problem: "it records no git commit, so its age in commits cannot be told (the gate sets baseline_max_age)" };
  }
  const commits = await commitsBetween(gitDir, baseline.git_commit, candidate.git_commit);
  if (commits !== undefined) return { commits };
  return {
    side: "baseline",
    problem:
      `its age in commits cannot be told: git here knows no history from its commit ${baseline.git_commit.slice(0, 12)} ` +
      `to the candidate's ${candidate.git_commit.slice(0, 12)} (the gate sets baseline_max_age)`,
  };
}
