import type { Command } from "commander";
import { UnavailableError, UserError } from "../../core/errors.js";
import type { Run } from "../../core/model/run.js";
import { describeRunOwner, type RunOwner } from "../../core/report/render-run-summary.js";
import { truncateToWidth } from "../../core/report/display-width.js";
import { oneLine } from "../../core/report/excerpt.js";
import { VERDICT_WORDS } from "../../core/report/verdict-words.js";
import { formatCount } from "../../core/stats.js";
import { heartbeatAgeMs, LEASE_TTL_MS, liveHolderOf } from "../../engine/run-lease.js";
import type { RunLease, RunStore } from "../../store/run-store.js";
import { globalOptions, storeScheme, withStore, type CliIo } from "../cli-context.js";
import { EXIT, exitCodeFor, type ExitCode } from "../exit-codes.js";
import { judgeStoredRun } from "../stored-verdict.js";
import { resumeCommand } from "../../core/resume-command.js";

/** How often the store is read: soon at first (a run that is about to end), then less often. */
export interface PollSchedule {
  firstMs: number;
  growth: number;
  maxMs: number;
}

const STORE_POLL: PollSchedule = { firstMs: 250, growth: 1.5, maxMs: 3_000 };
// Each look at a results branch costs three GitHub API requests (ref, commit, tree).
const BRANCH_POLL: PollSchedule = { firstMs: 2_000, growth: 1.5, maxMs: 15_000 };

const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export function registerReportsWaitCommand(reports: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  reports
    .command("wait")
    .description(
      "wait for a run that another process or machine is running to end, then exit with its verdict's code " +
        "(as `reports ci` of it would); 3 when its process is gone, 5 when --timeout passes first",
    )
    .argument("<run>", "run id (or a unique prefix)")
    .option("--timeout <duration>", "how long to wait at most: 90s, 15m, 1h", "15m")
    .action(async (id: string, flags: { timeout: string }, command: Command) => {
      const timeoutMs = parseWaitTimeout(flags.timeout);
      const onBranch = storeScheme(globalOptions(command).store) === "github";
      const waiting = new RunWait(id, flags.timeout, timeoutMs, io, onBranch);
      const code = await withStore(command, (store) =>
        waiting.wait((look) => {
          // A results branch store keeps its listing: each look forgets it, to see runs published since.
          // (Not imported by class: Octokit stays out of the CLI's start-up.)
          (store as Partial<{ refresh(): void }>).refresh?.();
          return look(store);
        }, onBranch ? BRANCH_POLL : STORE_POLL),
      );
      setExit(code);
    });
}

/** `90s`, `15m`, `1h`, `500ms`, `1h30m` → milliseconds; at most a day. */
export function parseWaitTimeout(value: string): number {
  const text = value.trim();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  const ms = Math.round(parts.reduce((sum, [, amount, name]) => sum + Number(amount) * unit[name as keyof typeof unit], 0));
  if (parts.length === 0 || parts.map(([part]) => part).join("") !== text) {
    throw new UserError(`--timeout: "${value}" is not a duration; write one with a unit, e.g. 90s, 15m or 1h`);
  }
  if (!(ms > 0)) throw new UserError(`--timeout: "${value}" waits no time; give a duration above zero, e.g. 90s`);
  if (ms > MAX_TIMEOUT_MS) throw new UserError(`--timeout: "${value}" is more than a day; write at most 24h`);
  return ms;
}

type WithStore = <T>(use: (store: RunStore) => Promise<T>) => Promise<T>;

/** What one look at the store found. */
type Look =
  | { kind: "absent" }
  | { kind: "ended"; code: ExitCode; line: string }
  | {
      kind: "running";
      run: Run;
      /** The run's lease, live or stale; undefined when nobody holds one. */
      lease: RunLease | undefined;
      /** The lease's holder while it is live. */
      owner: RunOwner | undefined;
      stored: () => Promise<number>;
    };

class RunWait {
  private readonly started = Date.now();
  private runId: string;
  /** Since when the run has been running with no lease at all. */
  private unleasedSince: number | undefined;
  private saidAbsent = false;
  private progressShown = false;

  constructor(
    id: string,
    private readonly timeoutText: string,
    private readonly timeoutMs: number,
    private readonly io: CliIo,
    private readonly onBranch: boolean,
  ) {
    this.runId = id;
  }

  async wait(withOpenStore: WithStore, schedule: PollSchedule): Promise<ExitCode> {
    const deadline = this.started + this.timeoutMs;
    let interval = schedule.firstMs;
    let saidLost = false;
    try {
      for (;;) {
        let outcome: { code: ExitCode; line: string } | undefined;
        try {
          outcome = await withOpenStore(async (store) => this.decide(await this.look(store), Date.now() >= deadline));
          saidLost = false;
        } catch (error) {
          // A store gone for a while (a restart, a failover) is waited out up to the timeout: the run
          // may be going on fine elsewhere. At the timeout it ends the wait, as exit 3 saying so.
          if (!(error instanceof UnavailableError) || Date.now() >= deadline) throw error;
          if (!saidLost) {
            this.clearProgress();
            this.io.stderr.write(`evalgate: ${error.message}; waiting for it until the timeout\n`);
            saidLost = true;
          }
        }
        if (outcome !== undefined) {
          this.clearProgress();
          this.io.stdout.write(`${outcome.line}\n`);
          return outcome.code;
        }
        // The last look is at the deadline, not an interval past it.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(interval, deadline - Date.now()))));
        interval = Math.min(interval * schedule.growth, schedule.maxMs);
      }
    } finally {
      this.clearProgress();
    }
  }

