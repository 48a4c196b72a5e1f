import { escapeMarkdown } from "../../../core/report/escape-markdown.js";
import { getPullRequest } from "../../pull-request-info.js";
import { CommandError, type ResolvedDeps } from "../eval-command-deps.js";
import { inlineCode } from "../inline-code.js";
import type { CommandComment } from "../issue-comment-event.js";
import type { CommandResult } from "./command-result.js";
import { startRerun } from "./start-rerun.js";

/** `/eval run [--variant NAME]`: evaluates the pull request again, as that variant when one is named. */
export async function runEvalRun(deps: ResolvedDeps, comment: CommandComment, variant?: string): Promise<CommandResult> {
  const pull = await getPullRequest(deps.octokit, { owner: comment.owner, repo: comment.repo, number: comment.pullRequest });
  const rerun = await startRerun(deps, comment, pull, variant);
  if (!rerun.started) throw new CommandError(`Could not start the evaluation: ${escapeMarkdown(rerun.problem, { maxLength: 300 })}.`);
  return {
    body:
      `Started the evaluation workflow ${inlineCode(deps.workflowFile)} for this pull request (at ${inlineCode(rerun.ref)})` +
      `${variant !== undefined ? ` with variant ${inlineCode(variant)}` : ""}; its report will update this pull request's evalgate comment.`,
    summary: `dispatched ${deps.workflowFile} at ${rerun.ref}${variant !== undefined ? ` (variant ${variant})` : ""}`,
    dispatched: true,
  };
}
