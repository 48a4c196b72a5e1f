import { ANNOTATION_LIMITS, type Annotation } from "../model/annotation.js";
import type { RunItem } from "../model/run-item.js";
import { truncate } from "../report/excerpt.js";
import type { ImportRecord } from "./import-record.js";

/** The author of annotations kept from an import's evaluations. */
export const IMPORT_AUTHOR = "import";

/**
 * With `--score` the experiment's scorers judge the outputs, and the imported evaluations are kept
 * beside their scores as annotations, one per evaluation, named as it is: a `metric` (its score)
 * when it has a score, else a `label` (its label text). The note holds the explanation, and the
 * label too when the evaluation has both. Annotations never change an item's status or a verdict.
 * Texts longer than ANNOTATION_LIMITS are cut with "…"; names were checked (annotationNameProblems).
 */
export function evaluationAnnotations(record: ImportRecord, runItem: RunItem, updatedAt: string): Annotation[] {
  return Object.entries(record.evaluations ?? {}).map(([name, evaluation]) => {
    const labelled = evaluation.score !== undefined && evaluation.label !== undefined ? `label: ${evaluation.label}` : undefined;
    const note = [labelled, evaluation.explanation].filter((part) => part !== undefined).join("\n");
    return {
      run_id: runItem.run_id,
      run_item_id: runItem.id,
      item_id: runItem.item_id,
      name,
      ...(evaluation.score !== undefined
        ? { kind: "metric" as const, value: evaluation.score }
        : { kind: "label" as const, value: truncate(evaluation.label ?? "", ANNOTATION_LIMITS.label) }),
      ...(note !== "" ? { note: truncate(note, ANNOTATION_LIMITS.note) } : {}),
      author: IMPORT_AUTHOR,
      updated_at: updatedAt,
    };
  });
}

/** Evaluation names too long to be annotation names: refused before anything is stored. */
export function annotationNameProblems(records: readonly ImportRecord[]): string[] {
  const problems: string[] = [];
  for (const record of records) {
    for (const name of Object.keys(record.evaluations ?? {})) {
      if (name.length > ANNOTATION_LIMITS.name) {
        problems.push(
          `${record.where}: evaluation name "${truncate(name, 40)}" is longer than ${ANNOTATION_LIMITS.name} characters; ` +
            "with --score the evaluations are kept as annotations, whose names are at most that long",
        );
      }
    }
  }
  return problems;
}
