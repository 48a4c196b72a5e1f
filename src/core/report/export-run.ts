import type { Annotation } from "../model/annotation.js";
import type { RunItem } from "../model/run-item.js";
import { isCompleteRun, type Run } from "../model/run.js";
import { exportArizeRecords, type ArizeFileFormat } from "../import/export-arize-records.js";
import { formatCount } from "../stats.js";
import { csvRow } from "./csv-row.js";
import { escapeXmlAttribute as attr, escapeXmlText as text } from "./escape-xml.js";
import { oneLine, truncate, valueText } from "./excerpt.js";

export type ExportFormat = "csv" | "json" | "jsonl" | "junit" | "arize";

export interface ExportOptions {
  /**
   * The run's annotations (`store.runAnnotations`): json and jsonl give each item an
   * `annotations` array, csv an `annotation:<name>` column per name. Annotations are human
   * judgements kept beside the scores: JUnit and Arize exports carry the scores only.
   */
  annotations?: readonly Annotation[];
  /** How an `arize` export is written (default jsonl): the CLI picks it from the file's extension. */
  arizeFile?: ArizeFileFormat;
}

/** An annotation as an export shows it: its item is the record it sits in. */
export type ExportedAnnotation = Pick<Annotation, "name" | "kind" | "value" | "note" | "author" | "updated_at">;

/**
 * A run's items as a file's content, in chunks (about one per item), so a 100,000-item run is
 * written as it is read and never held as one string.
 */
export function exportRunItems(
  run: Run,
  items: AsyncIterable<RunItem>,
  format: ExportFormat,
  options: ExportOptions = {},
): AsyncIterable<string> {
  const annotations = annotationsByItem(options.annotations ?? []);
  switch (format) {
    case "csv":
      return exportCsv(run, items, annotations);
    case "json":
      return exportJson(items, annotations);
    case "jsonl":
      return exportJsonl(items, annotations);
    case "junit":
      return exportJunit(run, items);
    case "arize":
      return exportArizeRecords(run, items, options.arizeFile ?? "jsonl");
  }
}

const CSV_COLUMNS = ["item_id", "status", "input", "expected", "output", "latency_ms", "error"];

/** run_item_id → its annotations in name order (as the store gives them), and every name, sorted. */
interface AnnotationIndex {
  byItem: Map<string, ExportedAnnotation[]>;
  names: string[];
}

