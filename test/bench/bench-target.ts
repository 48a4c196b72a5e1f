import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface BenchTargetOptions {
  /** Delay before every answer, in ms. */
  latencyMs: number;
  /** Every item whose id ends in a multiple of this number gets an answer without the question. */
  failEvery?: number;
}

export interface BenchTargetStats {
  /** Requests received since the target started. */
  requests: number;
  /** Epoch time in ms (sub-millisecond) when the first request's body arrived. */
  firstRequestAt?: number;
}

export interface BenchTarget {
  url: string;
  stats(): Promise<BenchTargetStats>;
  /** Forget the first request's time: the next request received is the next run's first. */
  resetFirstRequest(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A target with a fixed latency in its own process (so it shares no event loop with the runner
 * under measurement), which can say when its first request arrived. One target per measured run:
 * the first-request time belongs to that run.
 */
export async function startBenchTarget(options: BenchTargetOptions): Promise<BenchTarget> {
  const main = fileURLToPath(new URL("./bench-target-main.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), main, JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      text += chunk;
      const newline = text.indexOf("\n");
      if (newline !== -1) resolve(text.slice(0, newline).trim());
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`bench target exited with code ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    stats: () =>
      new Promise<BenchTargetStats>((resolve) => {
        child.once("message", (message: BenchTargetStats) => resolve(message));
        child.send({ type: "stats" });
      }),
    resetFirstRequest: () =>
      new Promise<void>((resolve) => {
        child.once("message", () => resolve());
        child.send({ type: "reset" });
      }),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
