import vm from "node:vm";

/**
 * JavaScript has no match timeout, and a backtracking pattern (`^(a+)+$` on 40 "a"s and a "!")
 * spins for hours inside one synchronous call: no signal, heartbeat or cancel is served meanwhile.
 * A `vm` timeout is the one interrupt V8 offers without a native module: its watchdog thread
 * terminates whatever runs inside `runInContext`, regex backtracking included. It costs a thread
 * start per call (about 0.1–0.2 ms), so it wraps one whole scoring step, not each tiny operation.
 */
const context = vm.createContext(Object.create(null) as object) as { task?: () => unknown };
const callTask = new vm.Script("task()", { filename: "evalgate-time-limit.js" });

export class TimeLimitExceeded extends Error {
  override readonly name = "TimeLimitExceeded";
  constructor(readonly timeoutMs: number) {
    super(`did not finish within ${timeoutMs} ms`);
  }
}

/** Runs `task` synchronously; throws TimeLimitExceeded when it runs longer than `timeoutMs`. */
export function runWithinTimeLimit<T>(task: () => T, timeoutMs: number): T {
  const outer = context.task;
  context.task = task;
  try {
    return callTask.runInContext(context, { timeout: timeoutMs }) as T;
  } catch (error) {
    if (isScriptTimeout(error)) throw new TimeLimitExceeded(timeoutMs);
    throw error;
  } finally {
    // A task may itself run within a limit (nested calls share the one context).
    context.task = outer;
  }
}

function isScriptTimeout(error: unknown): boolean {
  return (
    error !== null &&
    typeof error === "object" &&
    (error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT"
  );
}
