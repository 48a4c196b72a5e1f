import { randomUUID } from "node:crypto";
import os from "node:os";
import { UserError } from "../core/errors.js";
import type { Run } from "../core/model/run.js";
import { describeRunOwner, type RunOwner } from "../core/report/render-run-summary.js";
import type { RunLease, RunStore } from "../store/run-store.js";

/** How often the process running a run records that it is alive. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/**
 * A heartbeat older than this belongs to a process that is gone (or paused: a laptop asleep).
 * Six intervals, so a beat delayed by a busy event loop or a store waiting on its lock (up to
 * 5 s, see busy_timeout) never looks like death; a dead holder on this host is seen at once anyway.
 */
export const LEASE_TTL_MS = 30_000;
/** Compare-and-set attempts when other processes keep taking the same stale lease first. */
const ACQUIRE_ATTEMPTS = 3;

export interface HeartbeatEvents {
  /** Another process marked the run cancelled (`evalgate runs cancel`). */
  onCancelled: () => void;
  /** Another process took the lease over: it judged this one gone. */
  onLost: (by: RunLease | undefined) => void;
}

/**
 * A stale lease may be taken over: its heartbeat is older than LEASE_TTL_MS, or its holder ran on
 * this host and that process no longer exists (so a run killed with SIGKILL resumes at once).
 */
export function isLeaseStale(lease: RunLease, now: Date, host = os.hostname()): boolean {
  if (heartbeatAgeMs(lease, now) > LEASE_TTL_MS) return true;
  return lease.host === host && !processExists(lease.pid);
}

/** The process running the run now; undefined when the run ended or nobody holds a live lease on it. */
export async function liveOwnerOf(
  store: RunStore,
  run: Pick<Run, "id" | "status">,
  now = new Date(),
): Promise<RunOwner | undefined> {
  if (run.status !== "running") return undefined;
  const lease = await store.getRunLease(run.id);
  return lease === undefined ? undefined : liveHolderOf(lease, now);
}

/** The lease's holder while its lease is live (`now`); undefined once it is stale. */
export function liveHolderOf(lease: RunLease, now: Date): RunOwner | undefined {
  return isLeaseStale(lease, now) ? undefined : ownerOf(lease, now);
}

function ownerOf(lease: RunLease, now: Date): RunOwner {
  return { host: lease.host, pid: lease.pid, heartbeatAgeMs: heartbeatAgeMs(lease, now) };
}

/**
 * Takes the run's lease for this process, or throws a UserError naming the live holder. Call
 * before reading what the run stored, so no other process adds to it meanwhile.
 */
export async function takeRunLease(store: RunStore, runId: string, now: () => Date): Promise<HeldRunLease> {
  const mine: RunLease = { run_id: runId, holder: randomUUID(), host: os.hostname(), pid: process.pid, heartbeat_at: "" };
  let current: RunLease | undefined;
  for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
    current = await store.getRunLease(runId);
    if (current !== undefined && !isLeaseStale(current, now())) break;
    const inForce = await store.acquireRunLease({ ...mine, heartbeat_at: now().toISOString() }, current?.holder);
    if (inForce?.holder === mine.holder) return new HeldRunLease(store, mine, now);
    current = inForce;
  }
  throw refusal(runId, current, now());
}

function refusal(runId: string, holder: RunLease | undefined, now: Date): UserError {
  const who =
    holder === undefined
      ? "another process"
      : describeRunOwner(ownerOf(holder, now));
  return new UserError(
    `run ${runId} is being run right now (${who}). Wait for it to end, or stop it with ` +
      `\`evalgate runs cancel ${runId}\` and resume it then; if that process is gone, its lease goes ` +
      `stale ${LEASE_TTL_MS / 1000} s after its last heartbeat and --resume works again`,
  );
}

/** This process's lease on a run: renewed on a timer until stopped, then released. */
export class HeldRunLease {
  private timer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    private readonly store: RunStore,
    private readonly lease: RunLease,
    private readonly now: () => Date,
  ) {}

  startHeartbeat(events: HeartbeatEvents): void {
    this.timer = setInterval(() => void this.beat(events), HEARTBEAT_INTERVAL_MS);
    // The heartbeat alone must never keep a process alive.
    this.timer.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether another process marked the run cancelled since it was opened. */
  async cancelledElsewhere(): Promise<boolean> {
    return (await this.store.getRun(this.lease.run_id))?.status === "cancelled";
  }

  async release(): Promise<void> {
    this.stopHeartbeat();
    await this.store.releaseRunLease(this.lease.run_id, this.lease.holder);
  }

  private async beat(events: HeartbeatEvents): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const { run_id: runId, holder } = this.lease;
      if (!(await this.store.renewRunLease(runId, holder, this.now().toISOString()))) {
        this.stopHeartbeat();
        events.onLost(await this.store.getRunLease(runId));
      } else if (await this.cancelledElsewhere()) {
        this.stopHeartbeat();
        events.onCancelled();
      }
    } catch {
      // A store busy past its timeout misses this beat; the TTL allows several.
    } finally {
      this.beating = false;
    }
  }
}

/** How long ago the lease's holder last beat (ms); Infinity for an unreadable time. */
export function heartbeatAgeMs(lease: RunLease, now: Date): number {
  const age = now.getTime() - Date.parse(lease.heartbeat_at);
  return Number.isNaN(age) ? Infinity : Math.max(0, age);
}

/** Signal 0 checks existence only; EPERM means it exists under another user. */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
