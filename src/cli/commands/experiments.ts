import type { Command } from "commander";
import { nextExperimentStatus, type LifecycleEvent } from "../../core/experiment-lifecycle.js";
import type { RunStore } from "../../store/run-store.js";
import { withStore, type CliIo } from "../cli-context.js";

export function registerExperimentsCommands(program: Command, io: CliIo): void {
  const experiments = program.command("experiments").description("the lifecycle of experiments with variants");
  experiments
    .command("complete")
    .description("mark an experiment's variant runs finished: its results stay, and no more runs start")
    .argument("<experiment>", "experiment name")
    .action(async (name: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => io.stdout.write(await moveExperiment(store, name, "complete")));
    });
  experiments
    .command("archive")
    .description("archive an experiment: its runs stay readable, and it runs no more")
    .argument("<experiment>", "experiment name")
    .action(async (name: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => io.stdout.write(await moveExperiment(store, name, "archive")));
    });
}

/** Applies `event` to the stored status (draft when none is stored); a refused move is a UserError (exit 2). */
async function moveExperiment(store: RunStore, experiment: string, event: LifecycleEvent, now = new Date()): Promise<string> {
  const state = await store.getExperimentState(experiment);
  const status = nextExperimentStatus(experiment, state?.status ?? "draft", event);
  await store.setExperimentState({
    experiment,
    status,
    ...(state?.baseline_run_id !== undefined ? { baseline_run_id: state.baseline_run_id } : {}),
    updated_at: now.toISOString(),
  });
  return `experiment "${experiment}": ${state?.status ?? "draft"} → ${status}\n`;
}
