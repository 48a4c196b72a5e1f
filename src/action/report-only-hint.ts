/** A write GitHub refused (403): from then on the run reports to the job summary only. */
export interface RefusedWrite {
  /** What was refused, as the end of "GitHub refused to …": "create the check run". */
  what: string;
  /** GitHub's own message ("Resource not accessible by integration"). */
  message: string;
}

/**
 * The one line that says why nothing was posted and what would post the comment and the check.
 * Dependabot's runs get a read-only token unless `permissions:` asks for more, and Dependabot
 * secrets only; a `workflow_run` after them has neither limit (GitHub's "Troubleshooting
 * Dependabot on GitHub Actions"). Any other refusal is a missing scope.
 */
export function reportOnlyHint(
  refused: RefusedWrite,
  /** The results branch runs are stored on; undefined when they go to a PostgreSQL store (store-url), which needs no contents scope. */
  input: { actor: string | undefined; resultsBranch: string | undefined },
): string {
  const scopes = input.resultsBranch === undefined ? "pull-requests: write, checks: write" : "pull-requests: write, checks: write, contents: write";
  const fix =
    input.actor === "dependabot[bot]"
      ? `Dependabot's runs get a read-only token: to post the comment and the check, add the workflow_run workflow from the README ("Fork and Dependabot pull requests"), or give this workflow \`permissions: ${scopes}\` and its secrets as Dependabot secrets.`
      : `To post the comment and the check, give the workflow \`permissions: ${scopes}\`${input.resultsBranch === undefined ? "" : ` (contents for the ${input.resultsBranch} branch)`}.`;
  return `evalgate: GitHub refused to ${refused.what} (403: ${refused.message}), so this run reports to the job summary and the report file only. ${fix}`;
}
