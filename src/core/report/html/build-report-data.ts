import { passRateThresholds } from "../../gate.js";
import type { RunSummary } from "../../model/run.js";
import { createRunSummaryAccumulator } from "../../summarize-run.js";
import type { HtmlReportInput, HtmlReportRun } from "./html-report-input.js";
import { annotationTable } from "./report-annotations.js";
import { reportCharts } from "./report-charts.js";
import type { ItemTag, ReportData } from "./report-data.js";
import { reportItems } from "./report-items.js";
import {
  comparisonMetricsTable,
  comparisonScorerTable,
  comparisonVerdict,
  runHeader,
  runMetricsTable,
  runName,
  runScorerTable,
  runsTable,
  runVerdict,
} from "./report-summary.js";

/** Runs one report holds: the baseline and up to three more, as `runs compare` side by side. */
export const MAX_REPORT_RUNS = 4;
/** Items the printed report (PDF) lists in full at most: flipped, errored and flaky ones first. */
export const PRINT_LIMIT = 100;

const COMPARISON_FILTERS: ItemTag[] = ["regression", "fix", "error", "flaky", "failed"];
const RUN_FILTERS: ItemTag[] = ["failed", "error", "flaky"];

/**
 * Everything the page shows, as words and numbers (report-data.ts). Throws an Error for an input
 * that breaks its contract: no run, more than four, or not one comparison per run after the first.
 */
export function buildReportData(input: HtmlReportInput): ReportData {
  const { runs, comparisons } = input;
  if (runs.length < 1 || runs.length > MAX_REPORT_RUNS) {
    throw new Error(`an HTML report holds 1 to ${MAX_REPORT_RUNS} runs, got ${runs.length}`);
  }
  if (comparisons.length !== runs.length - 1) {
    throw new Error(
      `an HTML report of ${runs.length} runs needs one comparison per run after the first (${runs.length - 1}), got ${comparisons.length}`,
    );
  }
  const summaries = runs.map(summaryOf);
  const verdicts = runs.length === 1 ? (input.verdict === undefined ? [] : [input.verdict]) : comparisons.map(({ verdict }) => verdict);
  const thresholds = [...new Set(verdicts.flatMap((verdict) => passRateThresholds(verdict)))];
  const names = runs.map(({ run }, index) => runName(run, index, runs.length));
  const single = runs[0]!;
  const experiment = single.run.experiment;
  const headers = runs.map(({ run }, index) => runHeader(run, summaries[index]!, index, runs.length, thresholds));
  return {
    title: `evalgate · ${experiment}`,
    experiment,
    generatedAt: input.generatedAt,
    runs: headers,
    runsTable: runsTable(headers),
    verdicts:
      runs.length === 1
        ? input.verdict === undefined
          ? []
          : [runVerdict(single.run, summaries[0]!, input.verdict)]
        : comparisons.map(({ comparison, verdict }) => comparisonVerdict(comparison, verdict)),
    notes: [...new Set(comparisons.flatMap(({ comparison }) => (comparison.dataset_note === undefined ? [] : [comparison.dataset_note])))],
    scorerTables:
      runs.length === 1
        ? [runScorerTable(single.run, summaries[0]!, input.verdict)]
        : comparisons.map(({ comparison, verdict }) => comparisonScorerTable(comparison, verdict)),
    metricsTables:
      runs.length === 1
        ? [runMetricsTable(single.run, summaries[0]!)]
        : comparisons.map(({ comparison, verdict }) => comparisonMetricsTable(comparison, verdict)),
    annotationTables: runs.flatMap(({ annotations }, index) => annotationTable(names[index]!, annotations) ?? []),
    charts: reportCharts(runs.map(({ items }, index) => ({ name: names[index]!, summary: summaries[index]!, items })), thresholds),
    items: reportItems(runs),
    filters: runs.length === 1 ? RUN_FILTERS : COMPARISON_FILTERS,
    printLimit: PRINT_LIMIT,
  };
}

/** The run's stored summary; summed from its items for a run that never ended. */
function summaryOf({ run, items }: HtmlReportRun): RunSummary {
  if (run.summary !== undefined) return run.summary;
  const accumulator = createRunSummaryAccumulator();
  for (const item of items) accumulator.add(item);
  return accumulator.summary();
}
