import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runTimed, type TimedProcess } from "./timed-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const rssHook = path.join(root, "test/bench/report-rss.mjs");

/**
 * Which evalgate the bench runs: the built bundle users run, the sources through tsx, or another
 * entry file (`{ entry }`, e.g. a bundle of an older commit to compare with).
 */
export type CliBuild = "dist" | "source" | { entry: string };

/**
 * The `node` arguments that start evalgate as its `bin` does: the Node flags of the entry's
 * shebang line, the peak-RSS hook, the entry. `source` runs src/cli/index.ts through tsx, for
 * measuring a change before a build: its start-up includes transpiling (a few hundred ms more).
 */
export function cliCommand(build: CliBuild): string[] {
  const entry =
    build === "dist" ? path.join(root, "dist/cli/index.js") : build === "source" ? path.join(root, "src/cli/index.ts") : path.resolve(build.entry);
  // Another entry may be a bundle without the shebang: it gets the Node flags of src/cli/index.ts.
  const shebangOf = typeof build === "object" && !readFileSync(entry, "utf8").startsWith("#!") ? path.join(root, "src/cli/index.ts") : entry;
  const shebang = readFileSync(shebangOf, "utf8").split("\n", 1)[0] ?? "";
  const nodeFlags = shebang.split(/\s+/).filter((word) => word.startsWith("--"));
  const loader = build === "source" ? ["--import", import.meta.resolve("tsx")] : [];
  return [...nodeFlags, ...loader, "--import", rssHook, entry];
}

/** Runs `evalgate ARGS` in `cwd` and times the whole process. */
export function runEvalgate(build: CliBuild, cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<TimedProcess> {
  return runTimed(process.execPath, [...cliCommand(build), ...args], { cwd, env });
}

/** The same, and throws with its stderr when the command did not exit 0 (1 is a failed gate: fine). */
export async function runEvalgateOk(build: CliBuild, cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<TimedProcess> {
  const result = await runEvalgate(build, cwd, args, env);
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`evalgate ${args.join(" ")} exited ${result.code}:\n${result.stderr.slice(-2000)}`);
  }
  return result;
}
