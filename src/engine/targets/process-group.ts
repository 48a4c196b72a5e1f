import type { ChildProcess } from "node:child_process";

/**
 * On POSIX each command runs as the leader of its own process group (`detached: true`), so one
 * signal to the group reaches what it started too (`sh -c "agent &"`): a timeout or a cancel
 * leaves no grandchild running. Windows has no process groups; there only the child is signalled.
 */
export const OWN_PROCESS_GROUP = process.platform !== "win32";

/** Leaders of groups still running: the CLI may exit (a second Ctrl-C) before they end. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Call once the child is spawned; `groupExited` once its leader has exited. */
export function watchGroup(child: ChildProcess): void {
  if (!OWN_PROCESS_GROUP || child.pid === undefined) return;
  liveGroups.add(child.pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Detached children no longer get the terminal's Ctrl-C: stop them when we stop.
    process.on("exit", () => {
      for (const pid of liveGroups) signalPid(-pid, "SIGTERM");
    });
  }
}

export function groupExited(child: ChildProcess): void {
  if (child.pid !== undefined) liveGroups.delete(child.pid);
}

/**
 * Signals the child's whole group. After the leader has exited the group lives on while any
 * member does, and its id cannot be reused meanwhile; an empty group answers ESRCH, ignored.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (OWN_PROCESS_GROUP) signalPid(-child.pid, signal);
  else child.kill(signal);
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
