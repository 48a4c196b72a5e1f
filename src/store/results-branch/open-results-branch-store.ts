import { UserError } from "../../core/errors.js";
import { createOctokit } from "../../github/create-octokit.js";
import type { BranchLocation } from "./branch-git.js";
import { DEFAULT_RESULTS_BRANCH } from "./layout.js";
import { ResultsBranchStore } from "./results-branch-store.js";

const SPEC_PREFIX = "github:";
// GitHub's rules: owners are letters, digits and single hyphens; repository names add "." and "_".
const SPEC_PATTERN = /^github:([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)(?:@(.+))?$/;

/**
 * `github:OWNER/REPO[@BRANCH]` → where the results branch is; undefined when `text` is not a
 * `github:` store at all (then it is a directory). A malformed `github:` value is a UserError.
 */
export function parseResultsBranchSpec(text: string): BranchLocation | undefined {
  if (!text.startsWith(SPEC_PREFIX)) return undefined;
  const match = SPEC_PATTERN.exec(text);
  const [, owner, repo, branch] = match ?? [];
  if (owner === undefined || repo === undefined || repo === "." || repo === ".." || !validBranch(branch)) {
    throw new UserError(
      `--store "${text}" is not a results branch: write github:OWNER/REPO or github:OWNER/REPO@BRANCH ` +
        `(the branch defaults to ${DEFAULT_RESULTS_BRANCH})`,
    );
  }
  return { owner, repo: repo.replace(/\.git$/, ""), branch: branch ?? DEFAULT_RESULTS_BRANCH };
}

/** The parts of git's ref-name rules a typo is likely to break. */
function validBranch(branch: string | undefined): boolean {
  if (branch === undefined) return true;
  return (
    branch !== "" &&
    !/[\s~^:?*[\\]|\.\.|@\{|\/\/|^[/.-]|[/.]$|\.lock$/.test(branch)
  );
}

export interface OpenResultsBranchOptions {
  /** GITHUB_TOKEN or GH_TOKEN, as the caller found it. */
  token: string | undefined;
  /** GitHub Enterprise Server's API ("https://ghe.example.com/api/v3"); default api.github.com. */
  baseUrl?: string;
  /** Where runs being written are staged before they are published. */
  stagingDir: string;
}

export function openResultsBranchStore(location: BranchLocation, options: OpenResultsBranchOptions): ResultsBranchStore {
  const token = options.token?.trim();
  if (token === undefined || token === "") {
    throw new UserError(
      `--store github:${location.owner}/${location.repo} needs a GitHub token: set GITHUB_TOKEN (or GH_TOKEN), ` +
        "e.g. GITHUB_TOKEN=$(gh auth token)",
    );
  }
  const octokit = createOctokit({ token, ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }) });
  return new ResultsBranchStore({
    octokit,
    ...location,
    stagingDir: options.stagingDir,
  });
}
