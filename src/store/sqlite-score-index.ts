import type { DatabaseSync } from "node:sqlite";
import { inImmediateTransaction } from "./sqlite-transaction.js";

/**
 * The scores table is an index derived from the scores inside each stored run item. Keeping it
 * current on every putRunItem cost three random-key B-tree inserts per item (score ids are
 * hashes), which tripled the cost of storing an item. Instead storing an item marks its run stale
 * (runs.scores_indexed = 0) and a score lookup first rebuilds the stale runs, each in one
 * transaction; rows are inserted in id order so the rebuild writes each index page once.
 */
export class ScoreIndex {
  /** Writes only when the run was indexed, so the store's hot path usually reads one page. */
  static readonly MARK_STALE = "UPDATE runs SET scores_indexed = 0 WHERE id = ? AND scores_indexed = 1";
  private readonly staleRuns;
  private readonly markStale;
  private readonly rebuildSteps;

  constructor(private readonly db: DatabaseSync) {
    this.staleRuns = db.prepare("SELECT id FROM runs WHERE scores_indexed = 0");
    this.markStale = db.prepare(ScoreIndex.MARK_STALE);
    this.rebuildSteps = [
      db.prepare("DELETE FROM scores WHERE run_id = :run_id"),
      db.prepare(
        "INSERT OR REPLACE INTO scores (id, run_id, item_id, scorer, score, passed, error) " +
          "SELECT score.value ->> '$.id', run_items.run_id, run_items.item_id, score.value ->> '$.scorer', " +
          "score.value ->> '$.score', score.value ->> '$.passed', score.value ->> '$.error' " +
          "FROM run_items, json_each(run_items.item, '$.scores') AS score " +
          "WHERE run_items.run_id = :run_id " +
          // Each repeat's own scores too (ids differ per attempt), so `scores evidence` finds them.
          "UNION ALL SELECT score.value ->> '$.id', run_items.run_id, run_items.item_id, score.value ->> '$.scorer', " +
          "score.value ->> '$.score', score.value ->> '$.passed', score.value ->> '$.error' " +
          "FROM run_items, json_each(run_items.item, '$.repeats') AS attempt, json_each(attempt.value, '$.scores') AS score " +
          "WHERE run_items.run_id = :run_id ORDER BY 1",
      ),
      db.prepare("UPDATE runs SET scores_indexed = 1 WHERE id = :run_id"),
    ];
  }

  /** Called inside the transaction that stores an item of the run. */
  runChanged(runId: string): void {
    this.markStale.run(runId);
  }

  /** Rebuilds every stale run, so that the scores table answers for every stored item. */
  catchUp(): void {
    const stale = this.staleRuns.all().map((row) => String(row["id"]));
    for (const runId of stale) {
      inImmediateTransaction(this.db, () => {
        for (const step of this.rebuildSteps) step.run({ run_id: runId });
      });
    }
  }
}
