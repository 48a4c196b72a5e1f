import { spawn } from "node:child_process";

/** One finished child process, timed from the bench's side. */
export interface TimedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Epoch time in ms (sub-millisecond) just before `spawn`: "process start" in every figure. */
  startedAt: number;
  /** Seconds from `startedAt` until the process had exited and its pipes closed. */
  wallS: number;
  /** Peak resident memory in MB, from the `report-rss.mjs` hook when the command loaded it. */
  peakRssMb?: number;
}

/**
 * Runs a command to its end, keeping its output, and times it as a user would see it: from just
 * before spawn to exit. Never rejects for a non-zero exit (the caller judges).
 */
export function runTimed(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<TimedProcess> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.timeOrigin + performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallS = (performance.timeOrigin + performance.now() - startedAt) / 1000;
      const errText = Buffer.concat(stderr).toString();
      const rssKb = /BENCH_MAX_RSS_KB=(\d+)/.exec(errText)?.[1];
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString(),
        stderr: errText,
        startedAt,
        wallS,
        ...(rssKb !== undefined ? { peakRssMb: Number(rssKb) / 1024 } : {}),
      });
    });
  });
}
