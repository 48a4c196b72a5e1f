import { UserError } from "../errors.js";
import type { Annotation } from "../model/annotation.js";
import { excerpt } from "../report/excerpt.js";
import { formatCount } from "../stats.js";
import { checkAnnotationRecord, type AnnotationDraft } from "./check-annotation-record.js";
import type { AnnotationFileRecord } from "./read-annotation-records.js";

/** The run items of the run being annotated, both ways: run item id ↔ item id. */
export interface RunItemIndex {
  itemIdOf: ReadonlyMap<string, string>;
  runItemIdOf: ReadonlyMap<string, string>;
}

export interface CollectAnnotationsOptions {
  /** The path shown in messages (`-` reads as "stdin"). */
  file: string;
  runId: string;
  runItems: RunItemIndex;
  /** ISO time every annotation is written at. */
  updatedAt: string;
  /** The author of records that name none (`--author`). */
  author?: string;
}

export interface CollectedAnnotations {
  /** One per (run item, name), in the order first seen; a later record of the same pair replaced the earlier. */
  annotations: Annotation[];
  /** Records read. */
  records: number;
  /** Records that repeated an earlier record's (run item, name) and replaced it. */
  replaced: number;
}

/** Problems listed in full before the rest are counted: the first few say what is wrong. */
const PROBLEMS_SHOWN = 20;

/**
 * Reads every record and checks it against the run before anything is written: a single bad
 * record (malformed fields, a run item the run does not have) refuses the whole file with a
 * UserError listing the problems as `file:line: field: what to write instead`. An empty file is
 * refused too.
 */
export async function collectAnnotations(
  records: AsyncIterable<AnnotationFileRecord>,
  options: CollectAnnotationsOptions,
): Promise<CollectedAnnotations> {
  const byKey = new Map<string, Annotation>();
  const problems: string[] = [];
  let count = 0;
  let replaced = 0;
  for await (const record of records) {
    count += 1;
    const checked = checkAnnotationRecord(record);
    problems.push(...checked.problems);
    if (checked.draft === undefined) continue;
    const target = runItemOf(checked.draft, options, problems);
    if (target === undefined || problems.length > 0) continue;
    const annotation = toAnnotation(checked.draft, target, options);
    const key = `${annotation.run_item_id}\u0000${annotation.name}`;
    if (byKey.has(key)) {
      replaced += 1;
      // Deleted first so the latest record also takes the latest place in the write order.
      byKey.delete(key);
    }
    byKey.set(key, annotation);
  }
  if (problems.length > 0) throw refusal(options.file, problems);
  if (count === 0) throw new UserError(`${options.file}: no annotations in the file; write one record per run item and name`);
  return { annotations: [...byKey.values()], records: count, replaced };
}

function runItemOf(draft: AnnotationDraft, options: CollectAnnotationsOptions, problems: string[]): { runItemId: string; itemId: string } | undefined {
  const { runItems, runId } = options;
  const quoted = (id: string) => JSON.stringify(excerpt(id, 80));
  if (draft.run_item_id !== undefined) {
    const itemId = runItems.itemIdOf.get(draft.run_item_id);
    if (itemId === undefined) {
      problems.push(`${draft.where}: run_item_id: ${quoted(draft.run_item_id)} is not a run item of run ${runId}`);
      return undefined;
    }
    if (draft.item_id !== undefined && draft.item_id !== itemId) {
      problems.push(`${draft.where}: item_id: ${quoted(draft.item_id)} is not the item of run item ${draft.run_item_id} (that is ${quoted(itemId)}); give one of the two, or both matching`);
      return undefined;
    }
    return { runItemId: draft.run_item_id, itemId };
  }
  const itemId = draft.item_id!;
  const runItemId = runItems.runItemIdOf.get(itemId);
  if (runItemId === undefined) {
    problems.push(`${draft.where}: item_id: ${quoted(itemId)} has no run item in run ${runId}`);
    return undefined;
  }
  return { runItemId, itemId };
}

function toAnnotation(draft: AnnotationDraft, target: { runItemId: string; itemId: string }, options: CollectAnnotationsOptions): Annotation {
  const annotation: Annotation = {
    run_id: options.runId,
    run_item_id: target.runItemId,
    item_id: target.itemId,
    name: draft.name,
    kind: draft.kind,
    value: draft.value,
    updated_at: options.updatedAt,
  };
  if (draft.note !== undefined) annotation.note = draft.note;
  const author = draft.author ?? options.author;
  if (author !== undefined) annotation.author = author;
  return annotation;
}

function refusal(file: string, problems: string[]): UserError {
  const shown = problems.slice(0, PROBLEMS_SHOWN);
  const more = problems.length - shown.length;
  const head = `${file}: ${formatCount(problems.length)} ${problems.length === 1 ? "problem" : "problems"}; nothing was stored`;
  return new UserError([head, ...shown.map((text) => `  ${text}`), ...(more > 0 ? [`  … and ${formatCount(more)} more`] : [])].join("\n"));
}
