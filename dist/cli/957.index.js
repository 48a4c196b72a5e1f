export const id = 957;
export const ids = [957];
export const modules = {

/***/ 28551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rr: () => (/* binding */ exitCodeFor),
/* harmony export */   dc: () => (/* binding */ EXIT),
/* harmony export */   zY: () => (/* binding */ worseExit)
/* harmony export */ });
/* harmony import */ var _core_gate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33355);

/**
 * PRODUCT.md: 0 pass, 1 gate failed, 2 usage or input error, 3 run could not complete, 4 no
 * verdict possible (`inconclusive` or `not_comparable`), 5 `reports wait` timed out.
 */
const EXIT = { pass: 0, gateFailed: 1, usage: 2, incomplete: 3, noVerdict: 4, timedOut: 5 };
/** The exit code of a verdict: 3 when the run did not complete, 4 for no verdict, 1 for any other failure. */
function exitCodeFor(verdict) {
    if (verdict.verdict === "pass")
        return EXIT.pass;
    if ((0,_core_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .isNoVerdict */ .fM)(verdict))
        return EXIT.noVerdict;
    return (0,_core_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .isIncomplete */ .Ne)(verdict) ? EXIT.incomplete : EXIT.gateFailed;
}
// No verdict is better news than a failure (nothing was shown to be worse), and a failure better
// than a wait that timed out (no result yet, good or bad), which is better than a run that could
// not complete (it may still finish); a usage error is the worst: nothing was judged at all.
const RANK = { 0: 0, 4: 1, 1: 2, 5: 3, 3: 4, 2: 5 };
/** The worse of two exit codes, for a command that judges several runs. */
function worseExit(a, b) {
    return RANK[b] > RANK[a] ? b : a;
}


/***/ }),

/***/ 47071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ ignoreClosedReader)
/* harmony export */ });
/**
 * When the reader of stdout or stderr goes away (`evalgate runs show R | head -1`), writing gets
 * EPIPE, emitted as an 'error' event that would crash the process with a stack trace. Unix tools
 * stop quietly; so does evalgate, but with the exit code its command decides rather than 0 or
 * 141: a run must still be stored to the end, and `evalgate run … | head` in a CI step (bash
 * with `-o pipefail`, GitHub Actions' default) must fail exactly when the gate fails. Every
 * command writes its output in one piece, so finishing costs nothing worth stopping early for.
 */
function ignoreClosedReader(stream) {
    stream.on("error", (error) => {
        if (error.code === "EPIPE")
            return;
        throw error;
    });
}


/***/ }),

/***/ 71020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ invocationDir)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/**
 * The folder the user typed the command in. `npm run` starts a script in the package root, so
 * `npm run -s evalgate -- …` from a sub-folder, or `npm --prefix CHECKOUT run -s evalgate -- …`
 * from a project elsewhere, would read the checkout's evalgate.yml and write its .evalgate/;
 * npm keeps the folder it was started in as INIT_CWD. Only a process that npm started as the
 * `evalgate` script, in the folder of that package.json, moves there: a process that merely
 * inherits the variables (a command target evalgate starts) stays where it was started.
 */
function invocationDir(env, cwd) {
    const { npm_lifecycle_event: script, npm_package_json: packageJson, INIT_CWD: typedIn } = env;
    if (script !== "evalgate" || !packageJson || !typedIn)
        return cwd;
    return samePath(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(packageJson), cwd) ? typedIn : cwd;
}
// npm reports the package root as given (--prefix may go through a symlink); cwd is resolved.
function samePath(a, b) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(a) === (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(b);
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 12957:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _ignore_closed_reader_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(47071);
/* harmony import */ var _invocation_dir_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71020);
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28551);
/* harmony import */ var _program_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14546);
// The CLI proper; `index.ts` (the bundle's entry) imports it once Node is known to be new enough.




(0,_ignore_closed_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .ignoreClosedReader */ .E)(process.stdout);
(0,_ignore_closed_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .ignoreClosedReader */ .E)(process.stderr);
// `npm run -s evalgate -- …` starts in the package root: run where the user typed it instead.
process.chdir((0,_invocation_dir_js__WEBPACK_IMPORTED_MODULE_0__/* .invocationDir */ .m)(process.env, process.cwd()));
// Module scorers are user code running in this process: one that calls process.exit(0), or leaves
// a promise to reject or a timer to throw, must never end a command that has not finished with
// the exit code of a pass. Before runCli returns, any exit is "could not complete" (3).
let finished = false;
process.on("exit", (code) => {
    // 0 would read as a pass and 1 as a judged failure; 2 (usage) and 130 (a second Ctrl-C) stay.
    if (!finished && (code === _exit_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.pass || code === _exit_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.gateFailed || code === _exit_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.noVerdict))
        process.exitCode = _exit_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.incomplete;
});
const crash = (error) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`evalgate: unexpected error (a scorer module's stray promise or timer?): ${message}\n`);
    process.exit(_exit_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.incomplete);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);
process.exitCode = await (0,_program_js__WEBPACK_IMPORTED_MODULE_2__/* .runCli */ .a)(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
});
finished = true;

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 14546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: ./node_modules/commander/esm.mjs
var esm = __webpack_require__(48179);
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __webpack_require__(74296);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/cli/write-output-file.ts


// What a user can fix about the path they named; anything else is a real fault, thrown as it is.
const PATH_PROBLEMS = {
    ENOENT: "its folder does not exist",
    ENOTDIR: "a part of the path is not a folder",
    EISDIR: "it is a folder",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EROFS: "the file system is read-only",
    ENOSPC: "the disk is full",
    ENAMETOOLONG: "the name is too long",
};
/**
 * Writes an output file as `write` fills `<file>.partial-<pid>`, then renames it over `file`, so
 * a failure leaves no half-written file. A path the user can fix (missing folder, a folder, no
 * permission…) is a UserError starting with `named` (the option and the file as the user wrote
 * them, "-o out/r.html"), exit 2, not a stack trace.
 */
async function writeOutputFile(file, named, write) {
    const partial = `${file}.partial-${process.pid}`;
    try {
        await write(partial);
        await (0,promises_.rename)(partial, file);
    }
    catch (error) {
        await (0,promises_.rm)(partial, { force: true });
        const problem = PATH_PROBLEMS[error.code ?? ""];
        if (problem !== undefined)
            throw new core_errors/* UserError */.yo(`${named}: cannot write it (${problem})`);
        throw error;
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/core/model/run.ts

const RunStatusSchema = schemas/* enum */.k5n(["running", "passed", "failed", "errored", "cancelled"]);
/**
 * A run that called every item and was judged: only such a run can be a baseline, since an
 * incomplete one would make every candidate item look like a fix.
 */
function isCompleteRun(run) {
    return run.status === "passed" || run.status === "failed";
}
const ScorerSummarySchema = schemas/* object */.Ikc({
    scorer: schemas/* string */.YjP(),
    /** Items this scorer scored (error items are not scored). */
    count: schemas/* number */.aig().int().nonnegative(),
    mean: schemas/* number */.aig(),
    passed: schemas/* number */.aig().int().nonnegative(),
    pass_rate: schemas/* number */.aig(),
    /** Items on which this scorer threw. */
    errors: schemas/* number */.aig().int().nonnegative(),
    /** Standard error of `mean` (CLT, or clustered over the experiment's `cluster`); absent in runs stored before it. */
    se: schemas/* number */.aig().nonnegative().optional(),
});
const RunSummarySchema = schemas/* object */.Ikc({
    total: schemas/* number */.aig().int().nonnegative(),
    passed: schemas/* number */.aig().int().nonnegative(),
    failed: schemas/* number */.aig().int().nonnegative(),
    errored: schemas/* number */.aig().int().nonnegative(),
    /** passed / total; error items count against it. 0 when total is 0. */
    pass_rate: schemas/* number */.aig(),
    /** 95 % Wilson interval of pass_rate (on the effective size when clustered); absent in runs stored before it. */
    pass_rate_ci95: schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* number */.aig()]).optional(),
    /** Items whose repeats both passed and failed; present when the run repeats items. */
    flaky: schemas/* number */.aig().int().nonnegative().optional(),
    scorers: schemas/* array */.YOg(ScorerSummarySchema),
    latency_ms: schemas/* object */.Ikc({ p50: schemas/* number */.aig(), p95: schemas/* number */.aig(), mean: schemas/* number */.aig() }),
    tokens: schemas/* object */.Ikc({
        input: schemas/* number */.aig(),
        output: schemas/* number */.aig(),
        total: schemas/* number */.aig(),
        /** The part of `input` read from prompt caches; absent when no item reported cached tokens. */
        cached_input: schemas/* number */.aig().optional(),
    }),
    cost: schemas/* number */.aig(),
    /**
     * Tokens and cost the scorers spent themselves (an LLM judge's calls), apart from the target's
     * `tokens` and `cost`. Absent when no scorer reported any, and in runs stored before they were.
     */
    scorer_tokens: schemas/* object */.Ikc({ input: schemas/* number */.aig(), output: schemas/* number */.aig(), total: schemas/* number */.aig() }).optional(),
    scorer_cost: schemas/* number */.aig().optional(),
    /** Calls made beyond the first, over all items. */
    retries: schemas/* number */.aig().int().nonnegative(),
});
/**
 * A run over part of a dataset version: `sample` (`value` a percentage), `rows` (`value` the SPEC,
 * zero-based), `split` (`value` like `train:80`), or `shard` (`value` like `2/4`); `seed` when the
 * selection used one; `selected` the number of items kept.
 */
const RunSelectionSchema = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(["sample", "rows", "split", "shard"]),
    value: schemas/* string */.YjP(),
    seed: schemas/* number */.aig().int().optional(),
    selected: schemas/* number */.aig().int().nonnegative(),
});
const RunSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    experiment: schemas/* string */.YjP(),
    experiment_version: schemas/* string */.YjP(),
    dataset_path: schemas/* string */.YjP(),
    dataset_version: schemas/* string */.YjP(),
    /** Items in the dataset version when the run started. */
    item_count: schemas/* number */.aig().int().nonnegative(),
    /** The URL or command the run called (secrets in headers are never recorded). */
    target: schemas/* string */.YjP(),
    label: schemas/* string */.YjP().optional(),
    /** On GitHub: a baseline (push to the baseline branch) or a candidate (a pull request's deployment). */
    role: schemas/* enum */.k5n(["baseline", "candidate"]).optional(),
    /** The pull request a candidate run evaluated. */
    pull_request: schemas/* number */.aig().int().positive().optional(),
    git_commit: schemas/* string */.YjP().optional(),
    git_branch: schemas/* string */.YjP().optional(),
    started_at: schemas/* string */.YjP(),
    ended_at: schemas/* string */.YjP().optional(),
    status: RunStatusSchema,
    summary: RunSummarySchema.optional(),
    /** The variant this run tried (`evalgate run EXP --variant NAME`); absent for the baseline. */
    variant: schemas/* string */.YjP().optional(),
    /** Calls per item (`repeat: K`), when above 1. */
    repeat: schemas/* number */.aig().int().min(2).optional(),
    /** Which items of the dataset version the run covers, when not all of them. */
    selection: RunSelectionSchema.optional(),
    /** The gate's verdict when the run ended. */
    verdict: schemas/* enum */.k5n(["pass", "fail"]).optional(),
    verdict_reasons: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});

;// CONCATENATED MODULE: ./src/core/report/csv-row.ts
/** One RFC 4180 record, CRLF-terminated: fields with a comma, quote or line break are quoted. */
function csvRow(fields) {
    return `${fields.map(csvField).join(",")}\r\n`;
}
function csvField(field) {
    // Leading/trailing spaces are quoted too, so a reader that trims keeps them.
    if (/[",\r\n]|^\s|\s$/.test(field))
        return `"${field.replace(/"/g, '""')}"`;
    return field;
}

;// CONCATENATED MODULE: ./src/core/import/arize-run-schema.ts
const EVALUATION_FIELDS = ["label", "score", "explanation"];
/** `eval.<name>.<field>`: the flat column (or key) of one field of one evaluation. */
function evaluationColumn(name, field) {
    return `eval.${name}.${field}`;
}
/**
 * `eval.correctness.score` → { name: "correctness", field: "score" }; the name may hold dots
 * (the field is after the last one). `undefined` for a key that does not start with `eval.`;
 * `field: undefined` for one that does but names no field of an evaluation.
 */
function parseEvaluationColumn(key) {
    if (!key.startsWith("eval."))
        return undefined;
    const rest = key.slice("eval.".length);
    const dot = rest.lastIndexOf(".");
    const field = rest.slice(dot + 1);
    if (dot <= 0 || !EVALUATION_FIELDS.includes(field))
        return { name: rest, field: undefined };
    return { name: rest.slice(0, dot), field: field };
}
/**
 * Labels read as a verdict, compared trimmed and case-insensitively. Any other label ("relevant",
 * "hallucinated") says nothing about passing: the score decides (≥ 0.5 passes).
 */
const PASS_LABELS = ["pass", "passed", "true", "yes", "correct", "success"];
const FAIL_LABELS = ["fail", "failed", "false", "no", "incorrect", "failure"];
/** The score at or above which an evaluation whose label is no verdict word passes. */
const PASSING_SCORE = 0.5;
/** true for a pass word, false for a fail word, undefined for any other label. */
function labelVerdict(label) {
    const word = label.trim().toLowerCase();
    if (PASS_LABELS.includes(word))
        return true;
    if (FAIL_LABELS.includes(word))
        return false;
    return undefined;
}
/**
 * Keys of `metadata` that evalgate reads (everything else in a record's metadata is accepted and
 * ignored): the call's `latency_ms`, `attempts`, `usage` (any provider's shape, or token counts
 * on `metadata` itself), `cost`, `model` (prices the call from the config's `prices:`),
 * `tool_calls`, and `error` (the call failed: the item is an error). An export also writes
 * `status` (checked against the status the import derives) and `scorer_errors` (`{scorer:
 * message}` for scores whose scorer errored).
 */
const METADATA_KEYS = (/* unused pure expression or super */ null && (["latency_ms", "attempts", "usage", "cost", "model", "tool_calls", "error", "status", "scorer_errors"]));

;// CONCATENATED MODULE: ./src/core/json-depth.ts
/**
 * Values from outside (dataset records, target responses, the JSON text inside them) nest no
 * deeper than this: every later step (ids, scorers, the store's JSON.stringify, the target's
 * request) walks values recursively, and a value a few thousand levels deep would overflow the
 * stack there. 128 is serde_json's default and far beyond any real dataset or answer.
 */
const MAX_JSON_DEPTH = 128;
/**
 * Whether a value nests objects and arrays deeper than `maxDepth`. Iterative, and stops at the
 * first level too many, so neither a 20,000-level value nor a cyclic one can overflow the stack.
 */
function nestingExceeds(value, maxDepth = MAX_JSON_DEPTH) {
    const pending = [{ value, depth: 0 }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        if (next.value === null || typeof next.value !== "object")
            continue;
        if (next.depth + 1 > maxDepth)
            return true;
        for (const child of Object.values(next.value))
            pending.push({ value: child, depth: next.depth + 1 });
    }
    return false;
}

;// CONCATENATED MODULE: ./src/core/import/import-csv-row.ts



/**
 * The column names of an import CSV, checked once, on the header: `example_id`, `output` (a JSON
 * text, else plain text), `evaluations` and `metadata` (JSON objects),
 * `eval.<name>.label|score|explanation`, `metadata.<key>`, and any other column, which joins
 * `metadata` (Arize passes extra columns through). Every problem of the header is thrown at once.
 */
function importCsvHeader(cells, where) {
    const names = cells.map((cell) => cell.trim());
    const seen = new Set();
    const problems = [];
    names.forEach((name, index) => {
        if (name === "")
            problems.push(`${where}: the header has an empty column name (column ${index + 1})`);
        else if (seen.has(name))
            problems.push(`${where}: column "${name}" appears twice in the header`);
        seen.add(name);
        const column = parseEvaluationColumn(name);
        if (column !== undefined && column.field === undefined) {
            problems.push(`${where}: column "${name}" names no field of an evaluation; write eval.<name>.label, eval.<name>.score or eval.<name>.explanation`);
        }
    });
    const missing = ["example_id", "output"].filter((name) => !seen.has(name));
    if (missing.length > 0) {
        problems.push(`${where}: the header has no ${missing.join(" or ")} column; an import needs example_id and output (the Arize run schema)`);
    }
    if (problems.length > 0)
        throw new core_errors/* UserError */.yo(problems.join("\n"));
    return names;
}
/**
 * A row (keyed by the header's names) as the record a JSON file would hold: an empty cell is
 * absent (no value, no score), an `output` cell that is JSON is that value (write a text that
 * looks like JSON as a JSON string: `"42"`), `eval.*` cells stay text (read as a score or a label
 * later), and `metadata.<key>` and other cells are JSON when they parse (`120` is a number) and
 * text otherwise.
 */
function importCsvRowToRecord(row, where, problems) {
    const record = {};
    const metadata = {};
    for (const [name, cell] of Object.entries(row)) {
        if (name === "output") {
            record.output = jsonOrText(cell);
            continue;
        }
        if (cell === "")
            continue;
        if (name === "example_id" || parseEvaluationColumn(name) !== undefined) {
            setOwn(record, name, cell);
        }
        else if (name === "evaluations" || name === "metadata") {
            const value = jsonOrText(cell);
            if (value === cell)
                problems.push(`${where}: the ${name} cell is not a JSON object`);
            else
                record[name] = value;
        }
        else if (name.startsWith("metadata.")) {
            setOwn(metadata, name.slice("metadata.".length), jsonOrText(cell));
        }
        else {
            setOwn(record, name, jsonOrText(cell));
        }
    }
    if (Object.keys(metadata).length > 0) {
        // `metadata.<key>` columns beside a `metadata` column: the single columns are the more specific.
        const whole = record.metadata;
        record.metadata = whole !== null && typeof whole === "object" && !Array.isArray(whole) ? { ...whole, ...metadata } : metadata;
    }
    return record;
}
/**
 * A column named `__proto__` must stay a field: plain assignment would set the record's
 * prototype instead (JSON.parse keeps such a key as an own property, so records read alike).
 */
function setOwn(target, key, value) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
/**
 * JSON when the cell parses as JSON (and nests no deeper than items may), else the text itself.
 * The export writes a text that would parse as a JSON string, so every value reads back as it was.
 */
function jsonOrText(cell) {
    const trimmed = cell.trim();
    if (trimmed === "")
        return cell;
    try {
        const value = JSON.parse(trimmed);
        return nestingExceeds(value) ? cell : value;
    }
    catch {
        return cell;
    }
}

;// CONCATENATED MODULE: ./src/core/import/export-arize-records.ts



/**
 * A run item as an Arize run: one evaluation per score (`label` "pass"/"fail", `score`,
 * `explanation` the evidence's reason), and in `metadata` what the call left: `latency_ms`,
 * `attempts`, `usage`, `cost`, `tool_calls`, `error`, the item's `status`, and `scorer_errors`
 * for scores whose scorer errored. `evalgate runs import` reads each of these back, so an export
 * imports as the same items (status, output, and each score's score, passed and reason).
 */
function toArizeRecord(item) {
    const evaluations = {};
    const scorerErrors = {};
    for (const score of item.scores) {
        evaluations[score.scorer] = { label: score.passed ? "pass" : "fail", score: score.score, explanation: score.evidence.reason };
        if (score.error !== undefined)
            scorerErrors[score.scorer] = score.error;
    }
    const metadata = {
        latency_ms: item.latency_ms,
        attempts: item.attempts,
        status: item.status,
        ...(item.usage !== undefined ? { usage: item.usage } : {}),
        ...(item.cost !== undefined ? { cost: item.cost } : {}),
        ...(item.tool_calls !== undefined ? { tool_calls: item.tool_calls } : {}),
        ...(item.error !== undefined ? { error: item.error } : {}),
        ...(Object.keys(scorerErrors).length > 0 ? { scorer_errors: scorerErrors } : {}),
    };
    return { example_id: item.item_id, output: item.output ?? null, evaluations, metadata };
}
/**
 * A run's items as an Arize runs file, in chunks (one per item). CSV has the columns
 * `example_id`, `output`, then `eval.<scorer>.label|score|explanation` per scorer of the run's
 * summary (a run without one takes its first item's scorers), then `metadata` (a JSON object).
 */
async function* exportArizeRecords(run, items, format) {
    if (format === "jsonl") {
        for await (const item of items)
            yield `${JSON.stringify(toArizeRecord(item))}\n`;
        return;
    }
    if (format === "json") {
        let first = true;
        yield "[";
        for await (const item of items) {
            yield `${first ? "\n" : ",\n"}${JSON.stringify(toArizeRecord(item))}`;
            first = false;
        }
        yield first ? "]\n" : "\n]\n";
        return;
    }
    let scorers = run.summary?.scorers.map((scorer) => scorer.scorer);
    if (scorers !== undefined)
        yield csvRow(csvHeader(scorers));
    for await (const item of items) {
        if (scorers === undefined) {
            scorers = item.scores.map((score) => score.scorer);
            yield csvRow(csvHeader(scorers));
        }
        const record = toArizeRecord(item);
        yield csvRow([
            record.example_id,
            outputCell(record.output),
            ...scorers.flatMap((name) => {
                const evaluation = record.evaluations[name];
                return [evaluation?.label ?? "", evaluation?.score === undefined ? "" : String(evaluation.score), evaluation?.explanation ?? ""];
            }),
            JSON.stringify(record.metadata),
        ]);
    }
    if (scorers === undefined)
        yield csvRow(csvHeader([]));
}
function csvHeader(scorers) {
    return ["example_id", "output", ...scorers.flatMap((name) => EVALUATION_FIELDS.map((field) => evaluationColumn(name, field))), "metadata"];
}
/** Text as it is, unless the import would read it as JSON (`42`, `{…}`): then as a JSON string. */
function outputCell(output) {
    if (typeof output === "string")
        return jsonOrText(output) === output ? output : JSON.stringify(output);
    return JSON.stringify(output);
}

// EXTERNAL MODULE: ./src/core/stats.ts
var stats = __webpack_require__(38796);
;// CONCATENATED MODULE: ./src/core/report/escape-xml.ts
// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as references.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;
/** Text safe as element content; line breaks stay readable (a CR is kept as a reference). */
function escapeXmlText(text) {
    return text
        .replace(INVALID_XML, "\ufffd")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/\r/g, "&#13;");
}
/**
 * Text safe in a double- or single-quoted attribute value. Line breaks and tabs become
 * references because parsers normalise literal ones in attributes to spaces.
 */
function escapeXmlAttribute(text) {
    return escapeXmlText(text)
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;")
        .replace(/\n/g, "&#10;")
        .replace(/\t/g, "&#9;");
}

;// CONCATENATED MODULE: ./src/core/report/fit-text.ts

/**
 * Where our text goes on GitHub, and how much it takes there:
 * - `comment`: an issue or pull-request comment body; GitHub answers 422 "body is too long
 *   (maximum is 65536 characters)" above it (its OpenAPI description sets no maxLength).
 * - `checkSummary`, `checkText`: a check run's `output.summary` and `output.text`, "Maximum
 *   length: 65535 characters" each (REST API, "Update a check run").
 * - `checkTitle`: `output.title`; GitHub documents no maximum, and 255 keeps it one line.
 * - `statusDescription`: a commit status's `description`, at most 140 characters.
 * - `jobSummary`: `$GITHUB_STEP_SUMMARY`, "each step is restricted to a maximum size of 1MiB"
 *   (Actions docs, "Adding a job summary"): counted in bytes.
 */
const GITHUB_LIMITS = {
    comment: { limit: 65_536, unit: "characters" },
    checkSummary: { limit: 65_535, unit: "characters" },
    checkText: { limit: 65_535, unit: "characters" },
    checkTitle: { limit: 255, unit: "characters" },
    statusDescription: { limit: 140, unit: "characters" },
    jobSummary: { limit: 1_048_576, unit: "bytes" },
};
/** The length of `text` in the unit of `limit`. */
function measure(text, limit) {
    return limit.unit === "bytes" ? utf8Length(text) : text.length;
}
/** UTF-8 bytes of `text`; a lone surrogate counts 3, as the U+FFFD an encoder writes for it. */
function utf8Length(text) {
    let bytes = 0;
    for (let index = 0; index < text.length;) {
        const [units, size] = characterAt(text, index);
        bytes += size;
        index += units;
    }
    return bytes;
}
/** The code units and UTF-8 bytes of the character that starts at `index`. */
function characterAt(text, index) {
    const code = text.charCodeAt(index);
    if (code < 0x80)
        return [1, 1];
    if (code < 0x800)
        return [1, 2];
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1)))
        return [2, 4];
    return [1, 3];
}
/** What is left of `limit` once `used` is spent (a header written before the fitted text). */
function remainingAfter(limit, used) {
    return { unit: limit.unit, limit: limit.limit - measure(used, limit) };
}
/**
 * Renders at each level, richest first, and returns the first whole render within `limit`, so
 * a fitted report keeps every entity, table row and `<details>` intact and is measured after
 * escaping. The levels should end with one small by construction; if even that one is too long,
 * its render is cut (`cutToFit`) rather than handed to GitHub to refuse.
 */
function fitLevels(levels, render, limit) {
    let leanest = "";
    for (const level of levels) {
        leanest = render(level);
        if (measure(leanest, limit) <= limit.limit)
            return leanest;
    }
    return cutToFit(leanest, limit);
}
/** "\n\n_… cut to fit the limit of 65,536 characters._" */
function cutNote(limit) {
    return `\n\n_… cut to fit the limit of ${(0,stats/* formatCount */.B4)(limit.limit)} ${limit.unit}._`;
}
/**
 * `text` when it fits; else the longest prefix that, closed and followed by `note`, fits. The
 * cut never splits a character (a surrogate pair, an emoji with its modifiers, a flag), an
 * HTML entity, a tag or a comment, prefers a line break near the end, and closes a code fence,
 * a `<summary>` and every `<details>` it leaves open. When `note` leaves no room, "…" says it
 * was cut instead. Lone surrogates in `text` become U+FFFD (the same length in either unit).
 */
function cutToFit(text, limit, note = cutNote(limit)) {
    const whole = withoutLoneSurrogates(text);
    if (measure(whole, limit) <= limit.limit)
        return whole;
    for (const ending of [note, "…"]) {
        const room = limit.limit - measure(ending, limit);
        if (room >= 0)
            return closedPrefix(whole, { unit: limit.unit, limit: room }) + ending;
    }
    return "";
}
/** One line (whitespace collapsed) within `limit`, ending in "…" when shortened: titles, status descriptions. */
function fitLine(text, limit) {
    const line = withoutLoneSurrogates(text).replace(/\s+/g, " ").trim();
    if (measure(line, limit) <= limit.limit)
        return line;
    const room = limit.limit - measure("…", limit);
    if (room < 0)
        return "";
    return `${prefixWithin(line, { unit: limit.unit, limit: room }).trimEnd()}…`;
}
/** The longest start of `text` within `limit`, never splitting a character; no mark of the cut. */
function prefixWithin(text, limit) {
    if (measure(text, limit) <= limit.limit)
        return text;
    return text.slice(0, boundaryAtOrBefore(text, unitsWithin(text, limit)));
}
/** The longest end of `text` within `limit` (the tail of a log), never splitting a character. */
function suffixWithin(text, limit) {
    if (measure(text, limit) <= limit.limit)
        return text;
    let start = text.length - Math.max(0, limit.limit);
    if (limit.unit === "bytes") {
        let bytes = 0;
        for (start = text.length; start > 0;) {
            const from = isLowSurrogate(text.charCodeAt(start - 1)) && isHighSurrogate(text.charCodeAt(start - 2)) ? start - 2 : start - 1;
            bytes += characterAt(text, from)[1];
            if (bytes > limit.limit)
                break;
            start = from;
        }
    }
    return text.slice(boundaryAtOrAfter(text, start));
}
const LONE_SURROGATE = /\p{Cs}/gu;
/** `text` with each unpaired surrogate replaced by U+FFFD, so no broken character is stored or shown. */
function withoutLoneSurrogates(text) {
    return text.replace(LONE_SURROGATE, "\ufffd");
}
/** How many UTF-16 code units of `text` fit `limit` (possibly ending inside a character). */
function unitsWithin(text, limit) {
    if (limit.unit === "characters")
        return Math.max(0, Math.min(text.length, limit.limit));
    let bytes = 0;
    let index = 0;
    while (index < text.length) {
        const [units, size] = characterAt(text, index);
        if (bytes + size > limit.limit)
            break;
        bytes += size;
        index += units;
    }
    return index;
}
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// A grapheme is a few code units; this much text each side of a cut is enough to find its edges.
const CONTEXT = 256;
/** The largest index ≤ `index` at which `text` can be cut without splitting a character. */
function boundaryAtOrBefore(text, index) {
    if (index <= 0)
        return 0;
    if (index >= text.length)
        return text.length;
    const cluster = graphemeAround(text, index);
    let cut = cluster !== undefined && cluster.start < index ? cluster.start : index;
    if (isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1)))
        cut -= 1;
    return cut;
}
/** The smallest index ≥ `index` at which `text` can be cut without splitting a character. */
function boundaryAtOrAfter(text, index) {
    if (index <= 0)
        return 0;
    if (index >= text.length)
        return text.length;
    const cluster = graphemeAround(text, index);
    let cut = cluster !== undefined && cluster.start < index ? cluster.end : index;
    if (isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1)))
        cut += 1;
    return cut;
}
/** The grapheme that holds the code unit at `index`, segmented in a window around it. */
function graphemeAround(text, index) {
    let from = Math.max(0, index - CONTEXT);
    if (isLowSurrogate(text.charCodeAt(from)) && from > 0)
        from -= 1;
    // Flags are pairs of regional indicators counted from the start of their run: keep the parity.
    let indicatorsBefore = 0;
    for (let at = from; at >= 2 && isRegionalIndicator(text.codePointAt(at - 2)); at -= 2)
        indicatorsBefore += 1;
    if (indicatorsBefore % 2 === 1)
        from -= 2;
    const window = text.slice(from, Math.min(text.length, index + CONTEXT));
    const segment = GRAPHEMES.segment(window).containing(index - from);
    if (segment === undefined)
        return undefined;
    const start = from + segment.index;
    return { start, end: start + segment.segment.length };
}
/**
 * The longest prefix within `room` that leaves no construct half open: cut at a line break when
 * one is near the end, never inside an entity, a tag or an HTML comment, then closed (fence,
 * `<summary>`, `<details>`). The closing text counts against `room`, so the budget shrinks until
 * prefix and closers fit together.
 */
function closedPrefix(text, room) {
    let budget = room.limit;
    for (;;) {
        const prefix = withoutOpenConstruct(nearLineBreak(prefixWithin(text, { unit: room.unit, limit: budget })));
        const closed = prefix + closersOf(prefix);
        const size = measure(closed, room);
        if (size <= room.limit)
            return closed;
        budget -= size - room.limit;
    }
}
// Cutting at a line break keeps a Markdown table row or list item whole, unless that drops too much.
function nearLineBreak(prefix) {
    const lastBreak = prefix.lastIndexOf("\n");
    return lastBreak >= 0 && lastBreak >= prefix.length * 0.8 ? prefix.slice(0, lastBreak) : prefix;
}
const PARTIAL_ENTITY = /&#?[A-Za-z0-9]{0,32}$/;
const PARTIAL_TAG = /<(?:[!/A-Za-z][^<>]{0,512})?$/;
// Longer than any entity or tag the two patterns above look for.
const TAIL = 600;
function withoutOpenConstruct(prefix) {
    let cut = prefix;
    const comment = cut.lastIndexOf("<!--");
    if (comment >= 0 && cut.indexOf("-->", comment) < 0)
        cut = cut.slice(0, comment);
    for (const partial of [PARTIAL_TAG, PARTIAL_ENTITY]) {
        const tailStart = Math.max(0, cut.length - TAIL);
        const found = partial.exec(cut.slice(tailStart));
        if (found !== null)
            cut = cut.slice(0, tailStart + found.index);
    }
    return cut;
}
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DETAILS_OR_SUMMARY = /<(\/?)(details|summary)(?:\s[^>]*)?>/gi;
/** What closes the code fence, `<summary>` and `<details>` left open at the end of `prefix`. */
function closersOf(prefix) {
    let fence;
    let openDetails = 0;
    let openSummary = false;
    for (const line of prefix.split("\n")) {
        const marker = FENCE.exec(line)?.[1];
        if (fence !== undefined) {
            if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
                fence = undefined;
            continue;
        }
        if (marker !== undefined) {
            fence = marker;
            continue;
        }
        for (const [, slash, name] of line.matchAll(DETAILS_OR_SUMMARY)) {
            const closing = slash === "/";
            if (name?.toLowerCase() === "summary")
                openSummary = !closing;
            else
                openDetails = closing ? Math.max(0, openDetails - 1) : openDetails + 1;
        }
    }
    return ((fence !== undefined ? `\n${fence}` : "") +
        (openSummary && openDetails > 0 ? "</summary>" : "") +
        "\n\n</details>".repeat(openDetails));
}
function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code) {
    return code >= 0xdc00 && code <= 0xdfff;
}
function isRegionalIndicator(point) {
    return point !== undefined && point >= 0x1f1e6 && point <= 0x1f1ff;
}

;// CONCATENATED MODULE: ./src/core/report/excerpt.ts

// Terminal escape sequences (colours, cursor moves, OSC titles) in a model's output must not
// reach the reader's terminal; bidi overrides must not reorder what a reviewer sees.
const ANSI_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])/g;
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WHITESPACE_RUN = /\s+/g;
/** Text safe for one terminal line: escapes and control characters removed, whitespace collapsed. */
function oneLine(text) {
    return withoutLoneSurrogates(text.replace(ANSI_SEQUENCE, "").replace(CONTROL_OR_BIDI, ""))
        .replace(WHITESPACE_RUN, " ")
        .trim();
}
/**
 * At most `max` code points, the last one "…" when text was cut: the cut for stored and quoted
 * text (excerpts, evidence). Terminal columns are cut by `truncateToWidth` (display-width.ts).
 * It never splits a character (a surrogate pair, a flag, an emoji with its modifiers), so it
 * may keep fewer.
 */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    if (max <= 0)
        return "";
    let points = 0;
    let units = 0;
    let keep = 0;
    for (const point of text) {
        if (points === max - 1)
            keep = units;
        points += 1;
        units += point.length;
        if (points > max)
            return `${text.slice(0, boundaryAtOrBefore(text, keep))}…`;
    }
    return text;
}
/** Any value as one line of at most `max` code points: strings as they are, the rest as JSON. */
function excerpt(value, max = 60) {
    return truncate(oneLine(valueText(value)), max);
}
/** Strings as they are, anything else as compact JSON; "(none)" for a missing value. */
function valueText(value) {
    if (value === undefined)
        return "(none)";
    if (typeof value === "string")
        return value;
    try {
        return JSON.stringify(value) ?? String(value);
    }
    catch {
        return String(value);
    }
}

;// CONCATENATED MODULE: ./src/core/report/export-run.ts






/**
 * A run's items as a file's content, in chunks (about one per item), so a 100,000-item run is
 * written as it is read and never held as one string.
 */
function exportRunItems(run, items, format, options = {}) {
    const annotations = annotationsByItem(options.annotations ?? []);
    switch (format) {
        case "csv":
            return exportCsv(run, items, annotations);
        case "json":
            return exportJson(items, annotations);
        case "jsonl":
            return exportJsonl(items, annotations);
        case "junit":
            return exportJunit(run, items);
        case "arize":
            return exportArizeRecords(run, items, options.arizeFile ?? "jsonl");
    }
}
const CSV_COLUMNS = ["item_id", "status", "input", "expected", "output", "latency_ms", "error"];
function annotationsByItem(annotations) {
    const byItem = new Map();
    const names = new Set();
    for (const { run_id: _run, run_item_id: runItemId, item_id: _item, ...shown } of annotations) {
        const list = byItem.get(runItemId) ?? [];
        list.push(shown);
        byItem.set(runItemId, list);
        names.add(shown.name);
    }
    // Code point order, as names are ordered everywhere else (core/item-id-order.ts).
    return { byItem, names: [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}
/**
 * One column per scorer, named `score:<scorer>`, from the run's summary; a run without one
 * (still running) takes the scorers of its first item. Then one column per annotation name,
 * `annotation:<name>`: a metric's number or a label's text, empty where the item has none.
 */
async function* exportCsv(run, items, annotations) {
    const annotationColumns = annotations.names.map((name) => `annotation:${name}`);
    let scorers = run.summary?.scorers.map((scorer) => scorer.scorer);
    if (scorers !== undefined)
        yield csvRow([...CSV_COLUMNS, ...scorers.map((name) => `score:${name}`), ...annotationColumns]);
    for await (const item of items) {
        if (scorers === undefined) {
            scorers = item.scores.map((score) => score.scorer);
            yield csvRow([...CSV_COLUMNS, ...scorers.map((name) => `score:${name}`), ...annotationColumns]);
        }
        const byScorer = new Map(item.scores.map((score) => [score.scorer, score.score]));
        const byName = new Map((annotations.byItem.get(item.id) ?? []).map((annotation) => [annotation.name, annotation.value]));
        yield csvRow([
            item.item_id,
            item.status,
            csvValue(item.input),
            csvValue(item.expected),
            csvValue(item.output),
            String(item.latency_ms),
            item.error ?? "",
            ...scorers.map((name) => {
                const score = byScorer.get(name);
                return score === undefined ? "" : String(score);
            }),
            ...annotations.names.map((name) => {
                const value = byName.get(name);
                return value === undefined ? "" : String(value);
            }),
        ]);
    }
    if (scorers === undefined)
        yield csvRow([...CSV_COLUMNS, ...annotationColumns]);
}
/** Strings as they are (a CSV cell holds text); structured values as JSON; missing as empty. */
function csvValue(value) {
    return value === undefined ? "" : valueText(value);
}
/** The item with its `annotations` (an empty array when it has none, so every record has the key). */
function withAnnotations(item, annotations) {
    return { ...item, annotations: annotations.byItem.get(item.id) ?? [] };
}
async function* exportJson(items, annotations) {
    let first = true;
    yield "[";
    for await (const item of items) {
        yield `${first ? "\n" : ",\n"}${JSON.stringify(withAnnotations(item, annotations))}`;
        first = false;
    }
    yield first ? "]\n" : "\n]\n";
}
async function* exportJsonl(items, annotations) {
    for await (const item of items)
        yield `${JSON.stringify(withAnnotations(item, annotations))}\n`;
}
/**
 * JUnit XML: one testsuite for the run, one testcase per item; a failed item is a <failure>
 * carrying its failing scorers' reasons, an errored item an <error>. A run that is not complete
 * (cancelled, errored, or never ended) gets one more testcase, `run completion`, as an <error>
 * saying how far it got: a CI reporter that only sees passing items would otherwise go green.
 * The counts in the opening tags come from the run's summary (the stream cannot be counted
 * before it is written) and include that testcase; a run without a summary gets none.
 */
async function* exportJunit(run, items) {
    const counts = junitCounts(run);
    const time = suiteSeconds(run);
    const experiment = escapeXmlAttribute(run.experiment);
    yield '<?xml version="1.0" encoding="UTF-8"?>\n';
    yield `<testsuites name="evalgate"${counts}${time}>\n`;
    yield `  <testsuite name="${experiment}" id="${escapeXmlAttribute(run.id)}"${counts}${time} timestamp="${escapeXmlAttribute(run.started_at)}">\n`;
    yield `    <properties>\n${junitProperties(run)}    </properties>\n`;
    let stored = 0;
    for await (const item of items) {
        stored += 1;
        yield junitTestcase(experiment, item);
    }
    if (!isCompleteRun(run))
        yield completionTestcase(experiment, run, stored);
    yield "  </testsuite>\n</testsuites>\n";
}
function junitCounts(run) {
    const summary = run.summary;
    if (summary === undefined)
        return "";
    const completion = isCompleteRun(run) ? 0 : 1;
    return ` tests="${summary.total + completion}" failures="${summary.failed}" errors="${summary.errored + completion}" skipped="0"`;
}
function completionTestcase(classname, run, stored) {
    const message = incompleteRunText(run, stored);
    const missing = Math.max(0, run.item_count - stored);
    const body = [
        message,
        ...(missing > 0 ? [`${(0,stats/* formatCount */.B4)(missing)} of the dataset's ${(0,stats/* formatCount */.B4)(run.item_count)} items have no result`] : []),
        ...(run.verdict_reasons ?? []).filter((reason) => reason !== message),
    ].join("\n");
    return (`    <testcase name="run completion" classname="${classname}" time="0.000">\n` +
        `      <error message="${escapeXmlAttribute(export_run_short(message))}" type="incomplete">${escapeXmlText(body)}</error>\n    </testcase>\n`);
}
/** "the run was cancelled after 12 of 40 items", in the words the gate's verdict uses. */
function incompleteRunText(run, stored) {
    const done = `${(0,stats/* formatCount */.B4)(stored)} of ${(0,stats/* formatCount */.B4)(run.item_count)} items`;
    switch (run.status) {
        case "cancelled":
            return `the run was cancelled after ${done}`;
        case "errored":
            return `the run could not complete: it stopped after ${done}`;
        default:
            return `the run did not finish: it stopped after ${done} (its process was killed or is still running)`;
    }
}
function suiteSeconds(run) {
    if (run.ended_at === undefined)
        return "";
    const milliseconds = Date.parse(run.ended_at) - Date.parse(run.started_at);
    return Number.isFinite(milliseconds) ? ` time="${seconds(Math.max(0, milliseconds))}"` : "";
}
function junitProperties(run) {
    const properties = [
        ["run_id", run.id],
        ["experiment_version", run.experiment_version],
        ["dataset_version", run.dataset_version],
        ["target", run.target],
        ["label", run.label],
        ["git_commit", run.git_commit],
    ];
    return properties
        .filter((entry) => entry[1] !== undefined)
        .map(([name, value]) => `      <property name="${name}" value="${escapeXmlAttribute(value)}"/>\n`)
        .join("");
}
function junitTestcase(classname, item) {
    const open = `    <testcase name="${escapeXmlAttribute(item.item_id)}" classname="${classname}" time="${seconds(item.latency_ms)}"`;
    if (item.status === "passed")
        return `${open}/>\n`;
    if (item.status === "error") {
        const error = item.error ?? "unknown error";
        return `${open}>\n      <error message="${escapeXmlAttribute(export_run_short(error))}" type="error">${escapeXmlText(error)}</error>\n    </testcase>\n`;
    }
    const failing = item.scores.filter((score) => !score.passed || score.error !== undefined);
    const reasons = failing.map((score) => `${score.scorer} (${score.score}): ${score.error !== undefined ? `scorer error: ${score.error}` : score.evidence.reason}`);
    const body = [...reasons, `output: ${truncate(valueText(item.output), 2000)}`].join("\n");
    const message = reasons[0] ?? "failed";
    return `${open}>\n      <failure message="${escapeXmlAttribute(export_run_short(message))}" type="failed">${escapeXmlText(body)}</failure>\n    </testcase>\n`;
}
function export_run_short(text) {
    return truncate(oneLine(text), 300);
}
function seconds(milliseconds) {
    return (milliseconds / 1000).toFixed(3);
}

;// CONCATENATED MODULE: ./src/core/import/import-record.ts
const IMPORT_FORMATS = ["csv", "json", "jsonl"];
const EXTENSIONS = { ".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl" };
/** The format a file's extension names (`.csv`, `.json`, `.jsonl`/`.ndjson`), else undefined. */
function importFormatOf(file) {
    const extension = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";
    return EXTENSIONS[extension];
}

// EXTERNAL MODULE: ./node_modules/markdown-table/index.js
var markdown_table = __webpack_require__(735);
// EXTERNAL MODULE: ./src/core/gate.ts + 1 modules
var core_gate = __webpack_require__(33355);
;// CONCATENATED MODULE: ./src/core/selection/describe-selection.ts
/** One line for `runs show` and comparison notes: `sample 50% (seed 42): 4 items`. */
function describeSelection(selection) {
    const what = selection.mode === "sample"
        ? `sample ${selection.value}%`
        : selection.mode === "rows"
            ? `rows ${selection.value}`
            : `${selection.mode} ${selection.value}`;
    const seed = selection.seed !== undefined ? ` (seed ${selection.seed})` : "";
    return `${what}${seed}: ${selection.selected} ${selection.selected === 1 ? "item" : "items"}`;
}

;// CONCATENATED MODULE: ./src/core/report/flip-movement.ts
/** "passed → failed": the item's status in the baseline, then in the candidate. */
function statusMovement(item) {
    return `${item.baseline_status} → ${item.candidate_status}`;
}
/**
 * "passed 2 of 5 → 4 of 5": how the item's repeats went in each run, when either run repeats
 * items (a side without repeats shows its status); undefined when neither does.
 */
function repeatsMovement(item) {
    const before = item.baseline_repeats;
    const after = item.candidate_repeats;
    if (before === undefined && after === undefined)
        return undefined;
    if (before !== undefined && after !== undefined) {
        return `passed ${before.passed} of ${before.count} → ${after.passed} of ${after.count}`;
    }
    const side = (status, repeats) => repeats === undefined ? status : `passed ${repeats.passed} of ${repeats.count}`;
    return `${side(item.baseline_status, before)} → ${side(item.candidate_status, after)}`;
}
/** The status movement, with the repeats behind it when the runs repeat items. */
function flipMovement(item) {
    const repeats = repeatsMovement(item);
    return repeats === undefined ? statusMovement(item) : `${statusMovement(item)} (${repeats})`;
}
/** A flaky flip, read by its repeats first: they are what makes it chance. */
function flakyFlipMovement(item) {
    const repeats = repeatsMovement(item);
    return repeats === undefined ? statusMovement(item) : `${repeats} (${statusMovement(item)})`;
}

;// CONCATENATED MODULE: ./src/core/report/escape-markdown.ts

// Entities for what could open HTML, a code span or fence, or split a table cell; a backslash
// for inline emphasis, links and math. A zero-width space after "@" and "#" stops GitHub from
// turning `@name` into a notification and `#123` into a cross-reference (what Dependabot does).
const REPLACEMENTS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "`": "&#96;",
    "@": "@&#8203;",
    "#": "#&#8203;",
    "\\": "\\\\",
    "*": "\\*",
    _: "\\_",
    "[": "\\[",
    "]": "\\]",
    "~": "\\~",
    $: "\\$",
};
const SPECIAL = /[&<>|`@#\\*_[\]~$]/g;
// Links to issues are cross-references too, and bare URLs become links a reviewer might follow;
// "GH-12" is GitHub's other issue-reference form.
const URL_SCHEME = /:\/\//g;
const WWW_PREFIX = /\b(www)\./gi;
const GH_REFERENCE = /\b(GH)-(?=\d)/gi;
// At the start of a line these would open a list or a heading underline.
const BLOCK_START = /^([-+=])|^(\d+)([.)])/;
/**
 * Makes text from a dataset or a model's output inert in GitHub Markdown: one line, no HTML, no
 * table break, no code fence, no mention or issue reference, no link, at most `maxLength` code
 * points. Safe in a table cell, a list item, a paragraph and inside `<details>`.
 */
function escapeMarkdown(text, options = {}) {
    const short = truncate(oneLine(text), options.maxLength ?? 200);
    return short
        .replace(SPECIAL, (character) => REPLACEMENTS[character] ?? character)
        .replace(URL_SCHEME, ":&#8203;//")
        .replace(WWW_PREFIX, "$1&#8203;.")
        .replace(GH_REFERENCE, "$1&#8203;-")
        .replace(BLOCK_START, (_match, sign, digits, mark) => sign !== undefined ? `\\${sign}` : `${digits ?? ""}\\${mark ?? ""}`);
}

;// CONCATENATED MODULE: ./src/core/report/metrics-rows.ts

/**
 * The metrics table every comparison shows: errors, latency, tokens and cost of both runs over
 * the shared items, with deltas. A side that reported no cost (or tokens) on any item shows "—",
 * not 0.0000, and a metric neither side reports is left out, unless the gate has a budget on it. With budgets, a column shows each ratio beside its limit, from the verdict's checks.
 */
function metricsTable(comparison, options) {
    const budgets = new Map();
    for (const check of options.verdict?.checks ?? [])
        if (isBudget(check.name))
            budgets.set(check.name, check);
    const withBudgets = budgets.size > 0;
    const row = (name, metric, format, delta, budget, measured) => {
        const check = budget === undefined ? undefined : budgets.get(budget);
        // Cost and tokens know which side reported them at all; a side that did not shows "—", not 0.
        const before = measured === undefined ? metric.baseline !== 0 : measured.pairs + measured.only_baseline > 0;
        const after = measured === undefined ? metric.candidate !== 0 : measured.pairs + measured.only_candidate > 0;
        if (!before && !after && check === undefined)
            return [];
        const cells = [
            name,
            before ? format(metric.baseline) : "—",
            after ? format(metric.candidate) : "—",
            before && after ? delta(metric.delta) : "",
        ];
        return [withBudgets ? [...cells, check === undefined ? "" : budgetText(check)] : cells];
    };
    const { baseline, candidate } = comparison.errors;
    // No errors on either side is a count like any other, so that row is always shown.
    const errors = ["errors", (0,stats/* formatCount */.B4)(baseline), (0,stats/* formatCount */.B4)(candidate), (0,stats/* formatDeltaCount */.N$)(candidate - baseline)];
    const rows = [
        ...(options.errors ? [withBudgets ? [...errors, ""] : errors] : []),
        ...row("latency p50", comparison.latency_ms.p50, stats/* formatMs */._V, stats/* formatDeltaMs */.w7),
        ...row("latency p95", comparison.latency_ms.p95, stats/* formatMs */._V, stats/* formatDeltaMs */.w7, "latency_p95_ratio"),
        ...row("tokens", comparison.tokens.total, stats/* formatCount */.B4, stats/* formatDeltaCount */.N$, "tokens_ratio", comparison.measured.tokens),
        ...row("cost", comparison.cost, stats/* formatCost */.BD, stats/* formatDeltaCost */.pQ, "cost_ratio", comparison.measured.cost),
    ];
    return { header: ["", "baseline", "candidate", "Δ", ...(withBudgets ? ["budget"] : [])], rows };
}
function isBudget(name) {
    return name === "cost_ratio" || name === "latency_p95_ratio" || name === "tokens_ratio";
}
/** "1.30× ≤ max 1.50×", "2.40× > max 2.00×", or "not measured (max 1.50×)" when a run left it unreported. */
function budgetText(check) {
    const limit = (0,stats/* formatRatio */.B0)(check.limit);
    if (check.actual === null)
        return `not measured (max ${limit})`;
    return `${(0,stats/* formatRatio */.B0)(check.actual, [check.limit])} ${check.passed ? "≤" : ">"} max ${limit}`;
}

;// CONCATENATED MODULE: ./src/core/report/scorer-statistic-text.ts

/**
 * The per-scorer verdict of the comparison's paired test (`regression`, `improvement`, `noise`,
 * `unchanged`), "(critical)" added for a `severity: critical` scorer; for a scorer without a
 * test, why: it is on one side only, or no item was scored on both sides without a scorer error.
 */
function scorer_statistic_text_scorerVerdictText(scorer) {
    const critical = scorer.severity === "critical" ? " (critical)" : "";
    return `${scorer.statistic === null ? missingStatisticReason(scorer) : scorer.statistic.verdict}${critical}`;
}
function missingStatisticReason(scorer) {
    if (scorer.baseline === null)
        return "only in candidate";
    if (scorer.candidate === null)
        return "only in baseline";
    return "no shared scores";
}
/** "−0.06 [−0.12, −0.01]": the mean-score change with its 95 % interval, in score units. */
function scorer_statistic_text_deltaWithInterval(statistic) {
    const [low, high] = statistic.ci95;
    return `${(0,stats/* formatSigned */.Gp)(statistic.delta, 2)} [${(0,stats/* formatSigned */.Gp)(low, 2)}, ${(0,stats/* formatSigned */.Gp)(high, 2)}]`;
}
/** The scorer's p-value, never rounded onto `alpha`; "—" without a test. */
function scorer_statistic_text_scorerPValue(statistic, alpha) {
    return statistic === null ? "—" : (0,stats/* formatPValue */.td)(statistic.p_value, [alpha]);
}
/**
 * "0.82±0.05": a mean score and 1.96 standard errors (its 95 % normal interval); the mean alone
 * without `se`. One word, so a table column of means still reads as one value per cell.
 */
function meanWithSpread(mean, se) {
    return se === undefined ? (0,stats/* formatScore */.y)(mean) : `${(0,stats/* formatScore */.y)(mean)}±${(1.96 * se).toFixed(2)}`;
}

;// CONCATENATED MODULE: ./src/core/report/markdown-parts.ts





/** Options for markdown-table: unpadded cells keep a 65,536-character comment for the data. */
const markdown_parts_MARKDOWN_TABLE = { alignDelimiters: false };
/** Dataset, model or user text made inert for GitHub Markdown, cut to `maxLength` code points. */
function markdown_parts_md(text, maxLength = 200) {
    return escapeMarkdown(text, { maxLength });
}
/** "1 regression", "3 regressions", "2 fixes". */
function markdown_parts_countOf(value, one, many = `${one}s`) {
    return `${(0,stats/* formatCount */.B4)(value)} ${value === 1 ? one : many}`;
}
function markdown_parts_orDash(value, format) {
    return value === undefined || value === null ? "—" : format(value);
}
/**
 * One run's scorers: mean (± 1.96 standard errors when known), pass rate and errors; at most `maxRows` rows, the rest counted. Pass
 * rates are shown `against` the gate's thresholds (fractions), so none reads as one it is not.
 */
function markdown_parts_runScorerTable(summary, maxRows = Number.POSITIVE_INFINITY, thresholds = []) {
    if (summary.scorers.length === 0)
        return "";
    const shown = summary.scorers.slice(0, maxRows);
    const rows = shown.map((scorer) => [
        markdown_parts_md(scorer.scorer),
        meanWithSpread(scorer.mean, scorer.se),
        (0,stats/* formatPercent */.l9)(scorer.pass_rate, { against: thresholds }),
        (0,stats/* formatCount */.B4)(scorer.errors),
    ]);
    const table = (0,markdown_table/* markdownTable */.Q)([["scorer", "mean (±95%)", "pass rate", "errors"], ...rows], {
        ...markdown_parts_MARKDOWN_TABLE,
        align: ["l", "r", "r", "r"],
    });
    return markdown_parts_withHiddenRows(table, summary.scorers.length - shown.length);
}
/** A table followed by "… and N more scorers" when rows were left out. */
function markdown_parts_withHiddenRows(table, hidden) {
    return hidden > 0 ? `${table}\n\n… and ${markdown_parts_countOf(hidden, "more scorer")}.` : table;
}
/**
 * Errors, latency, tokens and cost of both runs over the shared items, with deltas; rows no run
 * has data for left out, and the gate's budgets beside their metrics (metrics-rows.ts).
 */
function metricsComparisonTable(comparison, verdict) {
    const { header, rows } = metricsTable(comparison, { errors: true, verdict });
    return (0,markdown_table/* markdownTable */.Q)([header, ...rows], { ...markdown_parts_MARKDOWN_TABLE, align: ["l", "r", "r", "r", "r"] });
}

;// CONCATENATED MODULE: ./src/core/report/pass-rate-headline.ts

/** What the overall paired test says of the pass rate, candidate against baseline. */
const CHANGE_WORDS = {
    regression: "significantly lower",
    improvement: "significantly higher",
    noise: "no significant change",
    unchanged: "no change",
};
/**
 * The line a reviewer reads first, candidate before baseline, the baseline named so the order
 * needs no legend: "pass rate 90.2% (±8.9) vs baseline 92.7% (±7.9): no significant change (p = 0.62, 41 items; this
 * dataset detects changes ≥ 14 pp)". Rates over the shared items, shown `against` the gate's
 * pass-rate thresholds (fractions) so none rounds onto one it failed; ± is the half-width of each
 * side's 95 % Wilson interval in pp; the words, p, n and MDE come from `statistics.overall`.
 */
function pass_rate_headline_passRateHeadline(comparison, thresholds) {
    const { overall } = comparison.statistics;
    if (overall.n === 0)
        return "pass rate: no shared items to compare";
    const { candidate, baseline } = comparison.shared_summaries;
    const rates = `pass rate ${rateWithInterval(comparison.pass_rate.candidate, candidate.pass_rate_ci95, thresholds)} vs baseline ` +
        rateWithInterval(comparison.pass_rate.baseline, baseline.pass_rate_ci95, thresholds);
    const items = `${(0,stats/* formatCount */.B4)(overall.n)} ${overall.n === 1 ? "item" : "items"}`;
    const evidence = overall.verdict === "unchanged" ? items : `${pass_rate_headline_pValueText(overall.p_value, comparison.statistics.alpha)}, ${items}`;
    return `${rates}: ${CHANGE_WORDS[overall.verdict]} (${evidence}; ${detectsText(overall.mde)})`;
}
/**
 * A run's pass rate with its interval: "90.2% (±8.9)"; the rate alone for a summary stored
 * before intervals were, or of no items (whose interval, [0, 1], says nothing).
 */
function pass_rate_headline_summaryPassRate(summary, thresholds = []) {
    return rateWithInterval(summary.pass_rate, summary.total === 0 ? undefined : summary.pass_rate_ci95, thresholds);
}
/** "90.2% (±8.9)", or "90.2%" without an interval. */
function rateWithInterval(rate, ci95, thresholds = []) {
    const shown = (0,stats/* formatPercent */.l9)(rate, { against: thresholds });
    return ci95 === undefined ? shown : `${shown} (${halfWidthPp(ci95)})`;
}
/**
 * "±8.9": half the width of an interval of fractions, in percentage points. A Wilson interval is
 * not symmetric around its rate; half its width is what a reader compares at a glance.
 */
function halfWidthPp(ci95) {
    return `±${(((ci95[1] - ci95[0]) / 2) * 100).toFixed(1)}`;
}
/** "p = 0.62", "p = 0.0499" (never rounded onto `alpha`), "p < 0.0001". */
function pass_rate_headline_pValueText(p, alpha) {
    const shown = (0,stats/* formatPValue */.td)(p, [alpha]);
    return shown.startsWith("<") ? `p ${shown}` : `p = ${shown}`;
}
/**
 * "this dataset detects changes ≥ 14 pp": the minimum detectable effect (a fraction) at 80 %
 * power. 1 is how the comparison stores "none" (fewer than two pairs).
 */
function detectsText(mde) {
    if (mde >= 1)
        return "too few items to detect any change";
    const pp = mde * 100;
    return `this dataset detects changes ≥ ${pp >= 10 ? pp.toFixed(0) : pp.toFixed(1)} pp`;
}

;// CONCATENATED MODULE: ./src/core/report/verdict-words.ts
/** The verdict in capitals, as every report headlines it. */
const verdict_words_VERDICT_WORDS = {
    pass: "PASS",
    fail: "FAIL",
    inconclusive: "INCONCLUSIVE",
    not_comparable: "NOT COMPARABLE",
    "no-baseline": "NO BASELINE",
};
/**
 * Why a no-verdict is not a pass, in words a reviewer acts on; the verdict's reasons then say
 * what exactly to do. Both block a required check until someone acts (PRODUCT.md).
 */
const verdict_words_NO_VERDICT_MEANING = {
    inconclusive: "the evidence is too thin to tell a change from noise",
    not_comparable: "the baseline cannot serve as one",
};
function isNoVerdictWord(verdict) {
    return verdict === "inconclusive" || verdict === "not_comparable";
}

;// CONCATENATED MODULE: ./src/core/report/pr-report-summary.ts







const EMOJI = {
    pass: "✅",
    fail: "❌",
    inconclusive: "⚠️",
    not_comparable: "⚠️",
    "no-baseline": "⚠️",
};
const DEFAULT_NO_BASELINE_HELP = (/* unused pure expression or super */ null && ("No baseline run of this experiment was found, so nothing was compared. Run the evalgate " +
    "workflow on the main branch (push to it, or start the workflow there by hand) to store a " +
    "baseline; the next push to this pull request is then compared with it."));
/** The comparison to show, or undefined when the report has no baseline to compare with. */
function shownComparison(input) {
    return input.verdictLabel === "no-baseline" ? undefined : input.comparison;
}
/** `### ❌ evalgate · support-agent-quality: **FAIL**` */
function verdictHeading(input) {
    const label = input.verdictLabel;
    return `### ${EMOJI[label]} evalgate · ${md(input.experiment, 100)}: **${VERDICT_WORDS[label]}**`;
}
/**
 * The line a reviewer reads in ten seconds (pass-rate-headline.ts): candidate vs baseline with
 * intervals, what the paired test says, and what this dataset can detect; without a baseline,
 * the run's own pass rate and interval.
 */
function headline(input) {
    const thresholds = passRateThresholds(input.verdict);
    const comparison = shownComparison(input);
    if (comparison !== undefined)
        return passRateHeadline(comparison, thresholds);
    const summary = input.candidate.summary;
    if (summary === undefined)
        return "";
    return `pass rate ${summaryPassRate(summary, thresholds)}`;
}
/** The pass rates in short, for a check's title: "pass rate 88.0% vs baseline 82.0%, p = 0.04". */
function passRateText(input) {
    const comparison = shownComparison(input);
    const percent = (rate) => formatPercent(rate, { against: passRateThresholds(input.verdict) });
    if (comparison === undefined)
        return `pass rate ${orDash(input.candidate.summary?.pass_rate, percent)}`;
    const rate = comparison.pass_rate;
    const { overall, alpha } = comparison.statistics;
    const test = overall.n === 0 || overall.verdict === "unchanged" ? "" : `, ${pValueText(overall.p_value, alpha)}`;
    return `pass rate ${percent(rate.candidate)} vs baseline ${percent(rate.baseline)}${test}`;
}
/** `**6 regressions** · 9 fixes · 0 new errors · 50 items · 3 flaky`, or the run's own counts without a baseline. */
function countsLine(input) {
    const comparison = shownComparison(input);
    if (comparison === undefined) {
        const summary = input.candidate.summary;
        if (summary === undefined)
            return `run ${md(input.candidate.id, 80)}: ${md(input.candidate.status, 40)}`;
        return [
            countOf(summary.total, "item"),
            `${formatCount(summary.passed)} passed`,
            `${formatCount(summary.failed)} failed`,
            `${formatCount(summary.errored)} errored`,
            ...(summary.flaky !== undefined && summary.flaky > 0 ? [`${formatCount(summary.flaky)} flaky`] : []),
        ].join(" · ");
    }
    const regressions = countOf(comparison.regressions.count, "regression");
    return [
        comparison.regressions.count > 0 ? `**${regressions}**` : regressions,
        countOf(comparison.fixes.count, "fix", "fixes"),
        countOf(comparison.errors.new_errors.count, "new error"),
        countOf(comparison.items.shared, comparison.same_dataset ? "item" : "shared item"),
        ...(comparison.flaky_items.count > 0 ? [`${formatCount(comparison.flaky_items.count)} flaky`] : []),
    ].join(" · ");
}
/**
 * How a no-verdict report opens: that the check blocks merging until someone acts (concluded
 * `action_required`), or that it does not because the gate opted into `on_inconclusive: neutral`.
 */
function noVerdictLead(conclusion) {
    return conclusion === "neutral"
        ? "No verdict: the check is neutral (on_inconclusive: neutral), so it does not block merging."
        : "No verdict: this check blocks merging until someone acts.";
}
/**
 * The gate's reasons on one line; empty when the gate passed. A no-verdict says plainly whether
 * the check blocks merging, and its reasons say what to do.
 */
function gateLine(input) {
    const { verdict, reasons } = input.verdict;
    if (verdict === "pass")
        return "";
    const listed = reasons.map((reason) => md(reason, 400)).join(" · ");
    if (verdict === "fail")
        return reasons.length === 0 ? "" : `**Gate failed:** ${listed}`;
    return (`> **${noVerdictLead(input.conclusion)}** ${VERDICT_WORDS[verdict]}: ` +
        `${NO_VERDICT_MEANING[verdict]}.${reasons.length > 0 ? ` To get a verdict: ${listed}` : ""}`);
}
/** Why the numbers cover fewer items than the run: the dataset changed between the runs. */
function datasetLine(input) {
    const comparison = shownComparison(input);
    if (comparison === undefined || comparison.same_dataset)
        return "";
    const { items } = comparison;
    return (`> **The dataset changed** (baseline ${md(comparison.baseline.dataset_version, 80)} → candidate ` +
        `${md(comparison.candidate.dataset_version, 80)}): compared over the ${formatCount(items.shared)} items ` +
        `both runs share; ${formatCount(items.only_baseline.count)} only in the baseline, ` +
        `${formatCount(items.only_candidate.count)} only in the candidate.`);
}
function noBaselineLine(input) {
    if (input.verdictLabel !== "no-baseline")
        return "";
    return `> ${md(input.noBaselineHelp ?? DEFAULT_NO_BASELINE_HELP, 800)}`;
}
/**
 * Per scorer over the shared items: pass rate and mean score of each side, the changes, and the
 * paired test of the scores (the change with its 95 % interval, p, and the scorer's verdict).
 */
function scorerTable(input, detail) {
    const comparison = shownComparison(input);
    if (comparison === undefined) {
        const summary = input.candidate.summary;
        return summary === undefined ? "" : runScorerTable(summary, detail.scorerRows, passRateThresholds(input.verdict));
    }
    if (comparison.scorers.length === 0)
        return "";
    const shown = comparison.scorers.slice(0, detail.scorerRows);
    const header = ["scorer", "baseline", "candidate", "Δ pass", "Δ mean [95% CI]", "p", "verdict"];
    const thresholds = passRateThresholds(input.verdict);
    const rows = shown.map((scorer) => scorerRow(scorer, thresholds, comparison.statistics.alpha));
    const table = markdownTable([header, ...rows], { ...MARKDOWN_TABLE, align: ["l", "r", "r", "r", "r", "r", "l"] });
    const caption = "Per scorer (pass rate · mean score; the paired test of the scores):";
    return `${caption}\n\n${withHiddenRows(table, comparison.scorers.length - shown.length)}`;
}
function scorerRow(scorer, thresholds, alpha) {
    const side = (pass, mean) => pass === undefined || mean === undefined ? "—" : `${formatPercent(pass, { against: thresholds })} · ${formatScore(mean)}`;
    const verdict = scorerVerdictText(scorer);
    return [
        md(scorer.scorer, 80),
        side(scorer.baseline?.pass_rate, scorer.baseline?.mean),
        side(scorer.candidate?.pass_rate, scorer.candidate?.mean),
        orDash(scorer.pass_rate_delta, formatDeltaPp),
        scorer.statistic === null ? "—" : deltaWithInterval(scorer.statistic),
        scorerPValue(scorer.statistic, alpha),
        scorer.statistic?.verdict === "regression" ? `**${verdict}**` : verdict,
    ];
}
/** Which baseline, which commit, which versions, and where the full report is. */
function footer(input) {
    const comparison = shownComparison(input);
    const { candidate } = input;
    const parts = [
        `Baseline: ${baselineText(input, comparison)}`,
        `candidate run ${md(candidate.id, 80)} at ${md(shortSha(input.headSha), 12)}`,
        `experiment ${md(input.experiment, 100)} ${versionText(candidate.experiment_version, comparison?.baseline.experiment_version)}`,
        `dataset ${versionText(candidate.dataset_version, comparison?.baseline.dataset_version)}`,
    ];
    const html = reportLink(input.htmlReportUrl);
    if (html !== undefined)
        parts.push(`[HTML report](${html})`);
    const link = reportLink(input.reportUrl);
    if (link !== undefined)
        parts.push(`[full report](${link})`);
    return `---\n\n<sub>${parts.join(" · ")}</sub>`;
}
/**
 * "see the [HTML report](…)" (every item, with filters) when it was uploaded, else "see the
 * [full report](…)", or without a usable link "see the full report in the workflow run".
 */
function seeFullReport(input) {
    const html = reportLink(input.htmlReportUrl);
    if (html !== undefined)
        return `see the [HTML report](${html})`;
    const link = reportLink(input.reportUrl);
    return link === undefined ? "see the full report in the workflow run" : `see the [full report](${link})`;
}
function baselineText(input, comparison) {
    if (input.baselineNote !== undefined)
        return md(input.baselineNote, 300);
    if (comparison !== undefined)
        return `run ${md(comparison.baseline.run_id, 80)}`;
    return "none found";
}
function versionText(candidate, baseline) {
    const version = `version ${md(candidate, 80)}`;
    return baseline === undefined || baseline === candidate ? version : `${version} (baseline ${md(baseline, 80)})`;
}
function shortSha(sha) {
    return sha.slice(0, 7);
}
// Characters that could end the link destination early or start a code span or HTML inside it.
const LINK_UNSAFE = /[()<>`|[\]\\"']/g;
/** Only http(s) is linked, with what Markdown would read inside a destination percent-encoded. */
function reportLink(url) {
    if (url === undefined)
        return undefined;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
        return undefined;
    return parsed.href.replace(LINK_UNSAFE, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

;// CONCATENATED MODULE: ./src/core/report/render-ci-report.ts












/** Richest first: fewer rows, then shorter excerpts, then the counts only. */
const CI_REPORT_DETAILS = [
    { flippedRows: 50, excerptLength: 160, reasonLength: 160 },
    { flippedRows: 30, excerptLength: 160, reasonLength: 160 },
    { flippedRows: 20, excerptLength: 120, reasonLength: 120 },
    { flippedRows: 10, excerptLength: 80, reasonLength: 80 },
    { flippedRows: 5, excerptLength: 40, reasonLength: 40 },
    { flippedRows: 0, excerptLength: 0, reasonLength: 0 },
];
/**
 * GitHub-flavoured Markdown for a job summary or a PR comment: the verdict first, then the
 * pass-rate headline and the numbers, then the flipped items folded in `<details>` (flaky items
 * apart from regressions and fixes). Everything that came from a dataset,
 * a model or a user passes through escapeMarkdown, and the escaped report is fitted to
 * `options.limit` by showing fewer and shorter flipped items.
 */
function renderCiReport(run, verdict, comparison, options = {}) {
    const maxRows = options.maxFlippedRows ?? 50;
    const levels = CI_REPORT_DETAILS.map((detail) => ({ ...detail, flippedRows: Math.min(detail.flippedRows, maxRows) }));
    return fitLevels(levels, (detail) => renderAtDetail(run, verdict, comparison, detail, options.conclusion), options.limit ?? GITHUB_LIMITS.comment);
}
function renderAtDetail(run, verdict, comparison, detail, conclusion) {
    const thresholds = (0,core_gate/* passRateThresholds */.IM)(verdict);
    const blocks = [verdictBlock(run, verdict, conclusion), runLine(run, thresholds)];
    if (comparison !== undefined) {
        blocks.push(comparisonHeadline(comparison, thresholds));
        if (comparison.dataset_note !== undefined)
            blocks.push(`> **Note:** ${markdown_parts_md(comparison.dataset_note, 400)}`);
        blocks.push(scorerComparisonTable(comparison, thresholds));
        blocks.push(flippedDetails(markdown_parts_countOf(comparison.regressions.count, "regression"), comparison.regressions, detail, flipMovement));
        blocks.push(flippedDetails(markdown_parts_countOf(comparison.fixes.count, "fix", "fixes"), comparison.fixes, detail, flipMovement));
        blocks.push(flakyDetails(comparison, detail));
        blocks.push(metricsComparisonTable(comparison, verdict));
    }
    else if (run.summary !== undefined) {
        blocks.push(markdown_parts_runScorerTable(run.summary, undefined, thresholds), metricsLine(run.summary));
    }
    return `${blocks.filter((block) => block !== "").join("\n\n")}\n`;
}
const render_ci_report_EMOJI = { pass: "✅", fail: "❌", inconclusive: "⚠️", not_comparable: "⚠️" };
function verdictBlock(run, verdict, conclusion) {
    // A run over part of the dataset says so in its headline, not only in a note further down.
    const partial = run.selection !== undefined ? ` on ${markdown_parts_md(describeSelection(run.selection))} of the dataset` : "";
    const heading = `### ${render_ci_report_EMOJI[verdict.verdict]} evalgate · ${markdown_parts_md(run.experiment)}: **${verdict_words_VERDICT_WORDS[verdict.verdict]}**${partial}`;
    const noVerdict = verdict.verdict === "inconclusive" || verdict.verdict === "not_comparable"
        ? [`**${noVerdictLead(conclusion)}** ${verdict_words_NO_VERDICT_MEANING[verdict.verdict]}. To get a verdict:`]
        : [];
    const reasons = verdict.reasons.map((reason) => `- ${markdown_parts_md(reason, 400)}`);
    return [heading, ...(noVerdict.length + reasons.length > 0 ? ["", ...noVerdict, ...reasons] : [])].join("\n");
}
function runLine(run, thresholds) {
    const label = run.label !== undefined ? ` (${markdown_parts_md(run.label)})` : "";
    const head = `Run ${markdown_parts_md(run.id)}${label} · dataset ${markdown_parts_md(run.dataset_version)}`;
    const summary = run.summary;
    if (summary === undefined)
        return `${head} · ${markdown_parts_md(run.status)}`;
    return (`${head} · ${(0,stats/* formatCount */.B4)(summary.total)} items: ${(0,stats/* formatCount */.B4)(summary.passed)} passed, ` +
        `${(0,stats/* formatCount */.B4)(summary.failed)} failed, ${(0,stats/* formatCount */.B4)(summary.errored)} errored · ` +
        `pass rate **${pass_rate_headline_summaryPassRate(summary, thresholds)}**`);
}
function comparisonHeadline(comparison, thresholds) {
    const flaky = comparison.flaky_items.count;
    return (`**${pass_rate_headline_passRateHeadline(comparison, thresholds)}**\n\nagainst baseline ${markdown_parts_md(comparison.baseline.run_id)} over ` +
        `${(0,stats/* formatCount */.B4)(comparison.items.shared)} shared items · ${markdown_parts_countOf(comparison.regressions.count, "regression")} · ` +
        `${markdown_parts_countOf(comparison.fixes.count, "fix", "fixes")} · ${markdown_parts_countOf(comparison.errors.new_errors.count, "new error")}` +
        (flaky > 0 ? ` · ${(0,stats/* formatCount */.B4)(flaky)} flaky` : ""));
}
/** Latency, tokens, cost and retries of a run alone; tokens and cost only when the target reported any. */
function metricsLine(summary) {
    return [
        `latency p50 ${(0,stats/* formatMs */._V)(summary.latency_ms.p50)}`,
        `p95 ${(0,stats/* formatMs */._V)(summary.latency_ms.p95)}`,
        ...(summary.tokens.total > 0 ? [`tokens ${(0,stats/* formatCount */.B4)(summary.tokens.total)}`] : []),
        ...(summary.cost > 0 ? [`cost ${(0,stats/* formatCost */.BD)(summary.cost)}`] : []),
        `retries ${(0,stats/* formatCount */.B4)(summary.retries)}`,
    ].join(" · ");
}
function scorerComparisonTable(comparison, thresholds) {
    const percent = (rate) => (0,stats/* formatPercent */.l9)(rate, { against: thresholds });
    if (comparison.scorers.length === 0)
        return "";
    const rows = comparison.scorers.map((scorer) => [
        markdown_parts_md(scorer.scorer),
        markdown_parts_orDash(scorer.baseline?.mean, stats/* formatScore */.y),
        markdown_parts_orDash(scorer.candidate?.mean, stats/* formatScore */.y),
        scorer.statistic === null ? "—" : scorer_statistic_text_deltaWithInterval(scorer.statistic),
        scorer_statistic_text_scorerPValue(scorer.statistic, comparison.statistics.alpha),
        scorer_statistic_text_scorerVerdictText(scorer),
        markdown_parts_orDash(scorer.baseline?.pass_rate, percent),
        markdown_parts_orDash(scorer.candidate?.pass_rate, percent),
        markdown_parts_orDash(scorer.pass_rate_delta, stats/* formatDeltaPp */.Uv),
    ]);
    const header = [
        "scorer",
        "mean (baseline)",
        "mean (candidate)",
        "Δ mean [95% CI]",
        "p",
        "verdict",
        "pass (baseline)",
        "pass (candidate)",
        "Δ pass",
    ];
    return (0,markdown_table/* markdownTable */.Q)([header, ...rows], { ...markdown_parts_MARKDOWN_TABLE, align: ["l", "r", "r", "r", "r", "l", "r", "r", "r"] });
}
function flippedDetails(title, list, detail, movement) {
    if (list.count === 0)
        return "";
    const shown = list.items.slice(0, detail.flippedRows);
    if (shown.length === 0)
        return `${title}: not listed, the report would be too long.`;
    const rows = shown.map((item) => flippedRow(item, detail, movement));
    const hidden = list.count - shown.length;
    return [
        `<details><summary>${title}</summary>`,
        "",
        (0,markdown_table/* markdownTable */.Q)([["item", "status", "changed scorers", "candidate output"], ...rows], markdown_parts_MARKDOWN_TABLE),
        ...(hidden > 0 ? ["", `… and ${(0,stats/* formatCount */.B4)(hidden)} more not shown.`] : []),
        "",
        "</details>",
    ].join("\n");
}
/** Flaky items apart: their count, and their flips read by the repeats ("passed 2 of 5 → 4 of 5"). */
function flakyDetails(comparison, detail) {
    const { flaky, flaky_items: flakyItems } = comparison;
    if (flakyItems.count === 0 && flaky.count === 0)
        return "";
    const title = `${markdown_parts_countOf(flakyItems.count, "flaky item")}, ${(0,stats/* formatCount */.B4)(flaky.count)} flipped ` +
        "(repeats both passed and failed: neither regressions nor fixes)";
    return flaky.count === 0 ? `${title}.` : flippedDetails(title, flaky, detail, flakyFlipMovement);
}
function flippedRow(item, detail, movement) {
    const scorers = item.changed_scorers.map((scorer) => {
        const movement = `${markdown_parts_orDash(scorer.baseline?.score, stats/* formatScore */.y)} → ${markdown_parts_orDash(scorer.candidate?.score, stats/* formatScore */.y)}`;
        return `**${markdown_parts_md(scorer.scorer, 60)}** ${movement}: ${markdown_parts_md(scorer.reason, detail.reasonLength)}`;
    });
    const output = item.candidate_error !== undefined ? `error: ${item.candidate_error}` : valueText(item.candidate_output);
    return [
        markdown_parts_md(item.item_id, 80),
        movement(item),
        scorers.length > 0 ? scorers.join("<br>") : "—",
        markdown_parts_md(output, detail.excerptLength),
    ];
}

// EXTERNAL MODULE: ./node_modules/string-width/index.js + 6 modules
var string_width = __webpack_require__(94668);
;// CONCATENATED MODULE: ./src/core/report/display-width.ts

/**
 * Columns `text` takes in a terminal, as `string-width` measures them: East Asian wide
 * characters and emoji take two, combining marks and zero-width joiners none. Every terminal
 * table and line is measured here, so a label in Japanese cannot push a row past the width.
 */
function displayWidth(text) {
    return (0,string_width/* default */.A)(text);
}
const display_width_GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const ELLIPSIS = "…";
/**
 * `text` within `columns` terminal columns, ending in "…" when it was cut; never splits a
 * character (a surrogate pair, a flag, an emoji with its modifiers), so a cut before a wide
 * character may leave one column unused. Stops reading as soon as the text is known not to
 * fit, so cutting a long model output costs no more than the columns it keeps.
 */
function truncateToWidth(text, columns) {
    if (columns <= 0)
        return "";
    let used = 0;
    let cutAt = -1;
    for (const { segment, index } of display_width_GRAPHEMES.segment(text)) {
        const width = displayWidth(segment);
        if (cutAt < 0 && used + width > columns - displayWidth(ELLIPSIS))
            cutAt = index;
        used += width;
        if (used > columns)
            return `${text.slice(0, cutAt)}${ELLIPSIS}`;
    }
    return text;
}
/** `text` padded with spaces to `columns`, on the right (or the left for `right`); never cut. */
function padToWidth(text, columns, align = "left") {
    const space = " ".repeat(Math.max(0, columns - displayWidth(text)));
    return align === "right" ? space + text : text + space;
}

;// CONCATENATED MODULE: ./src/core/report/fit-lines.ts

/** Joins lines (some may hold several) and cuts each to `width` terminal columns; ends with a newline. */
function fitLines(lines, width) {
    const cut = lines.join("\n").split("\n").map((line) => truncateToWidth(line, width));
    return `${cut.join("\n")}\n`;
}

;// CONCATENATED MODULE: ./src/core/report/wrap-text.ts


// Stands in for a space inside a phrase kept on one line; a private-use character no text carries here.
const GLUE = "\uE000";
/**
 * Greedy word wrap to `width` terminal columns: the first line starts with `indent`, the
 * following ones with `hangingIndent` (default the same); words longer than a line are cut.
 * Phrases matching `keepTogether` (a global regex, e.g. /p = \S+/g) are never split across lines.
 */
function wrapText(text, width, indent = "", hangingIndent = indent, keepTogether) {
    const lines = [];
    let prefix = indent;
    let line = "";
    const room = () => Math.max(8, width - displayWidth(prefix));
    let flat = oneLine(text);
    if (keepTogether !== undefined)
        flat = flat.replace(keepTogether, (phrase) => phrase.replaceAll(" ", GLUE));
    for (const glued of flat.split(" ")) {
        const word = glued.replaceAll(GLUE, " ");
        const piece = truncateToWidth(word, room());
        if (line === "")
            line = piece;
        else if (displayWidth(line) + 1 + displayWidth(piece) <= room())
            line += ` ${piece}`;
        else {
            lines.push(prefix + line);
            prefix = hangingIndent;
            line = truncateToWidth(word, room());
        }
    }
    if (line !== "")
        lines.push(prefix + line);
    return lines;
}

;// CONCATENATED MODULE: ./src/core/report/render-failures.ts




const WIDTH = 80;
/**
 * The failed and errored items of a run, for a terminal: each item's input and output excerpt
 * and every failing scorer's reason (wrapped, not cut: the reason is what the reader came for).
 * Passed items in `items` are skipped.
 */
function renderFailures(run, items) {
    const lines = [`Failures of run ${run.id} (${oneLine(run.experiment)})`];
    let failed = 0;
    let errored = 0;
    for (const item of items) {
        if (item.status === "passed")
            continue;
        if (item.status === "failed")
            failed += 1;
        else
            errored += 1;
        lines.push("", ...itemLines(item));
    }
    lines.push("", failed + errored === 0
        ? "No failed or errored items."
        : `${(0,stats/* formatCount */.B4)(failed)} failed, ${(0,stats/* formatCount */.B4)(errored)} errored`);
    return fitLines(lines, WIDTH);
}
function itemLines(item) {
    const mark = item.status === "error" ? "ERROR" : "FAIL";
    const lines = [`${mark}  ${oneLine(item.item_id)}  (run item ${item.id})`, `  input     ${excerpt(item.input, 68)}`];
    if (item.expected !== undefined)
        lines.push(`  expected  ${excerpt(item.expected, 68)}`);
    if (item.status === "error") {
        lines.push(...wrapText(`error: ${item.error ?? "unknown error"}`, WIDTH, "  ", "    "));
        return lines;
    }
    lines.push(`  output    ${excerpt(item.output, 68)}`);
    for (const score of item.scores) {
        if (score.passed && score.error === undefined)
            continue;
        const why = score.error !== undefined ? `scorer error: ${score.error}` : score.evidence.reason;
        lines.push(...wrapText(`${score.scorer} (${(0,stats/* formatScore */.y)(score.score)}): ${truncateReason(why)}`, WIDTH, "  ", "    "));
    }
    return lines;
}
// A reason can quote a whole output; past a few lines it stops helping.
function truncateReason(reason) {
    return excerpt(reason, 600);
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/store/open-store.ts + 8 modules
var open_store = __webpack_require__(40914);
// EXTERNAL MODULE: ./src/store/postgres/store-url.ts
var store_url = __webpack_require__(24840);
;// CONCATENATED MODULE: ./src/cli/cli-context.ts





// The URL helpers only: the store itself (and the `pg` driver) is imported when one is opened.

const LISTING_FORMATS = ["table", "csv", "json", "jsonl"];
const STORE_URL_VARIABLE = "EVALGATE_STORE_URL";
/**
 * The global options. The store is `--store` when given (even `--store .evalgate`), else
 * EVALGATE_STORE_URL when set and not blank (a CI secret that is not defined arrives as ""),
 * else `.evalgate`. Commander fills the default itself, so "given" is told by the value's source.
 */
function globalOptions(command, env = process.env) {
    const options = command.optsWithGlobals();
    const fromEnv = env[STORE_URL_VARIABLE]?.trim();
    const given = options.store !== undefined && command.getOptionValueSourceWithGlobals("store") === "cli";
    const [store, storeOrigin] = given
        ? [options.store, "--store"]
        : fromEnv
            ? [fromEnv, STORE_URL_VARIABLE]
            : [options.store ?? ".evalgate", "default"];
    return {
        config: options.config ?? "evalgate.yml",
        store,
        storeOrigin,
        allowOutsideProject: options.allowOutsideProject === true,
    };
}
/**
 * Opens the store of `--store` (or EVALGATE_STORE_URL): a directory (the embedded store),
 * `github:OWNER/REPO[@BRANCH]` (a results branch) or `postgres://…` (a PostgreSQL store), runs
 * `use`, and closes it.
 */
async function withStore(command, use) {
    const { store: spec, storeOrigin } = globalOptions(command);
    const store = await openStore(spec, storeOrigin);
    try {
        return await use(store);
    }
    finally {
        await store.close();
    }
}
async function openStore(spec, origin) {
    const scheme = storeScheme(spec);
    if (scheme === undefined)
        return (0,open_store/* openEmbeddedStore */.i)(spec);
    if ((0,store_url/* isPostgresUrl */.p)(spec)) {
        // Loaded only when asked for, like the results branch: the driver is no part of start-up.
        const { openPostgresStore } = await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(384)]).then(__webpack_require__.bind(__webpack_require__, 62384));
        return openPostgresStore(spec);
    }
    if (scheme !== "github") {
        // Only the scheme is named: a URL may carry a password (s3://key:secret@…).
        const flag = origin === "default" ? "--store" : origin;
        throw new core_errors/* UserError */.yo(`${flag}: evalgate cannot open a "${scheme}:" store; ${flag} takes a directory (default .evalgate; ./NAME for a name with a colon), ` +
            "github:OWNER/REPO[@BRANCH] (a results branch) or postgres://USER@HOST/DB (a PostgreSQL store)");
    }
    // Loaded only when asked for: Octokit and its plugins are most of the CLI's start-up.
    const { openResultsBranchStore, parseResultsBranchSpec } = await Promise.all(/* import() */[__webpack_require__.e(65), __webpack_require__.e(569)]).then(__webpack_require__.bind(__webpack_require__, 67569));
    const branch = parseResultsBranchSpec(spec);
    const stagingDir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), "evalgate-staging-"));
    const store = await openResultsBranchStore(branch, {
        token: process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN,
        ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
        stagingDir,
    });
    // The staging folder is this process's own (a fresh name each time): left empty, nothing needs it
    // after close (`reports wait` opens a store per poll). One holding a run not yet published stays.
    const close = store.close.bind(store);
    store.close = async () => {
        await close();
        await (0,promises_.rmdir)(stagingDir).catch(() => undefined);
    };
    return store;
}
// A scheme as URLs spell it (RFC 3986): a letter, then letters, digits, "+", "-" or ".", then ":".
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/**
 * The scheme of a `--store` value ("github", "postgres", "s3"), or undefined for a directory.
 * A single letter before the colon is a Windows drive (C:\runs, C:runs), not a scheme; a
 * relative path with a colon further on (runs/2026:11, ./a:b) is a directory too.
 */
function storeScheme(spec) {
    const scheme = SCHEME.exec(spec)?.[1];
    return scheme === undefined || scheme.length === 1 ? undefined : scheme;
}
/**
 * The width `table` output fits: the terminal's own when stdout is one, else `COLUMNS` (what a
 * user or CI sets for piped output), else 80.
 */
function terminalWidth(io) {
    const stdout = io.stdout;
    if (stdout.isTTY === true && typeof stdout.columns === "number" && stdout.columns > 0)
        return stdout.columns;
    const columns = Number(io.env.COLUMNS);
    return Number.isInteger(columns) && columns > 0 ? columns : 80;
}
async function requireRun(store, id) {
    const run = await store.getRun(id);
    if (!run)
        throw new core_errors/* UserError */.yo(`no run "${id}" in this store (see \`evalgate runs list\`)`);
    return run;
}
function parseFormat(value) {
    if (LISTING_FORMATS.includes(value))
        return value;
    throw new core_errors/* UserError */.yo(`--format: "${value}" is not one of ${LISTING_FORMATS.join(", ")}`);
}
/** `--format` of a command that prints one document: `table` (text for a terminal) or `json`. */
function tableOrJson(value) {
    if (value === "table" || value === "json")
        return value;
    throw new core_errors/* UserError */.yo(`--format: "${value}" is not one of table, json`);
}
/**
 * `--threshold 90` or `--threshold 90%` (percent) → 0.9. The gate's `passed_threshold` is a
 * fraction, so `--threshold 0.5` is ambiguous (half a percent, or the fraction 0.5 meaning 50 %):
 * a value above 0 and at most 1 without a `%` sign is refused rather than guessed.
 */
function parsePercent(flag, value) {
    const trimmed = value.trim();
    const explicit = trimmed.endsWith("%");
    const digits = explicit ? trimmed.slice(0, -1) : trimmed;
    // Plain decimal only: Number() would also read "0x10" as 16 and "1e2" as 100.
    const percent = /^\d+(\.\d+)?$/.test(digits) ? Number(digits) : Number.NaN;
    if (!Number.isFinite(percent) || percent > 100) {
        throw new core_errors/* UserError */.yo(`${flag}: "${value}" is not a percentage from 0 to 100 (write 90 for 90%)`);
    }
    if (!explicit && percent > 0 && percent <= 1) {
        throw new core_errors/* UserError */.yo(`${flag} takes a percentage, so "${value}" would mean ${digits}% of items; ` +
            `write ${Number((percent * 100).toPrecision(12))} for ${Number((percent * 100).toPrecision(12))}%, ` +
            `or "${digits}%" if you mean ${digits}%`);
    }
    return percent / 100;
}
/** The largest count a flag takes unless it names its own bound (`--limit 1e15` is a typo, not a wish). */
const MAX_COUNT_FLAG = 1_000_000;
/** `--limit 20` → 20: a whole number from 1 to `max`; anything else is refused, naming the flag. */
function parsePositiveInt(flag, value, max = MAX_COUNT_FLAG) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
        throw new core_errors/* UserError */.yo(`${flag}: "${value}" is not a whole number ≥ 1`);
    if (n > max)
        throw new core_errors/* UserError */.yo(`${flag}: "${value}" is more than ${max}; write a whole number from 1 to ${max}`);
    return n;
}

// EXTERNAL MODULE: ./src/core/canonical.ts
var canonical = __webpack_require__(70457);
;// CONCATENATED MODULE: ./src/core/json-path.ts
/**
 * Reads a dot path (`choices.0.message.content`) from a JSON value. Numeric segments index
 * arrays. Returns `undefined` when any segment is missing. The path "" or "." is the value itself.
 */
function getPath(value, path) {
    if (path === "" || path === ".")
        return value;
    let current = value;
    for (const segment of path.split(".")) {
        if (current === null || typeof current !== "object")
            return undefined;
        current = current[segment];
    }
    return current;
}

;// CONCATENATED MODULE: ./src/core/cluster-key.ts


/**
 * The cluster an item belongs to under the experiment's `cluster: metadata.<key>` (a dot path
 * into the item, as written), as a string key for the statistics accumulators. An item without
 * that value is a cluster of its own (keyed by its id), so it adds no correlation. Values are
 * keyed by their canonical JSON, so 3 and "3" are different clusters.
 */
function clusterKey(item, path) {
    const value = getPath(item, path);
    if (value === undefined || value === null)
        return `item:${item.item_id ?? item.id ?? ""}`;
    return `value:${(0,canonical/* canonicalJson */.dj)(value)}`;
}

;// CONCATENATED MODULE: ./src/core/repeats/repeat-counts.ts
/** Per item, for reports: "passed 3 of 5". */
function repeatCounts(item) {
    const counts = { passed: 0, failed: 0, errored: 0, count: 0 };
    for (const attempt of item.repeats ?? [{ status: item.status }]) {
        counts.count += 1;
        if (attempt.status === "passed")
            counts.passed += 1;
        else if (attempt.status === "failed")
            counts.failed += 1;
        else
            counts.errored += 1;
    }
    return counts;
}
/**
 * Flaky: the item's non-error attempts both passed and failed, whatever the pass rule then
 * decided. Such an item is listed apart: its status says more about chance than about the change.
 * An item without repeats is never flaky.
 */
function isFlaky(item) {
    if (item.repeats === undefined)
        return false;
    let passed = false;
    let failed = false;
    for (const attempt of item.repeats) {
        if (attempt.status === "passed")
            passed = true;
        else if (attempt.status === "failed")
            failed = true;
    }
    return passed && failed;
}

;// CONCATENATED MODULE: ./src/core/statistics/mean-accumulator.ts
/**
 * Streaming mean and SE in O(1) memory per cluster (never stores values).
 *
 * Unclustered: Welford's algorithm (a cluster passed to `add` is ignored).
 *
 * Clustered (`clustered: true`): every add names a cluster; undefined → the value is its own
 * singleton cluster. SE = sqrt(G/(G−1) · Σ_g (S_g − n_g·x̄)²) / n — Miller 2024 eq. 4 (clustered
 * standard errors) with the CR1 small-sample factor G/(G−1) (Cameron & Miller 2015), which makes it
 * equal the CLT SE (sample variance, n − 1) when every cluster has one item. df = G − 1.
 */
function createMeanAccumulator(options = {}) {
    return options.clustered === true ? clusteredAccumulator() : welfordAccumulator();
}
function welfordAdd(state, value) {
    state.n += 1;
    const before = value - state.mean;
    state.mean += before / state.n;
    state.m2 += before * (value - state.mean);
}
function checkFinite(value) {
    if (!Number.isFinite(value))
        throw new RangeError(`a mean needs finite values, got ${value}`);
}
function welfordAccumulator() {
    const state = { n: 0, mean: 0, m2: 0 };
    return {
        add(value) {
            checkFinite(value);
            welfordAdd(state, value);
        },
        estimate() {
            const { n, mean, m2 } = state;
            const se = n < 2 ? 0 : Math.sqrt(m2 / (n - 1) / n);
            return { n, mean, se, df: Math.max(0, n - 1) };
        },
    };
}
function clusteredAccumulator() {
    const all = { n: 0, mean: 0, m2: 0 };
    // Per named cluster only its size and mean: S_g − n_g·x̄ = n_g·(mean_g − x̄), which subtracts
    // two means instead of two large sums.
    const named = new Map();
    // Singletons need no entry each: Σ_i (x_i − x̄)² = M2_s + n_s·(mean_s − x̄)².
    const singletons = { n: 0, mean: 0, m2: 0 };
    return {
        add(value, cluster) {
            checkFinite(value);
            welfordAdd(all, value);
            if (cluster === undefined) {
                welfordAdd(singletons, value);
                return;
            }
            const group = named.get(cluster) ?? { n: 0, mean: 0 };
            group.n += 1;
            group.mean += (value - group.mean) / group.n;
            named.set(cluster, group);
        },
        estimate() {
            const { n, mean } = all;
            const clusters = named.size + singletons.n;
            if (clusters < 2)
                return { n, mean, se: 0, df: 0, clusters };
            let scores = singletons.m2 + singletons.n * (singletons.mean - mean) ** 2;
            for (const group of named.values())
                scores += (group.n * (group.mean - mean)) ** 2;
            const se = Math.sqrt((clusters / (clusters - 1)) * scores) / n;
            return { n, mean, se, df: clusters - 1, clusters };
        },
    };
}

// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-normal-quantile/lib/index.js
var lib = __webpack_require__(86060);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-t-quantile/lib/index.js
var stats_base_dists_t_quantile_lib = __webpack_require__(74455);
var stats_base_dists_t_quantile_lib_default = /*#__PURE__*/__webpack_require__.n(stats_base_dists_t_quantile_lib);
;// CONCATENATED MODULE: ./src/core/statistics/intervals.ts


const CONFIDENCE = 0.95;
/** The quantile a two-sided interval at `confidence` reaches: 1 − (1 − confidence) / 2. */
function upperQuantileLevel(confidence) {
    if (!(confidence > 0 && confidence < 1))
        throw new RangeError(`a confidence level lies strictly between 0 and 1, got ${confidence}`);
    return 1 - (1 - confidence) / 2;
}
/**
 * Wilson score interval (Wilson 1927; Agresti & Coull 1998) for successes/n at `confidence`
 * (default 0.95). Chosen over the normal (Wald) interval because it stays inside [0, 1] and keeps
 * its coverage at 0/n, n/n and small n.
 *
 * `effectiveN` (≤ n) replaces n everywhere in the formula when clustering inflates the variance
 * (n / design effect), while the observed rate stays successes/n: the interval widens around the
 * same rate (Korn & Graubard's effective-sample-size Wilson interval).
 *
 * n = 0 → [0, 1]. Throws RangeError for successes > n, negatives, effectiveN outside (0, n], or a
 * confidence outside (0, 1).
 */
function wilsonInterval(successes, n, options = {}) {
    if (!(Number.isFinite(n) && successes >= 0 && successes <= n)) {
        throw new RangeError(`a Wilson interval needs 0 ≤ successes ≤ n, got ${successes} of ${n}`);
    }
    const z = lib_default()(upperQuantileLevel(options.confidence ?? CONFIDENCE), 0, 1);
    if (n === 0)
        return [0, 1];
    const effectiveN = options.effectiveN ?? n;
    if (!(effectiveN > 0 && effectiveN <= n)) {
        throw new RangeError(`an effective sample size lies in (0, n], got ${effectiveN} for n = ${n}`);
    }
    const rate = successes / n;
    const shrink = (z * z) / effectiveN;
    const centre = (rate + shrink / 2) / (1 + shrink);
    const half = (z * Math.sqrt((rate * (1 - rate)) / effectiveN + shrink / (4 * effectiveN))) / (1 + shrink);
    // At 0/n and n/n the formula lands on 0 and 1 only up to rounding; they are exact.
    return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}
/**
 * mean ± t_{df, 1−(1−confidence)/2} · se, clamped to `bounds` (default [-Infinity, Infinity]).
 * df < 1 (n < 2, or one cluster) → `bounds` (infinite by default): one observation says nothing
 * about the spread. se = 0 with df ≥ 1 → [mean, mean] (every value was the same).
 */
function meanInterval(estimate, options = {}) {
    const level = upperQuantileLevel(options.confidence ?? CONFIDENCE);
    const [lowest, highest] = options.bounds ?? [-Infinity, Infinity];
    if (estimate.n < 2 || !(estimate.df >= 1))
        return [lowest, highest];
    const half = estimate.se === 0 ? 0 : stats_base_dists_t_quantile_lib_default()(level, estimate.df) * estimate.se;
    return [Math.max(lowest, estimate.mean - half), Math.min(highest, estimate.mean + half)];
}

;// CONCATENATED MODULE: ./src/core/statistics/rate-accumulator.ts


/**
 * Pass rate with a 95 % Wilson interval. Clustered: the Wilson interval on the effective sample size
 * n / deff, where deff = max(1, SE_clustered² / SE_iid²) (Kish design effect; SE_iid² = p(1 − p) /
 * (n − 1), the CLT SE of 0/1 values), so related items never narrow the interval. An undefined
 * cluster makes the item its own cluster.
 *
 * When the variances cannot say how related the items are:
 * - fewer than two clusters with n ≥ 2: the run may be one observation repeated, so deff = n
 *   (the interval of a single item at the observed rate);
 * - no variation (all pass or all fail, SE_iid = 0): deff = 1, since the clustered SE is 0 too.
 */
function createRateAccumulator(options = {}) {
    const scores = options.clustered === true ? createMeanAccumulator({ clustered: true }) : undefined;
    let n = 0;
    let successes = 0;
    return {
        add(passed, cluster) {
            n += 1;
            if (passed)
                successes += 1;
            scores?.add(passed ? 1 : 0, cluster);
        },
        estimate() {
            const rate = n === 0 ? 0 : successes / n;
            const designEffect = scores === undefined ? 1 : kishDesignEffect(scores.estimate(), rate);
            const ci95 = wilsonInterval(successes, n, designEffect === 1 ? {} : { effectiveN: n / designEffect });
            return { n, successes, rate, ci95, design_effect: designEffect };
        },
    };
}
function kishDesignEffect(clusteredScores, rate) {
    const { n, se, clusters = 0 } = clusteredScores;
    if (n < 2)
        return 1;
    if (clusters < 2)
        return n;
    const iidVariance = (rate * (1 - rate)) / (n - 1);
    if (iidVariance === 0)
        return 1;
    return Math.max(1, (se * se) / iidVariance);
}

;// CONCATENATED MODULE: ./src/core/summarize-run.ts





function createRunSummaryAccumulator(options = {}) {
    const { cluster } = options;
    const clustered = cluster !== undefined;
    const counts = { total: 0, passed: 0, failed: 0, errored: 0 };
    const passRate = createRateAccumulator({ clustered });
    const tokens = { input: 0, output: 0, total: 0 };
    // Map keeps insertion order: scorers are reported in order of first appearance.
    const scorers = new Map();
    const latencies = createLatencyBuffer();
    let cost = 0;
    let retries = 0;
    // Undefined until an item with repeats is added: runs without repeats keep no such key.
    let flaky;
    // Undefined until a score reports what its scorer spent: runs without judges keep no such key.
    let scorerTokens;
    let scorerCost = 0;
    function add(item) {
        const key = cluster === undefined ? undefined : clusterKey(item, cluster);
        counts.total += 1;
        if (item.status === "passed")
            counts.passed += 1;
        else if (item.status === "failed")
            counts.failed += 1;
        else
            counts.errored += 1;
        passRate.add(item.status === "passed", key);
        addCalls(item);
        addUsage(tokens, item.usage);
        cost += item.cost ?? 0;
        if (item.repeats !== undefined)
            flaky = (flaky ?? 0) + (isFlaky(item) ? 1 : 0);
        for (const score of item.scores) {
            let tally = scorers.get(score.scorer);
            if (tally === undefined) {
                tally = { count: 0, scoreSum: 0, passed: 0, errors: 0, spread: createMeanAccumulator({ clustered }) };
                scorers.set(score.scorer, tally);
            }
            tally.count += 1;
            tally.scoreSum += score.score;
            tally.spread.add(score.score, key);
            if (score.passed)
                tally.passed += 1;
            if (score.error !== undefined)
                tally.errors += 1;
            if (score.usage !== undefined || score.cost !== undefined) {
                scorerTokens ??= { input: 0, output: 0, total: 0 };
                addUsage(scorerTokens, score.usage);
                scorerCost += score.cost ?? 0;
            }
        }
    }
    /**
     * Latency is the target's speed per call, so a repeated item adds each attempt's. An errored
     * call's latency is a timeout or a refusal, not the target's speed. Retries are calls beyond
     * the first of each call.
     */
    function addCalls(item) {
        if (item.repeats === undefined) {
            if (item.status !== "error")
                latencies.add(item.latency_ms);
            retries += Math.max(0, item.attempts - 1);
            return;
        }
        for (const attempt of item.repeats) {
            if (attempt.status !== "error")
                latencies.add(attempt.latency_ms);
            retries += Math.max(0, attempt.attempts - 1);
        }
    }
    function summary() {
        return {
            ...counts,
            pass_rate: (0,stats/* ratio */.CG)(counts.passed, counts.total),
            pass_rate_ci95: passRate.estimate().ci95.map(orderFree),
            ...(flaky !== undefined ? { flaky } : {}),
            scorers: [...scorers].map(([scorer, tally]) => scorerSummary(scorer, tally)),
            latency_ms: (0,stats/* latencyStats */.Ir)(latencies.sorted()),
            tokens: { ...tokens },
            cost,
            ...(scorerTokens !== undefined
                ? { scorer_tokens: { input: scorerTokens.input, output: scorerTokens.output, total: scorerTokens.total }, scorer_cost: scorerCost }
                : {}),
            retries,
        };
    }
    return { add, summary };
}
/**
 * One latency per call, 8 bytes each, sorted natively when a summary is asked for. For 100,000
 * latencies the typed sort, the copy out and latencyStats' check of the sorted copy took ~12 ms
 * together where `Array#sort` with a comparator took ~30 ms, and `runs compare` sorts two
 * (issue 13, Node 24 on the 2-core CI machine).
 */
function createLatencyBuffer() {
    let values = new Float64Array(1024);
    let count = 0;
    return {
        add(ms) {
            if (count === values.length) {
                const grown = new Float64Array(values.length * 2);
                grown.set(values);
                values = grown;
            }
            values[count++] = ms;
        },
        // Order does not matter to later adds, so sorting the buffer in place is safe; latencyStats'
        // own sort then meets one ascending run and only checks it.
        sorted() {
            const ascending = values.subarray(0, count).sort();
            // A plain loop: Array.from on a typed array goes through the iterator, ~4× slower here.
            const copy = [];
            for (let index = 0; index < count; index++)
                copy.push(ascending[index]);
            return copy;
        },
    };
}
/**
 * A scorer that threw still counts in `count` and `mean` (as the score it recorded). `se` is 0
 * when it cannot be estimated (one item, or one cluster).
 */
function scorerSummary(scorer, tally) {
    return {
        scorer,
        count: tally.count,
        mean: (0,stats/* ratio */.CG)(tally.scoreSum, tally.count),
        passed: tally.passed,
        pass_rate: (0,stats/* ratio */.CG)(tally.passed, tally.count),
        errors: tally.errors,
        se: orderFree(tally.spread.estimate().se),
    };
}
/**
 * Streaming variances round differently in the last bits depending on the order items arrive
 * (calls finish in any order; a resumed run adds its stored items first). Rounded to 12
 * significant digits, far below any meaningful difference, a resumed run ends with an
 * uninterrupted run's summary.
 */
function orderFree(value) {
    return value === 0 ? 0 : Number(value.toPrecision(12));
}
function addUsage(tokens, usage) {
    if (usage === undefined)
        return;
    const input = usage.input_tokens ?? 0;
    const output = usage.output_tokens ?? 0;
    tokens.input += input;
    tokens.output += output;
    tokens.total += usage.total_tokens ?? input + output;
    if (usage.cached_input_tokens !== undefined)
        tokens.cached_input = (tokens.cached_input ?? 0) + usage.cached_input_tokens;
}
/** The summary of a run from its items, streamed; works on a store's cursor or an array. */
async function summarizeRun(items, options = {}) {
    const accumulator = createRunSummaryAccumulator(options);
    for await (const item of items)
        accumulator.add(item);
    return accumulator.summary();
}

;// CONCATENATED MODULE: ./src/core/report/html/shown-text.ts

/**
 * The most characters of one input, expected value, output or error the report embeds: a model
 * that answers a megabyte must not make a 10,000-item report unloadable.
 */
const TEXT_LIMIT = 5_000;
/** The most characters of a scorer's reason, and of what it read or compared with. */
const EVIDENCE_LIMIT = 1_000;
// Bidi overrides and isolates can make a reviewer read text in another order than it is
// (Trojan Source, CVE-2021-42574): they are shown as their code, never applied.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 controls but tab and line breaks, DEL, and C1 controls would be invisible or garble a line.
const C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const OTHER_CONTROL = /[\u007f-\u009f]/g;
/**
 * `value` as text: a string as it is, anything else as indented JSON; undefined for a missing
 * value. Cut to `limit` characters, invisible controls made visible (U+241B for ESC, ⟨U+202E⟩
 * for a bidi override), lone surrogates replaced with U+FFFD.
 */
function shownText(value, limit = TEXT_LIMIT) {
    const full = rawText(value);
    if (full === undefined)
        return undefined;
    const cut = full.length > limit ? full.slice(0, boundaryAtOrBefore(full, limit)) : full;
    const text = visibleControls(withoutLoneSurrogates(cut));
    return cut.length < full.length ? { text, length: full.length } : { text };
}
function rawText(value) {
    if (value === undefined)
        return undefined;
    if (typeof value === "string")
        return value;
    try {
        return JSON.stringify(value, null, 2) ?? String(value);
    }
    catch {
        // A value JSON cannot write (a BigInt, a cycle) still shows what it is.
        return String(value);
    }
}
function visibleControls(text) {
    return text
        .replace(C0, (character) => String.fromCharCode(0x2400 + character.charCodeAt(0)))
        .replace(OTHER_CONTROL, codeOf)
        .replace(BIDI, codeOf);
}
function codeOf(character) {
    return `⟨U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

;// CONCATENATED MODULE: ./src/core/report/html/report-annotations.ts


/** Label values listed per annotation name; the rest are counted. */
const SHOWN_LABELS = 5;
/**
 * A run's annotations per name: how many items carry it, and for a metric its mean and range,
 * for a label its most frequent values. Undefined when the run has none.
 */
function annotationTable(runName, annotations) {
    if (annotations.length === 0)
        return undefined;
    const byName = new Map();
    for (const annotation of annotations) {
        const list = byName.get(annotation.name);
        if (list === undefined)
            byName.set(annotation.name, [annotation]);
        else
            list.push(annotation);
    }
    const names = [...byName.keys()].sort();
    return {
        caption: `Annotations, ${runName}`,
        header: ["name", "kind", "items", "values"],
        rows: names.map((name) => {
            const list = byName.get(name);
            const metrics = list.flatMap((annotation) => (typeof annotation.value === "number" ? [annotation.value] : []));
            const labels = list.flatMap((annotation) => (typeof annotation.value === "string" ? [annotation.value] : []));
            const kinds = [...new Set(list.map((annotation) => annotation.kind))].join(", ");
            const values = [metrics.length > 0 ? metricText(metrics) : "", labels.length > 0 ? labelText(labels) : ""];
            return [plain(name), kinds, (0,stats/* formatCount */.B4)(list.length), values.filter((text) => text !== "").join(" · ")];
        }),
        numeric: [false, false, true, false],
        emphasized: [],
    };
}
/** "mean 3.4 · min 1 · max 5" */
function metricText(values) {
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const value of values) {
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }
    return `mean ${number(sum / values.length)} · min ${number(min)} · max ${number(max)}`;
}
/** "good ×12 · bad ×3 · 2 other values", the most frequent first, ties in code point order. */
function labelText(values) {
    const counts = new Map();
    for (const value of values)
        counts.set(value, (counts.get(value) ?? 0) + 1);
    const ranked = [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
    const shown = ranked.slice(0, SHOWN_LABELS).map(([value, count]) => `${plain(value)} ×${(0,stats/* formatCount */.B4)(count)}`);
    const rest = ranked.length - SHOWN_LABELS;
    return [...shown, ...(rest > 0 ? [`${(0,stats/* formatCount */.B4)(rest)} other ${rest === 1 ? "value" : "values"}`] : [])].join(" · ");
}
/** At most three decimals, no trailing zeros: 3.4, 0.125, 12. */
function number(value) {
    return String(Number(value.toFixed(3)));
}
function plain(text) {
    return shownText(text, Number.POSITIVE_INFINITY).text;
}

// EXTERNAL MODULE: ./node_modules/simple-statistics/dist/simple-statistics.mjs
var simple_statistics = __webpack_require__(15521);
;// CONCATENATED MODULE: ./src/core/report/html/report-charts.ts


/** The most bins a latency histogram has: enough to see a shape, few enough to read on a phone. */
const MAX_BINS = 20;
/** Latencies above this quantile of the slowest run share the last, open bin: one timeout must not squash the rest. */
const UPPER_QUANTILE = 0.99;
/**
 * Pass rate per scorer per run (all items first), labelled `against` the gate's pass-rate
 * thresholds (fractions) like every table, and each run's latency histogram on shared bins.
 */
function reportCharts(runs, thresholds) {
    const scorers = [...new Set(runs.flatMap(({ summary }) => summary.scorers.map((scorer) => scorer.scorer)))];
    return {
        passRate: {
            groups: ["all items", ...scorers],
            runs: runs.map(({ name, summary }) => {
                const rates = [
                    summary.total === 0 ? null : summary.pass_rate,
                    ...scorers.map((scorer) => summary.scorers.find((entry) => entry.scorer === scorer)?.pass_rate ?? null),
                ];
                return { name, rates, labels: rates.map((rate) => (rate === null ? "—" : (0,stats/* formatPercent */.l9)(rate, { against: thresholds }))) };
            }),
        },
        latency: latencyHistogram(runs),
    };
}
function latencyHistogram(runs) {
    const latencies = runs.map(({ items }) => callLatencies(items).sort((a, b) => a - b));
    const upper = Math.max(0, ...latencies.map((values) => (values.length === 0 ? 0 : (0,simple_statistics/* quantileSorted */.Z4)(values, UPPER_QUANTILE))));
    const binMs = niceWidth(upper / MAX_BINS);
    const bins = Math.max(1, Math.min(MAX_BINS, Math.ceil(upper / binMs)));
    return {
        binMs,
        runs: runs.map(({ name, summary }, index) => {
            const counts = new Array(bins).fill(0);
            for (const value of latencies[index])
                counts[Math.min(bins - 1, Math.floor(value / binMs))] += 1;
            return {
                name,
                counts,
                calls: latencies[index].length,
                p50: (0,stats/* formatMs */._V)(summary.latency_ms.p50),
                p95: (0,stats/* formatMs */._V)(summary.latency_ms.p95),
            };
        }),
    };
}
/** One latency per call that answered, as the run summary counts them (attempts of a repeated item apart). */
function callLatencies(items) {
    const values = [];
    for (const item of items) {
        for (const call of item.repeats ?? [item])
            if (call.status !== "error")
                values.push(call.latency_ms);
    }
    return values;
}
/** The smallest 1, 2 or 5 × 10^k ms at or above `raw` (at least 1 ms), so axis labels are round. */
function niceWidth(raw) {
    if (!(raw > 1))
        return 1;
    const power = 10 ** Math.floor(Math.log10(raw));
    for (const step of [1, 2, 5, 10])
        if (step * power >= raw)
            return step * power;
    return 10 * power;
}

;// CONCATENATED MODULE: ./src/core/flipped-item.ts

/** regression = passed → failed or error; fix = failed or error → passed; else undefined. */
function flipKind(baseline, candidate) {
    const before = baseline.status === "passed";
    const after = candidate.status === "passed";
    if (before && !after)
        return "regression";
    if (!before && after)
        return "fix";
    return undefined;
}
function flippedItem(baseline, candidate) {
    return {
        item_id: candidate.item_id,
        run_item_id: candidate.id,
        baseline_status: baseline.status,
        candidate_status: candidate.status,
        input: candidate.input,
        ...(candidate.expected !== undefined ? { expected: candidate.expected } : {}),
        baseline_output: baseline.output,
        candidate_output: candidate.output,
        // An errored call was never scored: its error, not the baseline's scores, explains the flip.
        changed_scorers: candidate.status === "error" ? [] : changedScorers(baseline.scores, candidate.scores),
        ...(candidate.error !== undefined ? { candidate_error: candidate.error } : {}),
        ...(baseline.repeats !== undefined ? { baseline_repeats: passedOf(baseline) } : {}),
        ...(candidate.repeats !== undefined ? { candidate_repeats: passedOf(candidate) } : {}),
    };
}
function passedOf(item) {
    const counts = repeatCounts(item);
    return { passed: counts.passed, count: counts.count };
}
/** Scorers in baseline order, then the candidate's new ones; unchanged scorers are left out. */
function changedScorers(baseline, candidate) {
    const candidateByName = new Map(candidate.map((score) => [score.scorer, score]));
    const baselineNames = new Set(baseline.map((score) => score.scorer));
    const changed = [];
    for (const before of baseline) {
        const after = candidateByName.get(before.scorer);
        if (after !== undefined && after.passed === before.passed && after.score === before.score)
            continue;
        changed.push(changedScorer(before.scorer, before, after));
    }
    for (const after of candidate) {
        if (!baselineNames.has(after.scorer))
            changed.push(changedScorer(after.scorer, undefined, after));
    }
    return changed;
}
function changedScorer(scorer, before, after) {
    return {
        scorer,
        baseline: snapshot(before),
        candidate: snapshot(after),
        reason: reasonOf(after ?? before),
    };
}
function snapshot(score) {
    return score === undefined ? null : { score: score.score, passed: score.passed };
}
function reasonOf(score) {
    if (score === undefined)
        return "";
    return score.error !== undefined ? `scorer error: ${score.error}` : score.evidence.reason;
}

// EXTERNAL MODULE: ./src/core/item-id-order.ts
var item_id_order = __webpack_require__(65113);
// EXTERNAL MODULE: ./node_modules/diff/libesm/diff/word.js + 2 modules
var word = __webpack_require__(34440);
;// CONCATENATED MODULE: ./src/core/report/html/output-diff.ts

/**
 * The most word and whitespace tokens the diff may insert or delete: beyond it two outputs have
 * little in common and the diff would be noise that costs O(N·D) time, so none is embedded.
 * A bound on edits, not a clock, keeps the report the same for the same input.
 */
const MAX_DIFF_EDITS = 300;
/**
 * The word-level diff of `candidate` against `baseline` (words, punctuation, whitespace runs and
 * line breaks as tokens, so both texts are kept exactly); undefined when they are equal or
 * differ by more than MAX_DIFF_EDITS tokens.
 */
function outputDiff(baseline, candidate) {
    if (baseline === candidate)
        return undefined;
    const changes = (0,word/* diffWordsWithSpace */.pR)(baseline, candidate, { maxEditLength: MAX_DIFF_EDITS });
    if (changes === undefined)
        return undefined;
    const segments = [];
    for (const change of changes) {
        const kind = change.added ? 2 : change.removed ? 1 : 0;
        const last = segments[segments.length - 1];
        if (last !== undefined && last[0] === kind)
            last[1] += change.value;
        else
            segments.push([kind, change.value]);
    }
    return segments;
}

;// CONCATENATED MODULE: ./src/core/report/html/diff-budget.ts

/**
 * How much diffing one report may do, in characters × edits (the diff is O((N + M)·D)): about
 * five seconds on a 2-core machine. A run of 10,000 long outputs that all differ from the
 * baseline's must not take minutes to report; items past the budget are shown without a diff.
 * Counted, not timed, so the same input gives the same report.
 */
const DIFF_WORK_BUDGET = 800_000_000;
function createDiffBudget(budget = DIFF_WORK_BUDGET) {
    let left = budget;
    return {
        diff(baseline, candidate) {
            if (baseline === candidate)
                return undefined;
            if (left <= 0) {
                return { note: "not diffed: the report spent its diff budget on the items listed before this one" };
            }
            const diff = outputDiff(baseline, candidate);
            const edits = diff === undefined ? MAX_DIFF_EDITS : editedTokens(diff);
            left -= (baseline.length + candidate.length) * Math.max(1, edits);
            if (diff === undefined) {
                return { note: `not diffed: the outputs differ in more than ${MAX_DIFF_EDITS} words and spaces` };
            }
            return { diff };
        },
    };
}
/** Roughly the tokens the diff inserted or deleted: words and the spaces between them. */
function editedTokens(diff) {
    let tokens = 0;
    for (const [kind, text] of diff)
        if (kind !== 0)
            tokens += text.split(/(\s+)/).filter((part) => part !== "").length;
    return tokens;
}

;// CONCATENATED MODULE: ./src/core/report/html/report-items.ts






/**
 * Every item of any run, in item id order (code point order, as stores stream them), with its
 * cell in each run and its tags. A regression or fix is an item that flipped between the baseline
 * (run 1) and a later run by `flipKind`, unless it is flaky in either (then it is flaky only):
 * the rule of compareRuns, so a two-run report counts what `runs compare` counts. Outputs that
 * differ from the baseline's are diffed word by word, flipped items first.
 */
function reportItems(runs, diffs = createDiffBudget()) {
    const byRun = runs.map(({ items }) => new Map(items.map((item) => [item.item_id, item])));
    const annotationsByRun = runs.map(({ annotations }) => report_items_annotationsByItem(annotations));
    const ids = [...new Set(byRun.flatMap((items) => [...items.keys()]))].sort(item_id_order/* compareItemIds */.D);
    const items = ids.map((id) => {
        const stored = byRun.map((items) => items.get(id));
        const first = stored.find((item) => item !== undefined);
        const input = shownText(first.input);
        const expected = shownText(first.expected);
        return {
            id,
            label: shownText(id, Number.MAX_SAFE_INTEGER).text,
            ...(input !== undefined ? { input } : {}),
            ...(expected !== undefined ? { expected } : {}),
            tags: itemTags(stored),
            runs: stored.map((item, index) => (item === undefined ? null : runCell(item, annotationsByRun[index].get(id) ?? []))),
        };
    });
    // Flipped items first: they are what a reviewer opens, so the budget is spent on them.
    const flipped = (item) => item.tags.includes("regression") || item.tags.includes("fix");
    for (const item of items)
        if (flipped(item))
            addDiffs(item, diffs);
    for (const item of items)
        if (!flipped(item))
            addDiffs(item, diffs);
    return items;
}
function itemTags(stored) {
    const tags = new Set();
    const baseline = stored[0];
    for (const candidate of stored.slice(1)) {
        if (baseline === undefined || candidate === undefined || isFlaky(baseline) || isFlaky(candidate))
            continue;
        const kind = flipKind(baseline, candidate);
        if (kind !== undefined)
            tags.add(kind);
    }
    const present = stored.filter((item) => item !== undefined);
    if (present.some((item) => item.status === "error"))
        tags.add("error");
    if (present.some((item) => isFlaky(item)))
        tags.add("flaky");
    if (present.some((item) => item.status !== "passed"))
        tags.add("failed");
    const order = ["regression", "fix", "error", "flaky", "failed"];
    return order.filter((tag) => tags.has(tag));
}
function runCell(item, annotations) {
    const output = shownText(item.output);
    const error = shownText(item.error);
    const repeats = item.repeats === undefined ? undefined : repeatCounts(item);
    return {
        runItemId: item.id,
        status: item.status,
        ...(output !== undefined ? { output } : {}),
        ...(error !== undefined ? { error } : {}),
        latency: (0,stats/* formatMs */._V)(item.latency_ms),
        ...(repeats !== undefined ? { repeats: `passed ${repeats.passed} of ${repeats.count}` } : {}),
        scores: item.scores.map(reportScore),
        annotations: annotations.map(reportAnnotation),
    };
}
function reportScore(score) {
    const reason = shownText(score.evidence.reason, EVIDENCE_LIMIT);
    const error = shownText(score.error, EVIDENCE_LIMIT);
    const read = shownText(score.evidence.read, EVIDENCE_LIMIT);
    const compared = shownText(score.evidence.compared, EVIDENCE_LIMIT);
    return {
        scorer: score.scorer,
        score: (0,stats/* formatScore */.y)(score.score),
        passed: score.passed,
        ...(reason !== undefined && reason.text !== "" ? { reason } : {}),
        ...(error !== undefined ? { error } : {}),
        ...(read !== undefined ? { read } : {}),
        ...(compared !== undefined ? { compared } : {}),
    };
}
function reportAnnotation(annotation) {
    return {
        name: annotation.name,
        kind: annotation.kind,
        value: typeof annotation.value === "number" ? String(annotation.value) : report_items_plain(annotation.value),
        ...(annotation.note !== undefined ? { note: report_items_plain(annotation.note) } : {}),
        ...(annotation.author !== undefined ? { author: report_items_plain(annotation.author) } : {}),
    };
}
/** A short human text (within ANNOTATION_LIMITS, so never cut) with its controls made visible. */
function report_items_plain(text) {
    return shownText(text, Number.POSITIVE_INFINITY).text;
}
function report_items_annotationsByItem(annotations) {
    const byItem = new Map();
    for (const annotation of annotations) {
        const list = byItem.get(annotation.item_id);
        if (list === undefined)
            byItem.set(annotation.item_id, [annotation]);
        else
            list.push(annotation);
    }
    return byItem;
}
function addDiffs(item, diffs) {
    const baseline = item.runs[0]?.output?.text;
    if (baseline === undefined)
        return;
    for (const cell of item.runs.slice(1)) {
        const candidate = cell?.output?.text;
        if (cell === null || cell === undefined || candidate === undefined)
            continue;
        const result = diffs.diff(baseline, candidate);
        if (result === undefined)
            continue;
        if ("diff" in result)
            cell.diff = result.diff;
        else
            cell.diffNote = result.note;
    }
}

;// CONCATENATED MODULE: ./src/core/report/html/report-summary.ts






/** "baseline", "candidate" (two runs), "candidate 2"… (more), or "run" for a report of one run. */
function runRole(index, runCount) {
    if (runCount === 1)
        return "run";
    if (index === 0)
        return "baseline";
    return runCount === 2 ? "candidate" : `candidate ${index}`;
}
/** How charts and columns name a run: its role and its label, else its id. */
function runName(run, index, runCount) {
    return `${runRole(index, runCount)} · ${run.label ?? run.id}`;
}
function runHeader(run, summary, index, runCount, thresholds) {
    return {
        id: run.id,
        role: runRole(index, runCount),
        ...(run.label !== undefined ? { label: run.label } : {}),
        ...(run.variant !== undefined ? { variant: run.variant } : {}),
        status: run.status,
        startedAt: run.started_at,
        ...(run.git_commit !== undefined ? { commit: run.git_commit.slice(0, 7) } : {}),
        items: report_summary_countOf(summary.total, "item"),
        passRate: summary.total === 0 ? "—" : pass_rate_headline_summaryPassRate(summary, thresholds),
    };
}
/** The runs in one table: a variant and a commit column only when some run has one. */
function runsTable(headers) {
    const variants = headers.some((header) => header.variant !== undefined);
    const commits = headers.some((header) => header.commit !== undefined);
    const header = ["", "run", "label", ...(variants ? ["variant"] : []), "status", "started", ...(commits ? ["commit"] : []), "items", "pass rate"];
    return {
        caption: "Runs",
        header,
        rows: headers.map((run) => [
            run.role,
            run.id,
            run.label ?? "",
            ...(variants ? [run.variant ?? ""] : []),
            run.status,
            startedText(run.startedAt),
            ...(commits ? [run.commit ?? ""] : []),
            run.items,
            run.passRate,
        ]),
        numeric: header.map((name) => name === "items" || name === "pass rate"),
        emphasized: [],
    };
}
/** "2026-11-25 12:03 UTC" from an ISO time in UTC; any other text as it is. */
function startedText(iso) {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
    return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}
/** The verdict of a comparison, in the words of the terminal and the PR comment. */
function comparisonVerdict(comparison, verdict) {
    const flaky = comparison.flaky_items.count;
    return {
        title: `${comparison.candidate.run_id} against baseline ${comparison.baseline.run_id}`,
        ...verdictWords(verdict),
        headline: pass_rate_headline_passRateHeadline(comparison, (0,core_gate/* passRateThresholds */.IM)(verdict)),
        counts: [
            report_summary_countOf(comparison.regressions.count, "regression"),
            report_summary_countOf(comparison.fixes.count, "fix", "fixes"),
            report_summary_countOf(comparison.errors.new_errors.count, "new error"),
            report_summary_countOf(comparison.items.shared, comparison.same_dataset ? "item" : "shared item"),
            ...(flaky > 0 ? [`${(0,stats/* formatCount */.B4)(flaky)} flaky`] : []),
        ],
    };
}
/** The verdict of a run judged alone. */
function runVerdict(run, summary, verdict) {
    return {
        title: run.id,
        ...verdictWords(verdict),
        headline: summary.total === 0 ? "pass rate: no items evaluated" : `pass rate ${pass_rate_headline_summaryPassRate(summary, (0,core_gate/* passRateThresholds */.IM)(verdict))}`,
        counts: [
            report_summary_countOf(summary.total, "item"),
            `${(0,stats/* formatCount */.B4)(summary.passed)} passed`,
            `${(0,stats/* formatCount */.B4)(summary.failed)} failed`,
            `${(0,stats/* formatCount */.B4)(summary.errored)} errored`,
            ...(summary.flaky !== undefined && summary.flaky > 0 ? [`${(0,stats/* formatCount */.B4)(summary.flaky)} flaky`] : []),
        ],
    };
}
/** As renderVerdictLines says it: a no-verdict is not a pass, and its reasons say what to do. */
function verdictWords(verdict) {
    const value = verdict.verdict;
    const meaning = value === "inconclusive" || value === "not_comparable"
        ? `No verdict, not a pass: ${verdict_words_NO_VERDICT_MEANING[value]}.${verdict.reasons.length > 0 ? " To get a verdict:" : ""}`
        : undefined;
    return { verdict: value, word: verdict_words_VERDICT_WORDS[value], ...(meaning !== undefined ? { meaning } : {}), reasons: verdict.reasons };
}
/** Per scorer over the shared items: both sides, the changes and the paired test, as the PR comment shows them. */
function comparisonScorerTable(comparison, verdict) {
    const thresholds = (0,core_gate/* passRateThresholds */.IM)(verdict);
    const alpha = comparison.statistics.alpha;
    const side = (scorer) => scorer === null ? "—" : `${(0,stats/* formatPercent */.l9)(scorer.pass_rate, { against: thresholds })} · ${(0,stats/* formatScore */.y)(scorer.mean)}`;
    return {
        caption: `Per scorer, ${comparison.candidate.run_id} against baseline ${comparison.baseline.run_id} ` +
            "(pass rate · mean score over the shared items; the paired test of the scores)",
        header: ["scorer", "baseline", "candidate", "Δ pass", "Δ mean [95% CI]", "p", "verdict"],
        rows: comparison.scorers.map((scorer) => [
            scorer.scorer,
            side(scorer.baseline),
            side(scorer.candidate),
            scorer.pass_rate_delta === null ? "—" : (0,stats/* formatDeltaPp */.Uv)(scorer.pass_rate_delta),
            scorer.statistic === null ? "—" : scorer_statistic_text_deltaWithInterval(scorer.statistic),
            scorer_statistic_text_scorerPValue(scorer.statistic, alpha),
            scorer_statistic_text_scorerVerdictText(scorer),
        ]),
        numeric: [false, true, true, true, true, true, false],
        emphasized: comparison.scorers.flatMap((scorer, index) => (scorer.statistic?.verdict === "regression" ? [index] : [])),
    };
}
/** One run's scorers: mean (± 1.96 standard errors), pass rate and errors, as `runs show` lists them. */
function report_summary_runScorerTable(run, summary, verdict) {
    const thresholds = (0,core_gate/* passRateThresholds */.IM)(verdict);
    return {
        caption: `Per scorer, run ${run.id}`,
        header: ["scorer", "mean (±95%)", "pass rate", "errors"],
        rows: summary.scorers.map((scorer) => [
            scorer.scorer,
            meanWithSpread(scorer.mean, scorer.se),
            (0,stats/* formatPercent */.l9)(scorer.pass_rate, { against: thresholds }),
            (0,stats/* formatCount */.B4)(scorer.errors),
        ]),
        numeric: [false, true, true, true],
        emphasized: [],
    };
}
/** Errors, latency, tokens and cost over the shared items, with the gate's budgets (metrics-rows.ts). */
function comparisonMetricsTable(comparison, verdict) {
    const { header, rows } = metricsTable(comparison, { errors: true, verdict });
    return {
        caption: `Errors, latency, tokens and cost over the shared items, ${comparison.candidate.run_id} against baseline ${comparison.baseline.run_id}`,
        header,
        rows,
        numeric: header.map((_, index) => index > 0),
        emphasized: [],
    };
}
/** A single run's errors, latency, tokens and cost; tokens and cost only when the target reported them. */
function runMetricsTable(run, summary) {
    const rows = [
        ["errors", (0,stats/* formatCount */.B4)(summary.errored)],
        ["latency p50", (0,stats/* formatMs */._V)(summary.latency_ms.p50)],
        ["latency p95", (0,stats/* formatMs */._V)(summary.latency_ms.p95)],
        ...(summary.tokens.total > 0 ? [["tokens", (0,stats/* formatCount */.B4)(summary.tokens.total)]] : []),
        ...(summary.cost > 0 ? [["cost", (0,stats/* formatCost */.BD)(summary.cost)]] : []),
    ];
    return { caption: `Errors, latency, tokens and cost, run ${run.id}`, header: ["", "run"], rows, numeric: [false, true], emphasized: [] };
}
function report_summary_countOf(value, one, many = `${one}s`) {
    return `${(0,stats/* formatCount */.B4)(value)} ${value === 1 ? one : many}`;
}

;// CONCATENATED MODULE: ./src/core/report/html/build-report-data.ts






/** Runs one report holds: the baseline and up to three more, as `runs compare` side by side. */
const MAX_REPORT_RUNS = 4;
/** Items the printed report (PDF) lists in full at most: flipped, errored and flaky ones first. */
const PRINT_LIMIT = 100;
const COMPARISON_FILTERS = ["regression", "fix", "error", "flaky", "failed"];
const RUN_FILTERS = ["failed", "error", "flaky"];
/**
 * Everything the page shows, as words and numbers (report-data.ts). Throws an Error for an input
 * that breaks its contract: no run, more than four, or not one comparison per run after the first.
 */
function buildReportData(input) {
    const { runs, comparisons } = input;
    if (runs.length < 1 || runs.length > MAX_REPORT_RUNS) {
        throw new Error(`an HTML report holds 1 to ${MAX_REPORT_RUNS} runs, got ${runs.length}`);
    }
    if (comparisons.length !== runs.length - 1) {
        throw new Error(`an HTML report of ${runs.length} runs needs one comparison per run after the first (${runs.length - 1}), got ${comparisons.length}`);
    }
    const summaries = runs.map(summaryOf);
    const verdicts = runs.length === 1 ? (input.verdict === undefined ? [] : [input.verdict]) : comparisons.map(({ verdict }) => verdict);
    const thresholds = [...new Set(verdicts.flatMap((verdict) => (0,core_gate/* passRateThresholds */.IM)(verdict)))];
    const names = runs.map(({ run }, index) => runName(run, index, runs.length));
    const single = runs[0];
    const experiment = single.run.experiment;
    const headers = runs.map(({ run }, index) => runHeader(run, summaries[index], index, runs.length, thresholds));
    return {
        title: `evalgate · ${experiment}`,
        experiment,
        generatedAt: input.generatedAt,
        runs: headers,
        runsTable: runsTable(headers),
        verdicts: runs.length === 1
            ? input.verdict === undefined
                ? []
                : [runVerdict(single.run, summaries[0], input.verdict)]
            : comparisons.map(({ comparison, verdict }) => comparisonVerdict(comparison, verdict)),
        notes: [...new Set(comparisons.flatMap(({ comparison }) => (comparison.dataset_note === undefined ? [] : [comparison.dataset_note])))],
        scorerTables: runs.length === 1
            ? [report_summary_runScorerTable(single.run, summaries[0], input.verdict)]
            : comparisons.map(({ comparison, verdict }) => comparisonScorerTable(comparison, verdict)),
        metricsTables: runs.length === 1
            ? [runMetricsTable(single.run, summaries[0])]
            : comparisons.map(({ comparison, verdict }) => comparisonMetricsTable(comparison, verdict)),
        annotationTables: runs.flatMap(({ annotations }, index) => annotationTable(names[index], annotations) ?? []),
        charts: reportCharts(runs.map(({ items }, index) => ({ name: names[index], summary: summaries[index], items })), thresholds),
        items: reportItems(runs),
        filters: runs.length === 1 ? RUN_FILTERS : COMPARISON_FILTERS,
        printLimit: PRINT_LIMIT,
    };
}
/** The run's stored summary; summed from its items for a run that never ended. */
function summaryOf({ run, items }) {
    if (run.summary !== undefined)
        return run.summary;
    const accumulator = createRunSummaryAccumulator();
    for (const item of items)
        accumulator.add(item);
    return accumulator.summary();
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/core/report/html/content-security-policy.ts

/**
 * The page's Content-Security-Policy: nothing may load (`default-src 'none'`: no network, no
 * frames, no fonts, no images), and only the page's own style sheet and script run, each
 * allowed by the SHA-256 of its exact text. A script an output smuggled in would not match.
 */
function contentSecurityPolicy(style, script) {
    return [
        "default-src 'none'",
        `script-src '${sha256(script)}'`,
        `style-src '${sha256(style)}'`,
        "base-uri 'none'",
        "form-action 'none'",
    ].join("; ");
}
/** "sha256-<base64>" of the UTF-8 text, as CSP hash sources are written. */
function sha256(text) {
    return `sha256-${(0,external_node_crypto_.createHash)("sha256").update(text, "utf8").digest("base64")}`;
}

;// CONCATENATED MODULE: ./src/core/report/html/embed-json.ts
/**
 * JSON text safe inside `<script type="application/json">`: `<`, `>` and `&` written as \u
 * escapes, so no value can close the element (`</script>`) or open a comment (`<!--`) that
 * the HTML parser would act on; U+2028 and U+2029 too, which some tools still read as line
 * ends. Every escape is inside a JSON string, so JSON.parse gives back the same value.
 */
function embedJson(value) {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

;// CONCATENATED MODULE: ./src/core/report/html/page/script-dom.ts
/**
 * The page script's DOM helpers. Data only ever becomes text nodes (`append` of a string is
 * `createTextNode`) or attribute values the script chose; nothing is parsed as HTML.
 */
const SCRIPT_DOM = String.raw `
var SVG_NS = "http://www.w3.org/2000/svg";

function byId(id) { return document.getElementById(id); }

function append(node, children) {
  if (children === undefined || children === null) return node;
  if (!Array.isArray(children)) children = [children];
  for (var i = 0; i < children.length; i++) {
    var child = children[i];
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function el(tag, className, children) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  return append(node, children);
}

function svgEl(tag, attributes, children) {
  var node = document.createElementNS(SVG_NS, tag);
  for (var name in attributes) node.setAttribute(name, String(attributes[name]));
  return append(node, children);
}

function count(value) { return Math.round(value).toLocaleString("en-US"); }

/** A ShownText in a <pre>, with a line saying where it was cut. */
function textBlock(shown, className) {
  var block = el("div", null, el("pre", className || null, shown.text));
  if (shown.length !== undefined) block.appendChild(cutNote(shown));
  return block;
}

function cutNote(shown) {
  return el("p", "cut", "cut at " + count(shown.text.length) + " of " + count(shown.length) + " characters");
}

function table(spec, className) {
  var node = el("table", className || null);
  if (spec.caption) node.appendChild(el("caption", null, spec.caption));
  var head = el("tr");
  spec.header.forEach(function (cell, column) {
    var th = el("th", spec.numeric[column] ? "num" : null, cell);
    th.setAttribute("scope", "col");
    head.appendChild(th);
  });
  node.appendChild(el("thead", null, head));
  var body = el("tbody");
  spec.rows.forEach(function (row, index) {
    var tr = el("tr", spec.emphasized.indexOf(index) >= 0 ? "emph" : null);
    row.forEach(function (cell, column) {
      var td = el(column === 0 ? "th" : "td", spec.numeric[column] ? "num" : null, cell);
      if (column === 0) td.setAttribute("scope", "row");
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  node.appendChild(body);
  return el("div", "table-wrap", node);
}
`;

;// CONCATENATED MODULE: ./src/core/report/html/page/script-item-detail.ts
/**
 * The page script's item detail: input and expected value, each run's output side by side with
 * the word diff against the baseline, the scores with their evidence, and the annotations.
 */
const SCRIPT_ITEM_DETAIL = String.raw `
var TAG_WORDS = { regression: "regression", fix: "fix", error: "error", flaky: "flaky", failed: "failed" };
var STATUS_MARK = { passed: "✓", failed: "✗", error: "!" };

function itemHash(id) { return "#item-" + encodeURIComponent(id); }

function statusChips(item) {
  return el("span", "chips", item.runs.map(function (cell, index) {
    var run = data.runs[index];
    var chip = el("span", "chip " + (cell === null ? "absent" : cell.status), cell === null ? "–" : STATUS_MARK[cell.status]);
    chip.setAttribute("title", run.role + ": " + (cell === null ? "no such item" : cell.status));
    return chip;
  }));
}

function tagBadges(item) {
  return item.tags.filter(function (tag) { return tag !== "failed"; }).map(function (tag) { return el("span", "tag " + tag, TAG_WORDS[tag]); });
}

function runHeading(index) {
  var run = data.runs[index];
  return run.role + " · " + (run.label || run.id);
}

/** An output as text, its diff against the baseline marked: removed words in the baseline's column when two runs are compared, added ones in each later run's (and removed ones too past two runs). */
function outputBlock(item, index) {
  var cell = item.runs[index];
  var pre = el("pre");
  var two = data.runs.length === 2;
  if (index === 0 && two && item.runs[1] && item.runs[1].diff) {
    item.runs[1].diff.forEach(function (part) {
      if (part[0] === 0) append(pre, part[1]);
      else if (part[0] === 1) pre.appendChild(el("del", "removed", part[1]));
    });
  } else if (index > 0 && cell.diff) {
    cell.diff.forEach(function (part) {
      if (part[0] === 0) append(pre, part[1]);
      else if (part[0] === 2) pre.appendChild(el("ins", "added", part[1]));
      else if (!two) pre.appendChild(el("del", "removed", part[1]));
    });
  } else {
    append(pre, cell.output.text);
  }
  var block = el("div", null, pre);
  if (cell.output.length !== undefined) block.appendChild(cutNote(cell.output));
  if (cell.diffNote) block.appendChild(el("p", "cut", cell.diffNote));
  return block;
}

function outputColumn(item, index) {
  var cell = item.runs[index];
  var column = el("section", "output");
  var heading = el("h5", null, [runHeading(index) + " — "]);
  if (cell === null) {
    heading.appendChild(el("span", "muted", "no such item in this run"));
    column.appendChild(heading);
    return column;
  }
  heading.appendChild(el("span", "status " + cell.status, cell.status));
  append(heading, " · " + cell.latency + (cell.repeats ? " · " + cell.repeats : ""));
  column.appendChild(heading);
  if (cell.output) column.appendChild(outputBlock(item, index));
  else if (!cell.error) column.appendChild(el("p", "muted", "no output"));
  if (cell.error) column.appendChild(textBlock(cell.error, "error-text"));
  return column;
}

function scoreCell(score) {
  var cell = el("td");
  if (score === undefined) { cell.appendChild(el("span", "muted", "—")); return cell; }
  cell.appendChild(el("span", "status " + (score.passed ? "passed" : "failed"), (score.passed ? "✓ passed " : "✗ failed ") + score.score));
  if (score.error) cell.appendChild(el("div", "evidence", ["scorer error: ", score.error.text]));
  if (score.reason) cell.appendChild(el("div", "evidence", score.reason.text));
  if (score.read || score.compared) {
    var more = el("details", null, el("summary", null, "what it read and compared"));
    if (score.read) { more.appendChild(el("div", "evidence muted", "read:")); more.appendChild(textBlock(score.read)); }
    if (score.compared) { more.appendChild(el("div", "evidence muted", "compared with:")); more.appendChild(textBlock(score.compared)); }
    cell.appendChild(more);
  }
  return cell;
}

function scoresTable(item) {
  var names = [];
  item.runs.forEach(function (cell) {
    if (cell) cell.scores.forEach(function (score) { if (names.indexOf(score.scorer) < 0) names.push(score.scorer); });
  });
  if (names.length === 0) return el("p", "muted", "No scores.");
  var head = el("tr", null, el("th", null, "scorer"));
  item.runs.forEach(function (cell, index) { head.appendChild(el("th", null, runHeading(index))); });
  var body = el("tbody");
  names.forEach(function (name) {
    var row = el("tr", null, el("th", null, name));
    row.firstChild.setAttribute("scope", "row");
    item.runs.forEach(function (cell) {
      var score;
      if (cell) cell.scores.forEach(function (candidate) { if (candidate.scorer === name) score = candidate; });
      row.appendChild(scoreCell(score));
    });
    body.appendChild(row);
  });
  return el("div", "table-wrap", el("table", "scores", [el("thead", null, head), body]));
}

function annotationList(item) {
  var entries = [];
  item.runs.forEach(function (cell, index) {
    if (!cell) return;
    cell.annotations.forEach(function (annotation) {
      var line = runHeading(index) + ": " + annotation.name + " = " + annotation.value;
      if (annotation.note) line += " — " + annotation.note;
      if (annotation.author) line += " (" + annotation.author + ")";
      entries.push(el("li", null, line));
    });
  });
  return entries.length === 0 ? el("p", "muted", "No annotations.") : el("ul", "annotations", entries);
}

function itemDetail(index) {
  var item = data.items[index];
  var detail = el("div", "detail");
  var link = el("a", null, "Link to this item");
  link.setAttribute("href", itemHash(item.id));
  var ids = item.runs.map(function (cell, run) { return cell ? data.runs[run].role + " run item " + cell.runItemId : null; })
    .filter(function (text) { return text !== null; });
  detail.appendChild(el("p", "muted", [link, " · " + ids.join(" · ")]));
  var pair = el("div", "pair");
  pair.appendChild(el("section", null, [el("h4", null, "Input"), item.input ? textBlock(item.input) : el("p", "muted", "none")]));
  if (item.expected) pair.appendChild(el("section", null, [el("h4", null, "Expected"), textBlock(item.expected)]));
  detail.appendChild(pair);
  detail.appendChild(el("h4", null, data.runs.length > 1 ? "Outputs (words only in the baseline are struck out, words new in a later run are marked)" : "Output"));
  detail.appendChild(el("div", "outputs", item.runs.map(function (cell, run) { return outputColumn(item, run); })));
  detail.appendChild(el("h4", null, "Scores and evidence"));
  detail.appendChild(scoresTable(item));
  detail.appendChild(el("h4", null, "Annotations"));
  detail.appendChild(annotationList(item));
  return detail;
}
`;

;// CONCATENATED MODULE: ./src/core/report/html/page/script-item-list.ts
/**
 * The page script's item list, virtualized: only the rows in view (and a few beyond) are in the
 * document, placed at fixed offsets in a spacer as tall as every row, so 10,000 items (× 4
 * runs) scroll as fast as ten. One item at a time is open; its rows below move down by its
 * measured height. Filters and the search select which items the list holds.
 */
const SCRIPT_ITEM_LIST = String.raw `
var TAG_BITS = { regression: 1, fix: 2, error: 4, flaky: 8, failed: 16 };
var FILTER_WORDS = { all: "All", regression: "Regressions", fix: "Fixes", error: "Errors", flaky: "Flaky", failed: "Failed" };
var FILTER_HELP = {
  all: "every item of every run",
  regression: "passed in the baseline, failed or errored in a later run (flaky items apart)",
  fix: "failed or errored in the baseline, passed in a later run (flaky items apart)",
  error: "the target's call failed for good in some run",
  flaky: "the item's repeats both passed and failed in some run",
  failed: "failed or errored in some run"
};
var OVERSCAN = 6;

var list = {
  masks: null, byId: null, haystacks: null, shown: null,
  filter: "all", query: "",
  rows: new Map(), open: -1, openHeight: ROW_HEIGHT, frame: 0, resize: null
};

function setUpList() {
  var items = data.items;
  list.masks = new Uint8Array(items.length);
  list.byId = new Map();
  var counts = { all: items.length, regression: 0, fix: 0, error: 0, flaky: 0, failed: 0 };
  items.forEach(function (item, index) {
    var mask = 0;
    item.tags.forEach(function (tag) { mask |= TAG_BITS[tag]; counts[tag] += 1; });
    list.masks[index] = mask;
    list.byId.set(item.id, index);
  });
  var filters = byId("filters");
  ["all"].concat(data.filters).forEach(function (name) {
    var button = el("button", null, FILTER_WORDS[name] + " (" + count(counts[name]) + ")");
    button.type = "button";
    button.setAttribute("data-filter", name);
    button.title = FILTER_HELP[name];
    button.setAttribute("aria-pressed", name === list.filter ? "true" : "false");
    button.addEventListener("click", function () { setFilter(name); });
    filters.appendChild(button);
  });
  var search = byId("search");
  var pending = 0;
  search.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { setQuery(search.value); }, 120);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(pending); setQuery(search.value); }
  });
  var scroller = byId("list");
  scroller.addEventListener("scroll", function () {
    if (list.frame) return;
    list.frame = requestAnimationFrame(function () { list.frame = 0; renderRows(); });
  });
  byId("list-spacer").addEventListener("keydown", onRowKey);
  if (typeof ResizeObserver === "function") {
    list.resize = new ResizeObserver(function () {
      var node = list.open >= 0 ? list.rows.get(list.open) : null;
      if (node && node.offsetHeight !== list.openHeight) { list.openHeight = node.offsetHeight; renderRows(); }
    });
  }
  window.addEventListener("resize", function () { renderRows(); });
  window.addEventListener("hashchange", openFromHash);
  applyFilter();
  openFromHash();
}

function setFilter(name) {
  list.filter = name;
  byId("filters").querySelectorAll("button").forEach(function (button) {
    button.setAttribute("aria-pressed", button.getAttribute("data-filter") === name ? "true" : "false");
  });
  applyFilter();
}

function setQuery(text) {
  var query = text.trim().toLowerCase();
  if (query === list.query) return;
  list.query = query;
  applyFilter();
}

function haystack(index) {
  if (list.haystacks === null) list.haystacks = new Array(data.items.length);
  var text = list.haystacks[index];
  if (text === undefined) {
    var item = data.items[index];
    var parts = [item.id, item.input ? item.input.text : "", item.expected ? item.expected.text : ""];
    item.runs.forEach(function (cell) { if (cell && cell.output) parts.push(cell.output.text); });
    text = list.haystacks[index] = parts.join("\n").toLowerCase();
  }
  return text;
}

function applyFilter() {
  var bit = list.filter === "all" ? 0 : TAG_BITS[list.filter];
  var query = list.query;
  var total = data.items.length;
  var shown = new Int32Array(total);
  var n = 0;
  for (var index = 0; index < total; index++) {
    if (bit !== 0 && (list.masks[index] & bit) === 0) continue;
    if (query !== "" && haystack(index).indexOf(query) < 0) continue;
    shown[n++] = index;
  }
  list.shown = shown.subarray(0, n);
  if (list.open >= 0 && positionOf(list.open) < 0) closeItem();
  var words = "Showing " + count(n) + " of " + count(total) + (total === 1 ? " item" : " items");
  if (list.filter !== "all") words += " · " + FILTER_WORDS[list.filter].toLowerCase();
  if (query !== "") words += " · matching “" + list.query + "”";
  byId("shown-count").textContent = words;
  byId("list-empty").hidden = n > 0;
  byId("list").scrollTop = 0;
  renderRows();
}

/** Where item 'index' is in the shown list (binary search: the list keeps item order); -1 when filtered out. */
function positionOf(index) {
  var shown = list.shown, low = 0, high = shown.length - 1;
  while (low <= high) {
    var middle = (low + high) >> 1;
    if (shown[middle] === index) return middle;
    if (shown[middle] < index) low = middle + 1; else high = middle - 1;
  }
  return -1;
}

function openPosition() { return list.open >= 0 ? positionOf(list.open) : -1; }
function extraHeight() { return openPosition() >= 0 ? list.openHeight - ROW_HEIGHT : 0; }
function offsetOf(position) {
  var open = openPosition();
  return position * ROW_HEIGHT + (open >= 0 && position > open ? list.openHeight - ROW_HEIGHT : 0);
}
function positionAt(y) {
  var open = openPosition();
  if (open < 0 || y < open * ROW_HEIGHT) return Math.floor(y / ROW_HEIGHT);
  if (y < open * ROW_HEIGHT + list.openHeight) return open;
  return Math.floor((y - (list.openHeight - ROW_HEIGHT)) / ROW_HEIGHT);
}

function renderRows() {
  var scroller = byId("list");
  var spacer = byId("list-spacer");
  var shown = list.shown;
  spacer.style.height = (shown.length * ROW_HEIGHT + extraHeight()) + "px";
  var first = 0, last = -1;
  if (shown.length > 0) {
    var top = scroller.scrollTop;
    var height = scroller.clientHeight || 600;
    first = Math.max(0, positionAt(top) - OVERSCAN);
    last = Math.min(shown.length - 1, positionAt(top + height) + OVERSCAN);
  }
  var keep = new Set();
  for (var position = first; position <= last; position++) keep.add(shown[position]);
  list.rows.forEach(function (node, index) {
    if (keep.has(index)) return;
    node.remove();
    list.rows.delete(index);
  });
  // Rows stay in the document in list order, for screen readers and Tab. Rows kept are already in
  // item order (so is every list), so only new rows are inserted and a focused row never moves.
  var previous = null;
  for (position = first; position <= last; position++) {
    var index = shown[position];
    var node = list.rows.get(index);
    if (node === undefined) { node = createRow(index); list.rows.set(index, node); }
    node.style.top = offsetOf(position) + "px";
    var next = previous === null ? spacer.firstChild : previous.nextSibling;
    if (node !== next) spacer.insertBefore(node, next);
    previous = node;
  }
}

function createRow(index) {
  var item = data.items[index];
  var head = el("button", "row-head", [
    el("span", "row-line", [statusChips(item), el("span", "row-id", item.label)].concat(tagBadges(item))),
    el("span", "row-text", item.input ? item.input.text.slice(0, 300).replace(/\s+/g, " ") : "")
  ]);
  head.type = "button";
  head.setAttribute("aria-expanded", "false");
  head.setAttribute("data-index", String(index));
  head.addEventListener("click", function () { if (list.open === index) closeItem(); else openItem(index, false); });
  var row = el("div", "row", head);
  row.setAttribute("role", "listitem");
  row.id = "row-" + index;
  if (list.open === index) addDetail(row, index);
  return row;
}

function addDetail(row, index) {
  row.classList.add("open");
  row.firstChild.setAttribute("aria-expanded", "true");
  row.appendChild(itemDetail(index));
}

function closeItem() {
  var node = list.open >= 0 ? list.rows.get(list.open) : undefined;
  if (node) {
    if (list.resize) list.resize.unobserve(node);
    node.classList.remove("open");
    node.firstChild.setAttribute("aria-expanded", "false");
    if (node.lastChild !== node.firstChild) node.removeChild(node.lastChild);
  }
  list.open = -1;
  list.openHeight = ROW_HEIGHT;
  renderRows();
}

/** Opens item 'index' below its row; with 'toTop', scrolls the list so its row is first. */
function openItem(index, toTop) {
  if (list.open >= 0) closeItem();
  var position = positionOf(index);
  if (position < 0) return;
  list.open = index;
  list.openHeight = ROW_HEIGHT;
  var scroller = byId("list");
  if (toTop) scroller.scrollTop = position * ROW_HEIGHT;
  renderRows();
  var node = list.rows.get(index);
  if (!node) return;
  addDetail(node, index);
  list.openHeight = node.offsetHeight;
  if (list.resize) list.resize.observe(node);
  if (toTop) scroller.scrollTop = offsetOf(position);
  renderRows();
}
`;

;// CONCATENATED MODULE: ./src/core/report/html/page/script-item-navigation.ts
/**
 * The page script's ways to an item: arrow keys, Home, End and Page keys between rows (the list
 * scrolls so the focused row is in view), and #item-<id> links that open an item wherever it is.
 */
const SCRIPT_ITEM_NAVIGATION = String.raw `
function focusPosition(position) {
  var shown = list.shown;
  if (shown.length === 0) return;
  position = Math.max(0, Math.min(shown.length - 1, position));
  var scroller = byId("list");
  var top = offsetOf(position);
  if (top < scroller.scrollTop) scroller.scrollTop = top;
  else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
  renderRows();
  var node = list.rows.get(shown[position]);
  if (node) node.firstChild.focus();
}

function onRowKey(event) {
  var target = event.target;
  if (!target.classList || !target.classList.contains("row-head")) return;
  var position = positionOf(Number(target.getAttribute("data-index")));
  var moves = { ArrowDown: position + 1, ArrowUp: position - 1, Home: 0, End: list.shown.length - 1,
    PageDown: position + 10, PageUp: position - 10 };
  if (!(event.key in moves)) return;
  event.preventDefault();
  focusPosition(moves[event.key]);
}

/** #item-<id>: shows every item again if a filter hid it, opens it and scrolls it into view. */
function openFromHash() {
  var hash = location.hash;
  if (hash.indexOf("#item-") !== 0) return;
  var id;
  try { id = decodeURIComponent(hash.slice(6)); } catch (error) { return; }
  var index = list.byId.get(id);
  if (index === undefined) return;
  if (positionOf(index) < 0) {
    byId("search").value = "";
    list.query = "";
    setFilter("all");
  }
  if (list.open !== index) openItem(index, true);
  else byId("list").scrollTop = offsetOf(positionOf(index));
  byId("items").scrollIntoView();
  var node = list.rows.get(index);
  if (node) node.firstChild.focus({ preventScroll: true });
}
`;

;// CONCATENATED MODULE: ./src/core/report/html/page/script-print.ts
/**
 * The page script's printed list: a virtualized list prints as blank pages, so for print (and
 * the PDF) the items a reviewer must look at are laid out in full instead, up to a limit.
 */
const SCRIPT_PRINT = String.raw `
var printed = false;

function needsLook(item) {
  var tags = data.runs.length > 1 ? ["regression", "fix", "error", "flaky"] : ["failed", "flaky"];
  return item.tags.some(function (tag) { return tags.indexOf(tag) >= 0; });
}

function renderPrintItems() {
  if (printed) return;
  printed = true;
  var section = byId("print-items");
  var chosen = [];
  var total = 0;
  data.items.forEach(function (item, index) {
    if (!needsLook(item)) return;
    total += 1;
    if (chosen.length < data.printLimit) chosen.push(index);
  });
  var what = data.runs.length > 1 ? "regressions, fixes, errors and flaky items" : "failed, errored and flaky items";
  section.appendChild(el("h2", null, "Items to look at"));
  section.appendChild(el("p", "muted", total === 0
    ? "No " + what + "."
    : "The " + what + ": " + count(chosen.length) + " of " + count(total) +
      (total > chosen.length ? " shown; the HTML report lists every item." : ".")));
  chosen.forEach(function (index) {
    var item = data.items[index];
    section.appendChild(el("article", "print-item", [
      el("h3", null, [statusChips(item), " ", item.label, " "].concat(tagBadges(item))),
      itemDetail(index)
    ]));
  });
}
`;

;// CONCATENATED MODULE: ./src/core/report/html/page/script-summary.ts
/** The page script's summary: verdicts, runs, notes, tables and the charts (inline SVG). */
const SCRIPT_SUMMARY = String.raw `
function renderSummary() {
  document.title = data.title;
  byId("title").textContent = data.title;
  byId("generated").textContent = "Generated " + data.generatedAt + " · " + data.runs.length + (data.runs.length === 1 ? " run" : " runs");
  byId("footer-time").textContent = data.generatedAt;

  var verdicts = byId("verdicts");
  if (data.verdicts.length === 0) verdicts.appendChild(el("p", "muted", "No gate verdict was given for this report."));
  data.verdicts.forEach(function (verdict) {
    var card = el("section", "verdict " + verdict.verdict, [
      el("h3", null, verdict.title),
      el("p", "verdict-word", verdict.word),
      el("p", null, verdict.headline),
      el("p", "muted", verdict.counts.join(" · "))
    ]);
    if (verdict.meaning) card.appendChild(el("p", null, verdict.meaning));
    if (verdict.reasons.length > 0) {
      card.appendChild(el("ul", null, verdict.reasons.map(function (reason) { return el("li", null, reason); })));
    }
    verdicts.appendChild(card);
  });

  var notes = byId("notes");
  data.notes.forEach(function (note) { notes.appendChild(el("p", "note", note)); });

  byId("runs").appendChild(table(data.runsTable, "runs"));

  var scorers = byId("scorer-tables");
  data.scorerTables.forEach(function (spec) {
    scorers.appendChild(spec.rows.length > 0 ? table(spec) : el("p", "muted", spec.caption + ": no scorers."));
  });
  var metrics = byId("metrics-tables");
  data.metricsTables.forEach(function (spec) { metrics.appendChild(table(spec)); });
  var annotations = byId("annotation-tables");
  if (data.annotationTables.length === 0) annotations.appendChild(el("p", "muted", "No run in this report has annotations."));
  data.annotationTables.forEach(function (spec) { annotations.appendChild(table(spec)); });

  renderPassRateChart(byId("pass-rate-chart"));
  renderLatencyCharts(byId("latency-charts"));
}

function legend() {
  return el("ul", "legend", data.charts.passRate.runs.map(function (run, index) {
    return el("li", null, [el("span", "swatch s" + index), run.name]);
  }));
}

function renderPassRateChart(container) {
  var chart = data.charts.passRate;
  var runCount = chart.runs.length;
  var bar = 16, gap = 22, left = 44, top = 12, plot = 160, bottom = 78;
  var groupWidth = runCount * bar + gap;
  var width = Math.max(320, left + chart.groups.length * groupWidth + 8);
  var height = top + plot + bottom;
  var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
    "aria-label": "Pass rate per scorer and run" });
  svg.appendChild(svgEl("title", {}, "Pass rate per scorer and run"));
  [0, 25, 50, 75, 100].forEach(function (tick) {
    var y = top + plot - (tick / 100) * plot;
    svg.appendChild(svgEl("line", { x1: left, x2: width - 4, y1: y, y2: y, "class": tick === 0 ? "axis" : "grid" }));
    svg.appendChild(svgEl("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, tick + "%"));
  });
  chart.groups.forEach(function (group, groupIndex) {
    var x0 = left + gap / 2 + groupIndex * groupWidth;
    chart.runs.forEach(function (run, runIndex) {
      var rate = run.rates[groupIndex];
      if (rate === null) return;
      var h = Math.max(rate * plot, rate > 0 ? 1 : 0);
      var rect = svgEl("rect", { x: x0 + runIndex * bar, y: top + plot - h, width: bar - 2, height: h, "class": "s" + runIndex });
      rect.appendChild(svgEl("title", {}, group + " · " + run.name + ": " + run.labels[groupIndex]));
      svg.appendChild(rect);
    });
    var label = group.length > 22 ? group.slice(0, 21) + "…" : group;
    var cx = x0 + (runCount * bar) / 2;
    var text = svgEl("text", { x: cx, y: top + plot + 14, "text-anchor": "end", transform: "rotate(-35 " + cx + " " + (top + plot + 14) + ")" }, label);
    text.appendChild(svgEl("title", {}, group));
    svg.appendChild(text);
  });
  container.appendChild(legend());
  container.appendChild(el("div", "chart", svg));
}

function renderLatencyCharts(container) {
  var histogram = data.charts.latency;
  var bins = histogram.runs.length > 0 ? histogram.runs[0].counts.length : 0;
  var most = 1;
  histogram.runs.forEach(function (run) { run.counts.forEach(function (value) { most = Math.max(most, value); }); });
  histogram.runs.forEach(function (run, runIndex) {
    var left = 40, top = 8, plot = 110, width = 300, bottom = 34;
    var barWidth = (width - left - 8) / bins;
    var svg = svgEl("svg", { width: "100%", height: top + plot + bottom, viewBox: "0 0 " + width + " " + (top + plot + bottom),
      preserveAspectRatio: "xMinYMin meet", role: "img", "aria-label": "Latency histogram, " + run.name });
    svg.appendChild(svgEl("title", {}, "Latency histogram, " + run.name));
    svg.appendChild(svgEl("line", { x1: left, x2: width - 4, y1: top + plot, y2: top + plot, "class": "axis" }));
    svg.appendChild(svgEl("text", { x: left - 6, y: top + 10, "text-anchor": "end" }, count(most)));
    svg.appendChild(svgEl("text", { x: left - 6, y: top + plot, "text-anchor": "end" }, "0"));
    run.counts.forEach(function (value, bin) {
      var h = (value / most) * plot;
      if (value > 0) h = Math.max(h, 1);
      var from = bin * histogram.binMs;
      var range = bin === bins - 1 ? "≥ " + count(from) + " ms" : count(from) + "–" + count(from + histogram.binMs) + " ms";
      var rect = svgEl("rect", { x: left + bin * barWidth, y: top + plot - h, width: Math.max(1, barWidth - 1), height: h, "class": "s" + runIndex });
      rect.appendChild(svgEl("title", {}, range + ": " + count(value) + (value === 1 ? " call" : " calls")));
      svg.appendChild(rect);
    });
    [0, Math.floor(bins / 2), bins - 1].forEach(function (bin, index, all) {
      if (index > 0 && bin === all[index - 1]) return;
      var x = left + bin * barWidth;
      var label = (bin === bins - 1 && bins > 1 ? "≥ " : "") + count(bin * histogram.binMs) + " ms";
      svg.appendChild(svgEl("text", { x: x, y: top + plot + 16, "text-anchor": index === 0 ? "start" : "middle" }, label));
    });
    container.appendChild(el("figure", "chart", [
      svg,
      el("figcaption", "muted", run.name + " · " + count(run.calls) + (run.calls === 1 ? " call" : " calls") + " · p50 " + run.p50 + " · p95 " + run.p95)
    ]));
  });
}
`;

;// CONCATENATED MODULE: ./src/core/report/html/page/report-style.ts
/** Height of one collapsed item row in px: the list's script positions rows by it (virtualization). */
const ROW_HEIGHT = 56;
/**
 * The page's one style sheet, allowed by its hash in the Content-Security-Policy. Colours follow
 * the system (prefers-color-scheme); print is always light. System fonts only: nothing is loaded.
 */
const REPORT_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa; --hover: #eef1f4;
  --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --neutral: #59636e; --accent: #0969da;
  --added: #dafbe1; --removed: #ffebe9; --emph: #fff8c5;
  --s0: #0969da; --s1: #bc4c00; --s2: #8250df; --s3: #1a7f37;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23; --hover: #1f2630;
    --pass: #3fb950; --fail: #f85149; --error: #d29922; --neutral: #9198a1; --accent: #4493f8;
    --added: #1b4721; --removed: #5c1f1f; --emph: #3b2e05;
    --s0: #4493f8; --s1: #f0883e; --s2: #ab7df8; --s3: #3fb950;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif; }
main, .page-header, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
.page-header { padding-top: 20px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1rem; margin: 0 0 6px; overflow-wrap: anywhere; }
h4 { font-size: .95rem; margin: 14px 0 6px; }
p { margin: 6px 0; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.note { border-left: 3px solid var(--error); padding: 4px 10px; background: var(--panel); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.verdicts { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
.verdict { border: 1px solid var(--border); border-left: 6px solid var(--neutral); border-radius: 6px; padding: 12px 14px; background: var(--panel); }
.verdict.pass { border-left-color: var(--pass); }
.verdict.fail { border-left-color: var(--fail); }
.verdict.inconclusive, .verdict.not_comparable { border-left-color: var(--error); }
.verdict-word { font-size: 1.6rem; font-weight: 700; letter-spacing: .02em; margin: 2px 0; }
.verdict.pass .verdict-word { color: var(--pass); }
.verdict.fail .verdict-word { color: var(--fail); }
.verdict.inconclusive .verdict-word, .verdict.not_comparable .verdict-word { color: var(--error); }
.verdict ul { margin: 6px 0 0; padding-left: 20px; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: .9rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.runs td, table.runs th { white-space: nowrap; }
table.runs td:nth-child(3) { white-space: normal; min-width: 8em; overflow-wrap: anywhere; }
tr.emph > * { background: var(--emph); font-weight: 600; }
.charts { display: grid; gap: 16px; grid-template-columns: 1fr; }
.chart { overflow-x: auto; }
.chart svg { display: block; max-width: none; }
.chart text { fill: var(--fg); font-size: 11px; font-family: inherit; }
.chart .axis { stroke: var(--border); }
.chart .grid { stroke: var(--border); stroke-dasharray: 2 3; }
.histograms { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 4px 0; font-size: .9rem; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.s0 { fill: var(--s0); background: var(--s0); } .s1 { fill: var(--s1); background: var(--s1); }
.s2 { fill: var(--s2); background: var(--s2); } .s3 { fill: var(--s3); background: var(--s3); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.filters { display: flex; flex-wrap: wrap; gap: 6px; }
.filters button { font: inherit; font-size: .9rem; padding: 4px 10px; border: 1px solid var(--border); border-radius: 999px; background: var(--bg); color: var(--fg); cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #ffffff; }
.search { flex: 1 1 220px; min-width: 0; font: inherit; padding: 5px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); }
.shown-count { margin: 4px 0; font-size: .9rem; }
.list { position: relative; height: min(70vh, 760px); overflow-y: auto; border: 1px solid var(--border); border-radius: 6px; contain: strict; }
.list-spacer { position: relative; width: 100%; }
.row { position: absolute; left: 0; right: 0; border-bottom: 1px solid var(--border); background: var(--bg); }
.row-head { display: block; width: 100%; height: ${ROW_HEIGHT}px; padding: 6px 10px; border: 0; background: transparent; color: inherit; font: inherit; text-align: left; cursor: pointer; overflow: hidden; }
.row-head:hover { background: var(--hover); }
.row.open > .row-head { background: var(--panel); }
.row-line { display: flex; align-items: center; gap: 8px; white-space: nowrap; overflow: hidden; height: 22px; }
.row-id { font-family: var(--mono); font-size: .9rem; font-weight: 600; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.row-text { display: block; color: var(--muted); font-size: .85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; height: 20px; margin-top: 2px; }
.chips { display: inline-flex; gap: 3px; flex: none; }
.chip { display: inline-block; min-width: 20px; padding: 0 4px; border-radius: 4px; font-size: .75rem; font-weight: 700; text-align: center; color: #ffffff; line-height: 18px; }
.chip.passed { background: var(--pass); } .chip.failed { background: var(--fail); } .chip.error { background: var(--error); }
.chip.absent { background: transparent; color: var(--muted); border: 1px dashed var(--border); line-height: 16px; }
.tag { flex: none; font-size: .75rem; padding: 0 6px; border-radius: 999px; border: 1px solid var(--border); line-height: 18px; }
.tag.regression { border-color: var(--fail); color: var(--fail); } .tag.fix { border-color: var(--pass); color: var(--pass); }
.tag.error, .tag.flaky { border-color: var(--error); color: var(--error); }
.detail { padding: 8px 12px 14px; border-top: 1px solid var(--border); }
.detail h4:first-child { margin-top: 4px; }
.pair { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
.outputs { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); }
.output h5 { margin: 0 0 4px; font-size: .85rem; overflow-wrap: anywhere; }
pre { margin: 0; padding: 8px; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; font: .82rem/1.45 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 24em; overflow: auto; }
pre.error-text { border-color: var(--error); }
ins.added { background: var(--added); text-decoration: none; }
del.removed { background: var(--removed); text-decoration: line-through; }
.cut { font-size: .8rem; color: var(--muted); margin: 2px 0 0; }
.status { font-weight: 600; }
.status.passed { color: var(--pass); } .status.failed { color: var(--fail); } .status.error { color: var(--error); }
table.scores { width: 100%; }
table.scores td { min-width: 180px; }
.evidence { font-size: .85rem; margin-top: 2px; overflow-wrap: anywhere; white-space: pre-wrap; }
details summary { cursor: pointer; font-size: .85rem; color: var(--muted); }
.annotations { margin: 0; padding-left: 20px; font-size: .9rem; overflow-wrap: anywhere; }
figure { margin: 0; }
.print-only { display: none; }
.print-item { break-inside: avoid-page; border: 1px solid var(--border); border-radius: 6px; margin: 10px 0; }
.print-item > h3 { margin: 0; padding: 6px 10px; background: var(--panel); }
footer { margin-top: 28px; padding-bottom: 24px; font-size: .85rem; color: var(--muted); }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main, .page-header, footer { padding: 0 10px; }
  .verdicts { grid-template-columns: 1fr; }
}
@media print {
  :root {
    color-scheme: light;
    --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
    --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --accent: #0969da; --added: #dafbe1; --removed: #ffebe9; --emph: #fff8c5;
    --s0: #0969da; --s1: #bc4c00; --s2: #8250df; --s3: #1a7f37;
  }
  body { font-size: 11pt; }
  .screen-only { display: none !important; }
  .print-only { display: block; }
  pre { max-height: none; overflow: visible; }
  .table-wrap { overflow: visible; }
  table.runs td, table.runs th, td.num, th.num { white-space: normal; }
  .chart { overflow: visible; }
  h2 { break-after: avoid-page; }
}
`;

;// CONCATENATED MODULE: ./src/core/report/html/page/report-script.ts







/** The id of the `<script type="application/json">` block the page script reads its data from. */
const DATA_ELEMENT_ID = "report-data";
/**
 * The page's one script, allowed by its hash in the Content-Security-Policy. It reads the
 * embedded JSON, draws the report with text nodes only, and marks `<html data-ready="true">`
 * when the first screen is drawn (what the PDF printer and the tests wait for).
 */
const REPORT_SCRIPT = [
    "(function () {",
    '"use strict";',
    `var ROW_HEIGHT = ${ROW_HEIGHT};`,
    `var data = JSON.parse(document.getElementById(${JSON.stringify(DATA_ELEMENT_ID)}).textContent);`,
    SCRIPT_DOM,
    SCRIPT_SUMMARY,
    SCRIPT_ITEM_DETAIL,
    SCRIPT_ITEM_LIST,
    SCRIPT_ITEM_NAVIGATION,
    SCRIPT_PRINT,
    "renderSummary();",
    "setUpList();",
    'if (window.matchMedia("print").matches) renderPrintItems();',
    'window.addEventListener("beforeprint", renderPrintItems);',
    'document.documentElement.setAttribute("data-ready", "true");',
    "})();",
].join("\n");

;// CONCATENATED MODULE: ./src/core/report/html/page/report-skeleton.ts
/**
 * The page's markup before its script runs: empty sections with the ids the script fills. It
 * holds no data at all, so nothing a run stored is ever parsed as HTML.
 */
const REPORT_SKELETON = `<header class="page-header">
<h1 id="title">evalgate report</h1>
<p class="muted" id="generated"></p>
</header>
<main>
<noscript><p class="note">This report draws itself with its own script: open it in a browser with JavaScript on.</p></noscript>
<section aria-labelledby="h-verdict">
<h2 id="h-verdict">Verdict</h2>
<div id="verdicts" class="verdicts"></div>
<div id="notes"></div>
<div id="runs"></div>
</section>
<section aria-labelledby="h-scorers">
<h2 id="h-scorers">Scorers and metrics</h2>
<div id="scorer-tables"></div>
<div id="metrics-tables"></div>
</section>
<section aria-labelledby="h-charts">
<h2 id="h-charts">Charts</h2>
<h3>Pass rate per scorer</h3>
<div id="pass-rate-chart"></div>
<h3>Latency of the calls that answered</h3>
<div id="latency-charts" class="histograms"></div>
</section>
<section aria-labelledby="h-annotations">
<h2 id="h-annotations">Annotations</h2>
<div id="annotation-tables"></div>
</section>
<section id="items" class="screen-only" aria-labelledby="h-items">
<h2 id="h-items">Items</h2>
<div class="toolbar">
<div id="filters" class="filters" role="group" aria-label="Show items"></div>
<input id="search" class="search" type="search" placeholder="Search by item id, input or output" aria-label="Search items by id, input or output" autocomplete="off" spellcheck="false">
</div>
<p id="shown-count" class="shown-count" role="status" aria-live="polite"></p>
<p class="muted shown-count">Select an item to see its outputs side by side, its scores and evidence; ↑ ↓ move between items.</p>
<div id="list" class="list" role="region" aria-label="Items" tabindex="0">
<div id="list-spacer" class="list-spacer" role="list"></div>
</div>
<p id="list-empty" class="muted" hidden>No item matches.</p>
</section>
<section id="print-items" class="print-only"></section>
</main>
<footer>Generated by evalgate at <span id="footer-time"></span>. This file is self-contained: it loads nothing and runs only its own script.</footer>`;

;// CONCATENATED MODULE: ./src/core/report/html/render-html-report.ts







/**
 * One self-contained HTML page for a run or a comparison of up to four runs: verdicts, scorer
 * tables, charts and every item, with filters and search. It loads nothing (a strict
 * Content-Security-Policy allows only its own style and script, by hash), and the data travels
 * as JSON its script draws with text nodes only, so no output can run or load anything.
 * Pure and deterministic: the same input gives the same bytes. Throws an Error for an input
 * that breaks the HtmlReportInput contract.
 */
function renderHtmlReport(input) {
    const data = buildReportData(input);
    const policy = contentSecurityPolicy(REPORT_STYLE, REPORT_SCRIPT);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXmlAttribute(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>evalgate report</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${REPORT_SKELETON}
<script type="application/json" id="${DATA_ELEMENT_ID}">${embedJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./src/engine/print-pdf.ts




/** Debian's Chromium (`apt-get install chromium`): the browser evalgate prints with unless told otherwise. */
const DEFAULT_CHROMIUM = "/usr/bin/chromium";
/** How long a report may take to draw itself before printing: a 10,000-item page needs a few seconds. */
const READY_TIMEOUT_MS = 120_000;
/** The Chromium to launch: `EVALGATE_CHROMIUM` when set, else Debian's. */
function chromiumPath(env) {
    const chosen = env.EVALGATE_CHROMIUM?.trim();
    return chosen !== undefined && chosen !== "" ? chosen : DEFAULT_CHROMIUM;
}
/**
 * Throws UserError (exit 2) when no runnable file is at `executablePath`, saying how to install
 * Chromium: evalgate never downloads a browser.
 */
async function requireChromium(executablePath) {
    try {
        await (0,promises_.access)(executablePath, external_node_fs_.constants.X_OK);
    }
    catch {
        throw new core_errors/* UserError */.yo(`--pdf prints with Chromium, and there is no runnable Chromium at ${executablePath}: install it ` +
            "(Debian or Ubuntu: apt-get install -y chromium) or set EVALGATE_CHROMIUM to a Chromium or Chrome binary");
    }
}
/**
 * Launches headless Chromium at `executablePath` through playwright-core, never a browser of
 * Playwright's own. As root Chromium refuses its sandbox, so it runs without (the page it opens
 * is our own report, whose policy lets it load nothing). Throws UserError when the browser is
 * missing or does not start.
 */
async function launchChromium(executablePath) {
    await requireChromium(executablePath);
    const { chromium } = await loadPlaywright();
    try {
        return await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ["--no-sandbox"] : [] });
    }
    catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new core_errors/* UserError */.yo(`Chromium at ${executablePath} did not start (${reason}); set EVALGATE_CHROMIUM to another Chromium or Chrome binary`);
    }
}
/**
 * playwright-core, loaded only for --pdf: it is large, most commands never need it, and the
 * bundled CLI keeps it outside the bundle (it reads its own package files at run time), so an
 * installation may lack it. Throws UserError saying how to add it.
 */
async function loadPlaywright() {
    try {
        // webpackIgnore keeps this import lazy in the bundle: ncc otherwise hoists an external's dynamic
        // import to a static one, and every command loaded playwright-core at start-up (+0.07 s CPU,
        // +11 MB peak RSS for `evalgate --version`).
        return await import(/* webpackIgnore: true */ "playwright-core");
    }
    catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new core_errors/* UserError */.yo(`--pdf drives Chromium with the playwright-core package, which could not be loaded (${reason}); install it: npm install playwright-core`);
    }
}
/**
 * Prints the HTML report at `htmlFile` to `pdfFile` (A4, backgrounds on), as the page's print
 * style lays it out: summary, charts, and the items to look at in full. The page is opened from
 * its file with every other request refused. The caller writes `pdfFile` beside its target and
 * renames it (cli/write-output-file.ts), so a failure leaves no half-written file.
 */
async function printPdf(htmlFile, pdfFile, options) {
    const browser = await launchChromium(options.executablePath);
    try {
        const context = await browser.newContext();
        await context.route(/^(?!file:)/, (route) => route.abort());
        const page = await context.newPage();
        await page.emulateMedia({ media: "print", colorScheme: "light" });
        await page.goto((0,external_node_url_.pathToFileURL)(htmlFile).href, { waitUntil: "load" });
        await page.waitForSelector("html[data-ready=true]", { state: "attached", timeout: READY_TIMEOUT_MS });
        const pdf = await page.pdf({ format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
        await (0,promises_.writeFile)(pdfFile, pdf);
    }
    finally {
        await browser.close();
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(88532);
;// CONCATENATED MODULE: ./src/core/config/scorer-ref-schema.ts

/** The roots a `when` path may start from: the item's own fields (the output is not known yet). */
const WHEN_ROOTS = ["id", "input", "expected", "metadata"];
/** A `when` key is a dot path into the item; `metadata` alone would compare the whole object. */
function whenKeyProblem(key) {
    const segments = key.split(".");
    const [root] = segments;
    if (!WHEN_ROOTS.includes(root)) {
        // `kind: tool` most likely means the metadata field.
        const example = segments.at(-1) || "kind";
        return `"${key}" is not a dot path into the item; start it with input, expected, metadata or id (e.g. metadata.${example})`;
    }
    if (segments.some((segment) => segment === ""))
        return `"${key}" has an empty segment; write a dot path such as metadata.kind`;
    if (root === "metadata" && segments.length === 1)
        return "name a metadata field, e.g. metadata.kind";
    if (root === "id" && segments.length > 1)
        return "the item's id has no fields; write id: <the id>";
    return undefined;
}
function whenValueProblem(value) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
        return undefined;
    return "compare one field with one value (a text, a number, true, false or null); for a nested field write its dot path, e.g. metadata.kind: tool";
}
/**
 * `when: { metadata.kind: tool }`: the scorer runs only on items whose value at every path equals
 * the given scalar (by the scalar rule of scorers/scalar-equality.ts, so a CSV cell "3" equals 3).
 * Objects and lists are refused: a nested `when: { metadata: { kind: tool } }` would silently
 * demand the whole metadata object be exactly that.
 */
const ScorerWhenSchema = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())
    .superRefine((when, context) => {
    const keys = Object.keys(when);
    if (keys.length === 0)
        context.addIssue({ code: "custom", message: "name at least one field, e.g. { metadata.kind: tool }" });
    for (const key of keys) {
        const problem = whenValueProblem(when[key]) ?? whenKeyProblem(key);
        if (problem !== undefined)
            context.addIssue({ code: "custom", path: [key], message: problem });
    }
})
    .transform((when) => when);
const SCORER_REF_KEYS = ["name", "label", "config", "not", "weight", "threshold", "when", "severity"];
/** `json_valid` or `{ name: tool_called, config: { tool: search_orders }, label: …, not: true, weight: 2, threshold: 0.8, when: … }`. */
const ScorerRefSchema = schemas/* union */.KCZ([
    schemas/* string */.YjP().min(1),
    schemas/* strictObject */.rej({
        name: schemas/* string */.YjP().min(1),
        label: schemas/* string */.YjP().min(1).optional(),
        config: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).default({}),
        not: schemas/* boolean */.zMY({ error: "write not: true to negate the scorer" }).optional(),
        weight: schemas/* number */.aig({ error: "a weight is a number ≥ 0, e.g. weight: 2" }).min(0).optional(),
        threshold: schemas/* number */.aig({ error: "a threshold is a score between 0 and 1, e.g. threshold: 0.8" }).min(0).max(1).optional(),
        when: ScorerWhenSchema.optional(),
        severity: schemas/* enum */.k5n(["normal", "critical"], { error: "write severity: critical (or normal, the default)" }).optional(),
    }),
])
    .transform((ref) => {
    if (typeof ref === "string")
        return { name: ref, label: ref, config: {} };
    const normalized = { name: ref.name, label: ref.label ?? ref.name, config: ref.config };
    if (ref.not === true)
        normalized.not = true;
    if (ref.weight !== undefined && ref.weight !== 1)
        normalized.weight = ref.weight;
    if (ref.threshold !== undefined)
        normalized.threshold = ref.threshold;
    if (ref.when !== undefined)
        normalized.when = ref.when;
    if (ref.severity === "critical")
        normalized.severity = "critical";
    return normalized;
});
/** The item threshold of `pass_rule: weighted` when `item_threshold` is not written. */
const DEFAULT_ITEM_THRESHOLD = 0.5;
const RATE_RULE = /^rate\s*(?:>=|≥)\s*(\d+(?:\.\d+)?|\.\d+)$/;
const PASS_RULE_HINT = "write all (every scorer passes in every repeat), weighted (the weighted mean score reaches item_threshold), " +
    "majority or any (of an item's repeats), or rate >= 0.8 (the fraction of repeats that must pass)";
const PassRuleSchema = schemas/* string */.YjP({ error: PASS_RULE_HINT })
    .transform((text, context) => {
    const rule = text.trim();
    if (rule === "all" || rule === "weighted" || rule === "majority" || rule === "any")
        return rule;
    const rate = RATE_RULE.exec(rule);
    const fraction = rate ? Number(rate[1]) : Number.NaN;
    if (rate && fraction > 0 && fraction <= 1)
        return { rate: fraction };
    context.addIssue({
        code: "custom",
        message: rate ? `the rate in ${rule} is a fraction above 0 and at most 1, e.g. rate >= 0.8` : PASS_RULE_HINT,
    });
    return core/* NEVER */.tm;
});

;// CONCATENATED MODULE: ./src/core/config/experiment-version.ts



/**
 * What identifies an experiment version: everything that changes how items are run and judged.
 * Built from the parsed config (defaults applied) before `${NAME}` interpolation, so no secret
 * ever lands in a stored run; the description and the dataset path are left out (the dataset is
 * identified by its own version).
 */
function experimentDefinition(config) {
    return {
        target: config.target,
        scorers: config.scorers,
        gate: config.gate,
        concurrency: config.concurrency,
        retries: config.retries,
        max_error_rate: config.max_error_rate,
        // Defaults are left out, so experiments written before these keys keep their version.
        ...(config.pass_rule === "all"
            ? {}
            : {
                pass_rule: config.pass_rule,
                ...(config.pass_rule === "weighted" ? { item_threshold: config.item_threshold ?? DEFAULT_ITEM_THRESHOLD } : {}),
            }),
        ...(config.repeat !== undefined && config.repeat > 1 ? { repeat: config.repeat } : {}),
        ...(config.cluster !== undefined ? { cluster: config.cluster } : {}),
        ...(config.inference_steps !== undefined ? { inference_steps: config.inference_steps } : {}),
        ...(config.variants !== undefined ? { variants: config.variants } : {}),
    };
}
/** Key order does not matter: the hash is over canonical JSON. */
function experimentVersion(definition) {
    return (0,canonical/* contentHash */.Ae)(definition, 12);
}
/** The keys of a definition that decide an item's status: the scorers and how they combine. */
const JUDGING_KEYS = ["scorers", "pass_rule", "item_threshold", "repeat"];
/**
 * Whether two stored definitions judge items alike. Runs whose definitions differ only in the
 * target (the prompt or deployment under test), the gate, the settings or the variants compare
 * item for item; runs judged by other scorers or another pass rule do not: a changed verdict
 * could come from the rules rather than the change (the baseline is `not_comparable`).
 * Undefined definitions (a store without the version) never judge alike.
 */
function judgesAlike(a, b) {
    if (a === undefined || b === undefined)
        return false;
    return (0,canonical/* canonicalJson */.dj)(judgingPart(a)) === (0,canonical/* canonicalJson */.dj)(judgingPart(b));
}
function judgingPart(definition) {
    const record = (definition ?? {});
    return Object.fromEntries(JUDGING_KEYS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
}
/** Keys the engine adds to a definition beside the config's own: digests of files it reads. */
const FILE_DIGEST_KEYS = ["scorer_files", "prompt_files"];
/**
 * The experiment config a stored definition was made from, to run that version again
 * (`evalgate run EXP --experiment-version V`): the definition's keys with `dataset` (not part of
 * a version) from the current config. A definition holds the parsed config (durations in ms,
 * defaults applied), so it is taken as such, not parsed as written YAML; the caller checks that
 * the experiment comes out at the same version, which proves nothing was lost. Files the
 * definition only knows by digest (module scorers, prompt files) are read from disk again.
 *
 * Throws UserError naming the version when the definition is not an experiment's.
 */
function experimentFromDefinition(definition, dataset, version) {
    const fields = { ...definition };
    if (typeof fields["target"] !== "object" || !Array.isArray(fields["scorers"])) {
        throw new core_errors/* UserError */.yo(`experiment version ${version}: its stored definition has no target and scorers this evalgate can run`);
    }
    for (const key of FILE_DIGEST_KEYS)
        delete fields[key];
    return { ...fields, dataset };
}
/** The digests of files a definition depends on, by file as a message names it ("./judge.mjs (scorer module)"), to say which changed. */
function fileDigestsOf(definition) {
    const digests = new Map();
    for (const key of FILE_DIGEST_KEYS) {
        const files = definition?.[key];
        if (files === null || typeof files !== "object")
            continue;
        const kind = key === "scorer_files" ? "scorer module" : "prompt file";
        for (const [file, digest] of Object.entries(files))
            digests.set(`${file} (${kind})`, String(digest));
    }
    return digests;
}

;// CONCATENATED MODULE: ./src/core/baseline-fitness.ts




/**
 * Why a baseline cannot serve for this candidate, one phrase each; empty when it can. The
 * problems are the baseline's alone (a candidate's own problem is a `fail`, never "not
 * comparable"): not complete (every candidate item would look like a fix), no items, errors
 * above `max_error_rate`, items judged by other scorers or another pass rule (a flip could come
 * from the rules, not the change), or more than `baseline_max_age` commits old.
 */
function baselineProblems(input) {
    const { baseline, candidate, gate } = input;
    const problems = [];
    if (!isCompleteRun(baseline)) {
        const status = baseline.status === "running" ? "still running, or its process was interrupted" : baseline.status;
        problems.push(`it is not complete (${status}); resume it or store a complete baseline`);
    }
    const summary = baseline.summary;
    if (input.baselineItems === 0)
        problems.push("it holds no item");
    else if (summary !== undefined && (0,core_gate/* exceedsErrorBudget */.XL)(summary, input.maxErrorRate)) {
        problems.push(`${(0,stats/* formatCount */.B4)(summary.errored)} of ${(0,stats/* formatCount */.B4)(summary.total)} of its items errored, ` +
            `above max_error_rate ${(0,stats/* formatThreshold */.B6)(input.maxErrorRate)}; refresh the baseline`);
    }
    if (baseline.experiment_version !== candidate.experiment_version && !judgesAlike(input.baselineDefinition, input.candidateDefinition)) {
        problems.push(`it was judged by another experiment version (${baseline.experiment_version}, the candidate's is ` +
            `${candidate.experiment_version}) with other scorers, another pass rule or another repeat count; refresh the baseline with this configuration`);
    }
    const age = input.baselineAgeCommits;
    if (gate.baseline_max_age !== undefined && age !== undefined && age > gate.baseline_max_age) {
        problems.push(`it is ${(0,stats/* formatCount */.B4)(age)} commits older than the candidate's base, above baseline_max_age ${(0,stats/* formatCount */.B4)(gate.baseline_max_age)}; refresh the baseline`);
    }
    return problems;
}

// EXTERNAL MODULE: ./src/core/gate-comparison.ts
var gate_comparison = __webpack_require__(24092);
// EXTERNAL MODULE: ./src/core/statistics/change-verdict.ts
var change_verdict = __webpack_require__(53347);
// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-binomial-cdf/lib/index.js
var stats_base_dists_binomial_cdf_lib = __webpack_require__(36794);
var stats_base_dists_binomial_cdf_lib_default = /*#__PURE__*/__webpack_require__.n(stats_base_dists_binomial_cdf_lib);
// EXTERNAL MODULE: ./node_modules/@stdlib/stats-base-dists-t-cdf/lib/index.js
var stats_base_dists_t_cdf_lib = __webpack_require__(86021);
var stats_base_dists_t_cdf_lib_default = /*#__PURE__*/__webpack_require__.n(stats_base_dists_t_cdf_lib);
;// CONCATENATED MODULE: ./src/core/statistics/paired-tests.ts


/**
 * McNemar's exact test (McNemar 1947; exact binomial form) on the discordant pairs of two runs over
 * the same items: two-sided p = min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, 1/2).
 * b = regressions (pass→fail), c = fixes. b + c = 0 → 1. Example: b = 10, c = 2 → 79/2048 ≈ 0.03857.
 * Exact rather than χ² because eval changes often flip a handful of items, where χ² is too eager.
 * Throws RangeError unless b and c are non-negative integers.
 */
function mcnemarExactP(b, c) {
    if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0)) {
        throw new RangeError(`McNemar's test counts pairs: b and c are non-negative integers, got ${b} and ${c}`);
    }
    if (b + c === 0)
        return 1;
    return Math.min(1, 2 * stats_base_dists_binomial_cdf_lib_default()(Math.min(b, c), b + c, 0.5));
}
/**
 * Two-sided p of a paired t-test on a MeanEstimate of per-item differences (candidate − baseline):
 * 2·(1 − T_df(|mean| / se)), computed as 2·T_df(−|mean| / se) so a tiny p does not round to 0.
 * n < 2 or df < 1 → 1 (no spread to test against). se = 0 → 1 when mean = 0, else 0 (every pair
 * moved by the same amount).
 */
function pairedTTestP(estimate) {
    if (estimate.n < 2 || !(estimate.df >= 1))
        return 1;
    if (estimate.se === 0)
        return estimate.mean === 0 ? 1 : 0;
    return Math.min(1, 2 * stats_base_dists_t_cdf_lib_default()(-Math.abs(estimate.mean) / estimate.se, estimate.df));
}

;// CONCATENATED MODULE: ./src/core/statistics/mde.ts



const POWER = 0.8;
/**
 * Smallest |candidate − baseline| pass-rate change (fraction 0..1) that n paired items detect with
 * 80 % power at two-sided level alpha, from the observed discordant pairs b + c (Miller 2024 §power
 * analysis; Connor 1987 for paired proportions, dropping the Δ² term, which only errs large):
 * (z_{1−α/2} + z_{0.8}) · sqrt(max(b + c, 1) / n) / sqrt(n) — at least one discordant pair is
 * assumed, so an unchanged run does not claim to detect any change. Never below k_min / n, where
 * k_min is the fewest discordant pairs (all one way) for which mcnemarExactP(k, 0) < alpha (6 at
 * α = 0.05): the exact test cannot do better. Capped at 1. n = 0 → 1.
 * Throws RangeError unless 0 ≤ discordant ≤ n and 0 < alpha < 1.
 */
function passRateMde(n, discordant, alpha) {
    checkAlpha(alpha);
    if (!(Number.isFinite(n) && discordant >= 0 && discordant <= n)) {
        throw new RangeError(`discordant pairs lie between 0 and n, got ${discordant} of ${n}`);
    }
    if (n === 0)
        return 1;
    const spread = Math.sqrt(Math.max(discordant, 1) / n) / Math.sqrt(n);
    const approximate = (zQuantile(1 - alpha / 2) + zQuantile(POWER)) * spread;
    return Math.min(1, Math.max(approximate, fewestSignificantFlips(alpha) / n));
}
/**
 * Smallest mean change a paired t-test on this estimate (of per-item differences) detects with
 * 80 % power at two-sided level alpha: (t_{df, 1−α/2} + z_{0.8}) · se.
 * se = 0 (every difference was the same, usually 0) cannot measure the spread, so `resolution`
 * (default 1/n) stands in for the SE, as passRateMde assumes one discordant pair.
 * n < 2 or df < 1 (one cluster) → Infinity: no spread, no test.
 */
function meanMde(estimate, alpha, options = {}) {
    checkAlpha(alpha);
    if (estimate.n < 2 || !(estimate.df >= 1))
        return Infinity;
    const se = estimate.se > 0 ? estimate.se : (options.resolution ?? 1 / estimate.n);
    return (stats_base_dists_t_quantile_lib_default()(1 - alpha / 2, estimate.df) + zQuantile(POWER)) * se;
}
function zQuantile(level) {
    return lib_default()(level, 0, 1);
}
function checkAlpha(alpha) {
    if (!(alpha > 0 && alpha < 1))
        throw new RangeError(`a significance level lies strictly between 0 and 1, got ${alpha}`);
}
/** The fewest discordant pairs, all one way, that McNemar's exact test calls significant at alpha. */
function fewestSignificantFlips(alpha) {
    let flips = 1;
    // p(k, 0) = 2^(1−k) halves with each pair, so this ends within log2(2/alpha) + 1 steps.
    while (mcnemarExactP(flips, 0) >= alpha)
        flips += 1;
    return flips;
}

// EXTERNAL MODULE: ./node_modules/@stdlib/stats-binomial-test/lib/index.js
var stats_binomial_test_lib = __webpack_require__(76925);
var stats_binomial_test_lib_default = /*#__PURE__*/__webpack_require__.n(stats_binomial_test_lib);
;// CONCATENATED MODULE: ./src/core/statistics/paired-rate-interval.ts


/**
 * The 95 % interval of a paired pass-rate change Δ = (fixes − regressions) / n (a fraction):
 * the union of two standard intervals, so it is never narrower than either.
 * - Newcombe's hybrid score interval for paired proportions (Newcombe 1998, Stat Med 17:2635,
 *   method 10: Wilson intervals of both rates combined with their correlation φ), which accounts
 *   for how often pairs differ;
 * - the exact conditional interval that agrees with McNemar's exact test: given the b + c
 *   discordant pairs, the Clopper–Pearson interval [θ₁, θ₂] of the share of fixes (as
 *   `binomialTest` computes it) mapped to Δ = (b + c)/n · (2θ − 1).
 * Because the second excludes 0 exactly when the exact test rejects at 5 %, the union excludes 0
 * only then: a shown interval never calls a change that the p-value calls noise. n = 0 → [−1, 1].
 */
function pairedRateInterval(table) {
    const { regressions: b, fixes: c, n } = table;
    if (n === 0)
        return [-1, 1];
    const newcombe = newcombeInterval(table);
    if (b + c === 0)
        return newcombe;
    const [low, high] = stats_binomial_test_lib_default()(c, b + c, { p: 0.5, alpha: 1 - CONFIDENCE }).ci;
    const share = (b + c) / n;
    return [Math.max(-1, Math.min(newcombe[0], share * (2 * low - 1))), Math.min(1, Math.max(newcombe[1], share * (2 * high - 1)))];
}
function newcombeInterval({ bothPassed: a, regressions: b, fixes: c, n }) {
    const d = n - a - b - c;
    const before = (a + b) / n;
    const after = (a + c) / n;
    const [beforeLow, beforeHigh] = wilsonInterval(a + b, n);
    const [afterLow, afterHigh] = wilsonInterval(a + c, n);
    const product = (a + b) * (c + d) * (a + c) * (b + d);
    const phi = product === 0 ? 0 : (a * d - b * c) / Math.sqrt(product);
    const delta = after - before;
    const lower = Math.sqrt(Math.max(0, (after - afterLow) ** 2 - 2 * phi * (after - afterLow) * (beforeHigh - before) + (beforeHigh - before) ** 2));
    const upper = Math.sqrt(Math.max(0, (afterHigh - after) ** 2 - 2 * phi * (afterHigh - after) * (before - beforeLow) + (before - beforeLow) ** 2));
    return [delta - lower, delta + upper];
}

;// CONCATENATED MODULE: ./src/core/paired-comparison.ts







/**
 * Paired statistics of a candidate against a baseline, streamed pair by pair in memory O(scorers
 * × clusters). Pass/fail, and scorers whose scores are all 0 or 1: McNemar's exact test on the
 * discordant pairs, with Newcombe's paired interval widened to agree with it (statistics/paired-rate-interval.ts).
 * Other scores: a paired t-test on the per-item differences. With `cluster`, every test is the
 * paired t-test on clustered standard errors: McNemar assumes independent pairs (Miller 2024,
 * arXiv 2411.00640, §2.2 and §3).
 */
function createPairedComparison(options) {
    const clustered = options.cluster !== undefined;
    const tally = () => ({ differences: createMeanAccumulator({ clustered }), worse: 0, better: 0, bothHigh: 0, binary: true });
    const overall = tally();
    const scorers = new Map();
    return {
        add(baseline, candidate) {
            const cluster = options.cluster === undefined ? undefined : clusterKey(candidate, options.cluster);
            addPair(overall, baseline.status === "passed" ? 1 : 0, candidate.status === "passed" ? 1 : 0, cluster);
            const byScorer = baseline.scores.length > SCAN_LIMIT ? new Map(baseline.scores.map((score) => [score.scorer, score])) : undefined;
            for (const after of candidate.scores) {
                const score = byScorer !== undefined ? byScorer.get(after.scorer) : lastScoreOf(baseline.scores, after.scorer);
                // A scorer error counts as the score it recorded (0, not passed), as in the run's summary,
                // so the paired delta is the change of the means the tables show.
                if (score === undefined)
                    continue;
                let scorer = scorers.get(after.scorer);
                if (scorer === undefined) {
                    scorer = tally();
                    scorers.set(after.scorer, scorer);
                }
                addPair(scorer, score.score, after.score, cluster);
            }
        },
        overall: () => statisticOf(overall, options.alpha, clustered),
        scorer(name) {
            const scorer = scorers.get(name);
            return scorer === undefined ? null : statisticOf(scorer, options.alpha, clustered);
        },
    };
}
/**
 * Up to this many scores per item, a baseline score is found by a scan, not a Map built per pair:
 * items have a handful of scores, and building a Map for each of 100,000 pairs took ~20 of ~135 ms
 * of compareRuns' compute (issue 13). Past it, the scan's k² steps would cost more.
 */
const SCAN_LIMIT = 12;
/** The baseline's score of a scorer, the last one when a label repeats (as the Map keeps it). */
function lastScoreOf(scores, scorer) {
    for (let index = scores.length - 1; index >= 0; index--) {
        if (scores[index].scorer === scorer)
            return scores[index];
    }
    return undefined;
}
function addPair(tally, before, after, cluster) {
    tally.differences.add(after - before, cluster);
    if (after < before)
        tally.worse += 1;
    else if (after > before)
        tally.better += 1;
    else if (after === 1)
        tally.bothHigh += 1;
    if (!isBinary(before) || !isBinary(after))
        tally.binary = false;
}
function isBinary(value) {
    return value === 0 || value === 1;
}
function statisticOf(tally, alpha, clustered) {
    const estimate = tally.differences.estimate();
    const { n, mean: delta } = estimate;
    const exact = tally.binary && !clustered;
    const pValue = exact ? mcnemarExactP(tally.worse, tally.better) : pairedTTestP(estimate);
    return {
        n,
        delta,
        ci95: exact
            ? pairedRateInterval({ bothPassed: tally.bothHigh, regressions: tally.worse, fixes: tally.better, n })
            : meanInterval(estimate, { bounds: [-1, 1] }),
        p_value: pValue,
        // Infinity (n < 2) is stored as 1: no change a score or rate can make is detectable.
        mde: Math.min(1, exact ? passRateMde(n, tally.worse + tally.better, alpha) : meanMde(estimate, alpha)),
        test: exact ? "mcnemar_exact" : clustered ? "clustered_paired_t" : "paired_t",
        discordant: { worse: tally.worse, better: tally.better },
        verdict: (0,change_verdict/* classifyChange */.F)({ changed: tally.worse + tally.better > 0, delta, pValue, alpha }),
    };
}

;// CONCATENATED MODULE: ./src/core/ordered-item-cursor.ts

/**
 * Walks a stream of run items and refuses one that is not strictly ordered by item_id: a
 * merge-join over an unordered stream would silently report shared items as one-sided (or as
 * differing across runs).
 */
function orderedItemCursor(items, name) {
    return orderedCursor(items, name, "item_id", (item) => item.item_id);
}
/**
 * The same for any stream keyed by an id (dataset items by `id`): refuses a key at or below the
 * one before it, in code point order (`compareItemIds`). `key` names the field in the message.
 */
function orderedCursor(items, name, key, idOf) {
    const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
    let previous;
    let done = false;
    const accept = (step) => {
        if (step.done === true) {
            done = true;
            return undefined;
        }
        const id = idOf(step.value);
        if (previous !== undefined && (0,item_id_order/* compareItemIds */.D)(previous, id) >= 0) {
            throw new Error(`${name}: items must come ordered by ${key} without repeats, but "${id}" came after "${previous}"`);
        }
        previous = id;
        return step.value;
    };
    return {
        // Not an async function: one promise per item instead of two, ~12 of ~145 ms of compareRuns'
        // compute over two 100,000-item async streams (issue 13, `runs compare`).
        next() {
            if (done)
                return Promise.resolve(undefined);
            const step = iterator.next();
            try {
                return isPromiseLike(step) ? Promise.resolve(step).then(accept) : Promise.resolve(accept(step));
            }
            catch (error) {
                return Promise.reject(error);
            }
        },
        async close() {
            if (!done) {
                done = true;
                await iterator.return?.();
            }
        },
    };
}
function isPromiseLike(value) {
    return typeof value.then === "function";
}

;// CONCATENATED MODULE: ./src/core/model/run-item.ts

const ToolCallSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP(),
    arguments: schemas/* unknown */.L5J().optional(),
});
/** One meaning for every provider's shape: see `normalizeUsage` (core/normalize-usage.ts). */
const UsageSchema = schemas/* object */.Ikc({
    /** Every input token, cached ones included. */
    input_tokens: schemas/* number */.aig().nonnegative().optional(),
    output_tokens: schemas/* number */.aig().nonnegative().optional(),
    total_tokens: schemas/* number */.aig().nonnegative().optional(),
    /** The part of input_tokens read from the provider's prompt cache. */
    cached_input_tokens: schemas/* number */.aig().nonnegative().optional(),
    /** The part of input_tokens written to the prompt cache (Anthropic bills it apart). */
    cache_creation_input_tokens: schemas/* number */.aig().nonnegative().optional(),
});
/** What one call of a target produced (after retries). */
const TargetResultSchema = schemas/* object */.Ikc({
    output: schemas/* unknown */.L5J().optional(),
    latency_ms: schemas/* number */.aig().nonnegative(),
    /** Calls made for this item: 1 + retries. */
    attempts: schemas/* number */.aig().int().positive(),
    tool_calls: schemas/* array */.YOg(ToolCallSchema).optional(),
    usage: UsageSchema.optional(),
    cost: schemas/* number */.aig().nonnegative().optional(),
    /** The model that answered (as a prompt target asked for it, or as the response names it): prices the call. */
    model: schemas/* string */.YjP().optional(),
    /** Set when the call failed for good; the item is then an error, not a failure. */
    error: schemas/* string */.YjP().optional(),
});
/** Evidence: what a scorer read, what it compared it with, and why it decided. */
const EvidenceSchema = schemas/* object */.Ikc({
    read: schemas/* unknown */.L5J().optional(),
    compared: schemas/* unknown */.L5J().optional(),
    reason: schemas/* string */.YjP(),
});
const ScoreSchema = schemas/* object */.Ikc({
    /** Stable id a user can type: `evalgate scores evidence <id>`. */
    id: schemas/* string */.YjP(),
    /** The scorer's label in the experiment (its name unless the config gave a label). */
    scorer: schemas/* string */.YjP(),
    score: schemas/* number */.aig().min(0).max(1),
    passed: schemas/* boolean */.zMY(),
    evidence: EvidenceSchema,
    /** Set when the scorer threw: the scorer errored, the run did not crash. */
    error: schemas/* string */.YjP().optional(),
    /** Tokens the scorer itself spent (a judge's call), counted apart from the target's. */
    usage: UsageSchema.optional(),
    /** What the scorer's own calls cost. */
    cost: schemas/* number */.aig().nonnegative().optional(),
});
const RunItemStatusSchema = schemas/* enum */.k5n(["passed", "failed", "error"]);
/** What one call of the target (after its retries) and its scoring left: shared by run items and their attempts. */
const CallOutcomeSchema = schemas/* object */.Ikc({
    status: RunItemStatusSchema,
    output: schemas/* unknown */.L5J().optional(),
    latency_ms: schemas/* number */.aig().nonnegative(),
    /** Calls made: 1 + retries (summed over the attempts of a repeated item). */
    attempts: schemas/* number */.aig().int().nonnegative(),
    tool_calls: schemas/* array */.YOg(ToolCallSchema).optional(),
    usage: UsageSchema.optional(),
    cost: schemas/* number */.aig().nonnegative().optional(),
    error: schemas/* string */.YjP().optional(),
    scores: schemas/* array */.YOg(ScoreSchema),
    finished_at: schemas/* string */.YjP(),
});
/**
 * One call of the target for an item and its scores, when the experiment repeats items
 * (`repeat: K`). Stored inside its run item as soon as it finishes, so a killed run keeps it.
 */
const RepeatAttemptSchema = CallOutcomeSchema.extend({
    /** 0-based, < K. */
    repeat: schemas/* number */.aig().int().nonnegative(),
});
/**
 * One dataset item's result in one run: stored as soon as it finishes. With repeats, its own
 * fields sum up the attempts (core/repeats/): `status` by the pass rule, `scores` one per scorer
 * over the attempts, `usage` and `cost` summed, `output` that of an attempt with the item's status.
 */
const RunItemSchema = CallOutcomeSchema.extend({
    /** Stable id a user can type: `--run-item-id`. */
    id: schemas/* string */.YjP(),
    run_id: schemas/* string */.YjP(),
    item_id: schemas/* string */.YjP(),
    input: schemas/* unknown */.L5J(),
    expected: schemas/* unknown */.L5J().optional(),
    metadata: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    /** Every attempt so far by repeat index, when the run repeats items; fewer than K while it runs. */
    repeats: schemas/* array */.YOg(RepeatAttemptSchema).optional(),
});

;// CONCATENATED MODULE: ./src/core/comparison.ts



/** Which run a side of the comparison is. */
const ComparedRunSchema = schemas/* object */.Ikc({
    run_id: schemas/* string */.YjP(),
    experiment: schemas/* string */.YjP(),
    label: schemas/* string */.YjP().optional(),
    experiment_version: schemas/* string */.YjP(),
    dataset_version: schemas/* string */.YjP(),
});
/** Item ids, the list capped so a huge run keeps the comparison small; `count` is exact. */
const IdListSchema = schemas/* object */.Ikc({
    count: schemas/* number */.aig().int().nonnegative(),
    ids: schemas/* array */.YOg(schemas/* string */.YjP()),
});
const ScorerSideSchema = schemas/* object */.Ikc({
    count: schemas/* number */.aig().int().nonnegative(),
    mean: schemas/* number */.aig(),
    /** Standard error of `mean` (CLT, or clustered); absent when the side's summary has none. */
    se: schemas/* number */.aig().nonnegative().optional(),
    pass_rate: schemas/* number */.aig(),
    errors: schemas/* number */.aig().int().nonnegative(),
});
/** What a paired test says of a change: see core/statistics/change-verdict.ts. */
const ChangeVerdictSchema = schemas/* enum */.k5n(["regression", "improvement", "noise", "unchanged"]);
/**
 * A paired comparison of baseline and candidate over the items both scored (Miller 2024, arXiv
 * 2411.00640: inference on paired per-question differences). `delta` is candidate − baseline, a
 * fraction for pass rates, score units for scorer means; higher is better.
 */
const PairedStatisticSchema = schemas/* object */.Ikc({
    /** Pairs compared: shared items both sides scored. */
    n: schemas/* number */.aig().int().nonnegative(),
    delta: schemas/* number */.aig(),
    /** 95 % interval of delta (t interval on the paired differences, clustered when configured). */
    ci95: schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* number */.aig()]),
    /** Two-sided p of `test`; 1 when nothing differs. */
    p_value: schemas/* number */.aig().min(0).max(1),
    /** Smallest |delta| these pairs detect with 80 % power at the comparison's alpha. */
    mde: schemas/* number */.aig().nonnegative(),
    /**
     * `mcnemar_exact`: McNemar's exact test on discordant pass/fail pairs (scores all 0 or 1);
     * `paired_t`: a paired t-test on the differences; `clustered_paired_t` with clustered SEs.
     */
    test: schemas/* enum */.k5n(["mcnemar_exact", "paired_t", "clustered_paired_t"]),
    /** Pairs that moved down (b) and up (c): for pass/fail, regressions and fixes, flaky items included. */
    discordant: schemas/* object */.Ikc({ worse: schemas/* number */.aig().int().nonnegative(), better: schemas/* number */.aig().int().nonnegative() }),
    verdict: ChangeVerdictSchema,
});
/** One scorer over the shared items; a scorer present on one side only has null on the other. */
const ScorerComparisonSchema = schemas/* object */.Ikc({
    scorer: schemas/* string */.YjP(),
    baseline: ScorerSideSchema.nullable(),
    candidate: ScorerSideSchema.nullable(),
    mean_delta: schemas/* number */.aig().nullable(),
    pass_rate_delta: schemas/* number */.aig().nullable(),
    /** Set for a scorer the experiment marks `severity: critical`. */
    severity: schemas/* literal */.euz("critical").optional(),
    /** The paired test of this scorer's scores; null when a side lacks the scorer or no pair was scored on both. */
    statistic: PairedStatisticSchema.nullable(),
});
const ScoreSnapshotSchema = schemas/* object */.Ikc({ score: schemas/* number */.aig(), passed: schemas/* boolean */.zMY() });
const ChangedScorerSchema = schemas/* object */.Ikc({
    scorer: schemas/* string */.YjP(),
    baseline: ScoreSnapshotSchema.nullable(),
    candidate: ScoreSnapshotSchema.nullable(),
    /** The candidate's evidence reason (or its scorer error), else the baseline's. */
    reason: schemas/* string */.YjP(),
});
/**
 * An item whose status moved between pass and not-pass: a regression, a fix, or — when its
 * repeats both passed and failed in either run — a flaky flip, which is neither.
 */
const FlippedItemSchema = schemas/* object */.Ikc({
    item_id: schemas/* string */.YjP(),
    /** The candidate's run item: what `--run-item-id` takes. */
    run_item_id: schemas/* string */.YjP(),
    baseline_status: RunItemStatusSchema,
    candidate_status: RunItemStatusSchema,
    input: schemas/* unknown */.L5J(),
    expected: schemas/* unknown */.L5J().optional(),
    baseline_output: schemas/* unknown */.L5J(),
    candidate_output: schemas/* unknown */.L5J(),
    /** Scorers whose score or pass changed, or that scored on one side only. */
    changed_scorers: schemas/* array */.YOg(ChangedScorerSchema),
    candidate_error: schemas/* string */.YjP().optional(),
    /** Passed/total repeats per side, when the runs repeat items. */
    baseline_repeats: schemas/* object */.Ikc({ passed: schemas/* number */.aig().int(), count: schemas/* number */.aig().int() }).optional(),
    candidate_repeats: schemas/* object */.Ikc({ passed: schemas/* number */.aig().int(), count: schemas/* number */.aig().int() }).optional(),
});
/** Flipped items, the list capped; `count` is always exact. */
const FlippedListSchema = schemas/* object */.Ikc({
    count: schemas/* number */.aig().int().nonnegative(),
    items: schemas/* array */.YOg(FlippedItemSchema),
});
const MetricDeltaSchema = schemas/* object */.Ikc({
    baseline: schemas/* number */.aig(),
    candidate: schemas/* number */.aig(),
    /** candidate − baseline. */
    delta: schemas/* number */.aig(),
});
/**
 * A metric (cost, tokens) over the shared items that answered on both sides: summed over the pairs
 * where both report it, with the pairs where only one side does. What a budget is judged on
 * (core/gate-budgets.ts): a value one side did not report is unknown, never 0.
 */
const MeasuredSumSchema = schemas/* object */.Ikc({
    /** Pairs where both sides report the metric: `baseline` and `candidate` sum over these. */
    pairs: schemas/* number */.aig().int().nonnegative(),
    baseline: schemas/* number */.aig(),
    candidate: schemas/* number */.aig(),
    only_baseline: schemas/* number */.aig().int().nonnegative(),
    only_candidate: schemas/* number */.aig().int().nonnegative(),
});
/**
 * A candidate run against a baseline run. Every metric is over the items both runs share, so
 * a dataset that gained or lost items does not move the numbers by itself.
 */
const ComparisonSchema = schemas/* object */.Ikc({
    baseline: ComparedRunSchema,
    candidate: ComparedRunSchema,
    same_dataset: schemas/* boolean */.zMY(),
    /** Set when the dataset versions differ. */
    dataset_note: schemas/* string */.YjP().optional(),
    items: schemas/* object */.Ikc({
        shared: schemas/* number */.aig().int().nonnegative(),
        only_baseline: IdListSchema,
        only_candidate: IdListSchema,
    }),
    pass_rate: MetricDeltaSchema,
    /**
     * The paired test of pass/fail over the shared items (McNemar's exact test, or a clustered
     * paired t-test with `cluster`), and what it used: `alpha` labels verdicts (the gate's
     * `significance`, else 0.05), `cluster` the experiment's key.
     */
    statistics: schemas/* object */.Ikc({
        alpha: schemas/* number */.aig(),
        cluster: schemas/* string */.YjP().optional(),
        overall: PairedStatisticSchema,
    }),
    scorers: schemas/* array */.YOg(ScorerComparisonSchema),
    /** passed in the baseline → failed or error in the candidate; flaky items apart. */
    regressions: FlippedListSchema,
    /** failed or error in the baseline → passed in the candidate; flaky items apart. */
    fixes: FlippedListSchema,
    /** Flips of items flaky in either run: reported apart, never as a regression or a fix. */
    flaky: FlippedListSchema,
    /** Shared items flaky (repeats both passed and failed) in the baseline, the candidate or both. */
    flaky_items: IdListSchema,
    errors: schemas/* object */.Ikc({
        baseline: schemas/* number */.aig().int().nonnegative(),
        candidate: schemas/* number */.aig().int().nonnegative(),
        /** Shared items that errored in the candidate but not in the baseline. */
        new_errors: IdListSchema,
    }),
    latency_ms: schemas/* object */.Ikc({ p50: MetricDeltaSchema, p95: MetricDeltaSchema, mean: MetricDeltaSchema }),
    tokens: schemas/* object */.Ikc({ input: MetricDeltaSchema, output: MetricDeltaSchema, total: MetricDeltaSchema }),
    cost: MetricDeltaSchema,
    /** Cost and total tokens over the pairs both sides report them for: what budgets read. */
    measured: schemas/* object */.Ikc({ cost: MeasuredSumSchema, tokens: MeasuredSumSchema }),
    /** Both runs summarized over the shared items only. */
    shared_summaries: schemas/* object */.Ikc({ baseline: RunSummarySchema, candidate: RunSummarySchema }),
});

;// CONCATENATED MODULE: ./src/core/compare-runs.ts









const DEFAULT_MAX_LISTED_IDS = 1000;
const DEFAULT_MAX_FLIPPED_ITEMS = 500;
/**
 * Compares a candidate run with a baseline by a streaming merge-join over both item streams,
 * so memory holds numbers and the capped lists, never either run. Metrics cover shared items,
 * and every difference comes with its paired test (core/paired-comparison.ts). A flip of an item
 * flaky in either run is listed as flaky, never as a regression or a fix.
 */
async function compareRuns(baseline, candidate, options = {}) {
    const maxIds = options.maxListedIds ?? DEFAULT_MAX_LISTED_IDS;
    const maxFlipped = options.maxFlippedItems ?? DEFAULT_MAX_FLIPPED_ITEMS;
    const onlyBaseline = cappedIds(maxIds);
    const onlyCandidate = cappedIds(maxIds);
    const newErrors = cappedIds(maxIds);
    const regressions = cappedFlipped(maxFlipped);
    const fixes = cappedFlipped(maxFlipped);
    const flaky = cappedFlipped(maxFlipped);
    const flakyItems = cappedIds(maxIds);
    const alpha = options.alpha ?? gate_comparison/* DEFAULT_ALPHA */.p;
    const cluster = options.cluster !== undefined ? { cluster: options.cluster } : {};
    const paired = createPairedComparison({ alpha, ...cluster });
    const measuredCost = createMeasuredSum((item) => item.cost);
    const measuredTokens = createMeasuredSum(totalTokens);
    const baselineShared = createRunSummaryAccumulator(cluster);
    const candidateShared = createRunSummaryAccumulator(cluster);
    let shared = 0;
    const before = orderedItemCursor(baseline.items, `baseline run ${baseline.run.id}`);
    const after = orderedItemCursor(candidate.items, `candidate run ${candidate.run.id}`);
    try {
        let left = await before.next();
        let right = await after.next();
        while (left !== undefined || right !== undefined) {
            const order = left === undefined ? 1 : right === undefined ? -1 : (0,item_id_order/* compareItemIds */.D)(left.item_id, right.item_id);
            if (order < 0 && left !== undefined) {
                onlyBaseline.add(left.item_id);
                left = await before.next();
            }
            else if (order > 0 && right !== undefined) {
                onlyCandidate.add(right.item_id);
                right = await after.next();
            }
            else if (left !== undefined && right !== undefined) {
                shared += 1;
                baselineShared.add(left);
                candidateShared.add(right);
                paired.add(left, right);
                if (left.status !== "error" && right.status !== "error") {
                    measuredCost.add(left, right);
                    measuredTokens.add(left, right);
                }
                const flakyItem = isFlaky(left) || isFlaky(right);
                if (flakyItem)
                    flakyItems.add(right.item_id);
                const kind = flipKind(left, right);
                if (kind !== undefined && flakyItem)
                    flaky.add(left, right);
                else if (kind === "regression")
                    regressions.add(left, right);
                else if (kind === "fix")
                    fixes.add(left, right);
                if (right.status === "error" && left.status !== "error")
                    newErrors.add(right.item_id);
                left = await before.next();
                right = await after.next();
            }
        }
    }
    finally {
        await Promise.all([before.close(), after.close()]);
    }
    const baselineSummary = baselineShared.summary();
    const candidateSummary = candidateShared.summary();
    const sameDataset = baseline.run.dataset_version === candidate.run.dataset_version;
    const note = datasetNote(baseline.run, candidate.run, shared);
    return {
        baseline: comparedRun(baseline.run),
        candidate: comparedRun(candidate.run),
        same_dataset: sameDataset,
        ...(note !== undefined ? { dataset_note: note } : {}),
        items: { shared, only_baseline: onlyBaseline.list(), only_candidate: onlyCandidate.list() },
        pass_rate: delta(baselineSummary.pass_rate, candidateSummary.pass_rate),
        statistics: { alpha, ...cluster, overall: paired.overall() },
        scorers: compareScorers(baselineSummary.scorers, candidateSummary.scorers, paired, options.critical),
        regressions: regressions.list(),
        fixes: fixes.list(),
        flaky: flaky.list(),
        flaky_items: flakyItems.list(),
        errors: {
            baseline: baselineSummary.errored,
            candidate: candidateSummary.errored,
            new_errors: newErrors.list(),
        },
        latency_ms: {
            p50: delta(baselineSummary.latency_ms.p50, candidateSummary.latency_ms.p50),
            p95: delta(baselineSummary.latency_ms.p95, candidateSummary.latency_ms.p95),
            mean: delta(baselineSummary.latency_ms.mean, candidateSummary.latency_ms.mean),
        },
        tokens: tokenDeltas(baselineSummary, candidateSummary),
        cost: delta(baselineSummary.cost, candidateSummary.cost),
        measured: { cost: measuredCost.sum(), tokens: measuredTokens.sum() },
        shared_summaries: { baseline: baselineSummary, candidate: candidateSummary },
    };
}
/** A run item's total tokens as the target reported them; undefined when it reported no usage. */
function totalTokens(item) {
    const usage = item.usage;
    if (usage === undefined)
        return undefined;
    if (usage.total_tokens !== undefined)
        return usage.total_tokens;
    if (usage.input_tokens === undefined && usage.output_tokens === undefined)
        return undefined;
    return (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0);
}
function createMeasuredSum(read) {
    const sum = { pairs: 0, baseline: 0, candidate: 0, only_baseline: 0, only_candidate: 0 };
    return {
        add(baseline, candidate) {
            const before = read(baseline);
            const after = read(candidate);
            if (before !== undefined && after !== undefined) {
                sum.pairs += 1;
                sum.baseline += before;
                sum.candidate += after;
            }
            else if (before !== undefined)
                sum.only_baseline += 1;
            else if (after !== undefined)
                sum.only_candidate += 1;
        },
        sum: () => ({ ...sum }),
    };
}
function comparedRun(run) {
    return {
        run_id: run.id,
        experiment: run.experiment,
        ...(run.label !== undefined ? { label: run.label } : {}),
        experiment_version: run.experiment_version,
        dataset_version: run.dataset_version,
    };
}
/** Why the runs' item sets may differ (another dataset version, a sampled or sharded run), if they may. */
function datasetNote(baseline, candidate, shared) {
    const reasons = [
        ...(baseline.dataset_version !== candidate.dataset_version
            ? [`the dataset versions differ (baseline ${baseline.dataset_version}, candidate ${candidate.dataset_version})`]
            : []),
        ...(baseline.selection !== undefined || candidate.selection !== undefined
            ? [`a run covers part of the dataset (baseline ${selectionText(baseline)}, candidate ${selectionText(candidate)})`]
            : []),
    ];
    if (reasons.length === 0)
        return undefined;
    return `${reasons.join("; ")}: the comparison covers the ${shared} item ids both runs share`;
}
function selectionText(run) {
    return run.selection !== undefined ? describeSelection(run.selection) : "all items";
}
function delta(baseline, candidate) {
    return { baseline, candidate, delta: candidate - baseline };
}
function tokenDeltas(baseline, candidate) {
    return {
        input: delta(baseline.tokens.input, candidate.tokens.input),
        output: delta(baseline.tokens.output, candidate.tokens.output),
        total: delta(baseline.tokens.total, candidate.tokens.total),
    };
}
/** Baseline's scorers in order, then scorers only the candidate has. */
function compareScorers(baseline, candidate, paired, critical) {
    const candidateByName = new Map(candidate.map((summary) => [summary.scorer, summary]));
    const names = [...new Set([...baseline, ...candidate].map((summary) => summary.scorer))];
    const baselineByName = new Map(baseline.map((summary) => [summary.scorer, summary]));
    return names.map((scorer) => {
        const before = scorerSide(baselineByName.get(scorer));
        const after = scorerSide(candidateByName.get(scorer));
        const both = before !== null && after !== null;
        return {
            scorer,
            baseline: before,
            candidate: after,
            mean_delta: both ? after.mean - before.mean : null,
            pass_rate_delta: both ? after.pass_rate - before.pass_rate : null,
            ...(critical?.has(scorer) === true ? { severity: "critical" } : {}),
            statistic: both ? paired.scorer(scorer) : null,
        };
    });
}
function scorerSide(summary) {
    if (summary === undefined)
        return null;
    return {
        count: summary.count,
        mean: summary.mean,
        ...(summary.se !== undefined ? { se: summary.se } : {}),
        pass_rate: summary.pass_rate,
        errors: summary.errors,
    };
}
function cappedIds(max) {
    const ids = [];
    let count = 0;
    return {
        add(id) {
            count += 1;
            if (ids.length < max)
                ids.push(id);
        },
        list: () => ({ count, ids }),
    };
}
function cappedFlipped(max) {
    const items = [];
    let count = 0;
    return {
        add(baseline, candidate) {
            count += 1;
            if (items.length < max)
                items.push(flippedItem(baseline, candidate));
        },
        list: () => ({ count, items }),
    };
}

;// CONCATENATED MODULE: ./src/core/config/variant-schema.ts

/** A name of an inference step or a variant: it is a key in request bodies and in `--variant`. */
const STEP_OR_VARIANT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NAME_HINT = "use letters, digits, '.', '_' and '-'";
/** The parameters a variant may override, each validated by its type. */
const OverrideParamsSchema = schemas/* strictObject */.rej({
    system: schemas/* string */.YjP().min(1),
    temperature: schemas/* number */.aig().min(0).max(2),
    top_p: schemas/* number */.aig().min(0).max(1),
    max_tokens: schemas/* number */.aig().int().positive(),
    model: schemas/* string */.YjP().min(1),
    verbosity: schemas/* enum */.k5n(["low", "medium", "high"]),
}).partial();
const OVERRIDE_PARAMS = Object.keys(OverrideParamsSchema.shape);
/** `inference_steps:` — the named, configurable points of the user's pipeline a variant may change. */
const InferenceStepsSchema = schemas/* array */.YOg(schemas/* string */.YjP().regex(STEP_OR_VARIANT_NAME, { error: `inference step names ${NAME_HINT}` }))
    .min(1)
    .refine((steps) => new Set(steps).size === steps.length, { error: "each inference step is named once" });
/** One variant: one parameter of one step, optionally branched `from` another variant. */
const VariantSchema = schemas/* strictObject */.rej({
    from: schemas/* string */.YjP().min(1).optional(),
    step: schemas/* string */.YjP().min(1),
    set: OverrideParamsSchema.refine((set) => Object.keys(set).length === 1, {
        error: `a variant sets exactly one parameter (one of ${OVERRIDE_PARAMS.join(", ")}); write a second change as a variant with from:`,
    }),
});
const VariantsSchema = schemas/* record */.g1P(schemas/* string */.YjP().regex(STEP_OR_VARIANT_NAME, { error: `variant names ${NAME_HINT}` }), VariantSchema);
/**
 * Unknown steps, unknown parents and cycles: checks that need every variant at once. A cycle is
 * reported once, at the first variant (in the file's order) that closes it.
 */
function findVariantProblems(steps, variants) {
    const problems = [];
    const names = Object.keys(variants);
    for (const [name, variant] of Object.entries(variants)) {
        if (steps === undefined) {
            problems.push({ path: ["variants", name, "step"], message: "declare the experiment's inference_steps: [...] before variants use them" });
        }
        else if (!steps.includes(variant.step)) {
            problems.push({ path: ["variants", name, "step"], message: `unknown inference step "${variant.step}"; inference_steps are: ${steps.join(", ")}` });
        }
        if (variant.from !== undefined && !(variant.from in variants)) {
            problems.push({ path: ["variants", name, "from"], message: `unknown variant "${variant.from}"; variants are: ${names.join(", ")}` });
        }
    }
    const reported = new Set();
    for (const name of names) {
        const cycle = cycleFrom(name, variants);
        if (cycle === undefined || cycle.some((member) => reported.has(member)))
            continue;
        for (const member of cycle)
            reported.add(member);
        problems.push({ path: ["variants", name, "from"], message: `variants branch from each other in a cycle: ${[...cycle, cycle[0]].join(" → ")}` });
    }
    return problems;
}
/** The cycle `name` belongs to, in `from` order starting at `name`; undefined when there is none. */
function cycleFrom(name, variants) {
    const chain = [];
    let current = name;
    while (current !== undefined && current in variants) {
        const at = chain.indexOf(current);
        if (at >= 0)
            return at === 0 ? chain : undefined;
        chain.push(current);
        current = variants[current].from;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/config/schema.ts



const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const DURATION_HINT = 'write a duration with a unit, e.g. "30s" or "500ms"';
/** A target's timeout is at most an hour: a longer one is a typo, and timers overflow past 24.8 days. */
const MAX_TIMEOUT_MS = 60 * 60 * 1000;
/** NaN when `text` is not a duration (the regex check has said so already). */
function durationMs(text) {
    const match = DURATION.exec(text);
    if (match === null)
        return Number.NaN;
    const [, amount, unit] = match;
    const factor = unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000;
    return Math.round(Number(amount) * factor);
}
/** "500ms", "30s", "2m" → milliseconds, from 1 ms to an hour. A bare number is refused: its unit would be a guess. */
const DurationSchema = schemas/* string */.YjP({ error: DURATION_HINT })
    .regex(DURATION, { error: DURATION_HINT })
    .refine((text) => !(durationMs(text) < 1), { error: "must be at least 1ms" })
    .refine((text) => !(durationMs(text) > MAX_TIMEOUT_MS), { error: "must be at most 60m (one hour)" })
    .transform(durationMs);
/** The most calls in flight at once, in the config and on the command line. */
const MAX_CONCURRENCY = 1024;
/** The most repeats of one item: K calls per item multiply a run's cost by K. */
const MAX_REPEAT = 100;
/** The most retries of one call: more only hammers a failing target. */
const MAX_RETRIES = 10;
/** A path or a program argument: a NUL character would make the operating system refuse it. */
const NoNulString = schemas/* string */.YjP().refine((text) => !text.includes("\0"), { error: "must not contain a NUL character" });
/** A dot path into a JSON value: `output`, `choices.0.message.content`. */
const JsonPathSchema = schemas/* string */.YjP().min(1);
/** Where the answer's parts are found in the target's response JSON. */
const ResponseMappingFields = {
    output: JsonPathSchema.default("output"),
    tool_calls: JsonPathSchema.default("tool_calls"),
    usage: JsonPathSchema.default("usage"),
    cost: JsonPathSchema.default("cost"),
    /**
     * The model that answered, for the price table (read at "model" when absent). Optional rather
     * than defaulted: a default would enter every existing experiment's definition and change its version.
     */
    model: JsonPathSchema.optional(),
};
const HttpTargetSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz("http"),
    url: schemas/* string */.YjP().min(1),
    method: schemas/* enum */.k5n(["POST", "PUT"]).default("POST"),
    headers: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: "a header name uses letters, digits and -" }), schemas/* string */.YjP().refine((value) => !/[\r\n\0]/.test(value), { error: "a header value must not contain a line break or a NUL character" })).default({}),
    /**
     * Request body template. Absent: the default body of PRODUCT.md. A string that is exactly
     * "{{input}}", "{{input.field}}", "{{expected}}", "{{item_id}}", "{{run_id}}", "{{experiment}}"
     * is replaced by that JSON value; placeholders inside longer strings are replaced by text.
     */
    body: schemas/* json */.Pq9().optional(),
    ...ResponseMappingFields,
    timeout: DurationSchema.default(30_000),
});
const CommandTargetSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz("command"),
    /** A program and its arguments (no shell), or one string split on spaces. */
    command: schemas/* union */.KCZ([NoNulString.min(1), schemas/* array */.YOg(NoNulString.min(1)).min(1)]),
    cwd: NoNulString.optional(),
    env: schemas/* record */.g1P(NoNulString, NoNulString).default({}),
    ...ResponseMappingFields,
    timeout: DurationSchema.default(30_000),
});
/** A prompt file path: the value of `prompt` when it is one of these, by mistake. */
const LOOKS_LIKE_PROMPT_FILE = /^[^\s{}]+\.(ya?ml|json)$/i;
/**
 * A prompt run against an OpenAI-compatible chat completions API: either inline (`prompt`, the
 * user message, and `system`) or from a prompt file (`prompt_file`, read by the engine). Issue 9
 * spells the file `prompt: prompts/support.yaml`: a `prompt` that is a bare path ending in .yaml,
 * .yml or .json (no spaces, no placeholder) is read as `prompt_file`, since no user message is
 * just a file name. Fields set here override the prompt file's.
 */
const PromptTargetSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz("prompt"),
    base_url: schemas/* string */.YjP().min(1).default("https://api.openai.com/v1"),
    api_key: schemas/* string */.YjP().optional(),
    /** Required unless the prompt file names the model. */
    model: schemas/* string */.YjP().min(1).optional(),
    system: schemas/* string */.YjP().optional(),
    /** The user message; placeholders as in the http body ("{{input}}", "{{input.question}}"); or a prompt file's path. */
    prompt: schemas/* string */.YjP().min(1).optional(),
    /** A YAML or JSON prompt file (messages, model, tools…), relative to the config file's folder. */
    prompt_file: NoNulString.min(1).max(4096).optional(),
    temperature: schemas/* number */.aig().min(0).max(2).optional(),
    top_p: schemas/* number */.aig().min(0).max(1).optional(),
    max_tokens: schemas/* number */.aig().int().positive().optional(),
    /** The inference step whose overrides this target applies (default: the experiment's first inference step). */
    step: schemas/* string */.YjP().min(1).optional(),
    timeout: DurationSchema.default(60_000),
})
    .superRefine((target, context) => {
    const promptIsFile = target.prompt !== undefined && LOOKS_LIKE_PROMPT_FILE.test(target.prompt);
    const file = target.prompt_file ?? (promptIsFile ? target.prompt : undefined);
    const inline = promptIsFile ? undefined : target.prompt;
    if (inline === undefined && file === undefined) {
        context.addIssue({ code: "custom", path: ["prompt"], message: "required: write prompt (the user message, or a prompt file's path) or prompt_file" });
    }
    if (target.prompt !== undefined && target.prompt_file !== undefined) {
        context.addIssue({ code: "custom", path: ["prompt_file"], message: "write prompt or prompt_file, not both (the prompt file holds the messages)" });
    }
    if (file !== undefined && target.system !== undefined) {
        context.addIssue({ code: "custom", path: ["system"], message: "with a prompt file, write the system message in the prompt file's messages" });
    }
    if (inline !== undefined && target.model === undefined) {
        context.addIssue({ code: "custom", path: ["model"], message: "required (the model the prompt runs on, e.g. gpt-4o-mini)" });
    }
})
    .transform(({ prompt, ...target }) => prompt !== undefined && LOOKS_LIKE_PROMPT_FILE.test(prompt) ? { ...target, prompt_file: prompt } : { ...target, ...(prompt !== undefined ? { prompt } : {}) });
const TargetConfigSchema = schemas/* discriminatedUnion */.gMt("type", [
    HttpTargetSchema,
    CommandTargetSchema,
    PromptTargetSchema,
]);

/** A ratio budget against the baseline: 2 lets the candidate cost twice the baseline. */
const RatioBudgetSchema = schemas/* number */.aig({ error: "a ratio to the baseline, e.g. 2 (at most twice the baseline)" }).positive();
/**
 * The gate. Absolute checks (`passed_threshold`, `max_error_rate` of the experiment) judge the
 * candidate alone; the others judge it against a baseline (core/gate.ts). Every key but
 * `passed_threshold` is optional and absent from stored definitions unless written, so adding a
 * key here never changes an existing experiment's version.
 */
const GateConfigSchema = schemas/* strictObject */.rej({
    /** Minimum fraction of items that pass (0..1). Error items count as not passing. */
    passed_threshold: schemas/* number */.aig().min(0).max(1).default(1),
    /** Maximum regressions (pass→fail, flaky items apart) allowed against a baseline. */
    max_regressions: schemas/* number */.aig().int().nonnegative().optional(),
    /**
     * Fail only on what the data shows: the candidate fails when the paired test (McNemar's exact
     * test on pass/fail, a paired t-test per scorer's score) says it is worse at this level.
     */
    significance: schemas/* number */.aig({ error: "a significance level between 0 and 1, e.g. 0.05" }).gt(0).lt(1).optional(),
    /** Fewer shared items than this and a comparison proves nothing: the verdict is `inconclusive`. */
    min_items: schemas/* number */.aig().int().positive().optional(),
    /** A baseline more than this many commits behind the candidate's base is `not_comparable`. */
    baseline_max_age: schemas/* number */.aig().int().nonnegative().optional(),
    max_cost_ratio: RatioBudgetSchema.optional(),
    max_latency_p95_ratio: RatioBudgetSchema.optional(),
    max_tokens_ratio: RatioBudgetSchema.optional(),
    /**
     * How a check concludes for `inconclusive` and `not_comparable`. Branch protection treats
     * `neutral` as passing, so the default is `action_required` (merging blocked until someone acts).
     */
    on_inconclusive: schemas/* enum */.k5n(["action_required", "neutral"]).optional(),
});
const ExperimentConfigSchema = schemas/* strictObject */.rej({
    description: schemas/* string */.YjP().optional(),
    /** Relative to the config file's folder; must stay inside it (see `resolveProjectFile`). */
    dataset: NoNulString.min(1).max(4096),
    target: TargetConfigSchema,
    scorers: schemas/* array */.YOg(ScorerRefSchema).min(1),
    gate: GateConfigSchema.default({ passed_threshold: 1 }),
    concurrency: schemas/* number */.aig().int().min(1).max(MAX_CONCURRENCY).default(8),
    retries: schemas/* number */.aig().int().min(0).max(MAX_RETRIES).default(3),
    /** Above this fraction of error items the run cannot complete (exit 3). */
    max_error_rate: schemas/* number */.aig().min(0).max(1).default(0.2),
    /** How an item's scorers decide its status: see core/scorers/score-item.ts. */
    pass_rule: PassRuleSchema.default("all"),
    /** The weighted mean score an item needs under `pass_rule: weighted` (default 0.5). */
    item_threshold: schemas/* number */.aig().min(0).max(1).optional(),
    /** Calls each item K times (`--repeat K` overrides); `pass_rule` decides over the attempts. */
    repeat: schemas/* number */.aig().int().min(1).max(MAX_REPEAT).optional(),
    /**
     * `metadata.<key>`: items sharing that value (questions about one source document) are not
     * independent, so standard errors are clustered over it (Miller 2024, arXiv 2411.00640 §2.2).
     */
    cluster: schemas/* string */.YjP()
        .regex(/^metadata(\.[^.\s]+)+$/, { error: "write metadata.<key>, e.g. cluster: metadata.document_id" })
        .optional(),
    /** The named points of the user's pipeline that variants may change (core/config/variant-schema.ts). */
    inference_steps: InferenceStepsSchema.optional(),
    variants: VariantsSchema.optional(),
}).superRefine((experiment, context) => {
    for (const problem of findVariantProblems(experiment.inference_steps, experiment.variants ?? {})) {
        context.addIssue({ code: "custom", ...problem });
    }
    const { target, inference_steps: steps } = experiment;
    if (target.type === "prompt" && target.step !== undefined && !(steps ?? []).includes(target.step)) {
        context.addIssue({
            code: "custom",
            path: ["target", "step"],
            message: steps ? `unknown inference step "${target.step}"; inference_steps are: ${steps.join(", ")}` : "declare the experiment's inference_steps: [...] first",
        });
    }
    // Accepted silently, it would read as if it counted: say where it does.
    if (experiment.item_threshold !== undefined && experiment.pass_rule !== "weighted") {
        context.addIssue({
            code: "custom",
            path: ["item_threshold"],
            message: "item_threshold is used only by pass_rule: weighted; add pass_rule: weighted or remove it",
        });
    }
});
const EXPERIMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A name also names files (a regression dataset is `<name>.jsonl`): file names stop at 255 bytes. */
const MAX_EXPERIMENT_NAME_LENGTH = 128;
/** One model's prices in US dollars per million tokens. */
const ModelPriceSchema = schemas/* strictObject */.rej({
    input: schemas/* number */.aig().nonnegative(),
    output: schemas/* number */.aig().nonnegative(),
    /** Input tokens read from the provider's prompt cache; the input price when absent. */
    cached_input: schemas/* number */.aig().nonnegative().optional(),
});
/** `prices:` in evalgate.yml, by model name as the target names it (`gpt-4o-mini`). */
const PriceTableSchema = schemas/* record */.g1P(schemas/* string */.YjP().min(1), ModelPriceSchema);
const ConfigFileSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(1),
    /** What a target's tokens cost when it reports no cost itself (engine/apply-prices.ts). */
    prices: PriceTableSchema.optional(),
    experiments: schemas/* record */.g1P(schemas/* string */.YjP()
        .regex(EXPERIMENT_NAME, { error: "experiment names use letters, digits, '.', '_' and '-'" })
        .max(MAX_EXPERIMENT_NAME_LENGTH, { error: `experiment names are at most ${MAX_EXPERIMENT_NAME_LENGTH} characters` }), ExperimentConfigSchema)
        .refine((experiments) => Object.keys(experiments).length > 0, {
        error: "define at least one experiment",
    }),
});

// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __webpack_require__(21916);
;// CONCATENATED MODULE: ./src/core/zod-issues.ts

/** `experiments.orders.scorers[1].config.tool` from zod's path segments. */
function formatPath(segments) {
    let text = "";
    for (const segment of segments) {
        if (typeof segment === "number")
            text += `[${segment}]`;
        else
            text += text === "" ? String(segment) : `.${String(segment)}`;
    }
    return text;
}
/** One line per issue: `<prefix path>: <message>`, the form every config error takes. */
function formatZodIssues(error, prefix = []) {
    return describeZodIssues(error.issues).map((problem) => {
        const path = formatPath([...prefix, ...problem.path]);
        return path === "" ? problem.message : `${path}: ${problem.message}`;
    });
}
/**
 * Turns zod's issues into messages that say what to write: union issues are reduced to the branch
 * the user evidently meant, unknown keys get one problem each, defaults like "Invalid input" go.
 */
function describeZodIssues(issues, options = {}, base = []) {
    return issues.flatMap((issue) => describeIssue(issue, options, [...base, ...issue.path]).map((problem) => "input" in options && isMissing(options.input, problem.path) && problem.message.startsWith("expected")
        ? { ...problem, message: `required (${problem.message})` }
        : problem));
}
function isMissing(input, path) {
    let current = input;
    for (const segment of path) {
        if (current === null || typeof current !== "object")
            return false;
        current = current[segment];
    }
    return current === undefined;
}
function describeIssue(issue, options, path) {
    switch (issue.code) {
        case "unrecognized_keys":
            return issue.keys.map((key) => ({
                path,
                at: [...path, key],
                message: unknownKeyMessage(key, options.knownKeys?.(path) ?? []),
            }));
        case "invalid_union":
            return describeUnion(issue, options, path);
        case "invalid_key":
        case "invalid_element":
            return describeZodIssues(issue.issues, options, path);
        case "invalid_type":
            return [{ path, message: invalidTypeMessage(issue) }];
        case "too_big":
        case "too_small":
            return [{ path, message: sizeMessage(issue) }];
        case "invalid_value":
            return [{ path, message: invalidValueMessage(issue) }];
        default:
            return [{ path, message: stripDefaultPrefix(issue.message) }];
    }
}
function describeUnion(issue, options, path) {
    const discriminated = issue;
    if (discriminated.options !== undefined) {
        const choices = discriminated.options.map(String).join(", ");
        const given = issue.input !== null && typeof issue.input === "object"
            ? issue.input[discriminated.discriminator ?? ""]
            : undefined;
        const got = given === undefined ? "" : ` (got ${JSON.stringify(given)})`;
        return [{ path, message: `expected one of ${choices}${got}` }];
    }
    const branch = mostRelevantBranch(issue.errors);
    if (branch !== undefined)
        return describeZodIssues(branch, options, path);
    return [{ path, message: unionTypeMessage(issue.errors) }];
}
/**
 * The branch the user meant is one whose value had the right shape (no type error at the union's
 * own level); among those, the one with the fewest complaints.
 */
function mostRelevantBranch(branches) {
    const shapedRight = branches.filter((branch) => !branch.some((issue) => issue.path.length === 0 && issue.code === "invalid_type"));
    return shapedRight.sort((a, b) => a.length - b.length)[0];
}
function unionTypeMessage(branches) {
    const expected = new Set();
    let received = "";
    for (const issue of branches.flat()) {
        if (issue.code !== "invalid_type")
            continue;
        expected.add(typeName(issue.expected));
        received ||= /received (\w+)/.exec(issue.message)?.[1] ?? "";
    }
    const list = [...expected].join(" or ");
    return received === "" ? `expected ${list}` : `expected ${list}, received ${received}`;
}
function invalidTypeMessage(issue) {
    const missing = issue.input === undefined && /received undefined$/.test(issue.message);
    if (missing)
        return `required (expected ${typeName(issue.expected)})`;
    return stripDefaultPrefix(issue.message).replace(/expected record\b/, "expected object");
}
function invalidValueMessage(issue) {
    if (!/^Invalid (input|option):/.test(issue.message))
        return issue.message;
    const [only, ...more] = issue.values;
    const expected = more.length === 0
        ? `expected ${JSON.stringify(only)}`
        : `expected one of ${issue.values.map(String).join(", ")}`;
    return issue.input === undefined ? expected : `${expected} (got ${JSON.stringify(issue.input)})`;
}
function sizeMessage(issue) {
    if (!/^Too (big|small):/.test(issue.message))
        return issue.message;
    const big = issue.code === "too_big";
    const limit = big
        ? issue.maximum
        : issue.minimum;
    const bound = String(limit);
    switch (issue.origin) {
        case "array":
            return big ? `at most ${bound} entries allowed` : `needs at least ${bound} ${bound === "1" ? "entry" : "entries"}`;
        case "string":
            if (!big && bound === "1")
                return "must not be empty";
            return big ? `at most ${bound} characters allowed` : `needs at least ${bound} characters`;
        default: {
            const operator = big ? (issue.inclusive ? "<=" : "<") : issue.inclusive ? ">=" : ">";
            return `must be ${operator} ${bound}`;
        }
    }
}
function typeName(expected) {
    return expected === "record" ? "object" : expected;
}
function stripDefaultPrefix(message) {
    return message.replace(/^Invalid (input|option): /, "");
}
function unknownKeyMessage(key, known) {
    const suggestion = closestKey(key, known);
    return suggestion === undefined
        ? `unknown key '${key}'`
        : `unknown key '${key}' (did you mean '${suggestion}'?)`;
}
/** The known key within edit distance 2 of `key`, if one is clearly closest. */
function closestKey(key, known) {
    let best;
    let bestDistance = 3;
    for (const candidate of known) {
        const distance = (0,mod/* distance */.Io)(key.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

;// CONCATENATED MODULE: ./src/core/stored-gate.ts




// The rest of the definition (target, settings) does not decide a verdict: not read here. Scorers
// are read only for their labels and severity, as the engine stored them (normalized refs).
const StoredDefinitionSchema = schemas/* looseObject */._H3({
    gate: ExperimentConfigSchema.shape.gate,
    max_error_rate: ExperimentConfigSchema.shape.max_error_rate,
    cluster: schemas/* string */.YjP().optional(),
    scorers: schemas/* array */.YOg(schemas/* looseObject */._H3({ label: schemas/* string */.YjP().optional(), severity: schemas/* string */.YjP().optional() })).optional(),
});
/**
 * The gate kept with a run's experiment version (`definition` as stored by the engine). A gate is
 * kept with the experiment, not the command line: a run is judged by the rules it was run under.
 * Throws `UserError` naming the run when the definition is missing or its gate cannot be read:
 * a silent default gate could turn a failing run green.
 */
function storedGateOf(runId, experimentVersion, definition) {
    if (definition === undefined) {
        throw new core_errors/* UserError */.yo(`run ${runId}: its experiment version ${experimentVersion} is not in this store, so its gate is unknown; ` +
            "re-run the experiment to get a run that can be judged");
    }
    const parsed = StoredDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
        throw new core_errors/* UserError */.yo(`run ${runId}: the gate stored with experiment version ${experimentVersion} cannot be read ` +
            `(${formatZodIssues(parsed.error).join("; ")}); re-run the experiment to get a run that can be judged`);
    }
    const { gate, max_error_rate: maxErrorRate, cluster, scorers = [] } = parsed.data;
    const critical = new Set(scorers.filter((ref) => ref.severity === "critical").map((ref) => ref.label ?? ""));
    return { gate, maxErrorRate, ...(cluster !== undefined ? { cluster } : {}), critical };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./src/engine/git-info.ts


const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** The commit and branch of `dir` when it is in a git repository; nothing otherwise. */
async function readGitInfo(dir) {
    const ask = async (args) => {
        try {
            const { stdout } = await run("git", args, { cwd: dir, timeout: 5000 });
            const text = stdout.trim();
            return text === "" || text === "HEAD" ? undefined : text;
        }
        catch {
            return undefined;
        }
    };
    const [commit, branch] = await Promise.all([
        ask(["rev-parse", "HEAD"]),
        ask(["rev-parse", "--abbrev-ref", "HEAD"]),
    ]);
    return { ...(commit ? { commit } : {}), ...(branch ? { branch } : {}) };
}
/**
 * Commits reachable from `newer` but not from `older` (`git rev-list --count older..newer`) in the
 * repository at `dir`: how far a baseline's commit lags a candidate's. Undefined when either
 * commit is unknown here or `dir` is not a repository.
 */
async function commitsBetween(dir, older, newer) {
    if (!/^[0-9a-f]{4,64}$/i.test(older) || !/^[0-9a-f]{4,64}$/i.test(newer))
        return undefined;
    try {
        const { stdout } = await run("git", ["rev-list", "--count", `${older}..${newer}`], { cwd: dir, timeout: 5000 });
        const count = Number(stdout.trim());
        return Number.isInteger(count) ? count : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cli/compare-stored-runs.ts





/**
 * Compares two stored runs of one experiment under the candidate's stored gate (its
 * `significance`, `cluster` and critical scorers). Throws `UserError` (exit 2) for runs of
 * different experiments, and for runs whose items have none in common. A baseline that cannot
 * serve (not complete, no item, too many errors, other judging rules, older than
 * `baseline_max_age` commits as git in `gitDir` counts them) is reported in `baselineProblems`:
 * the verdict is then `not_comparable` (exit 4). A candidate with no item at all (a run killed at
 * once) is compared: its verdict then says why it fails.
 */
async function compareStoredRuns(store, baseline, candidate, gitDir) {
    if (baseline.experiment !== candidate.experiment) {
        throw new core_errors/* UserError */.yo(`runs ${baseline.id} and ${candidate.id} are of different experiments ` +
            `("${baseline.experiment}" and "${candidate.experiment}"); compare runs of one experiment`);
    }
    const [baselineVersion, candidateVersion] = await Promise.all([
        store.getExperimentVersion(baseline.experiment, baseline.experiment_version),
        store.getExperimentVersion(candidate.experiment, candidate.experiment_version),
    ]);
    const rules = storedGateOf(candidate.id, candidate.experiment_version, candidateVersion?.definition);
    const comparison = await compareRuns({ run: baseline, items: store.runItems(baseline.id) }, { run: candidate, items: store.runItems(candidate.id) }, {
        ...(rules.gate.significance !== undefined ? { alpha: rules.gate.significance } : {}),
        ...(rules.cluster !== undefined ? { cluster: rules.cluster } : {}),
        critical: rules.critical,
    });
    const { shared, only_baseline: onlyBaseline, only_candidate: onlyCandidate } = comparison.items;
    if (shared === 0 && onlyCandidate.count > 0 && onlyBaseline.count > 0) {
        throw new core_errors/* UserError */.yo(`runs ${baseline.id} and ${candidate.id} share no item ` +
            `(datasets ${baseline.dataset_version} and ${candidate.dataset_version}), so there is nothing to compare`);
    }
    const age = rules.gate.baseline_max_age === undefined ? undefined : await baselineAge(gitDir, baseline, candidate);
    const problems = baselineProblems({
        baseline,
        candidate,
        baselineItems: shared + onlyBaseline.count,
        baselineDefinition: baselineVersion?.definition,
        candidateDefinition: candidateVersion?.definition,
        gate: rules.gate,
        maxErrorRate: rules.maxErrorRate,
        ...(age !== undefined && "commits" in age ? { baselineAgeCommits: age.commits } : {}),
    });
    if (age !== undefined && "problem" in age && age.side === "baseline")
        problems.push(age.problem);
    const candidateProblems = age !== undefined && "problem" in age && age.side === "candidate" ? [age.problem] : [];
    return { comparison, baselineProblems: problems, candidateProblems };
}
/**
 * Commits from the baseline's commit to the candidate's, as git in `gitDir` counts them; else
 * why not, and whose problem it is (a candidate without a commit is the candidate's).
 */
async function baselineAge(gitDir, baseline, candidate) {
    if (candidate.git_commit === undefined) {
        return {
            side: "candidate",
            problem: `the candidate run ${candidate.id} records no git commit, so the baseline's age cannot be checked against ` +
                "baseline_max_age; run it inside the repository",
        };
    }
    if (baseline.git_commit === undefined) {
        return { side: "baseline", problem: "it records no git commit, so its age in commits cannot be told (the gate sets baseline_max_age)" };
    }
    const commits = await commitsBetween(gitDir, baseline.git_commit, candidate.git_commit);
    if (commits !== undefined)
        return { commits };
    return {
        side: "baseline",
        problem: `its age in commits cannot be told: git here knows no history from its commit ${baseline.git_commit.slice(0, 12)} ` +
            `to the candidate's ${candidate.git_commit.slice(0, 12)} (the gate sets baseline_max_age)`,
    };
}

// EXTERNAL MODULE: ./src/cli/exit-codes.ts
var exit_codes = __webpack_require__(28551);
;// CONCATENATED MODULE: ./src/cli/stored-verdict.ts



/**
 * A stored run's verdict under the gate of the experiment version that produced it, from its
 * status and summary (summarized from its items when it never ended), against a baseline when
 * `compared` is given. Throws `UserError` when the stored gate cannot be read.
 */
async function judgeStoredRun(store, run, compared, thresholdOverride) {
    const version = await store.getExperimentVersion(run.experiment, run.experiment_version);
    const { gate, maxErrorRate, cluster } = storedGateOf(run.id, run.experiment_version, version?.definition);
    const summary = run.summary ?? (await summarizeRun(store.runItems(run.id), cluster !== undefined ? { cluster } : {}));
    const verdict = (0,core_gate/* decideVerdict */.AU)({
        gate,
        maxErrorRate,
        status: run.status,
        itemCount: run.item_count,
        summary,
        ...(compared
            ? { comparison: compared.comparison, baselineProblems: compared.baselineProblems, candidateProblems: compared.candidateProblems }
            : {}),
        ...(thresholdOverride !== undefined ? { thresholdOverride } : {}),
    });
    return { verdict, summary, gate };
}

;// CONCATENATED MODULE: ./src/cli/commands/reports-html.ts











/**
 * `reports html RUN [RUN…] -o FILE [--pdf]`: one self-contained HTML page of a run, or of a
 * baseline and up to three runs each compared with it as `runs compare` compares them (the same
 * comparison, the same verdict). `--pdf` prints it beside FILE through headless Chromium. Exits
 * with the worst verdict's code, as `runs compare` and `reports ci` do.
 */
function registerReportsHtmlCommand(reports, io, setExit) {
    reports
        .command("html")
        .description("a self-contained HTML report of a run, or of a baseline and up to three runs compared with it; --pdf prints it too")
        .argument("<run>", "the run, or the baseline when more runs follow (id or a unique prefix)")
        .argument("[runs...]", "up to three runs to compare with the first")
        .requiredOption("-o, --output <file>", "HTML file to write")
        .option("--pdf", "also write the report as a PDF beside the HTML file (report.html → report.pdf), printed by headless Chromium")
        .action(async (baseId, ids, flags, command) => {
        if (ids.length + 1 > MAX_REPORT_RUNS) {
            throw new core_errors/* UserError */.yo(`reports html takes a run and at most ${MAX_REPORT_RUNS - 1} more to compare with it, got ${ids.length + 1} runs; report fewer at once`);
        }
        const output = external_node_path_default().resolve(io.cwd, flags.output);
        // Chromium opens a file:// page by its extension: a report named otherwise would never run
        // its script (and a .pdf name would hold HTML).
        if (!/\.html?$/i.test(output)) {
            throw new core_errors/* UserError */.yo(`-o ${flags.output}: name the HTML file with .html (the PDF of --pdf is written beside it as .pdf)`);
        }
        const pdf = flags.pdf === true ? pdfPathFor(output) : undefined;
        const executablePath = chromiumPath(io.env);
        // Before any work: a missing browser is known at once, and nothing is written.
        if (pdf !== undefined)
            await requireChromium(executablePath);
        await withStore(command, async (store) => {
            const runs = [await requireRun(store, baseId), ...(await Promise.all(ids.map((id) => requireRun(store, id))))];
            const input = await storedReportInput(store, runs, io.cwd);
            const html = renderHtmlReport(input);
            await writeOutputFile(output, `-o ${flags.output}`, (partial) => (0,promises_.writeFile)(partial, html));
            if (pdf !== undefined) {
                await writeOutputFile(pdf, `--pdf ${external_node_path_default().relative(io.cwd, pdf)}`, (partial) => printPdf(output, partial, { executablePath }));
            }
            const items = new Set(input.runs.flatMap(({ items }) => items.map((item) => item.item_id))).size;
            io.stderr.write(`wrote ${flags.output} (${runs.length} ${runs.length === 1 ? "run" : "runs"}, ${items} items)\n`);
            if (pdf !== undefined)
                io.stderr.write(`wrote ${external_node_path_default().relative(io.cwd, pdf) || pdf} (PDF)\n`);
            const verdicts = input.runs.length === 1 ? [input.verdict] : input.comparisons.map(({ verdict }) => verdict);
            setExit(verdicts.reduce((worst, verdict) => (0,exit_codes/* worseExit */.zY)(worst, (0,exit_codes/* exitCodeFor */.Rr)(verdict)), exit_codes/* EXIT */.dc.pass));
        });
    });
}
/**
 * The report's input from the store: each run's items and annotations; with one run its verdict
 * alone, with more each later run compared with the first and judged (compareStoredRuns,
 * judgeStoredRun), so every verdict is the one `runs compare` gives. Runs of another experiment
 * than the first are refused (UserError) before anything is written.
 */
async function storedReportInput(store, runs, gitDir) {
    const [baseline, ...candidates] = runs;
    const comparisons = [];
    for (const candidate of candidates) {
        const compared = await compareStoredRuns(store, baseline, candidate, gitDir);
        const { verdict } = await judgeStoredRun(store, candidate, compared, undefined);
        comparisons.push({ comparison: compared.comparison, verdict });
    }
    const verdict = candidates.length === 0 ? (await judgeStoredRun(store, baseline, undefined, undefined)).verdict : undefined;
    const reportRuns = [];
    for (const run of runs) {
        const items = [];
        for await (const item of store.runItems(run.id))
            items.push(item);
        reportRuns.push({ run, items, annotations: await store.runAnnotations(run.id) });
    }
    return {
        runs: reportRuns,
        comparisons,
        ...(verdict !== undefined ? { verdict } : {}),
        generatedAt: new Date().toISOString(),
    };
}
/** report.html → report.pdf; a name without .html or .htm gets .pdf added. */
function pdfPathFor(htmlPath) {
    const extension = external_node_path_default().extname(htmlPath);
    return /^\.html?$/i.test(extension) ? htmlPath.slice(0, -extension.length) + ".pdf" : `${htmlPath}.pdf`;
}

;// CONCATENATED MODULE: ./src/core/report/column-widths.ts
// Below this a cut cell says little; a column cut by `widestFirst` stops here.
const MIN_COLUMN = 4;
// A column that gives way is shortened to this at most before it is dropped: a name cut to
// 12 columns is still recognizable, and the short ones (a status, an age) are dropped whole.
const MIN_SHORTENED = 12;
/** Narrows the widest column one column at a time until the row fits; none below MIN_COLUMN. */
function widestFirst(natural, room) {
    const fitted = [...natural];
    let total = fitted.reduce((sum, width) => sum + width, 0);
    const available = room(fitted.length);
    while (total > available) {
        let widest = 0;
        for (let column = 1; column < fitted.length; column += 1) {
            if ((fitted[column] ?? 0) > (fitted[widest] ?? 0))
                widest = column;
        }
        const width = fitted[widest] ?? 0;
        if (width <= MIN_COLUMN)
            break;
        fitted[widest] = width - 1;
        total -= 1;
    }
    return fitted;
}
/**
 * The columns in `order` make room, first to last: each is shortened (to MIN_SHORTENED at
 * most; a narrower one stays whole), and when that is not enough the first of them is dropped
 * and the rest try again with the room it gave back, and so on. Columns not in `order` are
 * never cut, so a table of them alone may stay wider than the room (an id is never cut).
 */
function givingWay(natural, room, order) {
    const dropped = new Set();
    for (;;) {
        const widths = natural.map((width, column) => (dropped.has(column) ? undefined : width));
        const shown = widths.filter((width) => width !== undefined);
        let excess = shown.reduce((sum, width) => sum + width, 0) - room(shown.length);
        for (const column of order) {
            const width = widths[column];
            if (excess <= 0 || width === undefined)
                continue;
            const cut = Math.min(excess, width - Math.min(width, MIN_SHORTENED));
            widths[column] = width - cut;
            excess -= cut;
        }
        const next = order.find((column) => !dropped.has(column));
        if (excess <= 0 || next === undefined)
            return widths;
        dropped.add(next);
    }
}
/**
 * One column takes whatever room the others leave, down to MIN_COLUMN, and is never dropped (a
 * row's name beside its numbers: cut, the numbers still read); if that is not enough, the widest
 * of the rest narrow as `widestFirst` does.
 */
function shrinkingOne(natural, room, column) {
    const fitted = [...natural];
    const excess = fitted.reduce((sum, width) => sum + width, 0) - room(fitted.length);
    const width = fitted[column] ?? 0;
    if (excess > 0)
        fitted[column] = Math.max(Math.min(width, MIN_COLUMN), width - excess);
    return widestFirst(fitted, room);
}

;// CONCATENATED MODULE: ./src/core/report/format-table.ts



const GAP = "  ";
/**
 * An aligned plain-text table that fits `maxWidth` terminal columns, measured with
 * `displayWidth` (a wide character takes two): cut cells end in "…". Cells are made
 * single-line, so a newline in data cannot break a row.
 */
function formatTable(header, rows, options = {}) {
    const indent = options.indent ?? "";
    const maxWidth = options.maxWidth ?? 80;
    const room = (count) => maxWidth - displayWidth(indent) - GAP.length * Math.max(0, count - 1);
    const giveWay = options.giveWay;
    const uncut = new Set(giveWay === undefined ? [] : header.map((_, column) => column).filter((c) => !giveWay.includes(c)));
    // A cell wider than the whole row can never show in full: cut it before measuring, so a long
    // model output costs no more than a line. Columns that are never cut are kept whole.
    const cells = [header, ...rows].map((row) => header.map((_, column) => {
        const text = oneLine(row[column] ?? "");
        return uncut.has(column) ? text : truncateToWidth(text, Math.max(room(1), MIN_COLUMN));
    }));
    const natural = header.map((_, column) => Math.max(...cells.map((row) => displayWidth(row[column] ?? ""))));
    const widths = giveWay !== undefined
        ? givingWay(natural, room, giveWay)
        : options.shrink !== undefined
            ? shrinkingOne(natural, room, options.shrink)
            : widestFirst(natural, room);
    const rule = widths.map((width) => (width === undefined ? undefined : "─".repeat(width)));
    const lines = [cells[0] ?? [], rule, ...cells.slice(1)].map((row) => {
        const shown = row.flatMap((cell, column) => {
            const width = widths[column];
            if (width === undefined)
                return [];
            return [padToWidth(truncateToWidth(cell ?? "", width), width, options.align?.[column])];
        });
        return (indent + shown.join(GAP)).trimEnd();
    });
    return lines.join("\n");
}

;// CONCATENATED MODULE: ./src/core/annotations/render-annotation-summary.ts




/** Labels named in one summary cell; the rest are counted. */
const LABELS_SHOWN = 4;
const LABELS_SHOWN_COMPACT = 2;
/** A label is cut to this many characters in a summary cell (labels may be 1,000 long). */
const LABEL_KEPT = 24;
/**
 * A metric as people write one: up to three decimals with thousands separators ("0.825",
 * "1,234.5"); a value that would round to 0 keeps three significant digits ("0.000125").
 */
function formatAnnotationNumber(value) {
    if (value !== 0 && Math.abs(value) < 0.0005)
        return String(Number(value.toPrecision(3)));
    return value.toLocaleString("en-US", { maximumFractionDigits: 3 });
}
/** One annotation's value as text: a metric's number, a label as written. */
function annotationValueText(annotation) {
    return typeof annotation.value === "number" ? formatAnnotationNumber(annotation.value) : annotation.value;
}
/**
 * "mean 0.82 · min 0.1 · max 1" for a metric; "good 30 · rude 6 · … 2 more" for labels.
 * `compact` (a comparison's narrower cells): the mean alone, and fewer labels.
 */
function describeAnnotationSummary(summary, options = {}) {
    const compact = options.compact === true;
    if (summary.kind === "metric") {
        const parts = [`mean ${formatAnnotationNumber(summary.mean ?? 0)}`];
        if (summary.count > 1 && !compact)
            parts.push(`min ${formatAnnotationNumber(summary.min ?? 0)}`, `max ${formatAnnotationNumber(summary.max ?? 0)}`);
        return parts.join(" · ");
    }
    const labels = summary.labels ?? [];
    const shown = labels.slice(0, compact ? LABELS_SHOWN_COMPACT : LABELS_SHOWN).map(({ label, count }) => `${excerpt(label, LABEL_KEPT)} ${(0,stats/* formatCount */.B4)(count)}`);
    const hidden = labels.length - shown.length;
    return [...shown, ...(hidden > 0 ? [`… ${(0,stats/* formatCount */.B4)(hidden)} more`] : [])].join(" · ");
}
/**
 * `runs show`: one row per annotation name and kind, after the scorer table. Nothing when the run
 * has no annotations. Annotations are people's judgements: they never change a status or verdict.
 */
function annotationSummaryLines(summaries, width = 80) {
    if (summaries.length === 0)
        return [];
    const rows = summaries.map((summary) => [summary.name, summary.kind, (0,stats/* formatCount */.B4)(summary.count), describeAnnotationSummary(summary)]);
    return [formatTable(["annotation", "kind", "items", "summary"], rows, { align: ["left", "left", "right", "left"], maxWidth: width, giveWay: [3, 0] })];
}
/**
 * Comparisons: one row per annotation name (and kind, when a name is both) found in any run, a
 * column per run with its summary: "mean 0.82 (n=40)" for a metric, the label counts for labels;
 * "—" where a run has none. Nothing when no run has any.
 */
function annotationComparisonLines(columns, width = 80) {
    const keys = new Map();
    for (const column of columns)
        for (const summary of column.summaries)
            keys.set(keyOf(summary), { name: summary.name, kind: summary.kind });
    if (keys.size === 0)
        return [];
    // As summarizeAnnotations orders them: by name in code point order, a metric before a label.
    const ordered = [...keys.values()].sort((a, b) => (0,item_id_order/* compareItemIds */.D)(a.name, b.name) || (a.kind === b.kind ? 0 : a.kind === "metric" ? -1 : 1));
    const bothKinds = new Set(ordered.filter((key, index) => ordered[index - 1]?.name === key.name).map((key) => key.name));
    const rows = ordered.map((key) => [
        bothKinds.has(key.name) ? `${key.name} (${key.kind})` : key.name,
        ...columns.map((column) => {
            const summary = column.summaries.find((candidate) => keyOf(candidate) === keyOf(key));
            if (summary === undefined)
                return "—";
            const text = describeAnnotationSummary(summary, { compact: true });
            // Label counts add up to the items; a mean needs its n.
            return summary.kind === "metric" ? `${text} (n=${(0,stats/* formatCount */.B4)(summary.count)})` : text;
        }),
    ]);
    const header = ["annotation", ...columns.map((column) => column.title)];
    return [formatTable(header, rows, { maxWidth: width })];
}
function keyOf(summary) {
    return `${summary.kind}\u0000${summary.name}`;
}

;// CONCATENATED MODULE: ./src/core/report/render-verdict.ts


/**
 * The verdict and its reasons, for the terminal renderers. A no-verdict (inconclusive, not
 * comparable) says it is not a pass and why; its reasons say what to do to get one.
 */
function renderVerdictLines(verdict, width = 80) {
    if (verdict === undefined)
        return ["Verdict: none (no gate was evaluated)"];
    const word = verdict_words_VERDICT_WORDS[verdict.verdict];
    const lines = verdict.verdict === "inconclusive" || verdict.verdict === "not_comparable"
        ? [
            `Verdict: ${word} (no verdict, not a pass)`,
            ...wrapText(`${capitalized(verdict_words_NO_VERDICT_MEANING[verdict.verdict])}. To get a verdict:`, width, "  "),
        ]
        : [`Verdict: ${word}`];
    // Wrapped, never cut: a reason is the one sentence that says why a run failed.
    for (const reason of verdict.reasons)
        lines.push(...wrapText(reason, width, "  - ", "    "));
    return lines;
}
function capitalized(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/core/resume-command.ts
/**
 * The command that continues `run`: `evalgate run EXPERIMENT --resume RUN_ID`, plus what a resume
 * must repeat or be refused (open-run.ts checks both): `--variant NAME` for a variant's run and
 * `--repeat K` for a run that calls each item K > 1 times (the flag matches a config's `repeat:`
 * too, so it is always safe to give). A sample or shard is kept from the run without its flags.
 */
function resumeCommand(run) {
    const variant = run.variant === undefined ? "" : ` --variant ${run.variant}`;
    const repeat = run.repeat === undefined || run.repeat <= 1 ? "" : ` --repeat ${run.repeat}`;
    return `evalgate run ${run.experiment} --resume ${run.id}${variant}${repeat}`;
}

;// CONCATENATED MODULE: ./src/core/report/render-run-summary.ts












const render_run_summary_WIDTH = 80;
/**
 * A run for an 80-column terminal: what ran (with the gate and scorers of its experiment
 * version when `configuration` is given), how it went with people's annotations beside the
 * scorers, and the verdict (from `decideVerdict`:
 * renderers never judge). A run still `running` in the store is running when `liveOwner` (its
 * live lease) is given, else interrupted, with the command that continues it.
 */
function renderRunSummary(run, verdict, options = {}) {
    const { liveOwner, configuration } = options;
    const lines = [
        field("run", `${run.id} (${statusText(run, liveOwner)})`),
        // A line of its own: a host name would not fit beside the run id in 80 columns.
        ...(run.status === "running" && liveOwner !== undefined ? [field("owner", describeRunOwner(liveOwner))] : []),
        field("experiment", `${run.experiment} @ ${run.experiment_version}`),
        ...(run.label !== undefined ? [field("label", run.label)] : []),
        ...(run.variant !== undefined ? [field("variant", run.variant)] : []),
        field("target", run.target),
        field("dataset", `${run.dataset_path} @ ${run.dataset_version} (${(0,stats/* formatCount */.B4)(run.item_count)} items)`),
        ...(run.selection !== undefined ? [field("selection", describeSelection(run.selection))] : []),
        ...(run.git_commit !== undefined
            ? [field("commit", `${run.git_commit}${run.git_branch !== undefined ? ` on ${run.git_branch}` : ""}`)]
            : []),
        field("started", `${run.started_at}${run.ended_at !== undefined ? ` · ended ${run.ended_at}` : ""}`),
        ...resumeLines(run, liveOwner),
        ...(configuration !== undefined ? configurationLines(configuration) : []),
        "",
        ...(run.summary !== undefined ? summaryLines(run.summary, (0,core_gate/* passRateThresholds */.IM)(verdict), options.annotations ?? []) : ["No items stored yet."]),
        "",
        ...renderVerdictLines(verdict),
    ];
    return fitLines(lines, render_run_summary_WIDTH);
}
/** The status a user reads: a stored `running` run without a live owner was interrupted. */
function statusText(run, liveOwner) {
    if (run.status !== "running")
        return run.status;
    return liveOwner === undefined ? "interrupted" : "running";
}
/** "pid 1234 on build-7, heartbeat 2 s ago" */
function describeRunOwner(owner) {
    return `pid ${owner.pid} on ${owner.host}, heartbeat ${(0,stats/* formatCount */.B4)(Math.max(0, owner.heartbeatAgeMs) / 1000)} s ago`;
}
function resumeLines(run, liveOwner) {
    if (run.status !== "running" && run.status !== "cancelled")
        return [];
    const stored = field("stored", `${(0,stats/* formatCount */.B4)(run.summary?.total ?? 0)} of ${(0,stats/* formatCount */.B4)(run.item_count)} items`);
    // A live run refuses --resume: what a user can do is stop it.
    if (liveOwner !== undefined)
        return [stored, commandField("stop", `evalgate runs cancel ${run.id}`)];
    return [stored, commandField("continue", resumeCommand(run))];
}
/** The gate as its keys are written in evalgate.yml, then the scorers: name, label, config in short. */
function configurationLines({ gate, scorers }) {
    const gateText = [
        `passed_threshold ${gate.gate.passed_threshold}`,
        `max_regressions ${gate.gate.max_regressions ?? "not set"}`,
        `max_error_rate ${gate.maxErrorRate}`,
    ].join(" · ");
    const lines = [field("gate", gateText)];
    if (scorers === undefined)
        return [...lines, field("scorers", "(not readable in the stored experiment version)")];
    const rows = scorers.map((scorer) => [scorer.name, scorer.label, settingsText(scorer)]);
    return [...lines, "", formatTable(["scorer", "label", "config"], rows, { maxWidth: render_run_summary_WIDTH })];
}
/** The ref's modifiers (`not · weight 2 · threshold 0.8 · when metadata.kind: tool`), then its config. */
function settingsText(scorer) {
    const parts = [];
    if (scorer.not === true)
        parts.push("not");
    if (scorer.weight !== undefined)
        parts.push(`weight ${scorer.weight}`);
    if (scorer.threshold !== undefined)
        parts.push(`threshold ${scorer.threshold}`);
    if (scorer.when !== undefined)
        parts.push(`when ${configText(scorer.when)}`);
    const config = configText(scorer.config);
    if (config !== "")
        parts.push(config);
    return parts.join(" · ");
}
/** `{ tool: "search_orders", max: 2 }` → "tool: search_orders, max: 2"; nested values as compact JSON. */
function configText(config) {
    return Object.entries(config)
        .map(([key, value]) => `${key}: ${valueText(value)}`)
        .join(", ");
}
function field(name, value) {
    return `${name.padEnd(11)} ${oneLine(value)}`;
}
/**
 * A command to copy, never cut to the summary's width: wrapped at spaces, each line but the last
 * ending in ` \` so that the lines pasted together into a shell are still one command.
 */
function commandField(name, command) {
    const lines = wrapText(command, render_run_summary_WIDTH - 2, `${name.padEnd(11)} `, " ".repeat(12));
    return lines.map((line, index) => (index < lines.length - 1 ? `${line} \\` : line)).join("\n");
}
/**
 * The counts, the pass rate with its 95 % interval (± its half-width in pp), flaky items when
 * the run repeats items, the scorers (mean ± 1.96 standard errors) and the annotations, then
 * latency, tokens and cost.
 */
function summaryLines(summary, thresholds, annotations) {
    const lines = [
        `${(0,stats/* formatCount */.B4)(summary.total)} items: ${(0,stats/* formatCount */.B4)(summary.passed)} passed, ` +
            `${(0,stats/* formatCount */.B4)(summary.failed)} failed, ${(0,stats/* formatCount */.B4)(summary.errored)} errored`,
        `pass rate ${pass_rate_headline_summaryPassRate(summary, thresholds)}`,
        ...(summary.flaky !== undefined
            ? [`flaky       ${plural(summary.flaky, "item")} whose repeats both passed and failed`]
            : []),
    ];
    if (summary.scorers.length > 0) {
        lines.push("", formatTable(["scorer", "mean (±95%)", "pass rate", "scored", "errors"], summary.scorers.map((scorer) => [
            scorer.scorer,
            meanWithSpread(scorer.mean, scorer.se),
            (0,stats/* formatPercent */.l9)(scorer.pass_rate, { against: thresholds }),
            (0,stats/* formatCount */.B4)(scorer.count),
            (0,stats/* formatCount */.B4)(scorer.errors),
        ]), { align: ["left", "right", "right", "right", "right"], maxWidth: render_run_summary_WIDTH }));
    }
    const annotationLines = annotationSummaryLines(annotations, render_run_summary_WIDTH);
    if (annotationLines.length > 0)
        lines.push("", ...annotationLines);
    const { latency_ms: latency, tokens } = summary;
    lines.push("", `latency     p50 ${(0,stats/* formatMs */._V)(latency.p50)} · p95 ${(0,stats/* formatMs */._V)(latency.p95)} · mean ${(0,stats/* formatMs */._V)(latency.mean)}`, 
    // 0 is what a run records when its target reports none: no data, not a free run.
    tokens.total > 0
        ? `tokens      ${(0,stats/* formatCount */.B4)(tokens.input)} in${cachedNote(tokens.cached_input)} · ${(0,stats/* formatCount */.B4)(tokens.output)} out · ${(0,stats/* formatCount */.B4)(tokens.total)} total`
        : "tokens      not reported by the target", `cost        ${summary.cost > 0 ? (0,stats/* formatCost */.BD)(summary.cost) : "not reported by the target"}`, ...judgeLines(summary), `retries     ${(0,stats/* formatCount */.B4)(summary.retries)}`);
    return lines;
}
/** What judges spent, apart from the target's tokens and cost above: only when a scorer spent any. */
function judgeLines(summary) {
    const tokens = summary.scorer_tokens;
    if (tokens === undefined)
        return [];
    return [
        `judge tokens ${(0,stats/* formatCount */.B4)(tokens.input)} in · ${(0,stats/* formatCount */.B4)(tokens.output)} out · ` +
            `${(0,stats/* formatCount */.B4)(tokens.total)} total` +
            // A cost nobody reported is unknown, not zero.
            (summary.scorer_cost !== undefined && summary.scorer_cost > 0 ? ` · cost ${(0,stats/* formatCost */.BD)(summary.scorer_cost)}` : ""),
    ];
}
function plural(count, word) {
    return `${(0,stats/* formatCount */.B4)(count)} ${count === 1 ? word : `${word}s`}`;
}
/** Cached input is part of `in`: shown beside it, never added to the total. */
function cachedNote(cached) {
    return cached === undefined ? "" : ` (${(0,stats/* formatCount */.B4)(cached)} cached)`;
}

;// CONCATENATED MODULE: ./src/engine/run-lease.ts




/** How often the process running a run records that it is alive. */
const HEARTBEAT_INTERVAL_MS = 5_000;
/**
 * A heartbeat older than this belongs to a process that is gone (or paused: a laptop asleep).
 * Six intervals, so a beat delayed by a busy event loop or a store waiting on its lock (up to
 * 5 s, see busy_timeout) never looks like death; a dead holder on this host is seen at once anyway.
 */
const LEASE_TTL_MS = 30_000;
/** Compare-and-set attempts when other processes keep taking the same stale lease first. */
const ACQUIRE_ATTEMPTS = 3;
/**
 * A stale lease may be taken over: its heartbeat is older than LEASE_TTL_MS, or its holder ran on
 * this host and that process no longer exists (so a run killed with SIGKILL resumes at once).
 */
function isLeaseStale(lease, now, host = external_node_os_default().hostname()) {
    if (heartbeatAgeMs(lease, now) > LEASE_TTL_MS)
        return true;
    return lease.host === host && !processExists(lease.pid);
}
/** The process running the run now; undefined when the run ended or nobody holds a live lease on it. */
async function liveOwnerOf(store, run, now = new Date()) {
    if (run.status !== "running")
        return undefined;
    const lease = await store.getRunLease(run.id);
    if (lease === undefined || isLeaseStale(lease, now))
        return undefined;
    return { host: lease.host, pid: lease.pid, heartbeatAgeMs: heartbeatAgeMs(lease, now) };
}
/**
 * Takes the run's lease for this process, or throws a UserError naming the live holder. Call
 * before reading what the run stored, so no other process adds to it meanwhile.
 */
async function takeRunLease(store, runId, now) {
    const mine = { run_id: runId, holder: (0,external_node_crypto_.randomUUID)(), host: external_node_os_default().hostname(), pid: process.pid, heartbeat_at: "" };
    let current;
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
        current = await store.getRunLease(runId);
        if (current !== undefined && !isLeaseStale(current, now()))
            break;
        const inForce = await store.acquireRunLease({ ...mine, heartbeat_at: now().toISOString() }, current?.holder);
        if (inForce?.holder === mine.holder)
            return new HeldRunLease(store, mine, now);
        current = inForce;
    }
    throw refusal(runId, current, now());
}
function refusal(runId, holder, now) {
    const who = holder === undefined
        ? "another process"
        : describeRunOwner({ host: holder.host, pid: holder.pid, heartbeatAgeMs: heartbeatAgeMs(holder, now) });
    return new core_errors/* UserError */.yo(`run ${runId} is being run right now (${who}). Wait for it to end, or stop it with ` +
        `\`evalgate runs cancel ${runId}\` and resume it then; if that process is gone, its lease goes ` +
        `stale ${LEASE_TTL_MS / 1000} s after its last heartbeat and --resume works again`);
}
/** This process's lease on a run: renewed on a timer until stopped, then released. */
class HeldRunLease {
    store;
    lease;
    now;
    timer;
    beating = false;
    constructor(store, lease, now) {
        this.store = store;
        this.lease = lease;
        this.now = now;
    }
    startHeartbeat(events) {
        this.timer = setInterval(() => void this.beat(events), HEARTBEAT_INTERVAL_MS);
        // The heartbeat alone must never keep a process alive.
        this.timer.unref();
    }
    stopHeartbeat() {
        clearInterval(this.timer);
        this.timer = undefined;
    }
    /** Whether another process marked the run cancelled since it was opened. */
    async cancelledElsewhere() {
        return (await this.store.getRun(this.lease.run_id))?.status === "cancelled";
    }
    async release() {
        this.stopHeartbeat();
        await this.store.releaseRunLease(this.lease.run_id, this.lease.holder);
    }
    async beat(events) {
        if (this.beating)
            return;
        this.beating = true;
        try {
            const { run_id: runId, holder } = this.lease;
            if (!(await this.store.renewRunLease(runId, holder, this.now().toISOString()))) {
                this.stopHeartbeat();
                events.onLost(await this.store.getRunLease(runId));
            }
            else if (await this.cancelledElsewhere()) {
                this.stopHeartbeat();
                events.onCancelled();
            }
        }
        catch {
            // A store busy past its timeout misses this beat; the TTL allows several.
        }
        finally {
            this.beating = false;
        }
    }
}
/** How long ago the lease's holder last beat (ms); Infinity for an unreadable time. */
function heartbeatAgeMs(lease, now) {
    const age = now.getTime() - Date.parse(lease.heartbeat_at);
    return Number.isNaN(age) ? Infinity : Math.max(0, age);
}
/** Signal 0 checks existence only; EPERM means it exists under another user. */
function processExists(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code !== "ESRCH";
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/reports-wait.ts











const STORE_POLL = { firstMs: 250, growth: 1.5, maxMs: 3_000 };
// Each look at a results branch costs three GitHub API requests (ref, commit, tree).
const BRANCH_POLL = { firstMs: 2_000, growth: 1.5, maxMs: 15_000 };
const reports_wait_MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;
function registerReportsWaitCommand(reports, io, setExit) {
    reports
        .command("wait")
        .description("wait for a run that another process or machine is running to end, then exit with its verdict's code " +
        "(as `reports ci` of it would); 3 when its process is gone, 5 when --timeout passes first")
        .argument("<run>", "run id (or a unique prefix)")
        .option("--timeout <duration>", "how long to wait at most: 90s, 15m, 1h", "15m")
        .action(async (id, flags, command) => {
        const timeoutMs = parseWaitTimeout(flags.timeout);
        const onBranch = storeScheme(globalOptions(command).store) === "github";
        const waiting = new RunWait(id, flags.timeout, timeoutMs, io, onBranch);
        const code = await withStore(command, (store) => waiting.wait((look) => {
            // A results branch store keeps its listing: each look forgets it, to see runs published since.
            // (Not imported by class: Octokit stays out of the CLI's start-up.)
            store.refresh?.();
            return look(store);
        }, onBranch ? BRANCH_POLL : STORE_POLL));
        setExit(code);
    });
}
/** `90s`, `15m`, `1h`, `500ms`, `1h30m` → milliseconds; at most a day. */
function parseWaitTimeout(value) {
    const text = value.trim();
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
    const ms = Math.round(parts.reduce((sum, [, amount, name]) => sum + Number(amount) * unit[name], 0));
    if (parts.length === 0 || parts.map(([part]) => part).join("") !== text || !(ms > 0)) {
        throw new core_errors/* UserError */.yo(`--timeout: "${value}" is not a duration; write one with a unit, e.g. 90s, 15m or 1h`);
    }
    if (ms > reports_wait_MAX_TIMEOUT_MS)
        throw new core_errors/* UserError */.yo(`--timeout: "${value}" is more than a day; write at most 24h`);
    return ms;
}
class RunWait {
    timeoutText;
    timeoutMs;
    io;
    onBranch;
    started = Date.now();
    runId;
    /** Since when the run has been running with no lease at all. */
    unleasedSince;
    saidAbsent = false;
    progressShown = false;
    constructor(id, timeoutText, timeoutMs, io, onBranch) {
        this.timeoutText = timeoutText;
        this.timeoutMs = timeoutMs;
        this.io = io;
        this.onBranch = onBranch;
        this.runId = id;
    }
    async wait(withOpenStore, schedule) {
        const deadline = this.started + this.timeoutMs;
        let interval = schedule.firstMs;
        try {
            for (;;) {
                const outcome = await withOpenStore(async (store) => this.decide(await this.look(store), Date.now() >= deadline));
                if (outcome !== undefined) {
                    this.clearProgress();
                    this.io.stdout.write(`${outcome.line}\n`);
                    return outcome.code;
                }
                // The last look is at the deadline, not an interval past it.
                await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(interval, deadline - Date.now()))));
                interval = Math.min(interval * schedule.growth, schedule.maxMs);
            }
        }
        finally {
            this.clearProgress();
        }
    }
    async look(store) {
        const run = await store.getRun(this.runId);
        if (run === undefined)
            return { kind: "absent" };
        this.runId = run.id;
        if (run.status !== "running") {
            const { verdict, summary } = await judgeStoredRun(store, run, undefined, undefined);
            const code = (0,exit_codes/* exitCodeFor */.Rr)(verdict);
            const reasons = verdict.reasons.length > 0 ? `: ${verdict.reasons.map(oneLine).join("; ")}` : "";
            const counts = `${(0,stats/* formatCount */.B4)(summary.passed)} of ${(0,stats/* formatCount */.B4)(summary.total)} items passed`;
            return { kind: "ended", code, line: `run ${run.id} ended ${run.status}: ${verdict_words_VERDICT_WORDS[verdict.verdict]}, ${counts}${reasons}` };
        }
        // One read of the lease decides: a second could find it released by a run that just ended.
        const lease = await store.getRunLease(run.id);
        const now = new Date();
        const owner = lease === undefined || isLeaseStale(lease, now) ? undefined : { host: lease.host, pid: lease.pid, heartbeatAgeMs: heartbeatAgeMs(lease, now) };
        return { kind: "running", run, lease, owner, stored: async () => (await store.runItemStatuses(run.id)).size };
    }
    /** The outcome once there is one: the run ended, its process is gone, or the time is up. */
    async decide(look, timedOut) {
        const waited = formatWaited(Date.now() - this.started);
        if (look.kind === "ended")
            return look;
        if (look.kind === "absent") {
            // A run in progress elsewhere reaches a results branch only when it ends; elsewhere an unknown id is a mistake.
            if (!this.onBranch)
                throw new core_errors/* UserError */.yo(`no run "${this.runId}" in this store (see \`evalgate runs list\`)`);
            if (timedOut) {
                return { code: exit_codes/* EXIT */.dc.timedOut, line: `run ${this.runId} did not appear on the results branch within ${this.timeoutText}: stopped waiting` };
            }
            if (!this.saidAbsent) {
                this.io.stderr.write(`run ${this.runId} is not on the results branch yet: a run in progress elsewhere appears there when it ends; waiting up to ${this.timeoutText}\n`);
                this.saidAbsent = true;
            }
            return undefined;
        }
        const { run, lease, owner } = look;
        if (lease === undefined)
            this.unleasedSince ??= Date.now();
        else
            this.unleasedSince = undefined;
        // A stale lease is a process gone (engine/run-lease.ts); a run with no lease at all may be a
        // moment from taking one (or being merged), so it gets the time a silent owner gets.
        // At the timeout a run nobody holds is interrupted, as `reports ci` says, not merely still running.
        const unleasedFor = Date.now() - (this.unleasedSince ?? Date.now());
        const gone = owner === undefined && (lease !== undefined || unleasedFor >= LEASE_TTL_MS || timedOut);
        if (gone) {
            const stored = await look.stored();
            const why = lease !== undefined ? `the process running it is gone (${describeLease(lease)})` : `no process holds it (for ${formatWaited(unleasedFor)})`;
            return {
                code: exit_codes/* EXIT */.dc.incomplete,
                line: `run ${run.id} was interrupted: ${why}; ${(0,stats/* formatCount */.B4)(stored)} of ${(0,stats/* formatCount */.B4)(run.item_count)} items are stored. ` +
                    `Resume it with: ${resumeCommand(run)}`,
            };
        }
        if (timedOut) {
            const stored = await look.stored();
            const by = owner === undefined ? "" : ` (${describeRunOwner(owner)})`;
            return {
                code: exit_codes/* EXIT */.dc.timedOut,
                line: `run ${run.id} is still running after ${this.timeoutText}${by}, ${(0,stats/* formatCount */.B4)(stored)} of ${(0,stats/* formatCount */.B4)(run.item_count)} items stored: ` +
                    `stopped waiting. Wait again with: evalgate reports wait ${run.id}`,
            };
        }
        if (this.io.stderr.isTTY === true) {
            const by = owner === undefined ? "" : `, ${describeRunOwner(owner)}`;
            const line = `waiting for ${run.id}: ${(0,stats/* formatCount */.B4)(await look.stored())}/${(0,stats/* formatCount */.B4)(run.item_count)} items stored${by} · ${waited}`;
            // One terminal line, or the next redraw would start on the wrapped part.
            this.io.stderr.write(`\r\x1b[2K${truncateToWidth(line, (this.io.stderr.columns || 80) - 1)}`);
            this.progressShown = true;
        }
        return undefined;
    }
    clearProgress() {
        if (this.progressShown)
            this.io.stderr.write("\r\x1b[2K");
        this.progressShown = false;
    }
}
/** "pid 1234 on build-7, last heartbeat 45 s ago" */
function describeLease(lease) {
    const age = heartbeatAgeMs(lease, new Date());
    const heartbeat = Number.isFinite(age) ? `last heartbeat ${(0,stats/* formatCount */.B4)(Math.round(age / 1000))} s ago` : "no readable heartbeat";
    return `pid ${lease.pid} on ${lease.host}, ${heartbeat}`;
}
function formatWaited(ms) {
    const seconds = Math.floor(ms / 1000);
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

;// CONCATENATED MODULE: ./src/core/check-conclusion.ts
/**
 * The check-run conclusion of a verdict. Branch protection treats `neutral` (and `success`) as
 * passing, so `inconclusive` and `not_comparable` conclude `action_required` — merging blocked,
 * the check's text says what to do — unless the gate opts in with `on_inconclusive: neutral`
 * (GitHub docs, "About status checks": neutral, success and skipped satisfy a required check).
 * `no-baseline` (no baseline stored yet) is `neutral`: the candidate's own checks passed.
 */
function checkConclusionOf(label, gate) {
    switch (label) {
        case "pass":
            return "success";
        case "fail":
            return "failure";
        case "no-baseline":
            return "neutral";
        default:
            return gate.on_inconclusive === "neutral" ? "neutral" : "action_required";
    }
}
/** Whether a conclusion lets a required check pass (a failed Action step follows it). */
function blocksMerge(conclusion) {
    return conclusion === "failure" || conclusion === "action_required";
}

;// CONCATENATED MODULE: ./src/cli/commands/reports.ts
















const ARTIFACT_FORMATS = ["csv", "json", "jsonl", "junit", "arize"];
function registerReportsCommands(program, io, setExit) {
    const reports = program.command("reports").description("failure reports, CI reports and exports of a run; waiting for a run to end");
    reports
        .command("failures")
        .description("every failed and errored item of a run, with the scorers' evidence")
        .argument("<run>", "run id (or a unique prefix)")
        .action(async (id, _flags, command) => {
        await withStore(command, async (store) => {
            const run = await requireRun(store, id);
            const failures = [];
            for await (const item of store.runItems(run.id))
                if (item.status !== "passed")
                    failures.push(item);
            io.stdout.write(renderFailures(run, failures) + "\n");
        });
    });
    reports
        .command("ci")
        .description("a Markdown report of a run (and its comparison with a baseline) for CI summaries")
        .argument("<run>", "run id (or a unique prefix)")
        .option("--baseline <run>", "compare with this baseline run")
        .action(async (id, flags, command) => {
        await withStore(command, async (store) => {
            const run = await requireRun(store, id);
            const baseline = flags.baseline ? await requireRun(store, flags.baseline) : undefined;
            const compared = baseline ? await compareStoredRuns(store, baseline, run, io.cwd) : undefined;
            const comparison = compared?.comparison;
            const { verdict, gate } = await judgeStoredRun(store, run, compared, undefined);
            setExit((0,exit_codes/* exitCodeFor */.Rr)(verdict));
            // The report ends with its newline: one more would take it past the comment limit it is fitted to.
            io.stdout.write(renderCiReport(run, verdict, comparison, { conclusion: checkConclusionOf(verdict.verdict, gate) }));
        });
    });
    reports
        .command("export")
        .description("write a run's items to a file: csv, json, jsonl, junit, or arize (the Arize run schema runs import reads)")
        .argument("<run>", "run id (or a unique prefix)")
        .requiredOption("--artifact-format <format>", "csv, json, jsonl, junit or arize (JSONL; CSV for a .csv file, a JSON array for .json)")
        .requiredOption("-o, --output <file>", "file to write")
        .action(async (id, flags, command) => {
        const format = parseArtifactFormat(flags.artifactFormat);
        await withStore(command, async (store) => {
            const run = await requireRun(store, id);
            // Annotations ride along in the formats that show them beside the scores.
            const annotations = format === "csv" || format === "json" || format === "jsonl" ? await store.runAnnotations(run.id) : [];
            const options = { annotations, arizeFile: importFormatOf(flags.output) ?? "jsonl" };
            await writeOutputFile(flags.output, `-o ${flags.output}`, (partial) => (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(exportRunItems(run, store.runItems(run.id), format, options)), (0,external_node_fs_.createWriteStream)(partial)));
            io.stderr.write(`wrote ${flags.output} (${format}, ${run.summary?.total ?? (await store.runItemStatuses(run.id)).size} items)\n`);
        });
    });
    registerReportsHtmlCommand(reports, io, setExit);
    registerReportsWaitCommand(reports, io, setExit);
}
function parseArtifactFormat(value) {
    if (ARTIFACT_FORMATS.includes(value))
        return value;
    throw new core_errors/* UserError */.yo(`--artifact-format: "${value}" is not one of ${ARTIFACT_FORMATS.join(", ")}`);
}

// EXTERNAL MODULE: ./src/core/dataset/format.ts
var dataset_format = __webpack_require__(74469);
;// CONCATENATED MODULE: ./src/core/report/format-age.ts
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * How long ago something happened, as a person says it: "just now", "45 s ago", "3 min ago",
 * "5 h ago", "12 days ago" (whole units, rounded down). A time in the future (another machine's
 * clock ahead of ours) reads "just now"; an unreadable one "".
 */
function formatAge(then, now) {
    const at = Date.parse(then);
    if (Number.isNaN(at))
        return "";
    const elapsed = now - at;
    if (elapsed < 10 * SECOND)
        return "just now";
    if (elapsed < MINUTE)
        return `${Math.floor(elapsed / SECOND)} s ago`;
    if (elapsed < HOUR)
        return `${Math.floor(elapsed / MINUTE)} min ago`;
    // Up to two days in hours: "30 h ago" says more than "1 days ago".
    if (elapsed < 2 * DAY)
        return `${Math.floor(elapsed / HOUR)} h ago`;
    return `${Math.floor(elapsed / DAY)} days ago`;
}

;// CONCATENATED MODULE: ./src/core/report/dataset-version-rows.ts


/** The machine formats keep every field, as the store names it. */
const DATASET_VERSION_COLUMNS = ["version", "dataset_path", "item_count", "runs", "created_at", "first_used", "last_used"];
/** What `datasets list` shows in a terminal. */
const DATASET_VERSION_TABLE_COLUMNS = ["version", "dataset", "items", "runs", "first used", "last used"];
/** The version is what a user copies into the next command, so it is never cut; the path shortens first. */
const DATASET_VERSION_TABLE_FIT = {
    giveWay: ["dataset", "first used", "last used", "runs", "items"],
    align: { items: "right", runs: "right" },
};
function datasetVersionRow(version) {
    return {
        version: version.version,
        dataset_path: version.dataset_path,
        item_count: version.item_count,
        runs: version.runs,
        created_at: version.created_at,
        first_used: version.first_used ?? null,
        last_used: version.last_used ?? null,
    };
}
function datasetVersionTableRow(version, now) {
    return {
        version: version.version,
        dataset: version.dataset_path,
        items: (0,stats/* formatCount */.B4)(version.item_count),
        runs: (0,stats/* formatCount */.B4)(version.runs),
        "first used": version.first_used === undefined ? "never" : formatAge(version.first_used, now),
        "last used": version.last_used === undefined ? "" : formatAge(version.last_used, now),
    };
}

;// CONCATENATED MODULE: ./src/core/report/format-listing.ts



/**
 * Rows for `runs list`, `scores list` and the like. `table` fits `table.width` terminal columns;
 * the machine formats keep exactly `columns`, in that order, on every row (a missing value is
 * null / an empty cell), uncut, so scripts can rely on them.
 */
function formatListing(rows, columns, format, table = {}) {
    switch (format) {
        case "table":
            if (rows.length === 0)
                return "(none)\n";
            return `${formatTable(columns, rows.map((row) => cellsOf(row, columns)), tableOptions(columns, table))}\n`;
        case "csv":
            return [columns, ...rows.map((row) => cellsOf(row, columns))].map(csvRow).join("");
        case "json":
            return `${JSON.stringify(rows.map((row) => pick(row, columns)), null, 2)}\n`;
        case "jsonl":
            return rows.map((row) => `${JSON.stringify(pick(row, columns))}\n`).join("");
    }
}
function tableOptions(columns, table) {
    const { giveWay, align } = table;
    return {
        maxWidth: table.width ?? 80,
        ...(align ? { align: columns.map((column) => align[column] ?? "left") } : {}),
        ...(giveWay ? { giveWay: giveWay.map((column) => columns.indexOf(column)).filter((index) => index >= 0) } : {}),
    };
}
function cellsOf(row, columns) {
    return columns.map((column) => cellText(row[column]));
}
function cellText(value) {
    return value === undefined || value === null ? "" : valueText(value);
}
function pick(row, columns) {
    const picked = {};
    for (const column of columns)
        picked[column] = row[column] ?? null;
    return picked;
}

;// CONCATENATED MODULE: ./src/core/report/render-dataset-diff.ts



/**
 * `datasets diff` as text: the counts, then the ids added, removed and changed (with the fields
 * that changed), at most `maxListed` per list; ids are never cut, since a user copies them.
 */
function renderDatasetDiff(before, after, diff, maxListed = 50) {
    const side = (version) => `${version.version} (${oneLine(version.dataset_path)}, ${(0,stats/* formatCount */.B4)(version.item_count)} items)`;
    const lines = [
        `dataset ${side(before)} → ${side(after)}`,
        `added ${(0,stats/* formatCount */.B4)(diff.added.length)}, removed ${(0,stats/* formatCount */.B4)(diff.removed.length)}, ` +
            `changed ${(0,stats/* formatCount */.B4)(diff.changed.length)}, unchanged ${(0,stats/* formatCount */.B4)(diff.unchanged)}`,
    ];
    const list = (title, entries) => {
        if (entries.length === 0)
            return;
        lines.push("", `${title} (${(0,stats/* formatCount */.B4)(entries.length)}):`);
        for (const entry of entries.slice(0, maxListed))
            lines.push(`  ${entry}`);
        if (entries.length > maxListed)
            lines.push(`  … and ${(0,stats/* formatCount */.B4)(entries.length - maxListed)} more (--format json lists every id)`);
    };
    list("added", diff.added.map(oneLine));
    list("removed", diff.removed.map(oneLine));
    const idWidth = Math.min(32, Math.max(0, ...diff.changed.slice(0, maxListed).map((item) => displayWidth(oneLine(item.id)))));
    list("changed", diff.changed.map((item) => `${padToWidth(oneLine(item.id), idWidth)}  ${item.fields.join(", ")}`));
    return `${lines.join("\n")}\n`;
}

;// CONCATENATED MODULE: ./src/core/report/render-dataset-version.ts





function countItemFields(counts, item) {
    counts.items += 1;
    if (item.expected !== undefined)
        counts.withExpected += 1;
    if (item.metadata !== undefined)
        counts.withMetadata += 1;
    if (item.scorers !== undefined)
        counts.withScorers += 1;
}
function emptyItemCounts() {
    return { items: 0, withExpected: 0, withMetadata: 0, withScorers: 0 };
}
/**
 * `datasets show`: the stored version, its runs, and its first items (by id) in one line each,
 * for a `width`-column terminal.
 */
function renderDatasetVersion(version, counts, firstItems, now, width = 80) {
    const carrying = [
        counts.withExpected > 0 ? `${(0,stats/* formatCount */.B4)(counts.withExpected)} with expected` : "",
        counts.withMetadata > 0 ? `${(0,stats/* formatCount */.B4)(counts.withMetadata)} with metadata` : "",
        counts.withScorers > 0 ? `${(0,stats/* formatCount */.B4)(counts.withScorers)} with their own scorers` : "",
    ].filter((part) => part !== "");
    const lines = [
        render_dataset_version_field("dataset", `${version.version} (${version.dataset_path})`),
        render_dataset_version_field("items", `${(0,stats/* formatCount */.B4)(counts.items)}${carrying.length > 0 ? ` (${carrying.join(", ")})` : ""}`),
        render_dataset_version_field("stored", `${version.created_at} (${formatAge(version.created_at, now)})`),
        render_dataset_version_field("runs", runsText(version, now)),
    ];
    if (firstItems.length > 0) {
        lines.push("", `first ${(0,stats/* formatCount */.B4)(firstItems.length)} items (by id):`);
        const ids = firstItems.map((item) => excerpt(item.id, 24));
        const idWidth = Math.max(...ids.map(displayWidth));
        firstItems.forEach((item, index) => {
            const expected = item.expected === undefined ? "" : ` → ${excerpt(item.expected, width)}`;
            lines.push(`  ${padToWidth(ids[index], idWidth)}  ${excerpt(item.input, width)}${expected}`);
        });
        const more = counts.items - firstItems.length;
        if (more > 0)
            lines.push(`… and ${(0,stats/* formatCount */.B4)(more)} more: evalgate datasets export ${version.version} -o FILE`);
    }
    return fitLines(lines, width);
}
function runsText(version, now) {
    if (version.runs === 0 || version.first_used === undefined)
        return "none";
    const last = version.last_used ?? version.first_used;
    return `${(0,stats/* formatCount */.B4)(version.runs)} · first ${version.first_used} · last ${last} (${formatAge(last, now)})`;
}
function render_dataset_version_field(name, value) {
    return `${name.padEnd(11)} ${value}`;
}

;// CONCATENATED MODULE: ./src/core/versions/diff-dataset-items.ts



/** The parts of an item a change can be in, as a dataset record writes them. */
const ITEM_FIELDS = ["input", "expected", "metadata", "scorers", "scorers_mode"];
/**
 * Compares two dataset versions by a merge-join over their items, each ordered by id
 * (compareItemIds, as RunStore.datasetVersionItems streams them), holding one item per side and
 * the ids it reports. An id is an item's identity (PRODUCT.md): an item whose id stays and whose
 * content moved is changed, not removed and added. `names` label the streams in the error for
 * an unordered one.
 */
async function diffDatasetItems(before, after, names = { before: "before", after: "after" }) {
    const diff = { added: [], removed: [], changed: [], unchanged: 0 };
    const left = orderedCursorOf(before, names.before);
    const right = orderedCursorOf(after, names.after);
    try {
        let a = await left.next();
        let b = await right.next();
        while (a !== undefined || b !== undefined) {
            const order = a === undefined ? 1 : b === undefined ? -1 : (0,item_id_order/* compareItemIds */.D)(a.id, b.id);
            if (order < 0) {
                diff.removed.push(a.id);
                a = await left.next();
            }
            else if (order > 0) {
                diff.added.push(b.id);
                b = await right.next();
            }
            else {
                const fields = changedFields(a, b);
                if (fields.length === 0)
                    diff.unchanged += 1;
                else
                    diff.changed.push({ id: a.id, fields });
                [a, b] = await Promise.all([left.next(), right.next()]);
            }
        }
    }
    finally {
        await Promise.all([left.close(), right.close()]);
    }
    return diff;
}
function changedFields(a, b) {
    return ITEM_FIELDS.filter((field) => (0,canonical/* canonicalJson */.dj)(a[field]) !== (0,canonical/* canonicalJson */.dj)(b[field]));
}
/** Refuses a stream out of id order: a merge-join over it would report shared items as added and removed. */
function orderedCursorOf(items, name) {
    return orderedCursor(items, name, "id", (item) => item.id);
}

;// CONCATENATED MODULE: ./src/core/dataset/csv-columns.ts


const NESTED = /^(input|expected)\.(.+)$/;
/** Columns whose empty cell means the field is absent (a `scorers` cell holds a JSON list). */
const OPTIONAL_COLUMNS = new Set(["id", "expected", "scorers", "scorers_mode"]);
/** `quoteContent` false: no message names a column (the file is outside the project). */
function csv_columns_csvHeader(cells, where, quoteContent) {
    const names = cells.map((cell) => cell.trim());
    const seen = new Map();
    names.forEach((name, index) => {
        if (name === "")
            throw new core_errors/* UserError */.yo(`${where}: the header has an empty column name (column ${index + 1})`);
        const first = seen.get(name);
        if (first !== undefined) {
            throw new core_errors/* UserError */.yo(quoteContent
                ? `${where}: column "${name}" appears twice in the header`
                : `${where}: column ${index + 1} of the header repeats the name of column ${first + 1}`);
        }
        seen.set(name, index);
    });
    for (const field of ["input", "expected"]) {
        if (seen.has(field) && names.some((name) => name.startsWith(`${field}.`))) {
            throw new core_errors/* UserError */.yo(`${where}: write either an "${field}" column or "${field}.<field>" columns, not both`);
        }
    }
    return { names };
}
/**
 * A CSV row as a record for `recordToItem`: `input.question` columns build `input.question`, a
 * cell holding a JSON object or array is parsed, and an empty `id` or `expected` is absent.
 */
function csvRowToRecord(header, cells) {
    const record = {};
    const others = {};
    header.names.forEach((name, index) => {
        const cell = cells[index] ?? "";
        const nested = NESTED.exec(name);
        if (nested !== null) {
            const [, field, key] = nested;
            const target = (record[field] ??= {});
            target[key] = cellValue(cell);
        }
        else if (OPTIONAL_COLUMNS.has(name) && cell === "") {
            // An empty cell means "none": the id is derived, the item has no expected value or scorers of its own.
        }
        else if (name === "id" || name === "input" || name === "expected" || name === "metadata") {
            record[name] = name === "id" ? cell : cellValue(cell);
        }
        else {
            others[name] = cellValue(cell);
        }
    });
    return { ...others, ...record };
}
// A cell that is not JSON, or is nested too deeply to be an item's value, stays text.
function cellValue(cell) {
    const first = cell.trimStart()[0];
    if (first !== "{" && first !== "[")
        return cell;
    try {
        const value = JSON.parse(cell);
        return nestingExceeds(value) ? cell : value;
    }
    catch {
        return cell;
    }
}

;// CONCATENATED MODULE: ./src/core/dataset/record-to-item.ts



const RESERVED = new Set(["id", "input", "expected", "metadata", "scorers", "scorers_mode"]);
/**
 * A parsed record → an item. With an `input` key, `input`/`expected`/`metadata`/`id` are taken
 * as they are and any other key joins `metadata`. Without one, the record minus `id`, `expected`,
 * `metadata` and the item's own `scorers`/`scorers_mode` is the input, so
 * `{"question": …, "expected": …}` needs no wrapping. `where` (`file:line`) prefixes every error.
 */
function recordToItem(record, where) {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
        throw new core_errors/* UserError */.yo(`${where}: expected a JSON object, got ${(0,dataset_format/* describeJsonType */.cc)(record)}`);
    }
    const fields = record;
    const metadata = metadataOf(fields, where);
    const scorers = itemScorersOf(fields, where);
    const others = otherFields(fields);
    if (Object.hasOwn(fields, "input")) {
        // An explicit metadata field wins over a loose key of the same name.
        return buildItem(fields.id, fields.input, fields.expected, others === undefined ? metadata : { ...others, ...metadata }, scorers, where);
    }
    if (others === undefined) {
        throw new core_errors/* UserError */.yo(`${where}: the record has no input; add an "input" field (or fields that make up the input)`);
    }
    return buildItem(fields.id, others, fields.expected, metadata, scorers, where);
}
/**
 * The record's keys that are not an item's own fields; undefined when there are none (the usual
 * `{"id", "input", "expected"}` record), so no empty object is made for every record.
 */
function otherFields(fields) {
    let others;
    for (const [key, value] of Object.entries(fields)) {
        if (!RESERVED.has(key) && value !== undefined)
            (others ??= {})[key] = value;
    }
    return others;
}
/**
 * The record's own scorers, kept as written: their names and configs are checked against the
 * experiment when the dataset is inspected (the dataset alone does not know the scorers). An
 * empty list adds nothing and is dropped; replacing with nothing would leave the item unjudged.
 */
function itemScorersOf(fields, where) {
    const { scorers, scorers_mode: mode } = fields;
    if (mode !== undefined && mode !== "add" && mode !== "replace") {
        const got = typeof mode === "string" ? "" : `, got ${(0,dataset_format/* describeJsonType */.cc)(mode)}`;
        throw new core_errors/* UserError */.yo(`${where}: "scorers_mode" must be "add" (the default) or "replace"${got}`);
    }
    if (scorers === undefined) {
        if (mode === "replace")
            throw new core_errors/* UserError */.yo(`${where}: "scorers_mode" is "replace" but the record has no "scorers" list`);
        return {};
    }
    if (!Array.isArray(scorers)) {
        throw new core_errors/* UserError */.yo(`${where}: "scorers" must be a list of scorers, as in evalgate.yml (e.g. ["json_valid"]), got ${(0,dataset_format/* describeJsonType */.cc)(scorers)}`);
    }
    if (scorers.length === 0) {
        if (mode === "replace")
            throw new core_errors/* UserError */.yo(`${where}: "scorers_mode" is "replace" but "scorers" is empty; the item would have no scorer`);
        return {};
    }
    return { scorers: scorers, ...(mode === "replace" ? { scorers_mode: "replace" } : {}) };
}
function metadataOf(fields, where) {
    const metadata = fields.metadata;
    if (metadata === undefined)
        return {};
    if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) {
        throw new core_errors/* UserError */.yo(`${where}: "metadata" must be a JSON object, got ${(0,dataset_format/* describeJsonType */.cc)(metadata)}`);
    }
    return metadata;
}
function buildItem(rawId, input, expected, metadata, scorers, where) {
    // Built once, id first (the order items always had), unless the id is derived from the content.
    const id = rawId === undefined ? undefined : idOf(rawId, where);
    const item = { id, input: input };
    if (expected !== undefined)
        item.expected = expected;
    if (hasKeys(metadata))
        item.metadata = metadata;
    if (scorers.scorers !== undefined)
        item.scorers = scorers.scorers;
    if (scorers.scorers_mode !== undefined)
        item.scorers_mode = scorers.scorers_mode;
    if (id !== undefined)
        return item;
    const { id: _none, ...content } = item;
    item.id = (0,canonical/* contentHash */.Ae)(content, 16);
    return item;
}
function hasKeys(object) {
    for (const key in object)
        if (Object.hasOwn(object, key))
            return true;
    return false;
}
function idOf(rawId, where) {
    // Refused for every store alike: PostgreSQL's text cannot hold U+0000, and a run must be able to
    // move between stores (the Action publishes from the embedded store).
    if (typeof rawId === "string" && rawId.includes("\u0000")) {
        throw new core_errors/* UserError */.yo(`${where}: "id" contains the character U+0000, which no store can keep as an id; remove it`);
    }
    if (typeof rawId === "string" && rawId !== "")
        return rawId;
    if (typeof rawId === "number" && Number.isFinite(rawId))
        return String(rawId);
    throw new core_errors/* UserError */.yo(`${where}: "id" must be a non-empty string or a number, got ${(0,dataset_format/* describeJsonType */.cc)(rawId)}${rawId === "" ? " (empty)" : ""}; leave it out to derive the id from the content`);
}

;// CONCATENATED MODULE: ./src/core/versions/export-dataset-items.ts






/**
 * The columns of a CSV export of `items` (one pass over them): `id,input`, then `expected`,
 * `metadata`, `scorers` and `scorers_mode` when any item has one.
 */
async function csvExportColumns(items) {
    const present = new Set();
    for await (const item of items) {
        for (const field of ITEM_FIELDS)
            if (item[field] !== undefined)
                present.add(field);
    }
    return ["id", "input", ...ITEM_FIELDS.filter((field) => field !== "input" && present.has(field))];
}
/**
 * A dataset version's items as a file the dataset loader reads back as the same version: JSONL
 * (one record per line), a JSON array, or CSV with `columns` (from csvExportColumns; computed
 * from `items` when not given, which then are read twice). Every record keeps its id, so a
 * derived id reads back the same. A CSV cell is text, so an item CSV cannot carry (a number as
 * input, text that reads as JSON, an empty expected text) is refused with a UserError naming it.
 */
async function* exportDatasetItems(items, format, columns) {
    if (format === "csv") {
        const names = columns ?? (await csvExportColumns(items));
        const header = csv_columns_csvHeader(names, "export", true);
        yield csvRow(names);
        for await (const item of items)
            yield csvRow(csvCells(item, names, header));
        return;
    }
    if (format === "jsonl") {
        for await (const item of items)
            yield `${JSON.stringify(item)}\n`;
        return;
    }
    let first = true;
    for await (const item of items) {
        yield `${first ? "[\n" : ",\n"}${JSON.stringify(item)}`;
        first = false;
    }
    yield first ? "[]\n" : "\n]\n";
}
/** The item's cells, checked by reading them back as the loader does (csv-columns.ts, record-to-item.ts). */
function csvCells(item, columns, header) {
    const cells = columns.map((column) => cellOf(item, column));
    let lost;
    try {
        const readBack = recordToItem(csvRowToRecord(header, cells), "export");
        lost = readBack.id !== item.id ? "id" : ITEM_FIELDS.find((field) => (0,canonical/* canonicalJson */.dj)(item[field]) !== (0,canonical/* canonicalJson */.dj)(readBack[field]));
    }
    catch (error) {
        if (!(error instanceof core_errors/* UserError */.yo))
            throw error;
        lost = "content";
    }
    if (lost !== undefined) {
        throw new core_errors/* UserError */.yo(`item ${JSON.stringify(item.id)} cannot be written as CSV: its ${lost} would read back as something else ` +
            "(a CSV cell is text, so a number, true, false or null, an empty text, or text that reads as JSON changes); " +
            "export as .jsonl or .json instead");
    }
    return cells;
}
/** Text as it is; any other value as JSON (csv-columns.ts reads a cell starting with { or [ as JSON). */
function cellOf(item, column) {
    const value = item[column];
    // An empty metadata cell would be read as the text "", which is not an object.
    if (value === undefined)
        return column === "metadata" ? "{}" : "";
    return typeof value === "string" ? value : JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/cli/commands/datasets.ts














const EXPORT_FORMATS = ["jsonl", "csv", "json"];
function registerDatasetsCommands(program, io) {
    const datasets = program.command("datasets").description("dataset versions kept in the store: list, show, export and diff them");
    datasets
        .command("list")
        .description("stored dataset versions with their runs, most recently used first")
        .argument("[dataset]", "only versions of this dataset file (its path as runs record it)")
        .option("--format <format>", "table, csv, json or jsonl", "table")
        .action(async (path, flags, command) => {
        const format = parseFormat(flags.format);
        const versions = (await withStore(command, (store) => store.listDatasetVersions())).filter((version) => path === undefined || version.dataset_path === path);
        if (format === "table") {
            const now = Date.now();
            const rows = versions.map((version) => datasetVersionTableRow(version, now));
            io.stdout.write(formatListing(rows, DATASET_VERSION_TABLE_COLUMNS, format, { ...DATASET_VERSION_TABLE_FIT, width: terminalWidth(io) }));
        }
        else {
            io.stdout.write(formatListing(versions.map(datasetVersionRow), DATASET_VERSION_COLUMNS, format));
        }
    });
    datasets
        .command("show")
        .description("one dataset version: where it came from, its runs, item counts and its first items")
        .argument("<version>", "dataset version (or a unique prefix)")
        .option("--format <format>", "table or json", "table")
        .option("--items <n>", "how many of its first items (by id) to show", "5")
        .action(async (version, flags, command) => {
        const format = tableOrJson(flags.format);
        const shown = parsePositiveInt("--items", flags.items);
        await withStore(command, async (store) => {
            const use = await datasetVersionUse(store, await requireDatasetVersion(store, version));
            const counts = emptyItemCounts();
            const firstItems = [];
            for await (const item of store.datasetVersionItems(use.version)) {
                countItemFields(counts, item);
                if (firstItems.length < shown)
                    firstItems.push(item);
            }
            if (format === "table") {
                io.stdout.write(renderDatasetVersion(use, counts, firstItems, Date.now(), terminalWidth(io)));
            }
            else {
                const carrying = { with_expected: counts.withExpected, with_metadata: counts.withMetadata, with_scorers: counts.withScorers };
                io.stdout.write(`${JSON.stringify({ ...datasetVersionRow(use), counts: carrying, items: firstItems }, null, 2)}\n`);
            }
        });
    });
    datasets
        .command("export")
        .description("write a dataset version's items to a file that evalgate reads back as the same version")
        .argument("<version>", "dataset version (or a unique prefix)")
        .requiredOption("-o, --output <file>", "file to write: .jsonl, .csv or .json")
        .option("--format <format>", "jsonl, csv or json, when the file name does not tell")
        .action(async (version, flags, command) => {
        const format = exportFormat(flags.output, flags.format);
        await withStore(command, async (store) => {
            const record = await requireDatasetVersion(store, version);
            const items = () => store.datasetVersionItems(record.version);
            const columns = format === "csv" ? await csvExportColumns(items()) : undefined;
            await writeOutputFile(flags.output, `-o ${flags.output}`, (partial) => (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(exportDatasetItems(items(), format, columns)), (0,external_node_fs_.createWriteStream)(partial)));
            io.stderr.write(`wrote ${flags.output} (${format}, ${(0,stats/* formatCount */.B4)(record.item_count)} items of dataset version ${record.version})\n`);
        });
    });
    datasets
        .command("diff")
        .description("the item ids added, removed and changed from one dataset version to another")
        .argument("<v1>", "the older dataset version (or a unique prefix)")
        .argument("<v2>", "the newer dataset version (or a unique prefix)")
        .option("--format <format>", "table or json", "table")
        .action(async (first, second, flags, command) => {
        const format = tableOrJson(flags.format);
        await withStore(command, async (store) => {
            const before = await requireDatasetVersion(store, first);
            const after = await requireDatasetVersion(store, second);
            const diff = await diffDatasetItems(store.datasetVersionItems(before.version), store.datasetVersionItems(after.version), {
                before: `dataset version ${before.version}`,
                after: `dataset version ${after.version}`,
            });
            if (format === "table")
                io.stdout.write(renderDatasetDiff(before, after, diff));
            else
                io.stdout.write(`${JSON.stringify({ before: sideOf(before), after: sideOf(after), ...diff }, null, 2)}\n`);
        });
    });
}
/** The stored version by exact version or unique prefix; a UserError saying where to look when there is none. */
async function requireDatasetVersion(store, version) {
    const record = await store.getDatasetVersion(version);
    if (record === undefined) {
        throw new core_errors/* UserError */.yo(`no dataset version "${version}" in this store (see \`evalgate datasets list\`; runs made before evalgate kept dataset versions have none stored)`);
    }
    return record;
}
async function datasetVersionUse(store, record) {
    const listed = (await store.listDatasetVersions()).find((use) => use.version === record.version);
    return listed ?? { ...record, runs: 0 };
}
function sideOf(record) {
    return { version: record.version, dataset_path: record.dataset_path, item_count: record.item_count };
}
/** `--format` when given, else the output file's extension, as the dataset loader reads it. */
function exportFormat(output, given) {
    if (given !== undefined) {
        if (EXPORT_FORMATS.includes(given))
            return given;
        throw new core_errors/* UserError */.yo(`--format: "${given}" is not one of ${EXPORT_FORMATS.join(", ")}`);
    }
    try {
        return (0,dataset_format/* datasetFormatOf */.Zo)(output);
    }
    catch {
        throw new core_errors/* UserError */.yo(`-o ${output}: name the file .jsonl, .csv or .json, or pass --format jsonl|csv|json`);
    }
}

// EXTERNAL MODULE: ./src/core/experiment-lifecycle.ts
var experiment_lifecycle = __webpack_require__(81841);
;// CONCATENATED MODULE: ./src/core/report/experiment-rows.ts


const EXPERIMENT_COLUMNS = ["experiment", "version", "version_from", "dataset_version", "versions", "runs", "last_run", "status"];
const EXPERIMENT_TABLE_COLUMNS = ["experiment", "version", "dataset", "versions", "runs", "last run", "status"];
/** Versions are what a user copies, so they are never cut; the name shortens last of the rest. */
const EXPERIMENT_TABLE_FIT = {
    giveWay: ["status", "versions", "last run", "runs", "experiment"],
    align: { versions: "right", runs: "right" },
};
function experimentRow(listed) {
    return {
        experiment: listed.experiment,
        version: listed.version ?? null,
        version_from: listed.version_from,
        dataset_version: listed.dataset_version ?? null,
        versions: listed.versions,
        runs: listed.runs,
        last_run: listed.last_run ?? null,
        status: listed.status ?? null,
    };
}
function experimentTableRow(listed, now) {
    return {
        experiment: listed.experiment,
        version: listed.version ?? "",
        dataset: listed.dataset_version ?? "",
        versions: (0,stats/* formatCount */.B4)(listed.versions),
        runs: (0,stats/* formatCount */.B4)(listed.runs),
        "last run": listed.last_run === undefined ? "never" : formatAge(listed.last_run, now),
        status: listed.status ?? "",
    };
}

;// CONCATENATED MODULE: ./src/core/report/render-definition-diff.ts


/**
 * `experiments diff` as text: each changed path, then its value before and after as JSON (so
 * "1" and 1 read apart), whole: a changed prompt is the point of the diff, so nothing is cut.
 */
function renderDefinitionDiff(before, after, changes) {
    const side = (version) => `${version.version} (${oneLine(version.experiment)})`;
    const lines = [`experiment version ${side(before)} → ${side(after)}`];
    if (changes.length === 0) {
        lines.push("no changes: the definitions are the same");
        return `${lines.join("\n")}\n`;
    }
    lines.push(`${(0,stats/* formatCount */.B4)(changes.length)} change${changes.length === 1 ? "" : "s"}:`);
    for (const change of changes) {
        lines.push("", `  ${oneLine(change.path)}`, `    before: ${shown(change.before)}`, `    after:  ${shown(change.after)}`);
    }
    return `${lines.join("\n")}\n`;
}
function shown(value) {
    return value === undefined ? "(absent)" : oneLine(JSON.stringify(value));
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/core/report/render-experiment-versions.ts




/**
 * `experiments show`: each version, newest first, with when it first ran and its definition as
 * evalgate.yml writes one (YAML). A definition never holds a secret: it is stored before
 * `${NAME}` is filled in.
 */
function renderExperimentVersions(experiment, versions, now) {
    const lines = [`experiment ${oneLine(experiment)}: ${(0,stats/* formatCount */.B4)(versions.length)} version${versions.length === 1 ? "" : "s"}`];
    for (const version of versions) {
        lines.push("", `version ${version.version}${version.current ? " (current)" : ""}`);
        lines.push(`  ${render_experiment_versions_runsText(version, now)}`);
        if (version.dataset_version !== undefined)
            lines.push(`  newest run over dataset version ${version.dataset_version}`);
        const yaml = (0,dist/* stringify */.As)(version.definition, { lineWidth: 0 }).trimEnd();
        // Each line made safe for a terminal (a prompt may hold escape sequences), its indent kept.
        lines.push(...yaml.split("\n").map((line) => `    ${/^\s*/.exec(line)[0]}${oneLine(line)}`));
    }
    return `${lines.join("\n")}\n`;
}
function render_experiment_versions_runsText(version, now) {
    if (version.first_run === undefined) {
        return version.created_at === undefined ? "never run (from evalgate.yml; stored with its first run)" : `stored ${version.created_at}, never run`;
    }
    const runs = `${(0,stats/* formatCount */.B4)(version.runs)} run${version.runs === 1 ? "" : "s"}`;
    const last = version.last_run !== undefined && version.last_run !== version.first_run ? ` · last ${formatAge(version.last_run, now)}` : "";
    return `first run ${version.first_run} (${formatAge(version.first_run, now)}) · ${runs}${last}`;
}

;// CONCATENATED MODULE: ./src/core/versions/diff-definitions.ts

/**
 * Where two stored definitions (experiment versions) differ: one change per differing value,
 * in key order (as canonical JSON sorts them). Objects are compared key by key and lists index
 * by index (a scorer inserted at the front shows every later index changed:
 * list positions are what the definition hashes). Key order never makes a change.
 */
function diffDefinitions(before, after) {
    const changes = [];
    collect(before, after, "", changes);
    return changes;
}
function collect(before, after, path, changes) {
    if (before === undefined && after === undefined)
        return;
    if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
        for (const key of keys)
            collect(before[key], after[key], joinKey(path, key), changes);
        return;
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        for (let index = 0; index < Math.max(before.length, after.length); index += 1) {
            collect(before[index], after[index], `${path}[${index}]`, changes);
        }
        return;
    }
    if (before !== undefined && after !== undefined && (0,canonical/* canonicalJson */.dj)(before) === (0,canonical/* canonicalJson */.dj)(after))
        return;
    changes.push({
        path: path === "" ? "(definition)" : path,
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
    });
}
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** `target.url`, or `target.headers["X-Api-Key"]` for a key that is not a plain name. */
function joinKey(path, key) {
    if (!PLAIN_KEY.test(key))
        return `${path}[${JSON.stringify(key)}]`;
    return path === "" ? key : `${path}.${key}`;
}
function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/core/dataset/line-breaks.ts
const LF = 0x0a;
const CR = 0x0d;
/**
 * Counts physical lines in a stream of bytes as an editor shows them: LF, CRLF and a lone CR each
 * end a line (a CRLF split across two chunks counts once). UTF-8 never uses these byte values
 * inside a multi-byte character, so bytes can be counted without decoding.
 */
class LineBreakCounter {
    lineNumber = 1;
    afterCr = false;
    /** The 1-based line of the next byte. */
    get line() {
        return this.lineNumber;
    }
    /** Counts the line breaks in `bytes[start, end)`; returns the line of the byte at `end`. */
    advance(bytes, start = 0, end = bytes.length) {
        if (start >= end)
            return this.lineNumber;
        // Native searches (memchr) over exactly the range, rather than a byte loop: this runs over
        // every byte of a dataset, and once per CSV record.
        const range = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
        let lineFeeds = 0;
        for (let at = range.indexOf(LF); at !== -1; at = range.indexOf(LF, at + 1))
            lineFeeds++;
        let carriageReturns = 0;
        let pairs = this.afterCr && range[0] === LF ? 1 : 0;
        for (let at = range.indexOf(CR); at !== -1; at = range.indexOf(CR, at + 1)) {
            carriageReturns++;
            if (range[at + 1] === LF)
                pairs++;
        }
        this.lineNumber += lineFeeds + carriageReturns - pairs;
        this.afterCr = range[range.length - 1] === CR;
        return this.lineNumber;
    }
}
/**
 * Where `text[index]` is, counted as `LineBreakCounter` counts: `lines` line breaks before it, and
 * its 1-based column on its line (in UTF-16 units, as editors number columns).
 */
function positionInText(text, index) {
    let lines = 0;
    let lineStart = 0;
    for (let at = 0; at < index; at++) {
        const code = text.charCodeAt(at);
        if (code === CR || (code === LF && (at === 0 || text.charCodeAt(at - 1) !== CR)))
            lines++;
        if (code === CR || code === LF)
            lineStart = at + 1;
    }
    return { lines, column: index - lineStart + 1 };
}

;// CONCATENATED MODULE: ./src/core/dataset/decode-utf8.ts



const NO_BYTES = new Uint8Array(0);
/**
 * Decodes a file's chunks as UTF-8, refusing the first byte sequence that is not UTF-8 with the
 * file, line and byte offset: a replacement character would silently change the items and their
 * ids. Streams (one chunk and at most three bytes of an unfinished character are held); a
 * byte-order mark at the start is dropped. Text chunks pass through as they are.
 */
async function* decodeUtf8Chunks(chunks, file) {
    const decoder = new external_node_util_.TextDecoder("utf-8", { fatal: true });
    const lines = new LineBreakCounter();
    let offset = 0;
    let unfinished = NO_BYTES;
    for await (const chunk of chunks) {
        if (typeof chunk === "string") {
            yield chunk;
            continue;
        }
        let text;
        try {
            text = decoder.decode(chunk, { stream: true });
        }
        catch {
            const bytes = concatBytes(unfinished, chunk);
            const bad = Math.max(0, firstInvalidUtf8(bytes, false)) - unfinished.length;
            lines.advance(chunk, 0, Math.max(0, bad));
            throw invalidUtf8(file, lines.line, offset + bad);
        }
        lines.advance(chunk);
        offset += chunk.byteLength;
        unfinished = unfinishedCharacter(chunk);
        if (text !== "")
            yield text;
    }
    try {
        const rest = decoder.decode();
        if (rest !== "")
            yield rest;
    }
    catch {
        throw invalidUtf8(file, lines.line, offset - unfinished.length);
    }
}
/** A whole file's bytes as text (the config file), refused as `decodeUtf8Chunks` refuses. */
function decodeUtf8(bytes, file) {
    try {
        return new external_node_util_.TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }
    catch {
        const bad = Math.max(0, firstInvalidUtf8(bytes, true));
        throw invalidUtf8(file, new LineBreakCounter().advance(bytes, 0, bad), bad);
    }
}
function invalidUtf8(file, line, offset) {
    return new core_errors/* UserError */.yo(`${file}:${line}: the file is not valid UTF-8 (at byte ${offset}); save it with the UTF-8 encoding`);
}
/**
 * The index of the first byte that starts an invalid sequence (the Unicode "maximal subpart"
 * rule, as TextDecoder applies it), or -1. With `final` false, a character cut off at the end is
 * not an error: the next chunk finishes it.
 */
function firstInvalidUtf8(bytes, final) {
    let index = 0;
    while (index < bytes.length) {
        const lead = bytes[index];
        if (lead < 0x80) {
            index++;
            continue;
        }
        let continuation;
        let lower = 0x80;
        let upper = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf)
            continuation = 1;
        else if (lead >= 0xe0 && lead <= 0xef) {
            continuation = 2;
            if (lead === 0xe0)
                lower = 0xa0; // overlong
            if (lead === 0xed)
                upper = 0x9f; // surrogates
        }
        else if (lead >= 0xf0 && lead <= 0xf4) {
            continuation = 3;
            if (lead === 0xf0)
                lower = 0x90; // overlong
            if (lead === 0xf4)
                upper = 0x8f; // above U+10FFFF
        }
        else {
            return index;
        }
        for (let k = 1; k <= continuation; k++) {
            if (index + k >= bytes.length)
                return final ? index : -1;
            const byte = bytes[index + k];
            if (byte < (k === 1 ? lower : 0x80) || byte > (k === 1 ? upper : 0xbf))
                return index;
        }
        index += continuation + 1;
    }
    return -1;
}
/** The bytes of a character the chunk's end cuts off (at most three), copied. */
function unfinishedCharacter(chunk) {
    for (let back = 1; back <= Math.min(3, chunk.length); back++) {
        const byte = chunk[chunk.length - back];
        if (byte >= 0x80 && byte <= 0xbf)
            continue;
        const continuation = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : 0;
        return continuation >= back ? chunk.slice(chunk.length - back) : NO_BYTES;
    }
    return NO_BYTES;
}
function concatBytes(first, second) {
    if (first.length === 0)
        return second;
    const bytes = new Uint8Array(first.length + second.length);
    bytes.set(first);
    bytes.set(second, first.length);
    return bytes;
}

;// CONCATENATED MODULE: ./src/core/config/nesting-limit.ts
/** The config nests no deeper than this (a real one needs about 8 levels; a request body a few more). */
const MAX_CONFIG_DEPTH = 64;
/**
 * Finds a value nested deeper than `maxDepth`, or one that contains itself (a YAML alias to one of
 * its own parents, which toJS turns into a circular object). Either would overflow the stack in
 * every later step that walks the config (validation, the experiment version, the request body).
 * Shared values (aliases) are measured once, so the walk stays linear in the document.
 */
function findNestingProblem(value, maxDepth = MAX_CONFIG_DEPTH) {
    const heights = new Map();
    const open = new Set();
    const path = [];
    function height(node) {
        if (node === null || typeof node !== "object")
            return 0;
        const tooDeep = () => ({ path: [...path], message: `nested more than ${maxDepth} levels deep` });
        const known = heights.get(node);
        if (known !== undefined)
            return path.length + known > maxDepth ? tooDeep() : known;
        if (open.has(node))
            return { path: [...path], message: "an alias refers to a value that contains it; a config cannot contain itself" };
        if (path.length >= maxDepth)
            return tooDeep();
        open.add(node);
        let deepest = 0;
        const entries = Array.isArray(node)
            ? node.map((child, index) => [index, child])
            : Object.entries(node);
        for (const [key, child] of entries) {
            path.push(key);
            const found = height(child);
            path.pop();
            if (typeof found !== "number")
                return found;
            deepest = Math.max(deepest, found);
        }
        open.delete(node);
        const result = deepest + 1;
        if (path.length + result > maxDepth)
            return tooDeep();
        heights.set(node, result);
        return result;
    }
    const found = height(value);
    return typeof found === "number" ? undefined : found;
}

;// CONCATENATED MODULE: ./src/core/config/load.ts







/** A config file larger than this is refused unread: a real one is a few KiB. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * How many YAML alias expansions are allowed (the yaml library's default, set here so that a
 * "billion laughs" file stays refused whatever the library's default becomes).
 */
const MAX_ALIAS_COUNT = 100;
/** Problems listed at once; the rest are counted (a generated file can have thousands). */
const MAX_LISTED_PROBLEMS = 20;
/**
 * Parses `evalgate.yml` (its bytes, or its text). Every problem is reported at once, one line
 * each, as `<file>:<line>: <field path>: <message>`, so a user fixes the whole file in one go.
 * A file over 1 MiB, bytes that are not UTF-8, excessive aliases and deep nesting are refused.
 */
function parseConfig(source, file) {
    return parseConfigLocated(source, file).config;
}
/** `parseConfig`, keeping the YAML document so later errors (a scorer's config) can name their line. */
function parseConfigLocated(source, file) {
    // The limit is in bytes: a string is measured as the UTF-8 it was read from.
    const size = typeof source === "string" ? utf8Length(source) : source.byteLength;
    if (size > MAX_CONFIG_BYTES) {
        throw new core_errors/* UserError */.yo(`${file}: the config file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB; is it the right file?`);
    }
    const text = typeof source === "string" ? source : decodeUtf8(source, file);
    const lineCounter = new dist/* LineCounter */.HN();
    // The library's own check for duplicate keys compares each key with every earlier one, which a
    // file of 100,000 keys makes take minutes; `duplicateKeys` does it with a set.
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const errors = document.errors.map((error) => yamlErrorLine(error, file, lineCounter));
    if (errors.length === 0)
        errors.push(...duplicateKeys(document, file, lineCounter));
    if (errors.length > 0)
        throw new core_errors/* UserError */.yo(listed(errors).join("\n"));
    if (document.contents === null) {
        throw new core_errors/* UserError */.yo(`${file}: the file is empty; start it with "version: 1" and "experiments:"`);
    }
    const value = documentValue(document, file);
    const nesting = findNestingProblem(value);
    if (nesting !== undefined) {
        const line = lineOfPath(document, lineCounter, nesting.path);
        const at = nesting.path.length === 0 ? "" : `${formatPath(nesting.path)}: `;
        throw new core_errors/* UserError */.yo(`${file}:${line}: ${at}${nesting.message}`);
    }
    const result = ConfigFileSchema.safeParse(value, { reportInput: true });
    if (result.success)
        return { config: result.data, lineOf: (path) => lineOfPath(document, lineCounter, path) };
    throw new core_errors/* UserError */.yo(configIssueLines(result.error, value, document, lineCounter, file).join("\n"));
}
function documentValue(document, file) {
    try {
        return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        // The yaml library throws a ReferenceError for a "billion laughs" document.
        if (error instanceof ReferenceError && /alias/i.test(error.message)) {
            throw new core_errors/* UserError */.yo(`${file}: the YAML aliases (*name) expand to too much (more than ${MAX_ALIAS_COUNT} expansions); write the values out instead`);
        }
        throw error;
    }
}
function yamlErrorLine(error, file, lineCounter) {
    const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    const first = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    // The parser is recursive: a crafted file nested thousands of levels deep overflows its stack.
    const message = /Maximum call stack size exceeded/.test(first) ? "nested too deeply" : first;
    return `${file}:${line}:${col}: ${message}`;
}
/** "Map keys must be unique" for each repeated key, at its line and column. */
function duplicateKeys(document, file, lineCounter) {
    const problems = [];
    // An explicit stack: the document may be nested as deep as the parser allowed.
    const pending = [document.contents];
    while (pending.length > 0) {
        const node = pending.pop();
        if ((0,dist/* isSeq */.oP)(node))
            pending.push(...node.items);
        if (!(0,dist/* isMap */.jh)(node))
            continue;
        const seen = new Set();
        for (const pair of node.items) {
            pending.push(pair.value);
            if (!(0,dist/* isScalar */.jn)(pair.key))
                continue;
            if (seen.has(pair.key.value)) {
                const { line, col } = lineCounter.linePos(rangeStart(pair.key) ?? 0);
                problems.push(`${file}:${line}:${col}: Map keys must be unique`);
            }
            seen.add(pair.key.value);
        }
    }
    return problems;
}
/** The first problems, and how many more there are. */
function listed(lines) {
    if (lines.length <= MAX_LISTED_PROBLEMS)
        return lines;
    return [...lines.slice(0, MAX_LISTED_PROBLEMS), `… and ${lines.length - MAX_LISTED_PROBLEMS} more problems`];
}
function configIssueLines(error, value, document, lineCounter, file) {
    const problems = describeZodIssues(error.issues, {
        input: value,
        knownKeys: (path) => knownKeysAt(ConfigFileSchema, path, value),
    });
    // Lines are found for the listed problems only: finding one is linear in the size of its map.
    const lines = problems
        .slice(0, MAX_LISTED_PROBLEMS)
        .map((problem) => ({
        line: lineOfPath(document, lineCounter, problem.at ?? problem.path),
        text: problem.path.length === 0 ? problem.message : `${formatPath(problem.path)}: ${problem.message}`,
    }))
        .sort((a, b) => a.line - b.line)
        .map(({ line, text }) => `${file}:${line}: ${text}`);
    return problems.length > MAX_LISTED_PROBLEMS
        ? [...lines, `… and ${problems.length - MAX_LISTED_PROBLEMS} more problems`]
        : lines;
}
/**
 * The line of the node at `path`: a map entry points at its key, a list entry at its dash. A
 * missing entry points at the nearest parent that exists (where the key should be added).
 */
function lineOfPath(document, lineCounter, path) {
    let node = document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const segment of path) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(segment));
            if (pair === undefined)
                break;
            offset = rangeStart(pair.key) ?? offset;
            node = pair.value;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof segment === "number") {
            const item = node.items[segment];
            if (item === undefined)
                break;
            offset = rangeStart(item) ?? offset;
            node = item;
        }
        else {
            break;
        }
    }
    return lineCounter.linePos(offset).line;
}
function rangeStart(node) {
    const range = node?.range;
    return range?.[0];
}
function defOf(schema) {
    return schema?._zod?.def;
}
/** The keys the strict object at `path` accepts, following the data through unions. */
function knownKeysAt(schema, path, data) {
    let current = unwrap(schema, data);
    let value = data;
    for (const segment of path) {
        const def = defOf(current);
        value = value !== null && typeof value === "object" ? value[segment] : undefined;
        const next = def?.type === "object" ? def.shape?.[String(segment)]
            : def?.type === "record" ? def.valueType
                : def?.type === "array" ? def.element
                    : undefined;
        if (next === undefined)
            return [];
        current = unwrap(next, value);
    }
    const def = defOf(current);
    return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}
function unwrap(schema, value) {
    let current = schema;
    for (let depth = 0; depth < 20; depth++) {
        const def = defOf(current);
        if (def === undefined)
            return current;
        if (def.innerType !== undefined)
            current = def.innerType;
        else if (def.type === "pipe")
            current = def.in;
        else if (def.type === "union")
            current = unionOptionFor(def, value);
        else
            return current;
    }
    return current;
}
function unionOptionFor(def, value) {
    const options = def.options ?? [];
    const record = value !== null && typeof value === "object" ? value : {};
    if (def.discriminator !== undefined) {
        const tag = record[def.discriminator];
        return options.find((option) => {
            const literal = defOf(defOf(option)?.shape?.[def.discriminator]);
            return literal?.values?.includes(tag) ?? false;
        });
    }
    return options.find((option) => defOf(option)?.type === "object");
}

;// CONCATENATED MODULE: ./src/engine/project-path.ts



/** How to let a file outside the project be read, for every message that refuses one. */
const OUTSIDE_PROJECT_HINT = "move the file into the project, or run the CLI with --allow-outside-project to read it anyway (the GitHub Action never reads such files)";
/**
 * Resolves `configured` (relative to `projectDir`, the folder of evalgate.yml) through `..`,
 * absolute paths and symlinks, and refuses a file outside the project, or inside its `.git`
 * folder (where actions/checkout keeps the job's token), unless explicitly allowed. Otherwise a
 * pull request could point a dataset at a runner's file and have it sent to a target or quoted in
 * an error. A missing file resolves to its plain path: opening it reports "file not found".
 */
async function resolveProjectFile(projectDir, configured, options) {
    if (configured.includes("\0"))
        throw new core_errors/* UserError */.yo(`${options.field}: the path contains a NUL character`);
    const root = (await realPath(projectDir, options.field, projectDir));
    const plain = external_node_path_default().resolve(projectDir, configured);
    const real = await realPath(plain, options.field, configured, { missingOk: true });
    // A missing file is judged by its plain path; opening it then says "file not found".
    const inside = real === undefined ? isInside(external_node_path_default().resolve(projectDir), plain) : isInside(root, real);
    const resolved = real ?? plain;
    if (inside)
        return { path: resolved, insideProject: true };
    if (options.allowOutsideProject)
        return { path: resolved, insideProject: false };
    const why = real !== undefined && isInsideGitFolder(root, real)
        ? "is inside the project's .git folder"
        : 'is outside the project (the folder of the config file), through "..", an absolute path or a symlink';
    throw new core_errors/* UserError */.yo(`${options.field}: "${configured}" ${why}; ${OUTSIDE_PROJECT_HINT}`);
}
/** Whether `file` is `root` or below it, and not in its `.git` folder (both real paths). */
function isInside(root, file) {
    const relative = external_node_path_default().relative(root, file);
    if (relative === "")
        return true;
    if (external_node_path_default().isAbsolute(relative))
        return false;
    const [first] = relative.split((external_node_path_default()).sep);
    return first !== ".." && first !== ".git";
}
function isInsideGitFolder(root, file) {
    return external_node_path_default().relative(root, file).split((external_node_path_default()).sep)[0] === ".git";
}
async function realPath(file, field, shown, options = {}) {
    try {
        return await (0,promises_.realpath)(file);
    }
    catch (error) {
        const code = error.code;
        if (options.missingOk && (code === "ENOENT" || code === "ENOTDIR"))
            return undefined;
        if (code === "ELOOP")
            throw new core_errors/* UserError */.yo(`${field}: "${shown}" is a symlink loop`);
        if (code === "EACCES")
            throw new core_errors/* UserError */.yo(`${field}: "${shown}": permission denied`);
        if (code === "ENAMETOOLONG")
            throw new core_errors/* UserError */.yo(`${field}: the path is too long`);
        if (code === "ENOENT" || code === "ENOTDIR")
            throw new core_errors/* UserError */.yo(`${field}: "${shown}" not found`);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/engine/load-config.ts





/**
 * Reads and validates the config file. Its folder is the project; the file itself must be in it
 * (a symlink elsewhere is refused, unless allowed: its content would be quoted in errors). It
 * must be a regular file (a named pipe or `/dev/zero` would be waited on or read forever), and at
 * most 1 MiB of it is read.
 */
async function loadConfigFile(file, options = {}) {
    const dir = external_node_path_default().dirname(external_node_path_default().resolve(file));
    if (!options.allowOutsideProject)
        await refuseOutsideFolder(file, dir);
    const { config, lineOf } = parseConfigLocated(await readConfigBytes(file), file);
    const locate = (message) => message
        .split("\n")
        .map((line) => {
        const path = /^(experiments\.[^:\s]+):/.exec(line)?.[1];
        return path === undefined ? line : `${file}:${lineOf(parseFieldPath(path))}: ${line}`;
    })
        .join("\n");
    return { file, dir, config, locate };
}
/** `experiments.e.scorers[0].config.max` → ["experiments", "e", "scorers", 0, "config", "max"]. */
function parseFieldPath(path) {
    const segments = [];
    for (const part of path.split(".")) {
        const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
        if (!match)
            return segments;
        if (match[1] !== "")
            segments.push(match[1]);
        for (const index of match[2].matchAll(/\[(\d+)\]/g))
            segments.push(Number(index[1]));
    }
    return segments;
}
function findExperiment(loaded, name) {
    const experiment = loaded.config.experiments[name];
    if (!experiment) {
        const known = Object.keys(loaded.config.experiments).join(", ");
        throw new core_errors/* UserError */.yo(`${loaded.file}: no experiment "${name}" (defined: ${known})`);
    }
    return experiment;
}
async function refuseOutsideFolder(file, dir) {
    // A missing file is reported by the read below.
    const real = await (0,promises_.realpath)(file).catch(() => undefined);
    if (real === undefined)
        return;
    const folder = await (0,promises_.realpath)(dir);
    if (!isInside(folder, real)) {
        throw new core_errors/* UserError */.yo(`${file}: the config file is a symlink to a file outside its folder (the project); ${OUTSIDE_PROJECT_HINT}`);
    }
}
async function readConfigBytes(file) {
    // Checked before opening: opening a named pipe would wait for a writer forever.
    const stats = await (0,promises_.stat)(file).catch((error) => {
        throw readError(error, file);
    });
    if (stats.isDirectory())
        throw aFolder(file);
    if (!stats.isFile()) {
        throw new core_errors/* UserError */.yo(`${file}: not a regular file (a named pipe or a device); pass --config with the path of a YAML file`);
    }
    let handle;
    try {
        handle = await (0,promises_.open)(file, "r");
    }
    catch (error) {
        throw readError(error, file);
    }
    try {
        // One byte more than allowed, so that parseConfig sees the file is too large.
        const buffer = new Uint8Array(MAX_CONFIG_BYTES + 1);
        let size = 0;
        while (size < buffer.length) {
            const { bytesRead } = await handle.read(buffer, size, buffer.length - size);
            if (bytesRead === 0)
                break;
            size += bytesRead;
        }
        return buffer.subarray(0, size);
    }
    catch (error) {
        throw readError(error, file);
    }
    finally {
        await handle.close();
    }
}
function readError(error, file) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") {
        return new core_errors/* UserError */.yo(`${file}: config file not found (run evalgate from your repository root, or pass --config FILE)`);
    }
    if (code === "EISDIR")
        return aFolder(file);
    if (code === "EACCES")
        return new core_errors/* UserError */.yo(`${file}: permission denied`);
    if (code === "ELOOP")
        return new core_errors/* UserError */.yo(`${file}: a symlink loop`);
    return error instanceof Error ? error : new Error(String(error));
}
function aFolder(file) {
    return new core_errors/* UserError */.yo(`${file}: a folder, not a config file (pass --config FILE)`);
}

;// CONCATENATED MODULE: ./src/core/config/interpolate.ts

// `$${` escapes a literal `${`; `${NAME}` and `${NAME:-default}` read the environment; any other
// `${…}` is a mistake we name rather than pass through to a target.
const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;
const interpolate_MAX_LISTED_PROBLEMS = 20;
/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string inside `value` (keys are left alone).
 * As in the shell, `:-` also applies when the variable is set but empty. Every missing variable is
 * reported in one UserError, each line naming the field (`path` is the field path of `value`).
 */
function interpolateEnv(value, env, path) {
    const problems = [];
    const result = interpolateValue(value, env, path, problems);
    if (problems.length > interpolate_MAX_LISTED_PROBLEMS) {
        const more = problems.length - interpolate_MAX_LISTED_PROBLEMS;
        throw new core_errors/* UserError */.yo([...problems.slice(0, interpolate_MAX_LISTED_PROBLEMS), `… and ${more} more problems`].join("\n"));
    }
    if (problems.length > 0)
        throw new core_errors/* UserError */.yo(problems.join("\n"));
    return result;
}
function interpolateValue(value, env, path, problems) {
    if (typeof value === "string")
        return interpolateString(value, env, path, problems);
    if (Array.isArray(value)) {
        return value.map((entry, index) => interpolateValue(entry, env, `${path}[${index}]`, problems));
    }
    if (value !== null && typeof value === "object") {
        const result = {};
        for (const [key, entry] of Object.entries(value)) {
            result[key] = interpolateValue(entry, env, path === "" ? key : `${path}.${key}`, problems);
        }
        return result;
    }
    return value;
}
/**
 * One left-to-right pass with indexOf, never re-reading a replacement (a value holding `${X}` stays
 * as it is) and linear in the text: a regular expression for `${…}` rescans the rest of the text
 * from every `${` that has no `}`, which a crafted value makes quadratic.
 */
function interpolateString(text, env, path, problems) {
    let result = "";
    let from = 0;
    // Once no `}` follows, none follows any later `${` either: each is literal text, found without a search.
    let closeAhead = true;
    for (;;) {
        const dollar = text.indexOf("$", from);
        if (dollar === -1)
            break;
        if (text.startsWith("$${", dollar)) {
            result += text.slice(from, dollar) + "${";
            from = dollar + 3;
            continue;
        }
        const close = text[dollar + 1] === "{" && closeAhead ? text.indexOf("}", dollar + 2) : -1;
        if (close === -1) {
            if (text[dollar + 1] === "{")
                closeAhead = false;
            result += text.slice(from, dollar + 1);
            from = dollar + 1;
            continue;
        }
        result += text.slice(from, dollar) + resolveReference(text.slice(dollar, close + 1), env, path, problems);
        from = close + 1;
    }
    return result + text.slice(from);
}
function resolveReference(match, env, path, problems) {
    const variable = VARIABLE.exec(match.slice(2, -1));
    if (variable === null) {
        problems.push(`${path}: "${preview(match)}" is not a variable reference; write \${NAME} or \${NAME:-default} (or $\${ for a literal \${)`);
        return match;
    }
    const [, name, fallback] = variable;
    const found = env[name];
    if (fallback !== undefined)
        return found === undefined || found === "" ? fallback : found;
    if (found !== undefined)
        return found;
    problems.push(`${path}: environment variable ${name} is not set (set it, or write \${${name}:-default})`);
    return match;
}
/** A reference as quoted in a message: a long one is cut, so a message stays a line. */
function preview(match) {
    return match.length <= 60 ? match : `${match.slice(0, 57)}…}`;
}

;// CONCATENATED MODULE: ./src/core/scorers/scorer.ts
function defineScorer(definition) {
    return definition;
}
/**
 * A scorer's error after it had already spent something (a judge answered, uselessly): the item
 * records the error and still counts the tokens and cost, since they were paid for.
 */
class ScorerErrorAfterSpending extends Error {
    spent;
    name = "ScorerErrorAfterSpending";
    constructor(message, spent) {
        super(message);
        this.spent = spent;
    }
}

;// CONCATENATED MODULE: ./src/core/scorers/scalar-equality.ts
const sameText = (actual, expected) => actual === expected;
/** Whether two values are equal by the rule above; a missing value equals nothing. */
function valuesEqual(actual, expected, textsEqual = sameText) {
    if (actual === undefined || expected === undefined)
        return false;
    if (Array.isArray(actual) || Array.isArray(expected)) {
        return (Array.isArray(actual) &&
            Array.isArray(expected) &&
            actual.length === expected.length &&
            actual.every((entry, index) => valuesEqual(entry, expected[index], textsEqual)));
    }
    if (isRecord(actual) || isRecord(expected)) {
        if (!isRecord(actual) || !isRecord(expected))
            return false;
        const keys = definedKeys(actual);
        return (keys.length === definedKeys(expected).length &&
            keys.every((key) => valuesEqual(actual[key], expected[key], textsEqual)));
    }
    if (typeof actual === "string" && typeof expected === "string")
        return textsEqual(actual, expected);
    const left = typeof actual === "string" ? scalarFromText(actual) : actual;
    const right = typeof expected === "string" ? scalarFromText(expected) : expected;
    // `===` makes 0 equal -0; a text that spells no scalar is undefined and equals nothing.
    return left !== undefined && left === right;
}
/** A number, boolean or null output (not a text) that equals `text` by the rule above. */
function equalsAsScalar(output, text) {
    const scalar = output === null || typeof output === "number" || typeof output === "boolean";
    return scalar && valuesEqual(output, text);
}
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** The number, boolean or null a text spells by the rule above; undefined when it spells none. */
function scalarFromText(text) {
    const trimmed = text.trim();
    if (JSON_NUMBER.test(trimmed)) {
        const value = Number(trimmed);
        // "1e400" is valid JSON but no double: it equals nothing rather than Infinity.
        return Number.isFinite(value) ? value : undefined;
    }
    switch (trimmed.toLowerCase()) {
        case "true":
            return true;
        case "false":
            return false;
        case "null":
            return null;
        default:
            return undefined;
    }
}
/**
 * How text scorers read a number, boolean or null: its JSON text, the shortest that reads back
 * as the same value (42 for 42.0, 1e+21, 0 for -0), so the same value always gives the same text.
 */
function scalarText(value) {
    return JSON.stringify(value);
}
function definedKeys(record) {
    return Object.keys(record).filter((key) => record[key] !== undefined);
}
function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/core/scorers/evidence-values.ts



/** Evidence is stored with every score, so a huge output is cut rather than copied whole. */
const EVIDENCE_TEXT_LIMIT = 2_000;
/** Reasons are one sentence: values in them are shortened further. */
const PREVIEW_LIMIT = 80;
function truncateText(text, limit = EVIDENCE_TEXT_LIMIT) {
    if (text.length <= limit)
        return text;
    const kept = prefixWithin(text, { limit, unit: "characters" });
    return `${kept}… (${text.length - kept.length} more characters)`;
}
/**
 * The value as evidence keeps it: strings over the limit are cut; structured values whose JSON
 * is over ten times the limit become their cut JSON text, so one item cannot bloat the store.
 */
function evidenceValue(value) {
    if (typeof value === "string")
        return truncateText(value);
    if (value === null || typeof value !== "object")
        return value;
    const json = safeStringify(value);
    return json.length > EVIDENCE_TEXT_LIMIT * 10 ? truncateText(json) : value;
}
/** A value as it reads inside a reason sentence: JSON, shortened, `nothing` for undefined. */
function evidence_values_preview(value, limit = PREVIEW_LIMIT) {
    if (value === undefined)
        return "nothing";
    const json = safeStringify(value);
    return truncate(json, limit + 1);
}
/** "a string", "an object", "null": how reasons name a value's type. */
function kindOf(value) {
    if (value === undefined)
        return "missing";
    if (value === null)
        return "null";
    if (Array.isArray(value))
        return "an array";
    if (typeof value === "object")
        return "an object";
    return `a ${typeof value}`;
}
/**
 * JSON text of any value; a string stays as it is (for searching inside it), and a number,
 * boolean or null reads as its canonical text (`scalarText`).
 */
function asText(value) {
    if (typeof value === "string")
        return value;
    if (value === undefined)
        return "";
    if (value === null || typeof value === "number" || typeof value === "boolean")
        return scalarText(value);
    return safeStringify(value);
}
function safeStringify(value) {
    try {
        return JSON.stringify(value) ?? String(value);
    }
    catch {
        // Outputs come from JSON, but a scorer must not throw on a cyclic or BigInt value.
        return String(value);
    }
}

;// CONCATENATED MODULE: ./src/core/scorers/text-expectations.ts


/**
 * The expected value of a text scorer as a list of texts: one text, or a list of them.
 * Numbers and booleans read as their canonical text (`scalarText`: 42, not 42.0). Anything else
 * is a dataset or config mistake.
 */
function expectedTexts(expected) {
    const { value, label } = expected;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0)
        throw new Error(`${label} is an empty list; give at least one text`);
    return list.map((entry) => {
        if (typeof entry === "string")
            return entry;
        if (typeof entry === "number" || typeof entry === "boolean")
            return scalarText(entry);
        throw new Error(`${label} must be a text or a list of texts; found ${evidence_values_preview(entry)}`);
    });
}
/**
 * Whether the output holds an expected text: the output's text (`asText`: a number reads as its
 * canonical text; `haystack` is that text already case-folded) contains it, or the output is a
 * number, boolean or null equal to the text by the rule of scalar-equality.ts, so the number 42
 * holds "42.0" just as `equals` finds them equal.
 */
function outputHolds(output, haystack, text, fold) {
    return haystack.includes(fold(text)) || equalsAsScalar(output, text);
}
/** The same for `starts_with`: an output equal to the text starts with it. */
function outputStartsWith(output, start, text, fold) {
    return start.startsWith(fold(text)) || equalsAsScalar(output, text);
}
function caseFold(caseSensitive) {
    return caseSensitive ? (text) => text : (text) => text.toLowerCase();
}
function quoteList(texts) {
    return texts.map((text) => evidence_values_preview(text)).join(", ");
}
function caseNote(caseSensitive) {
    return caseSensitive ? "" : " (ignoring case)";
}

;// CONCATENATED MODULE: ./src/core/scorers/value-sources.ts



/** `output_path`: a dot path into the output (a JSON string output is parsed first). */
const OutputPathFields = {
    output_path: schemas/* string */.YjP({ error: 'write a dot path into the output, e.g. output_path: "answer"' })
        .min(1)
        .optional(),
};
/** Where the expected value comes from: a literal `value`, or a `field` of the item. */
const ExpectedSourceFields = {
    value: schemas/* json */.Pq9().optional(),
    field: schemas/* string */.YjP({ error: 'write a dot path into the item, e.g. field: "expected.answer"' })
        .min(1)
        .optional(),
};
const DEFAULT_EXPECTED_FIELD = "expected";
/** Both set would leave the reader guessing which one counts. */
function refuseValueAndField(config, context) {
    if (config.value !== undefined && config.field !== undefined) {
        context.addIssue({
            code: "custom",
            path: ["value"],
            message: "set either value (a literal) or field (a path into the item), not both",
        });
    }
}
/**
 * The output, or the value at `output_path` inside it. A path with nothing at it throws (this
 * scorer's error on the item, never a pass): a missing answer is not an empty one, or a negative
 * scorer such as `not_contains` would pass on nothing.
 */
function readOutput(result, outputPath) {
    if (outputPath === undefined) {
        // Only a tool-calls-only answer reaches a scorer with no output: there is no text to judge.
        if (result.output === undefined || result.output === null) {
            throw new Error("the target answered with tool calls only; this scorer has no output to read");
        }
        return { value: result.output, label: "output" };
    }
    let root = result.output;
    if (typeof root === "string") {
        const parsed = parseJson(root);
        if (!parsed.ok && parsed.tooDeep)
            throw new Error(`the output is JSON text, but ${parsed.error}; nothing to score`);
        if (parsed.ok)
            root = parsed.value;
    }
    const value = getPath(root, outputPath);
    if (value === undefined) {
        throw new Error(`the output has no value at "${outputPath}" (output_path); nothing to score`);
    }
    return { value, label: `output.${outputPath}` };
}
/**
 * The expected value for this item. A missing one throws: that is a dataset or config mistake,
 * recorded as this scorer's error on the item rather than as a silent failure.
 */
function readExpected(item, source) {
    if (source.value !== undefined)
        return { value: source.value, label: "value" };
    const field = source.field ?? DEFAULT_EXPECTED_FIELD;
    const value = getPath(item, field);
    if (value === undefined) {
        throw new Error(`item has no value at "${field}"; add it to the item or set value: or field: in the scorer's config`);
    }
    return { value, label: field };
}
/**
 * JSON text inside an output (an answer that is a JSON string, a tool call's arguments) is parsed
 * here. A value nested deeper than MAX_JSON_DEPTH is refused like the response around it would
 * be: it would overflow the stack where its evidence is stored.
 */
function parseJson(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (nestingExceeds(value))
        return { ok: false, error: `it nests deeper than ${MAX_JSON_DEPTH} levels`, tooDeep: true };
    return { ok: true, value };
}

;// CONCATENATED MODULE: ./src/core/scorers/contains.ts





function containsConfigSchema(caseSensitiveByDefault) {
    return schemas/* strictObject */.rej({
        ...OutputPathFields,
        ...ExpectedSourceFields,
        /** With a list: pass when any text is contained (default: all must be). */
        any: schemas/* boolean */.zMY().default(false),
        case_sensitive: schemas/* boolean */.zMY().default(caseSensitiveByDefault),
    }).superRefine(refuseValueAndField);
}
/** Shared by `contains` and `icontains`: they differ only in the default of `case_sensitive`. */
function containsScorer(name, caseSensitiveByDefault) {
    return defineScorer({
        name,
        description: caseSensitiveByDefault
            ? "The output contains the expected text (or all of a list of texts; `any: true` for any of them)."
            : "The output contains the expected text, ignoring case (or all of a list; `any: true` for any).",
        configSchema: containsConfigSchema(caseSensitiveByDefault),
        create: createContains,
    });
}
function createContains(config) {
    const fold = caseFold(config.case_sensitive);
    const note = caseNote(config.case_sensitive);
    return ({ item, result }) => {
        const output = readOutput(result, config.output_path);
        const texts = expectedTexts(readExpected(item, config));
        const haystack = fold(asText(output.value));
        const found = texts.filter((text) => outputHolds(output.value, haystack, text, fold));
        const missing = texts.filter((text) => !found.includes(text));
        const passed = config.any ? found.length > 0 : missing.length === 0;
        // With `any`, one text found is full marks: a fraction would read as a partial failure.
        const score = config.any ? (passed ? 1 : 0) : found.length / texts.length;
        return {
            score,
            passed,
            evidence: {
                read: evidenceValue(output.value),
                compared: texts.length === 1 ? texts[0] : texts,
                reason: containsReason(output.label, texts, found, missing, config.any) + note,
            },
        };
    };
}
function containsReason(label, texts, found, missing, any) {
    if (texts.length === 1) {
        return found.length === 1 ? `${label} contains ${quoteList(texts)}` : `${label} does not contain ${quoteList(texts)}`;
    }
    const total = texts.length;
    if (any) {
        return found.length > 0
            ? `${label} contains ${quoteList(found)} (${found.length} of ${total} expected texts)`
            : `${label} contains none of ${total} expected texts: ${quoteList(texts)}`;
    }
    return missing.length === 0
        ? `${label} contains all ${total} expected texts`
        : `${label} contains ${found.length} of ${total} expected texts; missing: ${quoteList(missing)}`;
}
const contains = containsScorer("contains", true);

;// CONCATENATED MODULE: ./src/core/scorers/equals.ts





const EqualsConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    trim: schemas/* boolean */.zMY().default(true),
    case_sensitive: schemas/* boolean */.zMY().default(true),
}).superRefine(refuseValueAndField);
const equals = defineScorer({
    name: "equals",
    description: "The output equals the expected value (deep equality, scalars across JSON types as in scalar-equality.ts; strings trimmed by default).",
    configSchema: EqualsConfigSchema,
    create(config) {
        const textsEqual = textEquality(config.trim, config.case_sensitive);
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const expected = readExpected(item, config);
            const { value: actual, parsed } = comparableOutput(output.value, expected.value);
            const passed = valuesEqual(actual, expected.value, textsEqual);
            const parsedNote = parsed ? " (output parsed as JSON)" : "";
            let reason;
            if (passed) {
                reason = `${output.label} equals ${expected.label} ${evidence_values_preview(expected.value)}${parsedNote}`;
            }
            else if (output.value === undefined) {
                reason = `${output.label} is missing; ${expected.label} is ${evidence_values_preview(expected.value)}`;
            }
            else {
                reason =
                    `${output.label} ${evidence_values_preview(actual)} does not equal ${expected.label} ${evidence_values_preview(expected.value)}` +
                        parsedNote +
                        typeNote(actual, expected.value);
            }
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: { read: evidenceValue(output.value), compared: evidenceValue(expected.value), reason },
            };
        };
    },
});
/**
 * Targets answer text, datasets hold numbers and objects: when a non-string is expected and the
 * output is a string holding JSON, the parsed value is compared ('{"id": 42}' equals {id: 42}).
 */
function comparableOutput(output, expected) {
    if (typeof output !== "string" || typeof expected === "string")
        return { value: output, parsed: false };
    const parsed = parseJson(output);
    return parsed.ok ? { value: parsed.value, parsed: true } : { value: output, parsed: false };
}
/** Trim and case apply to every text compared, inside structured values too. */
function textEquality(trim, caseSensitive) {
    const normalize = textNormalizer(trim, caseSensitive);
    return (actual, expected) => normalize(actual) === normalize(expected);
}
function textNormalizer(trim, caseSensitive) {
    if (trim && !caseSensitive)
        return (text) => text.trim().toLowerCase();
    if (trim)
        return (text) => text.trim();
    if (!caseSensitive)
        return (text) => text.toLowerCase();
    return (text) => text;
}
/** Named only when the types alone explain the failure: not for 41 against the text "42". */
function typeNote(actual, expected) {
    const actualKind = kindOf(spelledScalar(actual, expected));
    const expectedKind = kindOf(spelledScalar(expected, actual));
    return actualKind === expectedKind ? "" : ` (output is ${kindOf(actual)}, expected is ${kindOf(expected)})`;
}
/** A text that spells a scalar of the other side's type counts as that type. */
function spelledScalar(value, other) {
    if (typeof value !== "string" || typeof other === "string")
        return value;
    const scalar = scalarFromText(value);
    return scalar !== undefined && kindOf(scalar) === kindOf(other) ? scalar : value;
}

;// CONCATENATED MODULE: ./src/core/scorers/icontains.ts

const icontains = containsScorer("icontains", false);

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
// EXTERNAL MODULE: ./node_modules/ajv/dist/2019.js
var _2019 = __webpack_require__(60878);
// EXTERNAL MODULE: ./node_modules/ajv/dist/2020.js
var _2020 = __webpack_require__(52210);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/index.js
var ajv_formats_dist = __webpack_require__(82815);
var dist_default = /*#__PURE__*/__webpack_require__.n(ajv_formats_dist);
;// CONCATENATED MODULE: ./src/core/scorers/json-schema-compiler.ts





const addFormats = (dist_default())["default"] ??
    (dist_default());
/**
 * Compiling costs about 10 ms and happens when the config is checked and again when the scorer
 * is created, so compiled schemas are kept by their canonical text. Bounded: a long-lived bot
 * process sees many configs.
 */
const compiled = new Map();
const COMPILED_LIMIT = 64;
function compiledJsonSchema(schema) {
    const key = (0,canonical/* canonicalJson */.dj)(schema);
    const known = compiled.get(key);
    if (known !== undefined)
        return known;
    const validate = compileJsonSchema(schema);
    if (compiled.size >= COMPILED_LIMIT)
        compiled.clear();
    compiled.set(key, validate);
    return validate;
}
/**
 * Compiles an inline JSON Schema. The `$schema` keyword picks the draft (2020-12, 2019-09, else
 * draft-07), because Ajv refuses a schema whose meta-schema it was not built with. A fresh Ajv per
 * schema: a shared one would refuse a second schema with the same `$id`.
 */
function compileJsonSchema(schema) {
    const options = { allErrors: true, strict: false };
    const draft = typeof schema["$schema"] === "string" ? schema["$schema"] : "";
    const ajv = draft.includes("2020-12")
        ? new _2020.Ajv2020(options)
        : draft.includes("2019-09")
            ? new _2019.Ajv2019(options)
            : new dist_ajv.Ajv(options);
    addFormats(ajv);
    return ajv.compile(schema);
}
/** The first few errors, each with the instance path it is about: `/answer must be number`. */
function describeSchemaErrors(errors, limit = 3) {
    const shown = errors.slice(0, limit).map((error) => {
        const where = error.instancePath === "" ? "(root)" : error.instancePath;
        const extra = error.keyword === "additionalProperties"
            ? ` (${String(error.params.additionalProperty)})`
            : error.keyword === "enum"
                ? ` (${JSON.stringify(error.params.allowedValues)})`
                : "";
        return `${where} ${error.message ?? error.keyword}${extra}`;
    });
    const more = errors.length > limit ? `; and ${errors.length - limit} more` : "";
    return shown.join("; ") + more;
}

// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __webpack_require__(30714);
var external_node_vm_default = /*#__PURE__*/__webpack_require__.n(external_node_vm_);
;// CONCATENATED MODULE: ./src/core/scorers/run-within-time-limit.ts

/**
 * JavaScript has no match timeout, and a backtracking pattern (`^(a+)+$` on 40 "a"s and a "!")
 * spins for hours inside one synchronous call: no signal, heartbeat or cancel is served meanwhile.
 * A `vm` timeout is the one interrupt V8 offers without a native module: its watchdog thread
 * terminates whatever runs inside `runInContext`, regex backtracking included. It costs a thread
 * start per call (about 0.1–0.2 ms), so it wraps one whole scoring step, not each tiny operation.
 */
const context = external_node_vm_default().createContext(Object.create(null));
const callTask = new (external_node_vm_default()).Script("task()", { filename: "evalgate-time-limit.js" });
class TimeLimitExceeded extends Error {
    timeoutMs;
    name = "TimeLimitExceeded";
    constructor(timeoutMs) {
        super(`did not finish within ${timeoutMs} ms`);
        this.timeoutMs = timeoutMs;
    }
}
/** Runs `task` synchronously; throws TimeLimitExceeded when it runs longer than `timeoutMs`. */
function runWithinTimeLimit(task, timeoutMs) {
    const outer = context.task;
    context.task = task;
    try {
        return callTask.runInContext(context, { timeout: timeoutMs });
    }
    catch (error) {
        if (isScriptTimeout(error))
            throw new TimeLimitExceeded(timeoutMs);
        throw error;
    }
    finally {
        // A task may itself run within a limit (nested calls share the one context).
        context.task = outer;
    }
}
function isScriptTimeout(error) {
    return (error !== null &&
        typeof error === "object" &&
        error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT");
}

;// CONCATENATED MODULE: ./src/core/scorers/json-schema.ts







/**
 * A schema's `pattern` and `patternProperties` are regular expressions run on the output, and can
 * backtrack catastrophically like the regex scorer's; the whole validation runs within this limit.
 * It is wider than a single regex match's: it covers every value of a large output.
 */
const DEFAULT_TIMEOUT_MS = 1000;
const JsonSchemaConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    schema: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J(), {
        error: "write an inline JSON Schema object, e.g. schema: { type: object, required: [answer] }",
    }),
    timeout: DurationSchema.default(DEFAULT_TIMEOUT_MS),
}).superRefine((config, context) => {
    try {
        compiledJsonSchema(config.schema);
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        context.addIssue({ code: "custom", path: ["schema"], message: `not a valid JSON Schema: ${detail}` });
    }
});
const jsonSchema = defineScorer({
    name: "json_schema",
    description: "The output (parsed from a string if needed) is valid against an inline JSON Schema. Validation may take " +
        `at most \`timeout\` (default ${DEFAULT_TIMEOUT_MS}ms): a schema \`pattern\` that backtracks is this scorer's error on the item.`,
    configSchema: JsonSchemaConfigSchema,
    create(config) {
        const validate = compiledJsonSchema(config.schema);
        return ({ result }) => {
            const output = readOutput(result, config.output_path);
            let value = output.value;
            let notJson = "";
            if (typeof value === "string") {
                const parsed = parseJson(value);
                // A string that is not JSON is validated as the string it is (a schema may want a string).
                if (parsed.ok)
                    value = parsed.value;
                else if (parsed.tooDeep)
                    throw new Error(`${output.label} is JSON text, but ${parsed.error}; too deep to validate`);
                else
                    notJson = `${output.label} is a string that is not valid JSON; as a string, `;
            }
            const passed = value !== undefined && validateWithinTimeLimit(validate, value, config.timeout);
            let reason;
            if (value === undefined)
                reason = `${output.label} is missing`;
            else if (passed)
                reason = `${output.label} matches the schema`;
            else
                reason = `${notJson}${output.label} does not match the schema: ${describeSchemaErrors(validate.errors ?? [])}`;
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: { read: evidenceValue(output.value), compared: config.schema, reason },
            };
        };
    },
});
function validateWithinTimeLimit(validate, value, timeoutMs) {
    try {
        return runWithinTimeLimit(() => validate(value), timeoutMs);
    }
    catch (error) {
        if (!(error instanceof TimeLimitExceeded))
            throw error;
        throw new Error(`json_schema validation timed out after ${timeoutMs} ms; simplify the schema's pattern or patternProperties ` +
            "(no nested quantifiers such as (a+)+) or raise timeout");
    }
}

;// CONCATENATED MODULE: ./src/core/scorers/json-valid.ts




const jsonValid = defineScorer({
    name: "json_valid",
    description: "The output is valid JSON: a string that parses as JSON, or an already structured value.",
    configSchema: schemas/* strictObject */.rej({ ...OutputPathFields }),
    create(config) {
        return ({ result }) => {
            const output = readOutput(result, config.output_path);
            const verdict = judgeJson(output.value, output.label);
            return {
                score: verdict.passed ? 1 : 0,
                passed: verdict.passed,
                evidence: { read: evidenceValue(output.value), reason: verdict.reason },
            };
        };
    },
});
function judgeJson(value, label) {
    if (value === undefined)
        return { passed: false, reason: `${label} is missing` };
    if (typeof value !== "string") {
        // The target's answer was read from JSON, so a structured value is JSON already.
        return { passed: true, reason: `${label} is ${kindOf(value)}, already JSON` };
    }
    const parsed = parseJson(value);
    if (parsed.ok)
        return { passed: true, reason: `${label} parses as JSON (${kindOf(parsed.value)})` };
    // Valid JSON all the same: only its value is too deep to be kept.
    if (parsed.tooDeep)
        return { passed: true, reason: `${label} parses as JSON (${parsed.error})` };
    return { passed: false, reason: `${label} is not valid JSON: ${parsed.error}` };
}

;// CONCATENATED MODULE: ./src/core/scorers/latency-max.ts


const LatencyMaxConfigSchema = schemas/* strictObject */.rej({
    ms: schemas/* number */.aig({ error: "write the limit in milliseconds, e.g. ms: 2000" })
        .positive({ error: "write a limit above 0 milliseconds, e.g. ms: 2000" }),
});
const latencyMax = defineScorer({
    name: "latency_max",
    description: "The call took at most `ms` milliseconds; score = min(1, ms / latency).",
    configSchema: LatencyMaxConfigSchema,
    create(config) {
        const limit = config.ms;
        return ({ result }) => {
            const latency = result.latency_ms;
            const passed = latency <= limit;
            const shown = Number.isInteger(latency) ? String(latency) : latency.toFixed(1);
            return {
                score: latency <= 0 ? 1 : Math.min(1, limit / latency),
                passed,
                evidence: {
                    read: latency,
                    compared: limit,
                    reason: passed
                        ? `latency ${shown} ms is within ${limit} ms`
                        : `latency ${shown} ms exceeds ${limit} ms`,
                },
            };
        };
    },
});

;// CONCATENATED MODULE: ./src/core/scorers/modifiers.ts



/**
 * 0.1 + 0.2 is 0.30000000000000004 and 0.7 * 3 / 3 is not 0.7: a score on a threshold on paper
 * reaches it here too (the gate uses the same tolerance for pass rates).
 */
const TOLERANCE = 1e-12;
/** Whether a score (or a weighted mean) reaches a threshold, within float tolerance. */
function reaches(score, threshold) {
    return score + TOLERANCE >= threshold;
}
function modifiersOf(ref) {
    const modifiers = {};
    if (ref.not !== undefined)
        modifiers.not = ref.not;
    if (ref.weight !== undefined)
        modifiers.weight = ref.weight;
    if (ref.threshold !== undefined)
        modifiers.threshold = ref.threshold;
    if (ref.when !== undefined)
        modifiers.when = ref.when;
    return modifiers;
}
/**
 * Whether a scorer runs on this item: every `when` path must hold a value equal to the given one
 * by the scalar rule (a CSV cell "3" equals 3). A missing value equals nothing, so the scorer
 * does not run.
 */
function appliesTo(modifiers, item) {
    const when = modifiers?.when;
    if (when === undefined)
        return true;
    return Object.entries(when).every(([path, expected]) => valuesEqual(getPath(item, path), expected));
}
/**
 * A valid outcome with the ref's modifiers applied. `threshold` first, on the scorer's own score,
 * as a threshold in the scorer's config would be; then `not` negates that judgement as a whole:
 * `{ name: similar, threshold: 0.8, not: true }` passes when the similarity is below 0.8, and its
 * score is 1 − similarity. Errors never reach here: negation never turns an error into a pass.
 */
function applyModifiers(outcome, modifiers) {
    if (modifiers === undefined)
        return outcome;
    let { score, passed } = outcome;
    let reason = outcome.evidence.reason;
    const { threshold } = modifiers;
    if (threshold !== undefined) {
        passed = reaches(score, threshold);
        const shown = (0,stats/* formatScore */.y)(score, [threshold]);
        reason += passed ? `; score ${shown} reaches the threshold ${threshold}` : `; score ${shown} is below the threshold ${threshold}`;
    }
    if (modifiers.not === true) {
        score = 1 - score;
        passed = !passed;
        reason = `not: ${reason}`;
    }
    if (score === outcome.score && passed === outcome.passed && reason === outcome.evidence.reason)
        return outcome;
    return { ...outcome, score, passed, evidence: { ...outcome.evidence, reason } };
}
/** A scorer's weight in `pass_rule: weighted`. */
function weightOf(modifiers) {
    return modifiers?.weight ?? 1;
}

;// CONCATENATED MODULE: ./src/core/scorers/not-contains.ts





const NotContainsConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    case_sensitive: schemas/* boolean */.zMY().default(true),
}).superRefine(refuseValueAndField);
const notContains = defineScorer({
    name: "not_contains",
    description: "The output contains none of the given texts (`value: [...]` or a field of the item). Score = fraction absent.",
    configSchema: NotContainsConfigSchema,
    create(config) {
        const fold = caseFold(config.case_sensitive);
        const note = caseNote(config.case_sensitive);
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const texts = expectedTexts(readExpected(item, config));
            const haystack = fold(asText(output.value));
            const present = texts.filter((text) => outputHolds(output.value, haystack, text, fold));
            const passed = present.length === 0;
            let reason;
            if (passed) {
                reason = texts.length === 1
                    ? `${output.label} does not contain ${quoteList(texts)}`
                    : `${output.label} contains none of ${texts.length} forbidden texts`;
            }
            else {
                reason = texts.length === 1
                    ? `${output.label} contains ${quoteList(present)}`
                    : `${output.label} contains ${present.length} of ${texts.length} forbidden texts: ${quoteList(present)}`;
            }
            return {
                score: (texts.length - present.length) / texts.length,
                passed,
                evidence: {
                    read: evidenceValue(output.value),
                    compared: texts.length === 1 ? texts[0] : texts,
                    reason: reason + note,
                },
            };
        };
    },
});

;// CONCATENATED MODULE: ./src/core/scorers/regex.ts






const FLAGS = /^[dgimsuvy]*$/;
/**
 * Patterns are bounded in length. A short pattern can still backtrack catastrophically
 * (`^(a+)+$` on 40 "a"s and a "!" takes hours), so every match runs within a time limit: on
 * timeout the scorer errors on that item and the run goes on. A linear pattern matches a
 * megabyte in a few milliseconds, far inside the default.
 */
const MAX_PATTERN_LENGTH = 1000;
const regex_DEFAULT_TIMEOUT_MS = 100;
const RegexConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    pattern: schemas/* string */.YjP({ error: 'write the regular expression, e.g. pattern: "^order [0-9]+$"' })
        .max(MAX_PATTERN_LENGTH, { error: `a pattern is at most ${MAX_PATTERN_LENGTH} characters` }),
    flags: schemas/* string */.YjP()
        .regex(FLAGS, { error: 'flags are letters among d, g, i, m, s, u, v, y, e.g. flags: "i"' })
        .default(""),
    timeout: DurationSchema.default(regex_DEFAULT_TIMEOUT_MS),
}).superRefine((config, context) => {
    const problem = regexProblem(config.pattern, config.flags);
    if (problem !== undefined) {
        context.addIssue({ code: "custom", path: ["pattern"], message: problem });
    }
});
function regexProblem(pattern, flags) {
    if (!FLAGS.test(flags))
        return undefined; // the flags' own message says what to write
    try {
        new RegExp(pattern, flags);
        return undefined;
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return `not a valid regular expression (${detail}); in YAML, quote the pattern and double each backslash inside double quotes`;
    }
}
const regex = defineScorer({
    name: "regex",
    description: "The output matches a regular expression (`pattern`, optional `flags` such as \"i\"). Each match " +
        `may take at most \`timeout\` (default ${regex_DEFAULT_TIMEOUT_MS}ms); a slower one is this scorer's error on the item.`,
    configSchema: RegexConfigSchema,
    create(config) {
        const expression = new RegExp(config.pattern, config.flags);
        const shown = `/${config.pattern}/${config.flags}`;
        return ({ result }) => {
            const output = readOutput(result, config.output_path);
            const text = asText(output.value);
            const match = matchWithinTimeLimit(expression, text, config.timeout);
            const passed = match !== null;
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: {
                    read: evidenceValue(output.value),
                    compared: shown,
                    reason: match
                        ? `${output.label} matches ${shown} at ${evidence_values_preview(match[0])}`
                        : `${output.label} does not match ${shown}`,
                },
            };
        };
    },
});
function matchWithinTimeLimit(expression, text, timeoutMs) {
    try {
        return runWithinTimeLimit(() => {
            // A "g" or "y" expression remembers where it stopped; every item starts from the beginning.
            expression.lastIndex = 0;
            return expression.exec(text);
        }, timeoutMs);
    }
    catch (error) {
        if (!(error instanceof TimeLimitExceeded))
            throw error;
        throw new Error(`regex timed out after ${timeoutMs} ms on a ${text.length}-character output; simplify the pattern ` +
            "(no nested quantifiers such as (a+)+) or raise timeout");
    }
}

;// CONCATENATED MODULE: ./src/core/scorers/starts-with.ts






const StartsWithConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    /** Models often open with a newline or a space; leading whitespace is ignored by default. */
    trim: schemas/* boolean */.zMY().default(true),
    case_sensitive: schemas/* boolean */.zMY().default(true),
}).superRefine(refuseValueAndField);
const startsWith = defineScorer({
    name: "starts_with",
    description: "The output starts with the expected text (or with any of a list of texts).",
    configSchema: StartsWithConfigSchema,
    create(config) {
        const fold = caseFold(config.case_sensitive);
        const note = caseNote(config.case_sensitive);
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const texts = expectedTexts(readExpected(item, config));
            const text = asText(output.value);
            const shown = config.trim ? text.trimStart() : text;
            const start = fold(shown);
            const match = texts.find((candidate) => outputStartsWith(output.value, start, candidate, fold));
            const passed = match !== undefined;
            const reason = passed
                ? `${output.label} starts with ${evidence_values_preview(match)}`
                : `${output.label} starts with ${evidence_values_preview(truncate(shown, 40))}, not ${texts.length === 1 ? "" : "any of "}${quoteList(texts)}`;
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: {
                    read: evidenceValue(output.value),
                    compared: texts.length === 1 ? texts[0] : texts,
                    reason: reason + note,
                },
            };
        };
    },
});

;// CONCATENATED MODULE: ./src/core/scorers/closest-name.ts

/**
 * The known name a typo most likely meant: the nearest by edit distance, if it is close
 * (at most a third of the name's length, and at least 1), or a known name containing it.
 */
function closestName(name, known) {
    const wanted = name.toLowerCase();
    let best;
    let bestDistance = Math.max(1, Math.floor(wanted.length / 3));
    for (const candidate of known) {
        const distance = (0,mod/* distance */.Io)(wanted, candidate.toLowerCase());
        if (distance <= bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best ?? known.find((candidate) => candidate.includes(wanted) && wanted.length >= 3);
}

;// CONCATENATED MODULE: ./src/core/scorers/tool-call-arguments.ts

/** Providers send arguments as an object or as the JSON text of one (OpenAI does the latter). */
function callArguments(call) {
    if (typeof call.arguments !== "string")
        return call.arguments;
    const parsed = parseJson(call.arguments);
    return parsed.ok ? parsed.value : call.arguments;
}

;// CONCATENATED MODULE: ./src/core/scorers/tool-called.ts





const ToolCalledConfigSchema = schemas/* strictObject */.rej({
    tool: schemas/* string */.YjP({ error: "name the tool, e.g. tool: search_orders" }).min(1),
    /**
     * Every given key must equal the call's argument of that name (by the rule of
     * scalar-equality.ts: `order_id: 42` matches "42"); other arguments are free.
     */
    arguments: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* json */.Pq9(), { error: "write arguments as a mapping, e.g. arguments: { order_id: A1 }" })
        .optional(),
    times: schemas/* number */.aig().int().nonnegative().optional(),
    min_times: schemas/* number */.aig().int().positive().optional(),
}).superRefine((config, context) => {
    if (config.times !== undefined && config.min_times !== undefined) {
        context.addIssue({
            code: "custom",
            path: ["times"],
            message: "set either times (an exact count) or min_times, not both",
        });
    }
});
const toolCalled = defineScorer({
    name: "tool_called",
    description: "The target called a tool (`tool`), optionally with given `arguments`, exactly `times` or at least `min_times`.",
    configSchema: ToolCalledConfigSchema,
    create(config) {
        const wanted = config.arguments === undefined ? undefined : Object.entries(config.arguments);
        const countRule = describeCountRule(config);
        return ({ result }) => {
            const calls = result.tool_calls ?? [];
            const named = calls.filter((call) => call.name === config.tool);
            const matching = wanted === undefined ? named : named.filter((call) => argumentsMatch(call, wanted));
            const passed = config.times !== undefined ? matching.length === config.times : matching.length >= (config.min_times ?? 1);
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: {
                    read: evidenceValue(calls),
                    compared: compared(config),
                    reason: toolReason(config, calls, named, matching.length, passed, countRule),
                },
            };
        };
    },
});
function argumentsMatch(call, wanted) {
    const args = callArguments(call);
    if (args === null || typeof args !== "object" || Array.isArray(args))
        return wanted.length === 0;
    const record = args;
    return wanted.every(([key, value]) => Object.hasOwn(record, key) && valuesEqual(record[key], value));
}
function describeCountRule(config) {
    if (config.times !== undefined)
        return `exactly ${tool_called_plural(config.times)}`;
    return `at least ${tool_called_plural(config.min_times ?? 1)}`;
}
function tool_called_plural(count) {
    return count === 1 ? "1 time" : `${count} times`;
}
function compared(config) {
    const rule = { tool: config.tool };
    if (config.arguments !== undefined)
        rule["arguments"] = config.arguments;
    if (config.times !== undefined)
        rule["times"] = config.times;
    else
        rule["min_times"] = config.min_times ?? 1;
    return rule;
}
function toolReason(config, calls, named, matching, passed, countRule) {
    const tool = config.tool;
    const withArgs = config.arguments === undefined ? "" : ` with arguments ${evidence_values_preview(config.arguments)}`;
    const calledNames = calls.length === 0 ? "no tools were called" : `called: ${uniqueNames(calls)}`;
    if (named.length === 0) {
        return passed ? `tool ${tool} was not called, as required; ${calledNames}` : `tool ${tool} was not called; ${calledNames}`;
    }
    if (config.arguments !== undefined && matching === 0 && !passed) {
        const seen = named.slice(0, 3).map((call) => evidence_values_preview(callArguments(call))).join(", ");
        return `tool ${tool} was called ${tool_called_plural(named.length)} but never${withArgs}; its arguments: ${seen}`;
    }
    const verdict = passed ? "" : ` (expected ${countRule})`;
    return `tool ${tool} was called ${tool_called_plural(matching)}${withArgs}${verdict}`;
}
function uniqueNames(calls) {
    return [...new Set(calls.map((call) => call.name))].join(", ");
}

;// CONCATENATED MODULE: ./src/core/scorers/sentence-bleu.ts
/**
 * Sentence BLEU (Papineni et al., 2002) as sacrebleu's `sentence_bleu` computes it: n-grams up to
 * 4 with uniform weights, counts clipped by the most any one reference holds, the brevity penalty
 * against the reference length closest to the candidate's (the shorter on a tie), and
 * "exp" smoothing (Chen & Cherry 2014, method 3): the k-th order with no match counts as
 * 1 / (2^k · its n-gram total) instead of zeroing the score. An order the candidate is too short
 * for is left out of the mean (sacrebleu's effective order); no match at all is 0.
 *
 * No npm package computes this with smoothing and multiple references (the one named `bleu-score`
 * splits on single spaces and has none), so it lives here, small and tested by hand-worked examples.
 */
const BLEU_MAX_ORDER = 4;
/**
 * Words (runs of letters, digits, marks and underscores) and every other non-space character
 * alone, so "mat." and "mat" share the token "mat"; a simpler cousin of sacrebleu's 13a tokenizer.
 */
function bleuTokens(text, caseSensitive) {
    const folded = caseSensitive ? text : text.toLowerCase();
    return folded.match(/[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_]/gu) ?? [];
}
function sentenceBleu(candidate, references) {
    const matches = [];
    const totals = [];
    for (let order = 1; order <= BLEU_MAX_ORDER && candidate.length >= order; order += 1) {
        const counts = nGramCounts(candidate, order);
        const allowed = new Map();
        for (const reference of references) {
            for (const [gram, count] of nGramCounts(reference, order)) {
                allowed.set(gram, Math.max(allowed.get(gram) ?? 0, count));
            }
        }
        let matched = 0;
        for (const [gram, count] of counts)
            matched += Math.min(count, allowed.get(gram) ?? 0);
        matches.push(matched);
        totals.push(candidate.length - order + 1);
    }
    const candidateLength = candidate.length;
    const referenceLength = closestLength(candidateLength, references);
    const brevityPenalty = candidateLength >= referenceLength ? 1 : candidateLength === 0 ? 0 : Math.exp(1 - referenceLength / candidateLength);
    const breakdown = { matches, totals, brevityPenalty, candidateLength, referenceLength };
    if (!matches.some((matched) => matched > 0))
        return { score: 0, ...breakdown };
    let smoothing = 1;
    let logSum = 0;
    matches.forEach((matched, index) => {
        const total = totals[index] ?? 1;
        if (matched > 0) {
            logSum += Math.log(matched / total);
        }
        else {
            smoothing *= 2;
            logSum += Math.log(1 / (smoothing * total));
        }
    });
    return { score: brevityPenalty * Math.exp(logSum / matches.length), ...breakdown };
}
function nGramCounts(tokens, order) {
    const counts = new Map();
    for (let start = 0; start + order <= tokens.length; start += 1) {
        // JSON keeps tokens apart when joined: ["a b"] and ["a", "b"] are different n-grams.
        const gram = JSON.stringify(tokens.slice(start, start + order));
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    return counts;
}
function closestLength(length, references) {
    let closest = references[0]?.length ?? 0;
    for (const reference of references) {
        const distance = Math.abs(reference.length - length);
        const best = Math.abs(closest - length);
        if (distance < best || (distance === best && reference.length < closest))
            closest = reference.length;
    }
    return closest;
}

;// CONCATENATED MODULE: ./src/core/scorers/bleu.ts







/** promptfoo's default for `bleu`, so a suite moved from it keeps its verdicts. */
const DEFAULT_THRESHOLD = 0.5;
const BleuConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    threshold: schemas/* number */.aig({ error: "write the least BLEU score that passes, from 0 to 1, e.g. threshold: 0.4" })
        .min(0, { error: "write the least BLEU score that passes, from 0 to 1, e.g. threshold: 0.4" })
        .max(1, { error: "write the least BLEU score that passes, from 0 to 1, e.g. threshold: 0.4" })
        .default(DEFAULT_THRESHOLD),
    case_sensitive: schemas/* boolean */.zMY().default(true),
}).superRefine(refuseValueAndField);
const bleu = defineScorer({
    name: "bleu",
    description: `Sentence BLEU (n-grams up to ${BLEU_MAX_ORDER}, sacrebleu's exp smoothing) of the output against the expected ` +
        `text or list of reference texts; passes at \`threshold\` (default ${DEFAULT_THRESHOLD}).`,
    configSchema: BleuConfigSchema,
    create(config) {
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const expected = readExpected(item, config);
            const references = expectedTexts(expected);
            const referenceTokens = references.map((text) => bleuTokens(text, config.case_sensitive));
            if (referenceTokens.every((tokens) => tokens.length === 0)) {
                throw new Error(`${expected.label} is blank; BLEU needs a reference text`);
            }
            const breakdown = sentenceBleu(bleuTokens(asText(output.value), config.case_sensitive), referenceTokens);
            const passed = breakdown.score >= config.threshold;
            const verdict = passed ? `reaches threshold ${config.threshold}` : `is below threshold ${config.threshold}`;
            const against = references.length === 1 ? expected.label : `${references.length} references in ${expected.label}`;
            return {
                score: breakdown.score,
                passed,
                evidence: {
                    read: evidenceValue(output.value),
                    compared: evidenceValue(references.length === 1 ? references[0] : references),
                    reason: `BLEU of ${output.label} against ${against} is ${(0,stats/* formatScore */.y)(breakdown.score, [config.threshold])} ` +
                        `(${describeBreakdown(breakdown)}), which ${verdict}${caseNote(config.case_sensitive)}`,
                },
            };
        };
    },
});
/** "1-4 gram matches 5/6, 3/5, 2/4, 1/3; brevity penalty 1 (6 tokens, reference 6)". */
function describeBreakdown(breakdown) {
    const { matches, totals, brevityPenalty, candidateLength, referenceLength } = breakdown;
    if (candidateLength === 0)
        return "the output is blank";
    const fractions = matches.map((matched, index) => `${matched}/${totals[index] ?? 0}`).join(", ");
    const orders = matches.length === 1 ? "1-gram matches" : `1-${matches.length} gram matches`;
    const penalty = brevityPenalty === 1 ? "1" : brevityPenalty.toFixed(4);
    return `${orders} ${fractions}; brevity penalty ${penalty} (${candidateLength} tokens, reference ${referenceLength})`;
}

;// CONCATENATED MODULE: ./src/core/scorers/expected-json.ts

/**
 * The expected value of a JSON scorer. A CSV cell is always text, so a text that parses as a JSON
 * object or array is that object or array: the cell `{"id": "A1"}` expects an object, not a string.
 */
function expectedJson(expected) {
    if (typeof expected.value !== "string")
        return expected.value;
    const parsed = parseJson(expected.value);
    return parsed.ok && parsed.value !== null && typeof parsed.value === "object" ? parsed.value : expected.value;
}

;// CONCATENATED MODULE: ./src/core/scorers/find-json-values.ts

/**
 * Characters the search may read, as passes over the text (plus a floor for short texts): an
 * unclosed `{` costs a read to the end, so a text of stray braces would otherwise cost quadratic
 * time; citations such as "[1]" close at once and cost almost nothing.
 */
const SCAN_PASSES = 8;
const SCAN_FLOOR = 100_000;
/**
 * The JSON objects and arrays inside a text, in order: the whole text, a fenced ```json block, or
 * one embedded in prose ("Here it is: {"id": 1}."). Each `{` or `[` is read up to its matching
 * bracket (brackets inside JSON strings do not count) and parsed; a span that parses is taken
 * whole, so an object's own members are not reported again. Scalars do not count: the digit in
 * "step 2" is not a JSON value an answer meant to give.
 */
function findJsonValues(text) {
    const found = [];
    let budget = SCAN_PASSES * text.length + SCAN_FLOOR;
    let from = 0;
    while (budget > 0) {
        const start = nextOpening(text, from);
        if (start === -1)
            break;
        const span = matchingClose(text, start, budget);
        budget -= span.read;
        const parsed = span.end === -1 ? undefined : parseJson(text.slice(start, span.end + 1));
        if (parsed?.ok === true) {
            found.push(parsed.value);
            from = span.end + 1;
        }
        else {
            from = start + 1;
        }
    }
    return found;
}
function nextOpening(text, from) {
    const brace = text.indexOf("{", from);
    const bracket = text.indexOf("[", from);
    if (brace === -1)
        return bracket;
    if (bracket === -1)
        return brace;
    return Math.min(brace, bracket);
}
/**
 * The index of the bracket closing the one at `start` (-1 when none does: a mismatched pair ends
 * the span), and how many characters were read to find out, at most `budget`.
 */
function matchingClose(text, start, budget) {
    const open = [];
    let inString = false;
    const stop = Math.min(text.length, start + budget);
    for (let index = start; index < stop; index += 1) {
        const char = text[index];
        if (inString) {
            if (char === "\\")
                index += 1;
            else if (char === '"')
                inString = false;
            continue;
        }
        if (char === '"')
            inString = true;
        else if (char === "{")
            open.push("}");
        else if (char === "[")
            open.push("]");
        else if (char === "}" || char === "]") {
            if (open.pop() !== char)
                return { end: -1, read: index - start + 1 };
            if (open.length === 0)
                return { end: index, read: index - start + 1 };
        }
    }
    return { end: -1, read: Math.max(1, stop - start) };
}

;// CONCATENATED MODULE: ./src/core/scorers/json-subset.ts



/** `array:` in the config of a scorer that matches JSON as a subset. */
const ArrayRuleField = {
    array: schemas/* enum */.k5n(["ordered", "subset"], { error: "write array: ordered (element by element) or array: subset (any order)" })
        .default("ordered"),
};
/**
 * Where `actual` fails to hold `expected` as a subset (`json_match`, `contains_json`,
 * `tool_params_match`): every expected key must be present with a matching value, recursively;
 * other keys are free. Leaves compare by the rule of scalar-equality.ts, so the CSV text "42"
 * matches the number 42. Empty when it holds.
 */
function subsetMismatches(actual, expected, arrays, path = "") {
    if (json_subset_isRecord(expected)) {
        if (!json_subset_isRecord(actual))
            return [{ path, message: `is ${kindOf(actual)} ${evidence_values_preview(actual)}, expected an object` }];
        const mismatches = [];
        for (const [key, value] of Object.entries(expected)) {
            const at = `${path}.${key}`;
            if (!Object.hasOwn(actual, key))
                mismatches.push({ path: at, message: `is missing (expected ${evidence_values_preview(value)})` });
            else
                mismatches.push(...subsetMismatches(actual[key], value, arrays, at));
        }
        return mismatches;
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual))
            return [{ path, message: `is ${kindOf(actual)} ${evidence_values_preview(actual)}, expected an array` }];
        return arrays === "ordered" ? orderedMismatches(actual, expected, path) : unmatchedElements(actual, expected, path);
    }
    if (valuesEqual(actual, expected))
        return [];
    return [{ path, message: `is ${evidence_values_preview(actual)}, expected ${evidence_values_preview(expected)}` }];
}
/** "output.customer.id is "B2", expected "A1"; output.items is missing (…)", the first few. */
function describeMismatches(label, mismatches, shown = 3) {
    const listed = mismatches.slice(0, shown).map((mismatch) => `${label}${mismatch.path} ${mismatch.message}`);
    const more = mismatches.length > shown ? `; and ${mismatches.length - shown} more` : "";
    return listed.join("; ") + more;
}
function orderedMismatches(actual, expected, path) {
    if (actual.length !== expected.length) {
        return [{ path, message: `has ${json_subset_elements(actual.length)}, expected ${json_subset_elements(expected.length)} (in order; array: subset accepts any order and extra elements)` }];
    }
    return expected.flatMap((value, index) => subsetMismatches(actual[index], value, "ordered", `${path}[${index}]`));
}
/**
 * Each expected element needs its own actual element: [1, 1] is not a subset of [1]. Elements
 * that are objects match by subset, so one actual element may fit several expected ones; a
 * bipartite matching (Kuhn's augmenting paths) finds an assignment whenever one exists.
 */
function unmatchedElements(actual, expected, path) {
    const fits = expected.map((value) => actual.map((candidate) => subsetMismatches(candidate, value, "subset").length === 0));
    const ownerOf = actual.map(() => undefined);
    const assign = (wanted, visited) => {
        for (let index = 0; index < actual.length; index += 1) {
            if (!fits[wanted]?.[index] || visited[index])
                continue;
            visited[index] = true;
            const owner = ownerOf[index];
            if (owner === undefined || assign(owner, visited)) {
                ownerOf[index] = wanted;
                return true;
            }
        }
        return false;
    };
    const mismatches = [];
    expected.forEach((value, wanted) => {
        if (!assign(wanted, actual.map(() => false))) {
            mismatches.push({ path, message: `has no element matching ${evidence_values_preview(value)} (expected element ${wanted})` });
        }
    });
    return mismatches;
}
function json_subset_elements(count) {
    return count === 1 ? "1 element" : `${count} elements`;
}
function json_subset_isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/core/scorers/contains-json.ts







const ContainsJsonConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    ...ArrayRuleField,
}).superRefine(refuseValueAndField);
const containsJson = defineScorer({
    name: "contains_json",
    description: "The output contains a JSON object or array (the whole output, a fenced block, or one inside prose); with " +
        "`value` or `field`, one that holds that value as a subset (as `json_match`).",
    configSchema: ContainsJsonConfigSchema,
    create(config) {
        const checksValue = config.value !== undefined || config.field !== undefined;
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const found = jsonValuesIn(output.value);
            const read = evidenceValue(output.value);
            if (!checksValue) {
                const passed = found.length > 0;
                const reason = passed
                    ? `${output.label} contains JSON ${evidence_values_preview(found[0])}${moreNote(found.length)}`
                    : `${output.label} contains no JSON object or array`;
                return { score: passed ? 1 : 0, passed, evidence: { read, reason } };
            }
            const expected = readExpected(item, config);
            const wanted = expectedJson(expected);
            const judged = found.map((value) => ({ value, mismatches: subsetMismatches(value, wanted, config.array) }));
            const match = judged.find((candidate) => candidate.mismatches.length === 0);
            const passed = match !== undefined;
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: { read, compared: evidenceValue(wanted), reason: holdingReason(output.label, expected.label, judged, match) },
            };
        };
    },
});
/** A structured output is JSON itself; a text is searched; a number or boolean holds none. */
function jsonValuesIn(output) {
    if (typeof output === "string")
        return findJsonValues(output);
    return output !== null && typeof output === "object" ? [output] : [];
}
function holdingReason(label, expectedLabel, judged, match) {
    if (match !== undefined)
        return `${label} contains JSON holding ${expectedLabel}: ${evidence_values_preview(match.value)}`;
    if (judged.length === 0)
        return `${label} contains no JSON object or array`;
    // The value that came closest says most about what went wrong.
    const closest = judged.reduce((best, candidate) => (candidate.mismatches.length < best.mismatches.length ? candidate : best));
    const count = judged.length === 1 ? "JSON" : `${judged.length} JSON values`;
    return (`${label} contains ${count}, none holding ${expectedLabel}; closest ${evidence_values_preview(closest.value)}: ` +
        describeMismatches("json", closest.mismatches));
}
function moreNote(count) {
    return count > 1 ? ` (and ${count - 1} more)` : "";
}

;// CONCATENATED MODULE: ./src/core/scorers/cost-max.ts



const CostMaxConfigSchema = schemas/* strictObject */.rej({
    max: schemas/* number */.aig({ error: "write the most the call may cost, in the unit the target reports, e.g. max: 0.01" })
        .nonnegative({ error: "write a limit of 0 or more, e.g. max: 0.01" }),
});
const costMax = defineScorer({
    name: "cost_max",
    description: "The call cost at most `max` (the result's cost, in the unit the target or the price table gives); " +
        "score = min(1, max / cost). A target that reported no cost is this scorer's error (never a pass, even under `not`).",
    configSchema: CostMaxConfigSchema,
    create(config) {
        return ({ result }) => {
            const cost = result.cost;
            if (cost === undefined) {
                // A missing cost never passes a limit: an unreported cost is not a free call. An error, not
                // a failure, so that `not: true` cannot turn "nothing was measured" into a pass.
                throw new Error("the target reported no cost; a missing cost never passes cost_max");
            }
            const passed = cost <= config.max;
            return {
                score: cost === 0 ? 1 : Math.min(1, config.max / cost),
                passed,
                evidence: {
                    read: cost,
                    compared: config.max,
                    reason: `cost ${exact(cost)} is ${passed ? "within" : "over"} the limit of ${exact(config.max)}`,
                },
            };
        };
    },
});
/** Four decimals as the report shows costs, or the exact value where four would round it. */
function exact(value) {
    const shown = (0,stats/* formatCost */.BD)(value);
    return Number(shown) === value ? shown : String(value);
}

;// CONCATENATED MODULE: ./src/core/scorers/json-match.ts






const JsonMatchConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    ...ArrayRuleField,
}).superRefine(refuseValueAndField);
const jsonMatch = defineScorer({
    name: "json_match",
    description: "The output's JSON (or `output_path`) holds the expected value as a subset: every expected key present with an " +
        "equal value, recursively; arrays element by element, or in any order with `array: subset`.",
    configSchema: JsonMatchConfigSchema,
    create(config) {
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const expected = readExpected(item, config);
            const wanted = expectedJson(expected);
            const evidence = { read: evidenceValue(output.value), compared: evidenceValue(wanted) };
            const actual = outputJson(output.value);
            if (!actual.ok) {
                return { score: 0, passed: false, evidence: { ...evidence, reason: `${output.label} is not JSON: ${actual.error}` } };
            }
            const mismatches = subsetMismatches(actual.value, wanted, config.array);
            const passed = mismatches.length === 0;
            const reason = passed
                ? `${output.label} holds ${expected.label} ${evidence_values_preview(wanted)}`
                : `${output.label} does not hold ${expected.label}: ${describeMismatches(output.label, mismatches)}`;
            return { score: passed ? 1 : 0, passed, evidence: { ...evidence, reason } };
        };
    },
});
/** A text output is parsed; a structured one was read from JSON already. */
function outputJson(value) {
    if (typeof value !== "string")
        return { ok: true, value };
    const parsed = parseJson(value);
    if (!parsed.ok && parsed.tooDeep)
        throw new Error(`the output is JSON text, but ${parsed.error}; nothing to score`);
    return parsed;
}

;// CONCATENATED MODULE: ./src/core/scorers/expected-text.ts

/**
 * The one expected text of a scorer that measures a text against another (`levenshtein`,
 * `rouge_n`): a list has no single distance, so it is the dataset's or config's mistake.
 */
function expectedText(expected) {
    const texts = expectedTexts(expected);
    const [text] = texts;
    if (text === undefined || texts.length > 1) {
        throw new Error(`${expected.label} is a list of ${texts.length} texts; this scorer compares the output with one text`);
    }
    return text;
}

;// CONCATENATED MODULE: ./src/core/scorers/levenshtein.ts








const LevenshteinConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    max_distance: schemas/* number */.aig({ error: "write the most edits allowed as a whole number, e.g. max_distance: 3" })
        .int({ error: "write the most edits allowed as a whole number, e.g. max_distance: 3" })
        .nonnegative({ error: "write the most edits allowed as a whole number, e.g. max_distance: 3" })
        .optional(),
    min_similarity: schemas/* number */.aig({ error: "write the least similarity as a number from 0 to 1, e.g. min_similarity: 0.8" })
        .min(0, { error: "write the least similarity as a number from 0 to 1, e.g. min_similarity: 0.8" })
        .max(1, { error: "write the least similarity as a number from 0 to 1, e.g. min_similarity: 0.8" })
        .optional(),
    trim: schemas/* boolean */.zMY().default(true),
    case_sensitive: schemas/* boolean */.zMY().default(true),
}).superRefine((config, context) => {
    refuseValueAndField(config, context);
    const given = [config.max_distance, config.min_similarity].filter((bound) => bound !== undefined).length;
    if (given !== 1) {
        context.addIssue({
            code: "custom",
            path: ["max_distance"],
            message: given === 0
                ? "set max_distance (edits allowed, e.g. max_distance: 3) or min_similarity (0 to 1, e.g. min_similarity: 0.8)"
                : "set either max_distance or min_similarity, not both",
        });
    }
});
/** A similarity printed as 0.8 must reach a min_similarity of 0.8 despite binary rounding. */
const SIMILARITY_TOLERANCE = 1e-9;
const levenshtein = defineScorer({
    name: "levenshtein",
    description: "The output is within `max_distance` edits (Levenshtein) of the expected text, or at least `min_similarity` " +
        "similar; score = similarity = 1 − distance / length of the longer text.",
    configSchema: LevenshteinConfigSchema,
    create(config) {
        const normalize = (text) => {
            const trimmed = config.trim ? text.trim() : text;
            return config.case_sensitive ? trimmed : trimmed.toLowerCase();
        };
        const thresholds = config.min_similarity === undefined ? [] : [config.min_similarity];
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const expected = readExpected(item, config);
            const actual = normalize(asText(output.value));
            const wanted = normalize(expectedText(expected));
            const edits = (0,mod/* distance */.Io)(actual, wanted);
            const longer = Math.max(actual.length, wanted.length);
            const similarity = longer === 0 ? 1 : 1 - edits / longer;
            const passed = config.max_distance !== undefined
                ? edits <= config.max_distance
                : similarity >= (config.min_similarity ?? 1) - SIMILARITY_TOLERANCE;
            const measured = `${output.label} is ${edits === 1 ? "1 edit" : `${edits} edits`} from ${expected.label} ` +
                `(similarity ${(0,stats/* formatScore */.y)(similarity, thresholds)} over ${longer} characters)`;
            const bound = config.max_distance !== undefined
                ? `max_distance ${config.max_distance}`
                : `min_similarity ${config.min_similarity ?? 1}`;
            return {
                score: similarity,
                passed,
                evidence: {
                    read: evidenceValue(output.value),
                    compared: evidenceValue(wanted),
                    reason: `${measured}, ${passed ? "within" : "outside"} ${bound}${caseNote(config.case_sensitive)}`,
                },
            };
        };
    },
});

;// CONCATENATED MODULE: ./src/core/scorers/tool-call-names.ts
/** "called: lookup_user, search_orders" or "no tools were called": what reasons say was called. */
function calledNote(calls) {
    if (calls.length === 0)
        return "no tools were called";
    return `called: ${[...new Set(calls.map((call) => call.name))].join(", ")}`;
}
/** "lookup_user → search_orders", "(none)": a sequence of tool names as reasons show it. */
function sequenceText(names) {
    return names.length === 0 ? "(none)" : names.join(" → ");
}
function times(count) {
    return count === 1 ? "1 time" : `${count} times`;
}

;// CONCATENATED MODULE: ./src/core/scorers/max-tool-calls.ts



const MaxToolCallsConfigSchema = schemas/* strictObject */.rej({
    max: schemas/* number */.aig({ error: "write the most tool calls allowed as a whole number, e.g. max: 5" })
        .int({ error: "write the most tool calls allowed as a whole number, e.g. max: 5" })
        .nonnegative({ error: "write the most tool calls allowed as a whole number, e.g. max: 5" }),
});
const maxToolCalls = defineScorer({
    name: "max_tool_calls",
    description: "The target made at most `max` tool calls for the item; score = min(1, max / calls).",
    configSchema: MaxToolCallsConfigSchema,
    create(config) {
        return ({ result }) => {
            const names = (result.tool_calls ?? []).map((call) => call.name);
            const count = names.length;
            const passed = count <= config.max;
            const made = count === 0 ? "no tool calls" : `${count === 1 ? "1 tool call" : `${count} tool calls`} (${sequenceText(names)})`;
            return {
                score: passed ? 1 : config.max / count,
                passed,
                evidence: {
                    read: names,
                    compared: config.max,
                    reason: `${made}, ${passed ? "within" : "over"} the limit of ${config.max}`,
                },
            };
        };
    },
});

;// CONCATENATED MODULE: ./src/core/scorers/no-errors.ts




/**
 * Kept simple on purpose: an answer carries an error when it is an object (or the JSON text of
 * one) with an `error` key that holds something (not null, false, "" or an empty object or list),
 * the shape OpenAI-style APIs and most HTTP services use. Text that merely mentions an error is an
 * answer, and tool calls are not checked: a target's result records the calls, not what they
 * returned, and an answer of tool calls only has no output to carry one. A call that failed
 * outright never reaches a scorer: its item is an error already.
 */
const noErrors = defineScorer({
    name: "no_errors",
    description: "The output carries no error: it is not an object (or the JSON text of one) with a non-empty `error` key.",
    configSchema: schemas/* strictObject */.rej({}),
    create() {
        return ({ result }) => {
            if (result.output === undefined || result.output === null) {
                // A valid answer of tool calls only: there is no output to carry an error.
                return {
                    score: 1,
                    passed: true,
                    evidence: { read: evidenceValue(result.tool_calls), reason: "the target answered with tool calls only, and no output carries an error" },
                };
            }
            const error = carriedError(result.output);
            const passed = error === undefined;
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: {
                    read: evidenceValue(result.output),
                    reason: passed ? "the output carries no error" : `the output carries an error: ${evidence_values_preview(error)}`,
                },
            };
        };
    },
});
function carriedError(output) {
    let value = output;
    if (typeof value === "string") {
        const parsed = parseJson(value);
        if (!parsed.ok)
            return undefined;
        value = parsed.value;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, "error"))
        return undefined;
    const error = value["error"];
    return holdsSomething(error) ? error : undefined;
}
function holdsSomething(value) {
    if (value === null || value === undefined || value === false || value === "")
        return false;
    if (Array.isArray(value))
        return value.length > 0;
    if (typeof value === "object")
        return Object.keys(value).length > 0;
    return true;
}

;// CONCATENATED MODULE: ./src/core/scorers/numeric-range.ts





const NumericRangeConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    min: schemas/* number */.aig({ error: "write the lower bound as a number, e.g. min: 0" }).optional(),
    max: schemas/* number */.aig({ error: "write the upper bound as a number, e.g. max: 100" }).optional(),
    /** Whether the bounds themselves are in the range. */
    inclusive: schemas/* boolean */.zMY().default(true),
}).superRefine((config, context) => {
    if (config.min === undefined && config.max === undefined) {
        context.addIssue({ code: "custom", path: ["min"], message: "set min, max or both, e.g. min: 0, max: 100" });
        return;
    }
    if (config.min === undefined || config.max === undefined)
        return;
    if (config.min > config.max || (config.min === config.max && !config.inclusive)) {
        context.addIssue({
            code: "custom",
            path: ["min"],
            message: `min ${config.min} and max ${config.max} leave no number in the range; write min below max`,
        });
    }
});
const numericRange = defineScorer({
    name: "numeric_range",
    description: "The output (or `output_path`) is a number between `min` and `max` (`inclusive` by default); numeric text such as \"42\" counts.",
    configSchema: NumericRangeConfigSchema,
    create(config) {
        const range = describeRange(config);
        const compared = {
            ...(config.min === undefined ? {} : { min: config.min }),
            ...(config.max === undefined ? {} : { max: config.max }),
            inclusive: config.inclusive,
        };
        return ({ result }) => {
            const output = readOutput(result, config.output_path);
            const number = readNumber(output.value);
            const passed = number !== undefined && inRange(number, config);
            let reason;
            if (number === undefined) {
                reason = `${output.label} ${evidence_values_preview(output.value)} is not a number (${kindOf(output.value)}); expected ${range}`;
            }
            else {
                reason = `${output.label} ${number} is ${passed ? "" : "not "}${range}`;
            }
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: { read: evidenceValue(output.value), compared, reason },
            };
        };
    },
});
/** A number, or a text that spells one by the rule of scalar-equality.ts (" 42 ", "4.2e1"). */
function readNumber(value) {
    if (typeof value === "number")
        return value;
    if (typeof value !== "string")
        return undefined;
    const scalar = scalarFromText(value);
    return typeof scalar === "number" ? scalar : undefined;
}
function inRange(number, config) {
    const { min, max, inclusive } = config;
    if (min !== undefined && (inclusive ? number < min : number <= min))
        return false;
    if (max !== undefined && (inclusive ? number > max : number >= max))
        return false;
    return true;
}
function describeRange(config) {
    const { min, max, inclusive } = config;
    const low = min === undefined ? undefined : inclusive ? `at least ${min}` : `above ${min}`;
    const high = max === undefined ? undefined : inclusive ? `at most ${max}` : `below ${max}`;
    return [low, high].filter((part) => part !== undefined).join(" and ");
}

// EXTERNAL MODULE: ./node_modules/js-rouge/dist/rouge.mjs
var rouge = __webpack_require__(49109);
;// CONCATENATED MODULE: ./src/core/scorers/rouge-n.ts








/** promptfoo's default for `rouge-n`, so a suite moved from it keeps its verdicts. */
const rouge_n_DEFAULT_THRESHOLD = 0.75;
const RougeNConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    n: schemas/* number */.aig({ error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
        .int({ error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
        .min(1, { error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
        .max(4, { error: "write the n-gram size as 1, 2, 3 or 4, e.g. n: 2 for ROUGE-2" })
        .default(1),
    threshold: schemas/* number */.aig({ error: "write the least F-measure that passes, from 0 to 1, e.g. threshold: 0.6" })
        .min(0, { error: "write the least F-measure that passes, from 0 to 1, e.g. threshold: 0.6" })
        .max(1, { error: "write the least F-measure that passes, from 0 to 1, e.g. threshold: 0.6" })
        .default(rouge_n_DEFAULT_THRESHOLD),
    case_sensitive: schemas/* boolean */.zMY().default(true),
}).superRefine(refuseValueAndField);
const rougeN = defineScorer({
    name: "rouge_n",
    description: "ROUGE-N (js-rouge: Penn Treebank tokens, n-gram size `n`, default 1) F-measure of the output against the " +
        `expected text; passes at \`threshold\` (default ${rouge_n_DEFAULT_THRESHOLD}).`,
    configSchema: RougeNConfigSchema,
    create(config) {
        const metric = `ROUGE-${config.n} F-measure`;
        return ({ item, result }) => {
            const output = readOutput(result, config.output_path);
            const expected = readExpected(item, config);
            const reference = expectedText(expected);
            if (reference.trim() === "")
                throw new Error(`${expected.label} is empty; ROUGE needs a reference text`);
            const candidate = asText(output.value);
            // An empty answer shares no n-gram with the reference: 0, where js-rouge would throw.
            const score = candidate.trim() === "" ? 0 : (0,rouge.n)(candidate, reference, { n: config.n, caseSensitive: config.case_sensitive });
            const passed = score >= config.threshold;
            const shown = (0,stats/* formatScore */.y)(score, [config.threshold]);
            const verdict = passed ? `reaches threshold ${config.threshold}` : `is below threshold ${config.threshold}`;
            return {
                score,
                passed,
                evidence: {
                    read: evidenceValue(output.value),
                    compared: evidenceValue(reference),
                    reason: `${metric} of ${output.label} against ${expected.label} is ${shown}, which ${verdict}${caseNote(config.case_sensitive)}`,
                },
            };
        };
    },
});

;// CONCATENATED MODULE: ./src/core/scorers/tokens-max.ts


const TokensMaxConfigSchema = schemas/* strictObject */.rej({
    max: schemas/* number */.aig({ error: "write the most tokens allowed, e.g. max: 2000" })
        .int({ error: "write the most tokens allowed as a whole number, e.g. max: 2000" })
        .positive({ error: "write a limit above 0 tokens, e.g. max: 2000" }),
    /** Which count of the target's usage is limited. */
    tokens: schemas/* enum */.k5n(["total", "input", "output"], { error: "write tokens: total, input or output" }).default("total"),
});
const tokensMax = defineScorer({
    name: "tokens_max",
    description: "The target used at most `max` tokens (`tokens: total` by default, or `input` / `output`); score = min(1, max / used). " +
        "A target that reported no usage is this scorer's error (never a pass, even under `not`).",
    configSchema: TokensMaxConfigSchema,
    create(config) {
        const compared = { max: config.max, tokens: config.tokens };
        return ({ result }) => {
            const usage = result.usage;
            const used = usage === undefined ? undefined : tokenCount(usage, config.tokens);
            if (used === undefined) {
                // A missing count never passes a limit: an unreported usage is not a small one. An error,
                // not a failure, so that `not: true` cannot turn "nothing was measured" into a pass.
                throw new Error(missingReason(usage, config.tokens));
            }
            const passed = used.count <= config.max;
            return {
                score: used.count === 0 ? 1 : Math.min(1, config.max / used.count),
                passed,
                evidence: {
                    read: usage,
                    compared,
                    reason: `${used.count} ${config.tokens} tokens${used.note}, ${passed ? "within" : "over"} the limit of ${config.max}`,
                },
            };
        };
    },
});
/** The count limited; a total the target did not report is its input plus its output, when both are known. */
function tokenCount(usage, counted) {
    if (counted === "input")
        return known(usage.input_tokens);
    if (counted === "output")
        return known(usage.output_tokens);
    if (usage.total_tokens !== undefined)
        return { count: usage.total_tokens, note: "" };
    if (usage.input_tokens === undefined || usage.output_tokens === undefined)
        return undefined;
    return {
        count: usage.input_tokens + usage.output_tokens,
        note: ` (${usage.input_tokens} input + ${usage.output_tokens} output)`,
    };
}
function known(count) {
    return count === undefined ? undefined : { count, note: "" };
}
function missingReason(usage, counted) {
    if (usage === undefined)
        return "the target reported no token usage; a missing count never passes tokens_max";
    const fields = counted === "total" ? "total_tokens (nor both input_tokens and output_tokens)" : `${counted}_tokens`;
    return `the target's usage has no ${fields}; a missing count never passes tokens_max`;
}

;// CONCATENATED MODULE: ./src/core/scorers/tool-not-called.ts




const ToolNotCalledConfigSchema = schemas/* strictObject */.rej({
    tool: schemas/* string */.YjP({ error: "name the tool, e.g. tool: delete_order" }).min(1, { error: "name the tool, e.g. tool: delete_order" }),
});
const toolNotCalled = defineScorer({
    name: "tool_not_called",
    description: "The target never called the tool `tool` (an answer with no tool calls passes).",
    configSchema: ToolNotCalledConfigSchema,
    create(config) {
        return ({ result }) => {
            const calls = result.tool_calls ?? [];
            const count = calls.filter((call) => call.name === config.tool).length;
            const passed = count === 0;
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: {
                    read: evidenceValue(calls),
                    compared: { tool: config.tool },
                    reason: passed
                        ? `tool ${config.tool} was not called; ${calledNote(calls)}`
                        : `tool ${config.tool} was called ${times(count)}, and must not be`,
                },
            };
        };
    },
});

;// CONCATENATED MODULE: ./src/core/scorers/tool-params-match.ts






const ToolParamsMatchConfigSchema = schemas/* strictObject */.rej({
    tool: schemas/* string */.YjP({ error: "name the tool, e.g. tool: search_orders" }).min(1, { error: "name the tool, e.g. tool: search_orders" }),
    /** A subset of the arguments, matched as `json_match` does: nested keys too, leaves by the scalar rule. */
    params: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* json */.Pq9(), {
        error: "write the expected arguments as a mapping, e.g. params: { order_id: A1 }",
    }),
});
const toolParamsMatch = defineScorer({
    name: "tool_params_match",
    description: "Some call of `tool` had arguments holding `params` as a subset (nested keys too; `order_id: 42` matches \"42\").",
    configSchema: ToolParamsMatchConfigSchema,
    create(config) {
        return ({ result }) => {
            const calls = result.tool_calls ?? [];
            const judged = calls
                .filter((call) => call.name === config.tool)
                .map((call) => ({ call, mismatches: subsetMismatches(callArguments(call), config.params, "ordered") }));
            const passed = judged.some((candidate) => candidate.mismatches.length === 0);
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: {
                    read: evidenceValue(calls),
                    compared: { tool: config.tool, params: config.params },
                    reason: paramsReason(config.tool, config.params, calls, judged, passed),
                },
            };
        };
    },
});
function paramsReason(tool, params, calls, judged, passed) {
    if (judged.length === 0)
        return `tool ${tool} was not called; ${calledNote(calls)}`;
    if (passed)
        return `tool ${tool} was called with params ${evidence_values_preview(params)}`;
    // The call that came closest says most about what went wrong.
    const closest = judged.reduce((best, candidate) => (candidate.mismatches.length < best.mismatches.length ? candidate : best));
    return (`tool ${tool} was called ${times(judged.length)}, never with params ${evidence_values_preview(params)}; ` +
        `closest call: ${describeMismatches("arguments", closest.mismatches)}`);
}

;// CONCATENATED MODULE: ./src/core/scorers/tool-sequence.ts



const ToolSequenceConfigSchema = schemas/* strictObject */.rej({
    tools: schemas/* array */.YOg(schemas/* string */.YjP().min(1), { error: "list the tools in order, e.g. tools: [search_orders, refund_order]" })
        .min(1, { error: "list the tools in order, e.g. tools: [search_orders, refund_order]" }),
    /**
     * `exact`: the calls are these tools and no others, in this order. `in_order`: these tools are
     * called in this order, other calls allowed between. `any_order`: each is called (as often as
     * it is listed), in any order, other calls allowed.
     */
    mode: schemas/* enum */.k5n(["exact", "in_order", "any_order"], { error: "write mode: exact, in_order or any_order" })
        .default("in_order"),
});
const toolSequence = defineScorer({
    name: "tool_sequence",
    description: "The target called `tools` in sequence: `mode: in_order` (default, other calls allowed between), `exact` " +
        "(exactly these calls) or `any_order` (each listed tool called, in any order).",
    configSchema: ToolSequenceConfigSchema,
    create(config) {
        const wanted = config.tools;
        return ({ result }) => {
            // No tool calls reported is an empty sequence: data, judged like any other.
            const names = (result.tool_calls ?? []).map((call) => call.name);
            const problem = sequenceProblem(names, wanted, config.mode);
            const passed = problem === undefined;
            const calls = `calls: ${sequenceText(names)}`;
            return {
                score: passed ? 1 : 0,
                passed,
                evidence: {
                    read: names,
                    compared: { tools: wanted, mode: config.mode },
                    reason: passed ? `${sequenceText(wanted)} ${PASSED[config.mode]}; ${calls}` : `${problem}; ${calls}`,
                },
            };
        };
    },
});
const PASSED = {
    exact: "were called exactly",
    in_order: "were called in order",
    any_order: "were all called",
};
function sequenceProblem(names, wanted, mode) {
    if (mode === "exact") {
        const same = names.length === wanted.length && names.every((name, index) => name === wanted[index]);
        return same ? undefined : `expected exactly ${sequenceText(wanted)}`;
    }
    if (mode === "in_order") {
        let next = 0;
        for (const name of names)
            if (name === wanted[next])
                next += 1;
        if (next === wanted.length)
            return undefined;
        const missing = wanted[next];
        return next === 0 ? `${missing} was not called` : `${missing} was not called after ${sequenceText(wanted.slice(0, next))}`;
    }
    const remaining = [...names];
    const missing = [];
    for (const tool of wanted) {
        const index = remaining.indexOf(tool);
        if (index === -1)
            missing.push(tool);
        else
            remaining.splice(index, 1);
    }
    return missing.length === 0 ? undefined : `missing: ${missing.join(", ")} (expected each of ${wanted.join(", ")}, in any order)`;
}

;// CONCATENATED MODULE: ./src/core/scorers/registry.ts



























const definitions = [
    contains,
    equals,
    icontains,
    jsonSchema,
    jsonValid,
    latencyMax,
    notContains,
    regex,
    startsWith,
    toolCalled,
    numericRange,
    levenshtein,
    rougeN,
    bleu,
    containsJson,
    jsonMatch,
    toolNotCalled,
    toolSequence,
    toolParamsMatch,
    maxToolCalls,
    tokensMax,
    costMax,
    noErrors,
];
const builtinScorers = new Map(definitions.map((definition) => [definition.name, definition]));
/** Enough for the pure scorers, which use no service: the engine always passes real ones. */
const PURE_SERVICES = { configDir: ".", retries: 0, concurrency: 1 };
/**
 * Turns an experiment's `scorers:` list into functions, validating every entry first. All
 * problems are reported at once, each line naming its path (`experiments.orders.scorers[1].config.tool`).
 */
function resolveScorers(refs, path, services = PURE_SERVICES, registry = builtinScorers) {
    const problems = [];
    const resolved = [];
    refs.forEach((ref, index) => {
        const where = `${path}[${index}]`;
        const definition = registry.get(ref.name);
        if (definition === undefined) {
            problems.push(`${where}.name: ${unknownScorerMessage(ref.name, registry)}`);
            return;
        }
        const parsed = definition.configSchema.safeParse(ref.config);
        if (!parsed.success) {
            const knownKeys = configKeys(definition);
            const described = describeZodIssues(parsed.error.issues, {
                knownKeys: (at) => (at.length === 0 ? knownKeys : []),
            });
            for (const problem of described) {
                problems.push(`${formatPath([`${where}.config`, ...problem.path])}: ${problem.message}`);
            }
            return;
        }
        resolved.push({
            label: ref.label,
            name: ref.name,
            fn: definition.create(parsed.data, { ...services, path: where }),
            modifiers: modifiersOf(ref),
        });
    });
    problems.push(...duplicateLabelProblems(refs, path));
    if (problems.length > 0)
        throw new core_errors/* UserError */.yo(problems.join("\n"));
    return resolved;
}
/** The keys a scorer's `config:` accepts, for "did you mean" on a misspelt key. */
function configKeys(definition) {
    const shape = definition.configSchema.shape;
    return shape !== null && typeof shape === "object" ? Object.keys(shape) : [];
}
function unknownScorerMessage(name, registry) {
    const known = [...registry.keys()].sort();
    const suggestion = closestName(name, known);
    const hint = suggestion === undefined ? "" : `did you mean "${suggestion}"? `;
    return `unknown scorer "${name}" (${hint}known: ${known.join(", ")})`;
}
/** Scores are stored per label, so two scorers with one label would overwrite each other. */
function duplicateLabelProblems(refs, path) {
    const firstIndex = new Map();
    const problems = [];
    refs.forEach((ref, index) => {
        const first = firstIndex.get(ref.label);
        if (first === undefined) {
            firstIndex.set(ref.label, index);
            return;
        }
        problems.push(`${path}[${index}]: the label "${ref.label}" is already used by ${path}[${first}]; ` +
            `give one of them its own label, e.g. { name: ${ref.name}, label: ${ref.label}_2, config: … }`);
    });
    return problems;
}

;// CONCATENATED MODULE: ./src/core/scorers/item-scorers.ts





const ItemScorerRefsSchema = schemas/* array */.YOg(ScorerRefSchema);
/**
 * The scorers that judge each item: the experiment's, plus the item's own `scorers:` (or only
 * those, with `scorers_mode: replace`), as promptfoo adds a test's asserts to the defaults. Each
 * distinct definition is validated and resolved once (keyed by its canonical JSON), when the
 * dataset is inspected, so a bad one is refused with its file and line before anything is called;
 * the run then finds every item's scorers here already resolved.
 */
class ItemScorers {
    experiment;
    resolve;
    resolved = new Map();
    own = [];
    constructor(experiment, resolve) {
        this.experiment = experiment;
        this.resolve = resolve;
    }
    /** `where` (`evals/x.jsonl:3`) prefixes every problem, e.g. `evals/x.jsonl:3: scorers[1].config.tool: …`. */
    scorersFor(item, where = `item ${item.id}`) {
        if (item.scorers === undefined)
            return this.experiment.scorers;
        const key = (0,canonical/* canonicalJson */.dj)([item.scorers_mode ?? "add", item.scorers]);
        const known = this.resolved.get(key);
        if (known !== undefined)
            return known;
        const path = `${where}: scorers`;
        const refs = parseRefs(item.scorers, path);
        const replace = item.scorers_mode === "replace";
        if (!replace)
            refuseTakenLabels(refs, this.experiment, path);
        const own = this.resolve(refs, path);
        this.own.push(...own);
        const scorers = replace ? own : [...this.experiment.scorers, ...own];
        this.resolved.set(key, scorers);
        return scorers;
    }
    /** Closes the items' own scorers (the experiment's are closed by their owner). */
    async close() {
        await Promise.all(this.own.map((scorer) => scorer.fn.close?.()));
    }
}
function parseRefs(raw, path) {
    const parsed = ItemScorerRefsSchema.safeParse(raw);
    if (parsed.success)
        return parsed.data;
    const problems = describeZodIssues(parsed.error.issues, {
        knownKeys: (at) => (at.length === 1 ? SCORER_REF_KEYS : []),
        input: raw,
    });
    throw new core_errors/* UserError */.yo(problems.map((problem) => `${formatPath([path, ...problem.path])}: ${problem.message}`).join("\n"));
}
/** Scores are stored per label: an added scorer may not take a label the experiment's scorers use. */
function refuseTakenLabels(refs, experiment, path) {
    const taken = new Map(experiment.refs.map((ref, index) => [ref.label, index]));
    const problems = [];
    refs.forEach((ref, index) => {
        const first = taken.get(ref.label);
        if (first === undefined)
            return;
        problems.push(`${path}[${index}]: the label "${ref.label}" is already used by ${experiment.path}[${first}]; ` +
            `give this one its own label, e.g. { name: ${ref.name}, label: ${ref.label}_item, config: … }, or write scorers_mode: replace`);
    });
    if (problems.length > 0)
        throw new core_errors/* UserError */.yo(problems.join("\n"));
}

;// CONCATENATED MODULE: ./src/core/model/ids.ts

/** Run item ids are derived, so every store (and a resumed run) gives the same id. */
function runItemId(runId, itemId) {
    return `ri_${(0,canonical/* contentHash */.Ae)([runId, itemId], 12)}`;
}
function scoreId(runId, itemId, scorer) {
    return `sc_${(0,canonical/* contentHash */.Ae)([runId, itemId, scorer], 12)}`;
}
/** Sortable by start time, short enough to type: run-20261125-120301-7f3a. */
function newRunId(now, random = Math.random) {
    const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    const suffix = Math.floor(random() * 0x10000).toString(16).padStart(4, "0");
    return `run-${stamp}-${suffix}`;
}

;// CONCATENATED MODULE: ./src/core/scorers/score-item.ts





const PASS_ALL = { pass_rule: "all" };
/**
 * `weighted` weighs the scorers of one call; every other rule (`all`, and `majority`, `any`,
 * `rate >= x`, which count repeats) asks every scorer of one call to pass
 * (core/config/scorer-ref-schema.ts).
 */
function passRuleOf(experiment) {
    return experiment.pass_rule === "weighted"
        ? { pass_rule: "weighted", item_threshold: experiment.item_threshold ?? DEFAULT_ITEM_THRESHOLD }
        : PASS_ALL;
}
/**
 * Scores one item with every scorer whose `when` matches it, and decides its status: the one
 * place an item's pass or fail is decided. A failed target call makes the item an error and
 * nothing is scored. A scorer that throws, or answers something that is not a score, is recorded
 * as that scorer's error on this item (score 0, not passed): one bad scorer never stops the run,
 * and fails the item under every pass rule (an error is not a low score).
 *
 * An item no scorer applies to is an error, never a pass: nobody judged it (no false green).
 */
async function scoreItem(scorers, item, result, ids, rule = PASS_ALL) {
    if (result.error !== undefined)
        return { status: "error", scores: [] };
    const applicable = scorers.filter((scorer) => appliesTo(scorer.modifiers, item));
    if (applicable.length === 0)
        return { status: "error", scores: [], error: NO_SCORER_APPLIES };
    const scores = [];
    const input = { item, result, runId: ids.runId, ...(ids.signal ? { signal: ids.signal } : {}) };
    for (const scorer of applicable) {
        scores.push(await runScorer(scorer, input, scoreId(ids.runId, item.id, scorer.label)));
    }
    return decideItemStatus(applicable, scores, rule);
}
const NO_SCORER_APPLIES = "no scorer applies to this item: the when of every scorer excludes it; give the item scorers of its own or widen a when";
/**
 * `all`: every scorer passes. `weighted`: no scorer errored and the weighted mean score reaches
 * `item_threshold` (weights from the refs, default 1); with every weight 0 nothing decides the
 * item, so it is an error rather than a pass by default.
 */
function decideItemStatus(scorers, scores, rule) {
    if (rule.pass_rule === "all" || scores.some((score) => score.error !== undefined)) {
        return { status: scores.every((score) => score.passed) ? "passed" : "failed", scores };
    }
    let total = 0;
    let weighted = 0;
    scores.forEach((score, index) => {
        const weight = weightOf(scorers[index].modifiers);
        total += weight;
        weighted += weight * score.score;
    });
    if (total === 0) {
        return { status: "error", scores, error: "every scorer that applies to this item has weight 0, so nothing decides it under pass_rule: weighted" };
    }
    return { status: reaches(weighted / total, rule.item_threshold) ? "passed" : "failed", scores };
}
async function runScorer(scorer, input, id) {
    let outcome;
    try {
        outcome = await scorer.fn(input);
    }
    catch (error) {
        const spent = error instanceof ScorerErrorAfterSpending ? error.spent : {};
        return { ...erroredScore(id, scorer, errorMessage(error), "threw"), ...definedSpending(spent) };
    }
    const problem = outcomeProblem(outcome);
    if (problem !== undefined)
        return erroredScore(id, scorer, problem, "returned an invalid result");
    outcome = applyModifiers(outcome, scorer.modifiers);
    return {
        id,
        scorer: scorer.label,
        score: outcome.score,
        passed: outcome.passed,
        evidence: outcome.evidence,
        ...(outcome.usage !== undefined ? { usage: outcome.usage } : {}),
        ...(outcome.cost !== undefined ? { cost: outcome.cost } : {}),
    };
}
/**
 * Evidence quotes values (an item's expected value, the output) that may each nest up to
 * MAX_JSON_DEPTH, a level or two down; past this the store's JSON.stringify could overflow.
 */
const MAX_EVIDENCE_DEPTH = 2 * MAX_JSON_DEPTH;
/** The store and the summary trust a score in [0, 1] with a storable reason: anything else is refused here. */
function outcomeProblem(outcome) {
    if (outcome === null || typeof outcome !== "object")
        return `expected { score, passed, evidence }, got ${String(outcome)}`;
    const { score, passed, evidence } = outcome;
    if (typeof score !== "number" || Number.isNaN(score) || score < 0 || score > 1) {
        return `score ${String(score)} is not a number between 0 and 1`;
    }
    if (typeof passed !== "boolean")
        return `passed ${String(passed)} is not true or false`;
    if (evidence === null || typeof evidence !== "object" || typeof evidence.reason !== "string") {
        return "evidence has no reason";
    }
    if (nestingExceeds(evidence, MAX_EVIDENCE_DEPTH)) {
        return `evidence nests deeper than ${MAX_EVIDENCE_DEPTH} levels or contains itself; it could not be stored`;
    }
    return undefined;
}
function definedSpending(spent) {
    return { ...(spent.usage !== undefined ? { usage: spent.usage } : {}), ...(spent.cost !== undefined ? { cost: spent.cost } : {}) };
}
function erroredScore(id, scorer, message, what) {
    return {
        id,
        scorer: scorer.label,
        score: 0,
        passed: false,
        evidence: { reason: `scorer ${scorer.label} (${scorer.name}) ${what}: ${message}` },
        error: message,
    };
}
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    return typeof error === "string" ? error : String(error);
}

// EXTERNAL MODULE: ./src/core/retry.ts
var retry = __webpack_require__(27253);
;// CONCATENATED MODULE: ./src/engine/targets/failure-text.ts



/** The first `length` code points of a body or stderr, on one line, for an item's error message. */
function failure_text_excerpt(text, length = 200) {
    const line = text.replace(/\s+/g, " ").trim();
    if (line === "")
        return "(empty)";
    return truncate(line, length + 1);
}
/** "HTTP 503: busy (4 attempts)": how many calls were spent is part of the story. */
function withAttempts(message, attempts) {
    return attempts > 1 ? `${message} (${attempts} attempts)` : message;
}
/** The last `length` characters, where a program's stderr says what went wrong. */
function tailExcerpt(text, length = 200) {
    const line = text.replace(/\s+/g, " ").trim();
    if (line === "")
        return "(empty)";
    return line.length > length ? `…${suffixWithin(line, { limit: length, unit: "characters" })}` : line;
}
/** A deeper response would overflow the stack where the item is stored: the item errors instead. */
const RESPONSE_TOO_DEEP = `the response nests deeper than ${MAX_JSON_DEPTH} levels`;

;// CONCATENATED MODULE: ./src/core/template.ts

const PLACEHOLDER_ROOTS = new Set([
    "input",
    "expected",
    "metadata",
    "item_id",
    "run_id",
    "experiment",
]);
const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([^{}\s]+)\s*\}\}$/;
/**
 * A string that is exactly one placeholder becomes that JSON value (an object stays an object);
 * placeholders inside a longer string become text (JSON when the value is not a string). A value
 * that is absent renders as `undefined` in place (so JSON drops the key) and as "" in text.
 */
function compileTemplate(template) {
    if (typeof template === "string")
        return compileString(template);
    if (Array.isArray(template)) {
        const parts = template.map(compileTemplate);
        return (values) => parts.map((part) => part(values));
    }
    if (template !== null && typeof template === "object") {
        const entries = Object.entries(template).map(([key, value]) => [key, compileTemplate(value)]);
        return (values) => {
            const rendered = {};
            for (const [key, part] of entries)
                rendered[key] = part(values);
            return rendered;
        };
    }
    return () => template;
}
function compileText(text) {
    const pieces = [];
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
        pieces.push(text.slice(last, match.index));
        const name = match[1];
        pieces.push((values) => resolvePlaceholder(name, values));
        last = match.index + match[0].length;
    }
    if (pieces.length === 0)
        return () => text;
    pieces.push(text.slice(last));
    return (values) => {
        let rendered = "";
        for (const piece of pieces)
            rendered += typeof piece === "string" ? piece : template_asText(piece(values));
        return rendered;
    };
}
/** Every placeholder whose root is not one of `roots`, for a config error. */
function findUnknownPlaceholders(template, at = [], roots = PLACEHOLDER_ROOTS) {
    if (typeof template === "string") {
        return [...template.matchAll(PLACEHOLDER)]
            .filter((match) => !roots.has(match[1].split(".")[0]))
            .map((match) => ({ at, placeholder: match[0] }));
    }
    if (Array.isArray(template)) {
        return template.flatMap((value, index) => findUnknownPlaceholders(value, [...at, index], roots));
    }
    if (template !== null && typeof template === "object") {
        return Object.entries(template).flatMap(([key, value]) => findUnknownPlaceholders(value, [...at, key], roots));
    }
    return [];
}
function compileString(text) {
    const whole = WHOLE_PLACEHOLDER.exec(text);
    if (whole) {
        const name = whole[1];
        return (values) => resolvePlaceholder(name, values);
    }
    return compileText(text);
}
function resolvePlaceholder(name, values) {
    const dot = name.indexOf(".");
    const root = dot === -1 ? name : name.slice(0, dot);
    // Own keys only: `{{constructor}}` must not render a prototype's member.
    if (!Object.hasOwn(values, root))
        return undefined;
    const value = values[root];
    return dot === -1 ? value : getPath(value, name.slice(dot + 1));
}
function template_asText(value) {
    if (value === undefined)
        return "";
    return typeof value === "string" ? value : JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/core/require-answer.ts
/**
 * No false green from a call that got no answer. A target result whose output is missing
 * (`undefined`: the mapped path is absent) or `null`, with no tool call either, becomes an error
 * result, so the item is an error for every scorer, negative ones (`not_contains`, a regex with a
 * negative lookahead) included. An empty string the target did return is an answer like any
 * other. `where` names the response field the output was read from, for the message; `response`
 * is the parsed response, quoted (shortened) so the user sees what came back instead.
 */
function requireAnswer(result, where) {
    if (result.error !== undefined || hasAnswer(result))
        return result;
    const field = where ? ` at "${where.field}"` : "";
    const what = result.output === null ? `null${field}` : `no output${field}`;
    const response = where ? `; the response was ${responseExcerpt(where.response)}` : "";
    return { ...result, error: `the target answered with ${what}${response}` };
}
function hasAnswer(result) {
    if (result.output !== undefined && result.output !== null)
        return true;
    // An agent may answer with tool calls alone (OpenAI sends `content: null` beside them).
    return (result.tool_calls?.length ?? 0) > 0;
}
// An error message is one line in a table: a few hundred characters say what came back.
const RESPONSE_EXCERPT = 200;
function responseExcerpt(response) {
    let text;
    try {
        text = JSON.stringify(response) ?? String(response);
    }
    catch {
        text = String(response);
    }
    const points = Array.from(text);
    return points.length <= RESPONSE_EXCERPT ? text : `${points.slice(0, RESPONSE_EXCERPT).join("")}…`;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/engine/targets/abort-watch.ts
/**
 * Calls `abort()` on every watcher of a signal when it aborts, with one listener per signal
 * instead of one per request: a run passes the same signal to 10,000 calls.
 */
class AbortWatch {
    watchers = new WeakMap();
    add(signal, watcher) {
        let watchers = this.watchers.get(signal);
        if (watchers === undefined) {
            const created = new Set();
            signal.addEventListener("abort", () => abortAll(created), { once: true });
            this.watchers.set(signal, created);
            watchers = created;
        }
        watchers.add(watcher);
    }
    delete(signal, watcher) {
        this.watchers.get(signal)?.delete(watcher);
    }
}
function abortAll(watchers) {
    const current = [...watchers];
    watchers.clear();
    for (const watcher of current)
        watcher.abort();
}

;// CONCATENATED MODULE: ./src/engine/targets/pending-exchange.ts

/** The attempt ran out of time; the request was destroyed. */
class AttemptTimeoutError extends Error {
    timeoutMs;
    name = "AttemptTimeoutError";
    constructor(timeoutMs) {
        super(`timed out after ${timeoutMs} ms`);
        this.timeoutMs = timeoutMs;
    }
}
/** A response beyond this is refused rather than buffered: no answer of an LLM app is 32 MB. */
const MAX_RESPONSE_CHARS = 32 * 1024 * 1024;
const PENDING = Symbol("evalgate.pendingExchange");
/**
 * One request in flight: collects the response, enforces the timeout, stops on abort. Its
 * listeners are module functions that find it through the emitter, so a call allocates this
 * object and no closures (this is the hot path of a 10,000-item run).
 */
class PendingExchange {
    req;
    resolve;
    reject;
    timeoutMs;
    signal;
    abortWatch;
    text = "";
    settled = false;
    timer;
    constructor(req, resolve, reject, timeoutMs, signal, abortWatch) {
        this.req = req;
        this.resolve = resolve;
        this.reject = reject;
        this.timeoutMs = timeoutMs;
        this.signal = signal;
        this.abortWatch = abortWatch;
        req[PENDING] = this;
        req.on("response", onResponse);
        req.on("error", onError);
        this.timer = setTimeout(onTimeout, timeoutMs, this);
        abortWatch.add(signal, this);
    }
    receive(res) {
        res[PENDING] = this;
        res.setEncoding("utf8");
        res.on("data", onData);
        res.on("end", onEnd);
        res.on("error", onError);
    }
    append(chunk) {
        this.text += chunk;
        if (this.text.length > MAX_RESPONSE_CHARS) {
            this.req.destroy(new Error(`response larger than ${MAX_RESPONSE_CHARS / 1024 / 1024} MB`));
        }
    }
    complete(res) {
        if (!this.settle())
            return;
        this.resolve({ status: res.statusCode ?? 0, headers: res.headers, text: this.text });
    }
    fail(error) {
        if (this.settle())
            this.reject(error);
    }
    timeout() {
        const error = new AttemptTimeoutError(this.timeoutMs);
        this.fail(error);
        this.req.destroy(error);
    }
    abort() {
        this.fail((0,retry/* abortReason */.Js)(this.signal));
        this.req.destroy();
    }
    /** True the first time: exactly one of resolve/reject runs, and the timer and watch go. */
    settle() {
        if (this.settled)
            return false;
        this.settled = true;
        clearTimeout(this.timer);
        this.abortWatch.delete(this.signal, this);
        return true;
    }
}
function onResponse(res) {
    this[PENDING].receive(res);
}
function onData(chunk) {
    this[PENDING].append(chunk);
}
function onEnd() {
    this[PENDING].complete(this);
}
function onError(error) {
    this[PENDING].fail(error);
}
function onTimeout(pending) {
    pending.timeout();
}

;// CONCATENATED MODULE: ./src/engine/targets/http-transport.ts






function endpointOf(url) {
    const endpoint = {
        secure: url.protocol === "https:",
        // node:http wants an IPv6 literal without its brackets.
        hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port,
        path: `${url.pathname}${url.search}`,
    };
    if (url.username !== "") {
        endpoint.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    }
    return endpoint;
}
/**
 * `node:http` with keep-alive agents sized to the run's concurrency: every concurrent call keeps
 * its connection, so a 10,000-item run opens `concurrency` sockets, not 10,000. (Measured faster
 * than the global fetch at concurrency 64 on loopback; see the targets' report. undici's Agent
 * costs less CPU but more wall time and memory in a whole run: test/bench/undici-transport.ts.)
 */
class HttpTransport {
    httpAgent;
    httpsAgent;
    abortWatch = new AbortWatch();
    constructor(concurrency) {
        const options = { keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency };
        this.httpAgent = new (external_node_http_default()).Agent(options);
        this.httpsAgent = new (external_node_https_default()).Agent(options);
    }
    /**
     * Resolves with any status; rejects with AttemptTimeoutError, a network error (its message
     * like "connect ECONNREFUSED 127.0.0.1:9"), or the abort reason when `signal` aborts.
     */
    send(request) {
        const { signal, endpoint } = request;
        if (signal.aborted)
            return Promise.reject((0,retry/* abortReason */.Js)(signal));
        const req = (endpoint.secure ? (external_node_https_default()) : (external_node_http_default())).request({
            hostname: endpoint.hostname,
            port: endpoint.port,
            path: endpoint.path,
            auth: endpoint.auth,
            method: request.method,
            headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) },
            agent: endpoint.secure ? this.httpsAgent : this.httpAgent,
        });
        const promise = new Promise((resolve, reject) => {
            // The exchange lives on through the listeners it registers on `req`.
            new PendingExchange(req, resolve, reject, request.timeoutMs, signal, this.abortWatch);
        });
        req.end(request.body);
        return promise;
    }
    close() {
        this.httpAgent.destroy();
        this.httpsAgent.destroy();
    }
}

;// CONCATENATED MODULE: ./src/engine/targets/call-json-endpoint.ts




/**
 * Sends one JSON request with retries. Retried: network errors, timeouts, 408, 429 and 5xx
 * (honouring Retry-After). Final at once: any other non-2xx and a 2xx that is not JSON or nests
 * deeper than MAX_JSON_DEPTH, since sending the same request again would get the same answer. Rejects only when `signal` aborts.
 */
async function callJsonEndpoint(transport, request, policy) {
    let latencyMs = 0;
    const attempt = async () => {
        const started = performance.now();
        try {
            const exchange = await transport.send(request);
            latencyMs = performance.now() - started;
            return judgeExchange(exchange);
        }
        catch (error) {
            latencyMs = performance.now() - started;
            if (request.signal.aborted)
                throw error;
            if (error instanceof AttemptTimeoutError)
                return { retry: true, value: { error: error.message } };
            return { retry: true, value: { error: networkErrorText(error) } };
        }
    };
    const { value, attempts } = await (0,retry/* withRetries */.LH)(attempt, policy, request.signal);
    latencyMs = Math.round(latencyMs * 100) / 100;
    if (value.error !== undefined)
        return { error: withAttempts(value.error, attempts), attempts, latencyMs };
    return { json: value.json, attempts, latencyMs };
}
function judgeExchange(exchange) {
    const { status, text } = exchange;
    if (status >= 200 && status < 300) {
        let json;
        try {
            json = JSON.parse(text);
        }
        catch {
            return { retry: false, value: { error: `response is not JSON: ${failure_text_excerpt(text)}` } };
        }
        return { retry: false, value: nestingExceeds(json) ? { error: RESPONSE_TOO_DEEP } : { json } };
    }
    const detail = text.trim() === "" ? "" : `: ${failure_text_excerpt(text)}`;
    const error = `HTTP ${status}${detail}`;
    if (status === 408 || status === 429 || status >= 500) {
        const header = exchange.headers["retry-after"];
        const retryAfterMs = (0,retry/* parseRetryAfter */.mu)(header, Date.now());
        return retryAfterMs === undefined
            ? { retry: true, value: { error } }
            : { retry: true, value: { error }, retryAfterMs };
    }
    return { retry: false, value: { error } };
}
function networkErrorText(error) {
    if (error instanceof Error)
        return error.message || error.code || error.name;
    return String(error);
}

;// CONCATENATED MODULE: ./src/core/normalize-usage.ts
/**
 * Token usage in one meaning whatever the provider's shape: `input_tokens` is every input token
 * the call consumed, cached ones included, and `cached_input_tokens` (cache reads) and
 * `cache_creation_input_tokens` (cache writes) are the parts of it the provider cached.
 *
 * | shape, recognised by                     | input_tokens                    | cached_input_tokens                   | output_tokens     |
 * | ---------------------------------------- | ------------------------------- | ------------------------------------- | ----------------- |
 * | OpenAI chat: `prompt_tokens` or          | `prompt_tokens`                 | `prompt_tokens_details.cached_tokens` | completion_tokens |
 * |   `completion_tokens` present            |                                 |                                       |                   |
 * | Anthropic: `cache_read_input_tokens` or  | `input_tokens` + cache reads    | `cache_read_input_tokens`             | output_tokens     |
 * |   `cache_creation_input_tokens` present  |   + cache writes (a missing     |                                       |                   |
 * |                                          |   one counts 0)                 |                                       |                   |
 * | OpenAI Responses and any other shape     | `input_tokens`                  | `input_tokens_details.cached_tokens`  | output_tokens     |
 *
 * Anthropic's cache writes are kept as `cache_creation_input_tokens` too.
 *
 * Why keys decide: OpenAI's `prompt_tokens` and the Responses API's `input_tokens` already count
 * cached tokens, Anthropic's `input_tokens` counts only what follows the last cache breakpoint.
 * Anthropic's Messages API sends its cache keys (0 or null when nothing was cached) and never a
 * `total_tokens`; a response without those keys cached nothing, so its `input_tokens` is
 * already the whole input and the generic reading is exact. The absence of `total_tokens` is no
 * sign of Anthropic: OpenAI-compatible servers often leave it out too. A gateway that adds
 * `prompt_tokens` beside Anthropic's keys (LiteLLM) counts cached tokens in it, so the chat
 * reading comes first.
 *
 * `total_tokens` is input + output when both are known: a given total that disagrees (a gateway
 * that summed Anthropic's uncached input) is wrong, and one that agrees changes nothing. When one
 * side is unknown, a given total is kept if it is not below the known side. Counts that are not
 * non-negative integers (negative, fractional, NaN, text) are ignored, as is a cached count above
 * the input it is part of or without a known input: cached never exceeds input, in any shape.
 */
function normalizeUsage(value) {
    if (!normalize_usage_isRecord(value))
        return undefined;
    const read = readShape(value);
    const usage = {};
    if (read.input !== undefined)
        usage.input_tokens = read.input;
    if (read.output !== undefined)
        usage.output_tokens = read.output;
    const total = totalOf(normalize_usage_tokenCount(value.total_tokens), read.input, read.output);
    if (total !== undefined)
        usage.total_tokens = total;
    if (read.cached !== undefined && read.input !== undefined && read.cached <= read.input) {
        usage.cached_input_tokens = read.cached;
    }
    if (read.cacheCreation !== undefined)
        usage.cache_creation_input_tokens = read.cacheCreation;
    return Object.keys(usage).length > 0 ? usage : undefined;
}
function readShape(usage) {
    if ("prompt_tokens" in usage || "completion_tokens" in usage) {
        return {
            input: normalize_usage_tokenCount(usage.prompt_tokens) ?? normalize_usage_tokenCount(usage.input_tokens),
            output: normalize_usage_tokenCount(usage.completion_tokens) ?? normalize_usage_tokenCount(usage.output_tokens),
            cached: detailCount(usage.prompt_tokens_details, "cached_tokens"),
        };
    }
    if ("cache_read_input_tokens" in usage || "cache_creation_input_tokens" in usage) {
        const parts = [usage.input_tokens, usage.cache_read_input_tokens, usage.cache_creation_input_tokens].map(normalize_usage_tokenCount);
        const [, cached, cacheCreation] = parts;
        const known = parts.filter((part) => part !== undefined);
        return {
            // A missing part counts 0: cache reads alone are still input, never more cached than input.
            input: known.length === 0 ? undefined : known.reduce((sum, part) => sum + part, 0),
            output: normalize_usage_tokenCount(usage.output_tokens),
            cached,
            cacheCreation,
        };
    }
    return {
        input: normalize_usage_tokenCount(usage.input_tokens),
        output: normalize_usage_tokenCount(usage.output_tokens),
        cached: detailCount(usage.input_tokens_details, "cached_tokens"),
    };
}
function totalOf(given, input, output) {
    if (input !== undefined && output !== undefined)
        return input + output;
    if (given === undefined)
        return undefined;
    return given >= (input ?? output ?? 0) ? given : undefined;
}
function detailCount(details, key) {
    return normalize_usage_isRecord(details) ? normalize_usage_tokenCount(details[key]) : undefined;
}
function normalize_usage_tokenCount(value) {
    return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
function normalize_usage_isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/engine/targets/response-mapping.ts



/**
 * Reads the answer's parts (and the model's name, for the price table). A missing output is not an error here: the scorers fail the item and
 * show why. Tool calls, usage and cost that are absent or unreadable are simply left out. Usage
 * in any provider's shape is read by `normalizeUsage`, the one place that knows those shapes.
 */
function mapResponse(json, mapping) {
    const mapped = { output: getPath(json, mapping.output) };
    const toolCalls = normalizeToolCalls(getPath(json, mapping.tool_calls));
    if (toolCalls)
        mapped.tool_calls = toolCalls;
    const usage = normalizeUsage(getPath(json, mapping.usage));
    if (usage)
        mapped.usage = usage;
    const cost = getPath(json, mapping.cost);
    if (typeof cost === "number" && Number.isFinite(cost) && cost >= 0)
        mapped.cost = cost;
    const model = getPath(json, mapping.model ?? "model");
    if (typeof model === "string" && model !== "")
        mapped.model = model;
    return mapped;
}
/**
 * Accepts `[{name, arguments}]`, OpenAI's `[{type: "function", function: {name, arguments}}]`
 * and Anthropic's `[{type: "tool_use", name, input}]`. OpenAI sends arguments as a JSON string;
 * it is parsed so scorers compare values, not spellings.
 */
function normalizeToolCalls(value) {
    if (!Array.isArray(value))
        return undefined;
    const calls = [];
    for (const entry of value) {
        const call = toolCallOf(entry);
        if (call)
            calls.push(call);
    }
    return calls;
}
function toolCallOf(entry) {
    if (!response_mapping_isRecord(entry))
        return undefined;
    const source = response_mapping_isRecord(entry.function) ? entry.function : entry;
    if (typeof source.name !== "string")
        return undefined;
    const rawArguments = "arguments" in source ? source.arguments : source.input;
    const call = { name: source.name };
    if (rawArguments !== undefined)
        call.arguments = parseJsonText(rawArguments);
    return call;
}
/** Text that is not JSON, or nests deeper than MAX_JSON_DEPTH (it would overflow the store), stays text. */
function parseJsonText(value) {
    if (typeof value !== "string")
        return value;
    try {
        const parsed = JSON.parse(value);
        return nestingExceeds(parsed) ? value : parsed;
    }
    catch {
        return value;
    }
}
function response_mapping_isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/engine/targets/call-for-answer.ts



/**
 * One item's call of a JSON endpoint (with retries), and the answer read from its response: what
 * the http and prompt targets share. A response without the answer is an item error naming the field.
 */
async function callForAnswer(transport, request, policy, mapping) {
    const result = await callJsonEndpoint(transport, request, policy);
    if (result.error !== undefined) {
        return { latency_ms: result.latencyMs, attempts: result.attempts, error: result.error };
    }
    const mapped = { ...mapResponse(result.json, mapping), latency_ms: result.latencyMs, attempts: result.attempts };
    return requireAnswer(mapped, { field: mapping.output, response: result.json });
}

;// CONCATENATED MODULE: ./src/engine/targets/target-options.ts



/** An http(s) URL, or a UserError that says what to write. */
function parseTargetUrl(text, where) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    // `new URL("localhost:3000")` parses, with "localhost:" as its scheme.
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
        throw new core_errors/* UserError */.yo(`${where}: ${JSON.stringify(text)} is not a URL (write http://… or https://…)`);
    }
    return url;
}
/** The URL without credentials or query, which may hold secrets: for the run record. */
function describeUrl(url) {
    return `${url.origin}${url.pathname}`;
}
/** Refuses `{{typo}}` before the run, rather than sending it 10,000 times. */
function assertKnownPlaceholders(template, where) {
    const unknown = findUnknownPlaceholders(template);
    if (unknown.length === 0)
        return;
    const known = [...PLACEHOLDER_ROOTS].map((root) => `{{${root}}}`).join(", ");
    const lines = unknown.map(({ at, placeholder }) => {
        const path = formatPath(at);
        const field = path === "" ? where : path.startsWith("[") ? `${where}${path}` : `${where}.${path}`;
        return `${field}: unknown placeholder ${placeholder} (use ${known}, or a field like {{input.question}})`;
    });
    throw new core_errors/* UserError */.yo(lines.join("\n"));
}

;// CONCATENATED MODULE: ./src/engine/targets/http.ts





/** The `experiment` field of the request: variant and overrides only when the run has them. */
function experimentField(context) {
    const experiment = { name: context.experiment };
    if (context.variant !== undefined)
        experiment.variant = context.variant;
    if (context.overrides !== undefined)
        experiment.overrides = context.overrides;
    return experiment;
}
function templateValues(item, context) {
    return {
        input: item.input,
        expected: item.expected,
        metadata: item.metadata,
        item_id: item.id,
        run_id: context.runId,
        experiment: experimentField(context),
    };
}
/** The default body of PRODUCT.md, or the config's `body` template rendered for the item. */
function bodyBuilder(config) {
    if (config.body === undefined) {
        return (item, context) => ({
            input: item.input,
            item_id: item.id,
            run_id: context.runId,
            experiment: experimentField(context),
        });
    }
    const render = compileTemplate(config.body);
    return (item, context) => render(templateValues(item, context));
}
/** JSON both ways unless the config's headers say otherwise (any spelling of the name). */
function requestHeaders(configured) {
    const names = new Set(Object.keys(configured).map((name) => name.toLowerCase()));
    const headers = {};
    if (!names.has("content-type"))
        headers["content-type"] = "application/json";
    if (!names.has("accept"))
        headers.accept = "application/json";
    return { ...headers, ...configured };
}
function createHttpTarget(config, options) {
    const url = parseTargetUrl(config.url, `${options.path}.url`);
    if (config.body !== undefined)
        assertKnownPlaceholders(config.body, `${options.path}.body`);
    const endpoint = endpointOf(url);
    const transport = new HttpTransport(options.concurrency);
    const policy = (0,retry/* retryPolicy */.Jb)(options.retries, options.backoff);
    const headers = requestHeaders(config.headers);
    const buildBody = bodyBuilder(config);
    return {
        description: describeUrl(url),
        async call(item, context) {
            const body = JSON.stringify(buildBody(item, context));
            const request = { endpoint, method: config.method, headers, body, timeoutMs: config.timeout, signal: context.signal };
            return callForAnswer(transport, request, policy, config);
        },
        async close() {
            transport.close();
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/targets/process-group.ts
/**
 * On POSIX each command runs as the leader of its own process group (`detached: true`), so one
 * signal to the group reaches what it started too (`sh -c "agent &"`): a timeout or a cancel
 * leaves no grandchild running. Windows has no process groups; there only the child is signalled.
 */
const OWN_PROCESS_GROUP = process.platform !== "win32";
/** Leaders of groups still running: the CLI may exit (a second Ctrl-C) before they end. */
const liveGroups = new Set();
let exitHookInstalled = false;
/** Call once the child is spawned; `groupExited` once its leader has exited. */
function watchGroup(child) {
    if (!OWN_PROCESS_GROUP || child.pid === undefined)
        return;
    liveGroups.add(child.pid);
    if (!exitHookInstalled) {
        exitHookInstalled = true;
        // Detached children no longer get the terminal's Ctrl-C: stop them when we stop.
        process.on("exit", () => {
            for (const pid of liveGroups)
                signalPid(-pid, "SIGTERM");
        });
    }
}
function groupExited(child) {
    if (child.pid !== undefined)
        liveGroups.delete(child.pid);
}
/**
 * Signals the child's whole group. After the leader has exited the group lives on while any
 * member does, and its id cannot be reused meanwhile; an empty group answers ESRCH, ignored.
 */
function signalGroup(child, signal) {
    if (child.pid === undefined)
        return;
    if (OWN_PROCESS_GROUP)
        signalPid(-child.pid, signal);
    else
        child.kill(signal);
}
function signalPid(pid, signal) {
    try {
        process.kill(pid, signal);
    }
    catch {
        // Already gone.
    }
}

;// CONCATENATED MODULE: ./src/engine/targets/run-process.ts




/** Beyond this stdout is an error, not an answer; stderr keeps only its tail for the message. */
const MAX_STDOUT_CHARS = 32 * 1024 * 1024;
const STDERR_TAIL = { limit: 8 * 1024, unit: "characters" };
/**
 * After the process exits, how long its pipes may take to deliver what it wrote. A pipe still open
 * after that is held by something it left running in the background (`(sleep 50) &`): the answer
 * is read, the pipes are closed and the leftovers are asked to stop.
 */
const DRAIN_GRACE_MS = 100;
/**
 * Runs one process to completion: writes `stdin`, collects stdout and the tail of stderr, and
 * resolves once the process has exited and its output is read. The timeout covers the process,
 * not what it leaves behind. On timeout it terminates the process group (SIGTERM, then SIGKILL
 * after the grace) and resolves once the process has exited, so a run never has more live
 * processes than its concurrency. When `signal` aborts it sends the same kill and rejects at once
 * with the abort reason.
 */
function runProcess(request) {
    const { signal } = request;
    if (signal.aborted)
        return Promise.reject((0,retry/* abortReason */.Js)(signal));
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(request.program, request.args, {
            cwd: request.cwd,
            env: request.env,
            stdio: ["pipe", "pipe", "pipe"],
            detached: OWN_PROCESS_GROUP,
        });
        watchGroup(child);
        let stdout = "";
        let stderr = "";
        let exit;
        let timedOut = false;
        let terminating = false;
        let settled = false;
        let drainTimer;
        const settle = (outcome, error) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timeoutTimer);
            clearTimeout(drainTimer);
            signal.removeEventListener("abort", onAbort);
            if (outcome)
                resolve(outcome);
            else
                reject(error);
        };
        const settleExited = () => {
            if (exit !== undefined)
                settle({ kind: "exited", ...exit, stdout, stderr });
        };
        const closePipes = () => {
            child.stdout.destroy();
            child.stderr.destroy();
        };
        const terminate = () => {
            if (terminating)
                return;
            terminating = true;
            if (exit !== undefined) {
                // Draining after the exit: stop waiting for what it left running, and stop that too.
                closePipes();
                signalGroup(child, "SIGTERM");
                return;
            }
            signalGroup(child, "SIGTERM");
            // Left armed after the leader exits: its grandchildren get the same grace, then SIGKILL.
            const killTimer = setTimeout(() => signalGroup(child, "SIGKILL"), request.killGraceMs);
            killTimer.unref();
        };
        const onAbort = () => {
            terminate();
            settle(undefined, (0,retry/* abortReason */.Js)(signal));
        };
        const timeoutTimer = setTimeout(() => {
            timedOut = true;
            terminate();
        }, request.timeoutMs);
        signal.addEventListener("abort", onAbort, { once: true });
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk) => {
            stdout += chunk;
            if (stdout.length > MAX_STDOUT_CHARS) {
                settle({ kind: "failed", code: undefined, message: `stdout larger than ${MAX_STDOUT_CHARS / 1024 / 1024} MB` });
                terminate();
            }
        });
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (chunk) => {
            stderr = suffixWithin(stderr + chunk, STDERR_TAIL);
        });
        // A process that exits without reading its stdin makes our write fail with EPIPE: not our error.
        child.stdin.on("error", () => { });
        child.stdin.end(request.stdin);
        child.on("error", (error) => {
            groupExited(child);
            settle({ kind: "failed", code: error.code, message: error.message });
        });
        child.on("exit", (code, signalName) => {
            exit = { code, signalName };
            groupExited(child);
            clearTimeout(timeoutTimer);
            if (terminating) {
                // Killed: whatever grandchildren still hold the pipes, the answer is lost anyway.
                closePipes();
                if (timedOut)
                    settle({ kind: "timeout" });
                return;
            }
            drainTimer = setTimeout(() => {
                closePipes();
                signalGroup(child, "SIGTERM");
                settleExited();
            }, DRAIN_GRACE_MS);
        });
        child.on("close", () => {
            if (timedOut)
                settle({ kind: "timeout" });
            else
                settleExited();
        });
    });
}

// EXTERNAL MODULE: ./node_modules/shell-quote/index.js
var shell_quote = __webpack_require__(26591);
;// CONCATENATED MODULE: ./src/engine/targets/command-words.ts


/**
 * A command given as one string, split into a program and its arguments the way a POSIX shell
 * splits words (quotes and backslashes honoured: `python3 'my dir/score.py'` is two words), with
 * no shell run: `$NAME` stays literal text and operators (`;`, `|`, `&&`, `>`) are refused with a
 * hint, since nothing would run them. A list is taken as it is. Throws `UserError` naming `field`.
 */
function commandWords(command, field) {
    if (typeof command !== "string")
        return [...command];
    const words = [];
    for (const entry of (0,shell_quote.parse)(command, (name) => `$${name}`)) {
        if (typeof entry === "string")
            words.push(entry);
        else if ("pattern" in entry)
            words.push(entry.pattern);
        else if ("comment" in entry)
            break;
        else {
            throw new core_errors/* UserError */.yo(`${field}: "${entry.op}" is shell syntax, but the command is run without a shell; ` +
                `write a list to use a shell, e.g. [sh, -c, "…"]`);
        }
    }
    if (words.length === 0)
        throw new core_errors/* UserError */.yo(`${field}: write the program to run`);
    return words;
}

;// CONCATENATED MODULE: ./src/engine/targets/command.ts










/** After SIGTERM on timeout, a process gets this long to exit before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/**
 * One process per item: the item as JSON on stdin, the answer as JSON on stdout. Retried on a
 * timeout or a non-zero exit; a missing program or an answer that is not JSON, or nests deeper
 * than MAX_JSON_DEPTH, is final.
 */
function createCommandTarget(config, options) {
    const [program, ...args] = commandWords(config.command, `${options.path}.command`);
    if (program === undefined || program === "") {
        throw new core_errors/* UserError */.yo(`${options.path}.command: write the program to run, e.g. "python agent.py"`);
    }
    const env = { ...process.env, ...config.env };
    const policy = (0,retry/* retryPolicy */.Jb)(options.retries, options.backoff);
    const judge = (outcome) => {
        switch (outcome.kind) {
            case "timeout":
                return { retry: true, value: { error: `timed out after ${config.timeout} ms` } };
            case "failed":
                return { retry: false, value: { error: failureText(outcome, program, config.cwd) } };
            case "exited":
                if (outcome.code !== 0)
                    return { retry: true, value: { error: exitText(outcome) } };
                return { retry: false, value: parseAnswer(outcome.stdout) };
        }
    };
    return {
        description: typeof config.command === "string" ? config.command : config.command.join(" "),
        async call(item, context) {
            const stdin = `${JSON.stringify(commandInput(item, context))}\n`;
            let latencyMs = 0;
            const attempt = async () => {
                const started = performance.now();
                try {
                    return judge(await runProcess({
                        program: program,
                        args,
                        ...(config.cwd !== undefined ? { cwd: config.cwd } : {}),
                        env,
                        stdin,
                        timeoutMs: config.timeout,
                        killGraceMs: KILL_GRACE_MS,
                        signal: context.signal,
                    }));
                }
                finally {
                    latencyMs = Math.round((performance.now() - started) * 100) / 100;
                }
            };
            const { value, attempts } = await (0,retry/* withRetries */.LH)(attempt, policy, context.signal);
            if (value.error !== undefined) {
                return { latency_ms: latencyMs, attempts, error: withAttempts(value.error, attempts) };
            }
            const mapped = { ...mapResponse(value.json, config), latency_ms: latencyMs, attempts };
            return requireAnswer(mapped, { field: config.output, response: value.json });
        },
    };
}
/** What the process reads on stdin: the http target's default body, plus expected and metadata. */
function commandInput(item, context) {
    const input = { input: item.input, item_id: item.id, run_id: context.runId };
    if (item.expected !== undefined)
        input.expected = item.expected;
    if (item.metadata !== undefined)
        input.metadata = item.metadata;
    input.experiment = experimentField(context);
    return input;
}
/** The whole stdout as JSON, else its last non-empty line, so a program may log before answering. */
function parseAnswer(stdout) {
    const text = stdout.trim();
    if (text === "")
        return { error: "printed nothing on stdout (print the answer as one JSON line)" };
    const lastLine = text.slice(text.lastIndexOf("\n") + 1);
    const json = command_parseJsonText(text) ?? command_parseJsonText(lastLine);
    if (json === undefined)
        return { error: `output is not JSON: ${failure_text_excerpt(lastLine)}` };
    return nestingExceeds(json.value) ? { error: RESPONSE_TOO_DEEP } : { json: json.value };
}
function command_parseJsonText(text) {
    try {
        return { value: JSON.parse(text) };
    }
    catch {
        return undefined;
    }
}
function exitText(outcome) {
    const how = outcome.signalName ? `killed by ${outcome.signalName}` : `exited with code ${outcome.code}`;
    return outcome.stderr.trim() === "" ? how : `${how}: ${tailExcerpt(outcome.stderr)}`;
}
function failureText(outcome, program, cwd) {
    // spawn reports a missing working directory as ENOENT of the program too.
    if (outcome.code === "ENOENT" && cwd !== undefined && !(0,external_node_fs_.existsSync)(cwd))
        return `working directory not found: ${cwd}`;
    if (outcome.code === "ENOENT")
        return `command not found: ${program}`;
    if (outcome.code === "EACCES")
        return `command is not executable: ${program}`;
    return outcome.message;
}

;// CONCATENATED MODULE: ./src/engine/scorers/custom-scorer-contract.ts




/** Every field is present (null or empty when the item has none): a 10-line scorer need not test for keys. */
function customScorerRequest({ item, result, runId }) {
    return {
        input: item.input,
        output: result.output ?? null,
        expected: item.expected ?? null,
        metadata: item.metadata ?? {},
        item_id: item.id,
        tool_calls: result.tool_calls ?? [],
        latency_ms: result.latency_ms,
        usage: result.usage ?? null,
        ...(runId !== undefined ? { run_id: runId } : {}),
    };
}
const custom_scorer_contract_DEFAULT_THRESHOLD = 0.5;
/** Config fields every custom scorer takes. */
const CustomScorerFields = {
    /** `passed` when the answer does not say: `score >= threshold`. */
    threshold: schemas/* number */.aig({ error: "write the passing score between 0 and 1, e.g. threshold: 0.7" })
        .min(0, { error: "the threshold is between 0 and 1" })
        .max(1, { error: "the threshold is between 0 and 1" })
        .default(custom_scorer_contract_DEFAULT_THRESHOLD),
    /** How long one item's scoring may take. */
    timeout: DurationSchema.default(30_000),
};
/** Python's `None` and JavaScript's `undefined` both read as "not given". */
const CustomScorerAnswerSchema = schemas/* object */.Ikc({
    score: schemas/* number */.aig({ error: "score must be a number between 0 and 1" })
        .min(0, { error: "score must be between 0 and 1" })
        .max(1, { error: "score must be between 0 and 1" }),
    passed: schemas/* boolean */.zMY({ error: "passed must be true or false" }).nullish(),
    reason: schemas/* string */.YjP({ error: "reason must be a string" }).nullish(),
    evidence: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J(), { error: "evidence must be an object" }).nullish(),
}, { error: 'answer an object such as {"score": 1, "reason": "…"}' });
/**
 * The scorer's answer as an outcome, or an Error saying what is wrong with it (score-item records
 * it as this scorer's error on the item). The answer is first made plain JSON, since a module may
 * return anything (a Date, a cycle, a BigInt) and evidence is stored as JSON.
 */
function customScorerOutcome(answer, options) {
    const json = plainJson(answer);
    const parsed = CustomScorerAnswerSchema.safeParse(json);
    if (!parsed.success) {
        // Each message of the schema names its field.
        const problems = [...new Set(parsed.error.issues.map((issue) => issue.message))];
        throw new Error(`answered ${evidence_values_preview(json)}, which is not a score: ${problems.join("; ")}`);
    }
    const { score, passed, reason, evidence } = parsed.data;
    const threshold = options.threshold;
    const decided = passed ?? score >= threshold;
    return {
        score,
        passed: decided,
        evidence: {
            ...(evidence != null ? { read: evidenceValue(evidence) } : {}),
            reason: reason != null && reason.trim() !== "" ? truncateText(reason) : defaultReason(options.scorer, score, decided, passed, threshold),
        },
    };
}
function defaultReason(scorer, score, decided, passed, threshold) {
    if (passed != null)
        return `${scorer} scored ${score} and said it ${passed ? "passed" : "failed"}`;
    return `${scorer} scored ${score}, ${decided ? "at or above" : "below"} the threshold ${threshold}`;
}
function plainJson(answer) {
    if (answer === undefined)
        throw new Error('answered nothing; answer an object such as {"score": 1}');
    if (nestingExceeds(answer)) {
        throw new Error(`answered a value that nests deeper than ${MAX_JSON_DEPTH} levels or contains itself`);
    }
    let text;
    try {
        text = JSON.stringify(answer);
    }
    catch (error) {
        throw new Error(`answered a value that is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (text === undefined)
        throw new Error(`answered ${typeof answer}, not JSON; answer an object such as {"score": 1}`);
    return JSON.parse(text);
}

;// CONCATENATED MODULE: ./src/engine/scorers/command-scorer.ts







/** After SIGTERM on timeout, a scorer process gets this long to exit before SIGKILL. */
const command_scorer_KILL_GRACE_MS = 2_000;
const RUN_HINT = 'write the program to run, e.g. run: "python3 evals/score.py"';
const CommandScorerConfigSchema = schemas/* strictObject */.rej({
    /** A program and its arguments (no shell), or one string split on spaces, as the command target's. */
    run: CommandTargetSchema.shape.command.refine((run) => (typeof run === "string" ? run.trim() !== "" : true), {
        error: RUN_HINT,
    }),
    env: CommandTargetSchema.shape.env,
    ...CustomScorerFields,
});
const NEVER_ABORTED = new AbortController().signal;
const commandScorer = defineScorer({
    name: "command",
    description: "A scorer in any language: one process per item, run from the config file's folder, the item and " +
        "output as JSON on stdin, { score, passed?, reason?, evidence? } as JSON on stdout (the last line, so " +
        "it may log before). A timeout or a non-zero exit is this scorer's error on the item, with stderr's tail.",
    configSchema: CommandScorerConfigSchema,
    create(config, services) {
        const [program = "", ...args] = commandWords(config.run, `${services.path}.config.run`);
        const env = { ...process.env, ...config.env };
        const shown = `command scorer "${typeof config.run === "string" ? config.run.trim() : config.run.join(" ")}"`;
        // A scorer program's failure repeats when run again, unlike a network call: no retries.
        return async (input) => {
            const outcome = await runProcess({
                program,
                args,
                cwd: services.configDir,
                env,
                stdin: `${JSON.stringify(customScorerRequest(input))}\n`,
                timeoutMs: config.timeout,
                killGraceMs: command_scorer_KILL_GRACE_MS,
                signal: input.signal ?? NEVER_ABORTED,
            });
            switch (outcome.kind) {
                case "timeout":
                    throw new Error(`timed out after ${config.timeout} ms`);
                case "failed":
                    throw new Error(failureText(outcome, program, services.configDir));
                case "exited": {
                    if (outcome.code !== 0)
                        throw new Error(exitText(outcome));
                    const answer = parseAnswer(outcome.stdout);
                    if (answer.error !== undefined)
                        throw new Error(answer.error);
                    return customScorerOutcome(answer.json, { scorer: shown, threshold: config.threshold });
                }
            }
        };
    },
});

;// CONCATENATED MODULE: ./src/engine/scorers/http-scorer.ts









const URL_HINT = 'write the scorer\'s http:// or https:// URL, e.g. url: "${SCORER_URL}/score"';
const HttpScorerConfigSchema = schemas/* strictObject */.rej({
    // Checked after `${NAME}` is filled in; the message does not quote the URL, which may hold a key.
    url: schemas/* string */.YjP({ error: URL_HINT }).refine(isHttpUrl, { error: URL_HINT }),
    headers: HttpTargetSchema.shape.headers,
    ...CustomScorerFields,
});
const http_scorer_NEVER_ABORTED = new AbortController().signal;
const httpScorer = defineScorer({
    name: "http",
    description: "A deployed scorer: the item and output are POSTed as JSON to `url` (with `headers`), which answers " +
        "{ score, passed?, reason?, evidence? }. Retried on network errors, timeouts, 429 and 5xx (Retry-After " +
        "honoured); any other non-2xx or a body that is not JSON is this scorer's error on the item.",
    configSchema: HttpScorerConfigSchema,
    create(config, services) {
        const url = new URL(config.url);
        const endpoint = endpointOf(url);
        const transport = new HttpTransport(services.concurrency);
        const policy = (0,retry/* retryPolicy */.Jb)(services.retries);
        const headers = requestHeaders(config.headers);
        const shown = `http scorer ${describeUrl(url)}`;
        const score = async (input) => {
            const body = JSON.stringify(customScorerRequest(input));
            const request = { endpoint, method: "POST", headers, body, timeoutMs: config.timeout, signal: input.signal ?? http_scorer_NEVER_ABORTED };
            const answer = await callJsonEndpoint(transport, request, policy);
            if (answer.error !== undefined)
                throw new Error(answer.error);
            return customScorerOutcome(answer.json, { scorer: shown, threshold: config.threshold });
        };
        score.close = async () => transport.close();
        return score;
    },
});
function isHttpUrl(text) {
    try {
        const url = new URL(text);
        return url.protocol === "http:" || url.protocol === "https:";
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/engine/scorers/anthropic-messages-api.ts


/** Anthropic requires max_tokens; a verdict with its reasoning fits well within this. */
const JUDGE_MAX_TOKENS = 1024;
/**
 * Anthropic's Messages API, `POST {base_url}/messages` (base_url `https://api.anthropic.com/v1`).
 * It has no JSON mode: the system message asks for JSON and the reply is parsed leniently.
 */
const anthropicMessagesApi = {
    path: "/messages",
    headers: (apiKey) => ({ "anthropic-version": "2023-06-01", ...(apiKey ? { "x-api-key": apiKey } : {}) }),
    body: (request) => ({
        model: request.model,
        max_tokens: JUDGE_MAX_TOKENS,
        temperature: request.temperature,
        system: request.system,
        messages: [{ role: "user", content: request.user }],
    }),
    readReply(response) {
        const content = getPath(response, "content");
        if (!Array.isArray(content))
            return undefined;
        const texts = content.flatMap((block) => {
            const text = getPath(block, "text");
            return getPath(block, "type") === "text" && typeof text === "string" ? [text] : [];
        });
        if (texts.length === 0)
            return undefined;
        const reply = { text: texts.join("") };
        const usage = normalizeUsage(getPath(response, "usage"));
        if (usage)
            reply.usage = usage;
        return reply;
    },
};

;// CONCATENATED MODULE: ./src/engine/scorers/openai-chat-api.ts


/**
 * OpenAI-compatible `POST {base_url}/chat/completions`. `response_format: json_object` makes the
 * model answer JSON where the server supports it (OpenAI, vLLM, Ollama, LiteLLM); the reply is
 * parsed leniently anyway, for servers that ignore it.
 */
const openaiChatApi = {
    path: "/chat/completions",
    headers: (apiKey) => (apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    body: (request) => ({
        model: request.model,
        temperature: request.temperature,
        messages: [
            { role: "system", content: request.system },
            { role: "user", content: request.user },
        ],
        response_format: { type: "json_object" },
    }),
    readReply(response) {
        const text = getPath(response, "choices.0.message.content");
        if (typeof text !== "string")
            return undefined;
        const reply = { text };
        const usage = normalizeUsage(getPath(response, "usage"));
        if (usage)
            reply.usage = usage;
        const cost = reportedCost(getPath(response, "cost")) ?? reportedCost(getPath(response, "usage.cost"));
        if (cost !== undefined)
            reply.cost = cost;
        return reply;
    },
};
/** A cost the response reports (OpenRouter and LiteLLM send one), if it is a usable number. */
function reportedCost(value) {
    return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

;// CONCATENATED MODULE: ./src/engine/scorers/chat-api.ts


function chatApiFor(type) {
    return type === "anthropic" ? anthropicMessagesApi : openaiChatApi;
}

;// CONCATENATED MODULE: ./src/engine/scorers/disk-cache.ts




/** No folder: nothing is kept (`--no-cache`). */
const NO_CACHE = {
    get: () => Promise.resolve(undefined),
    put: () => Promise.resolve(),
};
/**
 * A cache in `dir` (created on the first write). `read` checks what a file holds and returns
 * undefined for anything it does not trust, which is then a miss. A cache that cannot be read or
 * written (a full disk, a read-only folder) costs a call, never the score: its errors are dropped.
 */
function openDiskCache(dir, read) {
    if (dir === undefined)
        return NO_CACHE;
    let created;
    const fileOf = (key) => external_node_path_default().join(dir, `${(0,canonical/* sha256Hex */.fg)((0,canonical/* canonicalJson */.dj)(key))}.json`);
    return {
        async get(key) {
            try {
                return read(JSON.parse(await (0,promises_.readFile)(fileOf(key), "utf8")));
            }
            catch {
                return undefined;
            }
        },
        async put(key, value) {
            const file = fileOf(key);
            // Written aside, then renamed: a reader never sees half a file, even from a killed run.
            const temporary = `${file}.${(0,external_node_crypto_.randomUUID)()}.tmp`;
            try {
                created ??= (0,promises_.mkdir)(dir, { recursive: true });
                await created;
                await (0,promises_.writeFile)(temporary, JSON.stringify(value));
                await (0,promises_.rename)(temporary, file);
            }
            catch {
                created = undefined;
                await (0,promises_.rm)(temporary, { force: true }).catch(() => undefined);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/scorers/judge-prompt.ts

/** What a judge's `prompt` (and `criteria`) may name: `{{input}}`, `{{output}}`, `{{metadata.lang}}`, … */
const JUDGE_PLACEHOLDER_ROOTS = new Set([
    "input",
    "output",
    "expected",
    "metadata",
    "item_id",
    "tool_calls",
]);
const DEFAULT_SYSTEM = "You are an impartial evaluator. You judge the output of an AI system against the criteria you are given.";
/**
 * Compiled once per run. The user message is the config's `prompt` rendered for the item, or a
 * default one laying out the input, the output, the expected value (when the item has one), the
 * tool calls (when there are any) and the `criteria`. The system message always ends with the
 * answer format, so a custom `prompt` or `system` need not repeat it.
 */
function compileJudgePrompt(config) {
    const system = `${config.system ?? DEFAULT_SYSTEM}\n\n${answerFormat(Object.keys(config.choices))}`;
    const renderUser = config.prompt !== undefined ? compileText(config.prompt) : rubricPrompt(config.criteria ?? "");
    return (item, result) => ({ system, user: renderUser(judgeValues(item, result)) });
}
function judgeValues(item, result) {
    return {
        input: item.input,
        output: result.output,
        expected: item.expected,
        metadata: item.metadata,
        item_id: item.id,
        tool_calls: result.tool_calls,
    };
}
function rubricPrompt(criteria) {
    const renderCriteria = compileText(criteria);
    return (values) => {
        const sections = [
            ["Input", values.input],
            ["Output", values.output ?? "(no text output)"],
        ];
        if (values.expected !== undefined)
            sections.push(["Expected", values.expected]);
        if (Array.isArray(values.tool_calls) && values.tool_calls.length > 0)
            sections.push(["Tool calls", values.tool_calls]);
        sections.push(["Criteria", renderCriteria(values)]);
        return sections.map(([title, value]) => `[${title}]\n${sectionText(value)}`).join("\n\n");
    };
}
function sectionText(value) {
    return typeof value === "string" ? value : (JSON.stringify(value, null, 2) ?? String(value));
}
/** The default choices get their meaning spelt out; custom ones are the prompt's to explain. */
function answerFormat(choices) {
    const listed = choices.map((choice) => JSON.stringify(choice)).join(", ");
    const meaning = choices.length === 2 && choices[0] === "Y" && choices[1] === "N"
        ? ' Choose "Y" if the output meets the criteria and "N" if it does not.'
        : "";
    return ('Answer with one JSON object and nothing else: {"reasoning": "<why, in one or two sentences>", ' +
        `"choice": "<one of ${listed}>"}.${meaning}`);
}

;// CONCATENATED MODULE: ./src/engine/scorers/model-endpoint.ts





const model_endpoint_NEVER_ABORTED = new AbortController().signal;
/**
 * A model API a scorer calls (a judge's chat, an embeddings endpoint), over the targets' transport
 * and retry rules: keep-alive connections sized to the run's concurrency; network errors,
 * timeouts, 408, 429 and 5xx retried with backoff, honouring Retry-After.
 */
class ModelEndpoint {
    options;
    description;
    endpoint;
    transport;
    policy;
    headers;
    constructor(url, options) {
        this.options = options;
        this.description = describeUrl(url);
        this.endpoint = endpointOf(url);
        this.transport = new HttpTransport(options.concurrency);
        this.policy = (0,retry/* retryPolicy */.Jb)(options.retries);
        this.headers = requestHeaders(options.headers);
    }
    /** The response JSON; throws an Error naming the endpoint when the call fails for good. */
    async post(body, signal = model_endpoint_NEVER_ABORTED) {
        const result = await callJsonEndpoint(this.transport, { endpoint: this.endpoint, method: "POST", headers: this.headers, body: JSON.stringify(body), timeoutMs: this.options.timeoutMs, signal }, this.policy);
        if (result.error !== undefined)
            throw new Error(`${this.description}: ${result.error}`);
        return result.json;
    }
    close() {
        this.transport.close();
    }
}

;// CONCATENATED MODULE: ./src/engine/scorers/model-provider.ts


const OPENAI_BASE_URL = "https://api.openai.com/v1";
/**
 * Where a scorer's model is served. `openai` is any OpenAI-compatible API (OpenAI, Azure, vLLM,
 * Ollama, LiteLLM, OpenRouter); `anthropic` is Anthropic's Messages API. `headers` are sent as
 * they are (Azure's `api-key`, OpenRouter's `HTTP-Referer`).
 */
const ModelProviderSchema = schemas/* strictObject */.rej({
    type: schemas/* enum */.k5n(["openai", "anthropic"]).default("openai"),
    base_url: schemas/* string */.YjP().min(1).default(OPENAI_BASE_URL),
    api_key: schemas/* string */.YjP().optional(),
    headers: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: "a header name uses letters, digits and -" }), schemas/* string */.YjP().refine((value) => !/[\r\n\0]/.test(value), { error: "a header value must not contain a line break or a NUL character" })).default({}),
})
    .default({ type: "openai", base_url: OPENAI_BASE_URL, headers: {} });
/**
 * `{base_url}{path}`: the path is appended to the base URL's path, and a query it carries (Azure's
 * `?api-version=…`) is kept. A base URL that is not http(s) is a UserError naming `where`.
 */
function providerUrl(provider, path, where) {
    const url = parseTargetUrl(provider.base_url, `${where}.provider.base_url`);
    url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
    return url;
}

;// CONCATENATED MODULE: ./src/engine/scorers/parse-judge-reply.ts
const FENCED_BLOCK = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/g;
/** Each `{…}` span is a JSON.parse of the reply's length: a reply full of braces must not cost n². */
const MAX_SPANS = 20;
/**
 * Reads `{"reasoning": "…", "choice": "…"}` from a model's reply, leniently: the JSON may sit in a
 * fenced block or among other text, and the choice matches case-insensitively after trimming
 * ("y " is "Y"). A reply that is just a choice ("N") counts too. Returns undefined when the reply
 * names no known choice: the caller makes that the scorer's error, quoting the reply.
 */
function parseJudgeReply(reply, choices) {
    const known = new Map(choices.map((choice) => [normalize(choice), choice]));
    for (const candidate of jsonCandidates(reply)) {
        const object = parseObject(candidate);
        if (object === undefined)
            continue;
        const named = typeof object.choice === "string" || typeof object.choice === "number" ? String(object.choice) : undefined;
        const choice = named === undefined ? undefined : known.get(normalize(named));
        if (choice === undefined)
            continue;
        const reasoning = typeof object.reasoning === "string" ? object.reasoning : undefined;
        return reasoning === undefined ? { choice } : { choice, reasoning };
    }
    const bare = known.get(normalize(reply.replace(/^["'`\s]+|["'`.\s]+$/g, "")));
    return bare === undefined ? undefined : { choice: bare };
}
/** The whole reply, each fenced block, then the widest `{…}` spans: the likeliest JSON first. */
function jsonCandidates(reply) {
    const candidates = [reply];
    for (const match of reply.matchAll(FENCED_BLOCK))
        candidates.push(match[1] ?? "");
    const last = reply.lastIndexOf("}");
    let start = reply.indexOf("{");
    for (let spans = 0; start !== -1 && start < last && spans < MAX_SPANS; spans += 1) {
        candidates.push(reply.slice(start, last + 1));
        start = reply.indexOf("{", start + 1);
    }
    return candidates;
}
function parseObject(text) {
    try {
        const value = JSON.parse(text.trim());
        return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
function normalize(choice) {
    return choice.trim().toLowerCase();
}

;// CONCATENATED MODULE: ./src/engine/apply-prices.ts
const TOKENS_PER_PRICE_UNIT = 1_000_000;
/**
 * The cost of one call in US dollars from its token usage and its model's prices (dollars per
 * million tokens): input·(input − cached) + cached_input·cached + output·output, over a million.
 * Cached input tokens are priced at `cached_input`, the input price when the table has none;
 * cache writes are priced as input. No cost without both input and output counts: a cost from
 * half the tokens would be too low, and `cost_max` would pass on it.
 */
function costFromPrice(usage, price) {
    const { input_tokens: input, output_tokens: output } = usage;
    if (input === undefined || output === undefined)
        return undefined;
    const cached = Math.min(usage.cached_input_tokens ?? 0, input);
    const dollarsTimesMillion = price.input * (input - cached) + (price.cached_input ?? price.input) * cached + price.output * output;
    return dollarsTimesMillion / TOKENS_PER_PRICE_UNIT;
}
/**
 * Adds the cost from the price table to a target's result, for every kind of target, when the
 * target reported no cost itself (its own figure wins: it knows its discounts) and the table
 * has the model the result names. Anything else leaves the result as it is.
 */
function applyPrices(result, prices) {
    if (prices === undefined || result.cost !== undefined || result.usage === undefined || result.model === undefined) {
        return result;
    }
    // An own property only: a model named "constructor" must not find Object's.
    const price = Object.hasOwn(prices, result.model) ? prices[result.model] : undefined;
    if (price === undefined)
        return result;
    const cost = costFromPrice(result.usage, price);
    return cost === undefined ? result : { ...result, cost };
}

;// CONCATENATED MODULE: ./src/engine/scorers/llm-judge.ts














const ChoicesSchema = schemas/* record */.g1P(schemas/* string */.YjP().trim().min(1, { error: "a choice is a non-empty word, e.g. Y" }), schemas/* number */.aig().min(0).max(1))
    .refine((choices) => Object.keys(choices).length >= 2, { error: "give at least two choices, e.g. { Y: 1, N: 0 }" })
    .refine((choices) => new Set(Object.keys(choices).map((choice) => choice.toLowerCase())).size === Object.keys(choices).length, {
    error: "choices are matched ignoring case, so two may not differ only in case",
});
const LlmJudgeConfigSchema = schemas/* strictObject */.rej({
    /** A rubric: the default prompt lays out input, output and expected, then asks this. */
    criteria: schemas/* string */.YjP().trim().min(1).optional(),
    /** A full user message instead, over {{input}}, {{output}}, {{expected}}, {{metadata.*}}. */
    prompt: schemas/* string */.YjP().trim().min(1).optional(),
    model: schemas/* string */.YjP().min(1, { error: "name the judge's model, e.g. model: gpt-4o-mini" }),
    provider: ModelProviderSchema,
    choices: ChoicesSchema.default({ Y: 1, N: 0 }),
    threshold: schemas/* number */.aig().min(0).max(1).default(0.5),
    temperature: schemas/* number */.aig().min(0).max(2).default(0),
    system: schemas/* string */.YjP().min(1).optional(),
    timeout: DurationSchema.default(60_000),
})
    .superRefine((config, context) => {
    if ((config.criteria === undefined) === (config.prompt === undefined)) {
        context.addIssue({
            code: "custom",
            path: ["criteria"],
            message: "set either criteria (a rubric) or prompt (a full template), e.g. criteria: The reply names the order",
        });
    }
});
function readCachedReply(stored) {
    const reply = stored?.reply;
    return typeof reply === "string" ? { reply } : undefined;
}
const llmJudge = defineScorer({
    name: "llm_judge",
    description: 'An LLM judges the output against a rubric (criteria) or a prompt, answering {"reasoning", "choice"}; the choice\'s score must reach the threshold.',
    configSchema: LlmJudgeConfigSchema,
    create(config, services) {
        const where = `${services.path}.config`;
        refuseUnknownPlaceholders(config, where);
        const api = chatApiFor(config.provider.type);
        const endpoint = new ModelEndpoint(providerUrl(config.provider, api.path, where), {
            headers: { ...api.headers(config.provider.api_key), ...config.provider.headers },
            timeoutMs: config.timeout,
            retries: services.retries,
            concurrency: services.concurrency,
        });
        const cache = openDiskCache(services.cacheDir && external_node_path_default().join(services.cacheDir, "judge"), readCachedReply);
        const messagesFor = compileJudgePrompt(config);
        const choices = Object.keys(config.choices);
        const score = async ({ item, result, signal }) => {
            const messages = messagesFor(item, result);
            // Everything the reply depends on; the api key and headers are not, and are never stored.
            const key = {
                type: config.provider.type,
                base_url: config.provider.base_url,
                model: config.model,
                messages,
                temperature: config.temperature,
                choices: config.choices,
            };
            const cached = await cache.get(key);
            const reply = cached !== undefined ? { text: cached.reply } : await askJudge(messages, signal);
            const verdict = parseJudgeReply(reply.text, choices);
            if (verdict === undefined) {
                // The useless reply was paid for: its tokens are counted with the error.
                throw new ScorerErrorAfterSpending(`the judge's reply names none of the choices ${choices.map((choice) => JSON.stringify(choice)).join(", ")}; ` +
                    `it answered: ${truncateText(reply.text)}`, { ...(reply.usage !== undefined ? { usage: reply.usage } : {}), ...costOf(reply, config.model, services.prices) });
            }
            // Only a reply that named a choice is kept: another run asks again after a useless one.
            if (cached === undefined)
                await cache.put(key, { reply: reply.text });
            return outcome(verdict, messages, reply, cached !== undefined);
        };
        const askJudge = async (messages, signal) => {
            const body = api.body({ model: config.model, temperature: config.temperature, ...messages });
            let response;
            try {
                response = await endpoint.post(body, signal);
            }
            catch (error) {
                if (signal?.aborted)
                    throw error;
                throw new Error(`the judge call failed: ${error instanceof Error ? error.message : String(error)}`);
            }
            const reply = api.readReply(response);
            if (reply === undefined) {
                throw new Error(`the judge's response holds no answer text: ${truncateText(JSON.stringify(response), 500)}`);
            }
            return reply;
        };
        const outcome = (verdict, messages, reply, cached) => {
            const value = config.choices[verdict.choice];
            const passed = value >= config.threshold;
            const because = verdict.reasoning === undefined ? "" : `: ${verdict.reasoning}`;
            return {
                score: value,
                passed,
                evidence: {
                    read: {
                        prompt: [
                            { role: "system", content: truncateText(messages.system) },
                            { role: "user", content: truncateText(messages.user) },
                        ],
                        reply: truncateText(reply.text),
                        ...(cached ? { cached: true } : {}),
                    },
                    compared: { choice: verdict.choice, ...(verdict.reasoning !== undefined ? { reasoning: truncateText(verdict.reasoning) } : {}) },
                    reason: `judge ${config.model} chose ${JSON.stringify(verdict.choice)} (score ${value}, ` +
                        `${passed ? "reaches" : "below"} threshold ${config.threshold})${truncateText(because, 300)}`,
                },
                // A cached reply spent nothing this time.
                ...(reply.usage !== undefined ? { usage: reply.usage } : {}),
                ...costOf(reply, config.model, services.prices),
            };
        };
        const scoreFn = Object.assign(score, { close: async () => endpoint.close() });
        return scoreFn;
    },
});
function refuseUnknownPlaceholders(config, where) {
    const known = [...JUDGE_PLACEHOLDER_ROOTS].map((root) => `{{${root}}}`).join(", ");
    const lines = ["criteria", "prompt"].flatMap((field) => findUnknownPlaceholders(config[field], [], JUDGE_PLACEHOLDER_ROOTS).map(({ placeholder }) => `${where}.${field}: unknown placeholder ${placeholder} (use ${known}, or a field like {{metadata.lang}})`));
    if (lines.length > 0)
        throw new core_errors/* UserError */.yo(lines.join("\n"));
}
/**
 * The judge call's cost: the provider's own figure, else the config's price table for the judge's
 * model (engine/apply-prices.ts), else none (unknown, not free). A cached reply spent nothing.
 */
function costOf(reply, model, prices) {
    if (reply.cost !== undefined)
        return { cost: reply.cost };
    if (reply.usage === undefined || prices === undefined || !Object.hasOwn(prices, model))
        return {};
    const cost = costFromPrice(reply.usage, prices[model]);
    return cost === undefined ? {} : { cost };
}

;// CONCATENATED MODULE: ./src/engine/module-imports.ts


/**
 * The project files a JavaScript module imports by relative path (`./x.mjs`, `../lib/y.js`), and
 * what those import in turn: a module scorer's score depends on them as much as on its own text.
 * Static imports, re-exports and `import("./x.mjs")` with a literal are found (es-module-lexer, the
 * lexer Vite uses); packages and computed specifiers are not project files and are left out.
 * Returns absolute paths, sorted, each once, the module itself excluded; a file that cannot be
 * read or parsed stops the walk there (the module's own load reports it).
 */
async function localImportsOf(moduleFile, projectDir) {
    // Loaded here, not at the top: every command created its WebAssembly instance (17 MB of memory
    // reserved for the process's life, seen in a run's heap snapshot), and only module scorers need it.
    const { init, parse } = await __webpack_require__.e(/* import() */ 960).then(__webpack_require__.bind(__webpack_require__, 77960));
    await init;
    const root = external_node_path_default().resolve(projectDir);
    const seen = new Set([external_node_path_default().resolve(moduleFile)]);
    const queue = [external_node_path_default().resolve(moduleFile)];
    while (queue.length > 0) {
        const file = queue.pop();
        let specifiers;
        try {
            const [imports] = parse(await (0,promises_.readFile)(file, "utf8"), file);
            specifiers = imports.flatMap((entry) => (entry.n === undefined ? [] : [entry.n]));
        }
        catch {
            continue;
        }
        for (const specifier of specifiers) {
            if (!specifier.startsWith("./") && !specifier.startsWith("../"))
                continue;
            const target = await existingFile(external_node_path_default().resolve(external_node_path_default().dirname(file), specifier.split(/[?#]/, 1)[0]));
            if (target === undefined || seen.has(target) || !(target === root || target.startsWith(root + (external_node_path_default()).sep)))
                continue;
            seen.add(target);
            queue.push(target);
        }
    }
    seen.delete(external_node_path_default().resolve(moduleFile));
    return [...seen].sort();
}
/** TypeScript scorers (run through tsx) may import "./helper" for helper.ts: the file as tsx would find it. */
const RESOLVED_SUFFIXES = ["", ".ts", ".mts", ".js", ".mjs", ".cjs", "/index.ts", "/index.js"];
async function existingFile(base) {
    for (const suffix of RESOLVED_SUFFIXES) {
        const candidate = base + suffix;
        if ((await (0,promises_.stat)(candidate).catch(() => undefined))?.isFile())
            return candidate;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/engine/file-digests.ts






/**
 * `{ "<path as written>": "sha256:<hex>" }` of each file, read inside the project only
 * (resolveProjectFile: a file outside it, or missing, is a UserError naming its field). Added to
 * an experiment's definition before its version is hashed (`withFileDigests`), so editing the file
 * makes a new experiment version and `--resume` of an older run refuses.
 */
async function fileDigests(projectDir, files, options = {}) {
    const digests = {};
    for (const file of files) {
        const resolved = await resolveVersionedFile(projectDir, file, options.allowOutsideProject ?? false);
        digests[file.written] = `sha256:${(0,external_node_crypto_.hash)("sha256", await readContent(resolved, file), "hex")}`;
        if (file.followImports !== true)
            continue;
        // Keys of their own, so a module that imports nothing keeps the version it always had.
        for (const imported of await localImportsOf(resolved, projectDir)) {
            const content = await (0,promises_.readFile)(imported).catch(() => undefined);
            if (content === undefined)
                continue;
            digests[`${file.written} imports ./${external_node_path_default().relative(projectDir, imported).split((external_node_path_default()).sep).join("/")}`] = `sha256:${(0,external_node_crypto_.hash)("sha256", content, "hex")}`;
        }
    }
    return digests;
}
/** The file's real path (resolveProjectFile), its advice for a file outside the project replaced by `outsideHint`. */
async function resolveVersionedFile(projectDir, file, allowOutsideProject = false) {
    try {
        return (await resolveProjectFile(projectDir, file.path, { field: file.field, allowOutsideProject })).path;
    }
    catch (error) {
        if (file.outsideHint === undefined || !(error instanceof core_errors/* UserError */.yo) || !error.message.endsWith(OUTSIDE_PROJECT_HINT))
            throw error;
        throw new core_errors/* UserError */.yo(`${error.message.slice(0, -OUTSIDE_PROJECT_HINT.length)}${file.outsideHint}`);
    }
}
/** The definition with the digests under `key`; unchanged when there are none, so no existing version moves. */
function withFileDigests(definition, key, digests) {
    if (Object.keys(digests).length === 0)
        return definition;
    return { ...definition, [key]: digests };
}
async function readContent(resolved, file) {
    try {
        return await (0,promises_.readFile)(resolved);
    }
    catch (error) {
        const code = error.code;
        if (code === "ENOENT" || code === "ENOTDIR")
            throw new core_errors/* UserError */.yo(`${file.field}: "${file.path}" not found`);
        if (code === "EISDIR")
            throw new core_errors/* UserError */.yo(`${file.field}: "${file.path}" is a folder; name a file`);
        if (code === "EACCES")
            throw new core_errors/* UserError */.yo(`${file.field}: "${file.path}": permission denied`);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/engine/scorers/module-scorer.ts









const ModuleScorerConfigSchema = schemas/* strictObject */.rej({
    path: schemas/* string */.YjP({ error: "write the scorer file's path, e.g. path: ./evals/scorers/tone.ts" })
        .min(1, { error: "write the scorer file's path, e.g. path: ./evals/scorers/tone.ts" })
        .refine((text) => !text.includes("\0"), { error: "must not contain a NUL character" }),
    /** Passed as the function's second argument. */
    options: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* json */.Pq9()).default({}),
    ...CustomScorerFields,
});
/** A scorer's code runs in evalgate's process: unlike a dataset, never from outside the project. */
const OUTSIDE_HINT = "move the scorer file into the project (a scorer's code is never run from outside it)";
/** Node removes types without compiling: what needs compiling is refused with its own message. */
const STRIP_ONLY_HINT = " (Node runs TypeScript by removing its types: write a const object instead of an enum, no namespaces or " +
    "constructor parameter properties, or point path at a compiled .js file)";
const moduleScorer = defineScorer({
    name: "module",
    description: "Your own function: the default export of a .js, .mjs or .ts file in the project (Node strips the " +
        "types, no build step), called with the item and output as JSON and `options`; it answers " +
        "{ score, passed?, reason?, evidence? }. The file's content is part of the experiment version.",
    configSchema: ModuleScorerConfigSchema,
    create(config, services) {
        const field = `${services.path}.config.path`;
        const shown = `module scorer ${config.path}`;
        let loaded;
        return async (input) => {
            loaded ??= loadScoreFunction(services.configDir, config.path, field);
            const score = await loaded;
            const answer = await callWithinTimeout(() => score(structuredClone(customScorerRequest(input)), structuredClone(config.options)), config.timeout, input.signal);
            return customScorerOutcome(answer, { scorer: shown, threshold: config.threshold });
        };
    },
});
/**
 * The module scorers' files, for the experiment version (`fileDigests`): `written` are the refs as
 * evalgate.yml has them, `interpolated` the same refs after `${NAME}` was filled in.
 */
function moduleScorerFiles(written, interpolated, path) {
    const files = [];
    interpolated.forEach((ref, index) => {
        const file = ref.config.path;
        const writtenFile = written[index]?.config.path;
        if (ref.name !== moduleScorer.name || typeof file !== "string")
            return;
        files.push({
            written: typeof writtenFile === "string" ? writtenFile : file,
            path: file,
            field: `${path}[${index}].config.path`,
            outsideHint: OUTSIDE_HINT,
            followImports: true,
        });
    });
    return files;
}
/**
 * Loads the file with a native `import()` once per run, refusing a file outside the project. Node
 * 24 strips TypeScript types itself (enums and namespaces, which need a build, are refused with
 * Node's message). The URL carries the content hash: a long-lived process that runs again after
 * the file changed loads the new content, not the module it cached.
 */
async function loadScoreFunction(configDir, configured, field) {
    const file = await resolveVersionedFile(configDir, { path: configured, field, outsideHint: OUTSIDE_HINT });
    let content;
    try {
        content = await (0,promises_.readFile)(file);
    }
    catch (error) {
        throw new Error(`could not read ${configured}: ${error.message}`);
    }
    const url = `${(0,external_node_url_.pathToFileURL)(file).href}?sha256=${(0,external_node_crypto_.hash)("sha256", content, "hex")}`;
    let module;
    try {
        // webpackIgnore: the built CLI (ncc) must leave this a native import of the user's file.
        module = (await import(/* webpackIgnore: true */ /* @vite-ignore */ url));
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        const hint = error.code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX" ? STRIP_ONLY_HINT : "";
        throw new Error(`could not load ${configured}: ${detail}${hint}`);
    }
    if (typeof module.default !== "function") {
        throw new Error(`${configured} has no default-exported function; write export default function score(input, options) { return { score: 1 }; }`);
    }
    return module.default;
}
/**
 * Calls the function and waits for its answer, at most `timeoutMs` in all. A promise that never
 * settles is cut by a timer. A synchronous loop would block the timer, so the synchronous part runs
 * under V8's watchdog (runWithinTimeLimit); a loop after an `await` cannot be interrupted in
 * process: a scorer that might do that belongs in a `command` scorer.
 */
async function callWithinTimeout(call, timeoutMs, signal) {
    const started = performance.now();
    let returned;
    try {
        returned = runWithinTimeLimit(call, timeoutMs);
    }
    catch (error) {
        if (error instanceof TimeLimitExceeded)
            throw new Error(timeoutText(timeoutMs));
        throw error;
    }
    if (!isThenable(returned))
        return returned;
    const remainingMs = Math.max(0, timeoutMs - (performance.now() - started));
    return new Promise((resolve, reject) => {
        const onAbort = () => finish(() => reject((0,retry/* abortReason */.Js)(signal)));
        const timer = setTimeout(() => finish(() => reject(new Error(timeoutText(timeoutMs)))), remainingMs);
        const finish = (settle) => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", onAbort);
            settle();
        };
        if (signal?.aborted)
            return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        Promise.resolve(returned).then((value) => finish(() => resolve(value)), (error) => finish(() => reject(error)));
    });
}
function isThenable(value) {
    return value !== null && (typeof value === "object" || typeof value === "function") && typeof value.then === "function";
}
function timeoutText(timeoutMs) {
    return `did not answer within ${timeoutMs} ms (raise the scorer's timeout, or make it faster)`;
}

;// CONCATENATED MODULE: ./src/engine/scorers/cosine-similarity.ts
/**
 * Cosine similarity of two vectors of the same length: 1 for the same direction, 0 for
 * orthogonal ones. A zero vector points nowhere and is similar to nothing (0).
 */
function cosineSimilarity(a, b) {
    if (a.length !== b.length)
        throw new Error(`embeddings of different lengths (${a.length} and ${b.length}) cannot be compared`);
    let dot = 0;
    let normA = 0;
    let normB = 0;
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        dot += x * y;
        normA += x * x;
        normB += y * y;
    }
    if (normA === 0 || normB === 0)
        return 0;
    return dot / Math.sqrt(normA * normB);
}

;// CONCATENATED MODULE: ./src/engine/scorers/embed-texts.ts


function readCachedEmbedding(stored) {
    const embedding = getPath(stored, "embedding");
    return isVector(embedding) ? { embedding } : undefined;
}
/**
 * Embeds texts with an OpenAI-compatible `POST {base_url}/embeddings`: cached texts are read from
 * the cache, the rest are sent in one request and cached. The key is (base_url, model, text).
 */
async function embedTexts(texts, options) {
    const keyOf = (text) => ({ base_url: options.baseUrl, model: options.model, text });
    const found = await Promise.all(texts.map((text) => options.cache.get(keyOf(text))));
    const missing = texts.filter((_, index) => found[index] === undefined);
    const vectors = found.map((entry) => entry?.embedding);
    const embeddings = { vectors: [], cached: texts.length - missing.length };
    if (missing.length > 0) {
        const response = await options.endpoint.post({ model: options.model, input: missing }, options.signal);
        const fetched = readEmbeddings(response, missing.length, options.endpoint.description);
        let next = 0;
        for (let index = 0; index < texts.length; index++) {
            if (vectors[index] !== undefined)
                continue;
            const vector = fetched[next++];
            vectors[index] = vector;
            await options.cache.put(keyOf(texts[index]), { embedding: vector });
        }
        const usage = normalizeUsage(getPath(response, "usage"));
        if (usage)
            embeddings.usage = usage;
    }
    embeddings.vectors = vectors;
    return embeddings;
}
/** `data[i].embedding`, put in the order of `data[i].index` (the API's contract; some servers reorder). */
function readEmbeddings(response, count, endpoint) {
    const data = getPath(response, "data");
    if (!Array.isArray(data) || data.length !== count) {
        throw new Error(`${endpoint}: expected ${count} embeddings in "data", got ${Array.isArray(data) ? data.length : "none"}`);
    }
    const vectors = [];
    data.forEach((entry, position) => {
        const index = getPath(entry, "index");
        const at = typeof index === "number" && Number.isInteger(index) && index >= 0 && index < count ? index : position;
        const embedding = getPath(entry, "embedding");
        if (!isVector(embedding))
            throw new Error(`${endpoint}: data[${position}].embedding is not a list of numbers`);
        vectors[at] = embedding;
    });
    if (vectors.filter((vector) => vector !== undefined).length !== count) {
        throw new Error(`${endpoint}: the embeddings' "index" fields repeat`);
    }
    return vectors;
}
function isVector(value) {
    return Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === "number" && Number.isFinite(entry));
}

;// CONCATENATED MODULE: ./src/engine/scorers/similar.ts











const SimilarConfigSchema = schemas/* strictObject */.rej({
    ...OutputPathFields,
    ...ExpectedSourceFields,
    model: schemas/* string */.YjP().min(1).default("text-embedding-3-small"),
    provider: ModelProviderSchema,
    threshold: schemas/* number */.aig().min(0).max(1).default(0.8),
    timeout: DurationSchema.default(60_000),
})
    .superRefine(refuseValueAndField)
    .superRefine((config, context) => {
    if (config.provider.type === "anthropic") {
        context.addIssue({
            code: "custom",
            path: ["provider", "type"],
            message: "Anthropic serves no embeddings; use an OpenAI-compatible provider (type: openai)",
        });
    }
});
const similar = defineScorer({
    name: "similar",
    description: "The cosine similarity of the embeddings of the output and the expected value (OpenAI-compatible /embeddings) reaches the threshold.",
    configSchema: SimilarConfigSchema,
    create(config, services) {
        const endpoint = new ModelEndpoint(providerUrl(config.provider, "/embeddings", `${services.path}.config`), {
            headers: { ...(config.provider.api_key ? { authorization: `Bearer ${config.provider.api_key}` } : {}), ...config.provider.headers },
            timeoutMs: config.timeout,
            retries: services.retries,
            concurrency: services.concurrency,
        });
        const cache = openDiskCache(services.cacheDir && external_node_path_default().join(services.cacheDir, "embeddings"), readCachedEmbedding);
        const score = async ({ item, result, signal }) => {
            const output = readOutput(result, config.output_path);
            const expected = readExpected(item, config);
            const texts = [asText(output.value), asText(expected.value)];
            const read = evidenceValue(texts[0]);
            const compared = evidenceValue(texts[1]);
            // Embeddings APIs refuse empty input, and an empty text means nothing to compare.
            if (texts[0].trim() === "" || texts[1].trim() === "") {
                const same = texts[0].trim() === texts[1].trim();
                const reason = same
                    ? `${output.label} and ${expected.label} are both empty`
                    : `${texts[0].trim() === "" ? output.label : expected.label} is empty: nothing to compare`;
                return { score: same ? 1 : 0, passed: same, evidence: { read, compared, reason } };
            }
            const embeddings = await embedTexts(texts, {
                endpoint,
                baseUrl: config.provider.base_url,
                model: config.model,
                cache,
                signal,
            });
            const similarity = Math.min(1, Math.max(0, cosineSimilarity(embeddings.vectors[0], embeddings.vectors[1])));
            const passed = similarity >= config.threshold;
            const cachedNote = embeddings.cached > 0 ? `; ${embeddings.cached} of 2 embeddings cached` : "";
            return {
                score: similarity,
                passed,
                evidence: {
                    read,
                    compared,
                    reason: `cosine similarity of ${output.label} and ${expected.label} is ${similarity.toFixed(3)} ` +
                        `(${passed ? "reaches" : "below"} threshold ${config.threshold}; ${config.model}${cachedNote})`,
                },
                ...(embeddings.usage !== undefined ? { usage: embeddings.usage } : {}),
            };
        };
        const scoreFn = Object.assign(score, { close: async () => endpoint.close() });
        return scoreFn;
    },
});

;// CONCATENATED MODULE: ./src/engine/scorers/all-scorers.ts






/**
 * Scorers that call out (judges, custom scorers): they do I/O, so they live in the engine, not in
 * the pure core. A new one is a new file here, added to this list.
 */
const callingScorers = [moduleScorer, httpScorer, commandScorer, llmJudge, similar];
/** Every scorer a config may name: the core's pure ones and the engine's calling ones. */
const allScorers = new Map([
    ...builtinScorers,
    ...callingScorers.map((definition) => [definition.name, definition]),
]);

// EXTERNAL MODULE: external "node:stream/web"
var web_ = __webpack_require__(37830);
// EXTERNAL MODULE: ./node_modules/csv-parse/lib/index.js
var csv_parse_lib = __webpack_require__(68075);
// EXTERNAL MODULE: ./node_modules/csv-parse/lib/stream.js
var stream = __webpack_require__(51967);
;// CONCATENATED MODULE: ./src/core/dataset/record-start-lines.ts

const record_start_lines_LF = 0x0a;
const record_start_lines_CR = 0x0d;
/**
 * The physical line where each record of a byte stream starts, for a parser that reports how many
 * bytes it had consumed at the end of each record (csv-parse's `info.bytes`). Its own line count
 * is not the editor's: it counts a CRLF inside a quoted field as two lines and knows one record
 * delimiter per file. Offsets only move forward, so only the chunks not yet passed are held.
 */
class RecordStartLines {
    chunks = [];
    /** File offset of `chunks[0]`. */
    chunkStart = 0;
    /** File offset the counter has reached (within `chunks[0]`). */
    position = 0;
    counter = new LineBreakCounter();
    /** Every chunk, in order, before the parser sees it. */
    add(chunk) {
        if (chunk.length > 0)
            this.chunks.push(chunk);
    }
    /**
     * The line of the record after the one that ended at `offset`: the first byte from there on
     * that is not a line break (blank lines are skipped, as the parser skips them).
     */
    lineAfter(offset) {
        this.countTo(offset);
        for (;;) {
            const chunk = this.chunks[0];
            if (chunk === undefined)
                return this.counter.line;
            const from = this.position - this.chunkStart;
            let to = from;
            while (to < chunk.length && (chunk[to] === record_start_lines_LF || chunk[to] === record_start_lines_CR))
                to++;
            this.counter.advance(chunk, from, to);
            this.position = this.chunkStart + to;
            if (to < chunk.length)
                return this.counter.line;
            this.dropFirstChunk();
        }
    }
    countTo(offset) {
        for (;;) {
            const chunk = this.chunks[0];
            if (chunk === undefined || offset <= this.position)
                return;
            const from = this.position - this.chunkStart;
            const to = Math.min(offset - this.chunkStart, chunk.length);
            this.counter.advance(chunk, from, to);
            this.position = this.chunkStart + to;
            if (to < chunk.length)
                return;
            this.dropFirstChunk();
        }
    }
    dropFirstChunk() {
        this.chunkStart += this.chunks.shift().length;
    }
}

;// CONCATENATED MODULE: ./src/core/records/read-csv-rows.ts







/**
 * The rows of a CSV file with a header row (decoded text in). A record ends at `\r\n`, `\n` or
 * `\r`, in any mix; line numbers are the physical lines an editor shows, also after quoted cells
 * that span lines. Blank lines are skipped. A record that is not CSV or is longer than
 * MAX_RECORD_CHARS stops the reading with a UserError naming its `file:line`.
 */
async function* readCsvRows(chunks, file, options) {
    const lines = new RecordStartLines();
    // Where the parser is, which can be ahead of the records read here: a stream that fails drops
    // the records it still queued, and the failing record starts after the last one parsed.
    let parsedEnd = 0;
    const parserOptions = {
        on_record: (record, context) => {
            parsedEnd = context.bytes;
            return { record, end: context.bytes };
        },
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true,
        // "\r\n" before "\r", so a CRLF is one line break; "\n" first, the most common.
        record_delimiter: ["\n", "\r\n", "\r"],
        max_record_size: dataset_format/* MAX_RECORD_CHARS */.PX,
    };
    const records = web_.ReadableStream.from(asBytes(chunks, lines)).pipeThrough((0,stream/* parse */.qg)(parserOptions));
    let header;
    let previousEnd = 0;
    try {
        for await (const { record, end } of records) {
            const line = lines.lineAfter(previousEnd);
            previousEnd = end;
            const where = `${file}:${line}`;
            if (header === undefined) {
                header = options.readHeader(record, where);
                continue;
            }
            if (record.length !== header.names.length) {
                const problem = `${where}: expected ${header.names.length} columns (as in the header), got ${record.length}`;
                if (options.onRowProblem === undefined)
                    throw new core_errors/* UserError */.yo(problem);
                options.onRowProblem(problem);
                continue;
            }
            yield { header, cells: record, line, where };
        }
    }
    catch (error) {
        if (error instanceof csv_parse_lib/* CsvError */.J$) {
            const where = `${file}:${lines.lineAfter(parsedEnd)}`;
            if (error.code === "CSV_MAX_RECORD_SIZE")
                throw new core_errors/* UserError */.yo((0,dataset_format/* recordTooLongMessage */.Pg)(where));
            const field = (error.column ?? 0) + 1;
            throw new core_errors/* UserError */.yo((options.describeSyntaxProblem ?? describeCsvSyntaxProblem)({ code: error.code, field }, where));
        }
        throw error;
    }
}
/** csv-parse's own messages quote the field, so each is said again without it. */
function describeCsvSyntaxProblem(problem, where) {
    const field = `field ${problem.field}`;
    switch (problem.code) {
        case "INVALID_OPENING_QUOTE":
            return `${where}: not valid CSV (a quote inside ${field}, which does not start with one); quote the whole field and double each quote inside it: "say ""hi"""`;
        case "CSV_INVALID_CLOSING_QUOTE":
        case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
            return `${where}: not valid CSV (text after the closing quote of ${field}); inside a quoted field, write a quote as ""`;
        case "CSV_QUOTE_NOT_CLOSED":
            return `${where}: not valid CSV (the quote that opens ${field} of this record is never closed)`;
        default:
            return `${where}: not valid CSV (${problem.code})`;
    }
}
// csv-parse takes bytes only; its byte counts are of these bytes, so the line index reads them too.
async function* asBytes(chunks, lines) {
    const encoder = new external_node_util_.TextEncoder();
    for await (const chunk of chunks) {
        const bytes = encoder.encode(chunk);
        lines.add(bytes);
        yield bytes;
    }
}

;// CONCATENATED MODULE: ./src/core/dataset/parse-csv.ts



/**
 * CSV with a header row (see csv-columns.ts). A record ends at `\r\n`, `\n` or `\r`, in any mix;
 * line numbers are the physical lines an editor shows, also after quoted cells that span lines.
 * Blank lines are skipped.
 */
async function* parseCsv(chunks, source) {
    const rows = readCsvRows(chunks, source.file, {
        readHeader: (cells, where) => csv_columns_csvHeader(cells, where, source.quoteContent),
    });
    for await (const { header, cells, line, where } of rows) {
        yield { item: recordToItem(csvRowToRecord(header, cells), where), line };
    }
}

;// CONCATENATED MODULE: ./src/core/dataset/json-array-elements.ts

/** A problem with the array itself (not inside an element), at a physical line and column. */
class JsonArrayError extends Error {
    problem;
    line;
    column;
    index;
    kind;
    constructor(problem, line, column, 
    /** The item being read, when the problem is inside one. */
    index, 
    /** "shape": the text may be valid JSON, only not an array of items; "depth": nested too deeply. */
    kind = "syntax") {
        super(problem);
        this.problem = problem;
        this.line = line;
        this.column = column;
        this.index = index;
        this.kind = kind;
    }
}
/** A too-long element: `line` is where it starts. */
class ElementTooLongError extends Error {
    line;
    index;
    constructor(line, index) {
        super(`item [${index}] is too long`);
        this.line = line;
        this.index = index;
    }
}
var State;
(function (State) {
    State[State["BeforeArray"] = 0] = "BeforeArray";
    State[State["BeforeFirst"] = 1] = "BeforeFirst";
    State[State["AfterComma"] = 2] = "AfterComma";
    State[State["InElement"] = 3] = "InElement";
    State[State["AfterElement"] = 4] = "AfterElement";
    State[State["AfterArray"] = 5] = "AfterArray";
})(State || (State = {}));
const SPACE = 0x20;
const TAB = 0x09;
const json_array_elements_LF = 0x0a;
const json_array_elements_CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
function isWhitespace(code) {
    return code === SPACE || code === json_array_elements_LF || code === json_array_elements_CR || code === TAB;
}
/**
 * Splits a top-level JSON array into the texts of its elements as the chunks arrive, tracking the
 * physical line and column of every character (LF, CRLF and a lone CR end a line), so each
 * element, and each problem, has the line an editor shows. Only strings and bracket depth are
 * followed here; `JSON.parse` checks each element. Holds one chunk and the element in progress,
 * which may not grow beyond `maxLength` characters nor nest deeper than `MAX_JSON_DEPTH`.
 */
class JsonArraySplitter {
    maxLength;
    state = State.BeforeArray;
    line = 1;
    column = 1;
    afterCr = false;
    first = true;
    index = -1;
    depth = 0;
    inString = false;
    escaped = false;
    pieces = [];
    pendingLength = 0;
    elementLine = 0;
    elementColumn = 0;
    constructor(maxLength) {
        this.maxLength = maxLength;
    }
    /**
     * The elements that end in this chunk, each as soon as it is found: the reader checks it before
     * the rest of the chunk is read, so the first problem in the file is the one reported.
     */
    *push(chunk) {
        let text = chunk;
        if (this.first && text !== "") {
            if (text.charCodeAt(0) === 0xfeff)
                text = text.slice(1);
            this.first = false;
        }
        let elementStart = 0;
        let at = 0;
        while (at < text.length) {
            const code = text.charCodeAt(at);
            if (this.state === State.InElement) {
                const end = this.elementEnd(code);
                if (end === "continues") {
                    this.advance(code);
                    at++;
                    continue;
                }
                const stop = end === "after" ? at + 1 : at;
                yield this.finishElement(text.slice(elementStart, stop));
                this.state = State.AfterElement;
                if (end === "after") {
                    this.advance(code);
                    at++;
                }
                continue;
            }
            if (!isWhitespace(code)) {
                const starts = this.betweenElements(code);
                if (starts) {
                    this.startElement();
                    elementStart = at;
                    continue; // the same character, now read as part of the element
                }
            }
            this.advance(code);
            at++;
        }
        if (this.state === State.InElement) {
            const rest = elementStart === 0 ? text : text.slice(elementStart);
            this.pieces.push(rest);
            this.pendingLength += rest.length;
            if (this.pendingLength > this.maxLength)
                throw new ElementTooLongError(this.elementLine, this.index);
        }
    }
    /** Refuses a file that ends before the array is closed. */
    finish() {
        if (this.state === State.AfterArray)
            return;
        if (this.state === State.BeforeArray) {
            throw new JsonArrayError("the file is empty; write a JSON array of items ([{…}, {…}])", this.line, this.column, undefined, "shape");
        }
        if (this.state === State.InElement && (this.depth > 0 || this.inString)) {
            throw new JsonArrayError("the file ends inside this item; close it, and the array with ']'", this.elementLine, this.elementColumn, this.index);
        }
        throw new JsonArrayError("the file ends before the array is closed; end it with ']'", this.line, this.column);
    }
    /** Handles a non-blank character outside any element; true when it starts one. */
    betweenElements(code) {
        switch (this.state) {
            case State.BeforeArray:
                if (code !== OPEN_BRACKET) {
                    throw new JsonArrayError("expected a JSON array of items at the top level ([{…}, {…}])", this.line, this.column, undefined, "shape");
                }
                this.state = State.BeforeFirst;
                return false;
            case State.BeforeFirst:
                if (code === CLOSE_BRACKET) {
                    this.state = State.AfterArray;
                    return false;
                }
                if (code === COMMA)
                    this.fail("a comma before the first item");
                return true;
            case State.AfterComma:
                if (code === CLOSE_BRACKET)
                    this.fail("a comma before ']'; remove the trailing comma");
                if (code === COMMA)
                    this.fail(`an item is missing between two commas (after item [${this.index}])`);
                return true;
            case State.AfterElement:
                if (code === COMMA)
                    this.state = State.AfterComma;
                else if (code === CLOSE_BRACKET)
                    this.state = State.AfterArray;
                else
                    this.fail(`expected ',' or ']' after item [${this.index}]`);
                return false;
            default:
                this.fail("unexpected text after the array's closing ']'");
        }
    }
    startElement() {
        this.state = State.InElement;
        this.index++;
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
        this.elementLine = this.line;
        this.elementColumn = this.column;
    }
    /**
     * Whether the element goes on past `code`, ends with it (a closing quote or bracket), or ended
     * just before it (a scalar followed by ',', ']' or a blank).
     */
    elementEnd(code) {
        if (this.inString) {
            if (this.escaped)
                this.escaped = false;
            else if (code === BACKSLASH)
                this.escaped = true;
            else if (code === QUOTE) {
                this.inString = false;
                if (this.depth === 0)
                    return "after";
            }
            return "continues";
        }
        if (code === QUOTE)
            this.inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
            if (++this.depth > MAX_JSON_DEPTH) {
                throw new JsonArrayError(`nested more than ${MAX_JSON_DEPTH} levels deep`, this.line, this.column, this.index, "depth");
            }
        }
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
            if (this.depth === 0)
                return "before";
            if (--this.depth === 0)
                return "after";
        }
        else if (this.depth === 0 && (code === COMMA || isWhitespace(code))) {
            return "before";
        }
        return "continues";
    }
    finishElement(tail) {
        const text = this.pieces.length === 0 ? tail : this.pieces.join("") + tail;
        this.pieces = [];
        this.pendingLength = 0;
        if (text.length > this.maxLength)
            throw new ElementTooLongError(this.elementLine, this.index);
        return { text, index: this.index, line: this.elementLine, column: this.elementColumn };
    }
    advance(code) {
        if (code === json_array_elements_LF) {
            if (!this.afterCr)
                this.line++;
            this.column = 1;
            this.afterCr = false;
        }
        else if (code === json_array_elements_CR) {
            this.line++;
            this.column = 1;
            this.afterCr = true;
        }
        else {
            this.column++;
            this.afterCr = false;
        }
    }
    fail(problem) {
        throw new JsonArrayError(problem, this.line, this.column);
    }
}

;// CONCATENATED MODULE: ./src/core/dataset/json-syntax.ts

/**
 * Finds the first syntax error in `text` (one JSON value, surrounding whitespace allowed), or a
 * nesting deeper than `maxDepth`. Used on the error path only, after `JSON.parse` refused the text:
 * it locates the problem itself, so no message depends on the engine's wording or quotes an excerpt
 * of the file.
 */
function findJsonSyntaxError(text, maxDepth = MAX_JSON_DEPTH) {
    const scanner = new Scanner(text, maxDepth);
    try {
        scanner.document();
        return undefined;
    }
    catch (error) {
        if (error instanceof Found)
            return error.syntaxError;
        throw error;
    }
}
/** "unexpected character "x"" when the content may be quoted, else without the character. */
function describeJsonSyntaxError(error, quoteContent) {
    return quoteContent && error.character !== undefined
        ? `${error.problem} ${JSON.stringify(error.character)}`
        : error.problem;
}
class Found extends Error {
    syntaxError;
    constructor(syntaxError) {
        super(syntaxError.problem);
        this.syntaxError = syntaxError;
    }
}
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
class Scanner {
    text;
    maxDepth;
    index = 0;
    constructor(text, maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }
    document() {
        this.value(0);
        this.skipWhitespace();
        if (this.index < this.text.length)
            this.fail("unexpected text after the JSON value");
    }
    value(depth) {
        this.skipWhitespace();
        const char = this.text[this.index];
        if (char === undefined)
            this.fail("a value is missing (the text ends early)");
        if (char === "{")
            this.object(depth + 1);
        else if (char === "[")
            this.array(depth + 1);
        else if (char === '"')
            this.string();
        else if (char === "-" || (char >= "0" && char <= "9"))
            this.number();
        else if (char === "t")
            this.literal("true");
        else if (char === "f")
            this.literal("false");
        else if (char === "n")
            this.literal("null");
        else
            this.unexpected();
    }
    object(depth) {
        if (depth > this.maxDepth)
            this.tooDeep();
        this.index++;
        this.skipWhitespace();
        if (this.text[this.index] === "}") {
            this.index++;
            return;
        }
        for (;;) {
            this.skipWhitespace();
            if (this.text[this.index] !== '"')
                this.fail("expected a property name in double quotes");
            this.string();
            this.skipWhitespace();
            if (this.text[this.index] !== ":")
                this.fail("expected ':' after the property name");
            this.index++;
            this.value(depth);
            this.skipWhitespace();
            const next = this.text[this.index];
            if (next === "}") {
                this.index++;
                return;
            }
            if (next !== ",")
                this.fail("expected ',' or '}' after a property value");
            this.index++;
            this.skipWhitespace();
            if (this.text[this.index] === "}")
                this.fail("a comma before '}'; remove the trailing comma");
        }
    }
    array(depth) {
        if (depth > this.maxDepth)
            this.tooDeep();
        this.index++;
        this.skipWhitespace();
        if (this.text[this.index] === "]") {
            this.index++;
            return;
        }
        for (;;) {
            this.value(depth);
            this.skipWhitespace();
            const next = this.text[this.index];
            if (next === "]") {
                this.index++;
                return;
            }
            if (next !== ",")
                this.fail("expected ',' or ']' after an array element");
            this.index++;
            this.skipWhitespace();
            if (this.text[this.index] === "]")
                this.fail("a comma before ']'; remove the trailing comma");
        }
    }
    string() {
        const start = this.index;
        this.index++;
        for (;;) {
            const code = this.text.charCodeAt(this.index);
            if (Number.isNaN(code))
                this.fail("a string is not closed", start);
            if (code === 0x22) {
                this.index++;
                return;
            }
            if (code < 0x20)
                this.fail("a line break or control character inside a string; write it as an escape (\\n, \\t, \\u0000)");
            if (code === 0x5c) {
                const escape = this.text[this.index + 1];
                if (escape === "u") {
                    if (!/^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.index + 2, this.index + 6))) {
                        this.fail("an invalid \\u escape in a string (write four hex digits)");
                    }
                    this.index += 6;
                    continue;
                }
                if (escape === undefined || !ESCAPES.has(escape)) {
                    this.fail("an invalid escape in a string (a backslash is written \\\\)");
                }
                this.index += 2;
                continue;
            }
            this.index++;
        }
    }
    number() {
        const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
        match.lastIndex = this.index;
        const found = match.exec(this.text);
        const end = found === null ? this.index : this.index + found[0].length;
        const next = this.text[end];
        if (found === null || (next !== undefined && /[0-9.eE+-]/.test(next))) {
            this.fail("an invalid number");
        }
        this.index = end;
    }
    literal(word) {
        if (this.text.startsWith(word, this.index))
            this.index += word.length;
        else
            this.unexpected();
    }
    skipWhitespace() {
        while (WHITESPACE.has(this.text.charCodeAt(this.index)))
            this.index++;
    }
    unexpected() {
        const code = this.text.codePointAt(this.index);
        throw new Found({ index: this.index, problem: "unexpected character", character: String.fromCodePoint(code) });
    }
    tooDeep() {
        throw new Found({ index: this.index, problem: `nested more than ${this.maxDepth} levels deep`, tooDeep: true });
    }
    fail(problem, index = this.index) {
        throw new Found({ index, problem });
    }
}

;// CONCATENATED MODULE: ./src/core/dataset/parse-json-array.ts






/**
 * A JSON array of records, streamed element by element: the file is never parsed whole. Each
 * record is located by the physical line it starts on and its index (`file.json:12: item [3]`),
 * so a pretty-printed array points at the line an editor shows.
 */
async function* parseJsonArray(chunks, source) {
    const splitter = new JsonArraySplitter(dataset_format/* MAX_RECORD_CHARS */.PX);
    try {
        for await (const chunk of chunks) {
            for (const element of splitter.push(chunk))
                yield parseElement(element, source);
        }
        splitter.finish();
    }
    catch (error) {
        if (error instanceof JsonArrayError) {
            const where = (0,dataset_format/* recordLocation */.tv)(source.file, { line: error.line, ...(error.index === undefined ? {} : { index: error.index }) });
            const at = `at column ${error.column}`;
            throw new core_errors/* UserError */.yo(error.kind === "syntax" ? `${where}: not valid JSON (${error.problem}, ${at})`
                : error.kind === "depth" ? `${where}: the record is ${error.problem} (${at})`
                    : `${where}: ${error.problem}`);
        }
        if (error instanceof ElementTooLongError) {
            throw new core_errors/* UserError */.yo((0,dataset_format/* recordTooLongMessage */.Pg)((0,dataset_format/* recordLocation */.tv)(source.file, error)));
        }
        throw error;
    }
}
function parseElement(element, source) {
    const record = { line: element.line, index: element.index };
    let value;
    try {
        value = JSON.parse(element.text);
    }
    catch {
        throw syntaxError(element, source);
    }
    return { item: recordToItem(value, (0,dataset_format/* recordLocation */.tv)(source.file, record)), ...record };
}
/** The physical line and column of the problem inside a (possibly multi-line) element. */
function syntaxError(element, source) {
    const found = findJsonSyntaxError(element.text);
    if (found === undefined)
        return new core_errors/* UserError */.yo(`${(0,dataset_format/* recordLocation */.tv)(source.file, element)}: not valid JSON`);
    const { lines, column } = positionInText(element.text, found.index);
    const line = element.line + lines;
    const where = (0,dataset_format/* recordLocation */.tv)(source.file, { line, index: element.index });
    const at = `at column ${lines === 0 ? element.column + column - 1 : column}`;
    if (found.tooDeep)
        return new core_errors/* UserError */.yo(`${where}: the record is ${found.problem} (${at})`);
    return new core_errors/* UserError */.yo(`${where}: not valid JSON (${describeJsonSyntaxError(found, source.quoteContent)}, ${at})`);
}

;// CONCATENATED MODULE: ./src/core/dataset/text-lines.ts
/** A line longer than the limit `textLines` was given; `line` is its number. */
class LineTooLongError extends Error {
    line;
    constructor(line) {
        super(`line ${line} is too long`);
        this.line = line;
    }
}
/**
 * Splits chunks of text into physical lines as an editor numbers them: `\n`, `\r\n` and a lone
 * `\r` each end a line, also when a `\r\n` is split between two chunks. Holds one chunk and the
 * unfinished line, which may not grow beyond `maxLength` characters (LineTooLongError). Lines are
 * `[lineNumber, text]`, 1-based, without the line break. A byte-order mark at the start is dropped.
 *
 * Synchronous within a chunk, so a parser reading a 100,000-line file awaits once per chunk, not
 * once more per line (each await layer cost ~0.3 µs a record in the validating pass, issue 13).
 */
class LineSplitter {
    maxLength;
    pending = "";
    lineNumber = 0;
    first = true;
    // The previous chunk ended with "\r": a "\n" starting this one belongs to that line break.
    skipLineFeed = false;
    constructor(maxLength = Number.POSITIVE_INFINITY) {
        this.maxLength = maxLength;
    }
    /** The lines `chunk` completes. */
    *push(chunk) {
        if (chunk === "")
            return;
        let text = chunk;
        if (this.first) {
            if (text.charCodeAt(0) === 0xfeff)
                text = text.slice(1);
            this.first = false;
        }
        if (this.skipLineFeed && text.startsWith("\n"))
            text = text.slice(1);
        this.skipLineFeed = false;
        const pending = this.pending + text;
        let start = 0;
        let lineFeed = pending.indexOf("\n");
        let carriageReturn = pending.indexOf("\r");
        while (lineFeed !== -1 || carriageReturn !== -1) {
            const end = lineFeed === -1 ? carriageReturn : carriageReturn === -1 ? lineFeed : Math.min(lineFeed, carriageReturn);
            let next = end + 1;
            if (end === carriageReturn) {
                if (next === pending.length)
                    this.skipLineFeed = true;
                else if (pending.charCodeAt(next) === 0x0a)
                    next++;
            }
            if (end - start > this.maxLength)
                throw new LineTooLongError(this.lineNumber + 1);
            yield [++this.lineNumber, pending.slice(start, end)];
            start = next;
            if (lineFeed !== -1 && lineFeed < start)
                lineFeed = pending.indexOf("\n", start);
            if (carriageReturn !== -1 && carriageReturn < start)
                carriageReturn = pending.indexOf("\r", start);
        }
        this.pending = pending.slice(start);
        if (this.pending.length > this.maxLength)
            throw new LineTooLongError(this.lineNumber + 1);
    }
    /** The last line, when the text does not end with a line break. */
    end() {
        return this.pending === "" ? undefined : [++this.lineNumber, this.pending];
    }
}
/** The lines of a stream of text chunks, as `LineSplitter` splits them. */
async function* textLines(chunks, maxLength = Number.POSITIVE_INFINITY) {
    const splitter = new LineSplitter(maxLength);
    for await (const chunk of chunks)
        yield* splitter.push(chunk);
    const last = splitter.end();
    if (last !== undefined)
        yield last;
}

;// CONCATENATED MODULE: ./src/core/dataset/parse-jsonl.ts






/**
 * A value nested deeper than MAX_JSON_DEPTH has more than that many opening brackets and as many
 * closing ones: a shorter line cannot be, and is not walked (the walk cost 17–22 ms of a
 * 10,000-item validating pass, issue 13).
 */
const SHORTEST_TOO_DEEP = 2 * (MAX_JSON_DEPTH + 1);
/** JSONL (one JSON object per line). Blank lines are skipped; line numbers are the file's. */
async function* parseJsonl(chunks, source) {
    const lines = new LineSplitter(dataset_format/* MAX_RECORD_CHARS */.PX);
    try {
        for await (const chunk of chunks) {
            for (const [line, text] of lines.push(chunk)) {
                const record = recordOf(line, text, source);
                if (record !== undefined)
                    yield record;
            }
        }
        const last = lines.end();
        const record = last === undefined ? undefined : recordOf(last[0], last[1], source);
        if (record !== undefined)
            yield record;
    }
    catch (error) {
        if (error instanceof LineTooLongError)
            throw new core_errors/* UserError */.yo((0,dataset_format/* recordTooLongMessage */.Pg)(`${source.file}:${error.line}`));
        throw error;
    }
}
/** The record on a line; undefined for a blank line. */
function recordOf(line, text, source) {
    if (text.trim() === "")
        return undefined;
    const where = `${source.file}:${line}`;
    return { item: recordToItem(parseLine(text, where, source), where), line };
}
function parseLine(text, where, source) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw parse_jsonl_syntaxError(text, where, source);
    }
    if (text.length >= SHORTEST_TOO_DEEP && nestingExceeds(value))
        throw parse_jsonl_syntaxError(text, where, source);
    return value;
}
// Our own scanner says where and why: the engine's message would quote an excerpt of the line.
function parse_jsonl_syntaxError(text, where, source) {
    const found = findJsonSyntaxError(text);
    if (found === undefined)
        return new core_errors/* UserError */.yo(`${where}: not valid JSON; write one JSON object per line`);
    const at = `at column ${found.index + 1}`;
    if (found.tooDeep)
        return new core_errors/* UserError */.yo(`${where}: the record is ${found.problem} (${at})`);
    return new core_errors/* UserError */.yo(`${where}: not valid JSON (${describeJsonSyntaxError(found, source.quoteContent)}, ${at}); write one JSON object per line`);
}

// EXTERNAL MODULE: ./src/core/dataset/version-accumulator.ts
var version_accumulator = __webpack_require__(70143);
;// CONCATENATED MODULE: ./src/core/dataset/parse-dataset.ts






const PARSERS = {
    jsonl: parseJsonl,
    csv: parseCsv,
    json: parseJsonArray,
};
/**
 * Records of a dataset file's chunks (UTF-8 bytes, or text); `file` is the path shown in messages.
 * Bytes that are not UTF-8 are refused with the line and byte offset.
 */
function parseDataset(format, chunks, file, options = {}) {
    return PARSERS[format](decodeUtf8Chunks(chunks, file), sourceOf(file, options));
}
/**
 * The validating pass: parses every record, rejects duplicate ids and empty datasets, and returns
 * what a run records about its dataset. Throws a UserError naming file and line on the first
 * malformed record.
 */
async function inspectDatasetChunks(format, chunks, file, options = {}) {
    const accumulator = new version_accumulator/* DatasetVersionAccumulator */.rt(sourceOf(file, options));
    for await (const record of parseDataset(format, chunks, file, options)) {
        options.checkItem?.(record.item, (0,dataset_format/* recordLocation */.tv)(file, record));
        accumulator.add(record);
    }
    const { version, item_count } = accumulator.finish();
    return { path: file, format, version, item_count };
}
function sourceOf(file, options) {
    return { file, quoteContent: options.quoteContent ?? false };
}

;// CONCATENATED MODULE: ./src/engine/dataset-file.ts




const CHUNK_BYTES = 64 * 1024;
/**
 * The validating pass over a dataset file (every record, ids, duplicates, version, count).
 * `displayPath` is the path as written in the config, used in every message and in the result.
 * Messages quote the file's content only with `quoteContent` (a file inside the project).
 */
async function inspectDataset(file, displayPath, options = {}) {
    const format = (0,dataset_format/* datasetFormatOf */.Zo)(displayPath);
    const handle = await openDataset(file, displayPath);
    return inspectDatasetChunks(format, chunksOf(handle), displayPath, options);
}
/** The items, streamed; run `inspectDataset` first, which reports malformed records. */
async function* readDataset(file, displayPath, options = {}) {
    const format = (0,dataset_format/* datasetFormatOf */.Zo)(displayPath);
    const handle = await openDataset(file, displayPath);
    for await (const record of parseDataset(format, chunksOf(handle), displayPath, options)) {
        yield record.item;
    }
}
async function openDataset(file, displayPath) {
    // Checked before opening: opening a named pipe would wait for a writer forever.
    const stats = await (0,promises_.stat)(file).catch((error) => {
        throw fileError(error, displayPath);
    });
    if (!stats.isFile())
        throw notAFile(displayPath);
    try {
        return await (0,promises_.open)(file, "r");
    }
    catch (error) {
        throw fileError(error, displayPath);
    }
}
// The stream closes the handle when it ends, fails, or the reader stops early.
function chunksOf(handle) {
    return handle.createReadStream({ highWaterMark: CHUNK_BYTES });
}
function notAFile(displayPath) {
    return new core_errors/* UserError */.yo(`${displayPath}: not a file; the dataset must be a .jsonl, .csv or .json file`);
}
function fileError(error, displayPath) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR")
        return new core_errors/* UserError */.yo(`${displayPath}: file not found`);
    if (code === "EISDIR")
        return notAFile(displayPath);
    if (code === "EACCES")
        return new core_errors/* UserError */.yo(`${displayPath}: permission denied`);
    if (code === "ELOOP")
        return new core_errors/* UserError */.yo(`${displayPath}: a symlink loop`);
    if (code === "ENAMETOOLONG")
        return new core_errors/* UserError */.yo(`${displayPath}: the path is too long`);
    return error instanceof Error ? error : new Error(String(error));
}

;// CONCATENATED MODULE: ./src/engine/targets/chat-request.ts



/** The inference step a prompt target is when neither it nor its experiment names one. */
const PROMPT_STEP = "prompt";
/**
 * The inference step whose overrides a prompt target applies: its own `step`, else the
 * experiment's first inference step, else "prompt".
 */
function promptTargetStep(step, inferenceSteps) {
    return step ?? inferenceSteps?.[0] ?? PROMPT_STEP;
}
/** The settings a prompt file and the target's config may both set; the config's win. */
const SETTINGS = ["model", "temperature", "top_p", "max_tokens"];
/**
 * Compiles the request from the prompt file (when the target has one) and the target's config.
 * Precedence, lowest first: the prompt file, the target's fields in evalgate.yml, then the run's
 * overrides for the target's inference step (applied per call by `chatRequestBody`). `where` is the
 * target's path in evalgate.yml, for the error when no model is named anywhere.
 */
function compileChatRequest(config, file, where) {
    const settings = {};
    for (const key of SETTINGS) {
        const value = config[key] ?? file?.[key];
        if (value !== undefined)
            settings[key] = value;
    }
    if (settings.model === undefined) {
        throw new core_errors/* UserError */.yo(`${where}.model: required (the prompt file names no model either), e.g. model: gpt-4o-mini`);
    }
    if (file?.tools !== undefined)
        settings.tools = file.tools;
    const messages = file
        ? file.messages.map(({ role, content }) => ({ role, render: compileText(content) }))
        : inlineMessages(config);
    return { step: config.step ?? PROMPT_STEP, settings, messages };
}
/** The inline form: the system message as written (it was never a template), then the user message template. */
function inlineMessages(config) {
    const user = { role: "user", render: compileText(config.prompt ?? "") };
    const system = config.system;
    return system === undefined ? [user] : [{ role: "system", render: () => system }, user];
}
/**
 * One item's request body: the compiled settings, the run's overrides for the target's step
 * merged over them (any field they carry, e.g. seed, is sent too), and the rendered messages.
 * A `system` override replaces the system message (or adds one first), since the API has no
 * `system` field. The one place a request is built, so variants change it here.
 */
function chatRequestBody(request, item, context) {
    const values = templateValues(item, context);
    const { system, ...override } = context.overrides?.[request.step] ?? {};
    const rendered = request.messages.map(({ role, render }) => ({ role, content: render(values) }));
    const messages = typeof system === "string" ? withSystemMessage(rendered, system) : rendered;
    return { ...request.settings, ...override, messages };
}
function withSystemMessage(messages, system) {
    const others = messages.filter((message) => message.role !== "system");
    return [{ role: "system", content: system }, ...others];
}

;// CONCATENATED MODULE: ./src/engine/targets/prompt.ts







const CHAT_COMPLETION = {
    output: "choices.0.message.content",
    tool_calls: "choices.0.message.tool_calls",
    usage: "usage",
    cost: "cost",
};
/**
 * A prompt run against an OpenAI-compatible `POST {base_url}/chat/completions`: inline (`prompt`
 * and `system`) or from a prompt file that prepareExperiment has read (`options.promptFile`).
 * The request is built by chat-request.ts. The result names the model the request asked for, not
 * the response's (OpenAI answers with a dated snapshot name), so the price table finds it.
 */
function createPromptTarget(config, options) {
    const baseUrl = parseTargetUrl(config.base_url, `${options.path}.base_url`);
    if (config.prompt !== undefined)
        assertKnownPlaceholders(config.prompt, `${options.path}.prompt`);
    if (config.prompt_file !== undefined && options.promptFile === undefined) {
        throw new Error(`${options.path}.prompt_file: the prompt file was not read before the target was built`);
    }
    const chatRequest = compileChatRequest(config, options.promptFile?.prompt, options.path);
    const url = new URL(`${baseUrl.href.replace(/\/+$/, "")}/chat/completions`);
    const endpoint = endpointOf(url);
    const transport = new HttpTransport(options.concurrency);
    const policy = (0,retry/* retryPolicy */.Jb)(options.retries, options.backoff);
    const auth = config.api_key ? { authorization: `Bearer ${config.api_key}` } : {};
    const headers = requestHeaders(auth);
    const promptFile = options.promptFile ? `, ${options.promptFile.file}` : "";
    return {
        description: `${describeUrl(url)} (${String(chatRequest.settings.model)}${promptFile})`,
        async call(item, context) {
            const body = chatRequestBody(chatRequest, item, context);
            const request = { endpoint, method: "POST", headers, body: JSON.stringify(body), timeoutMs: config.timeout, signal: context.signal };
            const result = await callForAnswer(transport, request, policy, CHAT_COMPLETION);
            return typeof body.model === "string" ? { ...result, model: body.model } : result;
        },
        async close() {
            transport.close();
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/targets/create-target.ts



/** A new kind of target is a new file and one line here. */
const FACTORIES = {
    http: createHttpTarget,
    command: createCommandTarget,
    prompt: createPromptTarget,
};
/**
 * Builds the target of an experiment from its validated, interpolated config. Throws a
 * UserError naming `options.path` when the config cannot work (a URL without http://,
 * an unknown placeholder); opens no connection and starts no process yet.
 */
function createTarget(config, options) {
    const create = FACTORIES[config.type];
    return create(config, options);
}

;// CONCATENATED MODULE: ./src/core/config/prompt-file.ts








/** A prompt file is a few KiB; a larger one is the wrong file, and would be sent with every item. */
const MAX_PROMPT_FILE_BYTES = 256 * 1024;
/** As in evalgate.yml: a "billion laughs" file stays refused. */
const prompt_file_MAX_ALIAS_COUNT = 100;
const PLACEHOLDER_HINT = "use {{input}}, {{input.field}}, {{expected}}, {{metadata.field}}, {{item_id}}";
/** A message template: its content may use the placeholders of the http body. */
const PromptMessageSchema = schemas/* strictObject */.rej({
    role: schemas/* enum */.k5n(["system", "developer", "user", "assistant"]),
    content: schemas/* string */.YjP()
        .min(1)
        .superRefine((content, context) => {
        for (const { placeholder } of findUnknownPlaceholders(content)) {
            context.addIssue({ code: "custom", message: `unknown placeholder ${placeholder} (${PLACEHOLDER_HINT})` });
        }
    }),
});
/** OpenAI's function tool, sent as written; fields beyond these pass through for newer APIs. */
const FunctionToolSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz("function"),
    function: schemas/* looseObject */._H3({
        name: schemas/* string */.YjP().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "a tool name is 1 to 64 letters, digits, '_' or '-'" }),
        description: schemas/* string */.YjP().optional(),
        parameters: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
        strict: schemas/* boolean */.zMY().optional(),
    }),
});
/**
 * A versioned prompt: the messages sent for each item (templates) and the request's settings.
 * The target's fields in evalgate.yml override the settings; the file's content is part of the
 * experiment version.
 */
const PromptFileSchema = schemas/* strictObject */.rej({
    /** For the reader of the file; not sent. */
    description: schemas/* string */.YjP().optional(),
    model: schemas/* string */.YjP().min(1).optional(),
    messages: schemas/* array */.YOg(PromptMessageSchema).min(1),
    temperature: schemas/* number */.aig().min(0).max(2).optional(),
    top_p: schemas/* number */.aig().min(0).max(1).optional(),
    max_tokens: schemas/* number */.aig().int().positive().optional(),
    tools: schemas/* array */.YOg(FunctionToolSchema).min(1).optional(),
});
/** The keys a strict object at a path accepts, for "did you mean" on a typo. */
function knownKeys(path) {
    if (path.length === 0)
        return Object.keys(PromptFileSchema.shape);
    if (path.length === 2 && path[0] === "messages")
        return Object.keys(PromptMessageSchema.shape);
    if (path.length === 2 && path[0] === "tools")
        return Object.keys(FunctionToolSchema.shape);
    return [];
}
/** Problems listed at once, as for evalgate.yml; the rest are counted. */
const prompt_file_MAX_LISTED_PROBLEMS = 20;
/**
 * Parses a prompt file's bytes (YAML, or JSON, which is YAML). Every problem is reported at once,
 * one line each, as `<file>:<line>: <field path>: <message>`; `file` is the path as configured.
 * Refused as evalgate.yml is: over the size limit, not UTF-8, duplicate keys, too many aliases,
 * nested too deeply.
 */
function parsePromptFile(bytes, file) {
    if (bytes.byteLength > MAX_PROMPT_FILE_BYTES) {
        throw new core_errors/* UserError */.yo(`${file}: a prompt file is at most ${MAX_PROMPT_FILE_BYTES / 1024} KiB; is it the right file?`);
    }
    const lineCounter = new dist/* LineCounter */.HN();
    // The library's own duplicate-key check is quadratic in a map's size; duplicateKeys uses a set.
    const document = (0,dist/* parseDocument */.Tp)(decodeUtf8(bytes, file), { lineCounter, prettyErrors: false, uniqueKeys: false });
    const errors = document.errors.map((error) => yamlErrorLine(error, file, lineCounter));
    if (errors.length === 0)
        errors.push(...duplicateKeys(document, file, lineCounter));
    if (errors.length > 0)
        throw new core_errors/* UserError */.yo(prompt_file_listed(errors).join("\n"));
    const value = prompt_file_documentValue(document, file);
    const nesting = findNestingProblem(value);
    if (nesting !== undefined) {
        const at = nesting.path.length === 0 ? "" : `${formatPath(nesting.path)}: `;
        throw new core_errors/* UserError */.yo(`${file}:${lineOfPath(document, lineCounter, nesting.path)}: ${at}${nesting.message}`);
    }
    const result = PromptFileSchema.safeParse(value, { reportInput: true });
    if (result.success)
        return result.data;
    const problems = describeZodIssues(result.error.issues, { input: value, knownKeys });
    // Lines are found for the listed problems only: finding one is linear in the size of its map.
    const lines = problems.slice(0, prompt_file_MAX_LISTED_PROBLEMS).map((problem) => {
        const line = lineOfPath(document, lineCounter, problem.at ?? problem.path);
        return problem.path.length === 0 ? `${file}:${line}: ${problem.message}` : `${file}:${line}: ${formatPath(problem.path)}: ${problem.message}`;
    });
    const more = problems.length - lines.length;
    throw new core_errors/* UserError */.yo([...lines, ...(more > 0 ? [`… and ${more} more problems`] : [])].join("\n"));
}
function prompt_file_documentValue(document, file) {
    if (document.contents === null) {
        throw new core_errors/* UserError */.yo(`${file}: the prompt file is empty; write "messages:" with at least one { role, content }`);
    }
    try {
        return document.toJS({ maxAliasCount: prompt_file_MAX_ALIAS_COUNT });
    }
    catch (error) {
        // The yaml library throws a ReferenceError for a "billion laughs" document.
        if (error instanceof ReferenceError && /alias/i.test(error.message)) {
            throw new core_errors/* UserError */.yo(`${file}: the YAML aliases (*name) expand to too much; write the values out instead`);
        }
        throw error;
    }
}
function prompt_file_listed(lines) {
    if (lines.length <= prompt_file_MAX_LISTED_PROBLEMS)
        return lines;
    return [...lines.slice(0, prompt_file_MAX_LISTED_PROBLEMS), `… and ${lines.length - prompt_file_MAX_LISTED_PROBLEMS} more problems`];
}

;// CONCATENATED MODULE: ./src/engine/targets/read-prompt-file.ts





/**
 * Reads and validates the prompt file `configured` names, relative to the config file's folder
 * and inside the project (as a dataset is). A problem in the file names the file, its line and
 * field, and the config field that points at it.
 */
async function readPromptFile(configDir, configured, options) {
    const { path } = await resolveProjectFile(configDir, configured, {
        field: options.field,
        allowOutsideProject: options.allowOutsideProject ?? false,
    });
    const bytes = await readBytes(path, configured, options.field);
    try {
        const prompt = parsePromptFile(bytes, configured);
        return { file: configured, sha256: (0,external_node_crypto_.createHash)("sha256").update(bytes).digest("hex"), prompt };
    }
    catch (error) {
        if (error instanceof core_errors/* UserError */.yo)
            throw new core_errors/* UserError */.yo(`${error.message}\n  (prompt file of ${options.field})`);
        throw error;
    }
}
async function readBytes(path, configured, field) {
    try {
        // Checked before reading: a named pipe would be waited on, a device read forever.
        const stats = await (0,promises_.stat)(path);
        if (!stats.isFile())
            throw new core_errors/* UserError */.yo(`${field}: "${configured}" is not a regular file; name a YAML or JSON prompt file`);
        if (stats.size > MAX_PROMPT_FILE_BYTES) {
            throw new core_errors/* UserError */.yo(`${field}: "${configured}" is larger than ${MAX_PROMPT_FILE_BYTES / 1024} KiB; is it the right file?`);
        }
        return await (0,promises_.readFile)(path);
    }
    catch (error) {
        const code = error.code;
        if (code === "ENOENT" || code === "ENOTDIR")
            throw new core_errors/* UserError */.yo(`${field}: "${configured}" not found`);
        if (code === "EACCES")
            throw new core_errors/* UserError */.yo(`${field}: "${configured}": permission denied`);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/engine/targets/prepare-prompt-target.ts


/**
 * What a prompt target adds to its experiment's version, and the prompt file it needs. The
 * file's content is the prompt, so its digest joins the definition (`prompt_files`, keyed by the
 * path as written, like a module scorer's `scorer_files`): editing it makes a new experiment
 * version. The prices of the model it names join too (`prices`), as they decide its items' cost.
 * Other targets, and a prompt target with neither, leave the definition as it was, so no
 * existing version moves.
 */
async function preparePromptTarget(definition, written, target, options) {
    if (target.type !== "prompt" || written.type !== "prompt")
        return { definition };
    let versioned = definition;
    let promptFile;
    if (target.prompt_file !== undefined) {
        promptFile = await readPromptFile(options.configDir, target.prompt_file, {
            field: `${options.where}.prompt_file`,
            ...(options.allowOutsideProject !== undefined ? { allowOutsideProject: options.allowOutsideProject } : {}),
        });
        versioned = withFileDigests(versioned, "prompt_files", { [written.prompt_file ?? target.prompt_file]: `sha256:${promptFile.sha256}` });
    }
    // The model in evalgate.yml wins over the file's (chat-request.ts); filled in, as the run prices it.
    const model = target.model ?? promptFile?.prompt.model;
    const price = model !== undefined && options.prices !== undefined && Object.hasOwn(options.prices, model)
        ? options.prices[model]
        : undefined;
    if (model !== undefined && price !== undefined) {
        versioned = { ...versioned, prices: { [model]: price } };
    }
    return promptFile ? { definition: versioned, promptFile } : { definition: versioned };
}

;// CONCATENATED MODULE: ./src/engine/prepare-experiment.ts















/**
 * Everything a run needs, validated before anything is stored or called. Throws `UserError` for
 * a config, dataset or scorer problem; a field's problem names its line when `options.locate` is given.
 */
async function prepareExperiment(options) {
    try {
        return await prepareOrThrow(options);
    }
    catch (error) {
        if (error instanceof core_errors/* UserError */.yo && options.locate)
            throw new core_errors/* UserError */.yo(options.locate(error.message));
        throw error;
    }
}
async function prepareOrThrow(options) {
    const { name } = options;
    const experiment = options.repeat === undefined ? options.experiment : { ...options.experiment, repeat: options.repeat };
    const where = `experiments.${name}`;
    let definition = experimentDefinition(experiment);
    const env = options.targetUrl
        ? { ...options.env, EVALGATE_TARGET_URL: options.targetUrl.replace(/\/+$/, "") }
        : options.env;
    const concurrency = options.concurrency ?? experiment.concurrency;
    // Scorer configs may read the environment too (a judge's API key); the stored definition keeps
    // the uninterpolated text, so no secret is stored.
    const scorerRefs = interpolateEnv(experiment.scorers, env, `${where}.scorers`);
    const scorerServices = {
        configDir: options.configDir,
        retries: experiment.retries,
        concurrency,
        ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
        ...(options.prices !== undefined ? { prices: options.prices } : {}),
    };
    const scorers = resolveScorers(scorerRefs, `${where}.scorers`, scorerServices, allScorers);
    // An item's own scorers are resolved as the experiment's are, reading the same environment.
    const itemScorers = new ItemScorers({ refs: experiment.scorers, scorers, path: `${where}.scorers` }, 
    // Dataset records are data, often generated: they get no `${NAME}` (no secret can be sent where
    // a record says) and only the pure scorers; judges and custom scorers are declared in
    // evalgate.yml and limited to some items with `when:`.
    (refs, at) => resolveScorers(refusingCallingScorers(refs, at), at, scorerServices, builtinScorers));
    // A module scorer's code decides scores as much as its config does: its content is versioned too.
    const scorerFiles = moduleScorerFiles(experiment.scorers, scorerRefs, `${where}.scorers`);
    definition = withFileDigests(definition, "scorer_files", await fileDigests(options.configDir, scorerFiles));
    const interpolated = interpolateEnv(experiment.target, env, `${where}.target`);
    // A command runs from the config file's directory, as the dataset path is read from there.
    const targetConfig = interpolated.type === "command"
        ? { ...interpolated, cwd: external_node_path_default().resolve(options.configDir, interpolated.cwd ?? ".") }
        : interpolated;
    const prompt = await preparePromptTarget(definition, experiment.target, targetConfig, {
        configDir: options.configDir, where: `${where}.target`, allowOutsideProject: options.allowOutsideProject ?? false, prices: options.prices,
    });
    definition = prompt.definition;
    const { dataset, readItems } = options.pinnedDataset
        ? { dataset: options.pinnedDataset.info, readItems: options.pinnedDataset.readItems }
        : await checkDatasetFile(options, experiment, itemScorers, where);
    // A prompt target answers to one inference step: resolved here, where the experiment's steps are known.
    const stepped = targetConfig.type === "prompt" ? { ...targetConfig, step: promptTargetStep(targetConfig.step, experiment.inference_steps) } : targetConfig;
    const target = createTarget(stepped, {
        retries: experiment.retries,
        concurrency,
        path: `${where}.target`,
        ...(prompt.promptFile ? { promptFile: prompt.promptFile } : {}),
    });
    return {
        name,
        experiment,
        definition,
        version: experimentVersion(definition),
        scorers,
        itemScorers,
        passRule: passRuleOf(experiment),
        repeats: { rule: experiment.pass_rule, repeat: experiment.repeat ?? 1 },
        target,
        dataset,
        readItems,
        concurrency,
        ...(options.prices ? { prices: options.prices } : {}),
    };
}
/** The validating pass over the experiment's dataset file; then the file is read again for each pass the run needs. */
async function checkDatasetFile(options, experiment, itemScorers, where) {
    const { path: datasetFile, insideProject } = await resolveProjectFile(options.configDir, experiment.dataset, {
        field: `${where}.dataset`,
        allowOutsideProject: options.allowOutsideProject ?? false,
    });
    const dataset = await inspectDataset(datasetFile, experiment.dataset, {
        quoteContent: insideProject,
        checkItem: (item, at) => checkItemScorers(itemScorers, item, at, insideProject),
    }).catch((error) => {
        if (error instanceof core_errors/* UserError */.yo) {
            throw new core_errors/* UserError */.yo(`${error.message}\n  (dataset of ${where}, field ${where}.dataset)`);
        }
        throw error;
    });
    return { dataset, readItems: () => readDataset(datasetFile, dataset.path) };
}
/**
 * Resolves an item's own scorers during the validating pass. A file outside the project is never
 * quoted: a scorer's name or config in a message would be its content.
 */
function checkItemScorers(itemScorers, item, where, quoteContent) {
    try {
        itemScorers.scorersFor(item, where);
    }
    catch (error) {
        if (error instanceof core_errors/* UserError */.yo && !quoteContent) {
            throw new core_errors/* UserError */.yo(`${where}: the item's scorers are invalid (not quoted: the dataset is outside the project)`);
        }
        throw error;
    }
}
/** A dataset record may not name a scorer that calls out (see the comment where it is used). */
function refusingCallingScorers(refs, at) {
    const problems = refs.flatMap((ref, index) => allScorers.has(ref.name) && !builtinScorers.has(ref.name)
        ? [
            `${at}[${index}].name: "${ref.name}" calls out, so it cannot be given in a dataset record; ` +
                "declare it in evalgate.yml and limit it to these items with when:",
        ]
        : []);
    if (problems.length > 0)
        throw new core_errors/* UserError */.yo(problems.join("\n"));
    return refs;
}

;// CONCATENATED MODULE: ./src/cli/commands/experiments.ts











function registerExperimentsCommands(program, io) {
    const experiments = program.command("experiments").description("experiments and their versions; the lifecycle of experiments with variants");
    experiments
        .command("list")
        .description("every experiment in evalgate.yml or the store: its current version, dataset version, last run and status")
        .option("--format <format>", "table, csv, json or jsonl", "table")
        .action(async (flags, command) => {
        const format = parseFormat(flags.format);
        const current = await currentVersions(command, io);
        const listed = await withStore(command, (store) => listExperiments(store, current));
        if (format === "table") {
            const now = Date.now();
            const rows = listed.map((experiment) => experimentTableRow(experiment, now));
            io.stdout.write(formatListing(rows, EXPERIMENT_TABLE_COLUMNS, format, { ...EXPERIMENT_TABLE_FIT, width: terminalWidth(io) }));
        }
        else {
            io.stdout.write(formatListing(listed.map(experimentRow), EXPERIMENT_COLUMNS, format));
        }
    });
    experiments
        .command("show")
        .description("an experiment's versions, newest first: when each first ran, and its definition")
        .argument("<experiment>", "experiment name")
        .option("--format <format>", "table or json", "table")
        .action(async (name, flags, command) => {
        const format = tableOrJson(flags.format);
        const config = await currentVersions(command, io, name);
        const current = config.versions.get(name);
        const versions = await withStore(command, (store) => experimentVersions(store, name, current));
        if (versions.length === 0) {
            throw new core_errors/* UserError */.yo(config.names.includes(name)
                ? `experiment "${name}" has no stored version, and its current version cannot be computed (see above)`
                : `no experiment "${name}" in the config file or in this store (see \`evalgate experiments list\`)`);
        }
        if (format === "table")
            io.stdout.write(renderExperimentVersions(name, versions, Date.now()));
        else
            io.stdout.write(`${JSON.stringify({ experiment: name, current_version: current?.version ?? null, versions }, null, 2)}\n`);
    });
    experiments
        .command("diff")
        .description("what changed from one experiment version to another: each definition path, before and after")
        .argument("<v1>", "the older experiment version (or a unique prefix)")
        .argument("<v2>", "the newer experiment version (or a unique prefix); evalgate.yml's current versions count too")
        .option("--experiment <name>", "look for the versions among this experiment's only")
        .option("--format <format>", "table or json", "table")
        .action(async (first, second, flags, command) => {
        const format = tableOrJson(flags.format);
        const { versions: current } = await currentVersions(command, io, flags.experiment);
        const known = await withStore(command, (store) => knownDefinitions(store, current, flags.experiment));
        const before = resolveVersion(known, first);
        const after = resolveVersion(known, second);
        const changes = diffDefinitions(before.definition, after.definition);
        const side = ({ experiment, version }) => ({ experiment, version });
        if (format === "table")
            io.stdout.write(renderDefinitionDiff(side(before), side(after), changes));
        else
            io.stdout.write(`${JSON.stringify({ before: side(before), after: side(after), changes }, null, 2)}\n`);
    });
    experiments
        .command("complete")
        .description("mark an experiment's variant runs finished: its results stay, and no more runs start")
        .argument("<experiment>", "experiment name")
        .action(async (name, _flags, command) => {
        await withStore(command, async (store) => io.stdout.write(await moveExperiment(store, name, "complete")));
    });
    experiments
        .command("archive")
        .description("archive an experiment: its runs stay readable, and it runs no more")
        .argument("<experiment>", "experiment name")
        .action(async (name, _flags, command) => {
        await withStore(command, async (store) => io.stdout.write(await moveExperiment(store, name, "archive")));
    });
}
/**
 * The current version of each experiment in the config file (of `only`, when given), computed as
 * a run computes it. The target URL does not enter a version (the Action fills it per
 * deployment), so a stand-in fills `${EVALGATE_TARGET_URL}` when it is unset. An experiment
 * whose version cannot be computed (a variable unset, a dataset missing) has none, and stderr
 * says why; a config file that was not asked for and is not there is no problem.
 */
async function currentVersions(command, io, only) {
    const { config, allowOutsideProject } = globalOptions(command);
    const versions = new Map();
    if (!(0,external_node_fs_.existsSync)(config) && command.getOptionValueSourceWithGlobals("config") !== "cli")
        return { names: [], versions };
    let loaded;
    try {
        loaded = await loadConfigFile(config, { allowOutsideProject });
    }
    catch (error) {
        if (!(error instanceof core_errors/* UserError */.yo))
            throw error;
        io.stderr.write(`evalgate: ${firstLine(error.message)}\n  (current versions unknown: the newest stored versions are shown)\n`);
        return { names: [], versions };
    }
    const names = Object.keys(loaded.config.experiments).filter((name) => only === undefined || name === only);
    for (const name of names) {
        const experiment = loaded.config.experiments[name];
        try {
            const prepared = await prepareExperiment({
                name,
                experiment,
                configDir: loaded.dir,
                env: io.env,
                ...(io.env.EVALGATE_TARGET_URL ? {} : { targetUrl: "http://evalgate.invalid" }),
                allowOutsideProject,
                locate: loaded.locate,
                prices: loaded.config.prices,
            });
            versions.set(name, {
                version: prepared.version,
                definition: prepared.definition,
                dataset_version: prepared.dataset.version,
                hasVariants: experiment.variants !== undefined,
            });
        }
        catch (error) {
            if (!(error instanceof core_errors/* UserError */.yo))
                throw error;
            io.stderr.write(`evalgate: experiment "${name}": its current version cannot be computed: ${firstLine(error.message)}\n`);
        }
    }
    return { names, versions };
}
async function listExperiments(store, config) {
    const stored = await store.listExperimentVersions();
    const current = config.versions;
    const names = [...new Set([...config.names, ...stored.map((use) => use.experiment)])].sort();
    return Promise.all(names.map(async (experiment) => {
        const uses = stored.filter((use) => use.experiment === experiment);
        const now = current.get(experiment);
        const newest = uses[0];
        const ofCurrent = uses.find((use) => use.version === now?.version);
        const state = await store.getExperimentState(experiment);
        const lastRun = uses.map((use) => use.last_run).filter((time) => time !== undefined).sort().at(-1);
        const version = now?.version ?? newest?.version;
        const datasetVersion = now?.dataset_version ?? ofCurrent?.dataset_version ?? newest?.dataset_version;
        const status = state?.status ?? (now?.hasVariants ? "draft" : undefined);
        return {
            experiment,
            ...(version !== undefined ? { version } : {}),
            version_from: now !== undefined ? "evalgate.yml" : "store",
            ...(datasetVersion !== undefined ? { dataset_version: datasetVersion } : {}),
            versions: uses.length,
            runs: uses.reduce((sum, use) => sum + use.runs, 0),
            ...(lastRun !== undefined ? { last_run: lastRun } : {}),
            ...(status !== undefined ? { status } : {}),
        };
    }));
}
/** The stored versions, newest first, with the config's current one first when it was never run. */
async function experimentVersions(store, experiment, current) {
    const uses = await store.listExperimentVersions(experiment);
    const shown = await Promise.all(uses.map(async (use) => {
        const record = await store.getExperimentVersion(experiment, use.version);
        return { ...versionUse(use), definition: record?.definition ?? null, current: use.version === current?.version };
    }));
    if (current === undefined || shown.some((version) => version.current))
        return shown;
    return [{ version: current.version, definition: current.definition, runs: 0, dataset_version: current.dataset_version, current: true }, ...shown];
}
function versionUse(use) {
    return {
        version: use.version,
        created_at: use.created_at,
        runs: use.runs,
        ...(use.first_run !== undefined ? { first_run: use.first_run } : {}),
        ...(use.last_run !== undefined ? { last_run: use.last_run } : {}),
        ...(use.dataset_version !== undefined ? { dataset_version: use.dataset_version } : {}),
    };
}
/** Every stored version (of `experiment`, when given) and the config's current ones. */
async function knownDefinitions(store, current, experiment) {
    const known = [...current].map(([name, { version, definition }]) => ({ experiment: name, version, definition }));
    for (const use of await store.listExperimentVersions(experiment)) {
        if (known.some((entry) => entry.experiment === use.experiment && entry.version === use.version))
            continue;
        const record = await store.getExperimentVersion(use.experiment, use.version);
        if (record !== undefined)
            known.push({ experiment: use.experiment, version: use.version, definition: record.definition });
    }
    return known;
}
const AMBIGUOUS_SHOWN = 5;
/**
 * The version `prefix` names. Two experiments with the same definition share a version (its
 * hash): that is one version, not an ambiguity.
 */
function resolveVersion(known, prefix) {
    const matches = known.filter((entry) => entry.version.startsWith(prefix));
    const versions = [...new Set(matches.map((entry) => entry.version))].sort();
    if (prefix === "" || versions.length === 0) {
        throw new core_errors/* UserError */.yo(`no experiment version "${prefix}" in this store or the config file (see \`evalgate experiments show EXPERIMENT\`)`);
    }
    if (versions.length > 1) {
        const named = versions.slice(0, AMBIGUOUS_SHOWN).map((version) => `${version} (${matches.find((entry) => entry.version === version).experiment})`);
        throw new core_errors/* UserError */.yo(`experiment version "${prefix}" is ambiguous: ${named.join(", ")}${versions.length > AMBIGUOUS_SHOWN ? ", …" : ""}. Type more of it.`);
    }
    return matches[0];
}
/** Applies `event` to the stored status (draft when none is stored); a refused move is a UserError (exit 2). */
async function moveExperiment(store, experiment, event, now = new Date()) {
    const state = await store.getExperimentState(experiment);
    const status = (0,experiment_lifecycle/* nextExperimentStatus */.z5)(experiment, state?.status ?? "draft", event);
    await store.setExperimentState({
        experiment,
        status,
        ...(state?.baseline_run_id !== undefined ? { baseline_run_id: state.baseline_run_id } : {}),
        updated_at: now.toISOString(),
    });
    return `experiment "${experiment}": ${state?.status ?? "draft"} → ${status}\n`;
}
function firstLine(message) {
    return message.split("\n")[0] ?? message;
}

;// CONCATENATED MODULE: ./src/core/variant-overrides.ts
/**
 * The variant's `from` chain, its root first and itself last. The config schema has refused
 * unknown parents and cycles, so the walk ends; the guard is for a definition read from a store.
 */
function variantChain(variants, name) {
    const chain = [];
    let current = name;
    let variant = variants[name];
    while (current !== undefined && variant !== undefined && !chain.includes(current)) {
        chain.unshift(current);
        current = variant.from;
        variant = current === undefined ? undefined : variants[current];
    }
    return chain;
}
/** The effective overrides of a variant: every change along its chain, a child's winning over its parent's on the same parameter. */
function effectiveOverrides(variants, name) {
    const overrides = {};
    for (const member of variantChain(variants, name)) {
        const { step, set } = variants[member];
        overrides[step] = { ...overrides[step], ...set };
    }
    return overrides;
}
/** One line per step and parameter, in a stable order: `response_generator.temperature = 0.3`. */
function describeOverrides(overrides) {
    return Object.keys(overrides)
        .sort()
        .flatMap((step) => Object.entries(overrides[step])
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([param, value]) => `${step}.${param} = ${JSON.stringify(value)}`));
}
/**
 * The overrides `candidate` has that `base` has not (or has with another value), and those `base`
 * has that `candidate` drops: what a comparison of two variant runs should name.
 */
function differingOverrides(base, candidate) {
    const lines = [];
    const steps = [...new Set([...Object.keys(base), ...Object.keys(candidate)])].sort();
    for (const step of steps) {
        const before = base[step] ?? {};
        const after = candidate[step] ?? {};
        const params = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
        for (const param of params) {
            const from = before[param];
            const to = after[param];
            if (JSON.stringify(from) === JSON.stringify(to))
                continue;
            const fromText = from === undefined ? "(not overridden)" : JSON.stringify(from);
            const toText = to === undefined ? "(not overridden)" : JSON.stringify(to);
            lines.push(`${step}.${param}: ${fromText} → ${toText}`);
        }
    }
    return lines;
}
/** The variants as a tree below the baseline: each variant's children, in the file's order. */
function variantChildren(variants) {
    const children = new Map();
    for (const [name, variant] of Object.entries(variants)) {
        const parent = variant.from;
        children.set(parent, [...(children.get(parent) ?? []), name]);
    }
    return children;
}

;// CONCATENATED MODULE: ./src/core/report/variant-tree-rows.ts


const VARIANT_TREE_COLUMNS = [
    "variant",
    "overrides",
    "status",
    "pass_rate",
    "vs_baseline",
    "total",
    "passed",
    "failed",
    "completed_at",
    "run",
];
/**
 * One row per node of the tree: the baseline first, then each variant below its parent, in the
 * file's order. `latestRuns` maps a variant name ("" for the baseline) to its newest run. A
 * variant's relative pass rate is (variant − baseline) / baseline; none when the baseline has not
 * run or passed nothing (a ratio over zero says nothing).
 */
function variantTreeRows(variants, latestRuns, experimentStatus, table) {
    const baseline = latestRuns.get("");
    const basePassRate = baseline?.summary?.pass_rate;
    const children = variantChildren(variants);
    const rows = [nodeRow("baseline", "(none)", baseline, experimentStatus, undefined, table)];
    const visit = (parent, depth) => {
        for (const name of children.get(parent) ?? []) {
            const overrides = describeOverrides(effectiveOverrides(variants, name)).join(", ");
            const label = table ? `${"  ".repeat(depth)}└ ${name}` : name;
            rows.push(nodeRow(label, overrides, latestRuns.get(name), undefined, basePassRate, table));
            visit(name, depth + 1);
        }
    };
    visit(undefined, 1);
    return rows;
}
function nodeRow(label, overrides, run, experimentStatus, basePassRate, table) {
    const summary = run?.summary;
    const relative = summary !== undefined && basePassRate !== undefined && basePassRate > 0 ? (summary.pass_rate - basePassRate) / basePassRate : undefined;
    const runStatus = run === undefined ? "not run" : run.status;
    return {
        variant: label,
        overrides,
        // The baseline's row carries the experiment's lifecycle status beside its run's.
        status: experimentStatus === undefined ? runStatus : `${experimentStatus} (${runStatus})`,
        pass_rate: summary === undefined ? null : table ? (0,stats/* formatPercent */.l9)(summary.pass_rate) : Number((0,stats/* formatFraction */.MJ)(summary.pass_rate)),
        vs_baseline: relative === undefined ? null : table ? signedPercent(relative) : Number((0,stats/* formatFraction */.MJ)(relative)),
        total: summary?.total ?? null,
        passed: summary?.passed ?? null,
        failed: summary?.failed ?? null,
        completed_at: run?.ended_at ?? null,
        run: run?.id ?? null,
    };
}
function signedPercent(fraction) {
    return `${fraction > 0 ? "+" : ""}${(0,stats/* formatPercent */.l9)(fraction)}`;
}

;// CONCATENATED MODULE: ./src/cli/commands/variants.ts




/** How many of an experiment's newest runs `variants list` reads to find each variant's latest. */
const RUNS_READ = 1000;
function registerVariantsCommands(program, io) {
    program
        .command("variants")
        .description("an experiment's variants")
        .command("list")
        .description("the variant tree (baseline at the root): effective overrides, status and pass rate of each variant's latest run")
        .argument("<experiment>", "experiment name from the config file")
        .option("--format <format>", "table, csv, json or jsonl", "table")
        .action(async (name, flags, command) => {
        const format = parseFormat(flags.format);
        const { config, allowOutsideProject } = globalOptions(command);
        const experiment = findExperiment(await loadConfigFile(config, { allowOutsideProject }), name);
        await withStore(command, async (store) => {
            const state = await store.getExperimentState(name);
            const rows = variantTreeRows(experiment.variants ?? {}, await latestRunByVariant(store, name, state?.baseline_run_id), state?.status ?? "draft", format === "table");
            const giveWay = ["overrides", "completed_at", "run"];
            io.stdout.write(formatListing(rows, VARIANT_TREE_COLUMNS, format, { width: terminalWidth(io), giveWay }));
        });
    });
}
/**
 * Each variant's newest ended run ("" for the baseline). The baseline is the run that locked
 * the items when there is one, so every relative pass rate is against the same items.
 */
async function latestRunByVariant(store, experiment, lockedBy) {
    const latest = new Map();
    for (const run of await store.listRuns({ experiment, limit: RUNS_READ })) {
        // A run over part of the dataset (a sample, one shard) is not the variant's result: a merged
        // or full run is, so every relative pass rate compares the same items.
        if (run.summary === undefined || run.selection !== undefined)
            continue;
        const key = run.variant ?? "";
        if (!latest.has(key))
            latest.set(key, run);
    }
    const locked = lockedBy === undefined ? undefined : await store.getRun(lockedBy);
    if (locked !== undefined)
        latest.set("", locked);
    return latest;
}

;// CONCATENATED MODULE: ./src/cli/version-pins.ts


/**
 * Reads the pinned versions from `store` (a unique prefix of a version is enough). The dataset's
 * items are read from the store during the run, so it must stay open until the run ends.
 * Throws UserError for a version the store does not have.
 */
async function readVersionPins(store, name, current, flags) {
    let experiment = current;
    let experimentVersion;
    if (flags.experimentVersion !== undefined) {
        experimentVersion = await findExperimentVersion(store, name, flags.experimentVersion);
        experiment = experimentFromDefinition(experimentVersion.definition, current.dataset, experimentVersion.version);
    }
    if (flags.datasetVersion === undefined)
        return { experiment, ...(experimentVersion ? { experimentVersion } : {}) };
    const record = await store.getDatasetVersion(flags.datasetVersion);
    if (record === undefined) {
        throw new core_errors/* UserError */.yo(`--dataset-version: no dataset version "${flags.datasetVersion}" in this store (see \`evalgate datasets list\`)`);
    }
    return {
        experiment,
        ...(experimentVersion ? { experimentVersion } : {}),
        dataset: {
            info: { path: record.dataset_path, format: "jsonl", version: record.version, item_count: record.item_count },
            readItems: () => store.datasetVersionItems(record.version),
        },
    };
}
async function findExperimentVersion(store, name, prefix) {
    // The whole version is one lookup; only a prefix needs the listing (on a results branch it reads every run file).
    const exact = await store.getExperimentVersion(name, prefix);
    if (exact !== undefined)
        return exact;
    const versions = (await store.listExperimentVersions(name)).filter((stored) => stored.version.startsWith(prefix));
    if (versions.length > 1) {
        throw new core_errors/* UserError */.yo(`--experiment-version "${prefix}" is ambiguous: ${versions.map((stored) => stored.version).join(", ")}; type more of it`);
    }
    const record = versions[0] && (await store.getExperimentVersion(name, versions[0].version));
    if (!record) {
        throw new core_errors/* UserError */.yo(`--experiment-version: experiment "${name}" has no stored version "${prefix}" in this store (see \`evalgate experiments show ${name}\`)`);
    }
    return record;
}
/**
 * A pinned experiment version runs only as itself: files it knows by digest (module scorers,
 * prompt files) are read from disk, and their content is not stored. Throws UserError naming the
 * files that changed since.
 */
function checkPinnedVersion(pins, prepared) {
    const wanted = pins.experimentVersion;
    if (wanted === undefined || prepared.version === wanted.version)
        return;
    const before = fileDigestsOf(wanted.definition);
    const now = fileDigestsOf(prepared.definition);
    const changed = [...new Set([...before.keys(), ...now.keys()])].filter((key) => before.get(key) !== now.get(key));
    const why = changed.length > 0 ? `these files changed since (their content is not stored): ${changed.join(", ")}` : "this evalgate reads its definition differently";
    throw new core_errors/* UserError */.yo(`--experiment-version ${wanted.version}: cannot run experiment "${wanted.experiment}" at that version again exactly (it comes out as ${prepared.version}): ${why}; restore them, or run the current version`);
}

;// CONCATENATED MODULE: ./src/core/repeats/repeat-attempt.ts

/**
 * The id of a score of one attempt: `evalgate scores evidence <id>` finds each attempt's score
 * apart from the item's aggregated score (which keeps `scoreId(runId, itemId, scorer)`).
 */
function attemptScoreId(runId, itemId, repeat, scorer) {
    return scoreId(runId, `${itemId}#${repeat}`, scorer);
}
/**
 * What one call of the target left on a run item or an attempt: its output, latency, calls,
 * tool calls, usage, cost, and its error (a failed call, or an answer no scorer applies to).
 */
function callFields(result, scored) {
    const error = result.error ?? scored.error;
    return {
        ...(result.output !== undefined ? { output: result.output } : {}),
        latency_ms: result.latency_ms,
        attempts: result.attempts,
        ...(result.tool_calls ? { tool_calls: result.tool_calls } : {}),
        ...(result.usage ? { usage: result.usage } : {}),
        ...(result.cost !== undefined ? { cost: result.cost } : {}),
        ...(error !== undefined ? { error } : {}),
    };
}
/** One call of the target (after its retries) and its scores, as attempt `repeat` (0-based) of the item. */
function toRepeatAttempt(ids, result, scored, finishedAt) {
    return {
        repeat: ids.repeat,
        status: scored.status,
        ...callFields(result, scored),
        scores: scored.scores.map((score) => ({ ...score, id: attemptScoreId(ids.runId, ids.itemId, ids.repeat, score.scorer) })),
        finished_at: finishedAt.toISOString(),
    };
}
/** The attempts' score ids under another run's id: a shard's item copied into the merged run. */
function withAttemptScoreIds(item, runId) {
    if (item.repeats === undefined)
        return item;
    return {
        ...item,
        repeats: item.repeats.map((attempt) => ({
            ...attempt,
            scores: attempt.scores.map((score) => ({ ...score, id: attemptScoreId(runId, item.item_id, attempt.repeat, score.scorer) })),
        })),
    };
}
/**
 * The run item of one dataset item called once (no repeats, or an import): the item's own fields,
 * what the call left, and its scores, finished at `finishedAt`.
 */
function toRunItem(runId, item, result, scored, finishedAt) {
    return {
        id: runItemId(runId, item.id),
        run_id: runId,
        item_id: item.id,
        status: scored.status,
        input: item.input,
        ...(item.expected !== undefined ? { expected: item.expected } : {}),
        ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
        ...callFields(result, scored),
        scores: scored.scores,
        finished_at: finishedAt.toISOString(),
    };
}

;// CONCATENATED MODULE: ./src/core/selection/parse-rows-spec.ts

/** `--rows 0,3-5,9`: zero-based row indexes and inclusive ranges over the dataset's order. */
function parseRowsSpec(spec) {
    return spec.split(",").map((raw) => {
        const token = raw.trim();
        if (token === "")
            throw rowsError(spec, "has an empty entry");
        const parts = token.split("-");
        if (parts.length > 2)
            throw rowsError(spec, `has a bad range "${token}"`);
        const [start, end] = parts.map((part) => rowIndex(spec, token, part.trim()));
        if (end !== undefined && start > end)
            throw rowsError(spec, `has a range "${token}" whose start is after its end`);
        return { start: start, end: end ?? start };
    });
}
function rowIndex(spec, token, part) {
    if (part === "")
        throw rowsError(spec, `has a bad range "${token}"`);
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(Number(part))) {
        throw rowsError(spec, `has "${part}", which is not a whole number ≥ 0`);
    }
    return Number(part);
}
function rowsError(spec, problem) {
    return new core_errors/* UserError */.yo(`--rows "${spec}" ${problem}; write zero-based rows and ranges like 0,3-5,9`);
}
function inRowRanges(ranges, index) {
    return ranges.some((range) => index >= range.start && index <= range.end);
}

;// CONCATENATED MODULE: ./src/core/selection/row-hash.ts
/**
 * The seed tool's row hash (a mulberry32 step over seed + zero-based row index), kept bit for bit
 * so the same seed selects the same rows on any machine: a value in [0, 1).
 */
function rowHash(seed, index) {
    let h = (seed + index) | 0;
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

;// CONCATENATED MODULE: ./src/core/selection/shard.ts


/** Enough machines for any matrix GitHub Actions runs (256 jobs per matrix). */
const MAX_SHARDS = 256;
/** `I/N` with 1 ≤ I ≤ N ≤ 256; anything else is a UserError saying what to write. */
function parseShard(text) {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    const index = match ? Number(match[1]) : NaN;
    const count = match ? Number(match[2]) : NaN;
    if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
        throw new core_errors/* UserError */.yo(`--shard: "${text}" is not a shard; write I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, e.g. --shard 2/4`);
    }
    return { index, count };
}
function formatShard(shard) {
    return `${shard.index}/${shard.count}`;
}
/**
 * The 1-based shard an item belongs to. By a hash of its id, never its position: reordering or
 * appending to the dataset file moves no item to another shard on the machines already running.
 */
function shardOfItem(itemId, count) {
    return (Number.parseInt((0,canonical/* sha256Hex */.fg)(itemId).slice(0, 8), 16) % count) + 1;
}
/** The item selector for one shard: every item lands in exactly one of the `count` shards. */
function shardSelector(shard) {
    return (item) => shardOfItem(item.id, shard.count) === shard.index;
}
/**
 * `--shard I/N` beside the sampling flags' selection: a run has one selection, so a shard of a
 * sample is refused (shard the whole dataset, then merge).
 */
function withShardSelection(sampling, shard) {
    if (shard === undefined)
        return sampling;
    if (sampling !== undefined) {
        throw new core_errors/* UserError */.yo(`sampling options are mutually exclusive: --${sampling.mode}, --shard; keep one of them`);
    }
    return { mode: "shard", value: formatShard(parseShard(shard)) };
}

;// CONCATENATED MODULE: ./src/core/selection/item-selector.ts




/**
 * The selector for a recorded selection. `itemCount` is the whole dataset's (a split without a
 * seed is positional). Built from the record alone, so a resumed run keeps exactly its items.
 */
function selectorFor(selection, itemCount) {
    switch (selection.mode) {
        case "sample": {
            const fraction = Number(selection.value) / 100;
            const seed = requireSeed(selection);
            return (_item, index) => rowHash(seed, index) < fraction;
        }
        case "rows": {
            const ranges = parseRowsSpec(selection.value);
            return (_item, index) => inRowRanges(ranges, index);
        }
        case "split": {
            const { part, percent } = parseSplit(selection.value);
            const fraction = percent / 100;
            const inTrain = selection.seed === undefined
                ? (index) => index < Math.round((itemCount * percent) / 100)
                : (index) => rowHash(selection.seed, index) < fraction;
            return (_item, index) => inTrain(index) === (part === "train");
        }
        case "shard":
            return shardSelector(parseShard(selection.value));
    }
}
/**
 * `train:80` or `test:80`: the part to run and the train percentage P. As in the seed tool,
 * `test:P` is the complement of `train:P`, so the two parts of one seed never overlap.
 */
function parseSplit(value) {
    const match = /^(train|test):(\d+)$/.exec(value.trim());
    const share = match ? Number(match[2]) : Number.NaN;
    if (!match || share < 1 || share > 99) {
        throw new core_errors/* UserError */.yo(`--split "${value}": write train:P or test:P with P a whole percentage from 1 to 99`);
    }
    return { part: match[1], percent: share };
}
function requireSeed(selection) {
    if (selection.seed === undefined)
        throw new Error(`a ${selection.mode} selection needs a seed`);
    return selection.seed;
}

;// CONCATENATED MODULE: ./src/engine/select-items.ts



/**
 * A pass over the dataset before the run starts: the run's `item_count` is the number selected,
 * so progress, stop rules and the completion check count the items this run covers.
 */
async function countSelection(prepared, selection) {
    const rows = prepared.dataset.item_count;
    if (selection.mode === "rows") {
        // A row past the end is a mistake (a wrong file or an off-by-one), not a request for fewer rows.
        const last = Math.max(...parseRowsSpec(selection.value).map((range) => range.end));
        if (last >= rows) {
            throw new core_errors/* UserError */.yo(`--rows ${selection.value}: row ${last} is past the end of ${prepared.dataset.path}, whose ${rows} rows are 0–${rows - 1}`);
        }
    }
    let selected = 0;
    for await (const _item of datasetItems(prepared, selection))
        selected++;
    // An empty sample would end as a run of nothing that passes; an empty shard of a small dataset is
    // expected, and merges with the others.
    if (selected === 0 && selection.mode !== "shard") {
        throw new core_errors/* UserError */.yo(`--${selection.mode} ${selection.value} selects none of the ${rows} items of ${prepared.dataset.path}; ` +
            (selection.mode === "rows" ? `choose rows below ${rows}` : "choose a larger share, or another seed"));
    }
    return { ...selection, selected };
}
/** The run's items: the whole dataset, or the part its recorded selection keeps. */
function datasetItems(prepared, selection) {
    const items = prepared.readItems();
    return selection === undefined ? items : selectItems(items, selectionSelector(prepared, selection));
}
function selectionSelector(prepared, selection) {
    return selectorFor(selection, prepared.dataset.item_count);
}
/** `index` is the item's zero-based position in the dataset file. */
async function* selectItems(items, selector) {
    let index = 0;
    for await (const item of items) {
        if (selector(item, index++))
            yield item;
    }
}

;// CONCATENATED MODULE: ./src/engine/pool.ts
/**
 * Runs `worker` over a stream with at most `concurrency` in flight. Lanes pull from one shared
 * iterator (async generators queue concurrent `next()` calls), so the source is read only as
 * fast as items finish: a 100,000-item dataset is never held in memory.
 */
async function runPool(source, concurrency, worker, shouldStop) {
    const iterator = source[Symbol.asyncIterator]();
    let failure;
    const lane = async () => {
        while (!failure && !shouldStop()) {
            const next = await iterator.next();
            if (next.done)
                return;
            try {
                await worker(next.value);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
    await iterator.return?.();
    if (failure)
        throw failure.error;
}

;// CONCATENATED MODULE: ./src/core/selection/parse-sampling-flags.ts




const MAX_SEED = 2 ** 31 - 1;
/**
 * Sampling flags → the selection asked for, or undefined for the whole dataset (`--seed` alone
 * changes nothing). Throws `UserError` naming the flag.
 */
function parseSamplingFlags(flags) {
    const given = ["sample", "rows", "split"].filter((mode) => flags[mode] !== undefined);
    if (given.length > 1) {
        throw new core_errors/* UserError */.yo(`sampling options are mutually exclusive: ${given.map((mode) => `--${mode}`).join(", ")}; keep one of them`);
    }
    const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
    const mode = given[0];
    if (mode === undefined)
        return undefined;
    const value = flags[mode].trim();
    const withSeed = (s) => (s === undefined ? {} : { seed: s });
    switch (mode) {
        case "sample":
            return { mode, value: String(parseSamplePercent(value)), ...withSeed(seed) };
        case "rows":
            parseRowsSpec(value);
            return { mode, value, ...withSeed(seed) };
        case "split": {
            const { part, percent } = parseSplit(value);
            return { mode, value: `${part}:${percent}`, ...withSeed(seed) };
        }
    }
}
function parseSamplePercent(value) {
    const percent = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(percent >= 1 && percent <= 100)) {
        throw new core_errors/* UserError */.yo(`--sample "${value}": write a whole percentage from 1 to 100 (50 keeps about half the rows)`);
    }
    return percent;
}
function parseSeed(value) {
    const seed = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(seed) || Math.abs(seed) > MAX_SEED) {
        throw new core_errors/* UserError */.yo(`--seed "${value}": write a whole number from -${MAX_SEED} to ${MAX_SEED}`);
    }
    return seed;
}
/**
 * `--sample` without a seed is random, yet a resumed run must keep its items: the seed is drawn
 * once, when the run starts, and recorded with it.
 */
function withDrawnSeed(selection, random = Math.random) {
    if (selection.mode !== "sample" || selection.seed !== undefined)
        return selection;
    return { ...selection, seed: Math.floor(random() * MAX_SEED) };
}
/**
 * `--resume` keeps the run's recorded selection; a sampling flag given again must ask for the same
 * one (a sample's seed may be left out, since it was recorded).
 */
function checkResumedSelection(runId, recorded, requested) {
    if (requested === undefined)
        return;
    const same = recorded !== undefined &&
        recorded.mode === requested.mode &&
        recorded.value === requested.value &&
        (requested.seed === undefined || requested.seed === recorded.seed);
    if (same)
        return;
    const kept = recorded === undefined ? "all items" : describeSelection(recorded);
    throw new core_errors/* UserError */.yo(`--resume ${runId}: that run covers ${kept}; resume it without sampling options, or start a new run for another selection`);
}

;// CONCATENATED MODULE: ./src/engine/open-run.ts





/**
 * Starts a new run, or reopens `options.resumeRunId`, and takes its lease: from here on no other
 * process calls the target for it. Saves the experiment version before the run record, so a
 * stored run always has the definition that judges it (a resume, once its checks pass). Throws
 * `UserError` for a resume that cannot be honoured, having stored nothing.
 */
async function openRun(options, now) {
    const { prepared, store } = options;
    if (options.resumeRunId)
        return reopenRun(store, options.resumeRunId, prepared, now, options.selection, options.variant);
    const selection = options.selection ? await countSelection(prepared, withDrawnSeed(options.selection)) : undefined;
    const run = {
        ...newRunOf(prepared, prepared.target.description, now),
        // A selected run covers its selected items; dataset_version stays the whole file's.
        item_count: options.lockedItemIds?.size ?? selection?.selected ?? prepared.dataset.item_count,
        ...(options.label ? { label: options.label } : {}),
        ...(options.role ? { role: options.role } : {}),
        ...(options.pullRequest ? { pull_request: options.pullRequest } : {}),
        ...(options.git?.commit ? { git_commit: options.git.commit } : {}),
        ...(options.git?.branch ? { git_branch: options.git.branch } : {}),
        ...(selection ? { selection } : {}),
        ...(options.variant ? { variant: options.variant } : {}),
        ...(prepared.repeats.repeat > 1 ? { repeat: prepared.repeats.repeat } : {}),
    };
    // Saved once nothing can refuse the run any more, and before its record.
    await saveVersion(store, prepared, now);
    await store.createRun(run);
    return { run, lease: await takeRunLease(store, run.id, now) };
}
/** Keeps the experiment version a new run is made of (once per version: saving it again changes nothing). */
async function saveVersion(store, prepared, now) {
    await store.saveExperimentVersion({
        experiment: prepared.name,
        version: prepared.version,
        definition: prepared.definition,
        created_at: now().toISOString(),
    });
}
/**
 * Keeps the dataset version's items in the store, once per version (a store that has it reads
 * nothing), so any run can be made again over exactly its items after the file changed
 * (`run --dataset-version`). Resolves true when it stored them now.
 */
function keepDatasetVersion(store, prepared, now) {
    const { dataset } = prepared;
    return store.putDatasetVersion({ version: dataset.version, dataset_path: dataset.path, item_count: dataset.item_count, created_at: now().toISOString() }, prepared.readItems());
}
/** A new run of `prepared` over its whole dataset version, `running` from now, calling `target` (a URL, command or "import:<file>"). */
function newRunOf(prepared, target, now) {
    return {
        id: newRunId(now()),
        experiment: prepared.name,
        experiment_version: prepared.version,
        dataset_path: prepared.dataset.path,
        dataset_version: prepared.dataset.version,
        item_count: prepared.dataset.item_count,
        target,
        started_at: now().toISOString(),
        status: "running",
    };
}
/**
 * A resumed run must be the same experiment version over the same dataset version, or its result
 * would mix two; and no other live process may be running it. An ended run is running again.
 */
async function reopenRun(store, runId, prepared, now, selection, variant) {
    const run = await store.getRun(runId);
    if (!run)
        throw new core_errors/* UserError */.yo(`--resume: no run "${runId}" in this store (see \`evalgate runs list\`)`);
    const mismatch = (what, stored, now) => new core_errors/* UserError */.yo(`--resume ${run.id}: the ${what} changed since the run started (${stored} → ${now}); start a new run instead`);
    if (run.experiment !== prepared.name) {
        throw new core_errors/* UserError */.yo(`--resume ${run.id}: that run is of experiment "${run.experiment}", not "${prepared.name}"`);
    }
    // Checked before the version (which includes repeat) to say what to type instead.
    const repeat = run.repeat ?? 1;
    if (repeat !== prepared.repeats.repeat) {
        throw new core_errors/* UserError */.yo(`--resume ${run.id}: that run calls each item ${repeat} time${repeat === 1 ? "" : "s"}, not ${prepared.repeats.repeat}; ` +
            `resume it with --repeat ${repeat}, or start a new run`);
    }
    if (run.experiment_version !== prepared.version)
        throw mismatch("experiment version", run.experiment_version, prepared.version);
    if (run.dataset_version !== prepared.dataset.version)
        throw mismatch("dataset version", run.dataset_version, prepared.dataset.version);
    checkResumedSelection(run.id, run.selection, selection);
    // The rest of a variant's run must get the same overrides as its start.
    if (run.variant !== variant) {
        const as = (name) => (name === undefined ? "the baseline (no --variant)" : `variant ${name}`);
        throw new core_errors/* UserError */.yo(`--resume ${run.id}: that run is of ${as(run.variant)}, not ${as(variant)}; resume it with ${run.variant === undefined ? "no --variant" : `--variant ${run.variant}`}`);
    }
    // Only now: a refused resume must not leave behind a version that no run was made of.
    await saveVersion(store, prepared, now);
    const lease = await takeRunLease(store, run.id, now);
    try {
        // Read again under the lease: the previous holder may have ended the run meanwhile.
        const current = (await store.getRun(run.id)) ?? run;
        if (current.status === "running")
            return { run: current, lease };
        await store.reopenRun(run.id);
        return { run: runningAgain(current), lease };
    }
    catch (error) {
        await lease.release();
        throw error;
    }
}
function runningAgain(run) {
    const { ended_at: _endedAt, summary: _summary, verdict: _verdict, verdict_reasons: _reasons, ...open } = run;
    return { ...open, status: "running" };
}

;// CONCATENATED MODULE: ./src/engine/stop-rules.ts
/** When the first calls of a run all fail for good, the target is down: stop, don't time out 10,000 times. */
const BREAKER_WINDOW = 20;
/**
 * Counts finished items and says when a run must stop early: its first calls all failed, or more
 * items errored than `max_error_rate` allows. Items not yet called are left for `--resume`.
 */
class StopRules {
    limits;
    progress;
    /** Why the run stops, once it must. */
    reason;
    errorBudget;
    constructor(toRun, limits) {
        this.limits = limits;
        this.progress = { done: 0, total: toRun, passed: 0, failed: 0, errored: 0 };
        this.errorBudget = Math.floor(limits.maxErrorRate * limits.itemCount);
    }
    record(status, error) {
        const progress = this.progress;
        progress.done += 1;
        if (status === "passed")
            progress.passed += 1;
        else if (status === "failed")
            progress.failed += 1;
        else
            progress.errored += 1;
        const last = `(last: ${error ?? "unknown error"})`;
        if (progress.done === Math.min(BREAKER_WINDOW, progress.total) && progress.errored === progress.done) {
            this.reason ??= `the first ${progress.done} calls all failed ${last}`;
        }
        if (progress.errored > this.errorBudget) {
            this.reason ??= `${progress.errored} of ${this.limits.itemCount} items errored, above max_error_rate ${this.limits.maxErrorRate} ${last}`;
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/write-behind.ts
/**
 * Items handed to the store in one go, and the longest an item waits for others to join it: the
 * store commits what it is handed in one turn as one batch, and the embedded store's writer thread
 * gets each batch as one message. Handed over one by one, a 10,000-item run at 20 ms latency sent
 * ~2,000 messages, 76–123 ms of the run's thread in postMessage (issue 13).
 */
const BURST = 64;
const BURST_WAIT_MS = 5;
/**
 * A lane hands its finished item to the store and calls the next one at once: waiting for each
 * commit would add the store's latency to every call and keep a run from N·L/C. At most `window`
 * items are unconfirmed at any time, waiting for a burst or handed over (memory stays bounded; a
 * killed run re-runs at most those); the store gets them in put order; a failed write stops the
 * run at the next item.
 */
class WriteBehind {
    store;
    window;
    inFlight = new Set();
    waiting = [];
    timer;
    failure;
    constructor(store, window = 512) {
        this.store = store;
        this.window = window;
    }
    async put(item) {
        if (this.failure)
            throw this.failure.error;
        while (this.inFlight.size + this.waiting.length >= this.window) {
            if (this.waiting.length > 0)
                this.handOver();
            else
                await Promise.race(this.inFlight);
        }
        this.waiting.push(item);
        if (this.waiting.length >= BURST || this.inFlight.size + this.waiting.length >= this.window)
            this.handOver();
        else
            this.timer ??= setTimeout(() => this.handOver(), BURST_WAIT_MS);
    }
    /** Every item handed over is committed (or the first failure is thrown). */
    async settled() {
        this.handOver();
        await Promise.all(this.inFlight);
        if (this.failure)
            throw this.failure.error;
    }
    handOver() {
        clearTimeout(this.timer);
        this.timer = undefined;
        const items = this.waiting;
        this.waiting = [];
        for (const item of items) {
            const write = this.store.putRunItem(item).then(() => void this.inFlight.delete(write), (error) => {
                this.inFlight.delete(write);
                this.failure ??= { error };
            });
            this.inFlight.add(write);
        }
    }
}

;// CONCATENATED MODULE: ./src/core/repeats/repeat-rule.ts

/**
 * Whether `passed` of `count` attempts satisfy the experiment's `pass_rule` across repeats
 * (core/config/scorer-ref-schema.ts): `all` and `weighted` need every attempt (pass^K, since
 * `weighted` already decided within each attempt), `majority` more than half, `any` one, and
 * `{ rate }` passed / count ≥ rate (within the float tolerance of thresholds, so 4 of 5 reaches
 * 0.8). No attempts never pass: nothing was judged.
 */
function passesOverRepeats(rule, passed, count) {
    if (count === 0)
        return false;
    if (rule === "all" || rule === "weighted")
        return passed === count;
    if (rule === "majority")
        return 2 * passed > count;
    if (rule === "any")
        return passed >= 1;
    return reaches(passed / count, rule.rate);
}
/** The rule as a user writes it: `all`, `majority`, `rate >= 0.8`. */
function describePassRule(rule) {
    return typeof rule === "string" ? rule : `rate >= ${rule.rate}`;
}

;// CONCATENATED MODULE: ./src/core/repeats/sum-usage.ts
const COUNTED = ["input_tokens", "output_tokens", "cached_input_tokens", "cache_creation_input_tokens"];
/**
 * The tokens of several calls together; undefined when none reported any. A count is present
 * when any call reported it. `total_tokens`, when any call reported it, adds input + output for
 * the calls that did not, as the run summary does, so a total never undercounts.
 */
function sumUsage(usages) {
    const reported = usages.filter((usage) => usage !== undefined);
    if (reported.length === 0)
        return undefined;
    const sum = {};
    for (const key of COUNTED) {
        if (reported.some((usage) => usage[key] !== undefined))
            sum[key] = reported.reduce((total, usage) => total + (usage[key] ?? 0), 0);
    }
    if (reported.some((usage) => usage.total_tokens !== undefined)) {
        sum.total_tokens = reported.reduce((total, usage) => total + (usage.total_tokens ?? (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0)), 0);
    }
    return sum;
}

;// CONCATENATED MODULE: ./src/core/repeats/aggregate-repeat-scores.ts



/**
 * One score per scorer over an item's attempts, in order of first appearance: `score` the mean
 * over the attempts that scored it (a scorer limited by `when`, or an attempt whose call failed,
 * scores fewer than K), `passed` the pass rule over those attempts' flags, `error` the first
 * attempt's error when one threw, and what the scorer spent summed. The id is the one an item
 * without repeats would have, so `scores evidence` finds the aggregate by the usual id.
 */
function aggregateRepeatScores(ids, attempts, rule) {
    const byScorer = new Map();
    for (const attempt of attempts) {
        for (const score of attempt.scores) {
            const scores = byScorer.get(score.scorer);
            if (scores === undefined)
                byScorer.set(score.scorer, [score]);
            else
                scores.push(score);
        }
    }
    return [...byScorer].map(([scorer, scores]) => aggregate(scoreId(ids.runId, ids.itemId, scorer), scorer, scores, rule));
}
function aggregate(id, scorer, scores, rule) {
    const passed = scores.filter((score) => score.passed).length;
    const mean = scores.reduce((sum, score) => sum + score.score, 0) / scores.length;
    const errors = scores.filter((score) => score.error !== undefined);
    const firstError = errors[0]?.error;
    let reason = `passed ${passed} of ${scores.length} repeats (mean score ${mean.toFixed(2)})`;
    if (firstError !== undefined)
        reason += `; errored in ${errors.length}: ${firstError}`;
    const usage = sumUsage(scores.map((score) => score.usage));
    const costs = scores.flatMap((score) => (score.cost === undefined ? [] : [score.cost]));
    return {
        id,
        scorer,
        // Clamped: a mean of values in [0, 1] can land a rounding step outside it.
        score: Math.min(1, Math.max(0, mean)),
        passed: passesOverRepeats(rule, passed, scores.length),
        evidence: { reason },
        ...(firstError !== undefined ? { error: firstError } : {}),
        ...(usage !== undefined ? { usage } : {}),
        ...(costs.length > 0 ? { cost: costs.reduce((sum, cost) => sum + cost, 0) } : {}),
    };
}

;// CONCATENATED MODULE: ./src/core/repeats/decide-repeats.ts




/** The error of an item whose run has not finished all its repeats (yet). */
function partialRepeatsError(done, repeat) {
    return `${done} of ${repeat} repeats done`;
}
/**
 * The one place an item's status over its attempts is decided; builds the run item that sums
 * them up, with `repeats` the attempts in repeat order.
 *
 * - Fewer than K attempts: the item is `error` ("2 of 5 repeats done") with no scores, so every
 *   reader (summary, comparison, gate) treats it as not evaluated; `--resume` runs the rest.
 * - Any attempt `error` (its call failed after its retries, or nothing could judge it): the item
 *   is `error` with the first attempt's error. An error is not a failure and counts against
 *   `max_error_rate`, as without repeats.
 * - Otherwise `passed` when the passed attempts satisfy the pass rule (core/repeats/repeat-rule.ts),
 *   else `failed`.
 *
 * Scores: one per scorer (core/repeats/aggregate-repeat-scores.ts). `output` and `tool_calls` are
 * the first attempt's whose status is the item's (what a reader looks at to see why), `latency_ms`
 * the mean over the attempts whose call answered (all attempts when none did), `attempts` every
 * call made, `usage` and `cost` summed, `finished_at` the last attempt's.
 * Throws RangeError for no attempts, or a repeat index twice or outside 0..K−1.
 */
function decideRepeats(runId, item, attempts, plan) {
    const ordered = checkedAttempts(attempts, plan.repeat);
    const complete = ordered.length === plan.repeat;
    const firstError = ordered.find((attempt) => attempt.status === "error");
    const status = !complete || firstError !== undefined ? "error" : decidedStatus(ordered, plan.rule);
    const error = !complete
        ? partialRepeatsError(ordered.length, plan.repeat)
        : firstError === undefined
            ? undefined
            : (firstError.error ?? `repeat ${firstError.repeat} errored`);
    const shown = ordered.find((attempt) => attempt.status === status) ?? ordered[0];
    const answered = ordered.filter((attempt) => attempt.status !== "error");
    const usage = sumUsage(ordered.map((attempt) => attempt.usage));
    const costs = ordered.flatMap((attempt) => (attempt.cost === undefined ? [] : [attempt.cost]));
    return {
        id: runItemId(runId, item.id),
        run_id: runId,
        item_id: item.id,
        status,
        input: item.input,
        ...(item.expected !== undefined ? { expected: item.expected } : {}),
        ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
        ...(shown.output !== undefined ? { output: shown.output } : {}),
        latency_ms: mean((answered.length > 0 ? answered : ordered).map((attempt) => attempt.latency_ms)),
        attempts: ordered.reduce((sum, attempt) => sum + attempt.attempts, 0),
        ...(shown.tool_calls ? { tool_calls: shown.tool_calls } : {}),
        ...(usage !== undefined ? { usage } : {}),
        ...(costs.length > 0 ? { cost: costs.reduce((sum, cost) => sum + cost, 0) } : {}),
        ...(error !== undefined ? { error } : {}),
        scores: complete ? aggregateRepeatScores({ runId, itemId: item.id }, ordered, plan.rule) : [],
        finished_at: ordered.map((attempt) => attempt.finished_at).reduce((last, at) => (at > last ? at : last)),
        repeats: ordered,
    };
}
function decidedStatus(attempts, rule) {
    const passed = attempts.filter((attempt) => attempt.status === "passed").length;
    return passesOverRepeats(rule, passed, attempts.length) ? "passed" : "failed";
}
function checkedAttempts(attempts, repeat) {
    if (attempts.length === 0)
        throw new RangeError("an item's repeats are decided from at least one attempt");
    const ordered = [...attempts].sort((a, b) => a.repeat - b.repeat);
    ordered.forEach((attempt, index) => {
        if (attempt.repeat >= repeat)
            throw new RangeError(`repeat index ${attempt.repeat} is outside 0..${repeat - 1}`);
        if (index > 0 && ordered[index - 1].repeat === attempt.repeat)
            throw new RangeError(`repeat index ${attempt.repeat} is given twice`);
    });
    return ordered;
}
function mean(values) {
    return values.reduce((sum, value) => sum + value, 0) / values.length;
}

;// CONCATENATED MODULE: ./src/engine/repeated-items.ts


/**
 * Runs an experiment with `repeat: K`: the pool is fed (item, repeat index) pairs, so the K
 * attempts of one item run at once on K lanes and the dataset is still read as fast as attempts
 * finish. After each attempt the item is stored with its attempts so far (a partial item is an
 * `error`, core/repeats/decide-repeats.ts), so a killed run loses only the attempts in flight.
 */
class RepeatedItems {
    options;
    constructor(options) {
        this.options = options;
    }
    /** The attempts still to make, item by item: on `--resume`, the repeat indexes missing or errored. */
    async *tasks(items) {
        const { repeat } = this.options.plan;
        for await (const item of items) {
            const kept = (await this.options.keptAttempts(item)).filter((attempt) => attempt.status !== "error" && attempt.repeat < repeat);
            // written 0: the stored item still holds the errored attempts, so the next write is due.
            const entry = { item, attempts: kept, written: 0, handOver: Promise.resolve() };
            const have = new Set(kept.map((attempt) => attempt.repeat));
            const missing = Array.from({ length: repeat }, (_, index) => index).filter((index) => !have.has(index));
            if (missing.length === 0)
                yield { entry, repeat: undefined };
            for (const index of missing)
                yield { entry, repeat: index };
        }
    }
    async run(task, call) {
        const { entry, repeat } = task;
        const { runId, plan } = this.options;
        if (repeat !== undefined) {
            const called = await call(entry.item);
            // Stopped mid-call: the attempt is not stored and runs again on --resume.
            if (called === undefined)
                return;
            entry.attempts.push(toRepeatAttempt({ runId, itemId: entry.item.id, repeat }, called.result, called.scored, this.options.now()));
        }
        // Decided in the same turn as the push: exactly one task sees the item complete.
        const done = entry.attempts.length === plan.repeat ? decideRepeats(runId, entry.item, entry.attempts, plan) : undefined;
        await this.store(entry);
        if (done !== undefined)
            this.options.onItemDone(done);
    }
    /**
     * Stores the item with every attempt finished so far. The store replaces an item by (run_id,
     * item_id), so two writes of one item must reach it in order: each waits until the one before
     * was handed over (WriteBehind calls the store in put order; the stores commit in call order),
     * and is built only then, from the attempts known at that moment. A write that finds nothing
     * new since the last is skipped.
     */
    store(entry) {
        const { runId, plan, writes } = this.options;
        entry.handOver = entry.handOver.then(() => {
            const count = entry.attempts.length;
            if (count <= entry.written)
                return;
            entry.written = count;
            return writes.put(decideRepeats(runId, entry.item, entry.attempts, plan));
        });
        return entry.handOver;
    }
}

;// CONCATENATED MODULE: ./src/engine/run-experiment.ts
















/**
 * load → run → score → store, with at most `concurrency` calls in flight; then the gate. The run's
 * lease is held throughout, so no other process calls the target for it meanwhile.
 */
async function runExperiment(options) {
    const now = options.now ?? (() => new Date());
    const { run, lease } = await openRun(options, now);
    // Written while the first calls are in flight, and waited for before the run ends: an ended
    // run's items can always be read again. A store that has the version does nothing.
    const datasetKept = keepDatasetVersion(options.store, options.prepared, now);
    datasetKept.catch(() => undefined);
    try {
        return await runHeld(options, run, lease, now, datasetKept);
    }
    catch (error) {
        throw error instanceof core_errors/* UnavailableError */.hG ? interruptedBy(run, error) : error;
    }
    finally {
        // A lease left behind goes stale once this process exits: nothing to do when this fails.
        await lease.release().catch(() => undefined);
    }
}
/** A store lost mid-run, said with the run it interrupted and the command that continues it. */
function interruptedBy(run, error) {
    return new core_errors/* UnavailableError */.hG(`run ${run.id} was interrupted: ${error.message}. Every item reported as stored is kept; ` +
        `once the store is back, continue it with: ${resumeCommand(run)}`, { cause: error });
}
async function runHeld(options, run, lease, now, datasetKept) {
    const { prepared, store } = options;
    // Stopped from here (the heartbeat saw a cancel, or lost the lease) or by the caller (Ctrl-C).
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    let takenOver;
    lease.startHeartbeat({
        onCancelled: () => stop.abort(),
        onLost: (by) => {
            takenOver = { by };
            stop.abort();
        },
    });
    // Summed as items finish, so the end of a run reads nothing back; a resumed run first adds what
    // it keeps from before (errored items run again), so it ends with an uninterrupted run's summary.
    const accumulator = createRunSummaryAccumulator({ cluster: prepared.experiment.cluster });
    const previous = new Map();
    if (options.resumeRunId) {
        for await (const item of store.runItems(run.id)) {
            previous.set(item.item_id, item.status);
            if (item.status !== "error")
                accumulator.add(item);
        }
    }
    const toRun = run.item_count - [...previous.values()].filter((s) => s !== "error").length;
    const rules = new StopRules(toRun, {
        itemCount: run.item_count,
        maxErrorRate: prepared.experiment.max_error_rate,
    });
    const writes = new WriteBehind(store);
    const pending = pendingItems(datasetItems(prepared, run.selection), options.lockedItemIds, previous);
    const shouldStop = () => signal.aborted || rules.reason !== undefined;
    // The same for every call of the run: built once, not once per item.
    const callContext = {
        runId: run.id,
        experiment: prepared.name,
        signal,
        ...(options.variant ? { variant: options.variant } : {}),
        ...(options.overrides ? { overrides: options.overrides } : {}),
    };
    const scoreContext = { runId: run.id, signal };
    const callItem = async (item) => {
        let result;
        try {
            // Every target checks its own answer; this is the net for one that forgets. Costs from the
            // price table are added here, once for every kind of target.
            result = applyPrices(requireAnswer(await prepared.target.call(item, callContext)), prepared.prices);
        }
        catch (error) {
            if (signal.aborted)
                return undefined; // cancelled mid-call: the item is simply not stored
            throw error;
        }
        const scorers = prepared.itemScorers.scorersFor(item);
        const scored = await scoreItem(scorers, item, result, scoreContext, prepared.passRule);
        // Cancelled mid-score: an aborted judge call is no verdict, so the item is not stored and runs
        // again on --resume (where a judge that had answered is read from its cache).
        if (signal.aborted)
            return undefined;
        return { result, scored };
    };
    // An item counts once it is stored complete: with repeats, when its K-th attempt is.
    const itemDone = (runItem) => {
        accumulator.add(runItem);
        rules.record(runItem.status, runItem.error);
        options.onProgress?.(rules.progress);
    };
    const runOne = async (item) => {
        const called = await callItem(item);
        if (called === undefined)
            return;
        const runItem = toRunItem(run.id, item, called.result, called.scored, now());
        await writes.put(runItem);
        itemDone(runItem);
    };
    try {
        if (prepared.repeats.repeat === 1) {
            await runPool(pending, prepared.concurrency, runOne, shouldStop);
        }
        else {
            const repeated = new RepeatedItems({
                runId: run.id,
                plan: prepared.repeats,
                writes,
                now,
                onItemDone: itemDone,
                // Only an item stored as an error (partial, or an attempt errored) has attempts to keep:
                // read one at a time, so a resumed run holds no more than its items in flight.
                keptAttempts: async (item) => previous.get(item.id) === "error" ? ((await store.getRunItem(runItemId(run.id, item.id)))?.repeats ?? []) : [],
            });
            await runPool(repeated.tasks(pending), prepared.concurrency, (task) => repeated.run(task, callItem), shouldStop);
        }
    }
    finally {
        lease.stopHeartbeat();
        await prepared.target.close?.();
        await Promise.all(prepared.scorers.map((scorer) => scorer.fn.close?.()));
        await prepared.itemScorers.close();
        await writes.settled();
    }
    await datasetKept;
    if (takenOver)
        return takenOverOutcome(options, run, accumulator.summary(), takenOver.by);
    // A cancel recorded after the last heartbeat still wins: its user was told the run is cancelled.
    const cancelled = signal.aborted || (await lease.cancelledElsewhere());
    const stopReason = cancelled ? "cancelled" : rules.reason;
    return finishRun(options, run, accumulator.summary(), now, stopReason);
}
/** Another process judged this one gone and continues the run: leave its ending to that process. */
function takenOverOutcome(options, run, summary, by) {
    const { prepared } = options;
    const verdict = (0,core_gate/* decideVerdict */.AU)({
        gate: prepared.experiment.gate,
        maxErrorRate: prepared.experiment.max_error_rate,
        status: "running",
        itemCount: run.item_count,
        summary,
        ...(options.thresholdOverride !== undefined ? { thresholdOverride: options.thresholdOverride } : {}),
    });
    const who = by === undefined ? "another process" : `pid ${by.pid} on ${by.host}`;
    const incomplete = `run ${run.id} was taken over by ${who}: this process missed its heartbeats for over ` +
        `${LEASE_TTL_MS / 1000} s (paused or asleep), so the run continues there`;
    return { run: { ...run, summary }, verdict, incomplete };
}
/**
 * The items this process calls: with `--locked`, only the locked ones; on `--resume`, only those
 * missing or errored. A plain run reads the dataset directly: a generator layer costs every item a
 * few promise turns (two layers measured 5–8 ms per 10,000 items).
 */
function pendingItems(items, locked, previous) {
    if (locked === undefined && previous.size === 0)
        return items;
    return keptItems(items, locked, previous);
}
async function* keptItems(items, locked, previous) {
    for await (const item of items) {
        if (locked !== undefined && !locked.has(item.id))
            continue;
        const status = previous.get(item.id);
        if (status === undefined || status === "error")
            yield item;
    }
}
async function finishRun(options, run, summary, now, stopReason) {
    const { prepared, store } = options;
    const { max_error_rate: maxErrorRate } = prepared.experiment;
    // A stop rule that fired, or errors above max_error_rate in the final counts, make the run errored.
    const errored = stopReason !== undefined || (0,core_gate/* exceedsErrorBudget */.XL)(summary, maxErrorRate);
    const completion = stopReason === "cancelled" ? "cancelled" : errored ? "errored" : "ended";
    const subject = { gate: prepared.experiment.gate, maxErrorRate, status: completion, itemCount: run.item_count, summary };
    // The stored status and verdict are the experiment's gate's: a one-off --threshold decides this
    // command's verdict and exit code, never what every later command reads from the store.
    const gateVerdict = (0,core_gate/* decideVerdict */.AU)(subject);
    const verdict = options.thresholdOverride === undefined
        ? gateVerdict
        : (0,core_gate/* decideVerdict */.AU)({ ...subject, thresholdOverride: options.thresholdOverride });
    const status = completion === "ended" ? (gateVerdict.verdict === "pass" ? "passed" : "failed") : completion;
    const ended = {
        status,
        ended_at: now().toISOString(),
        summary,
        verdict: gateVerdict.verdict,
        verdict_reasons: gateVerdict.reasons,
    };
    await store.endRun(run.id, ended);
    // The stop message is the verdict's first reason: its counts come from the final summary, never
    // from the moment a stop rule fired while other calls were still in flight.
    const incomplete = status === "errored" ? withLastError(verdict.reasons[0], stopReason) : undefined;
    return { run: { ...run, ...ended }, verdict, ...(incomplete ? { incomplete } : {}) };
}
/** The stop rule's "(last: …)" names the error that tripped it: worth keeping beside the counts. */
function withLastError(reason, stopReason) {
    const last = stopReason?.match(/\(last: .*\)$/)?.[0];
    return last ? `${reason} ${last}` : reason;
}

;// CONCATENATED MODULE: ./src/engine/progress-line.ts
/** A log (not a terminal) gets a progress line this often: in a CI log one every few seconds is plenty. */
const LOG_PROGRESS_INTERVAL_MS = 5000;
/** "40/120 items · 38 passed, 1 failed, 1 errors · 12/s": a run's progress, as the CLI and the Action show it. */
function formatProgressLine(progress, elapsedMs) {
    const seconds = elapsedMs / 1000;
    const rate = seconds > 0 ? progress.done / seconds : 0;
    const counts = `${progress.passed} passed, ${progress.failed} failed, ${progress.errored} errors`;
    return `${progress.done}/${progress.total} items · ${counts} · ${rate.toFixed(0)}/s`;
}

;// CONCATENATED MODULE: ./src/cli/progress.ts

/** Redraw often enough to look alive on a terminal. */
const TTY_INTERVAL_MS = 100;
const BAR_WIDTH = 24;
function createProgressReporter(stream, label, clock = Date.now) {
    const started = clock();
    let last = 0;
    let latest;
    const interactive = Boolean(stream.isTTY);
    const interval = interactive ? TTY_INTERVAL_MS : LOG_PROGRESS_INTERVAL_MS;
    const describe = (p) => formatProgressLine(p, clock() - started);
    const draw = (p) => {
        if (interactive) {
            const filled = p.total > 0 ? Math.round((p.done / p.total) * BAR_WIDTH) : BAR_WIDTH;
            const bar = "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
            stream.write(`\r\x1b[2K${label} ${bar} ${describe(p)}`);
        }
        else {
            stream.write(`${label}: ${describe(p)}\n`);
        }
    };
    return {
        update(progress) {
            latest = progress;
            const now = clock();
            if (now - last >= interval) {
                last = now;
                draw(progress);
            }
        },
        done() {
            if (latest)
                draw(latest);
            if (interactive && latest)
                stream.write("\n");
        },
    };
}

;// CONCATENATED MODULE: ./src/core/resolve-variant.ts


/** `--variant NAME` of experiment `experimentName`: its effective overrides, or a UserError naming the known variants. */
function resolveVariant(experimentName, experiment, name) {
    const variants = experiment.variants ?? {};
    if (variants[name] === undefined) {
        const known = Object.keys(variants);
        throw new core_errors/* UserError */.yo(`--variant ${name}: experiment "${experimentName}" has no such variant; ` +
            (known.length > 0 ? `its variants are: ${known.join(", ")}` : "it declares no variants (add variants: to it in evalgate.yml)"));
    }
    return { variant: name, overrides: effectiveOverrides(variants, name) };
}

;// CONCATENATED MODULE: ./src/engine/track-experiment-lifecycle.ts


const NOT_TRACKED = { end: async () => undefined };
/** How many of an experiment's newest runs are read to find its baseline when no state is stored. */
const track_experiment_lifecycle_RUNS_READ = 200;
/** How many missing item ids a refusal names. */
const MISSING_SHOWN = 5;
/**
 * Moves an experiment with variants to `running_baseline` or `running_variant`, after checking
 * the lock: once a baseline completed, every run must be over the baseline's items, so a dataset
 * file that changed since is refused, or with `locked` run over the baseline's item ids only.
 * Experiments without variants have no lifecycle.
 */
async function beginLifecycleRun(store, prepared, variant, options = {}) {
    const now = options.now ?? (() => new Date());
    if (prepared.experiment.variants === undefined) {
        if (options.locked)
            throw new core_errors/* UserError */.yo(`--locked: experiment "${prepared.name}" has no variants, so nothing locks its items`);
        return NOT_TRACKED;
    }
    const experiment = prepared.name;
    const stored = (await store.getExperimentState(experiment)) ?? (await stateFromRuns(store, experiment));
    const lockedBy = stored?.baseline_run_id;
    // A running status left behind by a killed process must not refuse every later run.
    const status = (0,experiment_lifecycle/* recoverInterruptedStatus */.Vg)(stored?.status ?? "draft", lockedBy !== undefined);
    const running = (0,experiment_lifecycle/* nextExperimentStatus */.z5)(experiment, status, variant === undefined ? "start_baseline" : "start_variant");
    if (options.locked && lockedBy === undefined) {
        throw new core_errors/* UserError */.yo(`--locked: experiment "${experiment}" has no completed baseline yet, so no items are locked; run it without --locked`);
    }
    const lockedItemIds = lockedBy === undefined ? undefined : await lockedItems(store, prepared, lockedBy, options.locked === true);
    const save = (next, baselineRunId) => store.setExperimentState({
        experiment,
        status: next,
        ...(baselineRunId !== undefined ? { baseline_run_id: baselineRunId } : {}),
        updated_at: now().toISOString(),
    });
    await save(running, lockedBy);
    return {
        ...(lockedItemIds !== undefined ? { lockedItemIds } : {}),
        async end(run) {
            // No run started (a refused --resume, a store error): the experiment is where it was.
            if (run === undefined)
                return save(status, lockedBy);
            if (running === "running_variant")
                return save((0,experiment_lifecycle/* nextExperimentStatus */.z5)(experiment, running, "variant_ended"), lockedBy);
            // A baseline over part of the dataset (a sample, rows, one shard) locks nothing: the
            // experiment stays where it was, and a full or merged baseline completes it later.
            if (run.selection !== undefined)
                return save(status, lockedBy);
            // A baseline whose items all ran completes, whatever its gate said; an errored or cancelled one failed.
            const completed = run.status === "passed" || run.status === "failed";
            if (completed)
                return save((0,experiment_lifecycle/* nextExperimentStatus */.z5)(experiment, running, "baseline_passed"), run.id);
            return save((0,experiment_lifecycle/* nextExperimentStatus */.z5)(experiment, running, "baseline_failed"), lockedBy);
        },
    };
}
/**
 * No state stored (runs made before variants were declared, or a results branch, whose staging
 * store starts empty on each runner): the newest completed baseline run, when there is one, has
 * completed the baseline and locks the items.
 */
async function stateFromRuns(store, experiment) {
    const runs = await store.listRuns({ experiment, limit: track_experiment_lifecycle_RUNS_READ });
    const baseline = runs.find((run) => run.variant === undefined && run.selection === undefined && (run.status === "passed" || run.status === "failed"));
    if (baseline === undefined)
        return undefined;
    return { experiment, status: "baseline_complete", baseline_run_id: baseline.id, updated_at: baseline.ended_at ?? baseline.started_at };
}
/**
 * The dataset version is a content hash of the items: the same version, the same locked items
 * (undefined: nothing to filter). A changed file is refused, or with `locked` gives the
 * baseline's item ids, each of which must still be in the file.
 */
async function lockedItems(store, prepared, baselineRunId, locked) {
    const baseline = await store.getRun(baselineRunId);
    if (baseline === undefined || baseline.dataset_version === prepared.dataset.version)
        return undefined;
    const lockedBy = `its items are locked by baseline run ${baseline.id} (dataset version ${baseline.dataset_version}, ${baseline.item_count} items)`;
    if (!locked) {
        throw new core_errors/* UserError */.yo(`experiment "${prepared.name}": ${lockedBy}, and ${prepared.dataset.path} changed since ` +
            `(dataset version ${prepared.dataset.version}); restore the file, or run over the locked items with --locked`);
    }
    const ids = new Set((await store.runItemStatuses(baseline.id)).keys());
    const missing = new Set(ids);
    for await (const item of prepared.readItems())
        missing.delete(item.id);
    if (missing.size > 0) {
        const shown = [...missing].slice(0, MISSING_SHOWN).join(", ");
        throw new core_errors/* UserError */.yo(`--locked: experiment "${prepared.name}": ${lockedBy}, and ${missing.size} of them are no longer in ` +
            `${prepared.dataset.path} (${shown}${missing.size > MISSING_SHOWN ? ", …" : ""}); restore them to run the locked items`);
    }
    return ids;
}

;// CONCATENATED MODULE: ./src/cli/commands/run.ts




















function registerRunCommand(program, io, setExit) {
    program
        .command("run")
        .description("run an experiment: call the target on every item, score, store, gate")
        .argument("<experiment>", "experiment name from the config file")
        .option("--target-url <url>", "base URL of the deployment (fills ${EVALGATE_TARGET_URL})")
        .option("--name <label>", "a label for this run (e.g. baseline, candidate, pr-42)")
        .option("--format <format>", "output: table, csv, json or jsonl", "table")
        .option("--threshold <percent>", "minimum pass rate in percent, overriding the gate's passed_threshold")
        .option("--concurrency <n>", "calls in flight at once, overriding the experiment's concurrency")
        .option("--resume <run-id>", "continue a killed or cancelled run: only missing or errored items run")
        .option("--no-cache", "ask LLM judges and embeddings again instead of reusing cached replies")
        .option("--sample <percent>", "run about this percentage (1-100) of the dataset's rows")
        .option("--rows <spec>", "run these zero-based rows only, e.g. 0,3-5,9")
        .option("--split <part:percent>", "run train:P (the first P% of rows, or hashed with --seed) or test:P (the rest)")
        .option("--seed <n>", "make --sample and --split reproducible: the same seed keeps the same rows")
        .option("--shard <i/n>", "run shard I of N (by a hash of each item id); join the N runs with evalgate runs merge")
        .option("--variant <name>", "run a variant of the experiment: its overrides go to the target (default: the baseline)")
        .option("--locked", "run over the items the experiment's baseline locked, though the dataset file changed since")
        .option("--repeat <k>", `call each item K times (1-${MAX_REPEAT}), overriding the experiment's repeat; pass_rule decides over the K`)
        .option("--experiment-version <v>", "re-run a stored experiment version (target, scorers, gate, settings) instead of evalgate.yml's")
        .option("--dataset-version <v>", "run over a stored dataset version's items instead of the dataset file")
        .action(async (name, flags, command) => {
        setExit(await runExperimentCommand(name, flags, command, io));
    });
}
/** `evalgate run`: also what `runs regression-dataset --start-run` calls. Returns the exit code. */
async function runExperimentCommand(name, flags, command, io) {
    const format = parseFormat(flags.format);
    const threshold = flags.threshold === undefined ? undefined : parsePercent("--threshold", flags.threshold);
    const concurrency = flags.concurrency === undefined ? undefined : parsePositiveInt("--concurrency", flags.concurrency, MAX_CONCURRENCY);
    // A run repeated otherwise is another experiment version: prepareExperiment applies it first.
    const repeat = flags.repeat === undefined ? undefined : parsePositiveInt("--repeat", flags.repeat, MAX_REPEAT);
    const selection = withShardSelection(parseSamplingFlags(flags), flags.shard);
    const { config, allowOutsideProject, store } = globalOptions(command);
    const loaded = await loadConfigFile(config, { allowOutsideProject });
    // Two `git` processes: started now, they overlap the dataset pass instead of delaying the first
    // request (10–25 ms in a 10,000-item run's profile). It never rejects.
    const git = readGitInfo(loaded.dir);
    const experiment = findExperiment(loaded, name);
    if (flags.targetUrl !== undefined && !JSON.stringify(experiment.target).includes("EVALGATE_TARGET_URL")) {
        // Said, not refused: `runs regression-dataset --start-run` passes the source run's URL to any experiment.
        io.stderr.write(`evalgate: warning: --target-url fills \${EVALGATE_TARGET_URL}, which experiments.${name}.target does not use, ` +
            `so ${flags.targetUrl} is not called; write url: \${EVALGATE_TARGET_URL}/… in evalgate.yml to test that deployment\n`);
    }
    // Checked now, before anything is read or stored; a pinned experiment version's own variants decide below.
    if (flags.variant !== undefined && flags.experimentVersion === undefined)
        resolveVariant(name, experiment, flags.variant);
    if (flags.locked && selection)
        throw new core_errors/* UserError */.yo("--locked runs every locked item: leave out --sample, --rows, --split and --shard");
    if (repeat !== undefined && flags.experimentVersion !== undefined) {
        throw new core_errors/* UserError */.yo("--repeat makes another experiment version: leave it out with --experiment-version (the version's own repeat applies)");
    }
    const prepare = (pins) => prepareExperiment({
        name,
        experiment: pins?.experiment ?? experiment,
        configDir: loaded.dir,
        env: io.env,
        ...(flags.targetUrl ? { targetUrl: flags.targetUrl } : {}),
        ...(concurrency ? { concurrency } : {}),
        ...(repeat !== undefined ? { repeat } : {}),
        allowOutsideProject,
        locate: loaded.locate,
        prices: loaded.config.prices,
        ...(flags.cache !== false ? { cacheDir: judgeCacheDir(store) } : {}),
        ...(pins?.dataset ? { pinnedDataset: pins.dataset } : {}),
    });
    // Unpinned, everything is checked before the store is opened (a bad config creates no .evalgate/).
    const pinned = flags.experimentVersion !== undefined || flags.datasetVersion !== undefined;
    const preparedFromConfig = pinned ? undefined : await prepare();
    const outcome = await withStore(command, async (store) => {
        const prepared = preparedFromConfig ?? (await preparePinned(store, name, experiment, flags, prepare, io));
        const controller = new AbortController();
        const onSigint = () => {
            if (controller.signal.aborted)
                process.exit(130);
            io.stderr.write("\nstopping: finished items are kept (Ctrl-C again to quit at once)\n");
            controller.abort();
        };
        process.on("SIGINT", onSigint);
        const progress = createProgressReporter(io.stderr, name);
        const variant = flags.variant === undefined ? undefined : resolveVariant(name, prepared.experiment, flags.variant);
        const lifecycle = await beginLifecycleRun(store, prepared, variant?.variant, { locked: flags.locked === true });
        let ended;
        try {
            const result = await runExperiment({
                prepared,
                store,
                git: await git,
                signal: controller.signal,
                onProgress: (p) => progress.update(p),
                ...(flags.name ? { label: flags.name } : {}),
                ...(flags.resume ? { resumeRunId: flags.resume } : {}),
                ...(threshold !== undefined ? { thresholdOverride: threshold } : {}),
                ...(selection ? { selection } : {}),
                ...(variant ? { variant: variant.variant, overrides: variant.overrides } : {}),
                ...(lifecycle.lockedItemIds ? { lockedItemIds: lifecycle.lockedItemIds } : {}),
            });
            ended = result.run;
            return result;
        }
        finally {
            await lifecycle.end(ended);
            progress.done();
            process.off("SIGINT", onSigint);
        }
    });
    io.stdout.write(renderOutcome(outcome, format));
    reportIncomplete(outcome, io);
    if (threshold !== undefined && outcome.run.verdict !== outcome.verdict.verdict) {
        io.stderr.write(`--threshold decided this command's verdict (${outcome.verdict.verdict}); the run is stored with ` +
            `its experiment's gate verdict (${outcome.run.verdict}), which later commands show\n`);
    }
    return (0,exit_codes/* exitCodeFor */.Rr)(outcome.verdict);
}
/** Prepares a run of the stored versions `flags` name, and says on stderr which it uses. */
async function preparePinned(store, name, experiment, flags, prepare, io) {
    const pins = await readVersionPins(store, name, experiment, flags);
    const prepared = await prepare(pins);
    checkPinnedVersion(pins, prepared);
    const used = [
        ...(pins.experimentVersion ? [`experiment version ${prepared.version} (stored ${pins.experimentVersion.created_at})`] : []),
        ...(pins.dataset ? [`dataset version ${prepared.dataset.version} (stored, ${prepared.dataset.path}, ${prepared.dataset.item_count} items)`] : []),
    ];
    io.stderr.write(`evalgate: running ${name} with ${used.join(" and ")}\n`);
    return prepared;
}
/** Beside the embedded store (`<store>/cache`); with a remote store, in the default `.evalgate/cache`. */
function judgeCacheDir(store) {
    return external_node_path_default().join(storeScheme(store) === undefined ? store : ".evalgate", "cache");
}
function renderOutcome(outcome, format) {
    if (format === "table")
        return renderRunSummary(outcome.run, outcome.verdict) + "\n";
    return formatListing([runRow(outcome.run)], RUN_COLUMNS, format);
}
const RUN_COLUMNS = [
    "id",
    "experiment",
    "label",
    "status",
    "verdict",
    "total",
    "passed",
    "failed",
    "errored",
    "pass_rate",
    "pass_rate_low",
    "pass_rate_high",
    "flaky",
    "selection",
    "started_at",
    "target",
    "experiment_version",
    "dataset_version",
];
/** `liveOwner`: the run's live lease (engine/run-lease.ts); a `running` run without one is listed as interrupted. */
function runRow(run, liveOwner) {
    return {
        id: run.id,
        experiment: run.experiment,
        label: run.label ?? null,
        status: statusText(run, liveOwner),
        verdict: run.verdict ?? null,
        // null, not "": a run that never ended has no summary, and a script must not read 0 or "".
        total: run.summary?.total ?? null,
        passed: run.summary?.passed ?? null,
        failed: run.summary?.failed ?? null,
        errored: run.summary?.errored ?? null,
        pass_rate: run.summary ? Number((0,stats/* formatFraction */.MJ)(run.summary.pass_rate)) : null,
        // The 95 % Wilson interval of the pass rate; null for runs stored before it was kept.
        pass_rate_low: run.summary?.pass_rate_ci95 ? Number((0,stats/* formatFraction */.MJ)(run.summary.pass_rate_ci95[0])) : null,
        pass_rate_high: run.summary?.pass_rate_ci95 ? Number((0,stats/* formatFraction */.MJ)(run.summary.pass_rate_ci95[1])) : null,
        flaky: run.summary?.flaky ?? null,
        // A sampled or shard run covers part of the dataset: scripts see which part.
        selection: run.selection ? describeSelection(run.selection) : null,
        started_at: run.started_at,
        target: run.target,
        // Which versions the run used: what `run --experiment-version/--dataset-version` re-runs.
        experiment_version: run.experiment_version,
        dataset_version: run.dataset_version,
    };
}
function reportIncomplete(outcome, io) {
    const { run } = outcome;
    if (run.status === "cancelled") {
        io.stderr.write(`run ${run.id} cancelled; continue it with: ${resumeCommand(run)}\n`);
    }
    else if (run.status === "errored") {
        io.stderr.write(`run ${run.id}: ${outcome.incomplete ?? "the run could not complete"}\n` +
            `fix the target, then continue with: ${resumeCommand(run)}\n`);
    }
    else if (run.status === "running" && outcome.incomplete !== undefined) {
        io.stderr.write(`${outcome.incomplete}\n`);
    }
}

;// CONCATENATED MODULE: ./src/core/regression/regression-errors.ts

/**
 * What can stop a regression dataset from being planned. Each error carries its facts as fields:
 * the adapter that asked words them (a PR comment in Markdown, the CLI in plain text with its
 * flags). The message is a plain fallback for anyone who does not.
 */
class RegressionPlanError extends core_errors/* UserError */.yo {
}
/** Run item ids asked for that are in none of the runs. */
class UnknownRunItemIdsError extends RegressionPlanError {
    unknown;
    runIds;
    failedIds;
    constructor(unknown, 
    /** The runs that were searched. */
    runIds, 
    /** The failed and errored run items of those runs: what could be named instead. */
    failedIds) {
        super(`run item ids not in run ${runIds.join(", ")}: ${unknown.join(", ")}`);
        this.unknown = unknown;
        this.runIds = runIds;
        this.failedIds = failedIds;
    }
}
/** One regression name was asked for, but the items come from several experiments. */
class AmbiguousRegressionNameError extends RegressionPlanError {
    requestedName;
    experiments;
    constructor(requestedName, experiments) {
        super(`one regression name (${requestedName}) for items of several experiments (${experiments.join(", ")})`);
        this.requestedName = requestedName;
        this.experiments = experiments;
    }
}
/** The config already has an experiment of that name, over another dataset. */
class RegressionNameTakenError extends RegressionPlanError {
    file;
    experiment;
    dataset;
    constructor(file, experiment, 
    /** The dataset the existing experiment reads. */
    dataset) {
        super(`${file} already has an experiment "${experiment}" over another dataset (${dataset})`);
        this.file = file;
        this.experiment = experiment;
        this.dataset = dataset;
    }
}
/** The experiment the run came from is not in the config that should define it. */
class SourceExperimentMissingError extends RegressionPlanError {
    file;
    experiment;
    constructor(file, experiment) {
        super(`${file} has no experiment "${experiment}"`);
        this.file = file;
        this.experiment = experiment;
    }
}
/** `experiments:` is not a map, so there is no place to add the regression experiment. */
class ExperimentsNotAMapError extends RegressionPlanError {
    file;
    constructor(file) {
        super(`${file}: "experiments:" is not a map`);
        this.file = file;
    }
}

;// CONCATENATED MODULE: ./src/core/regression/add-regression-experiment.ts




// The regression experiment judges the same way the source does: same target, scorers, gate and run settings.
const COPIED_KEYS = ["target", "scorers", "gate", "concurrency", "retries", "max_error_rate"];
/**
 * Adds `name` to `experiments:` unless it is there. The new entry is spliced into the text after
 * the last experiment, so every byte of the user's file (comments, alignment, quoting) stays; the
 * yaml Document API finds where and writes the entry. When the map is not in block style the
 * whole document is re-serialised through the Document API instead, which keeps comments.
 * Throws a RegressionPlanError when there is no place for it, or a UserError when the result
 * would not load as a config.
 */
function addRegressionExperiment(input) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(input.configText, { lineCounter });
    if (document.errors.length > 0)
        parseConfig(input.configText, input.file);
    const experiments = document.get("experiments", true);
    if (!(0,dist/* isMap */.jh)(experiments))
        throw new ExperimentsNotAMapError(input.file);
    const existing = experiments.get(input.name, true);
    if (existing !== undefined) {
        const dataset = document.getIn(["experiments", input.name, "dataset"]) ?? undefined;
        if (dataset !== input.dataset)
            throw new RegressionNameTakenError(input.file, input.name, String(dataset));
        return { kind: "present" };
    }
    const definition = { description: input.description, dataset: input.dataset, ...copiedSettings(input) };
    const expected = { ...document.toJS() };
    expected.experiments = { ...expected.experiments, [input.name]: definition };
    const spliced = spliceEntry(input, experiments, lineCounter, definition);
    const text = spliced !== undefined && (0,external_node_util_.isDeepStrictEqual)((0,dist/* parseDocument */.Tp)(spliced).toJS(), expected) ? spliced : reserialise(document, experiments, input, definition);
    // Whatever we wrote must load as a config, or nothing is committed.
    parseConfig(text, input.file);
    return { kind: "added", text };
}
function copiedSettings(input) {
    const source = (0,dist/* parseDocument */.Tp)(input.sourceConfigText).toJS();
    const experiment = source?.experiments?.[input.sourceExperiment];
    if (experiment === undefined)
        throw new SourceExperimentMissingError(input.file, input.sourceExperiment);
    const settings = {};
    for (const key of COPIED_KEYS)
        if (experiment[key] !== undefined)
            settings[key] = experiment[key];
    return settings;
}
function entryText(input, definition, indent) {
    const entry = new dist/* Document */.yo({ [input.name]: definition }).toString({ lineWidth: 0, indent: 2 });
    const lines = [`# ${input.comment}`, ...entry.trimEnd().split("\n")];
    return lines.map((line) => `${indent}${line}`).join("\n");
}
/** The text with the entry after the map's last line, indented like its keys; undefined when the map is not block style. */
function spliceEntry(input, experiments, lineCounter, definition) {
    const firstKey = experiments.items[0]?.key;
    if (experiments.flow || !(0,dist/* isScalar */.jn)(firstKey) || firstKey.range === undefined || firstKey.range === null || experiments.range === undefined || experiments.range === null)
        return undefined;
    const column = lineCounter.linePos(firstKey.range[0]).col - 1;
    const text = input.configText;
    // range[1] ends the last value, sometimes past the blank lines after it; the rest of its line may hold a comment.
    let valueEnd = experiments.range[1];
    while (valueEnd > 0 && /\s/.test(text[valueEnd - 1] ?? ""))
        valueEnd--;
    const lineEnd = text.indexOf("\n", valueEnd);
    const at = lineEnd === -1 ? text.length : lineEnd + 1;
    const before = text.slice(0, at);
    const separator = before.endsWith("\n") ? "" : "\n";
    return `${before}${separator}\n${entryText(input, definition, " ".repeat(column))}\n${text.slice(at)}`;
}
function reserialise(document, experiments, input, definition) {
    const pair = document.createPair(input.name, definition);
    if ((0,dist/* isScalar */.jn)(pair.key)) {
        pair.key.commentBefore = ` ${input.comment}`;
        pair.key.spaceBefore = true;
    }
    experiments.items.push(pair);
    return document.toString({ lineWidth: 0 });
}

;// CONCATENATED MODULE: ./src/core/regression/regression-dataset.ts

/** The item ids in a JSONL dataset; a line that is not a valid item is skipped (loading the dataset reports it). */
function datasetItemIds(text) {
    const ids = new Set();
    for (const [index, line] of text.split(/\r?\n/).entries()) {
        if (line.trim() === "")
            continue;
        try {
            ids.add(recordToItem(JSON.parse(line), `line ${index + 1}`).id);
        }
        catch {
            // Not ours to judge here.
        }
    }
    return ids;
}
/**
 * One dataset line: the item as the dataset had it, plus where it came from. `stored` is the item
 * as the run's dataset version stored it (its own scorers included), so the line is what was run
 * even when the file changed since; without it, what the run item recorded.
 */
function regressionLine(item, run, addedAt, stored) {
    const provenance = {
        source_run: run.id,
        experiment: run.experiment,
        run_item_id: item.id,
        status: item.status,
        ...(run.pull_request === undefined ? {} : { pull_request: run.pull_request }),
        added_at: addedAt,
    };
    const source = stored ?? { input: item.input, expected: item.expected, metadata: item.metadata };
    const record = {
        id: item.item_id,
        input: source.input,
        ...(source.expected === undefined ? {} : { expected: source.expected }),
        metadata: { ...source.metadata, evalgate_regression: provenance },
        ...(stored?.scorers === undefined ? {} : { scorers: stored.scorers }),
        ...(stored?.scorers_mode === undefined ? {} : { scorers_mode: stored.scorers_mode }),
    };
    return JSON.stringify(record);
}
/**
 * Appends the items not yet in the dataset (by item id), keeping every existing line as it is.
 * Running the command twice adds nothing the second time.
 */
function appendRegressionItems(existing, items, run, addedAt, 
/** The run's stored dataset items by id (RunSelection.datasetItems). */
stored = new Map()) {
    const present = datasetItemIds(existing ?? "");
    const added = [];
    const alreadyPresent = [];
    for (const item of items) {
        if (present.has(item.item_id)) {
            alreadyPresent.push(item);
        }
        else {
            present.add(item.item_id);
            added.push(item);
        }
    }
    if (added.length === 0)
        return { content: undefined, added, alreadyPresent };
    const prefix = existing === undefined || existing === "" ? "" : existing.endsWith("\n") ? existing : `${existing}\n`;
    const lines = added.map((item) => regressionLine(item, run, addedAt, stored.get(item.item_id)));
    return { content: `${prefix}${lines.join("\n")}\n`, added, alreadyPresent };
}

;// CONCATENATED MODULE: ./src/core/regression/plan-regression-change.ts




const REGRESSIONS_DIR = "evals/regressions";
/**
 * Which file and experiment each selection goes to: `<experiment>-regressions`, or `name` when one
 * was asked for. One name for items of several experiments would be ambiguous.
 */
function regressionTargets(selections, configPath, name) {
    if (name !== undefined && selections.length > 1) {
        throw new AmbiguousRegressionNameError(name, selections.map((selection) => selection.run.experiment));
    }
    const configDir = external_node_path_default().posix.dirname(configPath);
    return selections.map((selection) => {
        const targetName = name ?? `${selection.run.experiment}-regressions`;
        const configDataset = `${REGRESSIONS_DIR}/${targetName}.jsonl`;
        return { selection, name: targetName, configDataset, datasetPath: configDir === "." ? configDataset : `${configDir}/${configDataset}` };
    });
}
/** Regression experiments are not sources: their failed items are already in a regression dataset. */
function isRegressionDataset(dataset) {
    return dataset.replace(/^\.\//, "").startsWith(`${REGRESSIONS_DIR}/`);
}
/**
 * The files to write: each dataset with the new items appended, and the config with any missing
 * regression experiment added. No files when there is nothing new.
 */
function planRegressionChange(input) {
    const files = [];
    const datasets = [];
    let configText = input.configText;
    let configChanged = false;
    for (const target of input.targets) {
        const { run, items, datasetItems } = target.selection;
        const update = appendRegressionItems(input.existingDatasets.get(target.datasetPath), items, run, input.addedAt, datasetItems);
        if (update.content !== undefined)
            files.push({ path: target.datasetPath, content: update.content });
        const experiment = addRegressionExperiment({
            configText,
            file: input.configPath,
            sourceConfigText: input.sourceConfigText,
            sourceExperiment: run.experiment,
            name: target.name,
            dataset: target.configDataset,
            comment: `Added by evalgate (${input.origin}): failed items of ${run.experiment}.`,
            description: `Regression items of ${run.experiment}, collected ${input.collected}.`,
        });
        if (experiment.kind === "added") {
            configText = experiment.text;
            configChanged = true;
        }
        datasets.push({ ...target, added: update.added, alreadyPresent: update.alreadyPresent, experimentAdded: experiment.kind === "added" });
    }
    // A config change alone (the dataset already holds every item) is still worth writing: the experiment was missing.
    if (configChanged)
        files.push({ path: input.configPath, content: configText });
    return { files, datasets };
}

;// CONCATENATED MODULE: ./src/core/regression/select-items.ts

/**
 * The failed and errored items of each run, or (with `runItemIds`) exactly the named run items,
 * whatever their status. Throws UnknownRunItemIdsError for ids in none of the runs, with the ids
 * that could be named instead.
 */
async function select_items_selectItems(store, runs, runItemIds) {
    const wanted = new Set(runItemIds);
    const selections = [];
    const failedIds = [];
    for (const run of runs) {
        const items = [];
        for await (const item of store.runItems(run.id)) {
            const failed = item.status !== "passed";
            if (failed)
                failedIds.push(item.id);
            if (wanted.size > 0 ? wanted.has(item.id) : failed)
                items.push(item);
        }
        if (items.length > 0)
            selections.push({ run, items, datasetItems: await storedItems(store, run, items) });
    }
    const foundIds = new Set(selections.flatMap((selection) => selection.items.map((item) => item.id)));
    const unknown = runItemIds.filter((id) => !foundIds.has(id));
    if (unknown.length > 0)
        throw new UnknownRunItemIdsError(unknown, runs.map((run) => run.id), failedIds);
    return selections;
}
/** The stored dataset items behind `items`, read from the run's dataset version in one pass. */
async function storedItems(store, run, items) {
    const found = new Map();
    if (store.datasetVersionItems === undefined)
        return found;
    const wanted = new Set(items.map((item) => item.item_id));
    for await (const item of store.datasetVersionItems(run.dataset_version)) {
        if (wanted.has(item.id))
            found.set(item.id, item);
    }
    return found;
}

;// CONCATENATED MODULE: ./src/cli/regression-error-text.ts

const SHOWN_IDS = 10;
/**
 * A planning error in the CLI's words: plain text, its flags (the bot words the same errors for a
 * pull request comment). `configFile` is the config as the user named it.
 */
function regressionErrorText(error, run, configFile) {
    if (error instanceof UnknownRunItemIdsError)
        return unknownIdsText(error, run);
    if (error instanceof AmbiguousRegressionNameError) {
        return (`--name ${error.requestedName}: the items come from several experiments (${error.experiments.join(", ")}); ` +
            "leave out --name (each gets <experiment>-regressions), or pick items of one experiment with --run-item-id");
    }
    if (error instanceof RegressionNameTakenError) {
        return `${configFile} already has an experiment "${error.experiment}" over another dataset (${error.dataset}); pass --name with another name`;
    }
    if (error instanceof SourceExperimentMissingError) {
        return `${configFile} has no experiment "${error.experiment}", which run ${run.id} ran; was it renamed since the run?`;
    }
    if (error instanceof ExperimentsNotAMapError) {
        return `${configFile}: "experiments:" is not a map; fix the file, then run evalgate runs regression-dataset ${run.id} again`;
    }
    return error.message;
}
function unknownIdsText(error, run) {
    const list = (ids) => `${ids.slice(0, SHOWN_IDS).join(", ")}${ids.length > SHOWN_IDS ? ` and ${ids.length - SHOWN_IDS} more` : ""}`;
    const lines = [`--run-item-id: not in run ${run.id}: ${list(error.unknown)}`];
    lines.push(error.failedIds.length > 0
        ? `its failed and errored run items are ${list(error.failedIds)} (see evalgate reports failures ${run.id}); ` +
            "without --run-item-id all of them are taken"
        : "every item of that run passed");
    return lines.join("\n");
}

;// CONCATENATED MODULE: ./src/cli/commands/regression-dataset.ts












/**
 * `evalgate runs regression-dataset`: the failed items of a run (or the named run items) become a
 * regression dataset beside the config, with an experiment over it — what `/eval regression`
 * commits on a pull request, written to the working tree instead.
 */
function registerRegressionDatasetCommand(runs, io, setExit) {
    runs
        .command("regression-dataset")
        .description("turn a run's failed items into a regression dataset and experiment in evalgate.yml")
        .argument("<run>", "run id (or a unique prefix)")
        .option("--name <name>", "the regression experiment and dataset name (default <experiment>-regressions)")
        .option("--run-item-id <id>", "only this run item (repeatable)", (id, ids) => [...ids, id], [])
        .option("--start-run", "run the regression experiment right away, against the source run's target")
        .option("--target-url <url>", "with --start-run: run against this deployment instead of the source run's")
        .action(async (runId, flags, command) => {
        const { config: configFile, allowOutsideProject } = globalOptions(command);
        const written = await withStore(command, (store) => writeRegressionDataset(store, runId, flags, configFile, io, allowOutsideProject));
        if (!flags.startRun || written === undefined)
            return setExit(exit_codes/* EXIT */.dc.pass);
        const targetUrl = flags.targetUrl ?? (await sourceTargetUrl(configFile, allowOutsideProject, written.experiment, written.sourceRun));
        const runFlags = { format: "table", ...(targetUrl !== undefined ? { targetUrl } : {}) };
        setExit(await runExperimentCommand(written.experiment, runFlags, command, io));
    });
}
async function writeRegressionDataset(store, runId, flags, configFile, io, allowOutsideProject) {
    const run = await requireRun(store, runId);
    if (flags.name !== undefined && (!EXPERIMENT_NAME.test(flags.name) || flags.name.length > MAX_EXPERIMENT_NAME_LENGTH)) {
        throw new core_errors/* UserError */.yo(`--name: use letters, digits, '.', '_' and '-', at most ${MAX_EXPERIMENT_NAME_LENGTH} characters`);
    }
    // Validated first (size, UTF-8, inside the project, a valid config): only then is it rewritten.
    await loadConfigFile(configFile, { allowOutsideProject });
    const configText = await (0,promises_.readFile)(configFile, "utf8");
    const configDir = external_node_path_default().dirname(external_node_path_default().resolve(configFile));
    try {
        const selections = await select_items_selectItems(store, [run], flags.runItemId);
        if (selections.length === 0) {
            io.stderr.write(`run ${run.id} has no failed or errored items: nothing to add\n`);
            return undefined;
        }
        const targets = regressionTargets(selections, external_node_path_default().basename(configFile), flags.name);
        const existingDatasets = new Map();
        for (const target of targets) {
            const text = await readExistingDataset(external_node_path_default().join(configDir, target.configDataset), target.configDataset);
            if (text !== undefined)
                existingDatasets.set(target.datasetPath, text);
        }
        const change = planRegressionChange({
            configPath: external_node_path_default().basename(configFile),
            configText,
            sourceConfigText: configText,
            targets,
            existingDatasets,
            addedAt: new Date().toISOString(),
            origin: `evalgate runs regression-dataset ${run.id}`,
            collected: `by evalgate runs regression-dataset ${run.id}`,
        });
        for (const file of change.files)
            await writeAtomically(external_node_path_default().join(configDir, file.path), file.content);
        for (const dataset of change.datasets) {
            const what = dataset.added.length > 0 ? `added ${dataset.added.length} items` : "nothing new";
            const already = dataset.alreadyPresent.length > 0 ? ` (${dataset.alreadyPresent.length} already there)` : "";
            const experiment = dataset.experimentAdded ? `; added experiment ${dataset.name} to ${configFile}` : "";
            io.stdout.write(`${dataset.configDataset}: ${what}${already}${experiment}\n`);
        }
        const experiment = targets[0]?.name;
        return experiment === undefined ? undefined : { experiment, sourceRun: run };
    }
    catch (error) {
        // The shared planning reports facts; the CLI words them, as a usage error.
        if (error instanceof RegressionPlanError)
            throw new core_errors/* UserError */.yo(regressionErrorText(error, run, configFile));
        throw error;
    }
}
/**
 * The base URL (`${EVALGATE_TARGET_URL}`) that made the source run's target: the regression
 * experiment copies the source's target, so the source run's URL minus the template's fixed
 * parts is the deployment it ran against. Undefined when the template does not use the variable
 * (the URL is fixed in the config). Throws `UserError` when the source run's URL does not fit
 * the template, rather than run against the config's default deployment.
 */
async function sourceTargetUrl(configFile, allowOutsideProject, experiment, sourceRun) {
    const loaded = await loadConfigFile(configFile, { allowOutsideProject });
    const target = findExperiment(loaded, experiment).target;
    if (target.type !== "http")
        return undefined;
    const [prefix, ...rest] = target.url.split("${EVALGATE_TARGET_URL}");
    if (rest.length !== 1 || prefix !== "")
        return undefined;
    const suffix = rest[0];
    if (!sourceRun.target.endsWith(suffix) || sourceRun.target.length === suffix.length) {
        throw new core_errors/* UserError */.yo(`--start-run: cannot tell the deployment run ${sourceRun.id} called (${sourceRun.target}) from ` +
            `${experiment}'s target url ${target.url}; pass --target-url`);
    }
    return sourceRun.target.slice(0, sourceRun.target.length - suffix.length);
}
/** A file is replaced whole or not at all: a crash never leaves half a dataset or config. */
/** The dataset already there, or undefined; a named pipe there is refused, not waited on forever. */
async function readExistingDataset(file, shown) {
    const stats = await (0,promises_.stat)(file).catch(() => undefined);
    if (stats === undefined)
        return undefined;
    if (!stats.isFile())
        throw new core_errors/* UserError */.yo(`${shown}: not a file; the regression dataset must be a .jsonl file`);
    return (0,promises_.readFile)(file, "utf8").catch(() => undefined);
}
async function writeAtomically(file, content) {
    await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    await (0,promises_.writeFile)(partial, content);
    await (0,promises_.rename)(partial, file);
}

;// CONCATENATED MODULE: ./src/cli/commands/runs-cancel.ts







function registerRunsCancelCommand(runs, io) {
    runs
        .command("cancel")
        .description("mark a run that has not ended cancelled; a process still running it stops at its next heartbeat")
        .argument("<run>", "run id (or a unique prefix)")
        .action(async (id, _flags, command) => {
        await withStore(command, async (store) => {
            io.stdout.write(await cancelRun(store, await requireRun(store, id)));
        });
    });
}
/**
 * Ends the run `cancelled` with what it stored, judged as any stored run is. A live process
 * holding the run's lease reads the status at its next heartbeat, stops calling the target and
 * ends the run itself (cancelled, with the items that finished meanwhile).
 */
async function cancelRun(store, run) {
    const resume = resumeCommand(run);
    if (run.status !== "running") {
        const again = run.status === "cancelled" ? `; continue it with: ${resume}` : "";
        throw new core_errors/* UserError */.yo(`run ${run.id} already ended (${run.status}${endedAt(run)}): there is nothing to cancel${again}`);
    }
    const owner = await liveOwnerOf(store, run);
    const cancelled = { ...run, status: "cancelled" };
    const { verdict, summary } = await judgeStoredRun(store, cancelled, undefined, undefined);
    // Summing the items took a while: a run that ended meanwhile keeps its own ending.
    const now = await store.getRun(run.id);
    if (now?.status !== "running")
        throw new core_errors/* UserError */.yo(`run ${run.id} ended (${now?.status}) while it was being cancelled`);
    await store.endRun(run.id, {
        status: "cancelled",
        ended_at: new Date().toISOString(),
        summary,
        // A cancelled run judged alone always fails; the stored verdict is the run's own, pass or fail.
        verdict: verdict.verdict === "pass" ? "pass" : "fail",
        verdict_reasons: verdict.reasons,
    });
    const stored = `${(0,stats/* formatCount */.B4)(summary.total)} of ${(0,stats/* formatCount */.B4)(run.item_count)} items were stored`;
    const stopping = owner === undefined
        ? "no process was running it"
        : `the process running it (${describeRunOwner(owner)}) stops calling the target within ${HEARTBEAT_INTERVAL_MS / 1000} s ` +
            "and keeps the items that finish meanwhile";
    return `cancelled run ${run.id}: ${stored}; ${stopping}.\ncontinue it with: ${resume}\n`;
}
function endedAt(run) {
    return run.ended_at === undefined ? "" : ` at ${run.ended_at}`;
}

// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
;// CONCATENATED MODULE: ./src/cli/commands/runs-delete.ts







function registerRunsDeleteCommand(runs, io) {
    runs
        .command("delete")
        .description("delete a run with its items, scores and annotations, and its dataset version when no other run uses it; asks first")
        .argument("<run>", "run id (or a unique prefix)")
        .option("--force", "delete without asking (needed when stdin is not a terminal)")
        .action(async (id, flags, command) => {
        await withStore(command, async (store) => {
            const run = await requireRun(store, id);
            const owner = await liveOwnerOf(store, run);
            if (owner !== undefined) {
                throw new core_errors/* UserError */.yo(`run ${run.id} is being run right now (${describeRunOwner(owner)}): stop it first with ` +
                    `\`evalgate runs cancel ${run.id}\`, then delete it`);
            }
            io.stdout.write(await describeDeletion(store, run));
            if (flags.force !== true) {
                if (process.stdin.isTTY !== true) {
                    throw new core_errors/* UserError */.yo(`nothing was deleted: runs delete asks first, and stdin is not a terminal; pass --force to delete run ${run.id} without asking`);
                }
                if (!(await runs_delete_confirm(io, "Delete? [y/N] "))) {
                    io.stdout.write("nothing was deleted\n");
                    return;
                }
            }
            io.stdout.write(await deleteRun(store, run));
        });
    });
}
/** What deleting the run removes and keeps, said before anything is removed (a dry run without --force). */
async function describeDeletion(store, run) {
    const items = run.summary?.total ?? (await store.runItemStatuses(run.id)).size;
    const annotations = (await store.runAnnotations(run.id)).length;
    const label = run.label === undefined ? "" : `, "${oneLine(run.label)}"`;
    const lines = [
        // Called only without a live owner: a run still `running` was interrupted.
        `run ${run.id} (${run.experiment}${label}, ${statusText(run)}, started ${run.started_at}) would be deleted:`,
        `  - the run and its ${(0,stats/* formatCount */.B4)(items)} item${items === 1 ? "" : "s"}, with their scores`,
        ...(annotations > 0 ? [`  - ${(0,stats/* formatCount */.B4)(annotations)} annotation${annotations === 1 ? "" : "s"}`] : []),
        `  - ${await datasetVersionFate(store, run)}`,
    ];
    const state = await store.getExperimentState(run.experiment);
    if (state?.baseline_run_id === run.id) {
        lines.push(`  note: it is the baseline that locks the items of experiment "${run.experiment}"; deleting it lifts the lock`);
    }
    return `${lines.join("\n")}\n`;
}
async function datasetVersionFate(store, run) {
    const version = await store.getDatasetVersion(run.dataset_version);
    if (version === undefined)
        return `dataset version ${run.dataset_version}: not stored (nothing to remove)`;
    const use = (await store.listDatasetVersions()).find((listed) => listed.version === version.version);
    const others = Math.max(0, (use?.runs ?? 1) - 1);
    const named = `dataset version ${version.version} (${oneLine(version.dataset_path)}, ${(0,stats/* formatCount */.B4)(version.item_count)} items)`;
    return others === 0
        ? `${named}: removed too, no other run uses it`
        : `${named}: kept, ${(0,stats/* formatCount */.B4)(others)} other run${others === 1 ? " uses" : "s use"} it`;
}
/**
 * Deletes under the run's lease, so no `--resume` starts on it meanwhile (one that started since
 * the check above is refused by name); the store drops the lease with the run.
 */
async function deleteRun(store, run) {
    const lease = await takeRunLease(store, run.id, () => new Date());
    let removed;
    try {
        removed = await store.deleteRun(run.id);
    }
    catch (error) {
        await lease.release().catch(() => undefined);
        throw error;
    }
    const dataset = removed.datasetVersionRemoved
        ? `dataset version ${run.dataset_version} removed too`
        : `dataset version ${run.dataset_version} kept`;
    return `deleted run ${run.id}: ${(0,stats/* formatCount */.B4)(removed.items)} item${removed.items === 1 ? "" : "s"}; ${dataset}\n`;
}
/** Asks on the terminal; anything but y or yes (or stdin closing) is a no. */
function runs_delete_confirm(io, question) {
    const prompt = (0,external_node_readline_.createInterface)({ input: process.stdin, output: io.stderr });
    return new Promise((resolve) => {
        prompt.once("close", () => resolve(false));
        prompt.question(question, (answer) => {
            resolve(/^y(es)?$/i.test(answer.trim()));
            prompt.close();
        });
    });
}

;// CONCATENATED MODULE: ./src/core/selection/merge-shard-runs.ts





/** What every shard run must share with the others, or the merged run would mix two experiments. */
// The target too: shards of one run against two deployments would merge into a result no run gives.
const SHARED_FIELDS = ["experiment", "experiment_version", "dataset_path", "dataset_version", "variant", "target"];
/**
 * Checks that `runs` are all N shards of one experiment version over one dataset version, each
 * complete, none twice: anything else is a UserError naming the runs and what to pass instead.
 */
function planShardMerge(runs) {
    if (runs.length === 0)
        throw new core_errors/* UserError */.yo("runs merge: name the shard runs to merge (evalgate runs merge RUN…)");
    const shards = runs.map((run) => ({ run, shard: shardOf(run) }));
    const first = runs[0];
    for (const run of runs.slice(1)) {
        for (const field of SHARED_FIELDS) {
            if (run[field] !== first[field]) {
                throw new core_errors/* UserError */.yo(`runs merge: run ${run.id} has ${field} ${run[field] ?? "(none)"} but run ${first.id} has ` +
                    `${first[field] ?? "(none)"}; merge only the shards of one run of one experiment version and dataset version`);
            }
        }
    }
    const shardCount = shards[0].shard.count;
    const byIndex = new Map();
    for (const { run, shard } of shards) {
        if (shard.count !== shardCount) {
            throw new core_errors/* UserError */.yo(`runs merge: run ${run.id} is shard ${shard.index}/${shard.count} but run ${first.id} is one of ${shardCount} shards`);
        }
        const other = byIndex.get(shard.index);
        if (other) {
            throw new core_errors/* UserError */.yo(`runs merge: runs ${other.id} and ${run.id} are both shard ${shard.index}/${shardCount}; pass one run per shard`);
        }
        if (!isCompleteRun(run)) {
            throw new core_errors/* UserError */.yo(`runs merge: run ${run.id} (shard ${shard.index}/${shardCount}) is ${run.status}, not complete; ` +
                `finish it with: ${resumeCommand(run)} --shard ${shard.index}/${shardCount}`);
        }
        byIndex.set(shard.index, run);
    }
    const missing = Array.from({ length: shardCount }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
    if (missing.length > 0) {
        throw new core_errors/* UserError */.yo(`runs merge: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${shardCount}`).join(", ")} ` +
            `missing; pass one complete run of each of the ${shardCount} shards`);
    }
    const ordered = Array.from({ length: shardCount }, (_, i) => byIndex.get(i + 1));
    return { shardCount, runs: ordered, base: mergedBase(ordered) };
}
function shardOf(run) {
    if (run.selection?.mode !== "shard") {
        throw new core_errors/* UserError */.yo(`runs merge: run ${run.id} is not a shard run (start shards with evalgate run EXP --shard I/N)`);
    }
    return parseShard(run.selection.value);
}
/** Shared when every shard has the same value (one commit, one pull request), else left out. */
function mergedBase(runs) {
    const first = runs[0];
    const same = (key) => runs.every((run) => run[key] === first[key]) && first[key] !== undefined ? { [key]: first[key] } : {};
    // Each shard run counts only its own items: the whole is their sum, as an unsharded run counts.
    const itemCount = runs.reduce((sum, run) => sum + (run.selection?.selected ?? run.item_count), 0);
    return {
        experiment: first.experiment,
        experiment_version: first.experiment_version,
        dataset_path: first.dataset_path,
        dataset_version: first.dataset_version,
        item_count: itemCount,
        target: first.target,
        label: mergedLabel(runs),
        ...same("variant"),
        ...same("role"),
        ...same("pull_request"),
        ...same("git_commit"),
        ...same("git_branch"),
    };
}
/** Where the merged run came from, readable in `runs list`: "merged shards run-a run-b …". */
function mergedLabel(runs) {
    return `merged shards ${runs.map((run) => run.id).join(" ")}`;
}
/** The merged run ran from its first shard's start to its last shard's end. */
function mergedTimes(runs) {
    const starts = runs.map((run) => run.started_at).sort();
    const ends = runs.map((run) => run.ended_at ?? run.started_at).sort();
    return { started_at: starts[0], ended_at: ends[ends.length - 1] };
}
/** A shard's item as an item of the merged run: its ids derive from the new run's id. */
function mergedRunItem(item, runId) {
    return {
        ...item,
        id: runItemId(runId, item.item_id),
        run_id: runId,
        scores: item.scores.map((score) => ({ ...score, id: scoreId(runId, item.item_id, score.scorer) })),
    };
}
/** Items are hashed into exactly one shard: an item in two shard runs means they are not one run's shards. */
function duplicateItemError(itemId, runs) {
    return new core_errors/* UserError */.yo(`runs merge: item ${itemId} is in runs ${runs.join(" and ")}; shards of one run never share an item, ` +
        "so these are not the shards of one run");
}

;// CONCATENATED MODULE: ./src/engine/merge-shard-runs.ts







/**
 * Joins the complete shard runs `runIds` into one new run equal to an unsharded run item for item,
 * judged by the gate stored with their experiment version. Throws `UserError` for an overlap, a
 * missing or incomplete shard, or mismatched versions; checked before anything is stored, except
 * an item in two shards, found while copying (the half-merged run is then left errored).
 */
async function mergeShardRuns(store, runs, now = () => new Date()) {
    refuseMixedRepeats(runs);
    const plan = planShardMerge(runs);
    const version = await store.getExperimentVersion(plan.base.experiment, plan.base.experiment_version);
    const { gate, maxErrorRate, cluster } = storedGateOf(plan.runs[0].id, plan.base.experiment_version, version?.definition);
    const times = mergedTimes(plan.runs);
    const repeat = plan.runs[0].repeat;
    const run = {
        ...plan.base,
        id: newRunId(now()),
        started_at: times.started_at,
        status: "running",
        ...(repeat !== undefined ? { repeat } : {}),
    };
    await store.createRun(run);
    const accumulator = createRunSummaryAccumulator({ cluster });
    const seen = new Map();
    try {
        for (const shard of plan.runs) {
            for await (const item of store.runItems(shard.id)) {
                const other = seen.get(item.item_id);
                if (other !== undefined)
                    throw duplicateItemError(item.item_id, [other, shard.id]);
                seen.set(item.item_id, shard.id);
                const merged = withAttemptScoreIds(mergedRunItem(item, run.id), run.id);
                await store.putRunItem(merged);
                accumulator.add(merged);
            }
        }
    }
    catch (error) {
        await store.endRun(run.id, { status: "errored", ended_at: now().toISOString() });
        throw error;
    }
    const summary = accumulator.summary();
    // As the engine ends an unsharded run: errors above max_error_rate, or all errors, leave it errored.
    const errored = summary.errored > maxErrorRate * summary.total || (summary.total > 0 && summary.errored === summary.total);
    const verdict = (0,core_gate/* decideVerdict */.AU)({
        gate,
        maxErrorRate,
        status: errored ? "errored" : "ended",
        itemCount: run.item_count,
        summary,
    });
    const status = errored ? "errored" : verdict.verdict === "pass" ? "passed" : "failed";
    const ended = { status, ended_at: times.ended_at, summary, verdict: verdict.verdict, verdict_reasons: verdict.reasons };
    await store.endRun(run.id, ended);
    return { run: { ...run, ...ended }, verdict };
}
/**
 * Shards that call each item a different number of times are not one run: their items' statuses
 * were decided over different repeats. Checked before the versions, to say what differs.
 */
function refuseMixedRepeats(runs) {
    const first = runs[0];
    if (first === undefined)
        return;
    const other = runs.find((run) => (run.repeat ?? 1) !== (first.repeat ?? 1));
    if (other === undefined)
        return;
    throw new core_errors/* UserError */.yo(`runs merge: run ${other.id} calls each item ${other.repeat ?? 1} time(s) but run ${first.id} ${first.repeat ?? 1}; ` +
        "merge only the shards of one run (started with the same repeat)");
}

;// CONCATENATED MODULE: ./src/cli/commands/runs-merge.ts






function registerRunsMergeCommand(runs, io, setExit) {
    runs
        .command("merge")
        .description("join the shard runs of one run (evalgate run EXP --shard I/N) into one run, judged by its gate")
        .argument("<run...>", "one complete run of every shard (ids or unique prefixes)")
        .option("--format <format>", "output: table, csv, json or jsonl", "table")
        .action(async (ids, flags, command) => {
        const format = parseFormat(flags.format);
        const merged = await withStore(command, async (store) => {
            const shards = [];
            for (const id of ids)
                shards.push(await requireRun(store, id));
            return mergeShardRuns(store, shards);
        });
        const output = format === "table"
            ? renderRunSummary(merged.run, merged.verdict) + "\n"
            : formatListing([runRow(merged.run)], RUN_COLUMNS, format);
        io.stdout.write(output);
        setExit((0,exit_codes/* exitCodeFor */.Rr)(merged.verdict));
    });
}

;// CONCATENATED MODULE: ./src/core/records/read-raw-records.ts









/**
 * The records of a file's chunks (UTF-8 bytes, or text), one at a time, holding one record: JSONL
 * lines and JSON array elements as parsed, CSV rows as text. Blank lines are skipped. Bytes that
 * are not UTF-8, a record longer than MAX_RECORD_CHARS, text that is not JSON and a CSV quote that
 * never closes are refused with a UserError naming `file:line` (the physical line an editor shows).
 */
function readRawRecords(format, chunks, file, options) {
    const text = decodeUtf8Chunks(chunks, file);
    if (format === "jsonl")
        return jsonlRecords(text, file, options);
    if (format === "json")
        return jsonArrayRecords(text, file, options);
    return csvRecords(text, file, options);
}
async function* jsonlRecords(chunks, file, options) {
    const report = problemReporter(options);
    try {
        for await (const [line, text] of textLines(chunks, dataset_format/* MAX_RECORD_CHARS */.PX)) {
            if (text.trim() === "")
                continue;
            const where = `${file}:${line}`;
            const value = read_raw_records_parseJson(text, options);
            if (value !== NOT_JSON)
                yield { format: "jsonl", value, where };
            else
                report(`${where}: ${jsonProblem(text, 1, options).problem}; write one JSON object per line`);
        }
    }
    catch (error) {
        if (error instanceof LineTooLongError)
            throw new core_errors/* UserError */.yo((0,dataset_format/* recordTooLongMessage */.Pg)(`${file}:${error.line}`));
        throw error;
    }
}
/** Split element by element, so the file is never parsed whole; each element's problem is at its own line. */
async function* jsonArrayRecords(chunks, file, options) {
    const report = problemReporter(options);
    const splitter = new JsonArraySplitter(dataset_format/* MAX_RECORD_CHARS */.PX);
    try {
        for await (const chunk of chunks) {
            for (const element of splitter.push(chunk)) {
                const value = read_raw_records_parseJson(element.text, options);
                if (value !== NOT_JSON) {
                    yield { format: "json", value, where: (0,dataset_format/* recordLocation */.tv)(file, element) };
                    continue;
                }
                const { lines, problem } = jsonProblem(element.text, element.column, options);
                report(`${(0,dataset_format/* recordLocation */.tv)(file, { line: element.line + lines, index: element.index })}: ${problem}`);
            }
        }
        splitter.finish();
    }
    catch (error) {
        if (error instanceof JsonArrayError) {
            const where = (0,dataset_format/* recordLocation */.tv)(file, { line: error.line, ...(error.index === undefined ? {} : { index: error.index }) });
            const plain = error.kind === "shape" || (error.kind === "depth" && options.limitNesting === true);
            throw new core_errors/* UserError */.yo(plain ? `${where}: ${error.problem}` : `${where}: not valid JSON (${error.problem}, at column ${error.column})`);
        }
        if (error instanceof ElementTooLongError)
            throw new core_errors/* UserError */.yo((0,dataset_format/* recordTooLongMessage */.Pg)((0,dataset_format/* recordLocation */.tv)(file, error)));
        throw error;
    }
}
async function* csvRecords(chunks, file, options) {
    const rows = readCsvRows(chunks, file, {
        readHeader: (cells, where) => ({ names: options.csvHeader(cells, where) }),
        onRowProblem: options.onRecordProblem,
        describeSyntaxProblem: options.describeCsvSyntaxProblem,
    });
    for await (const { header, cells, where } of rows) {
        yield { format: "csv", value: Object.fromEntries(header.names.map((name, index) => [name, cells[index] ?? ""])), where };
    }
}
function problemReporter(options) {
    return (options.onRecordProblem ??
        ((message) => {
            throw new core_errors/* UserError */.yo(message);
        }));
}
const NOT_JSON = Symbol("not JSON");
function read_raw_records_parseJson(text, options) {
    try {
        const value = JSON.parse(text);
        return options.limitNesting === true && nestingExceeds(value) ? NOT_JSON : value;
    }
    catch {
        return NOT_JSON;
    }
}
/**
 * Why a record's text is not JSON, by our own scanner (the engine's message would quote an excerpt
 * of the file), and `lines` line breaks into the text where. `startColumn` is the column the text
 * starts at on its first line.
 */
function jsonProblem(text, startColumn, options) {
    const found = findJsonSyntaxError(text);
    if (found === undefined)
        return { lines: 0, problem: "not valid JSON" };
    const { lines, column } = positionInText(text, found.index);
    const at = `at column ${lines === 0 ? startColumn + column - 1 : column}`;
    if (found.tooDeep === true && options.limitNesting === true)
        return { lines, problem: `the record is ${found.problem} (${at})` };
    return { lines, problem: `not valid JSON (${describeJsonSyntaxError(found, true)}, ${at})` };
}

;// CONCATENATED MODULE: ./src/core/import/import-problems.ts

/** Problems listed in one message: enough to fix a pattern, short enough to read. */
const import_problems_MAX_LISTED_PROBLEMS = 20;
/**
 * Every problem of an import file, gathered before anything is stored, so one attempt shows all
 * of them (up to MAX_LISTED_PROBLEMS, then a count) rather than one per attempt.
 */
class ImportProblems {
    listed = [];
    total = 0;
    add(message) {
        this.total += 1;
        if (this.listed.length < import_problems_MAX_LISTED_PROBLEMS)
            this.listed.push(message);
    }
    get count() {
        return this.total;
    }
    /** Throws one UserError listing the problems, when there are any. */
    throwIfAny(file) {
        if (this.total === 0)
            return;
        if (this.total === 1)
            throw new core_errors/* UserError */.yo(`${this.listed[0]}\nnothing was imported`);
        const more = this.total - this.listed.length;
        throw new core_errors/* UserError */.yo([
            `${file}: ${this.total} problems, nothing was imported:`,
            ...this.listed.map((message) => `  ${message}`),
            ...(more > 0 ? [`  … and ${more} more`] : []),
        ].join("\n"));
    }
}

;// CONCATENATED MODULE: ./src/core/import/read-evaluations.ts


/**
 * A record's evaluations: its `evaluations` object and its flat `eval.<name>.<field>` keys, by
 * name. Each needs a score (a number 0..1, or such a number as text: a CSV cell) or a label
 * (text; true/false are read as "true"/"false"); one without either passes only when its label is
 * a verdict word (PASS_LABELS, FAIL_LABELS). Empty values (null, "") are absent, and an evaluation
 * with nothing left is no evaluation: an export leaves a scorer's cells empty on items it did not
 * score. Problems are pushed as `where: …`; undefined when the record carries no evaluation.
 */
function readEvaluations(fields, where, problems) {
    const raw = new Map();
    const nested = fields.evaluations;
    if (nested !== undefined && nested !== null) {
        if (!read_evaluations_isRecord(nested)) {
            problems.push(`${where}: "evaluations" must be an object {name: {label, score, explanation}}, got ${(0,dataset_format/* describeJsonType */.cc)(nested)}`);
        }
        else {
            for (const [name, evaluation] of Object.entries(nested)) {
                if (evaluation === null)
                    continue;
                if (!read_evaluations_isRecord(evaluation)) {
                    problems.push(`${where}: evaluations.${name} must be an object {label, score, explanation}, got ${(0,dataset_format/* describeJsonType */.cc)(evaluation)}`);
                    continue;
                }
                raw.set(name, pickFields(evaluation));
            }
        }
    }
    for (const [key, value] of Object.entries(fields)) {
        const column = parseEvaluationColumn(key);
        if (column === undefined)
            continue;
        if (column.field === undefined) {
            problems.push(`${where}: "${key}" names no field of an evaluation; write eval.<name>.label, eval.<name>.score or eval.<name>.explanation`);
            continue;
        }
        const entry = raw.get(column.name) ?? {};
        if (entry[column.field] !== undefined && !isEmpty(value)) {
            problems.push(`${where}: evaluation "${column.name}" gives its ${column.field} twice (in "evaluations" and as "${key}")`);
            continue;
        }
        if (!isEmpty(value))
            entry[column.field] = value;
        raw.set(column.name, entry);
    }
    const evaluations = {};
    for (const [name, entry] of raw) {
        if (name.trim() === "") {
            problems.push(`${where}: an evaluation has an empty name`);
            continue;
        }
        const evaluation = readEvaluation(entry, `${where}: evaluation "${name}"`, problems);
        if (evaluation !== undefined)
            evaluations[name] = evaluation;
    }
    return Object.keys(evaluations).length > 0 ? evaluations : undefined;
}
function pickFields(evaluation) {
    const picked = {};
    for (const field of EVALUATION_FIELDS)
        if (!isEmpty(evaluation[field]))
            picked[field] = evaluation[field];
    return picked;
}
function readEvaluation(entry, where, problems) {
    if (entry.label === undefined && entry.score === undefined && entry.explanation === undefined)
        return undefined;
    const evaluation = {};
    const before = problems.length;
    if (entry.score !== undefined) {
        const score = scoreOf(entry.score);
        if (score === undefined)
            problems.push(`${where}: score ${read_evaluations_shown(entry.score)} is not a number from 0 to 1`);
        else
            evaluation.score = score;
    }
    if (entry.label !== undefined) {
        if (typeof entry.label === "string")
            evaluation.label = entry.label;
        else if (typeof entry.label === "boolean")
            evaluation.label = String(entry.label);
        else
            problems.push(`${where}: label must be text, got ${(0,dataset_format/* describeJsonType */.cc)(entry.label)}`);
    }
    if (entry.explanation !== undefined) {
        if (typeof entry.explanation === "string")
            evaluation.explanation = entry.explanation;
        else
            problems.push(`${where}: explanation must be text, got ${(0,dataset_format/* describeJsonType */.cc)(entry.explanation)}`);
    }
    if (problems.length > before)
        return undefined;
    if (evaluation.score === undefined && (evaluation.label === undefined || labelVerdict(evaluation.label) === undefined)) {
        problems.push(evaluation.label === undefined
            ? `${where}: has neither a score nor a label; give a score from 0 to 1 or a label`
            : `${where}: label ${JSON.stringify(evaluation.label)} says neither pass nor fail and there is no score; ` +
                `give a score from 0 to 1, or a label among ${[...PASS_LABELS, ...FAIL_LABELS].join(", ")}`);
        return undefined;
    }
    return evaluation;
}
/** A number 0..1, or decimal text of one (a CSV cell); undefined otherwise. */
function scoreOf(value) {
    const number = typeof value === "number" ? value : typeof value === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
    return Number.isFinite(number) && number >= 0 && number <= 1 ? number : undefined;
}
function read_evaluations_shown(value) {
    const text = typeof value === "string" ? JSON.stringify(value) : (0,dataset_format/* describeJsonType */.cc)(value) === "a number" ? String(value) : (0,dataset_format/* describeJsonType */.cc)(value);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
function isEmpty(value) {
    return value === undefined || value === null || value === "";
}
function read_evaluations_isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/core/import/parse-import-record.ts





/** Keys of a record that are not metadata; any other key joins `metadata` (Arize passes extra fields through). */
const RECORD_KEYS = new Set(["example_id", "output", "evaluations", "metadata"]);
/**
 * One record of an import file (a parsed JSON value, or a CSV row as an object) → an ImportRecord,
 * or undefined with its problems pushed, each prefixed with `where` (`file:line`). Needs
 * `example_id` (a non-empty string, or a number) and `output` (any JSON, null included).
 */
function parseImportRecord(value, where, problems) {
    if (!parse_import_record_isRecord(value)) {
        problems.push(`${where}: expected an object with "example_id" and "output", got ${(0,dataset_format/* describeJsonType */.cc)(value)}`);
        return undefined;
    }
    const before = problems.length;
    const exampleId = exampleIdOf(value.example_id, where, problems);
    if (!Object.hasOwn(value, "output")) {
        problems.push(`${where}: the record has no "output"; every record needs "example_id" and "output" (null when there is none)`);
    }
    const evaluations = readEvaluations(value, where, problems);
    const metadata = parse_import_record_metadataOf(value, where, problems);
    const call = callOf(metadata, where, problems);
    const scorerErrors = scorerErrorsOf(metadata.scorer_errors, where, problems);
    const status = metadata.status === undefined ? undefined : RunItemStatusSchema.safeParse(metadata.status);
    if (status?.success === false) {
        problems.push(`${where}: metadata.status must be passed, failed or error, got ${shownValue(metadata.status)}`);
    }
    if (problems.length > before || exampleId === undefined)
        return undefined;
    return {
        exampleId,
        output: value.output,
        ...(evaluations !== undefined ? { evaluations } : {}),
        scorerErrors,
        ...(status?.success ? { exportedStatus: status.data } : {}),
        call,
        where,
    };
}
function exampleIdOf(raw, where, problems) {
    // As a dataset's `id`: a number is its decimal text.
    if (typeof raw === "string" && raw !== "")
        return raw;
    if (typeof raw === "number" && Number.isFinite(raw))
        return String(raw);
    problems.push(raw === undefined || raw === ""
        ? `${where}: the record has no "example_id"; give the id of the dataset item this output answers`
        : `${where}: "example_id" must be a non-empty string or a number, got ${(0,dataset_format/* describeJsonType */.cc)(raw)}`);
    return undefined;
}
/** `metadata` plus every key that is neither the schema's nor an `eval.` column; `metadata` wins a clash. */
function parse_import_record_metadataOf(fields, where, problems) {
    const others = {};
    for (const [key, value] of Object.entries(fields)) {
        if (!RECORD_KEYS.has(key) && parseEvaluationColumn(key) === undefined && value !== undefined)
            others[key] = value;
    }
    const metadata = fields.metadata;
    if (metadata === undefined || metadata === null)
        return others;
    if (!parse_import_record_isRecord(metadata)) {
        problems.push(`${where}: "metadata" must be an object, got ${(0,dataset_format/* describeJsonType */.cc)(metadata)}`);
        return others;
    }
    return { ...others, ...metadata };
}
function callOf(metadata, where, problems) {
    const call = {
        latency_ms: numberField(metadata, "latency_ms", where, problems) ?? 0,
        attempts: 1,
    };
    const attempts = numberField(metadata, "attempts", where, problems);
    if (attempts !== undefined) {
        if (Number.isSafeInteger(attempts) && attempts >= 1)
            call.attempts = attempts;
        else
            problems.push(`${where}: metadata.attempts must be a whole number ≥ 1, got ${attempts}`);
    }
    const cost = numberField(metadata, "cost", where, problems);
    if (cost !== undefined)
        call.cost = cost;
    if (metadata.usage !== undefined && metadata.usage !== null && !parse_import_record_isRecord(metadata.usage)) {
        problems.push(`${where}: metadata.usage must be an object of token counts, got ${(0,dataset_format/* describeJsonType */.cc)(metadata.usage)}`);
    }
    // Token counts in any provider's shape, under `usage` or on the metadata itself.
    const usage = normalizeUsage(metadata.usage) ?? normalizeUsage(metadata);
    if (usage !== undefined)
        call.usage = usage;
    const model = textField(metadata, "model", where, problems);
    if (model !== undefined)
        call.model = model;
    const error = textField(metadata, "error", where, problems);
    if (error !== undefined)
        call.error = error;
    if (metadata.tool_calls !== undefined && metadata.tool_calls !== null) {
        if (Array.isArray(metadata.tool_calls))
            call.tool_calls = metadata.tool_calls;
        else
            problems.push(`${where}: metadata.tool_calls must be a list of tool calls, got ${(0,dataset_format/* describeJsonType */.cc)(metadata.tool_calls)}`);
    }
    return call;
}
/** A finite number ≥ 0, or decimal text of one (a CSV cell); absent when null or empty. */
function numberField(metadata, key, where, problems) {
    const value = metadata[key];
    if (value === undefined || value === null || value === "")
        return undefined;
    const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
    if (Number.isFinite(number) && number >= 0)
        return number;
    problems.push(`${where}: metadata.${key} must be a number ≥ 0, got ${shownValue(value)}`);
    return undefined;
}
function textField(metadata, key, where, problems) {
    const value = metadata[key];
    if (value === undefined || value === null || value === "")
        return undefined;
    if (typeof value === "string")
        return value;
    problems.push(`${where}: metadata.${key} must be text, got ${(0,dataset_format/* describeJsonType */.cc)(value)}`);
    return undefined;
}
function scorerErrorsOf(value, where, problems) {
    if (value === undefined || value === null)
        return {};
    if (!parse_import_record_isRecord(value) || Object.values(value).some((message) => typeof message !== "string")) {
        problems.push(`${where}: metadata.scorer_errors must be an object {scorer: message}, got ${(0,dataset_format/* describeJsonType */.cc)(value)}`);
        return {};
    }
    return value;
}
function shownValue(value) {
    if (typeof value === "string")
        return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
    return typeof value === "number" ? String(value) : (0,dataset_format/* describeJsonType */.cc)(value);
}
function parse_import_record_isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/core/import/read-import-records.ts





/**
 * Every record of an import file (UTF-8 chunks in `format`; `file` is the name shown), checked:
 * each problem (a line that is not JSON, a missing example_id or output, a bad evaluation, an
 * example_id given twice) is named with its `file:line`, and all of them are thrown together in
 * one UserError, so nothing is stored from a file with any problem. A file with no record is
 * refused too. Records are kept in memory: the import joins them with the dataset's items.
 */
async function readImportRecords(format, chunks, file) {
    const problems = new ImportProblems();
    const records = [];
    const firstSeen = new Map();
    const raws = readRawRecords(format, chunks, file, {
        csvHeader: importCsvHeader,
        // A record that is not JSON is one problem among the others, and reading goes on.
        onRecordProblem: (problem) => problems.add(problem),
        limitNesting: true,
        describeCsvSyntaxProblem: csvSyntaxProblem,
    });
    try {
        for await (const raw of raws) {
            const value = recordValue(raw, problems);
            if (value === SKIPPED)
                continue;
            // Checked on the raw id, so a duplicate of a record with another problem is named too.
            const id = rawExampleId(value);
            const first = id === undefined ? undefined : firstSeen.get(id);
            if (id !== undefined && first !== undefined) {
                problems.add(`${raw.where}: example_id ${JSON.stringify(id)} appears again (first at ${first}); give one record per dataset item`);
                continue;
            }
            if (id !== undefined)
                firstSeen.set(id, raw.where);
            const found = [];
            const record = parseImportRecord(value, raw.where, found);
            found.forEach((problem) => problems.add(problem));
            if (record !== undefined)
                records.push(record);
        }
    }
    catch (error) {
        // A problem that stops the reading (the file is not an array, a CSV quote never closes):
        // reported after those found before it.
        if (!(error instanceof core_errors/* UserError */.yo))
            throw error;
        problems.add(error.message);
    }
    problems.throwIfAny(file);
    if (records.length === 0) {
        throw new core_errors/* UserError */.yo(`${file}: no records to import; write one record per dataset item with example_id and output`);
    }
    return records;
}
const SKIPPED = Symbol("skipped");
/** The record as a JSON file would hold it; a CSV row whose cells are not what its columns need is SKIPPED, its problems added. */
function recordValue(raw, problems) {
    if (raw.format !== "csv")
        return raw.value;
    const found = [];
    const value = importCsvRowToRecord(raw.value, raw.where, found);
    found.forEach((problem) => problems.add(problem));
    return found.length === 0 ? value : SKIPPED;
}
/** The example_id as parseImportRecord reads it, when it is one. */
function rawExampleId(value) {
    if (value === null || typeof value !== "object" || !("example_id" in value))
        return undefined;
    const id = value.example_id;
    if (typeof id === "string" && id !== "")
        return id;
    return typeof id === "number" && Number.isFinite(id) ? String(id) : undefined;
}
function csvSyntaxProblem(problem, where) {
    return `${where}: not valid CSV (${problem.code}); quote a field with a comma, quote or line break, and double each quote inside it`;
}

;// CONCATENATED MODULE: ./src/core/import/target-only-variables.ts
/** What a variable only the target reads is set to for an import, which never calls the target. */
const UNUSED_TARGET_VALUE = "evalgate-import.invalid";
const UNUSED_TARGET_URL = `http://${UNUSED_TARGET_VALUE}`;
/**
 * The environment an import prepares the experiment with: `env`, plus a stand-in for every
 * `${NAME}` (without a `:-default`) that the experiment's target reads, that is not set, and that
 * no scorer reads. An import never calls the target, so `evalgate runs import` needs neither the
 * deployment's URL nor its token; a judge's API key must still be set, as it is used.
 * The stored definition keeps the uninterpolated text, so the stand-ins change no version.
 */
function importEnvironment(experiment, env) {
    const scorerNames = new Set(requiredVariables(experiment.scorers));
    const filled = {};
    for (const name of requiredVariables(experiment.target)) {
        if (env[name] === undefined && !scorerNames.has(name)) {
            filled[name] = name === "EVALGATE_TARGET_URL" ? UNUSED_TARGET_URL : UNUSED_TARGET_VALUE;
        }
    }
    return { ...env, ...filled };
}
/** `${NAME}` references in every string of `value` (`$${` is a literal, `${NAME:-x}` has a default). */
function requiredVariables(value) {
    if (typeof value === "string") {
        const names = [];
        for (const match of value.matchAll(/\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(:-)?/g)) {
            if (!match[0].startsWith("$$") && match[2] === undefined)
                names.push(match[1]);
        }
        return names;
    }
    if (Array.isArray(value))
        return value.flatMap(requiredVariables);
    if (value !== null && typeof value === "object")
        return Object.values(value).flatMap(requiredVariables);
    return [];
}

;// CONCATENATED MODULE: ./src/core/import/evaluation-outcome.ts


/**
 * An imported evaluation as a scorer's outcome. `passed`: from the label when it is a verdict word
 * (PASS_LABELS / FAIL_LABELS), else score ≥ PASSING_SCORE. `score`: as given, else 1 for a pass
 * label and 0 for a fail label. The evidence's reason is the explanation (else a sentence naming
 * the label and score); the label, when there is one, is what the evidence `read`. The evaluation
 * has been checked (read-evaluations.ts): a score or a verdict label is always there.
 */
function evaluationOutcome(name, evaluation) {
    const verdict = evaluation.label === undefined ? undefined : labelVerdict(evaluation.label);
    const score = evaluation.score ?? (verdict === true ? 1 : 0);
    const passed = verdict ?? reaches(score, PASSING_SCORE);
    const given = [
        ...(evaluation.label !== undefined ? [`label ${JSON.stringify(evaluation.label)}`] : []),
        ...(evaluation.score !== undefined ? [`score ${evaluation.score}`] : []),
    ].join(", ");
    const reason = evaluation.explanation ?? `imported evaluation ${name}: ${given} (${passed ? "passed" : "failed"})`;
    return {
        score,
        passed,
        evidence: { ...(evaluation.label !== undefined ? { read: { label: evaluation.label } } : {}), reason },
    };
}

;// CONCATENATED MODULE: ./src/core/import/score-imported-item.ts



/** Why an imported item without evaluations is an error (import without `--score`). */
const NO_EVALUATION_IMPORTED = "no evaluation was imported for this item and --score was not given: nothing judged it; " +
    "add its evaluations, or import with --score to run the experiment's scorers";
/**
 * The scores of an item imported without `--score`: one per imported evaluation, named for it
 * (evaluation-outcome.ts says how each passes), and the item's status decided by `scoreItem`, the
 * one place that decides it, under the experiment's pass rule (a weighted rule weighs an
 * evaluation as the experiment weighs the scorer with its name, else 1). A score listed in
 * `scorerErrors` keeps its error and fails the item, as a scorer that errored does in a run.
 *
 * An item whose call failed (`result.error`) is an error and keeps the scores it was exported
 * with; an item with no evaluation is an error (NO_EVALUATION_IMPORTED): nobody judged it.
 */
async function scoreImportedItem(record, item, result, experimentScorers, runId, rule) {
    const evaluations = Object.entries(record.evaluations ?? {});
    if (evaluations.length === 0 && result.error === undefined)
        return { status: "error", scores: [], error: NO_EVALUATION_IMPORTED };
    // No false green from a hand-made file: every scorer of the experiment that applies to the item
    // must have judged it, or nobody did (an evaluation named "q" cannot stand in for json_valid).
    const missing = experimentScorers.filter((scorer) => appliesTo(scorer.modifiers, item) && record.evaluations?.[scorer.label] === undefined);
    if (missing.length > 0 && result.error === undefined) {
        return { status: "error", scores: [], error: missingEvaluations(missing, evaluations.map(([name]) => name)) };
    }
    const weights = new Map(experimentScorers.map((scorer) => [scorer.label, weightOf(scorer.modifiers)]));
    const imported = evaluations.map(([name, evaluation]) => ({
        label: name,
        name: "import",
        fn: () => evaluationOutcome(name, evaluation),
        // An evaluation the experiment has no scorer for never lifts a weighted mean; under `all` it
        // can only fail the item.
        modifiers: { weight: weights.get(name) ?? 0 },
    }));
    // scoreItem scores nothing for a failed call: that item is scored as if it had answered, then
    // stays an error (it was one when exported).
    const { error: _error, ...answered } = result;
    const scored = await scoreItem(imported, item, answered, { runId }, rule);
    const scores = scored.scores.map((score) => {
        const error = record.scorerErrors[score.scorer];
        return error === undefined ? score : { ...score, passed: false, error };
    });
    if (result.error !== undefined)
        return { status: "error", scores };
    const errored = scores.some((score) => score.error !== undefined);
    return { ...scored, scores, ...(errored && scored.status === "passed" ? { status: "failed" } : {}) };
}
function missingEvaluations(missing, given) {
    const names = missing.map((scorer) => scorer.label).join(", ");
    const had = given.length > 0 ? given.join(", ") : "none";
    return (`no imported evaluation for the experiment's scorer${missing.length === 1 ? "" : "s"} ${names} (the record has ${had}): ` +
        "name evaluations after the experiment's scorers, or import with --score to run them");
}

// EXTERNAL MODULE: ./src/core/model/annotation.ts
var annotation = __webpack_require__(59120);
;// CONCATENATED MODULE: ./src/core/import/evaluation-annotations.ts


/** The author of annotations kept from an import's evaluations. */
const IMPORT_AUTHOR = "import";
/**
 * With `--score` the experiment's scorers judge the outputs, and the imported evaluations are kept
 * beside their scores as annotations, one per evaluation, named as it is: a `metric` (its score)
 * when it has a score, else a `label` (its label text). The note holds the explanation, and the
 * label too when the evaluation has both. Annotations never change an item's status or a verdict.
 * Texts longer than ANNOTATION_LIMITS are cut with "…"; names were checked (annotationNameProblems).
 */
function evaluationAnnotations(record, runItem, updatedAt) {
    return Object.entries(record.evaluations ?? {}).map(([name, evaluation]) => {
        const labelled = evaluation.score !== undefined && evaluation.label !== undefined ? `label: ${evaluation.label}` : undefined;
        const note = [labelled, evaluation.explanation].filter((part) => part !== undefined).join("\n");
        return {
            run_id: runItem.run_id,
            run_item_id: runItem.id,
            item_id: runItem.item_id,
            name,
            ...(evaluation.score !== undefined
                ? { kind: "metric", value: evaluation.score }
                : { kind: "label", value: truncate(evaluation.label ?? "", annotation/* ANNOTATION_LIMITS */.x.label) }),
            ...(note !== "" ? { note: truncate(note, annotation/* ANNOTATION_LIMITS */.x.note) } : {}),
            author: IMPORT_AUTHOR,
            updated_at: updatedAt,
        };
    });
}
/** Evaluation names too long to be annotation names: refused before anything is stored. */
function annotationNameProblems(records) {
    const problems = [];
    for (const record of records) {
        for (const name of Object.keys(record.evaluations ?? {})) {
            if (name.length > annotation/* ANNOTATION_LIMITS */.x.name) {
                problems.push(`${record.where}: evaluation name "${truncate(name, 40)}" is longer than ${annotation/* ANNOTATION_LIMITS */.x.name} characters; ` +
                    "with --score the evaluations are kept as annotations, whose names are at most that long");
            }
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/engine/import-run.ts
















/** Why a dataset item the import file has no record for is an error. */
function missingRecordError(source) {
    return `the import file ${source} has no record for this item`;
}
/** Unknown example_ids listed in the refusal: enough to see the pattern. */
const MAX_LISTED_IDS = 50;
/**
 * Stores an imported run like any other: a new run of the experiment's current version over its
 * dataset version, one run item per dataset item (its input, expected and metadata; the record's
 * output and call), scored from the imported evaluations or, with `score`, by the experiment's
 * scorers exactly as `evalgate run` scores a target's answers. A dataset item with no record is an
 * error item (a run covers its whole dataset version). Status and verdict come from the gate.
 *
 * Throws UserError before anything is stored when a record's example_id is not an item of the
 * dataset (every such id listed), or, with `score`, an evaluation's name is too long for an annotation.
 */
async function importRun(options) {
    const { prepared, store, records } = options;
    const now = options.now ?? (() => new Date());
    const byId = new Map(records.map((record) => [record.exampleId, record]));
    await refuseUnknownIds(prepared, byId);
    const nameProblems = options.score ? annotationNameProblems(records) : [];
    if (nameProblems.length > 0)
        throw new core_errors/* UserError */.yo([...nameProblems.slice(0, 20), "nothing was imported"].join("\n"));
    await saveVersion(store, prepared, now);
    const run = {
        ...newRunOf(prepared, `import:${options.source}`, now),
        label: options.label ?? "import",
        ...(options.git?.commit ? { git_commit: options.git.commit } : {}),
        ...(options.git?.branch ? { git_branch: options.git.branch } : {}),
    };
    await store.createRun(run);
    const lease = await takeRunLease(store, run.id, now);
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    lease.startHeartbeat({ onCancelled: () => stop.abort(), onLost: () => stop.abort() });
    const accumulator = createRunSummaryAccumulator({ cluster: prepared.experiment.cluster });
    const writes = new WriteBehind(store);
    const annotations = [];
    const statusChanged = [];
    let missing = 0;
    try {
        const importOne = async (item) => {
            const record = byId.get(item.id);
            const result = record === undefined ? missingResult(options.source) : resultOf(record, prepared);
            const scored = await scoreOne(options, item, record, result, run.id, signal);
            if (scored === undefined)
                return;
            if (record === undefined)
                missing += 1;
            // Re-scored items may well change: only a status derived from the exported scores is checked.
            else if (!options.score && record.exportedStatus !== undefined && record.exportedStatus !== scored.status)
                statusChanged.push(item.id);
            const runItem = toRunItem(run.id, item, result, scored, now());
            await writes.put(runItem);
            accumulator.add(runItem);
            if (options.score && record !== undefined)
                annotations.push(...evaluationAnnotations(record, runItem, now().toISOString()));
        };
        await runPool(datasetItems(prepared), options.score ? prepared.concurrency : 1, importOne, () => signal.aborted);
    }
    finally {
        lease.stopHeartbeat();
        await Promise.all(prepared.scorers.map((scorer) => scorer.fn.close?.()));
        await prepared.itemScorers.close();
        await prepared.target.close?.();
        await writes.settled();
    }
    try {
        // After the items: an annotation names its run item, which must be stored first.
        if (annotations.length > 0)
            await store.putAnnotations(annotations);
        const summary = accumulator.summary();
        const { max_error_rate: maxErrorRate } = prepared.experiment;
        const cancelled = signal.aborted || (await lease.cancelledElsewhere());
        const completion = cancelled ? "cancelled" : (0,core_gate/* exceedsErrorBudget */.XL)(summary, maxErrorRate) ? "errored" : "ended";
        const verdict = (0,core_gate/* decideVerdict */.AU)({ gate: prepared.experiment.gate, maxErrorRate, status: completion, itemCount: run.item_count, summary });
        const status = completion === "ended" ? (verdict.verdict === "pass" ? "passed" : "failed") : completion;
        const ended = { status, ended_at: now().toISOString(), summary, verdict: verdict.verdict, verdict_reasons: verdict.reasons };
        await store.endRun(run.id, ended);
        return { run: { ...run, ...ended }, verdict, missing, statusChanged, annotations: annotations.length };
    }
    finally {
        await lease.release().catch(() => undefined);
    }
}
/** Every example_id must be an item of the dataset version: all unknown ones are named in one refusal. */
async function refuseUnknownIds(prepared, byId) {
    const unknown = new Set(byId.keys());
    for await (const item of datasetItems(prepared))
        unknown.delete(item.id);
    if (unknown.size === 0)
        return;
    const listed = [...unknown].slice(0, MAX_LISTED_IDS).map((id) => `  ${JSON.stringify(id)} (${byId.get(id).where})`);
    const more = unknown.size - listed.length;
    throw new core_errors/* UserError */.yo([
        `${(0,stats/* formatCount */.B4)(unknown.size)} example_id${unknown.size === 1 ? " is" : "s are"} not ${unknown.size === 1 ? "an item" : "items"} of the dataset ` +
            `${prepared.dataset.path} (version ${prepared.dataset.version}) of experiment ${prepared.name}; nothing was imported:`,
        ...listed,
        ...(more > 0 ? [`  … and ${(0,stats/* formatCount */.B4)(more)} more`] : []),
        "an example_id is the id of a dataset item: its own id field, else a hash of its content " +
            "(the item_id of every run of the experiment: `evalgate reports export RUN --artifact-format arize` lists them)",
    ].join("\n"));
}
/** The record as a target's result: what `evalgate run` would have got from the target. */
function resultOf(record, prepared) {
    const { call } = record;
    const toolCalls = normalizeToolCalls(call.tool_calls);
    const failed = call.error !== undefined;
    const result = {
        // On a failed call, null means the call left no output (an export writes null for none).
        ...(failed && record.output === null ? {} : { output: record.output }),
        latency_ms: call.latency_ms,
        attempts: call.attempts,
        ...(toolCalls !== undefined ? { tool_calls: toolCalls } : {}),
        ...(call.usage !== undefined ? { usage: call.usage } : {}),
        ...(call.cost !== undefined ? { cost: call.cost } : {}),
        ...(call.model !== undefined ? { model: call.model } : {}),
        ...(failed ? { error: call.error } : {}),
    };
    // As for a target's answer: a null output with no tool call is no answer (an error item, never
    // a pass), and a cost comes from the config's price table when the record gives none.
    return applyPrices(requireAnswer(result, { field: "output", response: record.output }), prepared.prices);
}
function missingResult(source) {
    return { latency_ms: 0, attempts: 0, error: missingRecordError(source) };
}
/** undefined when cancelled mid-score: the item is not stored (as in a run). */
async function scoreOne(options, item, record, result, runId, signal) {
    const { prepared } = options;
    const scorers = prepared.itemScorers.scorersFor(item);
    if (record === undefined)
        return { status: "error", scores: [] };
    if (!options.score)
        return scoreImportedItem(record, item, result, scorers, runId, prepared.passRule);
    const scored = await scoreItem(scorers, item, result, { runId, signal }, prepared.passRule);
    return signal.aborted ? undefined : scored;
}

;// CONCATENATED MODULE: ./src/cli/commands/runs-import.ts















function registerRunsImportCommand(runs, io, setExit) {
    runs
        .command("import")
        .description("store outputs produced elsewhere (the Arize run schema) as a run of an experiment, judged by its gate")
        .argument("<file>", "a .csv, .json (an array) or .jsonl file of records {example_id, output, evaluations?, metadata?}; - for stdin")
        .requiredOption("--experiment <name>", "the experiment whose dataset the example_ids name")
        .option("--score", "run the experiment's scorers over the outputs (the imported evaluations are kept as annotations)")
        .option("--name <label>", "a label for the run (default: import)")
        .option("--format <format>", "the file's format when its name does not end in .csv, .json or .jsonl (always for -): csv, json or jsonl")
        .option("--concurrency <n>", "with --score: items scored at once, overriding the experiment's concurrency")
        .option("--no-cache", "with --score: ask LLM judges again instead of reusing cached replies")
        .action(async (file, flags, command) => {
        setExit(await importCommand(file, flags, command, io));
    });
}
async function importCommand(file, flags, command, io) {
    const format = importFormat(file, flags.format);
    const concurrency = flags.concurrency === undefined ? undefined : parsePositiveInt("--concurrency", flags.concurrency, MAX_CONCURRENCY);
    const { config, allowOutsideProject, store } = globalOptions(command);
    const loaded = await loadConfigFile(config, { allowOutsideProject });
    const experiment = findExperiment(loaded, flags.experiment);
    const prepared = await prepareExperiment({
        name: flags.experiment,
        experiment,
        configDir: loaded.dir,
        env: importEnvironment(experiment, io.env),
        ...(concurrency ? { concurrency } : {}),
        allowOutsideProject,
        locate: loaded.locate,
        prices: loaded.config.prices,
        ...(flags.cache !== false ? { cacheDir: external_node_path_default().join(storeScheme(store) === undefined ? store : ".evalgate", "cache") } : {}),
    });
    const shownName = file === "-" ? "stdin" : file;
    const records = await readImportRecords(format, await openImportFile(file), shownName);
    if (!flags.score && records.every((record) => record.evaluations === undefined)) {
        throw new core_errors/* UserError */.yo(`${shownName}: no record has evaluations, so nothing would judge the outputs; ` +
            "import with --score to run the experiment's scorers over them, or add evaluations ({name: {label, score, explanation}})");
    }
    const controller = new AbortController();
    const onSigint = () => {
        if (controller.signal.aborted)
            process.exit(130);
        io.stderr.write("\nstopping: the items stored so far are kept, the run ends cancelled (Ctrl-C again to quit at once)\n");
        controller.abort();
    };
    process.on("SIGINT", onSigint);
    let outcome;
    try {
        outcome = await withStore(command, async (runStore) => importRun({
            prepared,
            store: runStore,
            records,
            source: file === "-" ? "stdin" : external_node_path_default().basename(file),
            score: flags.score === true,
            git: await readGitInfo(loaded.dir),
            signal: controller.signal,
            ...(flags.name ? { label: flags.name } : {}),
        }));
    }
    finally {
        process.off("SIGINT", onSigint);
    }
    io.stdout.write(renderRunSummary(outcome.run, outcome.verdict) + "\n");
    reportImport(outcome, records.length, shownName, io);
    return (0,exit_codes/* exitCodeFor */.Rr)(outcome.verdict);
}
function reportImport(outcome, recordCount, file, io) {
    const { run } = outcome;
    const lines = [`imported ${(0,stats/* formatCount */.B4)(recordCount)} record${recordCount === 1 ? "" : "s"} from ${file} as run ${run.id}`];
    if (outcome.missing > 0) {
        lines.push(`${(0,stats/* formatCount */.B4)(outcome.missing)} of the dataset's ${(0,stats/* formatCount */.B4)(run.item_count)} items had no record: they are stored as errors`);
    }
    if (outcome.annotations > 0)
        lines.push(`kept ${(0,stats/* formatCount */.B4)(outcome.annotations)} imported evaluations as annotations`);
    if (outcome.statusChanged.length > 0) {
        const shown = outcome.statusChanged.slice(0, 5).map((id) => JSON.stringify(id)).join(", ");
        lines.push(`${(0,stats/* formatCount */.B4)(outcome.statusChanged.length)} items now have another status than their metadata.status says (${shown}` +
            `${outcome.statusChanged.length > 5 ? ", …" : ""}): the status is derived again from the evaluations under this experiment's pass rule`);
    }
    if (run.status === "cancelled")
        lines.push(`run ${run.id} cancelled: it keeps the items stored before the stop`);
    io.stderr.write(lines.join("\n") + "\n");
}
function importFormat(file, flag) {
    if (flag !== undefined) {
        if (IMPORT_FORMATS.includes(flag))
            return flag;
        throw new core_errors/* UserError */.yo(`--format: "${flag}" is not one of ${IMPORT_FORMATS.join(", ")}`);
    }
    if (file === "-")
        throw new core_errors/* UserError */.yo("reading records from stdin (-): say their format with --format csv, json or jsonl");
    const format = importFormatOf(file);
    if (format === undefined) {
        throw new core_errors/* UserError */.yo(`${file}: the file's name does not say its format; name it .csv, .json or .jsonl, or give --format csv, json or jsonl`);
    }
    return format;
}
/** The file's bytes, or stdin's. Checked before opening: opening a named pipe would wait for a writer. */
async function openImportFile(file) {
    if (file === "-")
        return process.stdin;
    const stats = await (0,promises_.stat)(file).catch((error) => {
        const code = error.code;
        if (code === "ENOENT" || code === "ENOTDIR")
            throw new core_errors/* UserError */.yo(`${file}: file not found`);
        if (code === "EACCES")
            throw new core_errors/* UserError */.yo(`${file}: permission denied`);
        throw error;
    });
    if (!stats.isFile())
        throw new core_errors/* UserError */.yo(`${file}: not a file; give a .csv, .json or .jsonl file, or - for stdin`);
    const handle = await (0,promises_.open)(file, "r").catch((error) => {
        if (error.code === "EACCES")
            throw new core_errors/* UserError */.yo(`${file}: permission denied`);
        throw error;
    });
    // The stream closes the handle when it ends or fails.
    return handle.createReadStream({ highWaterMark: 64 * 1024 });
}

;// CONCATENATED MODULE: ./src/core/annotations/summarize-annotations.ts

/**
 * Summarizes annotations per (name, kind), ordered by name in code point order, a metric before
 * a label of the same name. Pure: the CLI, the comparison, exports and the HTML report share it.
 */
function summarizeAnnotations(annotations) {
    const groups = new Map();
    for (const annotation of annotations) {
        const key = `${annotation.kind}\u0000${annotation.name}`;
        const group = groups.get(key);
        if (group === undefined)
            groups.set(key, [annotation]);
        else
            group.push(annotation);
    }
    const summaries = [...groups.values()].map((group) => summarizeGroup(group));
    return summaries.sort((a, b) => (0,item_id_order/* compareItemIds */.D)(a.name, b.name) || (a.kind === b.kind ? 0 : a.kind === "metric" ? -1 : 1));
}
function summarizeGroup(group) {
    const [first] = group;
    const base = { name: first.name, kind: first.kind, count: group.length };
    if (first.kind === "metric") {
        let sum = 0;
        let min = Number.POSITIVE_INFINITY;
        let max = Number.NEGATIVE_INFINITY;
        // A loop, not Math.min(...values): a spread of 100,000 arguments overflows the stack.
        for (const annotation of group) {
            const value = Number(annotation.value);
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return { ...base, mean: sum / group.length, min, max };
    }
    const counts = new Map();
    for (const annotation of group)
        counts.set(String(annotation.value), (counts.get(String(annotation.value)) ?? 0) + 1);
    const labels = [...counts].map(([label, count]) => ({ label, count }));
    labels.sort((a, b) => b.count - a.count || (0,item_id_order/* compareItemIds */.D)(a.label, b.label));
    return { ...base, labels };
}
/**
 * A run's annotations by run item id, each item's in the order given (runAnnotations orders them
 * by name): for views that show annotations beside an item's scores.
 */
function annotationsByRunItem(annotations) {
    const byItem = new Map();
    for (const annotation of annotations) {
        const list = byItem.get(annotation.run_item_id);
        if (list === undefined)
            byItem.set(annotation.run_item_id, [annotation]);
        else
            list.push(annotation);
    }
    return byItem;
}

;// CONCATENATED MODULE: ./src/core/compare-many-runs.ts






/** One run's numbers over all its items, as the side-by-side table shows them. */
const SideBySideSummarySchema = schemas/* object */.Ikc({
    total: schemas/* number */.aig().int().nonnegative(),
    passed: schemas/* number */.aig().int().nonnegative(),
    /** Items whose call failed for good. */
    errors: schemas/* number */.aig().int().nonnegative(),
    /** passed / total; 0 when total is 0. */
    pass_rate: schemas/* number */.aig(),
    /** 95 % Wilson interval of pass_rate (on the effective size when clustered). */
    pass_rate_ci95: schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* number */.aig()]),
    /** Items whose repeats both passed and failed; present when the run repeats items. */
    flaky: schemas/* number */.aig().int().nonnegative().optional(),
    scorers: schemas/* array */.YOg(schemas/* object */.Ikc({
        scorer: schemas/* string */.YjP(),
        mean: schemas/* number */.aig(),
        /** Standard error of `mean` (CLT, or clustered). */
        se: schemas/* number */.aig().nonnegative().optional(),
        pass_rate: schemas/* number */.aig(),
    })),
    /** Latency of the calls that answered, in ms; 0 when none did. */
    latency_ms: schemas/* object */.Ikc({ p50: schemas/* number */.aig(), p95: schemas/* number */.aig() }),
    /** Tokens the target reported; 0 when it reported none. */
    tokens: schemas/* object */.Ikc({ input: schemas/* number */.aig(), output: schemas/* number */.aig(), total: schemas/* number */.aig() }),
    /** What the target reported its calls cost, in its own unit; 0 when it reported none. */
    cost: schemas/* number */.aig(),
});
const SideBySideRunSchema = schemas/* object */.Ikc({
    run_id: schemas/* string */.YjP(),
    experiment: schemas/* string */.YjP(),
    label: schemas/* string */.YjP().optional(),
    variant: schemas/* string */.YjP().optional(),
    dataset_version: schemas/* string */.YjP(),
    summary: SideBySideSummarySchema,
});
/** An item whose status is not the same in every run; null where a run has no such item. */
const DifferingItemSchema = schemas/* object */.Ikc({
    item_id: schemas/* string */.YjP(),
    /** One per run, in the order of `runs`. */
    statuses: schemas/* array */.YOg(RunItemStatusSchema.nullable()),
});
/**
 * 2 to 4 runs side by side, each summarized over all its items (not only the shared ones: the
 * runs need not cover the same items), and the items whose status differs between them.
 */
const ManyRunsComparisonSchema = schemas/* object */.Ikc({
    runs: schemas/* array */.YOg(SideBySideRunSchema).min(2).max(4),
    differing_items: schemas/* object */.Ikc({
        /** Exact. */
        count: schemas/* number */.aig().int().nonnegative(),
        /** The first ones in item order, capped by `maxListedItems`. */
        items: schemas/* array */.YOg(DifferingItemSchema),
    }),
});
const MIN_RUNS_SIDE_BY_SIDE = 2;
const MAX_RUNS_SIDE_BY_SIDE = 4;
const DEFAULT_MAX_LISTED_ITEMS = 1000;
/**
 * Compares 2 to 4 runs by a streaming k-way merge-join over their item streams (the way
 * compareRuns joins two), so memory holds each run's summary numbers and the capped list of
 * differing items, never a run. An item differs when its status (passed, failed, error, or
 * absent) is not the same in every run. Throws UserError for fewer than 2 or more than 4 runs,
 * and an Error for a stream not ordered by item_id.
 */
async function compareManyRuns(runs, options = {}) {
    if (runs.length < MIN_RUNS_SIDE_BY_SIDE || runs.length > MAX_RUNS_SIDE_BY_SIDE) {
        throw new core_errors/* UserError */.yo(`runs compare takes ${MIN_RUNS_SIDE_BY_SIDE} to ${MAX_RUNS_SIDE_BY_SIDE} runs, got ${runs.length}: ` +
            "name a baseline and up to three other runs");
    }
    const maxListed = options.maxListedItems ?? DEFAULT_MAX_LISTED_ITEMS;
    const cluster = options.cluster !== undefined ? { cluster: options.cluster } : {};
    const summaries = runs.map(() => createRunSummaryAccumulator(cluster));
    const cursors = runs.map((input, index) => orderedItemCursor(input.items, `run ${input.run.id} (#${index + 1})`));
    const listed = [];
    let differing = 0;
    try {
        const heads = await Promise.all(cursors.map((cursor) => cursor.next()));
        for (;;) {
            const itemId = smallestId(heads);
            if (itemId === undefined)
                break;
            const here = heads.map((head) => head !== undefined && head.item_id === itemId);
            const statuses = heads.map((head, index) => (here[index] === true ? head.status : null));
            if (statuses.some((status) => status !== statuses[0])) {
                differing += 1;
                if (listed.length < maxListed)
                    listed.push({ item_id: itemId, statuses });
            }
            await Promise.all(heads.map(async (head, index) => {
                if (head === undefined || here[index] !== true)
                    return;
                summaries[index].add(head);
                heads[index] = await cursors[index].next();
            }));
        }
    }
    finally {
        await Promise.all(cursors.map((cursor) => cursor.close()));
    }
    return {
        runs: runs.map(({ run }, index) => ({
            run_id: run.id,
            experiment: run.experiment,
            ...(run.label !== undefined ? { label: run.label } : {}),
            ...(run.variant !== undefined ? { variant: run.variant } : {}),
            dataset_version: run.dataset_version,
            summary: sideBySideSummary(summaries[index].summary()),
        })),
        differing_items: { count: differing, items: listed },
    };
}
function smallestId(heads) {
    let smallest;
    for (const head of heads) {
        if (head !== undefined && (smallest === undefined || (0,item_id_order/* compareItemIds */.D)(head.item_id, smallest) < 0))
            smallest = head.item_id;
    }
    return smallest;
}
function sideBySideSummary(summary) {
    return {
        total: summary.total,
        passed: summary.passed,
        errors: summary.errored,
        pass_rate: summary.pass_rate,
        // The accumulator always sets it; runs stored before intervals never reach here.
        pass_rate_ci95: summary.pass_rate_ci95 ?? [0, 1],
        ...(summary.flaky !== undefined ? { flaky: summary.flaky } : {}),
        scorers: summary.scorers.map((scorer) => ({
            scorer: scorer.scorer,
            mean: scorer.mean,
            ...(scorer.se !== undefined ? { se: scorer.se } : {}),
            pass_rate: scorer.pass_rate,
        })),
        latency_ms: { p50: summary.latency_ms.p50, p95: summary.latency_ms.p95 },
        tokens: { input: summary.tokens.input, output: summary.tokens.output, total: summary.tokens.total },
        cost: summary.cost,
    };
}

;// CONCATENATED MODULE: ./src/core/report/render-comparison.ts













const render_comparison_WIDTH = 80;
// Scorer names are recognizable cut to this many columns.
const NAME_KEPT = 12;
/**
 * A comparison for an 80-column terminal, most important first: the pass-rate headline (with
 * intervals, the paired test and what the dataset can detect) and the flip counts, the scorer
 * table with each scorer's test and each run's annotations, then the flipped items with their
 * reasons, the flaky items apart from them, then the costs and the verdict.
 */
function renderComparison(comparison, verdict, options = {}) {
    const shown = options.maxFlippedShown ?? 20;
    const against = { against: (0,core_gate/* passRateThresholds */.IM)(verdict) };
    const lines = [
        `Comparison of ${oneLine(comparison.candidate.experiment)}`,
        `  baseline    ${render_comparison_runLine(comparison.baseline)}`,
        `  candidate   ${render_comparison_runLine(comparison.candidate)}`,
        `  experiment  ${versions(comparison.baseline.experiment_version, comparison.candidate.experiment_version)}`,
        `  dataset     ${versions(comparison.baseline.dataset_version, comparison.candidate.dataset_version)}`,
        ...(options.overrideChanges ?? []).map((change, index) => `  ${index === 0 ? "overrides " : "          "}  ${excerpt(change, render_comparison_WIDTH - 14)}`),
        "",
        // "p = 0.039" and "≥ 24 pp" read as one value: never split across lines.
        ...wrapText(pass_rate_headline_passRateHeadline(comparison, against.against), render_comparison_WIDTH, "", "  ", /p = \S+|≥ \S+ pp/g),
        flipCounts(comparison),
        ...(comparison.dataset_note !== undefined ? ["", ...wrapText(`Note: ${comparison.dataset_note}`, render_comparison_WIDTH)] : []),
        ...paragraph([
            ...oneSidedLines("only in the baseline", comparison.items.only_baseline),
            ...oneSidedLines("only in the candidate", comparison.items.only_candidate),
        ]),
        ...scorerLines(comparison, against),
        ...paragraph(annotationLines(options.annotations)),
        ...flippedLines("Regressions", "passed in the baseline, not in the candidate", comparison.regressions, shown),
        ...flippedLines("Fixes", "not passed in the baseline, passed in the candidate", comparison.fixes, shown),
        ...flakyLines(comparison, shown),
        ...errorLines(comparison),
        ...paragraph(metricsLines(comparison, verdict)),
        "",
        ...renderVerdictLines(verdict),
    ];
    return fitLines(lines, render_comparison_WIDTH);
}
function render_comparison_runLine(run) {
    const label = run.label !== undefined ? ` (${oneLine(run.label)})` : "";
    return `${run.run_id}${label}`;
}
function versions(baseline, candidate) {
    return baseline === candidate ? `${baseline} (same version)` : `${baseline} → ${candidate} (changed)`;
}
function flipCounts(comparison) {
    const newErrors = comparison.errors.new_errors.count;
    const flaky = comparison.flaky_items.count;
    return [
        render_comparison_plural(comparison.regressions.count, "regression"),
        render_comparison_plural(comparison.fixes.count, "fix", "fixes"),
        render_comparison_plural(newErrors, "new error"),
        ...(flaky > 0 ? [render_comparison_plural(flaky, "flaky item")] : []),
    ].join(" · ");
}
function oneSidedLines(where, list) {
    if (list.count === 0)
        return [];
    return wrapText(`${render_comparison_plural(list.count, "item")} ${where}: ${idExcerpt(list)}`, render_comparison_WIDTH);
}
// A terminal reader needs a few examples, not a thousand ids; the count is exact.
const IDS_SHOWN = 10;
function idExcerpt(list) {
    const ids = list.ids.slice(0, IDS_SHOWN).map((id) => excerpt(id, 40));
    const hidden = list.count - ids.length;
    return hidden > 0 ? `${ids.join(", ")}, … ${(0,stats/* formatCount */.B4)(hidden)} more` : ids.join(", ");
}
/**
 * Per scorer: the means, the change with its 95 % interval, p and the scorer's verdict; the pass
 * rates too when the table still fits the terminal with them.
 */
function scorerLines(comparison, against) {
    const { scorers, statistics } = comparison;
    const percent = (rate) => (0,stats/* formatPercent */.l9)(rate, against);
    if (scorers.length === 0)
        return [];
    const rows = scorers.map((scorer) => [
        scorer.scorer,
        `${side(scorer.baseline?.mean, stats/* formatScore */.y)} → ${side(scorer.candidate?.mean, stats/* formatScore */.y)}`,
        scorer.statistic === null ? "—" : scorer_statistic_text_deltaWithInterval(scorer.statistic),
        scorer_statistic_text_scorerPValue(scorer.statistic, statistics.alpha),
        scorer_statistic_text_scorerVerdictText(scorer),
        `${side(scorer.baseline?.pass_rate, percent)} → ${side(scorer.candidate?.pass_rate, percent)}`,
    ]);
    const header = ["scorer", "mean", "Δ mean [95% CI]", "p", "verdict", "pass rate"];
    const align = ["left", "right", "right", "right", "left", "right"];
    // The pass rates come last and go first: they are shown when every other column fits whole
    // beside scorer names of at least NAME_KEPT columns.
    const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => displayWidth(row[column] ?? ""))));
    const needed = Math.min(widths[0] ?? 0, NAME_KEPT) + widths.slice(1).reduce((sum, width) => sum + width + 2, 0);
    const shownColumns = needed <= render_comparison_WIDTH ? header.length : header.length - 1;
    // A long scorer name is cut, never a number.
    const table = formatTable(header.slice(0, shownColumns), rows.map((row) => row.slice(0, shownColumns)), { align, maxWidth: render_comparison_WIDTH, shrink: 0 });
    return ["", table];
}
function annotationLines(annotations) {
    if (annotations === undefined)
        return [];
    return annotationComparisonLines([
        { title: "baseline", summaries: annotations.baseline },
        { title: "candidate", summaries: annotations.candidate },
    ], render_comparison_WIDTH);
}
function side(value, format) {
    return value === undefined ? "—" : format(value);
}
function flippedLines(title, meaning, list, shown) {
    if (list.count === 0)
        return [];
    return ["", ...wrapText(`${title} (${(0,stats/* formatCount */.B4)(list.count)}): ${meaning}`, render_comparison_WIDTH, "", "  "), ...itemsLines(list, shown, flipMovement)];
}
/**
 * Flaky items in a block of their own, never among regressions or fixes: their count, then the
 * flips among them, each read by its repeats ("passed 2 of 5 → 4 of 5").
 */
function flakyLines(comparison, shown) {
    const { flaky, flaky_items: flakyItems } = comparison;
    if (flakyItems.count === 0 && flaky.count === 0)
        return [];
    const title = `Flaky items (${(0,stats/* formatCount */.B4)(flakyItems.count)}, ${(0,stats/* formatCount */.B4)(flaky.count)} flipped): repeats both passed ` +
        "and failed, so their flips are neither regressions nor fixes";
    return ["", ...wrapText(title, render_comparison_WIDTH, "", "  "), ...itemsLines(flaky, shown, flakyFlipMovement)];
}
function itemsLines(list, shown, movement) {
    const lines = list.items.slice(0, shown).flatMap((item) => flippedItemLines(item, movement(item)));
    const hidden = list.count - Math.min(shown, list.items.length);
    if (hidden > 0)
        lines.push(`  … and ${(0,stats/* formatCount */.B4)(hidden)} more`);
    return lines;
}
function flippedItemLines(item, movement) {
    const lines = [`  ${oneLine(item.item_id)}  ${movement}  (run item ${item.run_item_id})`];
    if (item.candidate_error !== undefined)
        lines.push(`    error: ${excerpt(item.candidate_error, 66)}`);
    for (const scorer of item.changed_scorers) {
        const movement = `${side(scorer.baseline?.score, stats/* formatScore */.y)} → ${side(scorer.candidate?.score, stats/* formatScore */.y)}`;
        lines.push(`    ${excerpt(`${scorer.scorer} ${movement}: ${scorer.reason}`, 74)}`);
    }
    lines.push(`    input      ${excerpt(item.input)}`, `    baseline   ${excerpt(item.baseline_output)}`, `    candidate  ${excerpt(item.candidate_output)}`);
    return lines;
}
function errorLines(comparison) {
    const { errors } = comparison;
    if (errors.baseline === 0 && errors.candidate === 0)
        return [];
    const lines = ["", `errors ${(0,stats/* formatCount */.B4)(errors.baseline)} → ${(0,stats/* formatCount */.B4)(errors.candidate)}`];
    if (errors.new_errors.count > 0) {
        lines.push(...wrapText(`new errors: ${idExcerpt(errors.new_errors)}`, render_comparison_WIDTH, "  "));
    }
    return lines;
}
/** Latency, tokens and cost with deltas and budgets; nothing when no run reports any of them. */
function metricsLines(comparison, verdict) {
    const { header, rows } = metricsTable(comparison, { errors: false, verdict });
    if (rows.length === 0)
        return [];
    const align = ["left", "right", "right", "right", "right"];
    return [formatTable(header, rows, { align, maxWidth: render_comparison_WIDTH })];
}
/** A blank line before a block that has lines; nothing for an empty one. */
function paragraph(lines) {
    return lines.length === 0 ? [] : ["", ...lines];
}
function render_comparison_plural(count, word, many = `${word}s`) {
    return `${(0,stats/* formatCount */.B4)(count)} ${count === 1 ? word : many}`;
}

;// CONCATENATED MODULE: ./src/core/report/render-runs-side-by-side.ts








/** Each run's column letter, in the order the runs were named. */
const LETTERS = ["A", "B", "C", "D"];
const MARKS = { passed: "✓", failed: "✗", error: "!" };
const ABSENT = "–";
/**
 * 2 to 4 runs for a terminal (core/compare-many-runs.ts): a legend of the runs, one table with a
 * column per run (items, pass rate ± the half-width of its 95 % interval, each scorer's mean ±
 * 1.96 standard errors, errors, flaky items, latency p50/p95, tokens, cost; a metric no run
 * reports left out), then the items whose status differs, item × run.
 */
function renderRunsSideBySide(comparison, options = {}) {
    const width = options.width ?? 80;
    const { runs } = comparison;
    const experiments = new Set(runs.map((run) => run.experiment));
    const versions = new Set(runs.map((run) => run.dataset_version));
    const lines = [
        experiments.size === 1 ? `Runs of ${oneLine(runs[0]?.experiment ?? "")}, side by side` : "Runs side by side",
        ...runs.map((run, index) => `  ${LETTERS[index]}  ${legendText(run, experiments.size > 1)}`),
        ...(versions.size > 1
            ? ["", ...wrapText(`Note: the runs cover different dataset versions (${[...versions].join(", ")}): compare with care.`, width)]
            : []),
        "",
        summaryTable(runs, width, options.thresholds ?? []),
        "",
        ...differingLines(comparison, width, options.maxItemsShown ?? 20),
    ];
    return fitLines(lines, width);
}
function legendText(run, withExperiment) {
    const parts = [
        run.run_id,
        ...(run.label !== undefined ? [oneLine(run.label)] : []),
        ...(run.variant !== undefined ? [`variant ${oneLine(run.variant)}`] : []),
        ...(withExperiment ? [`experiment ${oneLine(run.experiment)}`] : []),
        `dataset ${run.dataset_version}`,
    ];
    return parts.join(" · ");
}
function summaryTable(runs, width, thresholds) {
    const summaries = runs.map((run) => run.summary);
    const scorers = [...new Set(summaries.flatMap((summary) => summary.scorers.map((scorer) => scorer.scorer)))];
    const anyOf = (value) => summaries.some((summary) => value(summary) !== 0);
    const rows = [
        ["items", ...summaries.map((summary) => (0,stats/* formatCount */.B4)(summary.total))],
        ["pass rate", ...summaries.map((summary) => pass_rate_headline_summaryPassRate(summary, thresholds))],
        ...scorers.map((name) => [
            `${name} mean`,
            ...summaries.map((summary) => {
                const scorer = summary.scorers.find((candidate) => candidate.scorer === name);
                return scorer === undefined ? "—" : meanWithSpread(scorer.mean, scorer.se);
            }),
        ]),
        ["errors", ...summaries.map((summary) => (0,stats/* formatCount */.B4)(summary.errors))],
        ...(summaries.some((summary) => summary.flaky !== undefined)
            ? [["flaky", ...summaries.map((summary) => (summary.flaky === undefined ? "—" : (0,stats/* formatCount */.B4)(summary.flaky)))]]
            : []),
        // A metric every run reports as 0 is one no target reports: no data, so no row.
        ...(anyOf((summary) => summary.latency_ms.p95)
            ? [
                ["latency p50", ...summaries.map((summary) => (0,stats/* formatMs */._V)(summary.latency_ms.p50))],
                ["latency p95", ...summaries.map((summary) => (0,stats/* formatMs */._V)(summary.latency_ms.p95))],
            ]
            : []),
        ...(anyOf((summary) => summary.tokens.total) ? [["tokens", ...summaries.map((summary) => (0,stats/* formatCount */.B4)(summary.tokens.total))]] : []),
        ...(anyOf((summary) => summary.cost) ? [["cost", ...summaries.map((summary) => (0,stats/* formatCost */.BD)(summary.cost))]] : []),
    ];
    const header = ["", ...runs.map((run, index) => columnHeader(run, index, rows))];
    const align = header.map((_, column) => (column === 0 ? "left" : "right"));
    // Only the row labels (scorer names) are cut: a number cut short would mislead.
    return formatTable(header, rows, { align, maxWidth: width, shrink: 0 });
}
/** "A main": the run's letter and label (else variant), no wider than the column's values. */
function columnHeader(run, index, rows) {
    const letter = LETTERS[index] ?? String(index + 1);
    const name = run.label ?? run.variant;
    if (name === undefined)
        return letter;
    const widest = Math.max(6, ...rows.map((row) => displayWidth(row[index + 1] ?? "")));
    return truncateToWidth(`${letter} ${oneLine(name)}`, widest);
}
function differingLines(comparison, width, maxShown) {
    const { count, items } = comparison.differing_items;
    if (count === 0)
        return ["Every item has the same status in every run."];
    const shown = items.slice(0, maxShown);
    const header = ["item", ...comparison.runs.map((_, index) => LETTERS[index] ?? String(index + 1))];
    const rows = shown.map((item) => [oneLine(item.item_id), ...item.statuses.map((status) => (status === null ? ABSENT : MARKS[status]))]);
    const hidden = count - shown.length;
    return [
        ...wrapText(`Items whose status differs (${(0,stats/* formatCount */.B4)(count)}): ✓ passed · ✗ failed · ! error · ${ABSENT} absent`, width),
        "",
        formatTable(header, rows, { maxWidth: width, shrink: 0 }),
        ...(hidden > 0 ? [`… and ${(0,stats/* formatCount */.B4)(hidden)} more`] : []),
    ];
}

;// CONCATENATED MODULE: ./src/core/stored-variants.ts



const StoredVariantsSchema = schemas/* looseObject */._H3({ variants: VariantsSchema.optional() });
/**
 * The overrides a run was made with, from the experiment version it stored: none for a baseline
 * run (no variant) or when the stored definition holds no readable variants.
 */
function storedRunOverrides(definition, variant) {
    if (variant === undefined)
        return {};
    const parsed = StoredVariantsSchema.safeParse(definition);
    const variants = parsed.success ? parsed.data.variants : undefined;
    return variants?.[variant] === undefined ? {} : effectiveOverrides(variants, variant);
}
/** What a comparison of two runs names as the overrides that differ (empty for two baselines). */
function overrideChanges(baseline, candidate) {
    return differingOverrides(storedRunOverrides(baseline.definition, baseline.variant), storedRunOverrides(candidate.definition, candidate.variant));
}

;// CONCATENATED MODULE: ./src/cli/stored-override-changes.ts

/** The overrides that differ between two stored runs, read from the experiment versions they stored. */
async function storedOverrideChanges(store, baseline, candidate) {
    const definitionOf = async (run) => (await store.getExperimentVersion(run.experiment, run.experiment_version))?.definition;
    return overrideChanges({ definition: await definitionOf(baseline), variant: baseline.variant }, { definition: await definitionOf(candidate), variant: candidate.variant });
}

;// CONCATENATED MODULE: ./src/cli/commands/runs-compare.ts














/** A side-by-side view holds the baseline and up to three more runs (the seed tool's 2–4). */
const MAX_RUNS = 4;
/**
 * `runs compare BASE RUN`: the paired comparison, its statistics and verdict. `runs compare BASE
 * R2 R3 [R4]`: one table with a column per run and the items whose outcome differs across runs,
 * then each run's verdict against BASE. Exits with the worst verdict's code.
 */
function registerRunsCompareCommand(runs, io, setExit) {
    runs
        .command("compare")
        .description("compare runs with a baseline: paired statistics, flipped items, gate verdict; 2-4 runs side by side")
        .argument("<base-run>", "the baseline run")
        .argument("<run...>", "one run to compare in full, or two or three to see side by side")
        .option("--format <format>", "table or json", "table")
        .option("--threshold <percent>", "minimum pass rate in percent, overriding the gate's passed_threshold")
        .action(async (baseId, ids, flags, command) => {
        const format = parseFormat(flags.format);
        const threshold = flags.threshold === undefined ? undefined : parsePercent("--threshold", flags.threshold);
        if (ids.length + 1 > MAX_RUNS) {
            throw new core_errors/* UserError */.yo(`runs compare takes the baseline and at most ${MAX_RUNS - 1} more runs, got ${ids.length}; compare fewer at once`);
        }
        await withStore(command, async (store) => {
            const baseline = await requireRun(store, baseId);
            const candidates = await Promise.all(ids.map((id) => requireRun(store, id)));
            const exit = candidates.length === 1
                ? await compareTwo(store, io, baseline, candidates[0], format, threshold)
                : await compareSideBySide(store, io, baseline, candidates, format, threshold);
            setExit(exit);
        });
    });
}
async function compareTwo(store, io, baseline, candidate, format, threshold) {
    const compared = await compareStoredRuns(store, baseline, candidate, io.cwd);
    const { comparison } = compared;
    const { verdict } = await judgeStoredRun(store, candidate, compared, threshold);
    const changes = await storedOverrideChanges(store, baseline, candidate);
    const annotations = { baseline: await annotationSummary(store, baseline), candidate: await annotationSummary(store, candidate) };
    if (format === "table")
        io.stdout.write(renderComparison(comparison, verdict, { overrideChanges: changes, annotations }) + "\n");
    else {
        const overrides = changes.length > 0 ? { override_changes: changes } : {};
        io.stdout.write(JSON.stringify({ comparison, verdict, ...overrides, annotations }, null, format === "json" ? 2 : undefined) + "\n");
    }
    return (0,exit_codes/* exitCodeFor */.Rr)(verdict);
}
async function compareSideBySide(store, io, baseline, candidates, format, threshold) {
    // Every run is judged against the baseline first: runs of another experiment are refused (exit 2)
    // before anything is printed.
    const verdicts = [];
    for (const candidate of candidates) {
        const compared = await compareStoredRuns(store, baseline, candidate, io.cwd);
        verdicts.push({ run_id: candidate.id, verdict: (await judgeStoredRun(store, candidate, compared, threshold)).verdict });
    }
    const version = await store.getExperimentVersion(baseline.experiment, baseline.experiment_version);
    const { cluster, gate } = storedGateOf(baseline.id, baseline.experiment_version, version?.definition);
    const runs = [baseline, ...candidates];
    const comparison = await compareManyRuns(runs.map((run) => ({ run, items: store.runItems(run.id) })), cluster !== undefined ? { cluster } : {});
    const thresholds = [gate.passed_threshold, ...verdicts.flatMap(({ verdict }) => (0,core_gate/* passRateThresholds */.IM)(verdict))];
    const annotations = await Promise.all(runs.map(async (run) => ({ run_id: run.id, annotations: await annotationSummary(store, run) })));
    if (format === "table")
        io.stdout.write(sideBySideText(comparison, verdicts, terminalWidth(io), thresholds, annotations));
    else
        io.stdout.write(JSON.stringify({ comparison, verdicts, annotations }, null, format === "json" ? 2 : undefined) + "\n");
    return verdicts.reduce((worst, { verdict }) => (0,exit_codes/* worseExit */.zY)(worst, (0,exit_codes/* exitCodeFor */.Rr)(verdict)), exit_codes/* EXIT */.dc.pass);
}
function sideBySideText(comparison, verdicts, width, thresholds, annotations) {
    const lines = [renderRunsSideBySide(comparison, { width, thresholds }), ""];
    // Columns lettered as the side-by-side table letters its runs.
    const columns = annotations.map((run, index) => ({ title: String.fromCharCode(65 + index), summaries: run.annotations }));
    const annotationLines = annotationComparisonLines(columns, width);
    if (annotationLines.length > 0)
        lines.push(...annotationLines, "");
    for (const { run_id: runId, verdict } of verdicts) {
        lines.push(`Against the baseline, ${runId}:`, ...renderVerdictLines(verdict, width), "");
    }
    return lines.join("\n");
}
/** People's annotations of a run, summarized per name (core/annotations): shown beside the scores, never judged. */
async function annotationSummary(store, run) {
    return summarizeAnnotations(await store.runAnnotations(run.id));
}

;// CONCATENATED MODULE: ./src/core/annotations/check-annotation-record.ts




// Plain decimal or exponent notation only: Number() would also read "0x10", "" and " " as numbers.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/**
 * Checks one record's fields: a run item (`run_item_id` or `item_id`), a `name`, exactly one of
 * `metric` (a finite number; in CSV a cell holding one) and `label` (text), and optional `note`
 * and `author`, every text within ANNOTATION_LIMITS. JSON null is an absent field. Other fields
 * are ignored, so a sheet exported with context columns can be annotated in place. Every problem
 * is returned (as `file:line: field: what to write instead`), not only the first.
 */
function checkAnnotationRecord(record) {
    const { where, fields } = record;
    const problems = [];
    const problem = (field, text) => problems.push(`${where}: ${field}: ${text}`);
    const absent = (field) => fields[field] === undefined || fields[field] === null;
    const runItemId = check_annotation_record_textField(fields, "run_item_id", { problem });
    const itemId = itemIdField(fields, problem);
    if (absent("run_item_id") && absent("item_id")) {
        problem("run_item_id", 'missing; name the run item by "run_item_id" (as comparisons show it, the "id" of an exported item) or by "item_id" (the dataset item\'s id)');
    }
    const name = check_annotation_record_textField(fields, "name", { problem, max: annotation/* ANNOTATION_LIMITS */.x.name, trim: true });
    if (absent("name"))
        problem("name", 'missing; give the annotation a "name", e.g. "helpfulness"');
    const note = check_annotation_record_textField(fields, "note", { problem, max: annotation/* ANNOTATION_LIMITS */.x.note, emptyIsAbsent: true });
    const author = check_annotation_record_textField(fields, "author", { problem, max: annotation/* ANNOTATION_LIMITS */.x.author, emptyIsAbsent: true });
    const value = check_annotation_record_valueOf(record, problem);
    if (problems.length > 0 || name === undefined || value === undefined)
        return { problems };
    const draft = { where, name, ...value };
    if (runItemId !== undefined)
        draft.run_item_id = runItemId;
    if (itemId !== undefined)
        draft.item_id = itemId;
    if (note !== undefined)
        draft.note = note;
    if (author !== undefined)
        draft.author = author;
    return { draft, problems };
}
function check_annotation_record_textField(fields, field, options) {
    const raw = fields[field];
    if (raw === undefined || raw === null)
        return undefined;
    if (typeof raw !== "string") {
        options.problem(field, `expected text, got ${(0,dataset_format/* describeJsonType */.cc)(raw)}${typeof raw === "number" ? ` (write it in quotes: "${raw}")` : ""}`);
        return undefined;
    }
    const text = options.trim === true ? raw.trim() : raw;
    if (text === "") {
        if (options.emptyIsAbsent === true)
            return undefined;
        options.problem(field, "is empty; write a value or leave the field out");
        return undefined;
    }
    if (options.max !== undefined && text.length > options.max) {
        options.problem(field, `is ${(0,stats/* formatCount */.B4)(text.length)} characters long; at most ${(0,stats/* formatCount */.B4)(options.max)} are allowed`);
        return undefined;
    }
    return text;
}
/** An item id as datasets allow it: text, or a number (a dataset's numeric `id` became its text). */
function itemIdField(fields, problem) {
    const raw = fields["item_id"];
    if (typeof raw === "number" && Number.isFinite(raw))
        return String(raw);
    return check_annotation_record_textField(fields, "item_id", { problem });
}
function check_annotation_record_valueOf(record, problem) {
    const metric = record.fields["metric"] ?? undefined;
    const label = record.fields["label"] ?? undefined;
    if (metric !== undefined && label !== undefined) {
        problem("metric", 'is given beside "label"; an annotation is one of them: a number as "metric" or a text as "label" (use two names for both)');
        return undefined;
    }
    if (metric === undefined && label === undefined) {
        problem("metric", 'missing; give a number as "metric" or a text as "label"');
        return undefined;
    }
    if (metric !== undefined) {
        const value = metricOf(metric, record.fromCsv);
        if (typeof value === "string") {
            problem("metric", value);
            return undefined;
        }
        return { kind: "metric", value };
    }
    if (typeof label !== "string") {
        const hint = typeof label === "number" ? `; give a number as "metric", or write the label in quotes ("${label}")` : "; write the label as text";
        problem("label", `expected text, got ${(0,dataset_format/* describeJsonType */.cc)(label)}${hint}`);
        return undefined;
    }
    if (label === "") {
        problem("label", 'is empty; write a label, or give a number as "metric"');
        return undefined;
    }
    if (label.length > annotation/* ANNOTATION_LIMITS */.x.label) {
        problem("label", `is ${(0,stats/* formatCount */.B4)(label.length)} characters long; at most ${(0,stats/* formatCount */.B4)(annotation/* ANNOTATION_LIMITS */.x.label)} are allowed (put longer text in "note")`);
        return undefined;
    }
    return { kind: "label", value: label };
}
/** The metric's number, or why it is not one. */
function metricOf(metric, fromCsv) {
    // JSON.parse reads 1e400 as Infinity.
    if (typeof metric === "number")
        return Number.isFinite(metric) ? metric : `${metric} is not a finite number`;
    if (typeof metric === "string" && fromCsv) {
        const trimmed = metric.trim();
        const value = DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
        if (Number.isFinite(value))
            return value;
        if (DECIMAL.test(trimmed))
            return `${excerpt(metric, 40)} is too large a number`;
        return `"${excerpt(metric, 40)}" is not a number; write a number such as 0.8 or 4, or use a "label" column for text`;
    }
    if (typeof metric === "string") {
        const looksNumeric = DECIMAL.test(metric.trim());
        return looksNumeric
            ? `"${excerpt(metric, 40)}" is text; write the number without quotes`
            : `"${excerpt(metric, 40)}" is not a number; write a number such as 0.8, or give text as "label"`;
    }
    return `expected a number, got ${(0,dataset_format/* describeJsonType */.cc)(metric)}`;
}

;// CONCATENATED MODULE: ./src/core/annotations/collect-annotations.ts




/** Problems listed in full before the rest are counted: the first few say what is wrong. */
const PROBLEMS_SHOWN = 20;
/**
 * Reads every record and checks it against the run before anything is written: a single bad
 * record (malformed fields, a run item the run does not have) refuses the whole file with a
 * UserError listing the problems as `file:line: field: what to write instead`. An empty file is
 * refused too.
 */
async function collectAnnotations(records, options) {
    const byKey = new Map();
    const problems = [];
    let count = 0;
    let replaced = 0;
    for await (const record of records) {
        count += 1;
        const checked = checkAnnotationRecord(record);
        problems.push(...checked.problems);
        if (checked.draft === undefined)
            continue;
        const target = runItemOf(checked.draft, options, problems);
        if (target === undefined || problems.length > 0)
            continue;
        const annotation = toAnnotation(checked.draft, target, options);
        const key = `${annotation.run_item_id}\u0000${annotation.name}`;
        if (byKey.has(key)) {
            replaced += 1;
            // Deleted first so the latest record also takes the latest place in the write order.
            byKey.delete(key);
        }
        byKey.set(key, annotation);
    }
    if (problems.length > 0)
        throw collect_annotations_refusal(options.file, problems);
    if (count === 0)
        throw new core_errors/* UserError */.yo(`${options.file}: no annotations in the file; write one record per run item and name`);
    return { annotations: [...byKey.values()], records: count, replaced };
}
function runItemOf(draft, options, problems) {
    const { runItems, runId } = options;
    const quoted = (id) => JSON.stringify(excerpt(id, 80));
    if (draft.run_item_id !== undefined) {
        const itemId = runItems.itemIdOf.get(draft.run_item_id);
        if (itemId === undefined) {
            problems.push(`${draft.where}: run_item_id: ${quoted(draft.run_item_id)} is not a run item of run ${runId}`);
            return undefined;
        }
        if (draft.item_id !== undefined && draft.item_id !== itemId) {
            problems.push(`${draft.where}: item_id: ${quoted(draft.item_id)} is not the item of run item ${draft.run_item_id} (that is ${quoted(itemId)}); give one of the two, or both matching`);
            return undefined;
        }
        return { runItemId: draft.run_item_id, itemId };
    }
    const itemId = draft.item_id;
    const runItemId = runItems.runItemIdOf.get(itemId);
    if (runItemId === undefined) {
        problems.push(`${draft.where}: item_id: ${quoted(itemId)} has no run item in run ${runId}`);
        return undefined;
    }
    return { runItemId, itemId };
}
function toAnnotation(draft, target, options) {
    const annotation = {
        run_id: options.runId,
        run_item_id: target.runItemId,
        item_id: target.itemId,
        name: draft.name,
        kind: draft.kind,
        value: draft.value,
        updated_at: options.updatedAt,
    };
    if (draft.note !== undefined)
        annotation.note = draft.note;
    const author = draft.author ?? options.author;
    if (author !== undefined)
        annotation.author = author;
    return annotation;
}
function collect_annotations_refusal(file, problems) {
    const shown = problems.slice(0, PROBLEMS_SHOWN);
    const more = problems.length - shown.length;
    const head = `${file}: ${(0,stats/* formatCount */.B4)(problems.length)} ${problems.length === 1 ? "problem" : "problems"}; nothing was stored`;
    return new core_errors/* UserError */.yo([head, ...shown.map((text) => `  ${text}`), ...(more > 0 ? [`  … and ${(0,stats/* formatCount */.B4)(more)} more`] : [])].join("\n"));
}

;// CONCATENATED MODULE: ./src/core/annotations/read-annotation-records.ts



const ANNOTATION_FILE_FORMATS = ["json", "jsonl", "csv"];
const read_annotation_records_EXTENSIONS = { ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv" };
/**
 * `--format` when given (it must be json, jsonl or csv), else the file's extension; stdin (`-`)
 * has none, so it needs `--format`.
 */
function annotationFormatOf(file, format) {
    if (format !== undefined) {
        if (ANNOTATION_FILE_FORMATS.includes(format))
            return format;
        throw new core_errors/* UserError */.yo(`--format: "${format}" is not one of ${ANNOTATION_FILE_FORMATS.join(", ")}`);
    }
    const extension = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";
    const known = read_annotation_records_EXTENSIONS[extension];
    if (known !== undefined)
        return known;
    if (file === "-")
        throw new core_errors/* UserError */.yo("--file -: stdin has no file name to tell its format; add --format json, jsonl or csv");
    throw new core_errors/* UserError */.yo(`${file}: unknown annotations format; name the file .json, .jsonl or .csv, or add --format json|jsonl|csv`);
}
/**
 * The records of an annotations file's chunks (UTF-8 bytes or text), one at a time. A file that is
 * not well-formed (bad JSON, an unclosed CSV quote, a record that is not an object) stops here with
 * a UserError naming file and line; the fields themselves are checked by the caller.
 */
async function* readAnnotationRecords(format, chunks, file) {
    const records = readRawRecords(format, chunks, file, { csvHeader: read_annotation_records_csvHeader, describeCsvSyntaxProblem: read_annotation_records_csvSyntaxProblem });
    for await (const record of records)
        yield annotationRecordOf(record);
}
function annotationRecordOf(record) {
    const { where } = record;
    if (record.format !== "csv")
        return { fields: objectOf(record.value, where), where, fromCsv: false };
    const fields = {};
    for (const [name, cell] of Object.entries(record.value)) {
        // An empty cell is an absent field: a sheet has a metric and a label column, one of them blank.
        if (cell !== "")
            fields[name] = cell;
    }
    return { fields, where, fromCsv: true };
}
function objectOf(value, where) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new core_errors/* UserError */.yo(`${where}: expected a JSON object with "run_item_id" or "item_id", "name" and "metric" or "label", got ${(0,dataset_format/* describeJsonType */.cc)(value)}`);
    }
    return value;
}
/** The header row; a sheet without the columns every record needs is refused here, once, not per row. */
function read_annotation_records_csvHeader(cells, where) {
    const names = cells.map((cell) => cell.trim());
    const seen = new Set();
    for (const [index, name] of names.entries()) {
        if (name === "")
            throw new core_errors/* UserError */.yo(`${where}: the header has an empty column name (column ${index + 1})`);
        if (seen.has(name))
            throw new core_errors/* UserError */.yo(`${where}: column "${name}" appears twice in the header`);
        seen.add(name);
    }
    const missing = [
        ...(seen.has("run_item_id") || seen.has("item_id") ? [] : ['"run_item_id" or "item_id"']),
        ...(seen.has("name") ? [] : ['"name"']),
        ...(seen.has("metric") || seen.has("label") ? [] : ['"metric" or "label"']),
    ];
    if (missing.length > 0) {
        throw new core_errors/* UserError */.yo(`${where}: the header has no ${missing.join(", no ")} column; the columns are run_item_id or item_id, name, metric and/or label, note, author`);
    }
    return names;
}
function read_annotation_records_csvSyntaxProblem(problem, where) {
    return `${where}: not valid CSV (${problem.code}); quote a cell holding a comma, a quote or a line break, and double each quote inside it`;
}

;// CONCATENATED MODULE: ./src/cli/commands/runs-annotate.ts








/**
 * Annotations per store write (one transaction, one commit on a results branch): bounded, so a
 * file of 100,000 holds the store's write lock a moment at a time, never for the whole file.
 */
const ANNOTATION_BATCH = 1_000;
/**
 * `runs annotate RUN --file F`: people's judgements of a run's items, named metrics (numbers) and
 * labels (text), read from JSON, JSONL or CSV (`-`: stdin). Every record is checked against the
 * run before anything is written; then they are upserted by (run item, name) in batches.
 */
function registerRunsAnnotateCommand(runs, io) {
    runs
        .command("annotate")
        .description("add annotations to a run's items: named metrics (numbers) and labels (text), with a note and author")
        .argument("<run>", "run id (or a unique prefix)")
        .requiredOption("--file <file>", "a .jsonl, .json (array) or .csv file, or - for stdin; each record: run_item_id or item_id, name, metric or label, note?, author?")
        .option("--format <format>", "json, jsonl or csv, when the file name does not tell (stdin)")
        .option("--author <name>", "the author of records that name none")
        .action(async (id, flags, command) => {
        const format = annotationFormatOf(flags.file, flags.format);
        const author = authorFlag(flags.author);
        const shownFile = flags.file === "-" ? "stdin" : flags.file;
        // Reading a terminal would wait for typing that never comes.
        if (flags.file === "-" && process.stdin.isTTY === true)
            throw new core_errors/* UserError */.yo("--file -: stdin is a terminal; pipe the annotations in (… | evalgate runs annotate RUN --file - --format jsonl)");
        const input = flags.file === "-" ? undefined : await openInput(external_node_path_default().resolve(io.cwd, flags.file), flags.file);
        try {
            await withStore(command, async (store) => {
                const run = await requireRun(store, id);
                const chunks = input === undefined ? process.stdin : input.createReadStream({ autoClose: false });
                const collected = await collectAnnotations(readAnnotationRecords(format, chunks, shownFile), {
                    file: shownFile,
                    runId: run.id,
                    runItems: await indexRunItems(store, run.id),
                    updatedAt: new Date().toISOString(),
                    ...(author !== undefined ? { author } : {}),
                });
                await writeInBatches(store, collected.annotations, io);
                const touched = new Set(collected.annotations.map((annotation) => annotation.run_item_id)).size;
                const repeated = collected.replaced > 0 ? ` (${runs_annotate_plural(collected.replaced, "record")} repeated an earlier run item and name; the later one was kept)` : "";
                io.stdout.write(`${run.id}: ${runs_annotate_plural(collected.annotations.length, "annotation")} written, ${runs_annotate_plural(touched, "run item")} touched${repeated}\n`);
            });
        }
        finally {
            await input?.close();
        }
    });
}
function authorFlag(author) {
    if (author === undefined)
        return undefined;
    const trimmed = author.trim();
    if (trimmed === "")
        throw new core_errors/* UserError */.yo("--author: the name is empty; write a name or leave the flag out");
    if (trimmed.length > annotation/* ANNOTATION_LIMITS */.x.author)
        throw new core_errors/* UserError */.yo(`--author: at most ${annotation/* ANNOTATION_LIMITS */.x.author} characters`);
    return trimmed;
}
async function openInput(file, shown) {
    try {
        return await (0,promises_.open)(file, "r");
    }
    catch (error) {
        const code = error.code;
        const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (code ?? String(error));
        throw new core_errors/* UserError */.yo(`--file ${shown}: cannot read it (${why})`);
    }
}
/** Both ways between the run's run item ids and item ids: what a record may name. */
async function indexRunItems(store, runId) {
    const itemIdOf = new Map();
    const runItemIdOf = new Map();
    for await (const item of store.runItems(runId)) {
        itemIdOf.set(item.id, item.item_id);
        runItemIdOf.set(item.item_id, item.id);
    }
    return { itemIdOf, runItemIdOf };
}
async function writeInBatches(store, annotations, io) {
    let written = 0;
    try {
        for (let start = 0; start < annotations.length; start += ANNOTATION_BATCH) {
            const batch = annotations.slice(start, start + ANNOTATION_BATCH);
            await store.putAnnotations(batch);
            written += batch.length;
        }
    }
    catch (error) {
        if (written > 0) {
            io.stderr.write(`evalgate: ${(0,stats/* formatCount */.B4)(written)} of ${(0,stats/* formatCount */.B4)(annotations.length)} annotations were stored before the error below; ` +
                "the same command again writes the rest (annotating twice leaves one value)\n");
        }
        throw error;
    }
}
function runs_annotate_plural(count, word) {
    return `${(0,stats/* formatCount */.B4)(count)} ${count === 1 ? word : `${word}s`}`;
}

;// CONCATENATED MODULE: ./src/cli/run-table.ts



/**
 * What `runs list` shows in a terminal: what a user needs to pick a run. The machine formats
 * keep every field (`RUN_COLUMNS` in commands/run.ts).
 */
const RUN_TABLE_COLUMNS = ["id", "experiment", "label", "status", "pass rate", "items", "age"];
/**
 * The id is what a user copies into the next command, so it is never cut: the label makes room
 * first, then the experiment (both shortened before any is dropped), then the rest.
 */
const RUN_TABLE_FIT = {
    giveWay: ["label", "experiment", "age", "items", "status", "pass rate"],
    align: { "pass rate": "right", items: "right" },
};
/**
 * `liveOwner`: the run's live lease (engine/run-lease.ts); a `running` run without one is listed
 * as interrupted. `thresholds` (fractions): what its pass rate was judged against, so it is never
 * shown rounded onto one (1,799 of 2,000 against 90 % reads 89.95 %).
 */
function runTableRow(run, liveOwner, now, thresholds = []) {
    const stored = run.summary?.total;
    return {
        id: run.id,
        experiment: run.experiment,
        label: run.label ?? "",
        status: statusText(run, liveOwner),
        "pass rate": run.summary ? (0,stats/* formatPercent */.l9)(run.summary.pass_rate, { against: thresholds }) : "",
        // A run that stopped early shows how far it got: "12/50".
        items: stored !== undefined && stored !== run.item_count
            ? `${(0,stats/* formatCount */.B4)(stored)}/${(0,stats/* formatCount */.B4)(run.item_count)}`
            : (0,stats/* formatCount */.B4)(run.item_count),
        age: formatAge(run.started_at, now),
    };
}

;// CONCATENATED MODULE: ./src/core/stored-scorers.ts


// Only the scorers are read: the gate has its own reader (stored-gate.ts), which refuses a bad one.
const StoredScorersSchema = schemas/* looseObject */._H3({ scorers: ExperimentConfigSchema.shape.scorers });
/**
 * The scorers kept with an experiment version (`definition` as stored by the engine), to show
 * which scorers a run was judged by; undefined when the stored definition holds none readable.
 */
function storedScorersOf(definition) {
    const parsed = StoredScorersSchema.safeParse(definition);
    return parsed.success ? parsed.data.scorers : undefined;
}

;// CONCATENATED MODULE: ./src/cli/commands/runs.ts

















function registerRunsCommands(program, io, setExit) {
    const runs = program.command("runs").description("list, show and compare stored runs");
    registerRegressionDatasetCommand(runs, io, setExit);
    registerRunsCancelCommand(runs, io);
    registerRunsDeleteCommand(runs, io);
    registerRunsMergeCommand(runs, io, setExit);
    registerRunsImportCommand(runs, io, setExit);
    runs
        .command("list")
        .description("list runs, newest first")
        .argument("[experiment]", "only runs of this experiment")
        .option("--format <format>", "table, csv, json or jsonl", "table")
        .option("--limit <n>", "at most this many runs", "50")
        .action(async (experiment, flags, command) => {
        const format = parseFormat(flags.format);
        const limit = parsePositiveInt("--limit", flags.limit);
        const listed = await withStore(command, async (store) => {
            const runs = await store.listRuns({ limit, ...(experiment ? { experiment } : {}) });
            const thresholds = passedThresholds(store);
            return Promise.all(runs.map(async (run) => ({ run, liveOwner: await liveOwnerOf(store, run), thresholds: await thresholds(run) })));
        });
        if (format === "table") {
            const now = Date.now();
            const rows = listed.map(({ run, liveOwner, thresholds }) => runTableRow(run, liveOwner, now, thresholds));
            io.stdout.write(formatListing(rows, RUN_TABLE_COLUMNS, format, { ...RUN_TABLE_FIT, width: terminalWidth(io) }));
        }
        else {
            io.stdout.write(formatListing(listed.map(({ run, liveOwner }) => runRow(run, liveOwner)), RUN_COLUMNS, format));
        }
    });
    runs
        .command("show")
        .description("show one run: configuration, counts, scorers, latency, verdict")
        .argument("<run>", "run id (or a unique prefix)")
        .option("--format <format>", "table or json", "table")
        .action(async (id, flags, command) => {
        const format = parseFormat(flags.format);
        await withStore(command, async (store) => {
            const run = await requireRun(store, id);
            const annotations = summarizeAnnotations(await store.runAnnotations(run.id));
            if (format === "table") {
                const { verdict, summary } = await judgeStoredRun(store, run, undefined, undefined);
                const liveOwner = await liveOwnerOf(store, run);
                const { definition } = (await store.getExperimentVersion(run.experiment, run.experiment_version)) ?? {};
                const configuration = {
                    gate: storedGateOf(run.id, run.experiment_version, definition),
                    scorers: storedScorersOf(definition),
                };
                const options = { configuration, annotations, ...(liveOwner ? { liveOwner } : {}) };
                io.stdout.write(renderRunSummary({ ...run, summary }, verdict, options) + "\n");
            }
            else {
                const definition = await store.getExperimentVersion(run.experiment, run.experiment_version);
                const record = { ...run, experiment_definition: definition?.definition, annotations };
                io.stdout.write(format === "json" ? JSON.stringify(record, null, 2) + "\n" : JSON.stringify(record) + "\n");
            }
        });
    });
    registerRunsCompareCommand(runs, io, setExit);
    registerRunsAnnotateCommand(runs, io);
}
/**
 * The pass-rate threshold each run was judged against (its stored gate's), read once per
 * experiment version, so a listed rate never rounds onto it; none when the gate cannot be read.
 */
function passedThresholds(store) {
    const byVersion = new Map();
    return (run) => {
        const key = JSON.stringify([run.experiment, run.experiment_version]);
        let thresholds = byVersion.get(key);
        if (thresholds === undefined) {
            thresholds = store.getExperimentVersion(run.experiment, run.experiment_version).then((version) => {
                try {
                    return [storedGateOf(run.id, run.experiment_version, version?.definition).gate.passed_threshold];
                }
                catch {
                    return [];
                }
            });
            byVersion.set(key, thresholds);
        }
        return thresholds;
    };
}

;// CONCATENATED MODULE: ./src/cli/commands/scores.ts





const SCORE_COLUMNS = ["score_id", "item_id", "scorer", "score", "passed", "reason"];
/**
 * Annotations are rows too, after their run item's scores: `scorer` is the annotation's name,
 * `score` a metric's number, `label` a label's text, `reason` its note. The machine formats always
 * carry these columns (label and author null on scorer rows). The table keeps its six columns:
 * an annotation's row reads "annotation" where a score has its id, and its value under score.
 */
const ANNOTATION_COLUMNS = ["source", "label", "author"];
function registerScoresCommands(program, io) {
    const scores = program.command("scores").description("the scores of a run and their evidence");
    scores
        .command("list")
        .description("every score of a run, one row each, and its items' annotations")
        .requiredOption("--run-id <run>", "run id (or a unique prefix)")
        .option("--format <format>", "table, csv, json or jsonl", "table")
        .option("--failed", "only scores that did not pass")
        .action(async (flags, command) => {
        const format = parseFormat(flags.format);
        await withStore(command, async (store) => {
            const run = await requireRun(store, flags.runId);
            const annotations = annotationsByRunItem(await store.runAnnotations(run.id));
            const rows = [];
            for await (const item of store.runItems(run.id))
                rows.push(...itemRows(item, annotations.get(item.id) ?? [], flags.failed === true, format === "table"));
            if (format === "table")
                io.stdout.write(formatListing(rows, SCORE_COLUMNS, format));
            else
                io.stdout.write(formatListing(rows, [...SCORE_COLUMNS, ...ANNOTATION_COLUMNS], format));
        });
    });
    scores
        .command("evidence")
        .description("what a scorer read, what it compared, and why it decided")
        .argument("<score-id>", "a score id from `scores list`")
        .action(async (id, _flags, command) => {
        await withStore(command, async (store) => {
            const found = await store.getScore(id);
            if (!found)
                throw new core_errors/* UserError */.yo(`no score "${id}" in this store (see \`evalgate scores list --run-id RUN\`)`);
            const { score, runItem } = found;
            const record = {
                score_id: score.id,
                run_id: runItem.run_id,
                item_id: runItem.item_id,
                run_item_id: runItem.id,
                scorer: score.scorer,
                score: score.score,
                passed: score.passed,
                ...(score.error ? { error: score.error } : {}),
                evidence: score.evidence,
            };
            io.stdout.write(JSON.stringify(record, null, 2) + "\n");
        });
    });
}
/**
 * An item's scores (only those that did not pass with `failed`), then its annotations: with
 * `failed`, only for an item that has a listed score, so the failures keep their human judgements.
 */
function itemRows(item, annotations, failed, table) {
    const rows = [];
    for (const score of item.scores) {
        if (failed && score.passed)
            continue;
        rows.push({
            score_id: score.id,
            item_id: item.item_id,
            scorer: score.scorer,
            score: score.score,
            passed: score.passed,
            reason: score.error ?? score.evidence.reason,
            source: "scorer",
        });
    }
    if (failed && rows.length === 0)
        return rows;
    for (const annotation of annotations)
        rows.push(table ? annotationTableRow(annotation) : annotationRow(annotation));
    return rows;
}
function annotationRow(annotation) {
    return {
        item_id: annotation.item_id,
        scorer: annotation.name,
        score: annotation.kind === "metric" ? annotation.value : null,
        reason: annotation.note ?? null,
        source: "annotation",
        label: annotation.kind === "label" ? annotation.value : null,
        author: annotation.author ?? null,
    };
}
/** In the table's six columns: "annotation" where a score has its id, the value under score, note and author as the reason. */
function annotationTableRow(annotation) {
    const reason = [annotation.note, annotation.author === undefined ? undefined : `(by ${annotation.author})`];
    return {
        score_id: "annotation",
        item_id: annotation.item_id,
        scorer: annotation.name,
        score: annotationValueText(annotation),
        reason: reason.filter((part) => part !== undefined).join(" "),
    };
}

;// CONCATENATED MODULE: ./src/cli/commands/store-migrate.ts



/** `evalgate store …`: commands about the store itself rather than the runs in it. */
function registerStoreCommands(program, io) {
    const store = program.command("store").description("manage the store runs are kept in");
    store
        .command("migrate")
        .description(`apply the PostgreSQL store's pending schema migrations (--store postgres://… or ${STORE_URL_VARIABLE}); ` +
        "opening the store applies them too, so this is for a deploy step that runs them once, on purpose")
        .action(async (_flags, command) => {
        io.stdout.write(await migrateStore(command));
    });
}
/**
 * Migrates the PostgreSQL store named by `--store` or EVALGATE_STORE_URL and says from which
 * schema version to which. Throws UserError (exit 2) when neither names a store (a CI secret
 * that is not set must not look like a migration that ran), and when the server cannot be
 * reached or refuses the login (the URL shown with its password as ***). A directory or a
 * results branch has nothing to migrate here: each upgrades itself when opened, so naming one
 * on purpose is answered with that, exit 0.
 */
async function migrateStore(command) {
    const { store, storeOrigin } = globalOptions(command);
    if (storeOrigin === "default") {
        throw new core_errors/* UserError */.yo(`store migrate needs a PostgreSQL store: pass --store postgres://USER@HOST/DB or set ${STORE_URL_VARIABLE} ` +
            "(the embedded store in .evalgate upgrades itself whenever evalgate opens it)");
    }
    if (!(0,store_url/* isPostgresUrl */.p)(store)) {
        const scheme = storeScheme(store);
        // Only the scheme is named: a URL may carry a password.
        if (scheme !== undefined && scheme !== "github")
            throw new core_errors/* UserError */.yo(`${storeOrigin}: evalgate knows no "${scheme}:" store; store migrate is for postgres://USER@HOST/DB`);
        const what = scheme === "github" ? `the results branch ${store}` : `the embedded store in ${store}`;
        return `nothing to migrate: ${what} upgrades itself whenever evalgate opens it; store migrate is for a PostgreSQL store (postgres://…)\n`;
    }
    // Loaded only here: the `pg` driver is no part of the CLI's start-up.
    const { migratePostgresStore } = await Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(384)]).then(__webpack_require__.bind(__webpack_require__, 62384));
    const { from, to } = await migratePostgresStore(store);
    const name = `PostgreSQL store ${(0,store_url/* redactStoreUrl */.M)(store)}`;
    return from === to ? `${name}: already at schema version ${to}\n` : `${name}: schema version ${from} → ${to}\n`;
}

;// CONCATENATED MODULE: ./src/cli/program.ts











/** Runs one CLI invocation and returns its exit code; every error surfaces here, once. */
async function runCli(argv, io) {
    let exitCode = exit_codes/* EXIT */.dc.pass;
    const program = new esm/* Command */.uB()
        .name("evalgate")
        .description("Run experiments on LLM applications and agents, compare runs, gate pull requests.")
        .option("--config <file>", "config file", "evalgate.yml")
        .option("--store <dir|url>", "where runs are kept: a directory, github:OWNER/REPO[@BRANCH] or postgres://USER@HOST/DB (default: EVALGATE_STORE_URL, else .evalgate)")
        .option("--allow-outside-project", "read a dataset or config file that resolves outside the project (the folder of the config file)")
        .showHelpAfterError("(add --help for usage)")
        .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
    });
    registerRunCommand(program, io, (code) => (exitCode = code));
    registerRunsCommands(program, io, (code) => (exitCode = code));
    registerReportsCommands(program, io, (code) => (exitCode = code));
    registerScoresCommands(program, io);
    registerDatasetsCommands(program, io);
    registerExperimentsCommands(program, io);
    registerVariantsCommands(program, io);
    registerStoreCommands(program, io);
    for (const command of allCommands(program))
        command.exitOverride();
    try {
        await program.parseAsync(argv, { from: "user" });
        return exitCode;
    }
    catch (error) {
        if (error instanceof esm/* CommanderError */.b7) {
            return error.exitCode === 0 ? exit_codes/* EXIT */.dc.pass : exit_codes/* EXIT */.dc.usage;
        }
        if (error instanceof core_errors/* UserError */.yo) {
            io.stderr.write(`evalgate: ${error.message}\n`);
            return exit_codes/* EXIT */.dc.usage;
        }
        if (error instanceof core_errors/* UnavailableError */.hG) {
            io.stderr.write(`evalgate: ${error.message}\n`);
            return exit_codes/* EXIT */.dc.incomplete;
        }
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        io.stderr.write(`evalgate: unexpected error: ${message}\n`);
        return exit_codes/* EXIT */.dc.incomplete;
    }
}
function allCommands(command) {
    return [command, ...command.commands.flatMap(allCommands)];
}


/***/ }),

/***/ 70457:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ae: () => (/* binding */ contentHash),
/* harmony export */   dj: () => (/* binding */ canonicalJson),
/* harmony export */   fg: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Canonical JSON: object keys sorted, no whitespace. Two values that mean the same thing
 * serialise to the same string, so hashes of items and definitions do not depend on key order.
 */
function canonicalJson(value) {
    return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value !== null && typeof value === "object") {
        const sorted = {};
        for (const key of Object.keys(value).sort()) {
            const entry = value[key];
            if (entry !== undefined)
                sorted[key] = sortKeys(entry);
        }
        return sorted;
    }
    return value;
}
function sha256Hex(text) {
    // The one-shot form: ids are hashed several times per run item, on the hot path.
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", text, "hex");
}
/** A short, stable content hash used for ids and versions a user may type. */
function contentHash(value, length = 12) {
    return sha256Hex(canonicalJson(value)).slice(0, length);
}


/***/ }),

/***/ 74469:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PX: () => (/* binding */ MAX_RECORD_CHARS),
/* harmony export */   Pg: () => (/* binding */ recordTooLongMessage),
/* harmony export */   Zo: () => (/* binding */ datasetFormatOf),
/* harmony export */   cc: () => (/* binding */ describeJsonType),
/* harmony export */   tv: () => (/* binding */ recordLocation)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);

/**
 * A record (a JSONL line, a CSV record, a JSON array element) longer than this many characters is
 * refused: the parser holds a whole record, and a file with no line break or an unclosed quote
 * would otherwise be read into memory whole.
 */
const MAX_RECORD_CHARS = 32 * 1024 * 1024;
const FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".json": "json",
};
/** The format follows the extension, so a file never parses differently by accident. */
function datasetFormatOf(file) {
    const extension = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";
    const format = FORMATS[extension];
    if (format === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: unknown dataset format; name the file .jsonl (or .ndjson), .csv or .json`);
    }
    return format;
}
/** `evals/x.jsonl:17` or `evals/x.json:17: item [3]`: the prefix of every message about a record. */
function recordLocation(file, record) {
    return record.index === undefined ? `${file}:${record.line}` : `${file}:${record.line}: item [${record.index}]`;
}
/** How a too-long record is refused, in every format. */
function recordTooLongMessage(where) {
    return `${where}: the record is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MiB; a missing line break or an unclosed quote usually causes this`;
}
/** "an array", "a string", "null": for "expected a JSON object, got …". */
function describeJsonType(value) {
    if (value === null)
        return "null";
    if (Array.isArray(value))
        return "an array";
    const type = typeof value;
    return type === "object" ? "an object" : `a ${type}`;
}


/***/ }),

/***/ 70143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hE: () => (/* binding */ digestOfCanonicalItem),
/* harmony export */   rt: () => (/* binding */ DatasetVersionAccumulator)
/* harmony export */ });
/* unused harmony export datasetVersion */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _canonical_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70457);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74296);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74469);




/**
 * Follows a validating pass over a dataset: rejects duplicate ids (naming both lines), counts
 * items and computes the dataset version. Holds only each id with its line and a digest per item,
 * never the items, so a 100,000-item file stays small.
 *
 * The version is the hash of the sorted item digests: the same items give the same version in
 * any order and any format.
 */
class DatasetVersionAccumulator {
    source;
    firstLine = new Map();
    digests = [];
    constructor(source) {
        this.source = source;
    }
    add(record) {
        const { item, line } = record;
        const first = this.firstLine.get(item.id);
        if (first !== undefined) {
            // An id is content: it is named only when the file is inside the project.
            const id = this.source.quoteContent ? ` ${JSON.stringify(item.id)}` : "";
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .recordLocation */ .tv)(this.source.file, record)}: duplicate item id${id} (first on line ${first}); give each item its own id`);
        }
        this.firstLine.set(item.id, line);
        this.digests.push(itemDigest(item));
    }
    get itemCount() {
        return this.digests.length;
    }
    /** The dataset version; an empty dataset is refused, since a run over it proves nothing. */
    finish() {
        if (this.digests.length === 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${this.source.file}: the dataset has no items; add at least one record`);
        }
        return { version: versionOfDigests(this.digests), item_count: this.digests.length };
    }
}
/** The dataset version of items already in memory (e.g. a regression dataset being written). */
function datasetVersion(items) {
    return versionOfDigests(Array.from(items, itemDigest));
}
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const EQUALS = 0x3d;
const digestCodes = new Array(24).fill(EQUALS);
// 128 bits per item is ample against accidental collisions: the base64 of the digest's first 16
// bytes, 21 whole base64 characters, then one holding the 16th byte's last 2 bits (its other 4
// bits zero) and "==". Read off the base64 string the one-shot `hash` returns, without a Buffer:
// 55–68 ms for 100,000 items where hash(…, "buffer").toString("base64", 0, 16) took 130–150 ms
// (issue 13; this pass runs before a run's first request). Built from char codes, a fresh flat
// 24-character string: slicing and concatenating pinned each full digest, 16 MB against 4.7 MB
// for the 100,000 kept until the version is computed.
function itemDigest(item) {
    return digestOfCanonicalItem((0,_canonical_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalJson */ .dj)(item));
}
/**
 * An item's digest from its canonical JSON (core/canonical.ts): what a dataset version hashes, and
 * what stores key an item's content by (a 24-character base64 string).
 */
function digestOfCanonicalItem(canonical) {
    const full = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", canonical, "base64");
    for (let index = 0; index < 21; index++)
        digestCodes[index] = full.charCodeAt(index);
    digestCodes[21] = BASE64.charCodeAt(BASE64.indexOf(full[21]) & 0x30);
    return String.fromCharCode(...digestCodes);
}
function versionOfDigests(digests) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)("sha256", [...digests].sort().join("\n"), "hex").slice(0, 12);
}


/***/ }),

/***/ 74296:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hG: () => (/* binding */ UnavailableError),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony export isUserError */
/**
 * An error the user can fix (bad config, bad dataset, bad arguments). Adapters print its message
 * once and exit 2 (CLI) or call core.setFailed (Action). `where` names the file, line or field.
 */
class UserError extends Error {
    name = "UserError";
    constructor(message) {
        super(message);
    }
}
function isUserError(error) {
    return error instanceof UserError;
}
/**
 * A failure outside the user's input that stops a command: a store that went away mid-run. The
 * CLI prints its message as one line and exits 3 (could not complete); nothing stored is lost.
 */
class UnavailableError extends Error {
    name = "UnavailableError";
    constructor(message, options) {
        super(message, options);
    }
}


/***/ }),

/***/ 81841:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vg: () => (/* binding */ recoverInterruptedStatus),
/* harmony export */   sz: () => (/* binding */ ExperimentStateSchema),
/* harmony export */   z5: () => (/* binding */ nextExperimentStatus)
/* harmony export */ });
/* unused harmony export ExperimentStatusSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);


/** Where an experiment with variants stands (PRODUCT.md, Variants). */
const ExperimentStatusSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n([
    "draft",
    "baseline_pending",
    "running_baseline",
    "baseline_complete",
    "baseline_failed",
    "running_variant",
    "idle",
    "completed",
    "archived",
]);
/** What the store keeps per experiment: its status and, once the baseline ran, the run that locks its items. */
const ExperimentStateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    experiment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    status: ExperimentStatusSchema,
    /** The completed baseline run whose item ids every later run of the experiment uses. */
    baseline_run_id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    updated_at: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
});
/**
 * Allowed moves. A baseline can be retried until one completes; after that the items are locked
 * and only variants run (a baseline rerun over the locked items is allowed and keeps the lock). A
 * variant that fails still leaves the experiment `idle`: a failing variant is a result, not a
 * broken experiment.
 */
const TRANSITIONS = {
    queue_baseline: { draft: "baseline_pending", baseline_failed: "baseline_pending" },
    start_baseline: {
        draft: "running_baseline",
        baseline_pending: "running_baseline",
        baseline_failed: "running_baseline",
        baseline_complete: "running_baseline",
        idle: "running_baseline",
    },
    baseline_passed: { running_baseline: "baseline_complete" },
    baseline_failed: { running_baseline: "baseline_failed" },
    start_variant: { baseline_complete: "running_variant", idle: "running_variant" },
    variant_ended: { running_variant: "idle" },
    complete: { baseline_complete: "completed", idle: "completed" },
    archive: {
        draft: "archived",
        baseline_pending: "archived",
        baseline_complete: "archived",
        baseline_failed: "archived",
        idle: "archived",
        completed: "archived",
    },
};
/** Why an event is refused in a status, said so the user knows what to do instead. */
function refusal(experiment, status, event) {
    const where = `experiment "${experiment}" is ${status}`;
    if (status === "archived")
        return `${where}: an archived experiment runs no more`;
    if (status === "completed")
        return `${where}: archive it with \`evalgate experiments archive ${experiment}\`, or add a new experiment`;
    if (status === "running_baseline" || status === "running_variant") {
        return `${where}: wait for that run to end (or cancel it with \`evalgate runs cancel\`)`;
    }
    if (event === "start_variant")
        return `${where}: run the baseline first (\`evalgate run ${experiment}\` without --variant)`;
    if (event === "complete")
        return `${where}: an experiment is completed once its baseline has run`;
    return `${where}: ${event.replace("_", " ")} is not possible now`;
}
/** The status after `event`, or a UserError saying why the move is refused. */
function nextExperimentStatus(experiment, status, event) {
    const next = TRANSITIONS[event][status];
    if (next === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(refusal(experiment, status, event));
    return next;
}
/**
 * A running status whose run ended without saying so (the process was killed): the experiment
 * returns to where the run started from, so the next run is not refused forever.
 */
function recoverInterruptedStatus(status, baselineLocked) {
    if (status === "running_baseline")
        return baselineLocked ? "baseline_complete" : "baseline_failed";
    if (status === "running_variant")
        return "idle";
    return status;
}


/***/ }),

/***/ 24092:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ comparisonChecks),
/* harmony export */   p: () => (/* binding */ DEFAULT_ALPHA)
/* harmony export */ });
/* harmony import */ var _statistics_change_verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53347);
/* harmony import */ var _stats_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38796);


/** The significance level of a comparison's verdicts when the gate sets none (the field's convention). */
const DEFAULT_ALPHA = 0.05;
/**
 * The checks that judge a candidate against a comparable baseline (core/gate.ts decides the
 * order): `min_items` (too few pairs → inconclusive), `max_regressions` (flaky flips never count),
 * with `significance` a significant pass-rate regression and any scorer's significant regression,
 * and — whatever the gate says — a significant regression of a `severity: critical` scorer at
 * `significance` (default 0.05). Significance comes from the comparison's paired tests
 * (core/compare-runs.ts), re-read at the gate's own level.
 */
function comparisonChecks(gate, comparison) {
    const checks = [];
    const shared = comparison.items.shared;
    if (gate.min_items !== undefined) {
        checks.push({
            name: "min_items",
            passed: shared >= gate.min_items,
            actual: shared,
            limit: gate.min_items,
            description: `at least ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(gate.min_items)} shared items`,
            outcome: "inconclusive",
            reason: `only ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(shared)} ${plural(shared, "item")} ${shared === 1 ? "is" : "are"} shared with the baseline, ` +
                `fewer than min_items ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(gate.min_items)}: add items to the dataset so a change can be told from noise`,
        });
    }
    if (gate.max_regressions !== undefined) {
        const regressions = comparison.regressions.count;
        checks.push({
            name: "regressions",
            passed: regressions <= gate.max_regressions,
            actual: regressions,
            limit: gate.max_regressions,
            description: `at most ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(gate.max_regressions)} ${plural(gate.max_regressions, "regression")}`,
            reason: `${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(regressions)} ${plural(regressions, "regression")} ` +
                `${regressions === 1 ? "exceeds" : "exceed"} the maximum ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(gate.max_regressions)}`,
        });
    }
    const alpha = gate.significance ?? DEFAULT_ALPHA;
    if (gate.significance !== undefined) {
        const overall = comparison.statistics.overall;
        checks.push({
            name: "significant_regression",
            passed: !isSignificantDrop(overall, alpha),
            actual: overall.p_value,
            limit: alpha,
            description: `the pass rate is not significantly lower than the baseline's (p ≥ ${alpha})`,
            reason: `the pass rate is significantly lower than the baseline's: ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPercent */ .l9)(comparison.pass_rate.candidate)} vs ` +
                `${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPercent */ .l9)(comparison.pass_rate.baseline)} over ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(overall.n)} items (p = ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPValue */ .td)(overall.p_value, [alpha])} < ${alpha})`,
        });
    }
    for (const scorer of comparison.scorers) {
        const statistic = scorer.statistic;
        const critical = scorer.severity === "critical";
        if (statistic === null || (!critical && gate.significance === undefined))
            continue;
        checks.push({
            name: critical ? "critical_scorer" : "scorer_regression",
            passed: !isSignificantDrop(statistic, alpha),
            actual: statistic.p_value,
            limit: alpha,
            description: `${critical ? "critical scorer " : ""}${scorer.scorer} does not regress significantly (p ≥ ${alpha})`,
            reason: `${critical ? "critical scorer" : "scorer"} ${scorer.scorer} regressed significantly: mean score ` +
                `${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSigned */ .Gp)(statistic.delta, 3)} over ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatCount */ .B4)(statistic.n)} items (p = ${(0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPValue */ .td)(statistic.p_value, [alpha])} < ${alpha})`,
        });
    }
    return checks;
}
/** The comparison's own rule (statistics/change-verdict.ts), read at the gate's level. */
function isSignificantDrop(statistic, alpha) {
    const changed = statistic.discordant.worse + statistic.discordant.better > 0;
    return (0,_statistics_change_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .classifyChange */ .F)({ changed, delta: statistic.delta, pValue: statistic.p_value, alpha }) === "regression";
}
function plural(count, word) {
    return count === 1 ? word : `${word}s`;
}


/***/ }),

/***/ 33355:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AU: () => (/* binding */ decideVerdict),
  XL: () => (/* binding */ exceedsErrorBudget),
  Ne: () => (/* binding */ isIncomplete),
  fM: () => (/* binding */ isNoVerdict),
  IM: () => (/* binding */ passRateThresholds)
});

// UNUSED EXPORTS: GateCheckSchema, GateVerdictSchema, VerdictSchema

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/stats.ts
var stats = __webpack_require__(38796);
;// CONCATENATED MODULE: ./src/core/gate-budgets.ts

/**
 * The budgets against the baseline (`max_cost_ratio`, `max_latency_p95_ratio`,
 * `max_tokens_ratio`): the candidate's cost, p95 latency or total tokens over the baseline's, on
 * the shared items both answered. A value a side did not report is unknown, never 0:
 * - the ratio over the items both sides measured above the limit → `fail` (a fact);
 * - the candidate leaving unreported what the baseline measured → `fail` (its own problem:
 *   dropping the usage from the answers must not pass a cost budget);
 * - the baseline leaving unreported what the candidate measured → `not_comparable`;
 * - neither measuring it at all → `inconclusive` (the budget cannot be checked here).
 * A baseline of 0 under a candidate above 0 is an unbounded ratio, which fails any budget.
 */
function budgetChecks(gate, comparison) {
    const budgets = {
        max_cost_ratio: () => ({ name: "cost_ratio", key: "max_cost_ratio", what: "cost", measured: comparison.measured.cost, format: stats/* formatCost */.BD }),
        // Latency is measured for every item that answered: the p95 of each side stands for its items.
        max_latency_p95_ratio: () => ({
            name: "latency_p95_ratio",
            key: "max_latency_p95_ratio",
            what: "p95 latency",
            measured: latencyMeasured(comparison),
            format: stats/* formatMs */._V,
        }),
        max_tokens_ratio: () => ({ name: "tokens_ratio", key: "max_tokens_ratio", what: "tokens", measured: comparison.measured.tokens, format: stats/* formatCount */.B4 }),
    };
    return Object.keys(budgets).flatMap((key) => {
        const limit = gate[key];
        return limit === undefined ? [] : [budgetCheck(budgets[key](), limit)];
    });
}
function latencyMeasured(comparison) {
    const { baseline, candidate } = comparison.latency_ms.p95;
    return {
        pairs: baseline > 0 && candidate > 0 ? comparison.items.shared : 0,
        baseline,
        candidate,
        only_baseline: baseline > 0 && candidate === 0 ? 1 : 0,
        only_candidate: baseline === 0 && candidate > 0 ? 1 : 0,
    };
}
function budgetCheck(budget, limit) {
    const { measured, key, what } = budget;
    const check = { name: budget.name, limit, description: `${what} at most ${(0,stats/* formatRatio */.B0)(limit)} the baseline's` };
    const ratio = measured.baseline === 0 ? (measured.candidate === 0 ? 1 : Number.POSITIVE_INFINITY) : measured.candidate / measured.baseline;
    const over = ratio > limit * (1 + 1e-12);
    if (measured.pairs > 0 && over) {
        return {
            ...check,
            passed: false,
            actual: ratio,
            reason: `${what} ${budget.format(measured.candidate)} is ${(0,stats/* formatRatio */.B0)(ratio, [limit])} the baseline's ` +
                `${budget.format(measured.baseline)}${partly(measured)}, above ${key} ${limit}`,
        };
    }
    if (measured.only_baseline > 0) {
        return {
            ...check,
            passed: false,
            actual: null,
            reason: `the candidate does not report ${what} on ${(0,stats/* formatCount */.B4)(measured.only_baseline)} ${items(measured.only_baseline)} the baseline measured, ` +
                `so ${key} cannot be checked; make the candidate report ${what} again`,
        };
    }
    if (measured.only_candidate > 0) {
        return {
            ...check,
            passed: false,
            actual: null,
            outcome: "not_comparable",
            reason: `the baseline does not report ${what} on ${(0,stats/* formatCount */.B4)(measured.only_candidate)} ${items(measured.only_candidate)} the candidate measured, ` +
                `so ${key} cannot be checked; refresh the baseline`,
        };
    }
    if (measured.pairs === 0) {
        return {
            ...check,
            passed: false,
            actual: null,
            outcome: "inconclusive",
            reason: `${key} is set, but neither run reports ${what}: make the target report it, or remove ${key}`,
        };
    }
    return { ...check, passed: true, actual: ratio, reason: "" };
}
/** " (over the 40 items both measured)" when fewer than all pairs were measured; else nothing. */
function partly(measured) {
    const unmeasured = measured.only_baseline + measured.only_candidate;
    return unmeasured === 0 ? "" : ` (over the ${(0,stats/* formatCount */.B4)(measured.pairs)} ${items(measured.pairs)} both runs measured)`;
}
function items(count) {
    return count === 1 ? "item" : "items";
}

// EXTERNAL MODULE: ./src/core/gate-comparison.ts
var gate_comparison = __webpack_require__(24092);
;// CONCATENATED MODULE: ./src/core/gate.ts





/** The verdicts of PRODUCT.md: `inconclusive` and `not_comparable` are no verdict (exit 4). */
const VerdictSchema = schemas/* enum */.k5n(["pass", "fail", "inconclusive", "not_comparable"]);
const GateCheckSchema = schemas/* object */.Ikc({
    name: schemas/* enum */.k5n([
        "run_completed",
        "items_evaluated",
        "calls_succeeded",
        "error_rate",
        "pass_rate",
        "baseline_comparable",
        "candidate_comparable",
        "min_items",
        "regressions",
        "significant_regression",
        "scorer_regression",
        "critical_scorer",
        "cost_ratio",
        "latency_p95_ratio",
        "tokens_ratio",
    ]),
    passed: schemas/* boolean */.zMY(),
    /** The measured value; null when it could not be measured (a budget a run did not report). */
    actual: schemas/* number */.aig().nullable(),
    limit: schemas/* number */.aig(),
    /** What the check demands, in words: "pass rate ≥ 90.0%". */
    description: schemas/* string */.YjP(),
    /** The verdict a failure of this check leads to (`fail` when absent). */
    outcome: schemas/* enum */.k5n(["fail", "inconclusive", "not_comparable"]).optional(),
});
const GateVerdictSchema = schemas/* object */.Ikc({
    verdict: VerdictSchema,
    /**
     * One human sentence per failed check behind the verdict, the run's completion first; for
     * `inconclusive` and `not_comparable` what to do about it. Empty when the verdict is pass.
     */
    reasons: schemas/* array */.YOg(schemas/* string */.YjP()),
    checks: schemas/* array */.YOg(GateCheckSchema),
});
// 27/30 is 0.9 exactly on paper but not always in binary floating point (off by ~1e-16); the
// tolerance stays far below any difference a user could mean (99.95 % fails 99.950001 %).
const EPSILON = 1e-12;
function decideVerdict(subject) {
    const threshold = resolveThreshold(subject);
    const { summary, comparison, gate } = subject;
    const checks = [];
    const incomplete = incompleteReason(subject);
    if (incomplete !== undefined) {
        checks.push({
            name: "run_completed",
            passed: false,
            actual: summary.total,
            limit: subject.itemCount,
            description: "the run completes",
            reason: incomplete,
        });
    }
    if (summary.total === 0) {
        checks.push({
            name: "items_evaluated",
            passed: false,
            actual: 0,
            limit: 1,
            description: "at least one item is evaluated",
            reason: "no items were evaluated",
        });
        return verdictOf(checks);
    }
    if (summary.errored === summary.total) {
        checks.push({
            name: "calls_succeeded",
            passed: false,
            actual: 0,
            limit: 1,
            description: "at least one call of the target succeeds",
            reason: `every call failed (${(0,stats/* formatCount */.B4)(summary.errored)} of ${(0,stats/* formatCount */.B4)(summary.total)} items errored)`,
        });
    }
    else if (tooManyErrors(subject)) {
        checks.push({
            name: "error_rate",
            passed: false,
            actual: summary.errored / summary.total,
            limit: subject.maxErrorRate,
            description: `at most ${(0,stats/* formatThreshold */.B6)(subject.maxErrorRate)} of items error`,
            reason: errorRateReason(subject),
        });
    }
    checks.push({
        name: "pass_rate",
        passed: summary.pass_rate + EPSILON >= threshold,
        actual: summary.pass_rate,
        limit: threshold,
        description: `pass rate ≥ ${(0,stats/* formatThreshold */.B6)(threshold)}`,
        reason: `pass rate ${(0,stats/* formatPercent */.l9)(summary.pass_rate, { against: [threshold] })} is below the threshold ${(0,stats/* formatThreshold */.B6)(threshold)}`,
    });
    if (comparison === undefined)
        return verdictOf(checks);
    for (const problem of subject.candidateProblems ?? []) {
        checks.push({
            name: "candidate_comparable",
            passed: false,
            actual: null,
            limit: 0,
            description: "the candidate can be compared by the gate's rules",
            reason: problem,
        });
    }
    const problems = subject.baselineProblems ?? [];
    if (problems.length > 0) {
        checks.push({
            name: "baseline_comparable",
            passed: false,
            actual: problems.length,
            limit: 0,
            description: "the baseline can serve as one",
            outcome: "not_comparable",
            reason: `the baseline ${comparison.baseline.run_id} cannot serve: ${problems.join("; ")}`,
        });
        return verdictOf(checks);
    }
    checks.push(...(0,gate_comparison/* comparisonChecks */.h)(gate, comparison), ...budgetChecks(gate, comparison));
    return verdictOf(checks);
}
/**
 * Why the run is not complete, in one sentence with the counts of its summary (the one place a
 * stop message takes its numbers from); undefined for a complete run.
 */
function incompleteReason(subject) {
    const { summary, itemCount } = subject;
    const done = `${(0,stats/* formatCount */.B4)(summary.total)} of ${(0,stats/* formatCount */.B4)(itemCount)} items`;
    switch (subject.status) {
        case "running":
            return `the run did not finish: it stopped after ${done} (its process was killed or is still running)`;
        case "cancelled":
            return `the run was cancelled after ${done}`;
        case "errored":
            return `the run could not complete: ${erroredCause(subject)}`;
        default:
            return undefined;
    }
}
function erroredCause(subject) {
    const { summary, itemCount } = subject;
    if (summary.total > 0 && summary.errored === summary.total) {
        return `every call failed (${(0,stats/* formatCount */.B4)(summary.errored)} of ${(0,stats/* formatCount */.B4)(summary.total)} items errored)`;
    }
    if (tooManyErrors(subject))
        return errorRateReason(subject);
    return `it stopped after ${(0,stats/* formatCount */.B4)(summary.total)} of ${(0,stats/* formatCount */.B4)(itemCount)} items`;
}
function tooManyErrors(subject) {
    return exceedsErrorBudget(subject.summary, subject.maxErrorRate);
}
/**
 * Whether a run's errors mean it could not complete: every call failed, or more items errored than
 * `maxErrorRate` (a fraction 0..1) allows. The one rule for the engine (which stores such a run as
 * `errored`) and for the verdict (which fails it).
 */
function exceedsErrorBudget(summary, maxErrorRate) {
    if (summary.total > 0 && summary.errored === summary.total)
        return true;
    return summary.errored > maxErrorRate * summary.total + EPSILON;
}
function errorRateReason(subject) {
    const { summary, maxErrorRate } = subject;
    return (`${(0,stats/* formatCount */.B4)(summary.errored)} of ${(0,stats/* formatCount */.B4)(summary.total)} items errored, ` +
        `above max_error_rate ${maxErrorRate} (${(0,stats/* formatThreshold */.B6)(maxErrorRate)})`);
}
function resolveThreshold(subject) {
    const override = subject.thresholdOverride;
    if (override === undefined)
        return subject.gate.passed_threshold;
    if (!Number.isFinite(override) || override < 0 || override > 1) {
        throw new errors/* UserError */.yo(`the threshold override must be a fraction between 0 and 1, got ${override}; for 90% write 0.9`);
    }
    return override;
}
/** `fail` over `not_comparable` over `inconclusive` over `pass`, as the failed checks lead. */
function verdictOf(checks) {
    const failed = checks.filter((check) => !check.passed);
    const outcomes = new Set(failed.map((check) => check.outcome ?? "fail"));
    const verdict = outcomes.has("fail")
        ? "fail"
        : outcomes.has("not_comparable")
            ? "not_comparable"
            : outcomes.has("inconclusive")
                ? "inconclusive"
                : "pass";
    return {
        verdict,
        // A fail's reasons are its failures; a no-verdict's are what keeps it from one.
        reasons: failed.filter((check) => (check.outcome ?? "fail") === verdict).map((check) => check.reason),
        checks: checks.map(({ reason: _reason, ...check }) => check),
    };
}
/** True for `inconclusive` and `not_comparable`: no verdict was possible (exit 4). */
function isNoVerdict(verdict) {
    return verdict.verdict === "inconclusive" || verdict.verdict === "not_comparable";
}
/**
 * The pass-rate thresholds a verdict judged against (fractions): a renderer shows the run's pass
 * rate `against` them, so it never rounds onto or across the threshold it failed.
 */
function passRateThresholds(verdict) {
    return (verdict?.checks ?? []).filter((check) => check.name === "pass_rate").map((check) => check.limit);
}
/** True when the verdict failed because the run did not complete (exit 3, not 1). */
function isIncomplete(verdict) {
    return verdict.checks.some((check) => !check.passed && (check.name === "run_completed" || check.name === "calls_succeeded"));
}


/***/ }),

/***/ 65113:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ compareItemIds)
/* harmony export */ });
/**
 * The order run items are streamed in: by item_id, comparing Unicode code points. Code point
 * order equals UTF-8 byte order, which is what SQLite's default BINARY collation sorts by;
 * JavaScript's `<` compares UTF-16 units and disagrees for characters above U+FFFF. A store that
 * sorts in JavaScript should sort with this function.
 */
function compareItemIds(a, b) {
    const length = Math.min(a.length, b.length);
    for (let index = 0; index < length; index += 1) {
        const unitA = a.charCodeAt(index);
        const unitB = b.charCodeAt(index);
        if (unitA === unitB)
            continue;
        // Surrogates (astral code points) sort after every BMP unit, as their code points do.
        const surrogateA = unitA >= 0xd800 && unitA <= 0xdfff;
        const surrogateB = unitB >= 0xd800 && unitB <= 0xdfff;
        if (surrogateA !== surrogateB)
            return surrogateA ? 1 : -1;
        return unitA - unitB;
    }
    return a.length - b.length;
}


/***/ }),

/***/ 59120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ AnnotationSchema),
/* harmony export */   x: () => (/* binding */ ANNOTATION_LIMITS)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9691);

/** The longest annotation name, label text, note and author (characters): bounded like every stored text. */
const ANNOTATION_LIMITS = { name: 128, label: 1000, note: 4000, author: 200 };
/**
 * A human judgement written onto a run item (`evalgate runs annotate`): a named metric (a number)
 * or label (a text), with an optional note and author. One per (run item, name): writing the same
 * name again replaces it. Shown beside the automated scores, never mixed into them: annotations
 * do not change an item's status or a verdict.
 */
const AnnotationSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    run_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    run_item_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    item_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).max(ANNOTATION_LIMITS.name),
    kind: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(["metric", "label"]),
    /** A finite number for a metric, a text for a label. */
    value: zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().max(ANNOTATION_LIMITS.label)]),
    note: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().max(ANNOTATION_LIMITS.note).optional(),
    author: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().max(ANNOTATION_LIMITS.author).optional(),
    /** ISO time it was last written. */
    updated_at: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
});


/***/ }),

/***/ 44442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ findScore)
/* harmony export */ });
/**
 * The score with this id in a run item: one of its own scores (an aggregate over repeats, or the
 * only attempt's), else one attempt's score (ids differ per attempt, see `attemptScoreId`).
 */
function findScore(runItem, scoreId) {
    const own = runItem.scores.find((score) => score.id === scoreId);
    if (own !== undefined)
        return own;
    for (const attempt of runItem.repeats ?? []) {
        const score = attempt.scores.find((candidate) => candidate.id === scoreId);
        if (score !== undefined)
            return score;
    }
    return undefined;
}


/***/ }),

/***/ 27253:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jb: () => (/* binding */ retryPolicy),
/* harmony export */   Js: () => (/* binding */ abortReason),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* unused harmony exports DEFAULT_BACKOFF, backoffDelayMs, sleep */
/**
 * The one retry primitive for evalgate's own loops (targets and scorers over HTTP, moving the
 * results branch, GitHub writes sent with the client's retries off): exponential backoff with full
 * jitter (AWS architecture blog, "Exponential Backoff And Jitter"), which spreads the retries of 64
 * concurrent calls instead of sending them back in lock-step, and `Retry-After` honoured when the
 * server sends it. Never wrap it around a client that retries already (createOctokit's, Probot's):
 * the tries would multiply. No I/O but timers.
 */
const DEFAULT_BACKOFF = {
    baseDelayMs: 250,
    maxDelayMs: 10_000,
    maxRetryAfterMs: 60_000,
};
function retryPolicy(retries, backoff = {}) {
    return { ...DEFAULT_BACKOFF, ...backoff, retries, random: Math.random };
}
const NEVER_ABORTED = new AbortController().signal;
/**
 * Calls `attempt` until it needs no retry or the retries are spent; the last outcome's value is
 * returned either way (an attempt that throws ends the loop with its error). Rejects with the
 * abort reason as soon as `signal` aborts, also mid-backoff.
 */
async function withRetries(attempt, policy, signal = NEVER_ABORTED) {
    for (let attempts = 1;; attempts += 1) {
        if (signal.aborted)
            throw abortReason(signal);
        const outcome = await attempt(attempts);
        if (!outcome.retry || attempts > policy.retries)
            return { value: outcome.value, attempts };
        await sleep(backoffDelayMs(attempts, policy, outcome.retryAfterMs), signal);
    }
}
/** Wait before retry number `retry` (1-based). */
function backoffDelayMs(retry, policy, retryAfterMs) {
    if (retryAfterMs !== undefined)
        return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    return Math.floor(policy.random() * ceiling);
}
/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` → milliseconds from now. */
function parseRetryAfter(header, nowMs) {
    if (header === undefined)
        return undefined;
    const text = header.trim();
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
/** Resolves after `ms`; rejects with the abort reason (and clears the timer) when `signal` aborts. */
function sleep(ms, signal) {
    if (signal.aborted)
        return Promise.reject(abortReason(signal));
    if (ms <= 0)
        return Promise.resolve();
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            clearTimeout(timer);
            reject(abortReason(signal));
        };
        const timer = setTimeout(() => {
            signal.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        signal.addEventListener("abort", onAbort, { once: true });
    });
}
/** What a cancelled call rejects with: the signal's reason (an AbortError DOMException by default). */
function abortReason(signal) {
    return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}


/***/ }),

/***/ 53347:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ classifyChange)
/* harmony export */ });
/**
 * unchanged when no pair differs (changed = false); regression / improvement when pValue < alpha
 * and delta < 0 / > 0; otherwise noise (a change the test cannot tell from chance, or a significant
 * test with delta = 0). Higher is better for delta.
 */
function classifyChange(input) {
    if (!input.changed)
        return "unchanged";
    if (input.pValue < input.alpha && input.delta < 0)
        return "regression";
    if (input.pValue < input.alpha && input.delta > 0)
        return "improvement";
    return "noise";
}


/***/ }),

/***/ 38796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B0: () => (/* binding */ formatRatio),
/* harmony export */   B4: () => (/* binding */ formatCount),
/* harmony export */   B6: () => (/* binding */ formatThreshold),
/* harmony export */   BD: () => (/* binding */ formatCost),
/* harmony export */   CG: () => (/* binding */ ratio),
/* harmony export */   Gp: () => (/* binding */ formatSigned),
/* harmony export */   Ir: () => (/* binding */ latencyStats),
/* harmony export */   MJ: () => (/* binding */ formatFraction),
/* harmony export */   N$: () => (/* binding */ formatDeltaCount),
/* harmony export */   Uv: () => (/* binding */ formatDeltaPp),
/* harmony export */   _V: () => (/* binding */ formatMs),
/* harmony export */   l9: () => (/* binding */ formatPercent),
/* harmony export */   pQ: () => (/* binding */ formatDeltaCost),
/* harmony export */   td: () => (/* binding */ formatPValue),
/* harmony export */   w7: () => (/* binding */ formatDeltaMs),
/* harmony export */   y: () => (/* binding */ formatScore)
/* harmony export */ });
/* unused harmony export formatDeltaScore */
/* harmony import */ var simple_statistics__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(15521);

/**
 * p50, p95 and mean of latencies; all 0 when there are none. Sorts `values` in place: callers
 * pass a buffer they own, so a 100,000-item run is never copied.
 */
function latencyStats(values) {
    if (values.length === 0)
        return { p50: 0, p95: 0, mean: 0 };
    values.sort((a, b) => a - b);
    return {
        p50: (0,simple_statistics__WEBPACK_IMPORTED_MODULE_0__/* .quantileSorted */ .Z4)(values, 0.5),
        p95: (0,simple_statistics__WEBPACK_IMPORTED_MODULE_0__/* .quantileSorted */ .Z4)(values, 0.95),
        mean: (0,simple_statistics__WEBPACK_IMPORTED_MODULE_0__/* .mean */ .RE)(values),
    };
}
/** `part / whole`, 0 when whole is 0 (an empty run has no pass rate to speak of). */
function ratio(part, whole) {
    return whole === 0 ? 0 : part / whole;
}
// Past this many decimals a difference is not worth showing: the value is shown truncated toward
// itself instead, so it still never lands on the far side of a boundary.
const MAX_DIGITS = 6;
// 27/30 and 0.9 differ in binary floating point (by ~1e-16); a rate that close to a boundary is
// on it. Kept far below any threshold a user could mean, so 99.95 % never passes 99.950001 %.
const SAME = 1e-12;
/**
 * A fraction as a percentage that never rounds onto or across a boundary it is not on: 0.86 →
 * "86.0%", 1999/2000 → "99.95%" (not "100.0%"), 0.0004 → "0.04%". The boundaries are 0, 1 and
 * every value in `against` (a threshold the rate is compared with): decimals are added, up to 6,
 * until the shown number sits on the same side of each boundary as the true one.
 */
function formatPercent(fraction, options = {}) {
    return `${honestFixed(fraction * 100, options.digits ?? 1, [0, 1, ...(options.against ?? [])].map((b) => b * 100))}%`;
}
/**
 * A fraction as plain decimal text for machine-read outputs (exports, Action outputs): 4 decimals,
 * more when 4 would round onto 0 or 1 (0.99996 → "0.99996", never "1.0000").
 */
function formatFraction(fraction, digits = 4) {
    return honestFixed(fraction, digits, [0, 1]);
}
function honestFixed(value, digits, boundaries) {
    const scale = Math.max(1, Math.abs(value));
    const crossed = (shown) => boundaries.find((b) => Math.abs(value - b) > SAME * scale && Math.sign(shown - b) !== Math.sign(value - b));
    for (let d = digits; d <= MAX_DIGITS; d += 1) {
        const text = value.toFixed(d);
        if (crossed(Number(text)) === undefined)
            return text;
    }
    // Still on a boundary at 6 decimals: truncate toward the true value's side of it.
    const boundary = crossed(Number(value.toFixed(MAX_DIGITS)));
    const factor = 10 ** MAX_DIGITS;
    const truncated = value < boundary ? Math.floor(value * factor) / factor : Math.ceil(value * factor) / factor;
    return truncated.toFixed(MAX_DIGITS);
}
// U+2212 reads as a minus sign in a terminal and in Markdown, where "-" can start a list.
const MINUS = "\u2212";
/** A signed number: "+4.0", "−2.1", "±0.0" when it rounds to zero. */
function formatSigned(value, digits = 1) {
    // A real change is never shown as none: decimals are added until it is not ±0.
    const magnitude = honestFixed(Math.abs(value), digits, [0]);
    if (Number(magnitude) === 0)
        return `±${magnitude}`;
    return `${value > 0 ? "+" : MINUS}${magnitude}`;
}
/**
 * A threshold (a fraction) as the percentage it exactly is, with 1 to 6 decimals: 0.9 → "90.0%",
 * 0.6667 → "66.67%". A rule is never misstated by rounding it.
 */
function formatThreshold(fraction) {
    const percent = fraction * 100;
    for (let d = 1; d < MAX_DIGITS; d += 1) {
        const text = percent.toFixed(d);
        if (Math.abs(Number(text) - percent) <= SAME * Math.max(1, percent))
            return `${text}%`;
    }
    return `${percent.toFixed(MAX_DIGITS)}%`;
}
/** A difference of two fractions in percentage points: 0.04 → "+4.0 pp". */
function formatDeltaPp(delta) {
    return `${formatSigned(delta * 100, 1)} pp`;
}
/** A latency difference: 12.4 → "+12 ms". */
function formatDeltaMs(delta) {
    return `${formatSigned(delta, 0)} ms`;
}
/** A score difference on the 0..1 scale: "+0.08". */
function formatDeltaScore(delta) {
    return formatSigned(delta, 2);
}
/** A count difference with thousands separators: "+1,200". */
function formatDeltaCount(delta) {
    const text = formatSigned(delta, 0);
    return text.slice(0, 1) + formatCount(Number(text.slice(1)));
}
/** A cost difference; costs are small amounts, so four decimals. */
function formatDeltaCost(delta) {
    return formatSigned(delta, 4);
}
function formatMs(ms) {
    return `${formatCount(Math.round(ms))} ms`;
}
function formatCount(value) {
    return Math.round(value).toLocaleString("en-US");
}
/**
 * A mean score on the 0..1 scale, 2 decimals, more when 2 would round onto 0 or 1 (0.9995 →
 * "0.9995") or onto a threshold in `against` it is compared with (0.7499 against 0.75 → "0.7499").
 */
function formatScore(value, against = []) {
    return honestFixed(value, 2, [0, 1, ...against]);
}
/** Costs are read from the target's responses in its own unit, so no currency sign. */
function formatCost(value) {
    return value.toFixed(4);
}
/**
 * A candidate/baseline ratio such as "1.85×": two decimals, more when two would round onto or
 * across 1 or a budget in `against` (2.004 against 2 shows "2.004×", never "2.00×").
 */
function formatRatio(value, against = []) {
    if (!Number.isFinite(value))
        return "∞×";
    return `${honestFixed(value, 2, [1, ...against])}×`;
}
/**
 * A p-value in two significant digits ("0.62", "0.0386"), more when two would land on or across
 * a significance level in `against` (0.0499 against 0.05 shows "0.0499", never "0.05"); below
 * 0.0001, "< 0.0001".
 */
function formatPValue(p, against = []) {
    if (p < 0.0001)
        return "< 0.0001";
    for (let digits = 2; digits < 6; digits += 1) {
        const shown = Number(p.toPrecision(digits));
        if (against.every((level) => Math.sign(shown - level) === Math.sign(p - level)))
            return String(shown);
    }
    return String(Number(p.toPrecision(6)));
}


/***/ }),

/***/ 67790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PS: () => (/* binding */ findByKeyOrPrefix),
/* harmony export */   lL: () => (/* binding */ ambiguousPrefixError)
/* harmony export */ });
/* unused harmony exports AMBIGUOUS_SHOWN, MAX_CHAR */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);

/** Matches a store fetches and shows when a prefix is ambiguous (one more tells "…"). */
const AMBIGUOUS_SHOWN = 5;
/**
 * The error every store throws for a prefix that matches several runs or dataset versions
 * (`matches` sorted, any count): "run id "run-2026" is ambiguous: …. Type more of the run id."
 */
function ambiguousPrefixError(what, prefix, matches) {
    const more = matches.length > AMBIGUOUS_SHOWN ? ", …" : "";
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${what} "${prefix}" is ambiguous: ${matches.slice(0, AMBIGUOUS_SHOWN).join(", ")}${more}. Type more of the ${what}.`);
}
/** The largest code point: `prefix + MAX_CHAR` sorts after every key that starts with prefix (code point order). */
const MAX_CHAR = "\u{10FFFF}";
/**
 * A stored object by its exact key, else by a unique prefix of one (what `getRun` and
 * `getDatasetVersion` promise in every store). `withPrefix(from, to, limit)` lists up to `limit`
 * objects whose keys lie strictly between `from` and `to`, in key order. Throws the ambiguous-prefix
 * UserError when several match; undefined for an empty key or none.
 */
async function findByKeyOrPrefix(what, key, lookup) {
    if (key === "")
        return undefined;
    const exact = await lookup.exact(key);
    if (exact !== undefined)
        return exact;
    const matches = await lookup.withPrefix(key, key + MAX_CHAR, AMBIGUOUS_SHOWN + 1);
    if (matches.length <= 1)
        return matches[0];
    throw ambiguousPrefixError(what, key, matches.map(lookup.keyOf));
}


/***/ }),

/***/ 79410:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ GroupCommit)
/* harmony export */ });
class GroupCommit {
    commit;
    pending = [];
    running;
    /**
     * `commit` writes all values in one transaction and resolves, per value, the error that kept it
     * out (undefined when stored); it rejects when the transaction as a whole failed.
     */
    constructor(commit) {
        this.commit = commit;
    }
    add(value) {
        return new Promise((resolve, reject) => {
            this.pending.push({ value, resolve, reject });
            this.running ??= new Promise((started) => setImmediate(started)).then(() => this.drain());
        });
    }
    /** Resolves when everything added so far is committed: callers read their own writes. */
    async flush() {
        while (this.running)
            await this.running;
    }
    async drain() {
        try {
            while (this.pending.length > 0) {
                const batch = this.pending;
                this.pending = [];
                await this.commitBatch(batch);
            }
        }
        finally {
            this.running = undefined;
        }
    }
    async commitBatch(batch) {
        let errors;
        try {
            errors = await this.commit(batch.map((entry) => entry.value));
        }
        catch (error) {
            for (const entry of batch)
                entry.reject(error);
            return;
        }
        for (const [index, entry] of batch.entries()) {
            const error = errors[index];
            if (error === undefined)
                entry.resolve();
            else
                entry.reject(error);
        }
    }
}


/***/ }),

/***/ 40914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S: () => (/* binding */ EMBEDDED_STORE_FILE),
  i: () => (/* binding */ openEmbeddedStore)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: external "node:sqlite"
var external_node_sqlite_ = __webpack_require__(80099);
// EXTERNAL MODULE: ./src/core/repeats/find-score.ts
var find_score = __webpack_require__(44442);
// EXTERNAL MODULE: ./src/store/ambiguous-prefix.ts
var ambiguous_prefix = __webpack_require__(67790);
// EXTERNAL MODULE: ./src/store/run-store.ts
var run_store = __webpack_require__(86380);
// EXTERNAL MODULE: ./src/store/sqlite-rows.ts
var sqlite_rows = __webpack_require__(14307);
// EXTERNAL MODULE: ./src/store/group-commit.ts
var group_commit = __webpack_require__(79410);
;// CONCATENATED MODULE: ./src/store/sqlite-schema.ts

/**
 * Migration N (0-based) brings a database from `user_version` N to N + 1. Append only: a shipped
 * migration never changes, so every store on disk can be brought to the current schema.
 */
const MIGRATIONS = [
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
const SCHEMA_VERSION = MIGRATIONS.length;
/**
 * Brings the database to SCHEMA_VERSION. Runs under BEGIN IMMEDIATE so two processes opening a
 * fresh store at once migrate it once: the second waits, then reads the new user_version.
 */
function migrate(db, file) {
    db.exec("BEGIN IMMEDIATE");
    try {
        const current = readUserVersion(db);
        if (current > SCHEMA_VERSION) {
            throw new errors/* UserError */.yo(`${file} has store schema version ${current}, but this evalgate knows up to ${SCHEMA_VERSION}: ` +
                "upgrade evalgate, or pass --store DIR to use another store");
        }
        for (const [index, sql] of MIGRATIONS.entries()) {
            if (index < current)
                continue;
            db.exec(sql);
        }
        // PRAGMA takes no bound parameters; SCHEMA_VERSION is our own integer.
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
        db.exec("COMMIT");
    }
    catch (error) {
        if (db.isTransaction)
            db.exec("ROLLBACK");
        throw error;
    }
}
function readUserVersion(db) {
    const row = db.prepare("PRAGMA user_version").get();
    const version = row?.["user_version"];
    return typeof version === "number" ? version : 0;
}

// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(75919);
;// CONCATENATED MODULE: ./src/store/sqlite-item-writer.ts

/**
 * Run items, and the items of a dataset version a run first uses, are written on a worker thread
 * with its own connection: storing an item (SQLite work and WAL writes, ~80 µs) then costs the
 * thread that calls targets nothing, which is what keeps a run near the ideal N·L/C. Plain
 * JavaScript source, so it runs the same from tsx, vitest and the ncc bundle without a file to
 * locate.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { DatabaseSync } = require("node:sqlite");
const db = new DatabaseSync(workerData.file);
db.exec("PRAGMA busy_timeout = 5000");
db.exec("PRAGMA synchronous = NORMAL");
db.exec("PRAGMA foreign_keys = ON");
const upsert = db.prepare(workerData.upsertSql);
const markStale = db.prepare(workerData.markStaleSql);
const datasetItem = db.prepare(workerData.datasetItemSql);
const datasetVersionItem = db.prepare(workerData.datasetVersionItemSql);
const message = (error) => String((error && error.message) || error);
parentPort.on("message", ({ id, rows, runIds, datasetVersion, datasetRows }) => {
  try {
    db.exec("BEGIN IMMEDIATE");
    let errors = [];
    if (datasetRows !== undefined) {
      for (const [digest, canonical, itemId] of datasetRows) {
        datasetItem.run(digest, canonical);
        datasetVersionItem.run(datasetVersion, itemId, digest);
      }
    } else {
      errors = rows.map((row) => {
        try { upsert.run(...row); return null; } catch (error) { return message(error); }
      });
      for (const runId of runIds) markStale.run(runId);
    }
    db.exec("COMMIT");
    parentPort.postMessage({ id, errors });
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    parentPort.postMessage({ id, failure: message(error) });
  }
});
`;
/**
 * The thread starts with the first commit: a command that only reads (`runs compare`, `runs
 * show`) never pays for it (~10 MB of memory and ~50 ms of CPU for a Node environment, measured
 * in issue 13).
 */
class SqliteItemWriter {
    file;
    sql;
    worker;
    closed = false;
    nextId = 1;
    waiting = new Map();
    constructor(file, sql) {
        this.file = file;
        this.sql = sql;
    }
    /** Commits the rows in one transaction; resolves with each row's error message, or null when stored. */
    commit(rows, runIds) {
        return this.post({ rows, runIds });
    }
    /**
     * Stores a chunk of a dataset version's items (`dataset_items`, `dataset_version_items`) in one
     * transaction. Here rather than on the calling thread: on a run's first use of a 100,000-item
     * dataset the inserts took 2.5 s of the main thread's CPU, 20 % of the run's wall time (profiled
     * in issue 13's bench). Rejects when the transaction fails; nothing of the chunk is then stored.
     */
    async commitDatasetRows(version, rows) {
        await this.post({ datasetVersion: version, datasetRows: rows });
    }
    post(message) {
        if (this.closed)
            return Promise.reject(new Error("the store's writer is closed"));
        const worker = (this.worker ??= this.startWorker());
        const id = this.nextId++;
        if (this.waiting.size === 0)
            worker.ref();
        return new Promise((resolve, reject) => {
            this.waiting.set(id, { resolve, reject });
            worker.postMessage({ id, ...message });
        });
    }
    async close() {
        this.closed = true;
        if (this.worker === undefined)
            return;
        this.worker.removeAllListeners("exit");
        await this.worker.terminate();
    }
    startWorker() {
        const worker = new external_node_worker_threads_.Worker(WORKER_SOURCE, {
            eval: true,
            workerData: {
                file: this.file,
                upsertSql: this.sql.upsert,
                markStaleSql: this.sql.markStale,
                datasetItemSql: this.sql.datasetItem,
                datasetVersionItemSql: this.sql.datasetVersionItem,
            },
            // It holds one batch at a time: a small heap keeps a 100,000-item run's footprint flat.
            resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 48 },
        });
        worker.on("message", (reply) => this.settle(reply));
        worker.on("error", (error) => this.failAll(error));
        worker.on("exit", (code) => this.failAll(new Error(`the store's writer thread exited (code ${code})`)));
        // An idle writer must not keep the process alive; a busy one must, or acknowledged writes could be cut short.
        worker.unref();
        return worker;
    }
    settle(reply) {
        const waiter = this.waiting.get(reply.id);
        if (!waiter)
            return;
        this.waiting.delete(reply.id);
        if (this.waiting.size === 0)
            this.worker?.unref();
        if (reply.failure !== undefined)
            waiter.reject(new Error(reply.failure));
        else
            waiter.resolve(reply.errors ?? []);
    }
    failAll(error) {
        for (const waiter of this.waiting.values())
            waiter.reject(error);
        this.waiting.clear();
    }
}

;// CONCATENATED MODULE: ./src/store/sqlite-score-index.ts
/**
 * The scores table is an index derived from the scores inside each stored run item. Keeping it
 * current on every putRunItem cost three random-key B-tree inserts per item (score ids are
 * hashes), which tripled the cost of storing an item. Instead storing an item marks its run stale
 * (runs.scores_indexed = 0) and a score lookup first rebuilds the stale runs, each in one
 * transaction; rows are inserted in id order so the rebuild writes each index page once.
 */
class ScoreIndex {
    db;
    /** Writes only when the run was indexed, so the store's hot path usually reads one page. */
    static MARK_STALE = "UPDATE runs SET scores_indexed = 0 WHERE id = ? AND scores_indexed = 1";
    staleRuns;
    markStale;
    rebuildSteps;
    constructor(db) {
        this.db = db;
        this.staleRuns = db.prepare("SELECT id FROM runs WHERE scores_indexed = 0");
        this.markStale = db.prepare(ScoreIndex.MARK_STALE);
        this.rebuildSteps = [
            db.prepare("DELETE FROM scores WHERE run_id = :run_id"),
            db.prepare("INSERT OR REPLACE INTO scores (id, run_id, item_id, scorer, score, passed, error) " +
                "SELECT score.value ->> '$.id', run_items.run_id, run_items.item_id, score.value ->> '$.scorer', " +
                "score.value ->> '$.score', score.value ->> '$.passed', score.value ->> '$.error' " +
                "FROM run_items, json_each(run_items.item, '$.scores') AS score " +
                "WHERE run_items.run_id = :run_id " +
                // Each repeat's own scores too (ids differ per attempt), so `scores evidence` finds them.
                "UNION ALL SELECT score.value ->> '$.id', run_items.run_id, run_items.item_id, score.value ->> '$.scorer', " +
                "score.value ->> '$.score', score.value ->> '$.passed', score.value ->> '$.error' " +
                "FROM run_items, json_each(run_items.item, '$.repeats') AS attempt, json_each(attempt.value, '$.scores') AS score " +
                "WHERE run_items.run_id = :run_id ORDER BY 1"),
            db.prepare("UPDATE runs SET scores_indexed = 1 WHERE id = :run_id"),
        ];
    }
    /** Called inside the transaction that stores an item of the run. */
    runChanged(runId) {
        this.markStale.run(runId);
    }
    /** Rebuilds every stale run, so that the scores table answers for every stored item. */
    catchUp() {
        const stale = this.staleRuns.all().map((row) => String(row["id"]));
        for (const runId of stale) {
            this.db.exec("BEGIN IMMEDIATE");
            try {
                for (const step of this.rebuildSteps)
                    step.run({ run_id: runId });
                this.db.exec("COMMIT");
            }
            catch (error) {
                if (this.db.isTransaction)
                    this.db.exec("ROLLBACK");
                throw error;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/store/sqlite-run-leases.ts
const LEASE_COLUMNS = "run_id, holder, host, pid, heartbeat_at";
/**
 * The run_leases table: who runs each run in progress. Acquiring is a compare-and-set under
 * BEGIN IMMEDIATE, so of two processes that both found the same stale lease only one takes it.
 */
class SqliteRunLeases {
    db;
    statements;
    constructor(db) {
        this.db = db;
        this.statements = {
            get: db.prepare(`SELECT ${LEASE_COLUMNS} FROM run_leases WHERE run_id = ?`),
            put: db.prepare(`INSERT OR REPLACE INTO run_leases (${LEASE_COLUMNS}) VALUES (?, ?, ?, ?, ?)`),
            renew: db.prepare("UPDATE run_leases SET heartbeat_at = ? WHERE run_id = ? AND holder = ?"),
            release: db.prepare("DELETE FROM run_leases WHERE run_id = ? AND holder = ?"),
        };
    }
    acquire(lease, replacing) {
        this.db.exec("BEGIN IMMEDIATE");
        try {
            const current = this.get(lease.run_id);
            const free = current === undefined ? replacing === undefined : current.holder === replacing || current.holder === lease.holder;
            if (free)
                this.statements.put.run(lease.run_id, lease.holder, lease.host, lease.pid, lease.heartbeat_at);
            this.db.exec("COMMIT");
            return free ? lease : current;
        }
        catch (error) {
            if (this.db.isTransaction)
                this.db.exec("ROLLBACK");
            throw error;
        }
    }
    renew(runId, holder, heartbeatAt) {
        return Number(this.statements.renew.run(heartbeatAt, runId, holder).changes) > 0;
    }
    release(runId, holder) {
        this.statements.release.run(runId, holder);
    }
    get(runId) {
        const row = this.statements.get.get(runId);
        return row === undefined ? undefined : rowToLease(row);
    }
}
function rowToLease(row) {
    return {
        run_id: String(row["run_id"]),
        holder: String(row["holder"]),
        host: String(row["host"]),
        pid: Number(row["pid"]),
        heartbeat_at: String(row["heartbeat_at"]),
    };
}

// EXTERNAL MODULE: ./src/core/experiment-lifecycle.ts
var experiment_lifecycle = __webpack_require__(81841);
;// CONCATENATED MODULE: ./src/store/sqlite-experiment-states.ts

/** The `experiment_states` table: one row per experiment with variants (core/experiment-lifecycle.ts). */
class SqliteExperimentStates {
    select;
    upsert;
    constructor(db) {
        this.select = db.prepare("SELECT experiment, status, baseline_run_id, updated_at FROM experiment_states WHERE experiment = ?");
        this.upsert = db.prepare("INSERT INTO experiment_states (experiment, status, baseline_run_id, updated_at) VALUES (?, ?, ?, ?) " +
            "ON CONFLICT (experiment) DO UPDATE SET status = excluded.status, " +
            "baseline_run_id = excluded.baseline_run_id, updated_at = excluded.updated_at");
    }
    get(experiment) {
        const row = this.select.get(experiment);
        if (row === undefined)
            return undefined;
        return experiment_lifecycle/* ExperimentStateSchema */.sz.parse({
            experiment: row["experiment"],
            status: row["status"],
            ...(row["baseline_run_id"] !== null ? { baseline_run_id: row["baseline_run_id"] } : {}),
            updated_at: row["updated_at"],
        });
    }
    set(state) {
        this.upsert.run(state.experiment, state.status, state.baseline_run_id ?? null, state.updated_at);
    }
}

;// CONCATENATED MODULE: ./src/store/sqlite-annotations.ts

const COLUMNS = "run_item_id, name, run_id, item_id, kind, metric, label, note, author, updated_at";
/**
 * The `annotations` table of the embedded store. A batch is one transaction: its runs are
 * checked first, so a batch naming a run the store does not have writes nothing.
 */
class SqliteAnnotations {
    db;
    where;
    runExists;
    upsert;
    ofRun;
    constructor(db, 
    /** The store's file, for UnknownRunError. */
    where) {
        this.db = db;
        this.where = where;
        this.runExists = db.prepare("SELECT 1 FROM runs WHERE id = ?");
        this.upsert = db.prepare(`INSERT INTO annotations (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
            "ON CONFLICT (run_item_id, name) DO UPDATE SET run_id = excluded.run_id, item_id = excluded.item_id, " +
            "kind = excluded.kind, metric = excluded.metric, label = excluded.label, note = excluded.note, " +
            "author = excluded.author, updated_at = excluded.updated_at");
        // BINARY collation: item ids and names in code point order, as runItems streams items.
        this.ofRun = db.prepare(`SELECT ${COLUMNS} FROM annotations WHERE run_id = ? ORDER BY item_id, name`);
    }
    put(annotations) {
        if (annotations.length === 0)
            return;
        this.db.exec("BEGIN IMMEDIATE");
        try {
            for (const runId of new Set(annotations.map((annotation) => annotation.run_id))) {
                if (this.runExists.get(runId) === undefined)
                    throw new run_store/* UnknownRunError */.I(runId, this.where);
            }
            for (const annotation of annotations) {
                this.upsert.run(annotation.run_item_id, annotation.name, annotation.run_id, annotation.item_id, annotation.kind, annotation.kind === "metric" ? Number(annotation.value) : null, annotation.kind === "label" ? String(annotation.value) : null, annotation.note ?? null, annotation.author ?? null, annotation.updated_at);
            }
            this.db.exec("COMMIT");
        }
        catch (error) {
            if (this.db.isTransaction)
                this.db.exec("ROLLBACK");
            throw error;
        }
    }
    list(runId) {
        return this.ofRun.all(runId).map(rowToAnnotation);
    }
}
function rowToAnnotation(row) {
    const kind = row["kind"] === "metric" ? "metric" : "label";
    const annotation = {
        run_id: String(row["run_id"]),
        run_item_id: String(row["run_item_id"]),
        item_id: String(row["item_id"]),
        name: String(row["name"]),
        kind,
        value: kind === "metric" ? Number(row["metric"]) : String(row["label"]),
        updated_at: String(row["updated_at"]),
    };
    if (row["note"] !== null && row["note"] !== undefined)
        annotation.note = String(row["note"]);
    if (row["author"] !== null && row["author"] !== undefined)
        annotation.author = String(row["author"]);
    return annotation;
}

// EXTERNAL MODULE: ./src/core/canonical.ts
var core_canonical = __webpack_require__(70457);
// EXTERNAL MODULE: ./src/core/dataset/version-accumulator.ts
var version_accumulator = __webpack_require__(70143);
;// CONCATENATED MODULE: ./src/store/sqlite-dataset-versions.ts



/**
 * A chunk of a version's items is stored in one transaction once it holds this many items or
 * this many characters of canonical JSON: each transaction locks the store for milliseconds, and
 * a chunk of large items stays well inside the writer thread's 48 MB heap.
 */
const CHUNK_ITEMS = 1_000;
const CHUNK_CHARS = 4_000_000;
/** Run on the store's writer thread (SqliteItemWriter.commitDatasetRows), with these parameters in this order. */
const INSERT_DATASET_ITEM = "INSERT INTO dataset_items (digest, item) VALUES (?, ?) ON CONFLICT DO NOTHING";
// A row a killed attempt left is the same row: the version is a hash of its items.
const INSERT_DATASET_VERSION_ITEM = "INSERT INTO dataset_version_items (version, item_id, digest) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
function rowToRecord(row) {
    return {
        version: String(row["version"]),
        dataset_path: String(row["dataset_path"]),
        item_count: Number(row["item_count"]),
        created_at: String(row["created_at"]),
    };
}
/**
 * The dataset versions of the embedded store: `dataset_versions`, item contents in `dataset_items`
 * keyed by digest, and `dataset_version_items` (version, item_id, digest).
 *
 * A version is stored a chunk of items per transaction on the store's writer thread (one chunk
 * in flight, so the items read ahead stay bounded), and its `dataset_versions` row last: the
 * engine stores it while a run's first items are in flight, so neither the calling thread nor
 * the run's item writes may wait long on it. The row is what makes a version visible, so a
 * version is seen whole or not at all; a process killed part way leaves rows of items only, which
 * storing the version again reuses.
 */
class SqliteDatasetVersions {
    db;
    commitRows;
    statements;
    constructor(db, commitRows) {
        this.db = db;
        this.commitRows = commitRows;
        this.statements = {
            exists: db.prepare("SELECT 1 FROM dataset_versions WHERE version = ?"),
            byVersion: db.prepare("SELECT version, dataset_path, item_count, created_at FROM dataset_versions WHERE version = ?"),
            byPrefix: db.prepare("SELECT version, dataset_path, item_count, created_at FROM dataset_versions WHERE version > ? AND version < ? ORDER BY version LIMIT ?"),
            countVersionItems: db.prepare("SELECT count(*) AS stored FROM dataset_version_items WHERE version = ?"),
            insertVersion: db.prepare("INSERT INTO dataset_versions (version, dataset_path, item_count, created_at) VALUES (?, ?, ?, ?)"),
            usedByRun: db.prepare("SELECT 1 FROM runs WHERE dataset_version = ? LIMIT 1"),
            removeItems: db.prepare("DELETE FROM dataset_items WHERE digest IN (SELECT digest FROM dataset_version_items WHERE version = :version) " +
                "AND NOT EXISTS (SELECT 1 FROM dataset_version_items AS other WHERE other.digest = dataset_items.digest AND other.version <> :version)"),
            removeVersionItems: db.prepare("DELETE FROM dataset_version_items WHERE version = ?"),
            removeVersion: db.prepare("DELETE FROM dataset_versions WHERE version = ?"),
        };
    }
    async put(record, items) {
        if (this.statements.exists.get(record.version) !== undefined)
            return false;
        let given = 0;
        let chunk = [];
        let chars = 0;
        for await (const item of items) {
            // Digests computed here, before the transaction: the store is locked for the inserts alone.
            const canonical = (0,core_canonical/* canonicalJson */.dj)(item);
            chunk.push([(0,version_accumulator/* digestOfCanonicalItem */.hE)(canonical), canonical, item.id]);
            chars += canonical.length;
            if (chunk.length < CHUNK_ITEMS && chars < CHUNK_CHARS)
                continue;
            await this.commitRows(record.version, chunk);
            given += chunk.length;
            chunk = [];
            chars = 0;
        }
        if (chunk.length > 0)
            await this.commitRows(record.version, chunk);
        given += chunk.length;
        return this.transaction(() => {
            // Another process may have stored it meanwhile.
            if (this.statements.exists.get(record.version) !== undefined)
                return false;
            // Fewer rows than items: an id given twice, or the version's rows removed meanwhile (its
            // last run deleted while this run started). Stored so, the version would miss items.
            const stored = Number(this.statements.countVersionItems.get(record.version)?.["stored"]);
            if (stored !== given) {
                throw new Error(`dataset version ${record.version}: ${stored} of its ${given} items are stored (an item id given twice, or the version removed meanwhile); store it again`);
            }
            this.statements.insertVersion.run(record.version, record.dataset_path, given, record.created_at);
            return true;
        });
    }
    get(version) {
        return (0,ambiguous_prefix/* findByKeyOrPrefix */.PS)("dataset version", version, {
            exact: (key) => {
                const row = this.statements.byVersion.get(key);
                return row === undefined ? undefined : rowToRecord(row);
            },
            withPrefix: (from, to, limit) => this.statements.byPrefix.all(from, to, limit).map(rowToRecord),
            keyOf: (record) => record.version,
        });
    }
    /** BINARY collation: item ids in code point order. */
    *items(version) {
        // Rows of a version still being stored (or left by a killed attempt) are not its items yet.
        if (this.statements.exists.get(version) === undefined)
            return;
        // A statement of its own: two streams must not reset each other.
        const rows = this.db
            .prepare("SELECT dataset_items.item FROM dataset_version_items JOIN dataset_items USING (digest) " +
            "WHERE dataset_version_items.version = ? ORDER BY dataset_version_items.item_id")
            .iterate(version);
        try {
            for (const row of rows)
                yield JSON.parse(String(row["item"]));
        }
        finally {
            if (this.db.isOpen)
                rows.return?.();
        }
    }
    list() {
        const rows = this.db
            .prepare("SELECT d.version, d.dataset_path, d.item_count, d.created_at, count(r.id) AS runs, " +
            "min(r.started_at) AS first_used, max(r.started_at) AS last_used " +
            "FROM dataset_versions AS d LEFT JOIN runs AS r ON r.dataset_version = d.version " +
            "GROUP BY d.version ORDER BY coalesce(max(r.started_at), d.created_at) DESC, d.version DESC")
            .all();
        return rows.map((row) => {
            const use = { ...rowToRecord(row), runs: Number(row["runs"]) };
            if (row["first_used"] !== null)
                use.first_used = String(row["first_used"]);
            if (row["last_used"] !== null)
                use.last_used = String(row["last_used"]);
            return use;
        });
    }
    /**
     * Inside the caller's transaction, after a run was deleted: removes the version, and the items
     * no other version holds, when no run uses it any more. True when it removed a stored version.
     */
    removeIfUnused(version) {
        if (this.statements.usedByRun.get(version) !== undefined)
            return false;
        this.statements.removeItems.run({ version });
        this.statements.removeVersionItems.run(version);
        return Number(this.statements.removeVersion.run(version).changes) > 0;
    }
    transaction(work) {
        this.db.exec("BEGIN IMMEDIATE");
        try {
            const result = work();
            this.db.exec("COMMIT");
            return result;
        }
        catch (error) {
            if (this.db.isTransaction)
                this.db.exec("ROLLBACK");
            throw error;
        }
    }
}
/**
 * Experiment versions with the runs made of them (of one experiment when given), newest first run
 * (else created_at) first. Here beside the dataset versions: both are a version and its use.
 */
function listExperimentVersionUses(db, experiment) {
    const rows = db
        .prepare("SELECT e.experiment, e.version, e.created_at, count(r.id) AS runs, min(r.started_at) AS first_run, max(r.started_at) AS last_run, " +
        "(SELECT dataset_version FROM runs AS newest WHERE newest.experiment = e.experiment AND newest.experiment_version = e.version " +
        "ORDER BY started_at DESC, id DESC LIMIT 1) AS dataset_version " +
        "FROM experiment_versions AS e LEFT JOIN runs AS r ON r.experiment = e.experiment AND r.experiment_version = e.version " +
        `${experiment === undefined ? "" : "WHERE e.experiment = :experiment "}` +
        "GROUP BY e.experiment, e.version ORDER BY coalesce(min(r.started_at), e.created_at) DESC, e.experiment, e.version")
        .all(experiment === undefined ? {} : { experiment });
    return rows.map((row) => {
        const use = {
            experiment: String(row["experiment"]),
            version: String(row["version"]),
            created_at: String(row["created_at"]),
            runs: Number(row["runs"]),
        };
        if (row["first_run"] !== null)
            use.first_run = String(row["first_run"]);
        if (row["last_run"] !== null)
            use.last_run = String(row["last_run"]);
        if (row["dataset_version"] !== null)
            use.dataset_version = String(row["dataset_version"]);
        return use;
    });
}

;// CONCATENATED MODULE: ./src/store/sqlite-store.ts













const DEFAULT_LIST_LIMIT = 50;
const RUN_COLUMNS = "id, experiment, experiment_version, dataset_path, dataset_version, item_count, target, label, " +
    "role, pull_request, git_commit, git_branch, started_at, ended_at, status, summary, verdict, verdict_reasons, " +
    "variant, selection, repeat";
const RUN_ITEM_COLUMNS = "run_id, item_id, id, status, finished_at, item";
const RUN_ITEM_KEYS = RUN_ITEM_COLUMNS.split(", ");
// Positional: the writer thread receives each row as an array, cheaper to pass than an object.
const UPSERT_RUN_ITEM = `INSERT OR REPLACE INTO run_items (${RUN_ITEM_COLUMNS}) VALUES (${RUN_ITEM_KEYS.map(() => "?").join(", ")})`;
function placeholders(columns) {
    return columns
        .split(", ")
        .map((column) => `:${column}`)
        .join(", ");
}
/**
 * The embedded store: one SQLite file shared by every evalgate process in a checkout. The node:sqlite
 * API is synchronous; the methods are async to satisfy RunStore, and putRunItem uses the
 * asynchrony for group commit: it resolves once the transaction holding its item has committed.
 * Reads and endRun first commit any waiting items, so a caller always reads its own writes.
 */
class SqliteRunStore {
    file;
    db;
    statements;
    scoreIndex;
    leases;
    experimentStates;
    annotations;
    datasetVersions;
    writer;
    writes = new group_commit/* GroupCommit */.l((items) => this.commitRunItems(items));
    constructor(file) {
        this.file = file;
        this.db = new external_node_sqlite_.DatabaseSync(file);
        try {
            // Set first so every later statement (the WAL switch, the migration) waits for other processes.
            this.db.exec("PRAGMA busy_timeout = 5000");
            // WAL + NORMAL: a commit survives the process being killed (the WAL is in the OS page
            // cache), not a power loss, which a re-run repairs. Readers never block the writer.
            this.db.exec("PRAGMA journal_mode = WAL");
            this.db.exec("PRAGMA synchronous = NORMAL");
            this.db.exec("PRAGMA foreign_keys = ON");
            migrate(this.db, file);
            this.statements = this.prepareStatements();
            this.scoreIndex = new ScoreIndex(this.db);
            this.leases = new SqliteRunLeases(this.db);
            this.experimentStates = new SqliteExperimentStates(this.db);
            this.annotations = new SqliteAnnotations(this.db, file);
            this.writer = new SqliteItemWriter(file, {
                upsert: UPSERT_RUN_ITEM,
                markStale: ScoreIndex.MARK_STALE,
                datasetItem: INSERT_DATASET_ITEM,
                datasetVersionItem: INSERT_DATASET_VERSION_ITEM,
            });
            this.datasetVersions = new SqliteDatasetVersions(this.db, (version, rows) => this.writer.commitDatasetRows(version, rows));
        }
        catch (error) {
            this.db.close();
            throw error;
        }
    }
    prepareStatements() {
        const db = this.db;
        return {
            begin: db.prepare("BEGIN IMMEDIATE"),
            commit: db.prepare("COMMIT"),
            rollback: db.prepare("ROLLBACK"),
            saveExperimentVersion: db.prepare("INSERT INTO experiment_versions (experiment, version, definition, created_at) " +
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
            getExperimentVersion: db.prepare("SELECT experiment, version, definition, created_at FROM experiment_versions " +
                "WHERE experiment = ? AND version = ?"),
            insertRun: db.prepare(`INSERT INTO runs (${RUN_COLUMNS}) VALUES (${placeholders(RUN_COLUMNS)})`),
            endRun: db.prepare("UPDATE runs SET status = :status, ended_at = :ended_at, summary = :summary, " +
                "verdict = :verdict, verdict_reasons = :verdict_reasons WHERE id = :id"),
            reopenRun: db.prepare("UPDATE runs SET status = 'running', ended_at = NULL, summary = NULL, verdict = NULL, " +
                "verdict_reasons = NULL WHERE id = ?"),
            runById: db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
            runsByPrefix: db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id > ? AND id < ? ORDER BY id LIMIT ?`),
            runItemStatuses: db.prepare("SELECT item_id, status FROM run_items WHERE run_id = ?"),
            runItemById: db.prepare("SELECT item FROM run_items WHERE id = ?"),
            runItemByKey: db.prepare("SELECT item FROM run_items WHERE run_id = ? AND item_id = ?"),
            scoreById: db.prepare("SELECT run_id, item_id FROM scores WHERE id = ?"),
            runDatasetVersion: db.prepare("SELECT dataset_version FROM runs WHERE id = ?"),
            deleteRunRows: ["annotations", "scores", "run_leases"].map((table) => db.prepare(`DELETE FROM ${table} WHERE run_id = ?`)),
            deleteRunItems: db.prepare("DELETE FROM run_items WHERE run_id = ?"),
            deleteRun: db.prepare("DELETE FROM runs WHERE id = ?"),
        };
    }
    async saveExperimentVersion(record) {
        // A version is a content hash of its definition, so the first record saved is the record.
        this.statements.saveExperimentVersion.run(record.experiment, record.version, JSON.stringify(record.definition ?? null), record.created_at);
    }
    async getExperimentVersion(experiment, version) {
        const row = this.statements.getExperimentVersion.get(experiment, version);
        if (row === undefined)
            return undefined;
        return {
            experiment: String(row["experiment"]),
            version: String(row["version"]),
            definition: JSON.parse(String(row["definition"])),
            created_at: String(row["created_at"]),
        };
    }
    async createRun(run) {
        if (this.statements.runById.get(run.id) !== undefined) {
            throw new run_store/* RunExistsError */.S(run.id, this.file);
        }
        this.statements.insertRun.run((0,sqlite_rows/* runToRow */.ZM)(run));
    }
    async putRunItem(item) {
        return this.writes.add(item);
    }
    /**
     * One transaction for the batch. Each item is one statement, and a failed statement undoes only
     * itself, so an item that cannot be stored fails alone.
     */
    async commitRunItems(items) {
        const rows = items.map((item) => {
            const row = (0,sqlite_rows/* runItemToRow */._S)(item);
            return RUN_ITEM_KEYS.map((key) => row[key] ?? null);
        });
        const runIds = [...new Set(items.map((item) => item.run_id))];
        const errors = await this.writer.commit(rows, runIds);
        return errors.map((message) => (message === null ? undefined : new Error(message)));
    }
    async endRun(runId, end) {
        await this.writes.flush();
        const result = this.statements.endRun.run({
            id: runId,
            status: end.status,
            ended_at: end.ended_at,
            summary: end.summary === undefined ? null : JSON.stringify(end.summary),
            verdict: end.verdict ?? null,
            verdict_reasons: end.verdict_reasons === undefined ? null : JSON.stringify(end.verdict_reasons),
        });
        if (result.changes === 0)
            throw new run_store/* UnknownRunError */.I(runId, this.file);
    }
    async reopenRun(runId) {
        const result = this.statements.reopenRun.run(runId);
        if (result.changes === 0)
            throw new run_store/* UnknownRunError */.I(runId, this.file);
    }
    async acquireRunLease(lease, replacing) {
        return this.leases.acquire(lease, replacing);
    }
    async renewRunLease(runId, holder, heartbeatAt) {
        return this.leases.renew(runId, holder, heartbeatAt);
    }
    async releaseRunLease(runId, holder) {
        this.leases.release(runId, holder);
    }
    async getRunLease(runId) {
        return this.leases.get(runId);
    }
    async getExperimentState(experiment) {
        return this.experimentStates.get(experiment);
    }
    async setExperimentState(state) {
        this.experimentStates.set(state);
    }
    async putAnnotations(annotations) {
        this.annotations.put(annotations);
    }
    async runAnnotations(runId) {
        return this.annotations.list(runId);
    }
    async putDatasetVersion(record, items) {
        return this.datasetVersions.put(record, items);
    }
    async getDatasetVersion(version) {
        return this.datasetVersions.get(version);
    }
    async *datasetVersionItems(version) {
        yield* this.datasetVersions.items(version);
    }
    async listDatasetVersions() {
        return this.datasetVersions.list();
    }
    async listExperimentVersions(experiment) {
        return listExperimentVersionUses(this.db, experiment);
    }
    /** One transaction: the run, its rows in every table, and its dataset version when now unused. */
    async deleteRun(runId) {
        await this.writes.flush();
        const statements = this.statements;
        this.db.exec("BEGIN IMMEDIATE");
        try {
            const run = statements.runDatasetVersion.get(runId);
            if (run === undefined)
                throw new run_store/* UnknownRunError */.I(runId, this.file);
            for (const statement of statements.deleteRunRows)
                statement.run(runId);
            const items = Number(statements.deleteRunItems.run(runId).changes);
            statements.deleteRun.run(runId);
            const datasetVersionRemoved = this.datasetVersions.removeIfUnused(String(run["dataset_version"]));
            this.db.exec("COMMIT");
            return { items, datasetVersionRemoved };
        }
        catch (error) {
            if (this.db.isTransaction)
                this.db.exec("ROLLBACK");
            throw error;
        }
    }
    async getRun(runId) {
        return (0,ambiguous_prefix/* findByKeyOrPrefix */.PS)("run id", runId, {
            exact: (id) => {
                const row = this.statements.runById.get(id);
                return row === undefined ? undefined : (0,sqlite_rows/* rowToRun */.dV)(row);
            },
            withPrefix: (from, to, limit) => this.statements.runsByPrefix.all(from, to, limit).map(sqlite_rows/* rowToRun */.dV),
            keyOf: (run) => run.id,
        });
    }
    async listRuns(filter = {}) {
        const conditions = [];
        const params = { limit: filter.limit ?? DEFAULT_LIST_LIMIT };
        if (filter.experiment !== undefined) {
            conditions.push("experiment = :experiment");
            params["experiment"] = filter.experiment;
        }
        if (filter.status !== undefined) {
            conditions.push("status = :status");
            params["status"] = filter.status;
        }
        const where = conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
        // At most four shapes of this query exist; SQLite's statement cache is not needed.
        const rows = this.db
            .prepare(`SELECT ${RUN_COLUMNS} FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT :limit`)
            .all(params);
        return rows.map(sqlite_rows/* rowToRun */.dV);
    }
    async *runItems(runId) {
        await this.writes.flush();
        // A statement of its own: two streams of the same store must not reset each other.
        const rows = this.db
            .prepare("SELECT item FROM run_items WHERE run_id = ? ORDER BY item_id")
            .iterate(runId);
        try {
            for (const row of rows)
                yield (0,sqlite_rows/* rowToRunItem */.iW)(row);
        }
        finally {
            // Releases the read snapshot when a consumer stops early (break, throw).
            if (this.db.isOpen)
                rows.return?.();
        }
    }
    async runItemStatuses(runId) {
        await this.writes.flush();
        const statuses = new Map();
        for (const row of this.statements.runItemStatuses.iterate(runId)) {
            statuses.set(String(row["item_id"]), String(row["status"]));
        }
        return statuses;
    }
    async getRunItem(runItemId) {
        await this.writes.flush();
        const row = this.statements.runItemById.get(runItemId);
        return row === undefined ? undefined : (0,sqlite_rows/* rowToRunItem */.iW)(row);
    }
    async getScore(scoreId) {
        await this.writes.flush();
        this.scoreIndex.catchUp();
        const key = this.statements.scoreById.get(scoreId);
        if (key === undefined)
            return undefined;
        const row = this.statements.runItemByKey.get(key["run_id"] ?? null, key["item_id"] ?? null);
        if (row === undefined)
            return undefined;
        const runItem = (0,sqlite_rows/* rowToRunItem */.iW)(row);
        const score = (0,find_score/* findScore */.i)(runItem, scoreId);
        return score === undefined ? undefined : { score, runItem };
    }
    async close() {
        if (!this.db.isOpen)
            return;
        await this.writes.flush();
        await this.writer.close();
        this.db.close();
    }
}

;// CONCATENATED MODULE: ./src/store/open-store.ts




const EMBEDDED_STORE_FILE = "evalgate.db";
/**
 * Opens (creating when needed) the embedded store in `dir`, the CLI's `.evalgate/` by default.
 * The directory ignores itself, so a store inside a checkout is never committed by accident.
 */
async function openEmbeddedStore(dir) {
    const file = external_node_path_default().join(dir, EMBEDDED_STORE_FILE);
    try {
        await (0,promises_.mkdir)(dir, { recursive: true });
        // `wx`: a .gitignore the user edited stays as it is.
        await (0,promises_.writeFile)(external_node_path_default().join(dir, ".gitignore"), "*\n", { flag: "wx" }).catch(ignoreExisting);
    }
    catch (error) {
        throw new errors/* UserError */.yo(`cannot create the store directory "${dir}": ${messageOf(error)}. Pass --store DIR with a writable directory`);
    }
    try {
        return new SqliteRunStore(file);
    }
    catch (error) {
        if (error instanceof errors/* UserError */.yo)
            throw error;
        throw new errors/* UserError */.yo(`cannot open the store "${file}": ${messageOf(error)}. ` +
            "Pass --store DIR to use another store, or move this file away to start a new one");
    }
}
function ignoreExisting(error) {
    if (error.code !== "EEXIST")
        throw error;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 24840:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ redactStoreUrl),
/* harmony export */   p: () => (/* binding */ isPostgresUrl)
/* harmony export */ });
/** `postgres://…` or `postgresql://…` (the two schemes libpq accepts). */
function isPostgresUrl(spec) {
    return /^postgres(ql)?:\/\//i.test(spec);
}
/**
 * The URL with its password replaced by `***`, for messages and logs: a store URL is a secret.
 * libpq takes a password in the user-info part or as `?password=` (and `sslpassword=` for a
 * client key): all are replaced. Something that does not parse as a URL is shown as its scheme only.
 */
function redactStoreUrl(spec) {
    try {
        const url = new URL(spec);
        if (url.password !== "")
            url.password = "***";
        for (const key of [...url.searchParams.keys()]) {
            if (/password/i.test(key))
                url.searchParams.set(key, "***");
        }
        return url.toString().replace(/%2A%2A%2A/g, "***");
    }
    catch {
        return `${/^[A-Za-z][A-Za-z0-9+.-]*:/.exec(spec)?.[0] ?? "?"}//…`;
    }
}


/***/ }),

/***/ 86380:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ UnknownRunError),
/* harmony export */   S: () => (/* binding */ RunExistsError)
/* harmony export */ });
/** `createRun` with the id of a run the store already has. */
class RunExistsError extends Error {
    runId;
    where;
    name = "RunExistsError";
    constructor(runId, 
    /** Where the store keeps its runs (a file, a branch), for the message. */
    where) {
        super(`run "${runId}" already exists in ${where}`);
        this.runId = runId;
        this.where = where;
    }
}
/** `endRun`, `reopenRun` or `deleteRun` of a run the store does not have (or cannot change). */
class UnknownRunError extends Error {
    runId;
    where;
    name = "UnknownRunError";
    constructor(runId, where) {
        super(`run "${runId}" is not in ${where}`);
        this.runId = runId;
        this.where = where;
    }
}


/***/ }),

/***/ 14307:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZM: () => (/* binding */ runToRow),
/* harmony export */   _S: () => (/* binding */ runItemToRow),
/* harmony export */   dV: () => (/* binding */ rowToRun),
/* harmony export */   iW: () => (/* binding */ rowToRunItem)
/* harmony export */ });
function runToRow(run) {
    return {
        id: run.id,
        experiment: run.experiment,
        experiment_version: run.experiment_version,
        dataset_path: run.dataset_path,
        dataset_version: run.dataset_version,
        item_count: run.item_count,
        target: run.target,
        label: run.label ?? null,
        role: run.role ?? null,
        pull_request: run.pull_request ?? null,
        git_commit: run.git_commit ?? null,
        git_branch: run.git_branch ?? null,
        started_at: run.started_at,
        ended_at: run.ended_at ?? null,
        status: run.status,
        summary: jsonOrNull(run.summary),
        verdict: run.verdict ?? null,
        verdict_reasons: jsonOrNull(run.verdict_reasons),
        variant: run.variant ?? null,
        selection: jsonOrNull(run.selection),
        repeat: run.repeat ?? null,
    };
}
function rowToRun(row) {
    const run = {
        id: text(row, "id"),
        experiment: text(row, "experiment"),
        experiment_version: text(row, "experiment_version"),
        dataset_path: text(row, "dataset_path"),
        dataset_version: text(row, "dataset_version"),
        item_count: num(row, "item_count"),
        target: text(row, "target"),
        started_at: text(row, "started_at"),
        status: text(row, "status"),
    };
    setIfPresent(run, "label", optionalText(row, "label"));
    setIfPresent(run, "role", optionalText(row, "role"));
    setIfPresent(run, "pull_request", optionalNum(row, "pull_request"));
    setIfPresent(run, "git_commit", optionalText(row, "git_commit"));
    setIfPresent(run, "git_branch", optionalText(row, "git_branch"));
    setIfPresent(run, "ended_at", optionalText(row, "ended_at"));
    setIfPresent(run, "summary", optionalJson(row, "summary"));
    setIfPresent(run, "verdict", optionalText(row, "verdict"));
    setIfPresent(run, "verdict_reasons", optionalJson(row, "verdict_reasons"));
    setIfPresent(run, "variant", optionalText(row, "variant"));
    setIfPresent(run, "selection", optionalJson(row, "selection"));
    setIfPresent(run, "repeat", optionalNum(row, "repeat"));
    return run;
}
function runItemToRow(item) {
    return {
        run_id: item.run_id,
        item_id: item.item_id,
        id: item.id,
        status: item.status,
        finished_at: item.finished_at,
        item: JSON.stringify(item),
    };
}
function rowToRunItem(row) {
    return JSON.parse(text(row, "item"));
}
function jsonOrNull(value) {
    return value === undefined ? null : JSON.stringify(value);
}
function setIfPresent(target, key, value) {
    if (value !== undefined)
        target[key] = value;
}
function text(row, column) {
    const value = row[column];
    if (typeof value !== "string")
        throw new Error(`store row: column ${column} is not text`);
    return value;
}
function num(row, column) {
    const value = row[column];
    if (typeof value !== "number")
        throw new Error(`store row: column ${column} is not a number`);
    return value;
}
function optionalText(row, column) {
    return row[column] === null ? undefined : text(row, column);
}
function optionalNum(row, column) {
    return row[column] === null ? undefined : num(row, column);
}
function optionalJson(row, column) {
    return row[column] === null ? undefined : JSON.parse(text(row, column));
}


/***/ })

};
