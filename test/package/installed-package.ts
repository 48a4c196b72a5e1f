import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { collect, type CliResult } from "../helpers/cli.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Node 24 (this process's node) first on the PATH, so `npm`, `npx` and the bin's `env node` use it. */
export const PATH_WITH_NODE_24 = [path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter);

// The local cache fills with `npm ci`; nothing here needs the registry, and audits would call it.
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];

export function runCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? { ...process.env, PATH: PATH_WITH_NODE_24 }, stdio: "pipe" });
  child.stdin.end();
  return collect(child);
}

async function npm(args: string[], cwd: string): Promise<CliResult> {
  const result = await runCommand("npm", [...args, ...NPM_FLAGS], { cwd });
  if (result.code !== 0) throw new Error(`npm ${args.join(" ")} failed (${result.code}):\n${result.stderr}`);
  return result;
}

export interface InstalledPackage {
  /** The tarball's entries ("dist/cli/index.js", "package.json", …). */
  files: string[];
  /** A user's project with the tarball installed (`npm i ./evalgate-x.y.z.tgz --omit=dev`). */
  projectDir: string;
  /** `<projectDir>/node_modules/evalgate`. */
  packageDir: string;
}

/** `npm pack` of this checkout into `tmp`, installed into an empty project there the way a user installs it. */
export async function packAndInstall(tmp: string): Promise<InstalledPackage> {
  const packed = await npm(["pack", "--pack-destination", tmp, "--json"], ROOT);
  const [tarball] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!tarball) throw new Error(`npm pack printed no tarball: ${packed.stdout}`);
  const projectDir = path.join(tmp, "project");
  await mkdir(projectDir);
  await writeFile(path.join(projectDir, "package.json"), `${JSON.stringify({ name: "user-project", private: true }, null, 2)}\n`);
  await npm(["install", path.join(tmp, tarball.filename), "--omit=dev"], projectDir);
  return { files: tarball.files.map((file) => file.path), projectDir, packageDir: path.join(projectDir, "node_modules", "evalgate") };
}

export const APP_ID = "4242";
export const { privateKey: PRIVATE_KEY } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export interface StartedBot {
  url: string;
  port: number;
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** SIGTERM, as `docker stop` sends; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `command` (the bot) and waits for its "listening on http://host:port" line. */
export function startBotProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<StartedBot> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: "pipe" });
  child.stdin.end();
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on http:\/\/\S+?:(\d+)/.exec(output)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port: Number(port),
        child,
        output: () => output,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before listening:\n${output}`));
    });
  });
}
