import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject, it } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the test cluster (database `postgres`), set by test/helpers/postgres-global-setup.ts. */
    postgresUrl?: string;
    /** Why there is no test cluster, when the global setup found none. */
    postgresSkipReason?: string;
  }
}

/**
 * The test cluster's base URL: the one the vitest global setup started or was given, else
 * `EVALGATE_TEST_PG_URL`; undefined when this machine has no PostgreSQL for tests.
 */
export function postgresUrl(): string | undefined {
  return inject("postgresUrl") ?? (process.env.EVALGATE_TEST_PG_URL || undefined);
}

/** True when the suite must run its PostgreSQL tests (CI): then a missing server fails them. */
function postgresRequired(): boolean {
  return process.env.EVALGATE_REQUIRE_POSTGRES === "1";
}

function unavailableReason(): string {
  return (
    inject("postgresSkipReason") ??
    "no PostgreSQL for tests: the vitest global setup (test/helpers/postgres-global-setup.ts) provided none and EVALGATE_TEST_PG_URL is not set"
  );
}

/**
 * `describe(name, fn)` when a test cluster is available. Without one, the suite is skipped and the
 * reason printed; under EVALGATE_REQUIRE_POSTGRES=1 it fails instead, so CI never passes by
 * skipping the PostgreSQL store's tests.
 */
export function describeWithPostgres(name: string, fn: () => void): void {
  if (postgresUrl() !== undefined) {
    describe(name, fn);
    return;
  }
  const reason = unavailableReason();
  if (postgresRequired()) {
    describe(name, () => {
      it("has a PostgreSQL server to run against", () => {
        throw new Error(`EVALGATE_REQUIRE_POSTGRES=1, but ${reason}`);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": ${reason}`);
  describe.skip(name, fn);
}

/** A database of its own for one test or file, on the test cluster. */
export interface FreshDatabase {
  /** Its URL: the cluster's base URL with the database name in the path. */
  url: string;
  name: string;
  /** Terminates its connections and drops it; a second call does nothing. */
  drop(): Promise<void>;
}

/** Runs one statement on the cluster's maintenance database with a short-lived connection. */
async function runOnCluster(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database with a random name on the test cluster, so tests running in parallel
 * (and their stores' migrations) never see each other's tables. Its default collation is ICU's
 * en-US, which sorts `a < B < é < z`: a query that forgets `COLLATE "C"` orders ids differently
 * from code-point order and the tests show it. On a server without ICU (built without it, or
 * older than PostgreSQL 15, which has no ICU_LOCALE) the database gets the cluster's default.
 * Throws when there is no cluster: call it inside `describeWithPostgres`.
 */
export async function freshDatabase(): Promise<FreshDatabase> {
  const baseUrl = postgresUrl();
  if (baseUrl === undefined) throw new Error(`freshDatabase(): ${unavailableReason()}`);
  // Lower-case hex: a valid identifier that needs no quoting and never collides in practice.
  const name = `evalgate_test_${randomBytes(8).toString("hex")}`;
  try {
    // template0: template1's locale may differ, and only template0 may be copied with another one.
    await runOnCluster(
      baseUrl,
      `CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
    );
  } catch {
    // A failed CREATE DATABASE leaves nothing behind; a real problem (no permission, the server
    // gone) fails the plain one below too, with its own message.
    await runOnCluster(baseUrl, `CREATE DATABASE "${name}"`);
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      // FORCE (PostgreSQL 13+) ends the sessions a test's pool may still hold.
      await runOnCluster(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
