import type { Comparison } from "../core/comparison.js";
import type { GateVerdict } from "../core/gate.js";
import type { Run } from "../core/model/run.js";
import type { HtmlReportInput, HtmlReportRun } from "../core/report/html/html-report-input.js";
import type { RunStore } from "../store/run-store.js";

/** A run and the store that holds its items and annotations. */
export interface StoredRun {
  run: Run;
  store: Pick<RunStore, "runItems" | "runAnnotations">;
}

/**
 * The HTML report's input for what the Action judged: the baseline and the candidate with their
 * comparison and verdict, or the candidate (or a baseline run) alone with its verdict when
 * nothing was compared. Reads every item and annotation of each run; judges nothing.
 */
export async function collectHtmlReportInput(
  runs: { baseline?: StoredRun; candidate: StoredRun },
  judged: { comparison?: Comparison | undefined; verdict: GateVerdict },
  generatedAt: string = new Date().toISOString(),
): Promise<HtmlReportInput> {
  const candidate = await reportRunOf(runs.candidate);
  if (runs.baseline === undefined || judged.comparison === undefined) {
    return { runs: [candidate], comparisons: [], verdict: judged.verdict, generatedAt };
  }
  return {
    runs: [await reportRunOf(runs.baseline), candidate],
    comparisons: [{ comparison: judged.comparison, verdict: judged.verdict }],
    generatedAt,
  };
}

async function reportRunOf({ run, store }: StoredRun): Promise<HtmlReportRun> {
  const items = [];
  for await (const item of store.runItems(run.id)) items.push(item);
  return { run, items, annotations: await store.runAnnotations(run.id) };
}
