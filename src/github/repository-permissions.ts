import type { GitHubClient } from "./github-client.js";
import { isNotFound } from "./request-status.js";

export type RepositoryPermission = "admin" | "write" | "read" | "none";

// GitHub's legacy `permission` field already folds maintain into write and triage into read;
// mapping them here too keeps the answer right if a role name ever comes through.
const PERMISSIONS: Record<string, RepositoryPermission> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
};

/** A user's access to a repository; "none" for someone who is not a collaborator (GitHub answers 404). */
export async function getPermission(octokit: GitHubClient, input: { owner: string; repo: string; username: string }): Promise<RepositoryPermission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel(input);
    return PERMISSIONS[data.permission] ?? "none";
  } catch (error) {
    if (isNotFound(error)) return "none";
    throw error;
  }
}