function annotationsByItem(annotations: readonly Annotation[]): AnnotationIndex {
  const byItem = new Map<string, ExportedAnnotation[]>();
  const names = new Set<string>();
  for (const { run_id: _run, run_item_id: runItemId, item_id: _item, ...shown } of annotations) {
    const list = byItem.get(runItemId) ?? [];
    list.push(shown);
    byItem.set(runItemId, list);
    names.add(shown.name);
  }
  // Code point order, as names are ordered everywhere else (core/item-id-order.ts).
  return { byItem, names: [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/**
 * One column per scorer, named `score:<scorer>`, from the run's summary; a run without one
 * (still running) takes the scorers of its first item. Then one column per annotation name,
 * `annotation:<name>`: a metric's number or a label's text, empty where the item has none.
 */
async function* exportCsv(run: Run, items: AsyncIterable<RunItem>, annotations: AnnotationIndex): AsyncIterable<string> {
  const annotationColumns = annotations.names.map((name) => `annotation:${name}`);
  let scorers = run.summary?.scorers.map((scorer) => scorer.scorer);
  if (scorers !== undefined) yield csvRow([...CSV_COLUMNS, ...scorers.map((name) => `score:${name}`), ...annotationColumns]);
  for await (const item of items) {
    if (scorers === undefined) {
      scorers = item.scores.map((score) => score.scorer);
      yield csvRow([...CSV_COLUMNS, ...scorers.map((name) => `score:${name}`), ...annotationColumns]);
    }
    const byScorer = new Map(item.scores.map((score) => [score.scorer, score.score]));
    const byName = new Map((annotations.byItem.get(item.id) ?? []).map((annotation) => [annotation.name, annotation.value]));
    yield csvRow([
      item.item_id,
      item.status,
      csvValue(item.input),
      csvValue(item.expected),
      csvValue(item.output),
      String(item.latency_ms),
      item.error ?? "",
      ...scorers.map((name) => {
        const score = byScorer.get(name);
        return score === undefined ? "" : String(score);
      }),
      ...annotations.names.map((name) => {
        const value = byName.get(name);
        return value === undefined ? "" : String(value);
      }),
    ]);
  }
  if (scorers === undefined) yield csvRow([...CSV_COLUMNS, ...annotationColumns]);
}

/** Strings as they are (a CSV cell holds text); structured values as JSON; missing as empty. */
function csvValue(value: unknown): string {
  return value === undefined ? "" : valueText(value);
}

/** The item with its `annotations` (an empty array when it has none, so every record has the key). */
function withAnnotations(item: RunItem, annotations: AnnotationIndex): RunItem & { annotations: ExportedAnnotation[] } {
  return { ...item, annotations: annotations.byItem.get(item.id) ?? [] };
}

async function* exportJson(items: AsyncIterable<RunItem>, annotations: AnnotationIndex): AsyncIterable<string> {
  let first = true;
  yield "[";
  for await (const item of items) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(withAnnotations(item, annotations))}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

async function* exportJsonl(items: AsyncIterable<RunItem>, annotations: AnnotationIndex): AsyncIterable<string> {
  for await (const item of items) yield `${JSON.stringify(withAnnotations(item, annotations))}\n`;
}

/**
 * JUnit XML: one testsuite for the run, one testcase per item; a failed item is a <failure>
 * carrying its failing scorers' reasons, an errored item an <error>. A run that is not complete
 * (cancelled, errored, or never ended) gets one more testcase, `run completion`, as an <error>
 * saying how far it got: a CI reporter that only sees passing items would otherwise go green.
 * The counts in the opening tags come from the run's summary (the stream cannot be counted
 * before it is written) and include that testcase; a run without a summary gets none.
 */
async function* exportJunit(run: Run, items: AsyncIterable<RunItem>): AsyncIterable<string> {
  const counts = junitCounts(run);
  const time = suiteSeconds(run);
  const experiment = attr(run.experiment);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="evalgate"${counts}${time}>\n`;
  yield `  <testsuite name="${experiment}" id="${attr(run.id)}"${counts}${time} timestamp="${attr(run.started_at)}">\n`;
  yield `    <properties>\n${junitProperties(run)}    </properties>\n`;
  let stored = 0;
  for await (const item of items) {
    stored += 1;
    yield junitTestcase(experiment, item);
  }
  if (!isCompleteRun(run)) yield completionTestcase(experiment, run, stored);
  yield "  </testsuite>\n</testsuites>\n";
}

function junitCounts(run: Run): string {
  const summary = run.summary;
  if (summary === undefined) return "";
  const completion = isCompleteRun(run) ? 0 : 1;
  return ` tests="${summary.total + completion}" failures="${summary.failed}" errors="${summary.errored + completion}" skipped="0"`;
}

function completionTestcase(classname: string, run: Run, stored: number): string {
  const message = incompleteRunText(run, stored);
  const missing = Math.max(0, run.item_count - stored);
  const body = [
    message,
    ...(missing > 0 ? [`${formatCount(missing)} of the dataset's ${formatCount(run.item_count)} items have no result`] : []),
    ...(run.verdict_reasons ?? []).filter((reason) => reason !== message),
  ].join("\n");
  return (
    `    <testcase name="run completion" classname="${classname}" time="0.000">\n` +
    `      <error message="${attr(short(message))}" type="incomplete">${text(body)}</error>\n    </testcase>\n`
  );
}

/** "the run was cancelled after 12 of 40 items", in the words the gate's verdict uses. */
function incompleteRunText(run: Run, stored: number): string {
  const done = `${formatCount(stored)} of ${formatCount(run.item_count)} items`;
  switch (run.status) {
    case "cancelled":
      return `the run was cancelled after ${done}`;
    case "errored":
      return `the run could not complete: it stopped after ${done}`;
    default:
      return `the run did not finish: it stopped after ${done} (its process was killed or is still running)`;
  }
}

function suiteSeconds(run: Run): string {
  if (run.ended_at === undefined) return "";
  const milliseconds = Date.parse(run.ended_at) - Date.parse(run.started_at);
  return Number.isFinite(milliseconds) ? ` time="${seconds(Math.max(0, milliseconds))}"` : "";
}

function junitProperties(run: Run): string {
  const properties: Array<[string, string | undefined]> = [
    ["run_id", run.id],
    ["experiment_version", run.experiment_version],
    ["dataset_version", run.dataset_version],
    ["target", run.target],
    ["label", run.label],
    ["git_commit", run.git_commit],
  ];
  return properties
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `      <property name="${name}" value="${attr(value)}"/>\n`)
    .join("");
}

function junitTestcase(classname: string, item: RunItem): string {
  const open = `    <testcase name="${attr(item.item_id)}" classname="${classname}" time="${seconds(item.latency_ms)}"`;
  if (item.status === "passed") return `${open}/>\n`;
  if (item.status === "error") {
    const error = item.error ?? "unknown error";
    return `${open}>\n      <error message="${attr(short(error))}" type="error">${text(error)}</error>\n    </testcase>\n`;
  }
  const failing = item.scores.filter((score) => !score.passed || score.error !== undefined);
  const reasons = failing.map(
    (score) => `${score.scorer} (${score.score}): ${score.error !== undefined ? `scorer error: ${score.error}` : score.evidence.reason}`,
  );
  const body = [...reasons, `output: ${truncate(valueText(item.output), 2000)}`].join("\n");
  const message = reasons[0] ?? "failed";
  return `${open}>\n      <failure message="${attr(short(message))}" type="failed">${text(body)}</failure>\n    </testcase>\n`;
}

function short(text: string): string {
  return truncate(oneLine(text), 300);
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}
