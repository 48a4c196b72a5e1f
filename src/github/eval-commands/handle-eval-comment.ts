import { isUserError } from "../../core/errors.js";
import { RegressionPlanError } from "../../core/regression/regression-errors.js";
import { escapeMarkdown } from "../../core/report/escape-markdown.js";
import { messageOf } from "../request-status.js";
import { getPermission } from "../repository-permissions.js";
import { CommandError, resolveDeps, type CommandOutcome, type EvalCommentDeps, type ResolvedDeps } from "./eval-command-deps.js";
import { react, reply } from "./comment-replies.js";
import type { CommandResult } from "./commands/command-result.js";
import { runEvalHelp } from "./commands/help.js";
import { runEvalRegression } from "./commands/regression.js";
import { runEvalRun } from "./commands/run.js";
import { REFUSAL, renderHelp } from "./help-text.js";
import { IssueCommentEventSchema, type CommandComment } from "./issue-comment-event.js";
import { parseEvalComment, type EvalCommand } from "./parse-command.js";
import { renderRegressionError } from "./regression/render-regression-error.js";

export type { CommandOutcome, EvalCommentDeps } from "./eval-command-deps.js";

const MAY_RUN = new Set(["admin", "write"]);

/**
 * Answers one `issue_comment` webhook payload: `/eval regression`, `/eval run` or `/eval help` in
 * the first line of a new comment on a pull request, by someone with write access. Never throws
 * for a command's failure: the author gets a 😕 and a reply saying why.
 */
export async function handleEvalComment(deps: EvalCommentDeps, event: unknown): Promise<CommandOutcome> {
  const resolved = resolveDeps(deps);
  const comment = commandComment(event, resolved);
  if ("ignored" in comment) return { status: "ignored", summary: comment.ignored };
  const parsed = parseEvalComment(comment.body);
  if (parsed.kind === "not-a-command") return { status: "ignored", summary: "not an /eval command" };

  const permission = await getPermission(resolved.octokit, { owner: comment.owner, repo: comment.repo, username: comment.author });
  if (!MAY_RUN.has(permission)) {
    const replyUrl = await reply(resolved.octokit, comment, REFUSAL);
    return { status: "refused", summary: `${comment.author} has ${permission} access; only write or admin may run /eval commands`, replyUrl };
  }

  await react(resolved.octokit, comment, "eyes", resolved.log);
  if (parsed.kind === "invalid") {
    const replyUrl = await reply(resolved.octokit, comment, renderHelp(parsed.problem));
    await react(resolved.octokit, comment, "confused", resolved.log);
    return { status: "failed", command: "usage", summary: parsed.problem, replyUrl };
  }
  return runCommand(resolved, comment, parsed.command);
}

async function runCommand(deps: ResolvedDeps, comment: CommandComment, command: EvalCommand): Promise<CommandOutcome> {
  let result: CommandResult;
  try {
    result = await commandFor(deps, comment, command);
  } catch (error) {
    const body = failureReply(error);
    deps.log.warning(`/eval ${command.kind} on ${comment.owner}/${comment.repo}#${comment.pullRequest} failed: ${messageOf(error)}`);
    const replyUrl = await reply(deps.octokit, comment, body).catch((replyError: unknown) => {
      deps.log.warning(`Could not reply on #${comment.pullRequest}: ${messageOf(replyError)}`);
      return undefined;
    });
    await react(deps.octokit, comment, "confused", deps.log);
    return { status: "failed", command: command.kind, summary: messageOf(error), ...(replyUrl === undefined ? {} : { replyUrl }) };
  }
  const replyUrl = await reply(deps.octokit, comment, result.body);
  const ok = result.ok ?? true;
  await react(deps.octokit, comment, ok ? "rocket" : "confused", deps.log);
  return {
    status: ok ? "done" : "failed",
    command: command.kind,
    summary: result.summary,
    replyUrl,
    ...(result.commitUrl === undefined ? {} : { commitUrl: result.commitUrl }),
    ...(result.pullRequestUrl === undefined ? {} : { pullRequestUrl: result.pullRequestUrl }),
    ...(result.dispatched === undefined ? {} : { dispatched: result.dispatched }),
  };
}

function commandFor(deps: ResolvedDeps, comment: CommandComment, command: EvalCommand): Promise<CommandResult> {
  switch (command.kind) {
    case "help":
      return Promise.resolve(runEvalHelp());
    case "run":
      return runEvalRun(deps, comment, command.variant);
    case "regression":
      return runEvalRegression(deps, comment, command);
  }
}

/**
 * CommandError messages are written for the reply; a planning error is worded here; any other
 * UserError (a bad config) is quoted; anything else is summarised.
 */
function failureReply(error: unknown): string {
  if (error instanceof CommandError) return error.message;
  if (error instanceof RegressionPlanError) return renderRegressionError(error);
  if (isUserError(error)) return `evalgate could not do that:\n\n${quotedLines(error.message, SHOWN_ERROR_LINES)}`;
  return `evalgate could not finish this command: ${escapeMarkdown(messageOf(error), { maxLength: 300 })}. See the app's log for details.`;
}

const SHOWN_ERROR_LINES = 20;

/** The first lines of a message as a Markdown quote, escaped, with "…" when lines were left out. */
function quotedLines(message: string, maxLines: number): string {
  const lines = message.split("\n");
  const quoted = lines.slice(0, maxLines).map((line) => `> ${escapeMarkdown(line, { maxLength: 300 })}`);
  return [...quoted, ...(lines.length > maxLines ? ["> …"] : [])].join("\n");
}

/** The comment, when the event is a new comment on a pull request by a person; else why it is ignored. */
function commandComment(event: unknown, deps: ResolvedDeps): CommandComment | { ignored: string } {
  const parsed = IssueCommentEventSchema.safeParse(event);
  if (!parsed.success) return { ignored: "not an issue_comment payload" };
  const { action, issue, comment, repository } = parsed.data;
  if (action !== "created") return { ignored: `comment ${action}, not created` };
  if (!issue.pull_request) return { ignored: "a comment on an issue, not a pull request" };
  const login = comment.user.login;
  if (comment.user.type === "Bot" || (deps.botLogin !== undefined && login.toLowerCase() === deps.botLogin.toLowerCase())) {
    return { ignored: `a comment by a bot (${login})` };
  }
  return {
    owner: repository.owner.login,
    repo: repository.name,
    pullRequest: issue.number,
    commentId: comment.id,
    body: comment.body ?? "",
    author: login,
  };
}
