import { spawn } from "node:child_process";
import { suffixWithin, type TextLimit } from "../../core/report/fit-text.js";
import { abortReason } from "../../core/retry.js";
import { groupExited, OWN_PROCESS_GROUP, signalGroup, watchGroup } from "./process-group.js";

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
 * After the process exits, how long its pipes may take to deliver what it wrote. A pipe still open
 * after that is held by something it left running in the background (`(sleep 50) &`): the answer
 * is read, the pipes are closed and the leftovers are asked to stop.
 */
const DRAIN_GRACE_MS = 100;

/**
 * Runs one process to completion: writes `stdin`, collects stdout and the tail of stderr, and
 * resolves once the process has exited and its output is read. The timeout covers the process,
 * not what it leaves behind. On timeout it terminates the process group (SIGTERM, then SIGKILL
 * after the grace) and resolves once the process has exited, so a run never has more live
 * processes than its concurrency. When `signal` aborts it sends the same kill and rejects at once
 * with the abort reason.
 */
export function runProcess(request: ProcessRequest): Promise<ProcessOutcome> {
  const { signal } = request;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const child = spawn(request.program, request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: OWN_PROCESS_GROUP,
    });
    watchGroup(child);
    let stdout = "";
    let stderr = "";
    let exit: { code: number | null; signalName: NodeJS.Signals | null } | undefined;
    let timedOut = false;
    let terminating = false;
    let settled = false;
    let drainTimer: NodeJS.Timeout | undefined;

    const settle = (outcome: ProcessOutcome | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(drainTimer);
      signal.removeEventListener("abort", onAbort);
      if (outcome) resolve(outcome);
      else reject(error);
    };
    const settleExited = () => {
      if (exit !== undefined) settle({ kind: "exited", ...exit, stdout, stderr });
    };
    const closePipes = () => {
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const terminate = () => {
      if (terminating) return;
      terminating = true;
      if (exit !== undefined) {
        // Draining after the exit: stop waiting for what it left running, and stop that too.
        closePipes();
        signalGroup(child, "SIGTERM");
        return;
      }
      signalGroup(child, "SIGTERM");
      // Left armed after the leader exits: its grandchildren get the same grace, then SIGKILL.
      const killTimer = setTimeout(() => signalGroup(child, "SIGKILL"), request.killGraceMs);
      killTimer.unref();
    };
    const onAbort = () => {
      terminate();
      settle(undefined, abortReason(signal));
    };
    const timeoutTimer = setTimeout(() => {
      timedOut = true;
      terminate();
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
      groupExited(child);
      settle({ kind: "failed", code: error.code, message: error.message });
    });
    child.on("exit", (code, signalName) => {
      exit = { code, signalName };
      groupExited(child);
      clearTimeout(timeoutTimer);
      if (terminating) {
        // Killed: whatever grandchildren still hold the pipes, the answer is lost anyway.
        closePipes();
        if (timedOut) settle({ kind: "timeout" });
        return;
      }
      drainTimer = setTimeout(() => {
        closePipes();
        signalGroup(child, "SIGTERM");
        settleExited();
      }, DRAIN_GRACE_MS);
    });
    child.on("close", () => {
      if (timedOut) settle({ kind: "timeout" });
      else settleExited();
    });
  });
}
