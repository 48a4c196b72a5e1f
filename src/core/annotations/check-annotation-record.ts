import { describeJsonType } from "../dataset/format.js";
import { ANNOTATION_LIMITS, type Annotation } from "../model/annotation.js";
import { excerpt } from "../report/excerpt.js";
import { formatCount } from "../stats.js";
import type { AnnotationFileRecord } from "./read-annotation-records.js";

/** A record whose fields are well-formed; which run item it names is checked against the run next. */
export interface AnnotationDraft {
  where: string;
  run_item_id?: string;
  item_id?: string;
  name: string;
  kind: Annotation["kind"];
  value: number | string;
  note?: string;
  author?: string;
}

// Plain decimal or exponent notation only: Number() would also read "0x10", "" and " " as numbers.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks one record's fields: a run item (`run_item_id` or `item_id`), a `name`, exactly one of
 * `metric` (a finite number; in CSV a cell holding one) and `label` (text), and optional `note`
 * and `author`, every text within ANNOTATION_LIMITS. JSON null is an absent field. Other fields
 * are ignored, so a sheet exported with context columns can be annotated in place. Every problem
 * is returned (as `file:line: field: what to write instead`), not only the first.
 */
export function checkAnnotationRecord(record: AnnotationFileRecord): { draft?: AnnotationDraft; problems: string[] } {
  const { where, fields } = record;
  const problems: string[] = [];
  const problem = (field: string, text: string) => problems.push(`${where}: ${field}: ${text}`);

  const absent = (field: string) => fields[field] === undefined || fields[field] === null;
  const runItemId = textField(fields, "run_item_id", { problem });
  const itemId = itemIdField(fields, problem);
  if (absent("run_item_id") && absent("item_id")) {
    problem("run_item_id", 'missing; name the run item by "run_item_id" (as comparisons show it, the "id" of an exported item) or by "item_id" (the dataset item\'s id)');
  }
  const name = textField(fields, "name", { problem, max: ANNOTATION_LIMITS.name, trim: true });
  if (absent("name")) problem("name", 'missing; give the annotation a "name", e.g. "helpfulness"');
  const note = textField(fields, "note", { problem, max: ANNOTATION_LIMITS.note, emptyIsAbsent: true });
  const author = textField(fields, "author", { problem, max: ANNOTATION_LIMITS.author, emptyIsAbsent: true });
  const value = valueOf(record, problem);

  if (problems.length > 0 || name === undefined || value === undefined) return { problems };
  const draft: AnnotationDraft = { where, name, ...value };
  if (runItemId !== undefined) draft.run_item_id = runItemId;
  if (itemId !== undefined) draft.item_id = itemId;
  if (note !== undefined) draft.note = note;
  if (author !== undefined) draft.author = author;
  return { draft, problems };
}

type Problem = (field: string, text: string) => void;

function textField(
  fields: Record<string, unknown>,
  field: string,
  options: { problem: Problem; max?: number; trim?: boolean; emptyIsAbsent?: boolean },
): string | undefined {
  const raw = fields[field];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string") {
    options.problem(field, `expected text, got ${describeJsonType(raw)}${typeof raw === "number" ? ` (write it in quotes: "${raw}")` : ""}`);
    return undefined;
  }
  const text = options.trim === true ? raw.trim() : raw;
  if (text === "") {
    if (options.emptyIsAbsent === true) return undefined;
    options.problem(field, "is empty; write a value or leave the field out");
    return undefined;
  }
  if (options.max !== undefined && text.length > options.max) {
    options.problem(field, `is ${formatCount(text.length)} characters long; at most ${formatCount(options.max)} are allowed`);
    return undefined;
  }
  return text;
}

/** An item id as datasets allow it: text, or a number (a dataset's numeric `id` became its text). */
function itemIdField(fields: Record<string, unknown>, problem: Problem): string | undefined {
  const raw = fields["item_id"];
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return textField(fields, "item_id", { problem });
}

function valueOf(record: AnnotationFileRecord, problem: Problem): Pick<AnnotationDraft, "kind" | "value"> | undefined {
  const metric = record.fields["metric"] ?? undefined;
  const label = record.fields["label"] ?? undefined;
  if (metric !== undefined && label !== undefined) {
    problem("metric", 'is given beside "label"; an annotation is one of them: a number as "metric" or a text as "label" (use two names for both)');
    return undefined;
  }
  if (metric === undefined && label === undefined) {
    problem("metric", 'missing; give a number as "metric" or a text as "label"');
    return undefined;
  }
  if (metric !== undefined) {
    const value = metricOf(metric, record.fromCsv);
    if (typeof value === "string") {
      problem("metric", value);
      return undefined;
    }
    return { kind: "metric", value };
  }
  if (typeof label !== "string") {
    const hint = typeof label === "number" ? `; give a number as "metric", or write the label in quotes ("${label}")` : "; write the label as text";
    problem("label", `expected text, got ${describeJsonType(label)}${hint}`);
    return undefined;
  }
  if (label === "") {
    problem("label", 'is empty; write a label, or give a number as "metric"');
    return undefined;
  }
  if (label.length > ANNOTATION_LIMITS.label) {
    problem("label", `is ${formatCount(label.length)} characters long; at most ${formatCount(ANNOTATION_LIMITS.label)} are allowed (put longer text in "note")`);
    return undefined;
  }
  return { kind: "label", value: label };
}

/** The metric's number, or why it is not one. */
function metricOf(metric: unknown, fromCsv: boolean): number | string {
  // JSON.parse reads 1e400 as Infinity.
  if (typeof metric === "number") return Number.isFinite(metric) ? metric : `${metric} is not a finite number`;
  if (typeof metric === "string" && fromCsv) {
    const trimmed = metric.trim();
    const value = DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (Number.isFinite(value)) return value;
    if (DECIMAL.test(trimmed)) return `${excerpt(metric, 40)} is too large a number`;
    return `"${excerpt(metric, 40)}" is not a number; write a number such as 0.8 or 4, or use a "label" column for text`;
  }
  if (typeof metric === "string") {
    const looksNumeric = DECIMAL.test(metric.trim());
    return looksNumeric
      ? `"${excerpt(metric, 40)}" is text; write the number without quotes`
      : `"${excerpt(metric, 40)}" is not a number; write a number such as 0.8, or give text as "label"`;
  }
  return `expected a number, got ${describeJsonType(metric)}`;
}
