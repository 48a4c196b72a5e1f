import type { FakeState, RepoState } from "./types.js";

export interface FakeSettings {
  /** Check-run creation answers 403 "Resource not accessible by integration" (a token without `checks: write`). */
  checkRunsForbidden: boolean;
  /** The login used for writes by a token not listed in `tokenLogins`. */
  defaultLogin: string;
  /** The app's slug; installation tokens act as "<slug>[bot]". */
  appSlug: string;
  tokenLogins: Record<string, string>;
  /**
   * Tokens that may read but not write (Dependabot's GITHUB_TOKEN, or `permissions:` without a
   * write scope): every write answers 403 "Resource not accessible by integration".
   */
  readOnlyTokens: Set<string>;
}

/** What every route and seed helper shares: the state, the clock, ids, and the base URL. */
export interface FakeContext {
  state: FakeState;
  settings: FakeSettings;
  /** Set once the server listens. */
  apiUrl: string;
  clock: () => Date;
  nextId: { value: number };
}

export function timestamp(ctx: FakeContext): string {
  return ctx.clock().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Ids are global on GitHub (not per repository); a shared counter keeps them unique. */
export function newId(ctx: FakeContext): number {
  ctx.nextId.value += 1;
  return ctx.nextId.value;
}

/** "main" → "refs/heads/main", "heads/main" → "refs/heads/main", "refs/…" unchanged. */
export function fullRefName(ref: string): string {
  if (ref.startsWith("refs/")) return ref;
  if (ref.startsWith("heads/") || ref.startsWith("tags/") || ref.startsWith("pull/")) return `refs/${ref}`;
  return `refs/heads/${ref}`;
}

/** Resolves a sha, a short sha, a branch, a tag or a full ref to a commit sha, as `commits/{ref}` does. */
export function resolveCommitish(repo: RepoState, ref: string): string | undefined {
  if (repo.commits.has(ref)) return ref;
  for (const name of [fullRefName(ref), `refs/tags/${ref}`]) {
    const sha = repo.refs.get(name);
    if (sha) return sha;
  }
  if (/^[0-9a-f]{7,39}$/.test(ref)) {
    const matches = [...repo.commits.keys()].filter((sha) => sha.startsWith(ref));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

export function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

export function getRepo(ctx: FakeContext, owner: string, name: string): RepoState {
  const repo = ctx.state.repos.get(repoKey(owner, name));
  if (!repo) throw new Error(`fake GitHub: no repository ${owner}/${name}; call addRepo first`);
  return repo;
}
