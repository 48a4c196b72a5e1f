import { newId, timestamp, type FakeContext } from "./context.js";
import { ApiError, intParam, notFound, paginate, repoOf, requireString, route, validationFailed, type Route, type RouteContext } from "./http.js";
import { nodeId, repoApiUrl, userJson } from "./shapes.js";
import type { IssueComment, RepoState } from "./types.js";

/** Issue comments (sticky report comments) and reactions (the bot's acknowledgement). */

// GitHub refuses longer comment bodies although its OpenAPI description sets no maxLength.
const MAX_COMMENT_BODY = 65_536;
const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

function reactionSummary(ctx: FakeContext, repo: RepoState, comment: IssueComment): Record<string, unknown> {
  const counts: Record<string, number> = Object.fromEntries(REACTIONS.map((content) => [content, 0]));
  let total = 0;
  for (const reaction of repo.reactions) {
    if (reaction.commentId !== comment.id) continue;
    counts[reaction.content] = (counts[reaction.content] ?? 0) + 1;
    total++;
  }
  return { url: `${repoApiUrl(ctx, repo)}/issues/comments/${comment.id}/reactions`, total_count: total, ...counts };
}

function commentJson(ctx: FakeContext, repo: RepoState, comment: IssueComment): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  const isPull = repo.issues.get(comment.issueNumber)?.isPullRequest ?? false;
  return {
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    url: `${base}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${repo.fullName}/${isPull ? "pull" : "issues"}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${base}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(ctx, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.endsWith("[bot]") ? "NONE" : "OWNER",
    reactions: reactionSummary(ctx, repo, comment),
  };
}

function commentBody(ctx: RouteContext): string {
  const body = requireString(ctx.body, "IssueComment", "body");
  if (body.length > MAX_COMMENT_BODY) {
    throw validationFailed("IssueComment", "body", `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`);
  }
  return body;
}

function issueOf(ctx: RouteContext, repo: RepoState): number {
  const number = intParam(ctx, "issue_number");
  if (!repo.issues.has(number)) throw notFound();
  return number;
}

function commentOf(ctx: RouteContext, repo: RepoState): IssueComment {
  const comment = repo.comments.get(intParam(ctx, "comment_id"));
  if (!comment) throw notFound();
  return comment;
}

export const issueRoutes: Route[] = [
  route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
    const repo = repoOf(ctx);
    const number = issueOf(ctx, repo);
    const since = ctx.query.get("since");
    const comments = [...repo.comments.values()]
      .filter((comment) => comment.issueNumber === number && (!since || comment.updatedAt >= since))
      .sort((a, b) => a.id - b.id);
    const { page, headers } = paginate(ctx, comments);
    return { status: 200, body: page.map((comment) => commentJson(ctx.fake, repo, comment)), headers };
  }),
  route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
    const repo = repoOf(ctx);
    const issueNumber = issueOf(ctx, repo);
    const now = timestamp(ctx.fake);
    const comment: IssueComment = { id: newId(ctx.fake), issueNumber, body: commentBody(ctx), user: ctx.login, createdAt: now, updatedAt: now };
    repo.comments.set(comment.id, comment);
    const json = commentJson(ctx.fake, repo, comment);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  }),
  route("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: commentJson(ctx.fake, repo, commentOf(ctx, repo)) };
  }),
  route("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
    const repo = repoOf(ctx);
    const comment = commentOf(ctx, repo);
    comment.body = commentBody(ctx);
    comment.updatedAt = timestamp(ctx.fake);
    return { status: 200, body: commentJson(ctx.fake, repo, comment) };
  }),
  route("DELETE", "/repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
    const repo = repoOf(ctx);
    repo.comments.delete(commentOf(ctx, repo).id);
    return { status: 204 };
  }),
  route("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", (ctx) => {
    const repo = repoOf(ctx);
    const comment = commentOf(ctx, repo);
    const content = ctx.query.get("content");
    const reactions = repo.reactions.filter((r) => r.commentId === comment.id && (!content || r.content === content));
    const { page, headers } = paginate(ctx, reactions);
    const body = page.map((r) => ({ id: r.id, node_id: nodeId("REA", r.id), user: userJson(ctx.fake, r.user), content: r.content, created_at: r.createdAt }));
    return { status: 200, body, headers };
  }),
  route("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", (ctx) => {
    const repo = repoOf(ctx);
    const comment = commentOf(ctx, repo);
    const content = requireString(ctx.body, "Reaction", "content");
    if (!REACTIONS.includes(content)) throw validationFailed("Reaction", "content", `content is not included in the list`, "invalid");
    const existing = repo.reactions.find((r) => r.commentId === comment.id && r.user === ctx.login && r.content === content);
    // Reacting twice with the same content returns the first reaction with 200, not a duplicate.
    const reaction = existing ?? { id: newId(ctx.fake), commentId: comment.id, content, user: ctx.login, createdAt: timestamp(ctx.fake) };
    if (!existing) repo.reactions.push(reaction);
    const body = { id: reaction.id, node_id: nodeId("REA", reaction.id), user: userJson(ctx.fake, reaction.user), content, created_at: reaction.createdAt };
    return { status: existing ? 200 : 201, body };
  }),
  route("GET", "/repos/{owner}/{repo}/issues/{issue_number}", (ctx) => {
    const repo = repoOf(ctx);
    const issue = repo.issues.get(issueOf(ctx, repo));
    if (!issue) throw new ApiError(404, "Not Found");
    const base = repoApiUrl(ctx.fake, repo);
    const pull = repo.pulls.get(issue.number);
    return {
      status: 200,
      body: {
        id: repo.id * 1000 + issue.number,
        node_id: nodeId("I", repo.id * 1000 + issue.number),
        url: `${base}/issues/${issue.number}`,
        html_url: `https://github.com/${repo.fullName}/${issue.isPullRequest ? "pull" : "issues"}/${issue.number}`,
        number: issue.number,
        title: issue.title,
        state: pull?.state ?? "open",
        user: userJson(ctx.fake, pull?.user ?? "octocat"),
        ...(issue.isPullRequest ? { pull_request: { url: `${base}/pulls/${issue.number}` } } : {}),
      },
    };
  }),
];
