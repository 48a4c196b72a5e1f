import type { Run } from "../../core/model/run.js";
import type { RunItem } from "../../core/model/run-item.js";
import { CommandError } from "../bot-deps.js";
import { inlineCode as code } from "../inline-code.js";
import type { CandidateRunSource } from "./find-candidate-runs.js";

/** The run items of one run that go into a regression dataset. */
export interface RunSelection {
  run: Run;
  items: RunItem[];
}

const SHOWN_IDS = 10;

/**
 * The failed and errored items of each run, or (with `runItemIds`) exactly the named run items,
 * whatever their status. An id in none of the runs is an error that lists what can be named.
 */
export async function selectItems(store: Pick<CandidateRunSource, "runItems">, runs: readonly Run[], runItemIds: readonly string[]): Promise<RunSelection[]> {
  const wanted = new Set(runItemIds);
  const selections: RunSelection[] = [];
  const failedIds: string[] = [];
  for (const run of runs) {
    const items: RunItem[] = [];
    for await (const item of store.runItems(run.id)) {
      const failed = item.status !== "passed";
      if (failed) failedIds.push(item.id);
      if (wanted.size > 0 ? wanted.has(item.id) : failed) items.push(item);
    }
    if (items.length > 0) selections.push({ run, items });
  }
  const foundIds = new Set(selections.flatMap((selection) => selection.items.map((item) => item.id)));
  const unknown = runItemIds.filter((id) => !foundIds.has(id));
  if (unknown.length > 0) throw new UnknownRunItemIdsError(unknownIdsMessage(unknown, runs, failedIds), unknown, failedIds);
  return selections;
}

/** Ids named with `--run-item-id` that are in none of the runs: the data, so each adapter words it. */
export class UnknownRunItemIdsError extends CommandError {
  constructor(
    message: string,
    readonly unknown: readonly string[],
    readonly failedIds: readonly string[],
  ) {
    super(message);
  }
}

function unknownIdsMessage(unknown: string[], runs: readonly Run[], failedIds: string[]): string {
  const runNames = runs.map((run) => code(run.id)).join(", ");
  const lines = [
    `${unknown.length === 1 ? "This run item id is" : "These run item ids are"} not in this pull request's latest run (${runNames}): ${unknown.slice(0, SHOWN_IDS).map(code).join(", ")}${unknown.length > SHOWN_IDS ? ", …" : ""}.`,
  ];
  if (failedIds.length > 0) {
    const more = failedIds.length > SHOWN_IDS ? ` and ${failedIds.length - SHOWN_IDS} more` : "";
    lines.push("", `Its failed and errored run items are ${failedIds.slice(0, SHOWN_IDS).map(code).join(", ")}${more}; \`/eval regression\` without \`--run-item-id\` takes them all.`);
  } else {
    lines.push("", "Every item of that run passed.");
  }
  return lines.join("\n");
}
