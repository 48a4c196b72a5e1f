import type { RunItem } from "../model/run-item.js";
import type { Run } from "../model/run.js";
import { csvRow } from "./csv-row.js";
import { escapeXmlAttribute as attr, escapeXmlText as text } from "./escape-xml.js";
import { oneLine, truncate, valueText } from "./excerpt.js";

export type ExportFormat = "csv" | "json" | "jsonl" | "junit";

/**
 * A run's items as a file's content, in chunks (about one per item), so a 100,000-item run is
 * written as it is read and never held as one string.
 */
export function exportRunItems(run: Run, items: AsyncIterable<RunItem>, format: ExportFormat): AsyncIterable<string> {
  switch (format) {
    case "csv":
      return exportCsv(run, items);
    case "json":
      return exportJson(items);
    case "jsonl":
      return exportJsonl(items);
    case "junit":
      return exportJunit(run, items);
  }
}

const CSV_COLUMNS = ["item_id", "status", "input", "expected", "output", "latency_ms", "error"];

/**
 * One column per scorer, named `score:<scorer>`, from the run's summary; a run without one
 * (still running) takes the scorers of its first item.
 */
async function* exportCsv(run: Run, items: AsyncIterable<RunItem>): AsyncIterable<string> {
  let scorers = run.summary?.scorers.map((scorer) => scorer.scorer);
  if (scorers !== undefined) yield csvRow([...CSV_COLUMNS, ...scorers.map((name) => `score:${name}`)]);
  for await (const item of items) {
    if (scorers === undefined) {
      scorers = item.scores.map((score) => score.scorer);
      yield csvRow([...CSV_COLUMNS, ...scorers.map((name) => `score:${name}`)]);
    }
    const byScorer = new Map(item.scores.map((score) => [score.scorer, score.score]));
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
    ]);
  }
  if (scorers === undefined) yield csvRow(CSV_COLUMNS);
}

/** Strings as they are (a CSV cell holds text); structured values as JSON; missing as empty. */
function csvValue(value: unknown): string {
  return value === undefined ? "" : valueText(value);
}

async function* exportJson(items: AsyncIterable<RunItem>): AsyncIterable<string> {
  let first = true;
  yield "[";
  for await (const item of items) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

async function* exportJsonl(items: AsyncIterable<RunItem>): AsyncIterable<string> {
  for await (const item of items) yield `${JSON.stringify(item)}\n`;
}

/**
 * JUnit XML: one testsuite for the run, one testcase per item; a failed item is a <failure>
 * carrying its failing scorers' reasons, an errored item an <error>. The counts in the opening
 * tags come from the run's summary (the stream cannot be counted before it is written); a run
 * without a summary gets none.
 */
async function* exportJunit(run: Run, items: AsyncIterable<RunItem>): AsyncIterable<string> {
  const counts = junitCounts(run);
  const time = suiteSeconds(run);
  const experiment = attr(run.experiment);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="evalgate"${counts}${time}>\n`;
  yield `  <testsuite name="${experiment}" id="${attr(run.id)}"${counts}${time} timestamp="${attr(run.started_at)}">\n`;
  yield `    <properties>\n${junitProperties(run)}    </properties>\n`;
  for await (const item of items) yield junitTestcase(experiment, item);
  yield "  </testsuite>\n</testsuites>\n";
}

function junitCounts(run: Run): string {
  const summary = run.summary;
  if (summary === undefined) return "";
  return ` tests="${summary.total}" failures="${summary.failed}" errors="${summary.errored}" skipped="0"`;
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
