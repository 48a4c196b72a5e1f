import { compareRuns } from "../../../../src/core/compare-runs.js";
import { compareItemIds } from "../../../../src/core/item-id-order.js";
import type { Annotation } from "../../../../src/core/model/annotation.js";
import type { RepeatAttempt, RunItem } from "../../../../src/core/model/run-item.js";
import type { ReportData } from "../../../../src/core/report/html/report-data.js";
import type { HtmlReportInput, HtmlReportRun } from "../../../../src/core/report/html/html-report-input.js";
import { summarizeRun } from "../../../../src/core/summarize-run.js";
import { buildItem, buildRun, judge, streamOf } from "../../build-run-items.js";

/** What a hostile model might answer: markup, a script end, a javascript: link. */
export const HOSTILE_TEXTS = [
  '<img src=x onerror="window.__pwned=1">',
  "</script><script>window.__pwned=1</script>",
  '<a href="javascript:window.__pwned=1">click me</a>',
  "<!-- <script>window.__pwned=1</script>",
  "\u2028\u2029 & &amp; <svg onload=window.__pwned=1>",
];
export const HOSTILE_OUTPUT = HOSTILE_TEXTS.join("\n");
/** An item id that would break out of an attribute or a URL if it were written into markup. */
export const HOSTILE_ITEM_ID = 'x"><img src=x onerror=window.__pwned=1>';

export interface FixtureOptions {
  /** 1–4 runs; the first is the baseline. */
  runs: number;
  items: number;
  /** Adds items, labels, scorer reasons and annotations carrying HOSTILE_TEXTS. */
  hostile?: boolean;
}

/** The run ids: run-1 (the baseline) … run-N. */
export function runIdOf(index: number): string {
  return `run-2026112${index}-120000-000${index}`;
}

/** "item-00042": ids sort in the order they are numbered. */
export function itemIdOf(index: number): string {
  return `item-${String(index).padStart(5, "0")}`;
}

/**
 * Whether item `i` passes in run `run` (0 = baseline): the baseline fails every 10th item from
 * 3; each later run k fails items with i % 7 === k (regressions where the baseline passed) and
 * passes items with i % 10 === 3 and i % 3 === 0 (fixes); items with i % 50 === 17 error in
 * later runs; items with i % 97 === 5 are flaky in the last run.
 */
export function outcomeOf(run: number, i: number): "passed" | "failed" | "error" {
  if (run === 0) return i % 10 === 3 ? "failed" : "passed";
  if (i % 50 === 17) return "error";
  if (i % 7 === run) return "failed";
  if (i % 10 === 3) return i % 3 === 0 ? "passed" : "failed";
  return "passed";
}

export function isFlakyIn(run: number, runs: number, i: number): boolean {
  return run === runs - 1 && run > 0 && i % 97 === 5;
}

function itemOf(runId: string, run: number, runs: number, i: number): RunItem {
  const id = itemIdOf(i);
  const status = outcomeOf(run, i);
  const latency = 80 + ((i * 37 + run * 11) % 400) + (i % 500 === 0 ? 9_000 : 0);
  const input = { question: `Where is order ${i}? I ordered it on day ${i % 28}.`, customer: `c-${i % 13}` };
  if (status === "error") {
    return buildItem(runId, id, { status: "error", error: `HTTP 502 from target after 3 attempts (item ${i})`, input, expected: `order ${i} shipped`, latency_ms: 30_000 });
  }
  const passed = status === "passed";
  const output = passed
    ? `Order ${i} shipped on Monday${run > 0 && i % 4 === 0 ? " and arrives Thursday" : ""}. Thanks for waiting!`
    : `Order ${i} has not shipped yet, sorry. Thanks for waiting!`;
  const item = buildItem(runId, id, {
    scores: [
      ["equals", passed ? 1 : 0, passed, passed ? "the answer equals the expected value" : `expected "order ${i} shipped", got a different answer`],
      ["tone", passed ? 0.9 : 0.7, true, "polite"],
    ],
    input,
    expected: `order ${i} shipped`,
    output,
    latency_ms: latency,
  });
  if (isFlakyIn(run, runs, i)) item.repeats = flakyRepeats(item);
  return item;
}

