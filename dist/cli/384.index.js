export const id = 384;
export const ids = [384];
export const modules = {

/***/ 62384:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  migratePostgresStore: () => (/* reexport */ migratePostgresStore),
  openPostgresStore: () => (/* reexport */ openPostgresStore)
});

// UNUSED EXPORTS: PostgresRunStore, isPostgresUrl, redactStoreUrl

// EXTERNAL MODULE: ./src/core/experiment-lifecycle.ts
var experiment_lifecycle = __webpack_require__(81841);
// EXTERNAL MODULE: ./src/core/repeats/find-score.ts
var find_score = __webpack_require__(44442);
// EXTERNAL MODULE: ./src/store/ambiguous-prefix.ts
var ambiguous_prefix = __webpack_require__(67790);
// EXTERNAL MODULE: ./src/store/group-commit.ts
var group_commit = __webpack_require__(79410);
// EXTERNAL MODULE: ./src/store/run-store.ts
var run_store = __webpack_require__(86380);
// EXTERNAL MODULE: ./src/store/sqlite-rows.ts
var sqlite_rows = __webpack_require__(14307);
;// CONCATENATED MODULE: ./src/store/postgres/postgres-rows.ts

/**
 * Rows of the runs and run_items tables. A run's columns are the embedded store's (sqlite-rows.ts
 * converts both ways), plus `repository`; a run item is one JSON text beside copies of its keys.
 */
const RUN_COLUMNS = [
    "id", "experiment", "experiment_version", "dataset_path", "dataset_version", "item_count", "target", "label",
    "role", "pull_request", "git_commit", "git_branch", "started_at", "ended_at", "status", "summary", "verdict",
    "verdict_reasons", "variant", "selection", "repeat",
];
const SELECT_RUN = `SELECT ${RUN_COLUMNS.join(", ")} FROM evalgate.runs`;
const INSERT_RUN = `INSERT INTO evalgate.runs (${RUN_COLUMNS.join(", ")}, repository) ` +
    `VALUES (${[...RUN_COLUMNS, "repository"].map((_, index) => `$${index + 1}`).join(", ")})`;
/** INSERT_RUN's values: the run's columns in RUN_COLUMNS order, then the repository (owner/repo or NULL). */
function runValues(run, repository) {
    const row = (0,sqlite_rows/* runToRow */.ZM)(run);
    return [...RUN_COLUMNS.map((column) => row[column] ?? null), repository ?? null];
}
const ITEM_COLUMNS = ["run_id", "item_id", "id", "status", "finished_at", "item"];
/**
 * One statement for many items: six text arrays unnested into rows. A batch of any size costs one
 * round trip and one parse; a statement per item would cost a round trip each. Values: itemArrays.
 */
const INSERT_ITEMS = `INSERT INTO evalgate.run_items (${ITEM_COLUMNS.join(", ")}) ` +
    `SELECT * FROM unnest(${ITEM_COLUMNS.map((_, index) => `$${index + 1}::text[]`).join(", ")})`;
/** For INSERT_ITEMS … ON CONFLICT: the stored item replaces the one there. */
const ON_ITEM_CONFLICT_REPLACE = "ON CONFLICT (run_id, item_id) DO UPDATE SET id = excluded.id, status = excluded.status, " +
    "finished_at = excluded.finished_at, item = excluded.item";
/** INSERT_ITEMS's values: one array per column. */
function itemArrays(items) {
    const rows = items.map((item) => [item.run_id, item.item_id, item.id, item.status, item.finished_at, JSON.stringify(item)]);
    return ITEM_COLUMNS.map((_, column) => rows.map((row) => row[column]));
}

;// CONCATENATED MODULE: ./src/store/postgres/postgres-annotations.ts

const COLUMNS = "run_item_id, name, run_id, item_id, kind, metric, label, note, author, updated_at";
const FIELDS = COLUMNS.split(", ");
/**
 * Annotations upserted by (run_item_id, name) in one transaction (RunStore.putAnnotations).
 * `onConflict: "keep"` leaves existing rows as they are: publishing a run again must not put its
 * staged values back over annotations written since.
 */
