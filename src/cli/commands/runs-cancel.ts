import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import type { Run } from "../../core/model/run.js";
import { describeRunOwner } from "../../core/report/render-run-summary.js";
import { formatCount } from "../../core/stats.js";
import { HEARTBEAT_INTERVAL_MS, liveOwnerOf } from "../../engine/run-lease.js";
import type { RunStore } from "../../store/run-store.js";
import { requireRun, withStore, type CliIo } from "../cli-context.js";
import { judgeStoredRun } from "../stored-verdict.js";
import { resumeCommand } from "../../core/resume-command.js";

export function registerRunsCancelCommand(runs: Command, io: CliIo): void {
  runs
    .command("cancel")
    .description("mark a run that has not ended cancelled; a process still running it stops at its next heartbeat")
    .argument("<run>", "run id (or a unique prefix)")
    .action(async (id: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        io.stdout.write(await cancelRun(store, await requireRun(store, id)));
      });
    });
}

/**
 * Ends the run `cancelled` with what it stored, judged as any stored run is. A live process
 * holding the run's lease reads the status at its next heartbeat, stops calling the target and
 * ends the run itself (cancelled, with the items that finished meanwhile).
 */
async function cancelRun(store: RunStore, run: Run): Promise<string> {
  const resume = resumeCommand(run);
  if (run.status !== "running") {
    const again = run.status === "cancelled" ? `; continue it with: ${resume}` : "";
    throw new UserError(`run ${run.id} already ended (${run.status}${endedAt(run)}): there is nothing to cancel${again}`);
  }
  const owner = await liveOwnerOf(store, run);
  const cancelled: Run = { ...run, status: "cancelled" };
  const { verdict, summary } = await judgeStoredRun(store, cancelled, undefined, undefined);
  // Summing the items took a while: a run that ended meanwhile keeps its own ending.
  const now = await store.getRun(run.id);
  if (now?.status !== "running") throw new UserError(`run ${run.id} ended (${now?.status}) while it was being cancelled`);
  await store.endRun(run.id, {
    status: "cancelled",
    ended_at: new Date().toISOString(),
    summary,
    // A cancelled run judged alone always fails; the stored verdict is the run's own, pass or fail.
    verdict: verdict.verdict === "pass" ? "pass" : "fail",
    verdict_reasons: verdict.reasons,
  });
  const stored = `${formatCount(summary.total)} of ${formatCount(run.item_count)} items were stored`;
  const stopping =
    owner === undefined
      ? "no process was running it"
      : `the process running it (${describeRunOwner(owner)}) stops calling the target within ${HEARTBEAT_INTERVAL_MS / 1000} s ` +
        "and keeps the items that finish meanwhile";
  return `cancelled run ${run.id}: ${stored}; ${stopping}.\ncontinue it with: ${resume}\n`;
}

function endedAt(run: Run): string {
  return run.ended_at === undefined ? "" : ` at ${run.ended_at}`;
}
