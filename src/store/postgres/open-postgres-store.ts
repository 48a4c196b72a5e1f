import { PostgresRunStore } from "./postgres-store.js";

export interface PostgresStoreOptions {
  /**
   * `owner/repo` when the Action or the bot opens the store: runs it creates carry it, and
   * `findRuns` sees only that repository's runs (one database may serve many repositories).
   */
  repository?: string;
}

export interface MigrationOutcome {
  /** Schema version before and after. */
  from: number;
  to: number;
}

/**
 * Opens a RunStore on PostgreSQL at `url`, applying pending migrations first.
 * Throws UserError (with the password redacted) when the server cannot be reached, refuses the
 * login, or has a newer schema than this evalgate knows.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresRunStore> {
  return PostgresRunStore.open(url, options);
}

/** `evalgate store migrate`: applies pending migrations and says from which version to which. */
export async function migratePostgresStore(url: string): Promise<MigrationOutcome> {
  return PostgresRunStore.migrateOnly(url);
}
