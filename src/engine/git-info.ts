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
