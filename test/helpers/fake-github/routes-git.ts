import { resolveCommitish, timestamp, type FakeContext } from "./context.js";
import { buildTree, flattenTree, isAncestor, writeBlob, writeCommit, type FlatTreeEntry, type TreeChange } from "./git-objects.js";
import { ApiError, notFound, repoOf, requireString, route, stringField, type Route, type RouteContext } from "./http.js";
import { gitCommitJson, nodeId, refJson, repoApiUrl } from "./shapes.js";
import type { GitPerson, RepoState } from "./types.js";

/** The Git Data API: how the results branch is written without a clone. */

const MODES: Record<string, TreeChange["type"]> = { "100644": "blob", "100755": "blob", "120000": "blob", "040000": "tree", "160000": "commit" };

/** GitHub's base64 has a newline every 60 characters; clients must cope. */
export function wrappedBase64(content: Buffer): string {
  return (content.toString("base64").match(/.{1,60}/g) ?? []).join("\n") + "\n";
}

function treeJson(ctx: FakeContext, repo: RepoState, sha: string, entries: FlatTreeEntry[]): Record<string, unknown> {
  const base = repoApiUrl(ctx, repo);
  return {
    sha,
    url: `${base}/git/trees/${sha}`,
    tree: entries.map((entry) => ({
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.type === "blob" ? { size: entry.size ?? repo.blobs.get(entry.sha)?.length ?? 0, url: `${base}/git/blobs/${entry.sha}` } : {}),
      ...(entry.type === "tree" ? { url: `${base}/git/trees/${entry.sha}` } : {}),
    })),
    truncated: false,
  };
}

function decodeContent(ctx: RouteContext): Buffer {
  const content = requireString(ctx.body, "Blob", "content");
  const encoding = stringField(ctx.body, "encoding") ?? "utf-8";
  if (encoding === "base64") return Buffer.from(content, "base64");
  if (encoding === "utf-8" || encoding === "utf8") return Buffer.from(content, "utf8");
  throw new ApiError(422, `encoding must be "utf-8" or "base64"`);
}

function treeChanges(ctx: RouteContext, repo: RepoState): TreeChange[] {
  if (!Array.isArray(ctx.body.tree)) throw new ApiError(422, "Invalid request.\n\n\"tree\" wasn't supplied.");
  return ctx.body.tree.map((raw: unknown) => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const path = typeof entry.path === "string" ? entry.path : "";
    const mode = typeof entry.mode === "string" ? entry.mode : "";
    const type = MODES[mode];
    if (!path || path.startsWith("/") || path.endsWith("/") || !type || entry.type !== type) {
      throw new ApiError(422, `Invalid tree info: path ${JSON.stringify(path)}, mode ${JSON.stringify(mode)}, type ${JSON.stringify(entry.type)}`);
    }
    if (typeof entry.content === "string") return { path, mode, type, sha: writeBlob(repo, Buffer.from(entry.content, "utf8")) };
    if (entry.sha === null) return { path, mode, type, sha: null };
    const sha = typeof entry.sha === "string" ? entry.sha : "";
    const known = type === "blob" ? repo.blobs.has(sha) : type === "tree" ? repo.trees.has(sha) : /^[0-9a-f]{40}$/.test(sha);
    if (!known) throw new ApiError(422, `tree.sha ${sha} is not a valid ${type}`);
    return { path, mode, type, sha };
  });
}

function person(value: unknown, fallback: GitPerson): GitPerson {
  const fields = (value ?? {}) as Record<string, unknown>;
  return {
    name: typeof fields.name === "string" ? fields.name : fallback.name,
    email: typeof fields.email === "string" ? fields.email : fallback.email,
    date: typeof fields.date === "string" ? fields.date : fallback.date,
  };
}

function existingRef(repo: RepoState, ctx: RouteContext): string {
  const name = `refs/${ctx.params.ref ?? ""}`;
  if (!repo.refs.has(name)) throw new ApiError(422, "Reference does not exist");
  return name;
}

