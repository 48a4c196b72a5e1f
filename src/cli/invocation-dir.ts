import { realpathSync } from "node:fs";
import path from "node:path";

/**
 * The folder the user typed the command in. `npm run` starts a script in the package root, so
 * `npm run -s evalgate -- …` from a sub-folder, or `npm --prefix CHECKOUT run -s evalgate -- …`
 * from a project elsewhere, would read the checkout's evalgate.yml and write its .evalgate/;
 * npm keeps the folder it was started in as INIT_CWD. Only a process that npm started as the
 * `evalgate` script, in the folder of that package.json, moves there: a process that merely
 * inherits the variables (a command target evalgate starts) stays where it was started.
 */
export function invocationDir(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const { npm_lifecycle_event: script, npm_package_json: packageJson, INIT_CWD: typedIn } = env;
  if (script !== "evalgate" || !packageJson || !typedIn) return cwd;
  return samePath(path.dirname(packageJson), cwd) ? typedIn : cwd;
}

// npm reports the package root as given (--prefix may go through a symlink); cwd is resolved.
function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
