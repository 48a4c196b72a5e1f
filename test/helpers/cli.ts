import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cliEntry = path.join(root, "src/cli/main.ts");
const tsxLoader = import.meta.resolve("tsx");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A temporary directory holding an evalgate.yml and its datasets, like a user's repository. */
export async function makeWorkspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-test-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** The real `evalgate` command, as `npm run -s evalgate --` starts it, in its own process. */
export function spawnEvalgate(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", tsxLoader, cliEntry, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: "pipe",
  });
}

export function runEvalgate(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<CliResult> {
  const child = spawnEvalgate(args, options);
  child.stdin.end();
  return collect(child);
}

export function collect(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A JSONL dataset of `count` arithmetic questions: item-0 … item-(count-1). */
export function arithmeticDataset(count: number): string {
  let text = "";
  for (let i = 0; i < count; i++) {
    text += JSON.stringify({ id: `item-${i}`, input: { question: `${i}+${i}` }, expected: { answer: 2 * i } }) + "\n";
  }
  return text;
}