export const gitRoutes: Route[] = [
  route("GET", "/repos/{owner}/{repo}/git/ref/{ref}", (ctx) => {
    const repo = repoOf(ctx);
    const name = `refs/${ctx.params.ref ?? ""}`;
    const sha = repo.refs.get(name);
    if (!sha) throw notFound();
    return { status: 200, body: refJson(ctx.fake, repo, name, sha) };
  }),
  route("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref}", (ctx) => {
    const repo = repoOf(ctx);
    const prefix = `refs/${ctx.params.ref ?? ""}`;
    const matching = [...repo.refs.entries()].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
    return { status: 200, body: matching.map(([name, sha]) => refJson(ctx.fake, repo, name, sha)) };
  }),
  route("POST", "/repos/{owner}/{repo}/git/refs", (ctx) => {
    const repo = repoOf(ctx);
    const name = requireString(ctx.body, "Reference", "ref");
    const sha = requireString(ctx.body, "Reference", "sha");
    if (!name.startsWith("refs/") || name.split("/").length < 3) {
      throw new ApiError(422, "Reference name must start with 'refs/' and contain at least two slashes");
    }
    if (repo.refs.has(name)) throw new ApiError(422, "Reference already exists");
    if (!repo.commits.has(sha)) throw new ApiError(422, "Object does not exist");
    repo.refs.set(name, sha);
    const json = refJson(ctx.fake, repo, name, sha);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  }),
  route("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}", (ctx) => {
    const repo = repoOf(ctx);
    const name = existingRef(repo, ctx);
    const sha = requireString(ctx.body, "Reference", "sha");
    if (!repo.commits.has(sha)) throw new ApiError(422, "Object does not exist");
    const current = repo.refs.get(name) ?? "";
    // Concurrent writers race here: the loser's commit does not contain the winner's, so it is refused.
    if (ctx.body.force !== true && !isAncestor(repo, current, sha)) throw new ApiError(422, "Update is not a fast forward");
    repo.refs.set(name, sha);
    return { status: 200, body: refJson(ctx.fake, repo, name, sha) };
  }),
  route("DELETE", "/repos/{owner}/{repo}/git/refs/{ref}", (ctx) => {
    const repo = repoOf(ctx);
    repo.refs.delete(existingRef(repo, ctx));
    return { status: 204 };
  }),
  route("POST", "/repos/{owner}/{repo}/git/blobs", (ctx) => {
    const repo = repoOf(ctx);
    const sha = writeBlob(repo, decodeContent(ctx));
    const url = `${repoApiUrl(ctx.fake, repo)}/git/blobs/${sha}`;
    return { status: 201, body: { url, sha }, headers: { location: url } };
  }),
  route("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", (ctx) => {
    const repo = repoOf(ctx);
    const sha = ctx.params.file_sha ?? "";
    const content = repo.blobs.get(sha);
    if (!content) throw notFound();
    const url = `${repoApiUrl(ctx.fake, repo)}/git/blobs/${sha}`;
    return { status: 200, body: { sha, node_id: nodeId("B", sha), size: content.length, url, content: wrappedBase64(content), encoding: "base64" } };
  }),
  route("POST", "/repos/{owner}/{repo}/git/trees", (ctx) => {
    const repo = repoOf(ctx);
    const baseTree = stringField(ctx.body, "base_tree") ?? null;
    if (baseTree !== null && !repo.trees.has(baseTree)) throw new ApiError(422, "Invalid tree info: base_tree is not a tree");
    const sha = buildTree(repo, baseTree, treeChanges(ctx, repo));
    return { status: 201, body: treeJson(ctx.fake, repo, sha, repo.trees.get(sha) ?? []) };
  }),
  route("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", (ctx) => {
    const repo = repoOf(ctx);
    const wanted = ctx.params.tree_sha ?? "";
    // A tree-ish: a tree sha, or a commit sha, branch or tag whose tree is meant.
    const commit = resolveCommitish(repo, wanted);
    const sha = repo.trees.has(wanted) ? wanted : commit ? repo.commits.get(commit)?.tree : undefined;
    if (!sha) throw notFound();
    const recursive = ctx.query.has("recursive") && !["0", "false"].includes(ctx.query.get("recursive") ?? "");
    const entries = recursive ? flattenTree(repo, sha) : (repo.trees.get(sha) ?? []);
    return { status: 200, body: treeJson(ctx.fake, repo, sha, entries) };
  }),
  route("POST", "/repos/{owner}/{repo}/git/commits", (ctx) => {
    const repo = repoOf(ctx);
    const message = requireString(ctx.body, "Commit", "message");
    const tree = requireString(ctx.body, "Commit", "tree");
    if (!repo.trees.has(tree)) throw new ApiError(422, "Tree SHA does not exist");
    const parents = Array.isArray(ctx.body.parents) ? ctx.body.parents.map(String) : [];
    if (parents.some((parent) => !repo.commits.has(parent))) throw new ApiError(422, "Parent SHA does not exist or is not a commit object");
    const fallback: GitPerson = { name: ctx.login, email: `${ctx.login}@users.noreply.github.com`, date: timestamp(ctx.fake) };
    const author = person(ctx.body.author, fallback);
    const committer = person(ctx.body.committer, author);
    const sha = writeCommit(repo, { tree, parents, message, author, committer });
    const commit = repo.commits.get(sha);
    if (!commit) throw new ApiError(500, "commit vanished");
    const json = gitCommitJson(ctx.fake, repo, commit);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  }),
  route("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", (ctx) => {
    const repo = repoOf(ctx);
    const commit = repo.commits.get(ctx.params.commit_sha ?? "");
    if (!commit) throw notFound();
    return { status: 200, body: gitCommitJson(ctx.fake, repo, commit) };
  }),
];
