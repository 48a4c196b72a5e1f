import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface GitInfo {
  commit?: string;
  branch?: string;
}

/** The commit and branch of `dir` when it is in a git repository; nothing otherwise. */
export async function readGitInfo(dir: string): Promise<GitInfo> {
  const ask = async (args: string[]): Promise<string | undefined> => {
    try {
      const { stdout } = await run("git", args, { cwd: dir, timeout: 5000 });
      const text = stdout.trim();
      return text === "" || text === "HEAD" ? undefined : text;
    } catch {
      return undefined;
    }
  };
  const [commit, branch] = await Promise.all([
    ask(["rev-parse", "HEAD"]),
    ask(["rev-parse", "--abbrev-ref", "HEAD"]),
  ]);
  return { ...(commit ? { commit } : {}), ...(branch ? { branch } : {}) };
}

/**
 * Commits reachable from `newer` but not from `older` (`git rev-list --count older..newer`) in the
 * repository at `dir`: how far a baseline's commit lags a candidate's. Undefined when either
 * commit is unknown here or `dir` is not a repository.
 */
export async function commitsBetween(dir: string, older: string, newer: string): Promise<number | undefined> {
  if (!/^[0-9a-f]{4,64}$/i.test(older) || !/^[0-9a-f]{4,64}$/i.test(newer)) return undefined;
  try {
    const { stdout } = await run("git", ["rev-list", "--count", `${older}..${newer}`], { cwd: dir, timeout: 5000 });
    const count = Number(stdout.trim());
    return Number.isInteger(count) ? count : undefined;
  } catch {
    return undefined;
  }
}
