import { resolveCommitish, timestamp, type FakeContext } from "./context.js";
import { buildTree, findPath, writeBlob, writeCommit } from "./git-objects.js";
import { ApiError, notFound, repoOf, requireString, route, stringField, type Route } from "./http.js";
import { wrappedBase64 } from "./routes-git.js";
import { gitCommitJson, repoApiUrl } from "./shapes.js";
import type { GitPerson, GitTreeEntry, RepoState } from "./types.js";

/** The Contents API: one file per request, each write a commit on a branch. */

function entryJson(ctx: FakeContext, repo: RepoState, ref: string, path: string, entry: GitTreeEntry): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  const encodedPath = path.split("/").map(encodeURIComponent).join("/");
  const isFile = entry.type === "blob";
  const self = `${base}/contents/${encodedPath}?ref=${encodeURIComponent(ref)}`;
  const git = `${base}/git/${isFile ? "blobs" : "trees"}/${entry.sha}`;
  const html = `https://github.com/${repo.fullName}/${isFile ? "blob" : "tree"}/${ref}/${encodedPath}`;
  return {
    type: isFile ? "file" : entry.type === "tree" ? "dir" : "submodule",
    size: isFile ? (repo.blobs.get(entry.sha)?.length ?? 0) : 0,
    name: path.split("/").pop() ?? path,
    path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: isFile ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${encodedPath}` : null,
    _links: { self, git, html },
  };
}

function fileJson(ctx: FakeContext, repo: RepoState, ref: string, path: string, entry: GitTreeEntry): Record<string, unknown> {
  const content = repo.blobs.get(entry.sha) ?? Buffer.alloc(0);
  return { ...entryJson(ctx, repo, ref, path, entry), content: wrappedBase64(content), encoding: "base64" };
}

function person(value: unknown, fallback: GitPerson): GitPerson {
  const fields = (value ?? {}) as Record<string, unknown>;
  return {
    name: typeof fields.name === "string" ? fields.name : fallback.name,
    email: typeof fields.email === "string" ? fields.email : fallback.email,
    date: fallback.date,
  };
}

export const contentRoutes: Route[] = [
  route("GET", "/repos/{owner}/{repo}/contents/{path}", (ctx) => {
    const repo = repoOf(ctx);
    const ref = ctx.query.get("ref") ?? repo.defaultBranch;
    const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
    const sha = resolveCommitish(repo, ref);
    const tree = sha ? repo.commits.get(sha)?.tree : undefined;
    if (!tree) throw new ApiError(404, `No commit found for the ref ${ref}`);
    const entry = findPath(repo, tree, path);
    if (!entry) throw notFound();
    if (entry.type !== "tree") return { status: 200, body: fileJson(ctx.fake, repo, ref, path, entry) };
    const children = repo.trees.get(entry.sha) ?? [];
    return { status: 200, body: children.map((child) => entryJson(ctx.fake, repo, ref, `${path}/${child.path}`, child)) };
  }),
  route("PUT", "/repos/{owner}/{repo}/contents/{path}", (ctx) => {
    const repo = repoOf(ctx);
    const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
    const message = requireString(ctx.body, "Contents", "message");
    const content = Buffer.from(requireString(ctx.body, "Contents", "content"), "base64");
    const branch = stringField(ctx.body, "branch") ?? repo.defaultBranch;
    const refName = `refs/heads/${branch}`;
    const head = repo.refs.get(refName);
    const headCommit = head ? repo.commits.get(head) : undefined;
    if (!head || !headCommit) throw new ApiError(404, `Branch ${branch} not found`);
    const existing = findPath(repo, headCommit.tree, path);
    const givenSha = stringField(ctx.body, "sha");
    if (existing && givenSha === undefined) throw new ApiError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
    if (existing && givenSha !== existing.sha) throw new ApiError(409, `${path} does not match ${givenSha ?? ""}`);
    if (existing?.type === "tree") throw new ApiError(422, `${path} is a directory`);
    const blob = writeBlob(repo, content);
    const tree = buildTree(repo, headCommit.tree, [{ path, mode: "100644", type: "blob", sha: blob }]);
    const fallback: GitPerson = { name: ctx.login, email: `${ctx.login}@users.noreply.github.com`, date: timestamp(ctx.fake) };
    const committer = person(ctx.body.committer, fallback);
    const author = person(ctx.body.author, committer);
    const commitSha = writeCommit(repo, { tree, parents: [head], message, author, committer });
    repo.refs.set(refName, commitSha);
    const commit = repo.commits.get(commitSha);
    if (!commit) throw new ApiError(500, "commit vanished");
    const entry: GitTreeEntry = { path, mode: "100644", type: "blob", sha: blob };
    return {
      status: existing ? 200 : 201,
      body: { content: entryJson(ctx.fake, repo, branch, path, entry), commit: gitCommitJson(ctx.fake, repo, commit) },
    };
  }),
];