/** Three attempts, two like the item's status and one the other way: flaky whatever the item's status. */
function flakyRepeats(item: RunItem): RepeatAttempt[] {
  const other = item.status === "passed" ? "failed" : "passed";
  return [item.status, item.status, other].map((status, repeat) => ({
    repeat,
    status: status as RunItem["status"],
    output: item.output,
    latency_ms: item.latency_ms,
    attempts: 1,
    scores: item.scores,
    finished_at: item.finished_at,
  }));
}

function annotationsOf(runId: string, items: readonly RunItem[], hostile: boolean): Annotation[] {
  return items
    .filter((_, index) => index % 9 === 0)
    .flatMap((item, index) => [
      { run_id: runId, run_item_id: item.id, item_id: item.item_id, name: "helpfulness", kind: "metric" as const, value: (index % 5) + 1, updated_at: "2026-11-27T10:00:00.000Z" },
      {
        run_id: runId,
        run_item_id: item.id,
        item_id: item.item_id,
        name: "tone_ok",
        kind: "label" as const,
        value: index % 3 === 0 ? "no" : "yes",
        note: hostile ? HOSTILE_OUTPUT : "checked by hand",
        author: "ann@example.com",
        updated_at: "2026-11-27T10:00:00.000Z",
      },
    ]);
}

/** A report input as the CLI builds it: real comparisons (compareRuns) and verdicts (decideVerdict). */
export async function buildHtmlReportInput(options: FixtureOptions): Promise<HtmlReportInput> {
  const runs: HtmlReportRun[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const runId = runIdOf(run + 1);
    const items = Array.from({ length: options.items }, (_, i) => itemOf(runId, run, options.runs, i));
    if (options.hostile === true) items.push(...hostileItems(runId, run));
    items.sort((a, b) => compareItemIds(a.item_id, b.item_id));
    const summary = await summarizeRun(streamOf(items));
    const label = options.hostile === true && run === options.runs - 1 ? HOSTILE_TEXTS[0] : run === 0 ? "main" : `pr-${41 + run}`;
    runs.push({
      run: buildRun({ id: runId, label, item_count: items.length, summary, status: summary.pass_rate >= 0.8 ? "passed" : "failed", git_commit: `${run}`.repeat(40) }),
      items,
      annotations: annotationsOf(runId, items, options.hostile === true),
    });
  }
  const gate = { passed_threshold: 0.8, max_regressions: 0 };
  const [baseline, ...candidates] = runs;
  const comparisons = await Promise.all(
    candidates.map(async (candidate) => {
      const comparison = await compareRuns(
        { run: baseline!.run, items: streamOf(baseline!.items) },
        { run: candidate.run, items: streamOf(candidate.items) },
      );
      return { comparison, verdict: judge(gate, { summary: candidate.run.summary!, comparison }) };
    }),
  );
  return {
    runs,
    comparisons,
    ...(runs.length === 1 ? { verdict: judge(gate, { summary: baseline!.run.summary! }) } : {}),
    generatedAt: "2026-11-28T09:30:00.000Z",
  };
}

/** Items whose input, output, error and evidence are hostile, one with a hostile id. */
function hostileItems(runId: string, run: number): RunItem[] {
  const evil = buildItem(runId, "item-hostile", {
    scores: [[HOSTILE_TEXTS[1]!, run === 0 ? 1 : 0, run === 0, HOSTILE_OUTPUT]],
    input: { prompt: HOSTILE_OUTPUT },
    expected: HOSTILE_TEXTS[2],
    output: run === 0 ? "a harmless answer" : HOSTILE_OUTPUT,
  });
  const id = buildItem(runId, HOSTILE_ITEM_ID, {
    status: run === 0 ? "passed" : "error",
    scores: run === 0 ? [["equals", 1, true]] : [],
    error: HOSTILE_TEXTS[1],
    input: HOSTILE_TEXTS[3],
  });
  return [evil, id];
}

/** The JSON the page embeds, read back the way its script reads it. */
export function embeddedData(html: string): ReportData {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (match === null) throw new Error("no data block");
  return JSON.parse(match[1]!) as ReportData;
}
