import { spawn } from "node:child_process";
import { suffixWithin, type TextLimit } from "../../core/report/fit-text.js";
import { abortReason } from "../../core/retry.js";

export interface ProcessRequest {
  program: string;
  args: readonly string[];
  cwd?: string;
  env: NodeJS.ProcessEnv;
  stdin: string;
  timeoutMs: number;
  /** After SIGTERM, how long a process may take to exit before SIGKILL. */
  killGraceMs: number;
  signal: AbortSignal;
}

export type ProcessOutcome =
  | { kind: "exited"; code: number | null; signalName: NodeJS.Signals | null; stdout: string; stderr: string }
  | { kind: "timeout" }
  | { kind: "failed"; code: string | undefined; message: string };

/** Beyond this stdout is an error, not an answer; stderr keeps only its tail for the message. */
const MAX_STDOUT_CHARS = 32 * 1024 * 1024;
const STDERR_TAIL: TextLimit = { limit: 8 * 1024, unit: "characters" };

/**
 * Runs one process to completion: writes `stdin`, collects stdout and the tail of stderr.
 * On timeout it terminates the process (SIGTERM, then SIGKILL after the grace) and resolves once
 * it has exited, so a run never has more live processes than its concurrency. When `signal`
 * aborts it sends the same kill and rejects at once with the abort reason.
 */
export function runProcess(request: ProcessRequest): Promise<ProcessOutcome> {
  const { signal } = request;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const child = spawn(request.program, request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let exited = false;
    let timedOut = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const settle = (outcome: ProcessOutcome | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      signal.removeEventListener("abort", onAbort);
      if (outcome) resolve(outcome);
      else reject(error);
    };
    const terminate = () => {
      if (exited) return;
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), request.killGraceMs);
      killTimer.unref();
    };
    const onAbort = () => {
      terminate();
      settle(undefined, abortReason(signal));
    };
    const timeoutTimer = setTimeout(() => {
      timedOut = true;
      if (exited) settle({ kind: "timeout" });
      else terminate();
    }, request.timeoutMs);
    signal.addEventListener("abort", onAbort, { once: true });

    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_STDOUT_CHARS) {
        settle({ kind: "failed", code: undefined, message: `stdout larger than ${MAX_STDOUT_CHARS / 1024 / 1024} MB` });
        terminate();
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = suffixWithin(stderr + chunk, STDERR_TAIL);
    });
    // A process that exits without reading its stdin makes our write fail with EPIPE: not our error.
    child.stdin.on("error", () => {});
    child.stdin.end(request.stdin);

    child.on("error", (error: NodeJS.ErrnoException) => {
      exited = true;
      settle({ kind: "failed", code: error.code, message: error.message });
    });
    child.on("exit", () => {
      exited = true;
      clearTimeout(killTimer);
      // Grandchildren may keep the pipes open after a kill; the answer is lost anyway.
      if (timedOut) {
        child.stdout.destroy();
        child.stderr.destroy();
        settle({ kind: "timeout" });
      }
    });
    child.on("close", (code, signalName) => {
      if (timedOut) settle({ kind: "timeout" });
      else settle({ kind: "exited", code, signalName, stdout, stderr });
    });
  });
}
