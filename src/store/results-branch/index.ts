/** The results-branch store: runs kept on a Git branch of the user's repository. */
export { MAX_RUN_FILE_BYTES, ResultsBranchStore, type ResultsBranchStoreOptions } from "./results-branch-store.js";
export { publishRun } from "./publish-run.js";
export { openResultsBranchStore, parseResultsBranchSpec, type OpenResultsBranchOptions } from "./open-results-branch-store.js";
export type { BranchLocation } from "./branch-git.js";
export type { RunRefFilter } from "./branch-index.js";
export { DEFAULT_RESULTS_BRANCH, type RunRef, type RunRole } from "./layout.js";
export { DEFAULT_BRANCH_RETRY_POLICY, type BranchRetryPolicy } from "./retry-policy.js";
