import pg from "pg";
import { UnavailableError, UserError } from "../../core/errors.js";
import { redactStoreUrl } from "./store-url.js";

/**
 * Connections per store. A run writes from one group-commit batch at a time and streams reads
 * page by page, so a few connections serve a process; many processes share one server.
 */
const POOL_SIZE = 4;
/** How long connecting may take before the store says the server cannot be reached (ms). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A pool on `url` that lets the process exit when idle. `where` (the URL, password redacted) is
 * what messages name.
 */
export function createPool(url: string): pg.Pool {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(
      `${redactStoreUrl(url)} is not a valid PostgreSQL URL: write postgres://USER:PASSWORD@HOST:PORT/DATABASE, ` +
        "with special characters in the user or password percent-encoded (@ as %40, : as %3A, / as %2F, # as %23, % as %25)",
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    // The embedded store's promise, not more (sqlite-store.ts: WAL + synchronous NORMAL): a commit
    // survives the evalgate process being killed, as the server holds it; a crash of the server
    // itself may lose the last ~0.6 s of commits (3 × wal_writer_delay), which a resume re-runs.
    // Waiting for a WAL flush per commit made storing 300 items one by one take 15 s here. Set at
    // connection start (no extra query); `options` the URL gives are kept.
    options: [parsed.searchParams.get("options"), "-c synchronous_commit=off"].filter(Boolean).join(" "),
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    allowExitOnIdle: true,
    application_name: "evalgate",
  });
  // An idle client whose server went away emits here; without a listener Node would exit. The
  // next query reconnects or fails with its own error.
  pool.on("error", () => undefined);
  return pool;
}

const MAPPED = Symbol("evalgate.lostConnectionsMapped");

/**
 * From here on, every query of `pool` and of the clients it hands out rejects with
 * lostConnectionError's UnavailableError when the server went away, whichever module sent it: a
 * lost server is exit 3 with one line, never an "unexpected error". Called once the store has
 * opened (failing to open is the user's setting: connectionError, exit 2). Clients get an `error`
 * listener while checked out too: the driver emits a dead connection's error as an event, which
 * without a listener would end the process.
 */
export function mapLostConnections(pool: pg.Pool, where: string): void {
  const rethrow = (error: unknown): never => {
    throw lostConnectionError(error, where);
  };
  const mapQueries = <T extends { query: unknown }>(queryable: T): void => {
    const query = (queryable.query as (...args: unknown[]) => unknown).bind(queryable);
    // Promise forms only; callback and Submittable forms (the pool's own use) pass through unchanged.
    queryable.query = ((...args: unknown[]) => {
      const result = query(...args);
      return result instanceof Promise ? result.catch(rethrow) : result;
    }) as T["query"];
  };
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient> | undefined;
  mapQueries(pool);
  pool.connect = ((callback?: unknown) => {
    // pool.query checks a client out with a callback: that form is the pool's own.
    if (typeof callback === "function") return connect(callback);
    return connect()!.then((client) => {
      const marked = client as pg.PoolClient & { [MAPPED]?: true };
      if (marked[MAPPED] !== true) {
        marked[MAPPED] = true;
        client.on("error", () => undefined);
        mapQueries(client);
      }
      return client;
    }, rethrow);
  }) as typeof pool.connect;
}

/** PostgreSQL error codes (SQLSTATE) a user causes, and what to do about each. */
const USER_CAUSED: Record<string, string> = {
  "28P01": "the password was refused",
  "28000": "the login was refused (no pg_hba.conf entry, or the role is not allowed)",
  "3D000": "the database does not exist (create it first, e.g. `createdb`)",
  "42501": "the role may not create the evalgate schema or its tables (grant CREATE on the database)",
  "53300": "the server has too many connections",
};

/**
 * A connection failure as the user should read it: UserError naming the store (password
 * redacted) and the cause, or the error itself when it is ours (a bug, not a setting).
 */
export function connectionError(error: unknown, where: string): Error {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    typeof code === "string" && code in USER_CAUSED
      ? USER_CAUSED[code]
      : typeof code === "string" && /^E[A-Z]+$/.test(code)
        ? `${message} (is the server running, and is the host and port right?)`
        : /timeout/i.test(message)
          ? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s (is the server running, and is the host and port right?)`
          : /password|SASL|SCRAM|ssl|certificate|invalid|URL/i.test(message)
            ? redactPasswords(message)
            : undefined;
  if (cause === undefined) return error instanceof Error ? error : new Error(message);
  return new UserError(`cannot open the PostgreSQL store ${where}: ${cause}`);
}

/** A driver message may quote the connection string: nothing after `:` and before `@` survives. */
function redactPasswords(message: string): string {
  return message.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, "$1***@").replace(/(password=)[^&\s]*/gi, "$1***");
}

/**
 * A lost connection as the user should read it: UnavailableError (exit 3) naming the store, for
 * a server that went away or refuses connections mid-command (SQLSTATE classes 08 and 57P, socket
 * errors); any other error unchanged. What was interrupted, and how to continue it, is for the
 * caller to add (a run says its id and resume command: engine/run-experiment.ts).
 */
export function lostConnectionError(error: unknown, where: string): unknown {
  if (error instanceof UnavailableError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const lost =
    (typeof code === "string" && (code.startsWith("08") || code.startsWith("57P") || /^E[A-Z]+$/.test(code))) ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
  if (!lost) return error;
  return new UnavailableError(`lost the PostgreSQL store ${where}: ${redactPasswords(message)}`, { cause: error });
}
