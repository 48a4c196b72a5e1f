/** What a command that finished wants said and reported. */
export interface CommandResult {
  /** The reply's Markdown; user-provided text already escaped. */
  body: string;
  summary: string;
  commitUrl?: string;
  pullRequestUrl?: string;
  dispatched?: boolean;
  /** False when part of the work failed after something was done (a commit landed, the rerun did not start). */
  ok?: boolean;
}
