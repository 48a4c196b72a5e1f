import { describeJsonType } from "../dataset/format.js";
import {
  EVALUATION_FIELDS,
  FAIL_LABELS,
  PASS_LABELS,
  labelVerdict,
  parseEvaluationColumn,
  type ArizeEvaluation,
  type EvaluationField,
} from "./arize-run-schema.js";

type Fields = Record<string, unknown>;

/**
 * A record's evaluations: its `evaluations` object and its flat `eval.<name>.<field>` keys, by
 * name. Each needs a score (a number 0..1, or such a number as text: a CSV cell) or a label
 * (text; true/false are read as "true"/"false"); one without either passes only when its label is
 * a verdict word (PASS_LABELS, FAIL_LABELS). Empty values (null, "") are absent, and an evaluation
 * with nothing left is no evaluation: an export leaves a scorer's cells empty on items it did not
 * score. Problems are pushed as `where: …`; undefined when the record carries no evaluation.
 */
export function readEvaluations(fields: Fields, where: string, problems: string[]): Record<string, ArizeEvaluation> | undefined {
  const raw = new Map<string, Partial<Record<EvaluationField, unknown>>>();
  const nested = fields.evaluations;
  if (nested !== undefined && nested !== null) {
    if (!isRecord(nested)) {
      problems.push(`${where}: "evaluations" must be an object {name: {label, score, explanation}}, got ${describeJsonType(nested)}`);
    } else {
      for (const [name, evaluation] of Object.entries(nested)) {
        if (evaluation === null) continue;
        if (!isRecord(evaluation)) {
          problems.push(`${where}: evaluations.${name} must be an object {label, score, explanation}, got ${describeJsonType(evaluation)}`);
          continue;
        }
        raw.set(name, pickFields(evaluation));
      }
    }
  }
  for (const [key, value] of Object.entries(fields)) {
    const column = parseEvaluationColumn(key);
    if (column === undefined) continue;
    if (column.field === undefined) {
      problems.push(`${where}: "${key}" names no field of an evaluation; write eval.<name>.label, eval.<name>.score or eval.<name>.explanation`);
      continue;
    }
    const entry = raw.get(column.name) ?? {};
    if (entry[column.field] !== undefined && !isEmpty(value)) {
      problems.push(`${where}: evaluation "${column.name}" gives its ${column.field} twice (in "evaluations" and as "${key}")`);
      continue;
    }
    if (!isEmpty(value)) entry[column.field] = value;
    raw.set(column.name, entry);
  }
  const evaluations: Record<string, ArizeEvaluation> = {};
  for (const [name, entry] of raw) {
    if (name.trim() === "") {
      problems.push(`${where}: an evaluation has an empty name`);
      continue;
    }
    const evaluation = readEvaluation(entry, `${where}: evaluation "${name}"`, problems);
    if (evaluation !== undefined) evaluations[name] = evaluation;
  }
  return Object.keys(evaluations).length > 0 ? evaluations : undefined;
}

function pickFields(evaluation: Record<string, unknown>): Partial<Record<EvaluationField, unknown>> {
  const picked: Partial<Record<EvaluationField, unknown>> = {};
  for (const field of EVALUATION_FIELDS) if (!isEmpty(evaluation[field])) picked[field] = evaluation[field];
  return picked;
}

function readEvaluation(
  entry: Partial<Record<EvaluationField, unknown>>,
  where: string,
  problems: string[],
): ArizeEvaluation | undefined {
  if (entry.label === undefined && entry.score === undefined && entry.explanation === undefined) return undefined;
  const evaluation: ArizeEvaluation = {};
  const before = problems.length;
  if (entry.score !== undefined) {
    const score = scoreOf(entry.score);
    if (score === undefined) problems.push(`${where}: score ${shown(entry.score)} is not a number from 0 to 1`);
    else evaluation.score = score;
  }
  if (entry.label !== undefined) {
    if (typeof entry.label === "string") evaluation.label = entry.label;
    else if (typeof entry.label === "boolean") evaluation.label = String(entry.label);
    else problems.push(`${where}: label must be text, got ${describeJsonType(entry.label)}`);
  }
  if (entry.explanation !== undefined) {
    if (typeof entry.explanation === "string") evaluation.explanation = entry.explanation;
    else problems.push(`${where}: explanation must be text, got ${describeJsonType(entry.explanation)}`);
  }
  if (problems.length > before) return undefined;
  if (evaluation.score === undefined && (evaluation.label === undefined || labelVerdict(evaluation.label) === undefined)) {
    problems.push(
      evaluation.label === undefined
        ? `${where}: has neither a score nor a label; give a score from 0 to 1 or a label`
        : `${where}: label ${JSON.stringify(evaluation.label)} says neither pass nor fail and there is no score; ` +
            `give a score from 0 to 1, or a label among ${[...PASS_LABELS, ...FAIL_LABELS].join(", ")}`,
    );
    return undefined;
  }
  return evaluation;
}

/** A number 0..1, or decimal text of one (a CSV cell); undefined otherwise. */
function scoreOf(value: unknown): number | undefined {
  const number =
    typeof value === "number" ? value : typeof value === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : undefined;
}

function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : describeJsonType(value) === "a number" ? String(value) : describeJsonType(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
