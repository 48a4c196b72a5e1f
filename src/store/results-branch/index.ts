/** The results-branch store: runs kept on a Git branch of the user's repository. */
export { DEFAULT_RESULTS_BRANCH, MAX_RUN_FILE_BYTES, ResultsBranchStore, type ResultsBranchStoreOptions } from "./results-branch-store.js";
export { publishRun } from "./publish-run.js";
export { openResultsBranchStore, parseResultsBranchSpec, type OpenResultsBranchOptions } from "./open-results-branch-store.js";
export type { BranchLocation } from "./branch-git.js";
export type { RunRefFilter } from "./branch-index.js";
export type { RunRef, RunRole } from "./layout.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
