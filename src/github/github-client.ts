import type { Octokit } from "@octokit/rest";

/**
 * What every adapter in `src/github/` needs from an Octokit. Structural on purpose: the Action's
 * client (`createOctokit`), `@actions/github`'s `getOctokit` and Probot's `context.octokit` all fit.
 */
export type GitHubClient = Pick<Octokit, "rest" | "paginate">;

/** Where adapters report what a user may want to know; the Action maps it to `core.info`/`core.warning`. */
export interface AdapterLog {
  info(message: string): void;
  warning(message: string): void;
}