async function putAnnotations(client, annotations, where, onConflict = "replace") {
    if (annotations.length === 0)
        return;
    const runIds = [...new Set(annotations.map((annotation) => annotation.run_id))];
    const { rows } = await client.query("SELECT id FROM evalgate.runs WHERE id = ANY($1::text[])", [runIds]);
    const known = new Set(rows.map((row) => row.id));
    const unknown = runIds.find((runId) => !known.has(runId));
    if (unknown !== undefined)
        throw new run_store/* UnknownRunError */.I(unknown, where);
    // One row per key, the last given: an upsert may not change a row twice in one statement.
    const latest = new Map(annotations.map((annotation) => [`${annotation.run_item_id}\u0000${annotation.name}`, toRow(annotation)]));
    const rowsToWrite = [...latest.values()];
    const columns = FIELDS.map((field) => rowsToWrite.map((row) => row[field]));
    const types = ["text", "text", "text", "text", "text", "float8", "text", "text", "text", "text"];
    const update = FIELDS.filter((field) => field !== "run_item_id" && field !== "name")
        .map((field) => `${field} = excluded.${field}`)
        .join(", ");
    await client.query(`INSERT INTO evalgate.annotations (${COLUMNS}) SELECT * FROM unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(", ")}) ` +
        (onConflict === "keep" ? "ON CONFLICT DO NOTHING" : `ON CONFLICT (run_item_id, name) DO UPDATE SET ${update}`), columns);
}
/** A run's annotations in code point order of item id, then name (the columns are COLLATE "C"). */
async function runAnnotations(pool, runId) {
    const { rows } = await pool.query(`SELECT ${COLUMNS} FROM evalgate.annotations WHERE run_id = $1 ORDER BY item_id, name`, [runId]);
    return rows.map(toAnnotation);
}
function toRow(annotation) {
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
function toAnnotation(row) {
    const kind = row.kind === "metric" ? "metric" : "label";
    const annotation = {
        run_id: row.run_id,
        run_item_id: row.run_item_id,
        item_id: row.item_id,
        name: row.name,
        kind,
        value: kind === "metric" ? Number(row.metric) : String(row.label),
        updated_at: row.updated_at,
    };
    if (row.note !== null)
        annotation.note = row.note;
    if (row.author !== null)
        annotation.author = row.author;
    return annotation;
}

// EXTERNAL MODULE: ./src/store/dataset-item-chunks.ts
var dataset_item_chunks = __webpack_require__(83616);
;// CONCATENATED MODULE: ./src/store/postgres/postgres-dataset-versions.ts


/** A version this large changes the table's statistics enough to refresh them. */
const ANALYZE_AFTER_ITEMS = 10_000;
/** Items per page when streaming a version. */
const PAGE_SIZE = 1_000;
/**
 * Held by every transaction that writes or removes dataset items, until it ends. Without it, two
 * versions sharing items stored at once could deadlock on the items' keys (taken in different
 * orders), and a removal could delete an item that a version being stored found already there.
 * Versions are stored seldom (once each), so one at a time costs nothing.
 */
const DATASET_ITEMS_LOCK = 7_405_114_714;
/**
 * A batch of a version's items in one statement: the contents no version holds yet, and the
 * version's (item_id, digest) rows. Values: version, digests, canonical items, item ids.
 */
const STORE_BATCH = "WITH contents AS (INSERT INTO evalgate.dataset_items (digest, item) SELECT * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING) " +
    "INSERT INTO evalgate.dataset_version_items (version, item_id, digest) SELECT $1, * FROM unnest($4::text[], $2::text[])";
const SELECT_RECORD = "SELECT version, dataset_path, item_count, created_at FROM evalgate.dataset_versions";
/**
 * Stores a dataset version inside the caller's transaction (the store's own, or a publish's).
 * False, reading no item, when the store has the version.
 */
async function putDatasetVersionIn(client, record, items) {
    await client.query("SELECT pg_advisory_xact_lock($1)", [DATASET_ITEMS_LOCK]);
    const created = await client.query("INSERT INTO evalgate.dataset_versions (version, dataset_path, item_count, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING", [record.version, record.dataset_path, record.created_at]);
    if (created.rowCount === 0)
        return false;
    let count = 0;
    // One statement per chunk: bounded memory, one round trip per thousand items.
    for await (const rows of (0,dataset_item_chunks/* datasetItemChunks */.s)(items)) {
        // PostgreSQL `text` cannot hold U+0000; the item's JSON escapes it, its id column cannot.
        const nul = rows.find(([, , id]) => id.includes("\u0000"));
        if (nul !== undefined)
            throw new Error(`item ${JSON.stringify(nul[2])}: PostgreSQL text cannot hold the character U+0000`);
        try {
            await client.query(STORE_BATCH, [record.version, rows.map(([digest]) => digest), rows.map(([, canonical]) => canonical), rows.map(([, , id]) => id)]);
        }
        catch (error) {
            if (error.code === "23505")
                throw new Error(`dataset version ${record.version} has an item id twice`, { cause: error });
            throw error;
        }
        count += rows.length;
    }
    await client.query("UPDATE evalgate.dataset_versions SET item_count = $2 WHERE version = $1", [record.version, count]);
    // Fresh statistics, so reading the version pages through the primary key at once: planned with
    // the empty table's, each page sorted every row after it (100,000 items took 15 s, not 1).
    if (count >= ANALYZE_AFTER_ITEMS)
        await client.query("ANALYZE evalgate.dataset_version_items");
    return true;
}
function getDatasetVersion(pool, version) {
    return (0,ambiguous_prefix/* findByKeyOrPrefix */.PS)("dataset version", version, {
        exact: async (key) => (await pool.query(`${SELECT_RECORD} WHERE version = $1`, [key])).rows[0],
        withPrefix: async (from, to, limit) => (await pool.query(`${SELECT_RECORD} WHERE version > $1 AND version < $2 ORDER BY version LIMIT $3`, [from, to, limit])).rows,
        keyOf: (record) => record.version,
    });
}
/** Page by page in item id order (keyset), so a version of any size streams in constant memory. */
async function* datasetVersionItems(pool, version) {
    let after;
    for (;;) {
        const { rows } = await pool.query(
        // A lookup per item of the page, by digest: never a join over every item of the store.
        "SELECT v.item_id, (SELECT i.item FROM evalgate.dataset_items AS i WHERE i.digest = v.digest) AS item FROM evalgate.dataset_version_items AS v " +
            `WHERE v.version = $1 ${after === undefined ? "" : "AND v.item_id > $3 "}ORDER BY v.item_id LIMIT $2`, after === undefined ? [version, PAGE_SIZE] : [version, PAGE_SIZE, after]);
        for (const row of rows)
            yield JSON.parse(row.item);
        if (rows.length < PAGE_SIZE)
            return;
        after = rows[rows.length - 1].item_id;
    }
}
/**
 * Every stored version with the runs over it. With a repository, only its runs count, and only the
 * versions they use are listed (a shared database holds other repositories' versions too).
 */
async function listDatasetVersions(pool, repository) {
    const { rows } = await pool.query("SELECT d.version, d.dataset_path, d.item_count, d.created_at, count(r.id)::int AS runs, min(r.started_at) AS first_used, max(r.started_at) AS last_used " +
        `FROM evalgate.dataset_versions AS d LEFT JOIN evalgate.runs AS r ON r.dataset_version = d.version ${repository === undefined ? "" : "AND r.repository = $1 "}` +
        `GROUP BY d.version ${repository === undefined ? "" : "HAVING count(r.id) > 0 "}ORDER BY coalesce(max(r.started_at), d.created_at) DESC, d.version DESC`, repository === undefined ? [] : [repository]);
    return rows.map(({ first_used: first, last_used: last, ...use }) => ({
        ...use,
        ...(first === null ? {} : { first_used: first }),
        ...(last === null ? {} : { last_used: last }),
    }));
}
/** Experiment versions with the runs made of them; with a repository, only its runs count. */
async function listExperimentVersions(pool, experiment, repository) {
    const values = [];
    const param = (value) => {
        values.push(value);
        return `$${values.length}`;
    };
    const ofRepository = (alias) => (repository === undefined ? "" : `AND ${alias}.repository = ${param(repository)} `);
    const newest = "(SELECT dataset_version FROM evalgate.runs AS newest WHERE newest.experiment = e.experiment AND newest.experiment_version = e.version " +
        `${ofRepository("newest")}ORDER BY started_at DESC, id DESC LIMIT 1)`;
    const joined = `LEFT JOIN evalgate.runs AS r ON r.experiment = e.experiment AND r.experiment_version = e.version ${ofRepository("r")}`;
    const where = experiment === undefined ? "" : `WHERE e.experiment = ${param(experiment)} `;
    const { rows } = await pool.query("SELECT e.experiment, e.version, e.created_at, count(r.id)::int AS runs, min(r.started_at) AS first_run, max(r.started_at) AS last_run, " +
        `${newest} AS dataset_version FROM evalgate.experiment_versions AS e ${joined}${where}` +
        "GROUP BY e.experiment, e.version ORDER BY coalesce(min(r.started_at), e.created_at) DESC, e.experiment, e.version", values);
    return rows.map(({ first_run: first, last_run: last, dataset_version: datasetVersion, ...use }) => ({
        ...use,
        ...(first === null ? {} : { first_run: first }),
        ...(last === null ? {} : { last_run: last }),
        ...(datasetVersion === null ? {} : { dataset_version: datasetVersion }),
    }));
}
/**
 * Inside the caller's transaction, after a run was deleted: removes the version, and the items no
 * other version holds, when no run (of any repository) uses it any more. True when it removed one.
 */
async function removeDatasetVersionIfUnused(client, version) {
    await client.query("SELECT pg_advisory_xact_lock($1)", [DATASET_ITEMS_LOCK]);
    const used = await client.query("SELECT 1 FROM evalgate.runs WHERE dataset_version = $1 LIMIT 1", [version]);
    if (used.rows.length > 0)
        return false;
    await client.query("DELETE FROM evalgate.dataset_items WHERE digest IN (SELECT digest FROM evalgate.dataset_version_items WHERE version = $1) " +
        "AND NOT EXISTS (SELECT 1 FROM evalgate.dataset_version_items AS other WHERE other.digest = dataset_items.digest AND other.version <> $1)", [version]);
    await client.query("DELETE FROM evalgate.dataset_version_items WHERE version = $1", [version]);
    const removed = await client.query("DELETE FROM evalgate.dataset_versions WHERE version = $1", [version]);
    return (removed.rowCount ?? 0) > 0;
}

;// CONCATENATED MODULE: ./src/store/postgres/postgres-delete-run.ts


/**
 * Inside the caller's transaction: a run with its items, scores, annotations and lease, then its
 * dataset version when no other run uses it. The run's row is locked first, so two deletions of
 * one run do not both count its items. UnknownRunError (`where` names the store) for a run the
 * store does not have.
 */
async function deleteRunIn(client, runId, where) {
    const { rows } = await client.query("SELECT dataset_version FROM evalgate.runs WHERE id = $1 FOR UPDATE", [runId]);
    const run = rows[0];
    if (run === undefined)
        throw new run_store/* UnknownRunError */.I(runId, where);
    for (const table of ["annotations", "scores", "run_leases"])
        await client.query(`DELETE FROM evalgate.${table} WHERE run_id = $1`, [runId]);
    const items = await client.query("DELETE FROM evalgate.run_items WHERE run_id = $1", [runId]);
    await client.query("DELETE FROM evalgate.runs WHERE id = $1", [runId]);
    const datasetVersionRemoved = await removeDatasetVersionIfUnused(client, run.dataset_version);
    return { items: items.rowCount ?? 0, datasetVersionRemoved };
}

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(83849);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/store/postgres/store-url.ts
var store_url = __webpack_require__(24840);
;// CONCATENATED MODULE: ./src/store/postgres/postgres-connection.ts



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
function createPool(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new errors/* UserError */.yo(`${(0,store_url/* redactStoreUrl */.M)(url)} is not a valid PostgreSQL URL: write postgres://USER:PASSWORD@HOST:PORT/DATABASE, ` +
            "with special characters in the user or password percent-encoded (@ as %40, : as %3A, / as %2F, # as %23, % as %25)");
    }
    const pool = new esm/* default.Pool */.Ay.Pool({
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
function mapLostConnections(pool, where) {
    const rethrow = (error) => {
        throw lostConnectionError(error, where);
    };
    const mapQueries = (queryable) => {
        const query = queryable.query.bind(queryable);
        // Promise forms only; callback and Submittable forms (the pool's own use) pass through unchanged.
        queryable.query = ((...args) => {
            const result = query(...args);
            return result instanceof Promise ? result.catch(rethrow) : result;
        });
    };
    const connect = pool.connect.bind(pool);
    mapQueries(pool);
    pool.connect = ((callback) => {
        // pool.query checks a client out with a callback: that form is the pool's own.
        if (typeof callback === "function")
            return connect(callback);
        return connect().then((client) => {
            const marked = client;
            if (marked[MAPPED] !== true) {
                marked[MAPPED] = true;
                client.on("error", () => undefined);
                mapQueries(client);
            }
            return client;
        }, rethrow);
    });
}
/** PostgreSQL error codes (SQLSTATE) a user causes, and what to do about each. */
const USER_CAUSED = {
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
function connectionError(error, where) {
    if (error instanceof errors/* UserError */.yo)
        return error;
    const code = error.code;
    const message = error instanceof Error ? error.message : String(error);
    const cause = typeof code === "string" && code in USER_CAUSED
        ? USER_CAUSED[code]
        : typeof code === "string" && /^E[A-Z]+$/.test(code)
            ? `${message} (is the server running, and is the host and port right?)`
            : /timeout/i.test(message)
                ? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s (is the server running, and is the host and port right?)`
                : /password|SASL|SCRAM|ssl|certificate|invalid|URL/i.test(message)
                    ? redactPasswords(message)
                    : undefined;
    if (cause === undefined)
        return error instanceof Error ? error : new Error(message);
    return new errors/* UserError */.yo(`cannot open the PostgreSQL store ${where}: ${cause}`);
}
/** A driver message may quote the connection string: nothing after `:` and before `@` survives. */
function redactPasswords(message) {
    return message.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, "$1***@").replace(/(password=)[^&\s]*/gi, "$1***");
}
/**
 * A lost connection as the user should read it: UnavailableError (exit 3) naming the store, for
 * a server that went away or refuses connections mid-command (SQLSTATE classes 08 and 57P, socket
 * errors); any other error unchanged. What was interrupted, and how to continue it, is for the
 * caller to add (a run says its id and resume command: engine/run-experiment.ts).
 */
function lostConnectionError(error, where) {
    if (error instanceof errors/* UnavailableError */.hG)
        return error;
    const code = error.code;
    const message = error instanceof Error ? error.message : String(error);
    const lost = (typeof code === "string" && (code.startsWith("08") || code.startsWith("57P") || /^E[A-Z]+$/.test(code))) ||
        /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
    if (!lost)
        return error;
    return new errors/* UnavailableError */.hG(`lost the PostgreSQL store ${where}: ${redactPasswords(message)}`, { cause: error });
}

;// CONCATENATED MODULE: ./src/store/postgres/postgres-item-writer.ts

/**
 * The batch's items and the mark that its runs' score index is stale, in one statement: one round
 * trip, atomic without BEGIN/COMMIT. The mark writes only when the run was indexed, so the hot path
 * usually changes one row per batch at most.
 */
const STORE_ITEMS = `WITH stored AS (${INSERT_ITEMS} ${ON_ITEM_CONFLICT_REPLACE} RETURNING run_id) ` +
    "UPDATE evalgate.runs SET scores_indexed = false WHERE scores_indexed AND id IN (SELECT run_id FROM stored)";
/**
 * Stores a group-commit batch of run items in one statement and resolves each item's error
 * (undefined when stored). PostgreSQL's `text` cannot hold U+0000, so an id with one is that
 * item's error; the item's JSON escapes it and is stored as is.
 *
 * When the batch is refused for its data (SQLSTATE class 22 or 23: an item of a run the store does
 * not have), the items are stored one by one, so only the items that cannot be stored fail. Any
 * other failure (the connection) fails the batch.
 */
async function writeRunItems(pool, items) {
    const errors = items.map((item) => item.run_id.includes("\u0000") || item.item_id.includes("\u0000")
        ? new Error(`item "${item.item_id.replace(/\u0000/g, "\\u0000")}": PostgreSQL text cannot hold the character U+0000`)
        : undefined);
    const storable = items.filter((_, index) => errors[index] === undefined);
    if (storable.length === 0)
        return errors;
    try {
        await pool.query(STORE_ITEMS, itemArrays(latestPerKey(storable)));
        return errors;
    }
    catch (error) {
        if (!refusedForItsData(error))
            throw error;
    }
    for (const [index, item] of items.entries()) {
        if (errors[index] !== undefined)
            continue;
        try {
            await pool.query(STORE_ITEMS, itemArrays([item]));
        }
        catch (error) {
            if (!refusedForItsData(error))
                throw error;
            errors[index] = error;
        }
    }
    return errors;
}
function refusedForItsData(error) {
    const code = error.code;
    return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}
/**
 * One row per (run_id, item_id), the last one given: an upsert may not change a row twice in one
 * statement, and writes of one item apply in call order (a repeated item's last write holds every
 * attempt).
 */
function latestPerKey(items) {
    const byKey = new Map();
    for (const item of items) {
        const key = `${item.run_id}\u0000${item.item_id}`;
        byKey.delete(key);
        byKey.set(key, item);
    }
    return [...byKey.values()];
}

;// CONCATENATED MODULE: ./src/store/postgres/postgres-run-leases.ts
const postgres_run_leases_COLUMNS = "run_id, holder, host, pid, heartbeat_at";
/**
 * The run_leases table: who runs each run in progress (engine/run-lease.ts). Each change is one
 * statement, and PostgreSQL re-checks an UPDATE's condition on the row it locked, so of two
 * processes that found the same stale lease only one takes it.
 */
class PostgresRunLeases {
    pool;
    constructor(pool) {
        this.pool = pool;
    }
    /** RunStore.acquireRunLease: stores `lease` when the holder is `replacing` (none: no lease) or already lease.holder. */
    async acquire(lease, replacing) {
        const values = [lease.run_id, lease.holder, lease.host, lease.pid, lease.heartbeat_at];
        const taken = replacing === undefined
            ? await this.pool.query(`INSERT INTO evalgate.run_leases (${postgres_run_leases_COLUMNS}) VALUES ($1, $2, $3, $4, $5) ` +
                "ON CONFLICT (run_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, heartbeat_at = excluded.heartbeat_at " +
                "WHERE evalgate.run_leases.holder = excluded.holder RETURNING run_id", values)
            : await this.pool.query("UPDATE evalgate.run_leases SET holder = $2, host = $3, pid = $4, heartbeat_at = $5 " +
                "WHERE run_id = $1 AND (holder = $6 OR holder = $2) RETURNING run_id", [...values, replacing]);
        return taken.rowCount === 1 ? lease : this.get(lease.run_id);
    }
    async renew(runId, holder, heartbeatAt) {
        const result = await this.pool.query("UPDATE evalgate.run_leases SET heartbeat_at = $3 WHERE run_id = $1 AND holder = $2", [runId, holder, heartbeatAt]);
        return result.rowCount === 1;
    }
    async release(runId, holder) {
        await this.pool.query("DELETE FROM evalgate.run_leases WHERE run_id = $1 AND holder = $2", [runId, holder]);
    }
    async get(runId) {
        const { rows } = await this.pool.query(`SELECT ${postgres_run_leases_COLUMNS} FROM evalgate.run_leases WHERE run_id = $1`, [runId]);
        return rows[0];
    }
}

;// CONCATENATED MODULE: ./src/store/postgres/postgres-schema.ts

/**
 * Every table lives in the `evalgate` schema, so one database can hold evalgate's runs beside a
 * team's own tables. Ids, item ids and names are `COLLATE "C"`: byte order of UTF-8, which is code
 * point order (core/item-id-order.ts); the database's default collation follows its locale, where
 * "Z" and "a", or "é" and "e\u0301", sort by language rules instead.
 *
 * JSON is kept as `text`, not `jsonb`: a stored object reads back byte for byte as it went in, and
 * `jsonb` refuses the escape `\u0000` that a JSON string may hold.
 */
const SCHEMA = "evalgate";
/**
 * Migration N (0-based) brings the store from version N to N + 1. Append only: a shipped migration
 * never changes, so every database can be brought to the current schema.
 */
const MIGRATIONS = [
    `
  CREATE TABLE evalgate.experiment_versions (
    experiment text COLLATE "C" NOT NULL,
    version text COLLATE "C" NOT NULL,
    definition text NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (experiment, version)
  );

  CREATE TABLE evalgate.runs (
    id text COLLATE "C" PRIMARY KEY,
    experiment text COLLATE "C" NOT NULL,
    experiment_version text NOT NULL,
    dataset_path text NOT NULL,
    dataset_version text COLLATE "C" NOT NULL,
    item_count integer NOT NULL,
    target text NOT NULL,
    label text,
    role text,
    pull_request integer,
    git_commit text,
    git_branch text,
    started_at text COLLATE "C" NOT NULL,
    ended_at text,
    status text NOT NULL,
    summary text,
    verdict text,
    verdict_reasons text,
    variant text,
    selection text,
    repeat integer,
    -- owner/repo of the Action or bot that created the run; NULL for a run from the CLI.
    repository text COLLATE "C",
    -- true while the scores table holds exactly this run's scores; storing an item clears it.
    scores_indexed boolean NOT NULL DEFAULT false
  );
  CREATE INDEX runs_by_start ON evalgate.runs (started_at DESC, id DESC);
  CREATE INDEX runs_by_experiment ON evalgate.runs (experiment, started_at DESC, id DESC);
  CREATE INDEX runs_by_status ON evalgate.runs (status, started_at DESC, id DESC);
  CREATE INDEX runs_by_repository ON evalgate.runs (repository, experiment, started_at DESC, id DESC);

  -- The whole RunItem is one JSON text; the key columns beside it are copies for lookups.
  CREATE TABLE evalgate.run_items (
    run_id text COLLATE "C" NOT NULL REFERENCES evalgate.runs (id) ON DELETE CASCADE,
    item_id text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    status text NOT NULL,
    finished_at text NOT NULL,
    item text NOT NULL,
    PRIMARY KEY (run_id, item_id)
  );
  CREATE INDEX run_items_by_id ON evalgate.run_items (id);

  -- Derived from run_items.item, rebuilt per run when runs.scores_indexed is false (see
  -- postgres-score-index.ts): score ids are hashes, and an index insert per score would cost more
  -- than storing the item.
  CREATE TABLE evalgate.scores (
    id text COLLATE "C" PRIMARY KEY,
    run_id text COLLATE "C" NOT NULL REFERENCES evalgate.runs (id) ON DELETE CASCADE,
    item_id text COLLATE "C" NOT NULL
  );
  CREATE INDEX scores_by_run ON evalgate.scores (run_id);

  -- No foreign key: a lease may name a run another store keeps (see sqlite-schema.ts).
  CREATE TABLE evalgate.run_leases (
    run_id text COLLATE "C" PRIMARY KEY,
    holder text NOT NULL,
    host text NOT NULL,
    pid integer NOT NULL,
    heartbeat_at text NOT NULL
  );

  CREATE TABLE evalgate.experiment_states (
    experiment text COLLATE "C" PRIMARY KEY,
    status text NOT NULL,
    baseline_run_id text,
    updated_at text NOT NULL
  );

  CREATE TABLE evalgate.annotations (
    run_item_id text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    run_id text COLLATE "C" NOT NULL REFERENCES evalgate.runs (id) ON DELETE CASCADE,
    item_id text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    metric double precision,
    label text,
    note text,
    author text,
    updated_at text NOT NULL,
    PRIMARY KEY (run_item_id, name)
  );
  CREATE INDEX annotations_by_run ON evalgate.annotations (run_id, item_id, name);
  `,
    // Dataset versions kept, their items content-addressed (postgres-dataset-versions.ts): an item's
    // canonical JSON is stored once under its digest, however many versions hold it. No foreign
    // keys: a version is written and removed whole by one function each, and a key check per item
    // would slow storing a 100,000-item version.
    `
  CREATE TABLE evalgate.dataset_versions (
    version text COLLATE "C" PRIMARY KEY,
    dataset_path text NOT NULL,
    item_count integer NOT NULL,
    created_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE evalgate.dataset_items (
    digest text COLLATE "C" PRIMARY KEY,
    item text NOT NULL
  );
  CREATE TABLE evalgate.dataset_version_items (
    version text COLLATE "C" NOT NULL,
    item_id text COLLATE "C" NOT NULL,
    digest text COLLATE "C" NOT NULL,
    PRIMARY KEY (version, item_id)
  );
  -- Whether another version still holds an item, when a version is removed.
  CREATE INDEX dataset_version_items_by_digest ON evalgate.dataset_version_items (digest);
  -- The runs over a dataset version: its use, and whether deleting a run leaves it unused.
  CREATE INDEX runs_by_dataset_version ON evalgate.runs (dataset_version, started_at);
  `,
];
const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;
/** Any constant works: it only has to be the same in every evalgate process. */
const MIGRATION_LOCK = 7_405_114_713;
/**
 * Brings the store to POSTGRES_SCHEMA_VERSION in one transaction. A transaction-scoped advisory
 * lock makes processes that open a fresh database at once migrate it once: the others wait, then
 * read the new version. Returns the versions before and after.
 *
 * Throws UserError when the database has a newer schema than this evalgate knows (`where` names
 * the store, its password redacted).
 */
async function migratePostgres(client, where) {
    await client.query("BEGIN");
    try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_version (version integer NOT NULL)`);
        const { rows } = await client.query(`SELECT version FROM ${SCHEMA}.schema_version`);
        const current = rows[0]?.version ?? 0;
        if (current > POSTGRES_SCHEMA_VERSION) {
            throw new errors/* UserError */.yo(`${where} has store schema version ${current}, but this evalgate knows up to ${POSTGRES_SCHEMA_VERSION}: ` +
                "upgrade evalgate, or pass --store with another store");
        }
        for (const [index, sql] of MIGRATIONS.entries()) {
            if (index >= current)
                await client.query(sql);
        }
        if (rows.length === 0)
            await client.query(`INSERT INTO ${SCHEMA}.schema_version (version) VALUES ($1)`, [POSTGRES_SCHEMA_VERSION]);
        else
            await client.query(`UPDATE ${SCHEMA}.schema_version SET version = $1`, [POSTGRES_SCHEMA_VERSION]);
        await client.query("COMMIT");
        return { from: current, to: POSTGRES_SCHEMA_VERSION };
    }
    catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/store/postgres/postgres-score-index.ts
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
async function catchUpScoreIndex(pool) {
    const { rows } = await pool.query("SELECT id FROM evalgate.runs WHERE NOT scores_indexed");
    for (const { id } of rows) {
        const client = await pool.connect();
        try {
            await client.query("BEGIN");
            // Two processes rebuilding the same run wait for each other instead of colliding on ids.
            await client.query("SELECT 1 FROM evalgate.runs WHERE id = $1 FOR UPDATE", [id]);
            for (const step of REBUILD)
                await client.query(step, [id]);
            await client.query("COMMIT");
        }
        catch (error) {
            await client.query("ROLLBACK").catch(() => undefined);
            throw error;
        }
        finally {
            client.release();
        }
    }
}

;// CONCATENATED MODULE: ./src/store/postgres/publish-to-postgres.ts



/** Items per statement when copying a run: bounded memory for a run of any size. */
const BATCH = 1_000;
/**
 * Copies a finished run from `source` (the Action's local embedded store) inside the caller's
 * transaction: its experiment version, its dataset version when `source` has it and this store
 * does not (stored once, as putDatasetVersion), the run record (replacing one published before),
 * every item, and its annotations unless the store has newer ones. Readers see all of it or none.
 *
 * Throws Error for a run `source` does not have or that is still running (publishing is for
 * finished runs; the results branch refuses the same).
 */
async function publishRunTo(client, source, runId, target) {
    const run = await source.getRun(runId);
    if (run === undefined || run.id !== runId)
        throw new Error(`cannot publish run "${runId}": it is not in the store`);
    if (run.status === "running")
        throw new Error(`cannot publish run "${runId}": it is still running; end it first`);
    const version = await source.getExperimentVersion(run.experiment, run.experiment_version);
    if (version !== undefined) {
        await client.query("INSERT INTO evalgate.experiment_versions (experiment, version, definition, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", [version.experiment, version.version, JSON.stringify(version.definition ?? null), version.created_at]);
    }
    const dataset = await source.getDatasetVersion(run.dataset_version);
    if (dataset?.version === run.dataset_version)
        await putDatasetVersionIn(client, dataset, source.datasetVersionItems(dataset.version));
    const update = [...RUN_COLUMNS.filter((column) => column !== "id"), "repository"].map((column) => `${column} = excluded.${column}`).join(", ");
    await client.query(`${INSERT_RUN} ON CONFLICT (id) DO UPDATE SET ${update}, scores_indexed = false`, runValues(run, target.repository));
    await client.query("DELETE FROM evalgate.run_items WHERE run_id = $1", [run.id]);
    let batch = [];
    for await (const item of source.runItems(runId)) {
        batch.push(item);
        if (batch.length === BATCH) {
            await insertItems(client, batch);
            batch = [];
        }
    }
    await insertItems(client, batch);
    await putAnnotations(client, await source.runAnnotations(runId), target.where, "keep");
    return run;
}
async function insertItems(client, items) {
    if (items.length > 0)
        await client.query(INSERT_ITEMS, itemArrays(items));
}

;// CONCATENATED MODULE: ./src/store/postgres/postgres-store.ts

















const DEFAULT_LIST_LIMIT = 50;
/** Items per page when streaming a run: ~1 MB of JSON at typical item sizes. */
const postgres_store_PAGE_SIZE = 1_000;
/**
 * The PostgreSQL store: one database shared by every machine of a team (CI shards, nightly jobs,
 * several repositories). Same promises as the embedded store (RunStore's contract): putRunItem
 * resolves once the transaction holding the item has committed (group commit: items that arrive
 * while a batch is written go into the next one, one multi-row statement each), so a process
 * killed after it resolves keeps the item; reads and endRun first commit what is waiting.
 */
class PostgresRunStore {
    pool;
    scope;
    /** The URL with its password redacted: what messages name. */
    where;
    leases;
    // A lost server rejects as UnavailableError here as for every query (mapLostConnections).
    writes = new group_commit/* GroupCommit */.l((items) => writeRunItems(this.pool, items));
    closed = false;
    constructor(pool, url, scope) {
        this.pool = pool;
        this.scope = scope;
        this.where = (0,store_url/* redactStoreUrl */.M)(url);
        this.leases = new PostgresRunLeases(pool);
    }
    /** Connects and migrates. Throws UserError for what a user causes (see postgres-connection.ts). */
    static async open(url, scope = {}) {
        const pool = createPool(url);
        try {
            await migrate(pool, (0,store_url/* redactStoreUrl */.M)(url));
            mapLostConnections(pool, (0,store_url/* redactStoreUrl */.M)(url));
            return new PostgresRunStore(pool, url, scope);
        }
        catch (error) {
            await pool.end().catch(() => undefined);
            throw error;
        }
    }
    /** Applies pending migrations only (`evalgate store migrate`). */
    static async migrateOnly(url) {
        const pool = createPool(url);
        try {
            return await migrate(pool, (0,store_url/* redactStoreUrl */.M)(url));
        }
        finally {
            await pool.end().catch(() => undefined);
        }
    }
    async saveExperimentVersion(record) {
        // A version is a content hash of its definition, so the first record saved is the record.
        await this.pool.query("INSERT INTO evalgate.experiment_versions (experiment, version, definition, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", [record.experiment, record.version, JSON.stringify(record.definition ?? null), record.created_at]);
    }
    async getExperimentVersion(experiment, version) {
        const { rows } = await this.pool.query("SELECT experiment, version, definition, created_at FROM evalgate.experiment_versions WHERE experiment = $1 AND version = $2", [experiment, version]);
        const row = rows[0];
        return row === undefined ? undefined : { ...row, definition: JSON.parse(row.definition) };
    }
    async createRun(run) {
        const result = await this.pool.query(`${INSERT_RUN} ON CONFLICT (id) DO NOTHING`, runValues(run, this.scope.repository));
        if (result.rowCount === 0)
            throw new run_store/* RunExistsError */.S(run.id, this.where);
    }
    putRunItem(item) {
        return this.writes.add(item);
    }
    async endRun(runId, end) {
        await this.writes.flush();
        const result = await this.pool.query("UPDATE evalgate.runs SET status = $2, ended_at = $3, summary = $4, verdict = $5, verdict_reasons = $6 WHERE id = $1", [
            runId,
            end.status,
            end.ended_at,
            end.summary === undefined ? null : JSON.stringify(end.summary),
            end.verdict ?? null,
            end.verdict_reasons === undefined ? null : JSON.stringify(end.verdict_reasons),
        ]);
        if (result.rowCount === 0)
            throw new run_store/* UnknownRunError */.I(runId, this.where);
    }
    async reopenRun(runId) {
        const result = await this.pool.query("UPDATE evalgate.runs SET status = 'running', ended_at = NULL, summary = NULL, verdict = NULL, verdict_reasons = NULL WHERE id = $1", [runId]);
        if (result.rowCount === 0)
            throw new run_store/* UnknownRunError */.I(runId, this.where);
    }
    acquireRunLease(lease, replacing) {
        return this.leases.acquire(lease, replacing);
    }
    renewRunLease(runId, holder, heartbeatAt) {
        return this.leases.renew(runId, holder, heartbeatAt);
    }
    releaseRunLease(runId, holder) {
        return this.leases.release(runId, holder);
    }
    getRunLease(runId) {
        return this.leases.get(runId);
    }
    async getExperimentState(experiment) {
        const { rows } = await this.pool.query("SELECT experiment, status, baseline_run_id, updated_at FROM evalgate.experiment_states WHERE experiment = $1", [experiment]);
        const row = rows[0];
        if (row === undefined)
            return undefined;
        const { baseline_run_id: baselineRunId, ...rest } = row;
        return experiment_lifecycle/* ExperimentStateSchema */.sz.parse(baselineRunId === null ? rest : { ...rest, baseline_run_id: baselineRunId });
    }
    async setExperimentState(state) {
        await this.pool.query("INSERT INTO evalgate.experiment_states (experiment, status, baseline_run_id, updated_at) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT (experiment) DO UPDATE SET status = excluded.status, baseline_run_id = excluded.baseline_run_id, updated_at = excluded.updated_at", [state.experiment, state.status, state.baseline_run_id ?? null, state.updated_at]);
    }
    async putAnnotations(annotations) {
        await this.inTransaction((client) => putAnnotations(client, annotations, this.where));
    }
    runAnnotations(runId) {
        return runAnnotations(this.pool, runId);
    }
    async putDatasetVersion(record, items) {
        if ((await this.pool.query("SELECT 1 FROM evalgate.dataset_versions WHERE version = $1", [record.version])).rows.length > 0)
            return false;
        return this.inTransaction((client) => putDatasetVersionIn(client, record, items));
    }
    getDatasetVersion(version) {
        return getDatasetVersion(this.pool, version);
    }
    datasetVersionItems(version) {
        return datasetVersionItems(this.pool, version);
    }
    /** With a repository scope, its runs and the versions they use. */
    listDatasetVersions() {
        return listDatasetVersions(this.pool, this.scope.repository);
    }
    listExperimentVersions(experiment) {
        return listExperimentVersions(this.pool, experiment, this.scope.repository);
    }
    async deleteRun(runId) {
        await this.writes.flush();
        return this.inTransaction((client) => deleteRunIn(client, runId, this.where));
    }
    async getRun(runId) {
        return (0,ambiguous_prefix/* findByKeyOrPrefix */.PS)("run id", runId, {
            exact: async (id) => (await this.pool.query(`${SELECT_RUN} WHERE id = $1`, [id])).rows.map(sqlite_rows/* rowToRun */.dV)[0],
            withPrefix: async (from, to, limit) => (await this.pool.query(`${SELECT_RUN} WHERE id > $1 AND id < $2 ORDER BY id LIMIT $3`, [from, to, limit])).rows.map(sqlite_rows/* rowToRun */.dV),
            keyOf: (run) => run.id,
        });
    }
    async listRuns(filter = {}) {
        const { clause, values } = equalities({ repository: this.scope.repository, experiment: filter.experiment, status: filter.status });
        values.push(filter.limit ?? DEFAULT_LIST_LIMIT);
        const { rows } = await this.pool.query(`${SELECT_RUN} ${clause} ORDER BY started_at DESC, id DESC LIMIT $${values.length}`, values);
        return rows.map(sqlite_rows/* rowToRun */.dV);
    }
    /**
     * Page by page in item id order (keyset: each page starts after the last id of the one before),
     * so a run of any size streams in constant memory and two streams never share a cursor.
     */
    async *runItems(runId) {
        await this.writes.flush();
        let after;
        for (;;) {
            const { rows } = await this.pool.query(after === undefined
                ? "SELECT item_id, item FROM evalgate.run_items WHERE run_id = $1 ORDER BY item_id LIMIT $2"
                : "SELECT item_id, item FROM evalgate.run_items WHERE run_id = $1 AND item_id > $3 ORDER BY item_id LIMIT $2", after === undefined ? [runId, postgres_store_PAGE_SIZE] : [runId, postgres_store_PAGE_SIZE, after]);
            for (const row of rows)
                yield JSON.parse(row.item);
            if (rows.length < postgres_store_PAGE_SIZE)
                return;
            after = rows[rows.length - 1].item_id;
        }
    }
    async runItemStatuses(runId) {
        await this.writes.flush();
        const { rows } = await this.pool.query("SELECT item_id, status FROM evalgate.run_items WHERE run_id = $1", [runId]);
        return new Map(rows.map((row) => [row.item_id, row.status]));
    }
    async getRunItem(runItemId) {
        await this.writes.flush();
        const { rows } = await this.pool.query("SELECT item FROM evalgate.run_items WHERE id = $1 LIMIT 1", [runItemId]);
        return rows[0] === undefined ? undefined : JSON.parse(rows[0].item);
    }
    async getScore(scoreId) {
        await this.writes.flush();
        await catchUpScoreIndex(this.pool);
        const { rows } = await this.pool.query("SELECT run_items.item FROM evalgate.scores JOIN evalgate.run_items USING (run_id, item_id) WHERE scores.id = $1", [scoreId]);
        if (rows[0] === undefined)
            return undefined;
        const runItem = JSON.parse(rows[0].item);
        const score = (0,find_score/* findScore */.i)(runItem, scoreId);
        return score === undefined ? undefined : { score, runItem };
    }
    /** Finished runs matching the filter, newest first; runs still in progress are not published. */
    async findRuns(filter) {
        const { clause, values } = equalities({
            experiment: filter.experiment,
            repository: this.scope.repository,
            dataset_version: filter.datasetVersion,
            git_commit: filter.commit,
            role: filter.role,
        }, ["status <> 'running'"]);
        // The reference's columns only: a baseline search may list hundreds of runs.
        const { rows } = await this.pool.query(`SELECT id, experiment, dataset_version, git_commit, role FROM evalgate.runs ${clause} ORDER BY started_at DESC, id DESC`, values);
        return rows.map(publishedRef);
    }
    async publishFrom(source, runId) {
        await this.writes.flush();
        const run = await this.inTransaction((client) => publishRunTo(client, source, runId, { repository: this.scope.repository, where: this.where }));
        return publishedRef(run);
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.writes.flush();
        await this.pool.end();
    }
    async inTransaction(work) {
        const client = await this.pool.connect();
        try {
            await client.query("BEGIN");
            const result = await work(client);
            await client.query("COMMIT");
            return result;
        }
        catch (error) {
            await client.query("ROLLBACK").catch(() => undefined);
            throw error;
        }
        finally {
            client.release();
        }
    }
}
/**
 * `WHERE column = $1 AND …` for the given columns (undefined values left out) and any fixed
 * conditions, with the values in placeholder order (more may be pushed after them).
 */
function equalities(columns, fixed = []) {
    const values = [];
    const conditions = [...fixed];
    for (const [column, value] of Object.entries(columns)) {
        if (value === undefined)
            continue;
        values.push(value);
        conditions.push(`${column} = $${values.length}`);
    }
    return { clause: conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`, values };
}
/** A run's reference, from the run or its row (where an absent commit or role is NULL). */
function publishedRef(run) {
    return {
        runId: run.id,
        experiment: run.experiment,
        datasetVersion: run.dataset_version,
        ...(run.git_commit == null ? {} : { commit: run.git_commit }),
        ...(run.role == null ? {} : { role: run.role }),
    };
}
async function migrate(pool, where) {
    let client;
    try {
        client = await pool.connect();
    }
    catch (error) {
        throw connectionError(error, where);
    }
    try {
        return await migratePostgres(client, where);
    }
    catch (error) {
        throw connectionError(error, where);
    }
    finally {
        client.release();
    }
}

;// CONCATENATED MODULE: ./src/store/postgres/open-postgres-store.ts

/**
 * Opens a RunStore on PostgreSQL at `url`, applying pending migrations first.
 * Throws UserError (with the password redacted) when the server cannot be reached, refuses the
 * login, or has a newer schema than this evalgate knows.
 */
async function openPostgresStore(url, options = {}) {
    return PostgresRunStore.open(url, options);
}
/** `evalgate store migrate`: applies pending migrations and says from which version to which. */
async function migratePostgresStore(url) {
    return PostgresRunStore.migrateOnly(url);
}

;// CONCATENATED MODULE: ./src/store/postgres/index.ts





/***/ })

};
