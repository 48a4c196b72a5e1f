import type pg from "pg";
import type { Annotation } from "../../core/model/annotation.js";
import { UnknownRunError } from "../run-store.js";

const COLUMNS = "run_item_id, name, run_id, item_id, kind, metric, label, note, author, updated_at";
const FIELDS = COLUMNS.split(", ");

interface AnnotationRow {
  run_item_id: string;
  name: string;
  run_id: string;
  item_id: string;
  kind: string;
  metric: number | null;
  label: string | null;
  note: string | null;
  author: string | null;
  updated_at: string;
}

/**
 * Annotations upserted by (run_item_id, name) in one transaction (RunStore.putAnnotations).
 * `onConflict: "keep"` leaves existing rows as they are: publishing a run again must not put its
 * staged values back over annotations written since.
 */
export async function putAnnotations(
  client: pg.PoolClient,
  annotations: readonly Annotation[],
  where: string,
  onConflict: "replace" | "keep" = "replace",
): Promise<void> {
  if (annotations.length === 0) return;
  const runIds = [...new Set(annotations.map((annotation) => annotation.run_id))];
  const { rows } = await client.query<{ id: string }>("SELECT id FROM evalgate.runs WHERE id = ANY($1::text[])", [runIds]);
  const known = new Set(rows.map((row) => row.id));
  const unknown = runIds.find((runId) => !known.has(runId));
  if (unknown !== undefined) throw new UnknownRunError(unknown, where);
  // One row per key, the last given: an upsert may not change a row twice in one statement.
  const latest = new Map(annotations.map((annotation) => [`${annotation.run_item_id}\u0000${annotation.name}`, toRow(annotation)]));
  const rowsToWrite = [...latest.values()];
  const columns = FIELDS.map((field) => rowsToWrite.map((row) => row[field as keyof AnnotationRow]));
  const types = ["text", "text", "text", "text", "text", "float8", "text", "text", "text", "text"];
  const update = FIELDS.filter((field) => field !== "run_item_id" && field !== "name")
    .map((field) => `${field} = excluded.${field}`)
    .join(", ");
  await client.query(
    `INSERT INTO evalgate.annotations (${COLUMNS}) SELECT * FROM unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(", ")}) ` +
      (onConflict === "keep" ? "ON CONFLICT DO NOTHING" : `ON CONFLICT (run_item_id, name) DO UPDATE SET ${update}`),
    columns,
  );
}

/** A run's annotations in code point order of item id, then name (the columns are COLLATE "C"). */
export async function runAnnotations(pool: pg.Pool, runId: string): Promise<Annotation[]> {
  const { rows } = await pool.query<AnnotationRow>(`SELECT ${COLUMNS} FROM evalgate.annotations WHERE run_id = $1 ORDER BY item_id, name`, [runId]);
  return rows.map(toAnnotation);
}

function toRow(annotation: Annotation): AnnotationRow {
  return {
    run_item_id: annotation.run_item_id,
    name: annotation.name,
    run_id: annotation.run_id,
    item_id: annotation.item_id,
    kind: annotation.kind,
    metric: annotation.kind === "metric" ? Number(annotation.value) : null,
    label: annotation.kind === "label" ? String(annotation.value) : null,
    note: annotation.note ?? null,
    author: annotation.author ?? null,
    updated_at: annotation.updated_at,
  };
}

function toAnnotation(row: AnnotationRow): Annotation {
  const kind = row.kind === "metric" ? "metric" : "label";
  const annotation: Annotation = {
    run_id: row.run_id,
    run_item_id: row.run_item_id,
    item_id: row.item_id,
    name: row.name,
    kind,
    value: kind === "metric" ? Number(row.metric) : String(row.label),
    updated_at: row.updated_at,
  };
  if (row.note !== null) annotation.note = row.note;
  if (row.author !== null) annotation.author = row.author;
  return annotation;
}
