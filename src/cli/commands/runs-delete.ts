import { createInterface } from "node:readline";
import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import type { Run } from "../../core/model/run.js";
import { describeRunOwner, statusText } from "../../core/report/render-run-summary.js";
import { oneLine } from "../../core/report/excerpt.js";
import { formatCount, formatCountOf } from "../../core/stats.js";
import { liveOwnerOf, takeRunLease } from "../../engine/run-lease.js";
import type { RunStore } from "../../store/run-store.js";
import { requireRun, withStore, type CliIo } from "../cli-context.js";

export function registerRunsDeleteCommand(runs: Command, io: CliIo): void {
  runs
    .command("delete")
    .description("delete a run with its items, scores and annotations, and its dataset version when no other run uses it; asks first")
    .argument("<run>", "run id (or a unique prefix)")
    .option("--force", "delete without asking (needed when stdin is not a terminal)")
    .action(async (id: string, flags: { force?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const run = await requireRun(store, id);
        const owner = await liveOwnerOf(store, run);
        if (owner !== undefined) {
          throw new UserError(
            `run ${run.id} is being run right now (${describeRunOwner(owner)}): stop it first with ` +
              `\`evalgate runs cancel ${run.id}\`, then delete it`,
          );
        }
        io.stdout.write(await describeDeletion(store, run));
        if (flags.force !== true) {
          if (process.stdin.isTTY !== true) {
            throw new UserError(`nothing was deleted: runs delete asks first, and stdin is not a terminal; pass --force to delete run ${run.id} without asking`);
          }
          if (!(await confirm(io, "Delete? [y/N] "))) {
            io.stdout.write("nothing was deleted\n");
            return;
          }
        }
        io.stdout.write(await deleteRun(store, run));
      });
    });
}

/** What deleting the run removes and keeps, said before anything is removed (a dry run without --force). */
async function describeDeletion(store: RunStore, run: Run): Promise<string> {
  const items = run.summary?.total ?? (await store.runItemStatuses(run.id)).size;
  const annotations = (await store.runAnnotations(run.id)).length;
  const label = run.label === undefined ? "" : `, "${oneLine(run.label)}"`;
  const lines = [
    // Called only without a live owner: a run still `running` was interrupted.
    `run ${run.id} (${run.experiment}${label}, ${statusText(run)}, started ${run.started_at}) would be deleted:`,
    `  - the run and its ${formatCount(items)} item${items === 1 ? "" : "s"}, with their scores`,
    ...(annotations > 0 ? [`  - ${formatCount(annotations)} annotation${annotations === 1 ? "" : "s"}`] : []),
    `  - ${await datasetVersionFate(store, run)}`,
  ];
  const state = await store.getExperimentState(run.experiment);
  if (state?.baseline_run_id === run.id) {
    lines.push(`  note: it is the baseline that locks the items of experiment "${run.experiment}"; deleting it lifts the lock`);
  }
  return `${lines.join("\n")}\n`;
}

async function datasetVersionFate(store: RunStore, run: Run): Promise<string> {
  const version = await store.getDatasetVersion(run.dataset_version);
  if (version === undefined) return `dataset version ${run.dataset_version}: not stored (nothing to remove)`;
  const use = (await store.listDatasetVersions()).find((listed) => listed.version === version.version);
  const others = Math.max(0, (use?.runs ?? 1) - 1);
  const named = `dataset version ${version.version} (${oneLine(version.dataset_path)}, ${formatCountOf(version.item_count, "item")})`;
  return others === 0
    ? `${named}: removed too, no other run uses it`
    : `${named}: kept, ${formatCount(others)} other run${others === 1 ? " uses" : "s use"} it`;
}

/**
 * Deletes under the run's lease, so no `--resume` starts on it meanwhile (one that started since
 * the check above is refused by name); the store drops the lease with the run.
 */
async function deleteRun(store: RunStore, run: Run): Promise<string> {
  const lease = await takeRunLease(store, run.id, () => new Date());
  let removed;
  try {
    removed = await store.deleteRun(run.id);
  } catch (error) {
    await lease.release().catch(() => undefined);
    throw error;
  }
  const dataset = removed.datasetVersionRemoved
    ? `dataset version ${run.dataset_version} removed too`
    : `dataset version ${run.dataset_version} kept`;
  return `deleted run ${run.id}: ${formatCount(removed.items)} item${removed.items === 1 ? "" : "s"}; ${dataset}\n`;
}

/** Asks on the terminal; anything but y or yes (or stdin closing) is a no. */
function confirm(io: CliIo, question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: io.stderr });
  return new Promise<boolean>((resolve) => {
    prompt.once("close", () => resolve(false));
    prompt.question(question, (answer) => {
      resolve(/^y(es)?$/i.test(answer.trim()));
      prompt.close();
    });
  });
}
