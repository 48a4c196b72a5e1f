import { createHash } from "node:crypto";
import type { GitCommit, GitPerson, GitTreeEntry, RepoState } from "./types.js";

/**
 * Real git object hashing (`sha1("<type> <len>\0<body>")`), so a blob written through the fake
 * has the sha `git hash-object` would give it and shas stay stable across runs.
 */
export function hashObject(type: "blob" | "tree" | "commit", body: Buffer): string {
  const header = Buffer.from(`${type} ${body.length}\0`);
  return createHash("sha1").update(header).update(body).digest("hex");
}

export function writeBlob(repo: RepoState, content: Buffer): string {
  const sha = hashObject("blob", content);
  repo.blobs.set(sha, content);
  return sha;
}

/** Git orders tree entries by name, comparing a subtree as if its name ended in "/". */
function sortKey(entry: GitTreeEntry): Buffer {
  return Buffer.from(entry.type === "tree" ? `${entry.path}/` : entry.path);
}

export function writeTree(repo: RepoState, entries: GitTreeEntry[]): string {
  const sorted = [...entries].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
  const body = Buffer.concat(
    sorted.map((entry) => {
      // The object format writes trees as "40000"; the API shows "040000".
      const mode = entry.mode === "040000" ? "40000" : entry.mode;
      return Buffer.concat([Buffer.from(`${mode} ${entry.path}\0`), Buffer.from(entry.sha, "hex")]);
    }),
  );
  const sha = hashObject("tree", body);
  repo.trees.set(sha, sorted);
  return sha;
}

function personLine(role: "author" | "committer", person: GitPerson): string {
  const seconds = Math.floor(Date.parse(person.date) / 1000);
  return `${role} ${person.name} <${person.email}> ${seconds} +0000`;
}

export function writeCommit(repo: RepoState, commit: Omit<GitCommit, "sha">): string {
  const lines = [
    `tree ${commit.tree}`,
    ...commit.parents.map((parent) => `parent ${parent}`),
    personLine("author", commit.author),
    personLine("committer", commit.committer),
    "",
    commit.message,
  ];
  const sha = hashObject("commit", Buffer.from(lines.join("\n")));
  repo.commits.set(sha, { sha, ...commit });
  return sha;
}

/** Every commit reachable from `start` (itself included), nearest first. */
export function ancestors(repo: RepoState, start: string): string[] {
  const seen = new Set<string>([start]);
  const order: string[] = [start];
  for (let index = 0; index < order.length; index++) {
    const commit = repo.commits.get(order[index] ?? "");
    for (const parent of commit?.parents ?? []) {
      if (!seen.has(parent)) {
        seen.add(parent);
        order.push(parent);
      }
    }
  }
  return order;
}

export function isAncestor(repo: RepoState, ancestor: string, descendant: string): boolean {
  return ancestors(repo, descendant).includes(ancestor);
}

export function mergeBase(repo: RepoState, base: string, head: string): string | null {
  const baseAncestors = new Set(ancestors(repo, base));
  return ancestors(repo, head).find((sha) => baseAncestors.has(sha)) ?? null;
}

export interface FlatTreeEntry extends GitTreeEntry {
  /** For blobs, the content length. */
  size?: number;
}

/** All entries under a tree with full paths, subtrees included (what `?recursive=1` lists). */
export function flattenTree(repo: RepoState, treeSha: string, prefix = ""): FlatTreeEntry[] {
  const result: FlatTreeEntry[] = [];
  for (const entry of repo.trees.get(treeSha) ?? []) {
    const path = prefix + entry.path;
    if (entry.type === "blob") {
      result.push({ ...entry, path, size: repo.blobs.get(entry.sha)?.length ?? 0 });
    } else {
      result.push({ ...entry, path });
    }
    if (entry.type === "tree") result.push(...flattenTree(repo, entry.sha, `${path}/`));
  }
  return result;
}

/** The entry at a nested path ("runs/exp/abc.json.gz"), or undefined. */
export function findPath(repo: RepoState, treeSha: string, path: string): GitTreeEntry | undefined {
  const segments = path.split("/").filter((segment) => segment !== "");
  let entries = repo.trees.get(treeSha);
  let found: GitTreeEntry | undefined;
  for (const segment of segments) {
    found = entries?.find((entry) => entry.path === segment);
    if (!found) return undefined;
    entries = found.type === "tree" ? repo.trees.get(found.sha) : undefined;
  }
  return found;
}

/** A change to one nested path: a new entry, or `sha: null` to delete what is there. */
export interface TreeChange {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string | null;
}

interface DirNode {
  entries: Map<string, GitTreeEntry | DirNode>;
}

function isDir(node: GitTreeEntry | DirNode): node is DirNode {
  return "entries" in node;
}

function loadDir(repo: RepoState, treeSha: string | null): DirNode {
  const entries = new Map<string, GitTreeEntry | DirNode>();
  for (const entry of treeSha ? (repo.trees.get(treeSha) ?? []) : []) entries.set(entry.path, entry);
  return { entries };
}

function applyChange(repo: RepoState, root: DirNode, change: TreeChange): void {
  const segments = change.path.split("/");
  const name = segments.pop() ?? "";
  let dir = root;
  for (const segment of segments) {
    const existing = dir.entries.get(segment);
    let next: DirNode;
    if (existing && isDir(existing)) next = existing;
    else if (existing?.type === "tree") next = loadDir(repo, existing.sha);
    else if (change.sha === null) return;
    else next = loadDir(repo, null);
    dir.entries.set(segment, next);
    dir = next;
  }
  if (change.sha === null) dir.entries.delete(name);
  else dir.entries.set(name, { path: name, mode: change.mode, type: change.type, sha: change.sha });
}

/** Writes a directory bottom-up; git stores no empty subtrees, so those are dropped (null). */
function writeDir(repo: RepoState, dir: DirNode, isRoot: boolean): string | null {
  const entries: GitTreeEntry[] = [];
  for (const [name, node] of dir.entries) {
    if (!isDir(node)) {
      entries.push(node);
      continue;
    }
    const sha = writeDir(repo, node, false);
    if (sha) entries.push({ path: name, mode: "040000", type: "tree", sha });
  }
  if (entries.length === 0 && !isRoot) return null;
  return writeTree(repo, entries);
}

/** `POST /git/trees` semantics: start from `baseTree` (or empty) and apply nested-path changes. */
export function buildTree(repo: RepoState, baseTree: string | null, changes: TreeChange[]): string {
  const root = loadDir(repo, baseTree);
  for (const change of changes) applyChange(repo, root, change);
  return writeDir(repo, root, true) ?? writeTree(repo, []);
}
