import type pg from "pg";

/**
 * The scores table is an index derived from the scores inside each stored run item, as in the
 * embedded store (sqlite-score-index.ts): storing an item marks its run stale, and a score lookup
 * first rebuilds the stale runs, each in one transaction. `json`, not `jsonb`: only `json` reads a
 * text holding the escape \u0000.
 */
const REBUILD = [
  "DELETE FROM evalgate.scores WHERE run_id = $1",
  "INSERT INTO evalgate.scores (id, run_id, item_id) " +
    "SELECT DISTINCT ON (score_id) score_id, run_id, item_id FROM (" +
    "SELECT score ->> 'id' AS score_id, run_id, item_id FROM evalgate.run_items, " +
    "json_array_elements(CASE WHEN json_typeof(item::json -> 'scores') = 'array' THEN item::json -> 'scores' ELSE '[]' END) AS score " +
    "WHERE run_id = $1 " +
    // Each repeat's own scores too (ids differ per attempt), so `scores evidence` finds them.
    "UNION ALL SELECT score ->> 'id', run_id, item_id FROM evalgate.run_items, " +
    "json_array_elements(CASE WHEN json_typeof(item::json -> 'repeats') = 'array' THEN item::json -> 'repeats' ELSE '[]' END) AS attempt, " +
    "json_array_elements(CASE WHEN json_typeof(attempt -> 'scores') = 'array' THEN attempt -> 'scores' ELSE '[]' END) AS score " +
    "WHERE run_id = $1) AS found WHERE score_id IS NOT NULL",
  "UPDATE evalgate.runs SET scores_indexed = true WHERE id = $1",
];

/** Rebuilds every stale run's rows, so the scores table answers for every stored item. */
export async function catchUpScoreIndex(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM evalgate.runs WHERE NOT scores_indexed");
  for (const { id } of rows) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      // Two processes rebuilding the same run wait for each other instead of colliding on ids.
      await client.query("SELECT 1 FROM evalgate.runs WHERE id = $1 FOR UPDATE", [id]);
      for (const step of REBUILD) await client.query(step, [id]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