  private async look(store: RunStore): Promise<Look> {
    const run = await store.getRun(this.runId);
    if (run === undefined) return { kind: "absent" };
    this.runId = run.id;
    // A cancelled run's process stops at its next heartbeat and ends the run with the items that
    // finished meanwhile: until it lets go of the lease, the run is still going.
    if (run.status === "running" || run.status === "cancelled") {
      // One read of the lease decides: a second could find it released by a run that just ended.
      const lease = await store.getRunLease(run.id);
      const now = new Date();
      const owner = lease === undefined ? undefined : liveHolderOf(lease, now);
      if (run.status === "running" || owner !== undefined) {
        return { kind: "running", run, lease, owner, stored: async () => (await store.runItemStatuses(run.id)).size };
      }
    }
    const { verdict, summary } = await judgeStoredRun(store, run, undefined, undefined);
    const code = exitCodeFor(verdict);
    const reasons = verdict.reasons.length > 0 ? `: ${verdict.reasons.map(oneLine).join("; ")}` : "";
    const counts = `${formatCount(summary.passed)} of ${formatCount(summary.total)} items passed`;
    return { kind: "ended", code, line: `run ${run.id} ended ${run.status}: ${VERDICT_WORDS[verdict.verdict]}, ${counts}${reasons}` };
  }

  /** The outcome once there is one: the run ended, its process is gone, or the time is up. */
  private async decide(look: Look, timedOut: boolean): Promise<{ code: ExitCode; line: string } | undefined> {
    const waited = formatWaited(Date.now() - this.started);
    if (look.kind === "ended") return look;
    if (look.kind === "absent") {
      // A run in progress elsewhere reaches a results branch only when it ends; elsewhere an unknown id is a mistake.
      if (!this.onBranch) throw new UserError(`no run "${this.runId}" in this store (see \`evalgate runs list\`)`);
      if (timedOut) {
        return { code: EXIT.timedOut, line: `run ${this.runId} did not appear on the results branch within ${this.timeoutText}: stopped waiting` };
      }
      if (!this.saidAbsent) {
        this.io.stderr.write(`run ${this.runId} is not on the results branch yet: a run in progress elsewhere appears there when it ends; waiting up to ${this.timeoutText}\n`);
        this.saidAbsent = true;
      }
      return undefined;
    }
    const { run, lease, owner } = look;
    if (lease === undefined) this.unleasedSince ??= Date.now();
    else this.unleasedSince = undefined;
    // A stale lease is a process gone (engine/run-lease.ts); a run with no lease at all may be a
    // moment from taking one (or being merged), so it gets the time a silent owner gets.
    // At the timeout a run nobody holds is interrupted, as `reports ci` says, not merely still running.
    const unleasedFor = Date.now() - (this.unleasedSince ?? Date.now());
    const gone = owner === undefined && (lease !== undefined || unleasedFor >= LEASE_TTL_MS || timedOut);
    if (gone) {
      const stored = await look.stored();
      const why = lease !== undefined ? `the process running it is gone (${describeLease(lease)})` : `no process holds it (for ${formatWaited(unleasedFor)})`;
      return {
        code: EXIT.incomplete,
        line:
          `run ${run.id} was interrupted: ${why}; ${formatCount(stored)} of ${formatCount(run.item_count)} items are stored. ` +
          `Resume it with: ${resumeCommand(run)}`,
      };
    }
    if (timedOut) {
      const stored = await look.stored();
      const by = owner === undefined ? "" : ` (${describeRunOwner(owner)})`;
      return {
        code: EXIT.timedOut,
        line:
          `run ${run.id} is still running after ${this.timeoutText}${by}, ${formatCount(stored)} of ${formatCount(run.item_count)} items stored: ` +
          `stopped waiting. Wait again with: evalgate reports wait ${run.id}`,
      };
    }
    if (this.io.stderr.isTTY === true) {
      const by = owner === undefined ? "" : `, ${describeRunOwner(owner)}`;
      const line = `waiting for ${run.id}: ${formatCount(await look.stored())}/${formatCount(run.item_count)} items stored${by} · ${waited}`;
      // One terminal line, or the next redraw would start on the wrapped part.
      this.io.stderr.write(`\r\x1b[2K${truncateToWidth(line, (this.io.stderr.columns || 80) - 1)}`);
      this.progressShown = true;
    }
    return undefined;
  }

  private clearProgress(): void {
    if (this.progressShown) this.io.stderr.write("\r\x1b[2K");
    this.progressShown = false;
  }
}

/** "pid 1234 on build-7, last heartbeat 45 s ago" */
function describeLease(lease: RunLease): string {
  const age = heartbeatAgeMs(lease, new Date());
  const heartbeat = Number.isFinite(age) ? `last heartbeat ${formatCount(Math.round(age / 1000))} s ago` : "no readable heartbeat";
  return `pid ${lease.pid} on ${lease.host}, ${heartbeat}`;
}

function formatWaited(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
