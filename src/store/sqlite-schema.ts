import type { DatabaseSync } from "node:sqlite";
import { UserError } from "../core/errors.js";
import { inImmediateTransaction } from "./sqlite-transaction.js";

/**
 * Migration N (0-based) brings a database from `user_version` N to N + 1. Append only: a shipped
 * migration never changes, so every store on disk can be brought to the current schema.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE experiment_versions (
    experiment TEXT NOT NULL,
    version TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (experiment, version)
  ) STRICT;

  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    experiment TEXT NOT NULL,
    experiment_version TEXT NOT NULL,
    dataset_path TEXT NOT NULL,
    dataset_version TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    target TEXT NOT NULL,
    label TEXT,
    git_commit TEXT,
    git_branch TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL,
    summary TEXT,
    verdict TEXT,
    verdict_reasons TEXT,
    -- 1 while the scores table holds exactly this run's scores; storing an item clears it.
    scores_indexed INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX runs_by_start ON runs (started_at, id);
  CREATE INDEX runs_by_experiment ON runs (experiment, started_at, id);
  CREATE INDEX runs_by_status ON runs (status, started_at, id);

  -- The whole RunItem is one JSON text, so it reads back exactly as it went in; the key columns
  -- beside it are copies for lookups.
  CREATE TABLE run_items (
    run_id TEXT NOT NULL REFERENCES runs (id),
    item_id TEXT NOT NULL,
    id TEXT NOT NULL,
    status TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (run_id, item_id)
  ) STRICT;
  CREATE INDEX run_items_by_id ON run_items (id);

  -- Derived from run_items.item: rebuilt per run when runs.scores_indexed is 0 (see
  -- sqlite-score-index.ts), because three random-key index inserts per item tripled the cost of
  -- storing an item.
  CREATE TABLE scores (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    scorer TEXT NOT NULL,
    score REAL NOT NULL,
    passed INTEGER NOT NULL,
    error TEXT
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX scores_by_run ON scores (run_id, item_id);
  `,
  // Runs on GitHub are baselines (pushes to the baseline branch) or candidates (pull requests).
  `
  ALTER TABLE runs ADD COLUMN role TEXT;
  ALTER TABLE runs ADD COLUMN pull_request INTEGER;
  `,
  // One live owner per run (engine/run-lease.ts). No foreign key: a results-branch store keeps
  // here only runs in progress, and a lease may name a run that lives on the branch.
  `
  CREATE TABLE run_leases (
    run_id TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    heartbeat_at TEXT NOT NULL
  ) STRICT;
  `,
  // A run of a variant, and a run over a selection of the dataset (a sample, rows, a split, a shard).
  `
  ALTER TABLE runs ADD COLUMN variant TEXT;
  ALTER TABLE runs ADD COLUMN selection TEXT;
  `,
  // The lifecycle of an experiment with variants, and the baseline run that locks its items.
  `
  CREATE TABLE experiment_states (
    experiment TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    baseline_run_id TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  `,
  // Calls per item of a run that repeats items (`repeat: K`, K > 1); NULL for one call.
  `
  ALTER TABLE runs ADD COLUMN repeat INTEGER;
  `,
  // People's judgements of run items (`evalgate runs annotate`): one per (run item, name). A
  // metric's number and a label's text in columns of their own, so the table stays STRICT.
  `
  CREATE TABLE annotations (
    run_item_id TEXT NOT NULL,
    name TEXT NOT NULL,
    run_id TEXT NOT NULL REFERENCES runs (id),
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    metric REAL,
    label TEXT,
    note TEXT,
    author TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_item_id, name)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX annotations_by_run ON annotations (run_id, item_id, name);
  `,
  // Dataset versions kept, their items content-addressed (sqlite-dataset-versions.ts): an item's
  // canonical JSON is stored once under its digest, however many versions hold it.
  `
  CREATE TABLE dataset_versions (
    version TEXT PRIMARY KEY,
    dataset_path TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  -- A rowid table: items may be kilobytes, too large for a WITHOUT ROWID table's B-tree pages.
  CREATE TABLE dataset_items (
    digest TEXT PRIMARY KEY,
    item TEXT NOT NULL
  ) STRICT;
  CREATE TABLE dataset_version_items (
    version TEXT NOT NULL,
    item_id TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (version, item_id)
  ) STRICT, WITHOUT ROWID;
  -- Whether another version still holds an item, when a version is removed.
  CREATE INDEX dataset_version_items_by_digest ON dataset_version_items (digest);
  -- The runs over a dataset version: its use, and whether deleting a run leaves it unused.
  CREATE INDEX runs_by_dataset_version ON runs (dataset_version, started_at);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to SCHEMA_VERSION. Runs under BEGIN IMMEDIATE so two processes opening a
 * fresh store at once migrate it once: the second waits, then reads the new user_version.
 */
export function migrate(db: DatabaseSync, file: string): void {
  inImmediateTransaction(db, () => {
    const current = readUserVersion(db);
    if (current > SCHEMA_VERSION) {
      throw new UserError(
        `${file} has store schema version ${current}, but this evalgate knows up to ${SCHEMA_VERSION}: ` +
          "upgrade evalgate, or pass --store DIR to use another store",
      );
    }
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < current) continue;
      db.exec(sql);
    }
    // PRAGMA takes no bound parameters; SCHEMA_VERSION is our own integer.
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
}

function readUserVersion(db: DatabaseSync): number {
  const row = db.prepare("PRAGMA user_version").get();
  const version = row?.["user_version"];
  return typeof version === "number" ? version : 0;
}
