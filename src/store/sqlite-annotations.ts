import type { DatabaseSync, SQLOutputValue } from "node:sqlite";
import type { Annotation } from "../core/model/annotation.js";
import { UnknownRunError } from "./run-store.js";
import { inImmediateTransaction } from "./sqlite-transaction.js";

type Row = Record<string, SQLOutputValue>;

const COLUMNS = "run_item_id, name, run_id, item_id, kind, metric, label, note, author, updated_at";

/**
 * The `annotations` table of the embedded store. A batch is one transaction: its runs are
 * checked first, so a batch naming a run the store does not have writes nothing.
 */
export class SqliteAnnotations {
  private readonly runExists;
  private readonly upsert;
  private readonly ofRun;

  constructor(
    private readonly db: DatabaseSync,
    /** The store's file, for UnknownRunError. */
    private readonly where: string,
  ) {
    this.runExists = db.prepare("SELECT 1 FROM runs WHERE id = ?");
    this.upsert = db.prepare(
      `INSERT INTO annotations (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
        "ON CONFLICT (run_item_id, name) DO UPDATE SET run_id = excluded.run_id, item_id = excluded.item_id, " +
        "kind = excluded.kind, metric = excluded.metric, label = excluded.label, note = excluded.note, " +
        "author = excluded.author, updated_at = excluded.updated_at",
    );
    // BINARY collation: item ids and names in code point order, as runItems streams items.
    this.ofRun = db.prepare(`SELECT ${COLUMNS} FROM annotations WHERE run_id = ? ORDER BY item_id, name`);
  }

  put(annotations: readonly Annotation[]): void {
    if (annotations.length === 0) return;
    inImmediateTransaction(this.db, () => {
      for (const runId of new Set(annotations.map((annotation) => annotation.run_id))) {
        if (this.runExists.get(runId) === undefined) throw new UnknownRunError(runId, this.where);
      }
      for (const annotation of annotations) {
        this.upsert.run(
          annotation.run_item_id,
          annotation.name,
          annotation.run_id,
          annotation.item_id,
          annotation.kind,
          annotation.kind === "metric" ? Number(annotation.value) : null,
          annotation.kind === "label" ? String(annotation.value) : null,
          annotation.note ?? null,
          annotation.author ?? null,
          annotation.updated_at,
        );
      }
    });
  }

  list(runId: string): Annotation[] {
    return this.ofRun.all(runId).map(rowToAnnotation);
  }
}

function rowToAnnotation(row: Row): Annotation {
  const kind = row["kind"] === "metric" ? "metric" : "label";
  const annotation: Annotation = {
    run_id: String(row["run_id"]),
    run_item_id: String(row["run_item_id"]),
    item_id: String(row["item_id"]),
    name: String(row["name"]),
    kind,
    value: kind === "metric" ? Number(row["metric"]) : String(row["label"]),
    updated_at: String(row["updated_at"]),
  };
  if (row["note"] !== null && row["note"] !== undefined) annotation.note = String(row["note"]);
  if (row["author"] !== null && row["author"] !== undefined) annotation.author = String(row["author"]);
  return annotation;
}
