import { z } from "zod";

/** The longest annotation name, label text, note and author (characters): bounded like every stored text. */
export const ANNOTATION_LIMITS = { name: 128, label: 1000, note: 4000, author: 200 } as const;

/**
 * A human judgement written onto a run item (`evalgate runs annotate`): a named metric (a number)
 * or label (a text), with an optional note and author. One per (run item, name): writing the same
 * name again replaces it. Shown beside the automated scores, never mixed into them: annotations
 * do not change an item's status or a verdict.
 */
export const AnnotationSchema = z.object({
  run_id: z.string(),
  run_item_id: z.string(),
  item_id: z.string(),
  name: z.string().min(1).max(ANNOTATION_LIMITS.name),
  kind: z.enum(["metric", "label"]),
  /** A finite number for a metric, a text for a label. */
  value: z.union([z.number(), z.string().max(ANNOTATION_LIMITS.label)]),
  note: z.string().max(ANNOTATION_LIMITS.note).optional(),
  author: z.string().max(ANNOTATION_LIMITS.author).optional(),
  /** ISO time it was last written. */
  updated_at: z.string(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;
