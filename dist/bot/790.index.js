export const id = 790;
export const ids = [790];
export const modules = {

/***/ 4318:
/***/ ((__unused_webpack_module, __unused_webpack___webpack_exports__, __webpack_require__) => {


// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/coerce.js
var coerce = __webpack_require__(9567);
;// CONCATENATED MODULE: ./src/core/errors.ts
/**
 * An error the user can fix (bad config, bad dataset, bad arguments). Adapters print its message
 * once and exit 2 (CLI) or call core.setFailed (Action). `where` names the file, line or field.
 */
class errors_UserError extends Error {
    name = "UserError";
    constructor(message) {
        super(message);
    }
}
function isUserError(error) {
    return error instanceof errors_UserError;
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

;// CONCATENATED MODULE: ./src/store/postgres/store-url.ts
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

;// CONCATENATED MODULE: ./src/bot/bot-settings.ts




const EnvSchema = schemas/* object */.Ikc({
    APP_ID: schemas/* string */.YjP({ error: "set APP_ID to your GitHub App's id" }).regex(/^\d+$/, { error: "APP_ID is the app's numeric id" }),
    PRIVATE_KEY: schemas/* string */.YjP().optional(),
    PRIVATE_KEY_PATH: schemas/* string */.YjP().optional(),
    WEBHOOK_SECRET: schemas/* string */.YjP({ error: "set WEBHOOK_SECRET to the app's webhook secret; the bot refuses to start without one" }).min(1, {
        error: "WEBHOOK_SECRET is empty; the bot refuses to start without one",
    }),
    GITHUB_API_URL: schemas/* string */.YjP().url({ error: "GITHUB_API_URL is a URL, e.g. https://ghe.example.com/api/v3" }).optional(),
    PORT: coerce/* number */.ai().int().min(0).max(65_535).default(3000),
    HOST: schemas/* string */.YjP().optional(),
    EVALGATE_RESULTS_BRANCH: schemas/* string */.YjP().min(1).optional(),
    // The URL is a secret: the message never quotes it. Blank reads as unset (an env file's `X=`).
    EVALGATE_STORE_URL: schemas/* string */.YjP()
        .transform((value) => (value.trim() === "" ? undefined : value.trim()))
        .refine((value) => value === undefined || isPostgresUrl(value), {
        error: "EVALGATE_STORE_URL is not a PostgreSQL URL: write postgres://USER:PASSWORD@HOST:PORT/DATABASE (the store-url the Action publishes to), or unset it for the results branch",
    })
        .optional(),
    EVALGATE_CONFIG: schemas/* string */.YjP().min(1).optional(),
    EVALGATE_WORKFLOW: schemas/* string */.YjP().min(1).optional(),
});
/** A PEM as written, with "\n" escapes (one-line env files), or base64 of it. */
function normalisePrivateKey(raw) {
    const text = raw.trim();
    if (text.includes("-----BEGIN"))
        return text.replaceAll("\\n", "\n");
    const decoded = Buffer.from(text, "base64").toString("utf8");
    if (decoded.includes("-----BEGIN"))
        return decoded;
    throw new errors_UserError("PRIVATE_KEY is not a PEM private key (nor base64 of one): paste the .pem file's content, or set PRIVATE_KEY_PATH");
}
function readBotSettings(env) {
    const parsed = EnvSchema.safeParse(env);
    if (!parsed.success)
        throw new errors_UserError(parsed.error.issues.map((issue) => issue.message).join("\n"));
    const values = parsed.data;
    let privateKey;
    if (values.PRIVATE_KEY !== undefined && values.PRIVATE_KEY.trim() !== "") {
        privateKey = normalisePrivateKey(values.PRIVATE_KEY);
    }
    else if (values.PRIVATE_KEY_PATH !== undefined) {
        try {
            privateKey = normalisePrivateKey((0,external_node_fs_.readFileSync)(values.PRIVATE_KEY_PATH, "utf8"));
        }
        catch (error) {
            if (error instanceof errors_UserError)
                throw error;
            throw new errors_UserError(`cannot read PRIVATE_KEY_PATH "${values.PRIVATE_KEY_PATH}": ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    else {
        throw new errors_UserError("set PRIVATE_KEY (the app's .pem content) or PRIVATE_KEY_PATH (its file)");
    }
    return {
        port: values.PORT,
        host: values.HOST,
        server: {
            appId: values.APP_ID,
            privateKey,
            webhookSecret: values.WEBHOOK_SECRET,
            ...(values.GITHUB_API_URL === undefined ? {} : { baseUrl: values.GITHUB_API_URL }),
            ...(values.EVALGATE_RESULTS_BRANCH === undefined ? {} : { resultsBranch: values.EVALGATE_RESULTS_BRANCH }),
            ...(values.EVALGATE_STORE_URL === undefined ? {} : { storeUrl: values.EVALGATE_STORE_URL }),
            ...(values.EVALGATE_CONFIG === undefined ? {} : { configPath: values.EVALGATE_CONFIG }),
            ...(values.EVALGATE_WORKFLOW === undefined ? {} : { workflowFile: values.EVALGATE_WORKFLOW }),
        },
    };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: ./node_modules/probot/lib/index.js + 55 modules
var lib = __webpack_require__(4901);
;// CONCATENATED MODULE: ./src/core/retry.ts
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
function retry_parseRetryAfter(header, nowMs) {
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

;// CONCATENATED MODULE: ./src/github/request-status.ts

/** The HTTP status of a failed Octokit request, or undefined for anything else that was thrown. */
function statusOf(error) {
    if (typeof error !== "object" || error === null || !("status" in error))
        return undefined;
    const status = error.status;
    return typeof status === "number" ? status : undefined;
}
/** How long a failed request's `retry-after` header asks to wait, in milliseconds; undefined without one. */
function retryAfterMsOf(error, nowMs = Date.now()) {
    const headers = error?.response?.headers;
    const value = headers?.["retry-after"];
    return parseRetryAfter(value === undefined || value === null ? undefined : String(value), nowMs);
}
function isNotFound(error) {
    return statusOf(error) === 404;
}
/**
 * A failure after which the request may or may not have taken effect: a 5xx, or no answer at all
 * (Octokit reports network failures as status 500).
 */
function isAmbiguousFailure(error) {
    const status = statusOf(error);
    return status === undefined || status >= 500;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** GitHub's own message ("Resource not accessible by integration"), without Octokit's documentation link. */
function githubMessageOf(error) {
    const answered = error?.response?.data?.message;
    return typeof answered === "string" ? answered : messageOf(error);
}
/**
 * GitHub refused the request for good: a 403 that is no rate limit, such as "Resource not
 * accessible by integration" for a token without the permission. Sending it again changes nothing.
 */
function isRefused(error) {
    return statusOf(error) === 403 && !/rate limit/i.test(messageOf(error));
}

;// CONCATENATED MODULE: ./src/core/regression/regression-errors.ts

/**
 * What can stop a regression dataset from being planned. Each error carries its facts as fields:
 * the adapter that asked words them (a PR comment in Markdown, the CLI in plain text with its
 * flags). The message is a plain fallback for anyone who does not.
 */
class RegressionPlanError extends errors_UserError {
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

// EXTERNAL MODULE: ./node_modules/simple-statistics/dist/simple-statistics.mjs
var simple_statistics = __webpack_require__(5521);
;// CONCATENATED MODULE: ./src/core/stats.ts

/**
 * p50, p95 and mean of latencies; all 0 when there are none. Sorts `values` in place: callers
 * pass a buffer they own, so a 100,000-item run is never copied.
 */
function latencyStats(values) {
    if (values.length === 0)
        return { p50: 0, p95: 0, mean: 0 };
    values.sort((a, b) => a - b);
    return {
        p50: quantileSorted(values, 0.5),
        p95: quantileSorted(values, 0.95),
        mean: ssMean(values),
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
/** A count with its noun, singular for exactly one: "1 item", "2,500 items" (`plural` when not noun + "s"). */
function formatCountOf(value, noun, plural = `${noun}s`) {
    return `${formatCount(value)} ${Math.round(value) === 1 ? noun : plural}`;
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
    return `\n\n_… cut to fit the limit of ${formatCount(limit.limit)} ${limit.unit}._`;
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

;// CONCATENATED MODULE: ./src/github/repository-permissions.ts

// GitHub's legacy `permission` field already folds maintain into write and triage into read;
// mapping them here too keeps the answer right if a role name ever comes through.
const PERMISSIONS = {
    admin: "admin",
    maintain: "write",
    write: "write",
    triage: "read",
    read: "read",
};
/** A user's access to a repository; "none" for someone who is not a collaborator (GitHub answers 404). */
async function getPermission(octokit, input) {
    try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel(input);
        return PERMISSIONS[data.permission] ?? "none";
    }
    catch (error) {
        if (isNotFound(error))
            return "none";
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/store/results-branch/layout.ts
/**
 * Where things live on the results branch. Every run is its own file, so concurrent writers never
 * touch the same path and a commit never has to merge content:
 *
 *   runs/<experiment>/<dataset_version>/<git_commit | no-commit>/<role | run>/<run_id>.json.gz
 *   annotations/<run_id>/<written at>-<random>.jsonl.gz   (one file per write; later files win)
 *   experiment-versions/<experiment>/<version>.json
 *   datasets/<dataset_version>.jsonl.gz  (its items; added with the first run over it)
 *   datasets/<dataset_version>.json      (its record: file, item count, first stored)
 *   README.md
 *
 * Everything a caller filters on (experiment, dataset version, commit, role) is in the path, so a
 * single tree listing answers `findRuns` without downloading any run.
 */
/** The branch runs are kept on when none is named (the Action's `results-branch`, the bot, `--store github:OWNER/REPO`). */
const layout_DEFAULT_RESULTS_BRANCH = "evalgate-results";
const RUNS_DIR = "runs";
const EXPERIMENT_VERSIONS_DIR = "experiment-versions";
const ANNOTATIONS_DIR = "annotations";
const DATASETS_DIR = "datasets";
const DATASET_ITEMS_SUFFIX = ".jsonl.gz";
const DATASET_RECORD_SUFFIX = ".json";
const ANNOTATIONS_FILE_SUFFIX = ".jsonl.gz";
/**
 * The annotations a run had when it was published, written in the run's own commit. "0" sorts
 * before every later file, whose names start with the year they were written.
 */
const PUBLISHED_ANNOTATIONS = "0-published";
const README_PATH = "README.md";
const RUN_FILE_SUFFIX = ".json.gz";
const NO_COMMIT = "no-commit";
const NO_ROLE = "run";
function runPath(run) {
    return [
        RUNS_DIR,
        encodeSegment(run.experiment),
        encodeSegment(run.dataset_version),
        run.git_commit === undefined ? NO_COMMIT : encodeSegment(run.git_commit),
        run.role ?? NO_ROLE,
        encodeSegment(run.id) + RUN_FILE_SUFFIX,
    ].join("/");
}
/** A file of annotations of one run; `writtenAt` orders the files (an ISO time, or undefined for the publish). */
function annotationsPath(runId, file) {
    const name = file === "published" ? PUBLISHED_ANNOTATIONS : `${file.writtenAt.replace(/[-:.]/g, "")}-${file.random}`;
    return [ANNOTATIONS_DIR, encodeSegment(runId), name + ANNOTATIONS_FILE_SUFFIX].join("/");
}
/** The run an annotations file belongs to, or undefined for any other path. */
function parseAnnotationsPath(path) {
    const segments = path.split("/");
    if (segments.length !== 3 || segments[0] !== ANNOTATIONS_DIR || !segments[2].endsWith(ANNOTATIONS_FILE_SUFFIX))
        return undefined;
    return { runId: decodeSegment(segments[1]) };
}
function experimentVersionPath(experiment, version) {
    return [EXPERIMENT_VERSIONS_DIR, encodeSegment(experiment), `${encodeSegment(version)}.json`].join("/");
}
/** The run a path names, or undefined for any other file (README, experiment versions, strays). */
function parseRunPath(path) {
    const segments = path.split("/");
    if (segments.length !== 6 || segments[0] !== RUNS_DIR)
        return undefined;
    const [, experiment, datasetVersion, commit, role, file] = segments;
    if (!file.endsWith(RUN_FILE_SUFFIX))
        return undefined;
    if (role !== NO_ROLE && role !== "baseline" && role !== "candidate")
        return undefined;
    const ref = {
        runId: decodeSegment(file.slice(0, -RUN_FILE_SUFFIX.length)),
        experiment: decodeSegment(experiment),
        datasetVersion: decodeSegment(datasetVersion),
        path,
    };
    if (commit !== NO_COMMIT)
        ref.commit = decodeSegment(commit);
    if (role !== NO_ROLE)
        ref.role = role;
    return ref;
}
function parseExperimentVersionPath(path) {
    const segments = path.split("/");
    if (segments.length !== 3 || segments[0] !== EXPERIMENT_VERSIONS_DIR)
        return undefined;
    const [, experiment, file] = segments;
    if (!file.endsWith(".json"))
        return undefined;
    return { experiment: decodeSegment(experiment), version: decodeSegment(file.slice(0, -".json".length)) };
}
function datasetItemsPath(version) {
    return `${DATASETS_DIR}/${encodeSegment(version)}${DATASET_ITEMS_SUFFIX}`;
}
function datasetRecordPath(version) {
    return `${DATASETS_DIR}/${encodeSegment(version)}${DATASET_RECORD_SUFFIX}`;
}
/** The dataset version a file under datasets/ is of, and which of its two files it is. */
function parseDatasetPath(path) {
    const segments = path.split("/");
    if (segments.length !== 2 || segments[0] !== DATASETS_DIR)
        return undefined;
    const name = segments[1];
    if (name.endsWith(DATASET_ITEMS_SUFFIX))
        return { version: decodeSegment(name.slice(0, -DATASET_ITEMS_SUFFIX.length)), file: "items" };
    if (name.endsWith(DATASET_RECORD_SUFFIX))
        return { version: decodeSegment(name.slice(0, -DATASET_RECORD_SUFFIX.length)), file: "record" };
    return undefined;
}
/**
 * Names from the config are mostly safe as they are; anything else is percent-encoded so that a
 * name can never add a directory level or be a "." / ".." entry, which git trees refuse.
 */
function encodeSegment(value) {
    if (/^[A-Za-z0-9._-]+$/.test(value) && value !== "." && value !== ".." && value !== NO_COMMIT)
        return value;
    return encodeURIComponent(value).replaceAll(".", "%2E").replaceAll("-", "%2D");
}
function decodeSegment(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
const README = `# evalgate results

This branch is written by evalgate; do not edit it by hand.

It has no common history with the rest of the repository: it only stores evaluation runs, one
gzipped file per run, so the evalgate Action can compare a pull request's run with the latest
baseline, and \`evalgate runs compare --store github:OWNER/REPO\` can do the same on a laptop.

- \`runs/<experiment>/<dataset version>/<commit or no-commit>/<baseline | candidate | run>/<run id>.json.gz\`:
  gzipped JSON lines; the first line is \`{"format":1,"run":…,"experiment_version":…}\`, every
  following line one run item, ordered by item id.
- \`annotations/<run id>/<written at>-<random>.jsonl.gz\`: people's annotations of a run's items
  (\`evalgate runs annotate\`), one file per write; the first line is \`{"format":1,"run_id":…}\`,
  every following line one annotation. A later file replaces an earlier one's annotation of the
  same run item and name.
- \`experiment-versions/<experiment>/<version>.json\`: the experiment definition that produced runs
  (before \`\${NAME}\` placeholders are filled in: no secrets).
- \`datasets/<dataset version>.jsonl.gz\`: the items of a dataset version runs were made over,
  gzipped JSON lines ordered by item id (gunzipped, a JSONL dataset evalgate reads as it is),
  written once, with the first run over it; \`datasets/<dataset version>.json\` beside it tells
  the file it was read from, its item count and when it was first stored.

Deleting old files is safe: evalgate adds files, removes a run's files only when asked
(\`evalgate runs delete\`, one commit), and never rewrites history.
`;

;// CONCATENATED MODULE: ./src/github/eval-commands/eval-command-deps.ts

const DEFAULT_CONFIG_PATH = "evalgate.yml";
const DEFAULT_WORKFLOW_FILE = "evalgate.yml";
function resolveDeps(deps) {
    return {
        octokit: deps.octokit,
        resultsBranch: deps.resultsBranch ?? layout_DEFAULT_RESULTS_BRANCH,
        storeUrl: deps.storeUrl,
        configPath: (deps.configPath ?? DEFAULT_CONFIG_PATH).replace(/^\.?\/+/, ""),
        workflowFile: deps.workflowFile ?? DEFAULT_WORKFLOW_FILE,
        botLogin: deps.botLogin,
        log: deps.log,
        now: deps.now ?? (() => new Date()),
    };
}
/** A failure whose message is meant for the person who wrote the command (Markdown, already escaped). */
class CommandError extends Error {
    name = "CommandError";
}

;// CONCATENATED MODULE: ./src/github/eval-commands/comment-replies.ts


const TRUNCATED = "\n\n_… cut to fit GitHub's comment size limit._";
/** Replies on the pull request; returns the reply's URL. */
async function reply(octokit, comment, body) {
    const created = await octokit.rest.issues.createComment({
        owner: comment.owner,
        repo: comment.repo,
        issue_number: comment.pullRequest,
        body: cutToFit(body, GITHUB_LIMITS.comment, TRUNCATED),
    });
    return created.data.html_url;
}
/** Reactions are a courtesy: one that fails is logged and the command goes on. */
async function react(octokit, comment, content, log) {
    try {
        await octokit.rest.reactions.createForIssueComment({ owner: comment.owner, repo: comment.repo, comment_id: comment.commentId, content });
    }
    catch (error) {
        log.warning(`Could not react with ${content} to comment ${comment.commentId}: ${messageOf(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/github/eval-commands/help-text.ts

/** The reply to `/eval help`, and to a `/eval` comment we could not understand. */
function renderHelp(problem) {
    const lines = [
        ...(problem === undefined ? [] : [`I could not run that: ${escapeMarkdown(problem, { maxLength: 300 })}.`, ""]),
        "**evalgate commands** (write one as the first line of a pull request comment):",
        "",
        "- `/eval regression [--run-item-id ID]... [--name NAME]`: turns the failed and errored items of this pull request's latest evalgate run into a regression dataset (`evals/regressions/NAME.jsonl`, default `<experiment>-regressions`), adds an experiment over it to `evalgate.yml`, commits both to the pull request's branch and starts a rerun. `--run-item-id` picks items by their run item id (`ri_…`, shown in the evalgate report) instead.",
        "- `/eval run` or `/eval run --variant NAME`: starts the evaluation workflow for this pull request again; with `--variant`, the candidate runs as that variant of the experiment (the workflow passes its `variant` input to the Action).",
        "- `/eval help`: shows this help.",
        "",
        "Only people with write access to this repository can use these commands.",
    ];
    return lines.join("\n");
}
const REFUSAL = "Sorry, only people with write access to this repository can use `/eval` commands.";

;// CONCATENATED MODULE: ./src/github/eval-commands/commands/help.ts

/** `/eval help`. */
function runEvalHelp() {
    return { body: renderHelp(), summary: "replied with the help" };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/core/dataset/line-breaks.ts
const LF = 0x0a;
const CR = 0x0d;
/**
 * Counts physical lines in a stream of bytes as an editor shows them: LF, CRLF and a lone CR each
 * end a line (a CRLF split across two chunks counts once). UTF-8 never uses these byte values
 * inside a multi-byte character, so bytes can be counted without decoding.
 */
class line_breaks_LineBreakCounter {
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
    const decoder = new TextDecoder("utf-8", { fatal: true });
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
        throw invalidUtf8(file, new line_breaks_LineBreakCounter().advance(bytes, 0, bad), bad);
    }
}
function invalidUtf8(file, line, offset) {
    return new errors_UserError(`${file}:${line}: the file is not valid UTF-8 (at byte ${offset}); save it with the UTF-8 encoding`);
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

// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __webpack_require__(1916);
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

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
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
const SCORER_REF_KEYS = (/* unused pure expression or super */ null && (["name", "label", "config", "not", "weight", "threshold", "when", "severity"]));
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
        throw new errors_UserError(`${file}: the config file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB; is it the right file?`);
    }
    const text = typeof source === "string" ? source : decodeUtf8(source, file);
    const lineCounter = new dist.LineCounter();
    // The library's own check for duplicate keys compares each key with every earlier one, which a
    // file of 100,000 keys makes take minutes; `duplicateKeys` does it with a set.
    const document = (0,dist.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const errors = document.errors.map((error) => yamlErrorLine(error, file, lineCounter));
    if (errors.length === 0)
        errors.push(...duplicateKeys(document, file, lineCounter));
    if (errors.length > 0)
        throw new errors_UserError(listed(errors).join("\n"));
    if (document.contents === null) {
        throw new errors_UserError(`${file}: the file is empty; start it with "version: 1" and "experiments:"`);
    }
    const value = documentValue(document, file);
    const nesting = findNestingProblem(value);
    if (nesting !== undefined) {
        const line = lineOfPath(document, lineCounter, nesting.path);
        const at = nesting.path.length === 0 ? "" : `${formatPath(nesting.path)}: `;
        throw new errors_UserError(`${file}:${line}: ${at}${nesting.message}`);
    }
    const result = ConfigFileSchema.safeParse(value, { reportInput: true });
    if (result.success)
        return { config: result.data, lineOf: (path) => lineOfPath(document, lineCounter, path) };
    throw new errors_UserError(configIssueLines(result.error, value, document, lineCounter, file).join("\n"));
}
function documentValue(document, file) {
    try {
        return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        // The yaml library throws a ReferenceError for a "billion laughs" document.
        if (error instanceof ReferenceError && /alias/i.test(error.message)) {
            throw new errors_UserError(`${file}: the YAML aliases (*name) expand to too much (more than ${MAX_ALIAS_COUNT} expansions); write the values out instead`);
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
        if ((0,dist.isSeq)(node))
            pending.push(...node.items);
        if (!(0,dist.isMap)(node))
            continue;
        const seen = new Set();
        for (const pair of node.items) {
            pending.push(pair.value);
            if (!(0,dist.isScalar)(pair.key))
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
        if ((0,dist.isMap)(node)) {
            const pair = node.items.find((item) => (0,dist.isScalar)(item.key) && String(item.key.value) === String(segment));
            if (pair === undefined)
                break;
            offset = rangeStart(pair.key) ?? offset;
            node = pair.value;
        }
        else if ((0,dist.isSeq)(node) && typeof segment === "number") {
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

;// CONCATENATED MODULE: ./src/github/pull-request-info.ts
async function getPullRequest(octokit, input) {
    const { data } = await octokit.rest.pulls.get({ owner: input.owner, repo: input.repo, pull_number: input.number });
    const headRepoFullName = data.head.repo?.full_name;
    return {
        headSha: data.head.sha,
        headRef: data.head.ref,
        baseRef: data.base.ref,
        baseSha: data.base.sha,
        isFork: headRepoFullName === undefined || headRepoFullName.toLowerCase() !== data.base.repo.full_name.toLowerCase(),
        maintainerCanModify: data.maintainer_can_modify,
        headRepoFullName,
    };
}

;// CONCATENATED MODULE: ./src/github/read-tree-file.ts

/** The root tree of a commit, by sha or by ref ("heads/main", "pull/7/head"); undefined when the ref does not exist. */
async function readCommitTree(octokit, input) {
    const { owner, repo } = input;
    let commitSha = input.sha;
    if (commitSha === undefined) {
        if (input.ref === undefined)
            throw new Error("readCommitTree needs a sha or a ref");
        try {
            commitSha = (await octokit.rest.git.getRef({ owner, repo, ref: input.ref })).data.object.sha;
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw error;
        }
    }
    const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: commitSha });
    return { commitSha, treeSha: commit.data.tree.sha };
}
/**
 * A file's bytes under a tree, or undefined when there is no file at `path`. Walks one directory
 * per request and reads the blob through the Git Data API, which serves files up to 100 MB (the
 * Contents API stops at 1 MB, and a dataset can be larger).
 */
async function readTreeFile(octokit, input) {
    const { owner, repo } = input;
    const segments = input.path.split("/").filter((segment) => segment !== "" && segment !== ".");
    let tree = input.treeSha;
    for (const [index, segment] of segments.entries()) {
        const level = await octokit.rest.git.getTree({ owner, repo, tree_sha: tree });
        const entry = level.data.tree.find((candidate) => candidate.path === segment);
        if (entry?.sha === undefined)
            return undefined;
        const last = index === segments.length - 1;
        if (last && entry.type !== "blob")
            return undefined;
        if (!last && entry.type !== "tree")
            return undefined;
        if (last) {
            const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha });
            return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8");
        }
        tree = entry.sha;
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
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
    const lineCounter = new dist.LineCounter();
    const document = (0,dist.parseDocument)(input.configText, { lineCounter });
    if (document.errors.length > 0)
        parseConfig(input.configText, input.file);
    const experiments = document.get("experiments", true);
    if (!(0,dist.isMap)(experiments))
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
    const text = spliced !== undefined && (0,external_node_util_.isDeepStrictEqual)((0,dist.parseDocument)(spliced).toJS(), expected) ? spliced : reserialise(document, experiments, input, definition);
    // Whatever we wrote must load as a config, or nothing is committed.
    parseConfig(text, input.file);
    return { kind: "added", text };
}
function copiedSettings(input) {
    const source = (0,dist.parseDocument)(input.sourceConfigText).toJS();
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
    const entry = new dist.Document({ [input.name]: definition }).toString({ lineWidth: 0, indent: 2 });
    const lines = [`# ${input.comment}`, ...entry.trimEnd().split("\n")];
    return lines.map((line) => `${indent}${line}`).join("\n");
}
/** The text with the entry after the map's last line, indented like its keys; undefined when the map is not block style. */
function spliceEntry(input, experiments, lineCounter, definition) {
    const firstKey = experiments.items[0]?.key;
    if (experiments.flow || !(0,dist.isScalar)(firstKey) || firstKey.range === undefined || firstKey.range === null || experiments.range === undefined || experiments.range === null)
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
    if ((0,dist.isScalar)(pair.key)) {
        pair.key.commentBefore = ` ${input.comment}`;
        pair.key.spaceBefore = true;
    }
    experiments.items.push(pair);
    return document.toString({ lineWidth: 0 });
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/core/canonical.ts

/**
 * Canonical JSON: object keys sorted, no whitespace. Two values that mean the same thing
 * serialise to the same string, so hashes of items and definitions do not depend on key order.
 */
function canonical_canonicalJson(value) {
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
    return (0,external_node_crypto_.hash)("sha256", text, "hex");
}
/** A short, stable content hash used for ids and versions a user may type. */
function contentHash(value, length = 12) {
    return sha256Hex(canonical_canonicalJson(value)).slice(0, length);
}

;// CONCATENATED MODULE: ./src/core/dataset/format.ts

/**
 * A record (a JSONL line, a CSV record, a JSON array element) longer than this many characters is
 * refused: the parser holds a whole record, and a file with no line break or an unclosed quote
 * would otherwise be read into memory whole.
 */
const MAX_RECORD_CHARS = (/* unused pure expression or super */ null && (32 * 1024 * 1024));
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
        throw new UserError(`${file}: unknown dataset format; name the file .jsonl (or .ndjson), .csv or .json`);
    }
    return format;
}
/** `evals/x.jsonl:17` or `evals/x.json:17: item [3]`: the prefix of every message about a record. */
function format_recordLocation(file, record) {
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
        throw new errors_UserError(`${where}: expected a JSON object, got ${describeJsonType(record)}`);
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
        throw new errors_UserError(`${where}: the record has no input; add an "input" field (or fields that make up the input)`);
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
        const got = typeof mode === "string" ? "" : `, got ${describeJsonType(mode)}`;
        throw new errors_UserError(`${where}: "scorers_mode" must be "add" (the default) or "replace"${got}`);
    }
    if (scorers === undefined) {
        if (mode === "replace")
            throw new errors_UserError(`${where}: "scorers_mode" is "replace" but the record has no "scorers" list`);
        return {};
    }
    if (!Array.isArray(scorers)) {
        throw new errors_UserError(`${where}: "scorers" must be a list of scorers, as in evalgate.yml (e.g. ["json_valid"]), got ${describeJsonType(scorers)}`);
    }
    if (scorers.length === 0) {
        if (mode === "replace")
            throw new errors_UserError(`${where}: "scorers_mode" is "replace" but "scorers" is empty; the item would have no scorer`);
        return {};
    }
    return { scorers: scorers, ...(mode === "replace" ? { scorers_mode: "replace" } : {}) };
}
function metadataOf(fields, where) {
    const metadata = fields.metadata;
    if (metadata === undefined)
        return {};
    if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) {
        throw new errors_UserError(`${where}: "metadata" must be a JSON object, got ${describeJsonType(metadata)}`);
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
    item.id = contentHash(content, 16);
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
        throw new errors_UserError(`${where}: "id" contains the character U+0000, which no store can keep as an id; remove it`);
    }
    if (typeof rawId === "string" && rawId !== "")
        return rawId;
    if (typeof rawId === "number" && Number.isFinite(rawId))
        return String(rawId);
    throw new errors_UserError(`${where}: "id" must be a non-empty string or a number, got ${describeJsonType(rawId)}${rawId === "" ? " (empty)" : ""}; leave it out to derive the id from the content`);
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

;// CONCATENATED MODULE: ./src/github/eval-commands/inline-code.ts

const PLAIN = /^[A-Za-z0-9_.:\/-]{1,100}$/;
/**
 * An id or name for a reply: as code when it is plain (run ids, run item ids, file names), else
 * escaped text, since nothing can be escaped inside a code span and a dataset's ids are anyone's.
 */
function inlineCode(text) {
    return PLAIN.test(text) ? `\`${text}\`` : escapeMarkdown(text, { maxLength: 100 });
}

;// CONCATENATED MODULE: ./src/github/upsert-pull-request.ts
/** The open pull request from `head` into `base`, created when there is none (a second command adds commits to the first's). */
async function upsertPullRequest(octokit, input) {
    const { owner, repo, head, base } = input;
    const open = await octokit.rest.pulls.list({ owner, repo, state: "open", head: `${owner}:${head}`, base, per_page: 1 });
    const existing = open.data[0];
    if (existing)
        return { number: existing.number, htmlUrl: existing.html_url, created: false };
    const created = await octokit.rest.pulls.create({ owner, repo, head, base, title: input.title, body: input.body });
    return { number: created.data.number, htmlUrl: created.data.html_url, created: true };
}

;// CONCATENATED MODULE: ./src/github/write-files-commit.ts


/**
 * Commits files to a branch in one commit through the Git Data API (blobs, a tree on the head's
 * tree, a commit, then the ref moved without force). When someone pushes in between, GitHub refuses
 * the move (422) and the commit is rebuilt on the new head. Undefined when `prepare` found nothing
 * to change: no empty commits, and a branch that would be new is not created.
 */
async function writeFilesCommit(octokit, input) {
    const { owner, repo, branch } = input;
    const attempts = input.attempts ?? 4;
    // Each call below is retried by the client; this loop only rebuilds the commit after a lost race.
    const { value } = await withRetries(async () => {
        const { head, exists } = await readBranch(octokit, input);
        const files = await input.prepare(head);
        if (files === undefined || files.length === 0)
            return { retry: false, value: { written: undefined } };
        const tree = [];
        for (const file of files) {
            const content = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
            const blob = await octokit.rest.git.createBlob({ owner, repo, content: content.toString("base64"), encoding: "base64" });
            tree.push({ path: file.path, mode: "100644", type: "blob", sha: blob.data.sha });
        }
        const createdTree = await octokit.rest.git.createTree({ owner, repo, tree, base_tree: head.treeSha });
        const commit = await octokit.rest.git.createCommit({ owner, repo, message: input.message, tree: createdTree.data.sha, parents: [head.commitSha] });
        try {
            if (exists)
                await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false });
            else
                await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.data.sha });
            return { retry: false, value: { written: { sha: commit.data.sha, htmlUrl: commit.data.html_url, parent: head } } };
        }
        catch (error) {
            // 422: not a fast forward (someone pushed), the branch was deleted, or someone created it first.
            if (statusOf(error) !== 422)
                throw error;
            return { retry: true, value: { refused: error } };
        }
    }, retryPolicy(attempts - 1, { baseDelayMs: 100, maxDelayMs: 2_000 }));
    if ("refused" in value)
        throw value.refused;
    return value.written;
}
/** The branch's head; a missing branch reads as `createFrom`, to be created by the commit. */
async function readBranch(octokit, input) {
    const { owner, repo, branch } = input;
    let commitSha;
    let exists = true;
    try {
        commitSha = (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
    }
    catch (error) {
        if (!isNotFound(error) || input.createFrom === undefined)
            throw error;
        commitSha = input.createFrom;
        exists = false;
    }
    const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: commitSha });
    return { head: { commitSha, treeSha: commit.data.tree.sha }, exists };
}

;// CONCATENATED MODULE: ./src/github/eval-commands/regression/deliver-regression.ts






/** A fork or branch the token may not write: GitHub answers 403 or 404 (or 422 for a protected branch). */
function deliver_regression_isRefused(error) {
    const status = statusOf(error);
    return status === 403 || status === 404 || status === 422;
}
/**
 * Commits the regression files where the pull request's author will see them: on its branch; for a
 * fork, on the fork's branch when maintainers may edit it; else on a new branch of the base
 * repository with a pull request; and when even that is refused, the files go in the reply.
 */
async function deliverRegression(octokit, input) {
    const { pull } = input;
    if (!pull.isFork)
        return commitTo(octokit, input, { owner: input.owner, repo: input.repo, branch: pull.headRef }, false);
    if (pull.maintainerCanModify && pull.headRepoFullName !== undefined) {
        const [forkOwner = "", forkRepo = ""] = pull.headRepoFullName.split("/");
        try {
            return await commitTo(octokit, input, { owner: forkOwner, repo: forkRepo, branch: pull.headRef }, true);
        }
        catch (error) {
            if (!deliver_regression_isRefused(error))
                throw error;
            input.log.info(`Could not push to the fork ${pull.headRepoFullName} (${messageOf(error)}); opening a pull request instead.`);
        }
    }
    const branch = `evalgate/regressions-pr-${input.number}`;
    try {
        const baseHead = await readCommitTree(octokit, { owner: input.owner, repo: input.repo, ref: `heads/${pull.baseRef}` });
        const delivery = await commitTo(octokit, input, { owner: input.owner, repo: input.repo, branch, createFrom: baseHead?.commitSha ?? pull.baseSha }, false);
        if (delivery.kind !== "pushed")
            return delivery;
        const pullRequest = await upsertPullRequest(octokit, {
            owner: input.owner,
            repo: input.repo,
            head: branch,
            base: pull.baseRef,
            title: `evalgate: regression items from #${input.number}`,
            body: `Regression dataset and experiment collected by \`/eval regression\` on #${input.number}, whose branch is in a fork evalgate cannot push to.`,
        });
        return { kind: "pull-request", change: delivery.change, commit: delivery.commit, repoFullName: delivery.repoFullName, branch, pullRequest };
    }
    catch (error) {
        if (!deliver_regression_isRefused(error) && !(error instanceof CommandError))
            throw error;
        input.log.info(`Could not open a pull request with the regression dataset (${messageOf(error)}); replying with the files.`);
        return inline(octokit, input, `evalgate may not push to the fork, nor open a pull request from a branch here (${messageOf(error)})`);
    }
}
async function readText(octokit, location, treeSha, path) {
    return (await readTreeFile(octokit, { ...location, treeSha, path }))?.toString("utf8");
}
/** Plans the change against a tree (the branch's head, or the pull request's for the inline reply). */
async function planAt(octokit, input, location, treeSha) {
    const configText = await readText(octokit, location, treeSha, input.configPath);
    if (configText === undefined)
        throw new CommandError(`There is no \`${input.configPath}\` on the branch the regression dataset would go to.`);
    const existingDatasets = new Map();
    for (const target of input.targets) {
        const existing = await readText(octokit, location, treeSha, target.datasetPath);
        if (existing !== undefined)
            existingDatasets.set(target.datasetPath, existing);
    }
    return planRegressionChange({
        configPath: input.configPath,
        configText,
        sourceConfigText: input.sourceConfigText,
        targets: input.targets,
        existingDatasets,
        addedAt: input.addedAt,
        origin: `/eval regression on #${input.number}`,
        collected: `from pull request #${input.number}`,
    });
}
async function commitTo(octokit, input, location, toFork) {
    let change;
    const prepare = async (head) => {
        change = await planAt(octokit, input, location, head.treeSha);
        return change.files;
    };
    const commit = await writeFilesCommit(octokit, {
        owner: location.owner,
        repo: location.repo,
        branch: location.branch,
        message: commitMessage(input),
        prepare,
        ...(location.createFrom === undefined ? {} : { createFrom: location.createFrom }),
    });
    if (change === undefined)
        throw new Error("the regression change was never planned");
    if (commit === undefined)
        return { kind: "nothing-new", change };
    return { kind: "pushed", change, commit, repoFullName: `${location.owner}/${location.repo}`, branch: location.branch, toFork };
}
async function inline(octokit, input, reason) {
    const change = await planAt(octokit, input, { owner: input.owner, repo: input.repo }, input.sourceTreeSha);
    return change.files.length === 0 ? { kind: "nothing-new", change } : { kind: "inline", change, reason };
}
function commitMessage(input) {
    const names = input.targets.map((target) => target.name).join(", ");
    return `evalgate: add regression items to ${names}\n\nCollected by /eval regression on #${input.number}.`;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/core/regression/select-items.ts

/**
 * The failed and errored items of each run, or (with `runItemIds`) exactly the named run items,
 * whatever their status. Throws UnknownRunItemIdsError for ids in none of the runs, with the ids
 * that could be named instead.
 */
async function selectItems(store, runs, runItemIds) {
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

;// CONCATENATED MODULE: ./src/core/experiment-lifecycle.ts


/** Where an experiment with variants stands (PRODUCT.md, Variants). */
const ExperimentStatusSchema = schemas/* enum */.k5n([
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
const ExperimentStateSchema = schemas/* object */.Ikc({
    experiment: schemas/* string */.YjP(),
    status: ExperimentStatusSchema,
    /** The completed baseline run whose item ids every later run of the experiment uses. */
    baseline_run_id: schemas/* string */.YjP().optional(),
    updated_at: schemas/* string */.YjP(),
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
        throw new UserError(refusal(experiment, status, event));
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

;// CONCATENATED MODULE: ./src/core/repeats/find-score.ts
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

;// CONCATENATED MODULE: ./src/store/ambiguous-prefix.ts

/** Matches a store fetches and shows when a prefix is ambiguous (one more tells "…"). */
const AMBIGUOUS_SHOWN = 5;
/**
 * The error for a prefix that matches several runs, dataset versions or experiment versions
 * (`matches` sorted, any count): "run id "run-2026" is ambiguous: …. Type more of the run id."
 */
function ambiguousPrefixError(what, prefix, matches) {
    const more = matches.length > AMBIGUOUS_SHOWN ? ", …" : "";
    return new errors_UserError(`${what} "${prefix}" is ambiguous: ${matches.slice(0, AMBIGUOUS_SHOWN).join(", ")}${more}. Type more of the ${what}.`);
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

;// CONCATENATED MODULE: ./src/store/group-commit.ts
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

;// CONCATENATED MODULE: ./src/store/run-store.ts
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

;// CONCATENATED MODULE: ./src/store/sqlite-rows.ts
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
        id: sqlite_rows_text(row, "id"),
        experiment: sqlite_rows_text(row, "experiment"),
        experiment_version: sqlite_rows_text(row, "experiment_version"),
        dataset_path: sqlite_rows_text(row, "dataset_path"),
        dataset_version: sqlite_rows_text(row, "dataset_version"),
        item_count: num(row, "item_count"),
        target: sqlite_rows_text(row, "target"),
        started_at: sqlite_rows_text(row, "started_at"),
        status: sqlite_rows_text(row, "status"),
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
    return JSON.parse(sqlite_rows_text(row, "item"));
}
function jsonOrNull(value) {
    return value === undefined ? null : JSON.stringify(value);
}
function setIfPresent(target, key, value) {
    if (value !== undefined)
        target[key] = value;
}
function sqlite_rows_text(row, column) {
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
    return row[column] === null ? undefined : sqlite_rows_text(row, column);
}
function optionalNum(row, column) {
    return row[column] === null ? undefined : num(row, column);
}
function optionalJson(row, column) {
    return row[column] === null ? undefined : JSON.parse(sqlite_rows_text(row, column));
}

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
    const row = runToRow(run);
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
        throw new UnknownRunError(unknown, where);
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

;// CONCATENATED MODULE: ./src/core/dataset/version-accumulator.ts




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
            throw new UserError(`${recordLocation(this.source.file, record)}: duplicate item id${id} (first on line ${first}); give each item its own id`);
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
            throw new UserError(`${this.source.file}: the dataset has no items; add at least one record`);
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
    return digestOfCanonicalItem(canonicalJson(item));
}
/**
 * An item's digest from its canonical JSON (core/canonical.ts): what a dataset version hashes, and
 * what stores key an item's content by (a 24-character base64 string).
 */
function digestOfCanonicalItem(canonical) {
    const full = (0,external_node_crypto_.hash)("sha256", canonical, "base64");
    for (let index = 0; index < 21; index++)
        digestCodes[index] = full.charCodeAt(index);
    digestCodes[21] = BASE64.charCodeAt(BASE64.indexOf(full[21]) & 0x30);
    return String.fromCharCode(...digestCodes);
}
function versionOfDigests(digests) {
    return hash("sha256", [...digests].sort().join("\n"), "hex").slice(0, 12);
}

;// CONCATENATED MODULE: ./src/store/dataset-item-chunks.ts


/**
 * A chunk is written in one transaction or statement once it holds this many items or this many
 * characters of canonical JSON: each locks the store for milliseconds, and a chunk of large items
 * stays well inside the embedded store's writer thread (48 MB heap) and a PostgreSQL statement.
 */
const CHUNK_ITEMS = 1_000;
const CHUNK_CHARS = 4_000_000;
/**
 * A dataset version's items as rows to store, in chunks (the last may be short; none is empty).
 * Digests are computed here, before any transaction: the store is then locked for the inserts alone.
 */
async function* datasetItemChunks(items) {
    let chunk = [];
    let chars = 0;
    for await (const item of items) {
        const canonical = canonical_canonicalJson(item);
        chunk.push([digestOfCanonicalItem(canonical), canonical, item.id]);
        chars += canonical.length;
        if (chunk.length < CHUNK_ITEMS && chars < CHUNK_CHARS)
            continue;
        yield chunk;
        chunk = [];
        chars = 0;
    }
    if (chunk.length > 0)
        yield chunk;
}

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
    for await (const rows of datasetItemChunks(items)) {
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
    return findByKeyOrPrefix("dataset version", version, {
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
        throw new UnknownRunError(runId, where);
    for (const table of ["annotations", "scores", "run_leases"])
        await client.query(`DELETE FROM evalgate.${table} WHERE run_id = $1`, [runId]);
    const items = await client.query("DELETE FROM evalgate.run_items WHERE run_id = $1", [runId]);
    await client.query("DELETE FROM evalgate.runs WHERE id = $1", [runId]);
    const datasetVersionRemoved = await removeDatasetVersionIfUnused(client, run.dataset_version);
    return { items: items.rowCount ?? 0, datasetVersionRemoved };
}

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
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
        throw new errors_UserError(`${redactStoreUrl(url)} is not a valid PostgreSQL URL: write postgres://USER:PASSWORD@HOST:PORT/DATABASE, ` +
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
    if (error instanceof errors_UserError)
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
    return new errors_UserError(`cannot open the PostgreSQL store ${where}: ${cause}`);
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
    if (error instanceof UnavailableError)
        return error;
    const code = error.code;
    const message = error instanceof Error ? error.message : String(error);
    const lost = (typeof code === "string" && (code.startsWith("08") || code.startsWith("57P") || /^E[A-Z]+$/.test(code))) ||
        /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message);
    if (!lost)
        return error;
    return new UnavailableError(`lost the PostgreSQL store ${where}: ${redactPasswords(message)}`, { cause: error });
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
            throw new errors_UserError(`${where} has store schema version ${current}, but this evalgate knows up to ${POSTGRES_SCHEMA_VERSION}: ` +
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
class postgres_store_PostgresRunStore {
    pool;
    scope;
    /** The URL with its password redacted: what messages name. */
    where;
    leases;
    // A lost server rejects as UnavailableError here as for every query (mapLostConnections).
    writes = new GroupCommit((items) => writeRunItems(this.pool, items));
    closed = false;
    constructor(pool, url, scope) {
        this.pool = pool;
        this.scope = scope;
        this.where = redactStoreUrl(url);
        this.leases = new PostgresRunLeases(pool);
    }
    /** Connects and migrates. Throws UserError for what a user causes (see postgres-connection.ts). */
    static async open(url, scope = {}) {
        const pool = createPool(url);
        try {
            await migrate(pool, redactStoreUrl(url));
            mapLostConnections(pool, redactStoreUrl(url));
            return new postgres_store_PostgresRunStore(pool, url, scope);
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
            return await migrate(pool, redactStoreUrl(url));
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
            throw new RunExistsError(run.id, this.where);
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
            throw new UnknownRunError(runId, this.where);
    }
    async reopenRun(runId) {
        const result = await this.pool.query("UPDATE evalgate.runs SET status = 'running', ended_at = NULL, summary = NULL, verdict = NULL, verdict_reasons = NULL WHERE id = $1", [runId]);
        if (result.rowCount === 0)
            throw new UnknownRunError(runId, this.where);
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
        return ExperimentStateSchema.parse(baselineRunId === null ? rest : { ...rest, baseline_run_id: baselineRunId });
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
        return findByKeyOrPrefix("run id", runId, {
            exact: async (id) => (await this.pool.query(`${SELECT_RUN} WHERE id = $1`, [id])).rows.map(rowToRun)[0],
            withPrefix: async (from, to, limit) => (await this.pool.query(`${SELECT_RUN} WHERE id > $1 AND id < $2 ORDER BY id LIMIT $3`, [from, to, limit])).rows.map(rowToRun),
            keyOf: (run) => run.id,
        });
    }
    async listRuns(filter = {}) {
        const { clause, values } = equalities({ repository: this.scope.repository, experiment: filter.experiment, status: filter.status });
        values.push(filter.limit ?? DEFAULT_LIST_LIMIT);
        const { rows } = await this.pool.query(`${SELECT_RUN} ${clause} ORDER BY started_at DESC, id DESC LIMIT $${values.length}`, values);
        return rows.map(rowToRun);
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
        const score = findScore(runItem, scoreId);
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
    return postgres_store_PostgresRunStore.open(url, options);
}
/** `evalgate store migrate`: applies pending migrations and says from which version to which. */
async function migratePostgresStore(url) {
    return PostgresRunStore.migrateOnly(url);
}

;// CONCATENATED MODULE: ./src/store/postgres/index.ts




// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:sqlite"
var external_node_sqlite_ = __webpack_require__(99);
;// CONCATENATED MODULE: ./src/store/sqlite-transaction.ts
/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction of `db`: the write lock is taken at once, so of
 * two processes that read and then write, one waits for the other (busy_timeout) instead of both
 * reading the same state. Commits what `work` did and returns its result; when it throws, rolls
 * all of it back and rethrows.
 */
function inImmediateTransaction(db, work) {
    db.exec("BEGIN IMMEDIATE");
    try {
        const result = work();
        db.exec("COMMIT");
        return result;
    }
    catch (error) {
        if (db.isTransaction)
            db.exec("ROLLBACK");
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/store/sqlite-schema.ts


/**
 * Migration N (0-based) brings a database from `user_version` N to N + 1. Append only: a shipped
 * migration never changes, so every store on disk can be brought to the current schema.
 */
const sqlite_schema_MIGRATIONS = [
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
const SCHEMA_VERSION = sqlite_schema_MIGRATIONS.length;
/**
 * Brings the database to SCHEMA_VERSION. Runs under BEGIN IMMEDIATE so two processes opening a
 * fresh store at once migrate it once: the second waits, then reads the new user_version.
 */
function sqlite_schema_migrate(db, file) {
    inImmediateTransaction(db, () => {
        const current = readUserVersion(db);
        if (current > SCHEMA_VERSION) {
            throw new errors_UserError(`${file} has store schema version ${current}, but this evalgate knows up to ${SCHEMA_VERSION}: ` +
                "upgrade evalgate, or pass --store DIR to use another store");
        }
        for (const [index, sql] of sqlite_schema_MIGRATIONS.entries()) {
            if (index < current)
                continue;
            db.exec(sql);
        }
        // PRAGMA takes no bound parameters; SCHEMA_VERSION is our own integer.
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
}
function readUserVersion(db) {
    const row = db.prepare("PRAGMA user_version").get();
    const version = row?.["user_version"];
    return typeof version === "number" ? version : 0;
}

// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
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
            inImmediateTransaction(this.db, () => {
                for (const step of this.rebuildSteps)
                    step.run({ run_id: runId });
            });
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
        return inImmediateTransaction(this.db, () => {
            const current = this.get(lease.run_id);
            const free = current === undefined ? replacing === undefined : current.holder === replacing || current.holder === lease.holder;
            if (free)
                this.statements.put.run(lease.run_id, lease.holder, lease.host, lease.pid, lease.heartbeat_at);
            return free ? lease : current;
        });
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
        return ExperimentStateSchema.parse({
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


const sqlite_annotations_COLUMNS = "run_item_id, name, run_id, item_id, kind, metric, label, note, author, updated_at";
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
        this.upsert = db.prepare(`INSERT INTO annotations (${sqlite_annotations_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ` +
            "ON CONFLICT (run_item_id, name) DO UPDATE SET run_id = excluded.run_id, item_id = excluded.item_id, " +
            "kind = excluded.kind, metric = excluded.metric, label = excluded.label, note = excluded.note, " +
            "author = excluded.author, updated_at = excluded.updated_at");
        // BINARY collation: item ids and names in code point order, as runItems streams items.
        this.ofRun = db.prepare(`SELECT ${sqlite_annotations_COLUMNS} FROM annotations WHERE run_id = ? ORDER BY item_id, name`);
    }
    put(annotations) {
        if (annotations.length === 0)
            return;
        inImmediateTransaction(this.db, () => {
            for (const runId of new Set(annotations.map((annotation) => annotation.run_id))) {
                if (this.runExists.get(runId) === undefined)
                    throw new UnknownRunError(runId, this.where);
            }
            for (const annotation of annotations) {
                this.upsert.run(annotation.run_item_id, annotation.name, annotation.run_id, annotation.item_id, annotation.kind, annotation.kind === "metric" ? Number(annotation.value) : null, annotation.kind === "label" ? String(annotation.value) : null, annotation.note ?? null, annotation.author ?? null, annotation.updated_at);
            }
        });
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

;// CONCATENATED MODULE: ./src/store/sqlite-dataset-versions.ts



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
        for await (const chunk of datasetItemChunks(items)) {
            await this.commitRows(record.version, chunk);
            given += chunk.length;
        }
        return inImmediateTransaction(this.db, () => {
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
        return findByKeyOrPrefix("dataset version", version, {
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














const sqlite_store_DEFAULT_LIST_LIMIT = 50;
const sqlite_store_RUN_COLUMNS = "id, experiment, experiment_version, dataset_path, dataset_version, item_count, target, label, " +
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
    writes = new GroupCommit((items) => this.commitRunItems(items));
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
            sqlite_schema_migrate(this.db, file);
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
            saveExperimentVersion: db.prepare("INSERT INTO experiment_versions (experiment, version, definition, created_at) " +
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
            getExperimentVersion: db.prepare("SELECT experiment, version, definition, created_at FROM experiment_versions " +
                "WHERE experiment = ? AND version = ?"),
            insertRun: db.prepare(`INSERT INTO runs (${sqlite_store_RUN_COLUMNS}) VALUES (${placeholders(sqlite_store_RUN_COLUMNS)})`),
            endRun: db.prepare("UPDATE runs SET status = :status, ended_at = :ended_at, summary = :summary, " +
                "verdict = :verdict, verdict_reasons = :verdict_reasons WHERE id = :id"),
            reopenRun: db.prepare("UPDATE runs SET status = 'running', ended_at = NULL, summary = NULL, verdict = NULL, " +
                "verdict_reasons = NULL WHERE id = ?"),
            runById: db.prepare(`SELECT ${sqlite_store_RUN_COLUMNS} FROM runs WHERE id = ?`),
            runsByPrefix: db.prepare(`SELECT ${sqlite_store_RUN_COLUMNS} FROM runs WHERE id > ? AND id < ? ORDER BY id LIMIT ?`),
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
            throw new RunExistsError(run.id, this.file);
        }
        this.statements.insertRun.run(runToRow(run));
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
            const row = runItemToRow(item);
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
            throw new UnknownRunError(runId, this.file);
    }
    async reopenRun(runId) {
        const result = this.statements.reopenRun.run(runId);
        if (result.changes === 0)
            throw new UnknownRunError(runId, this.file);
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
        return inImmediateTransaction(this.db, () => {
            const run = statements.runDatasetVersion.get(runId);
            if (run === undefined)
                throw new UnknownRunError(runId, this.file);
            for (const statement of statements.deleteRunRows)
                statement.run(runId);
            const items = Number(statements.deleteRunItems.run(runId).changes);
            statements.deleteRun.run(runId);
            const datasetVersionRemoved = this.datasetVersions.removeIfUnused(String(run["dataset_version"]));
            return { items, datasetVersionRemoved };
        });
    }
    async getRun(runId) {
        return findByKeyOrPrefix("run id", runId, {
            exact: (id) => {
                const row = this.statements.runById.get(id);
                return row === undefined ? undefined : rowToRun(row);
            },
            withPrefix: (from, to, limit) => this.statements.runsByPrefix.all(from, to, limit).map(rowToRun),
            keyOf: (run) => run.id,
        });
    }
    async listRuns(filter = {}) {
        const conditions = [];
        const params = { limit: filter.limit ?? sqlite_store_DEFAULT_LIST_LIMIT };
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
            .prepare(`SELECT ${sqlite_store_RUN_COLUMNS} FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT :limit`)
            .all(params);
        return rows.map(rowToRun);
    }
    async *runItems(runId) {
        await this.writes.flush();
        // A statement of its own: two streams of the same store must not reset each other.
        const rows = this.db
            .prepare("SELECT item FROM run_items WHERE run_id = ? ORDER BY item_id")
            .iterate(runId);
        try {
            for (const row of rows)
                yield rowToRunItem(row);
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
        return row === undefined ? undefined : rowToRunItem(row);
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
        const runItem = rowToRunItem(row);
        const score = findScore(runItem, scoreId);
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
        throw new errors_UserError(`cannot create the store directory "${dir}": ${open_store_messageOf(error)}. Pass --store DIR with a writable directory`);
    }
    try {
        return new SqliteRunStore(file);
    }
    catch (error) {
        if (error instanceof errors_UserError)
            throw error;
        throw new errors_UserError(`cannot open the store "${file}": ${open_store_messageOf(error)}. ` +
            "Pass --store DIR to use another store, or move this file away to start a new one");
    }
}
function ignoreExisting(error) {
    if (error.code !== "EEXIST")
        throw error;
}
function open_store_messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/store/results-branch/retry-policy.ts

/** 8 publish tries: each round of a race lets at least one writer through, and jobs seldom overlap by 8. */
const DEFAULT_BRANCH_RETRY_POLICY = {
    publishAttempts: 8,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
};
/** The policy for the shared retry primitive. */
function publishRetries(policy) {
    return retryPolicy(Math.max(0, policy.publishAttempts - 1), { baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs });
}

;// CONCATENATED MODULE: ./src/store/results-branch/append-to-branch.ts



/** Returns the commit that holds the file (ours, or a later one when our answer was lost). */
async function appendToBranch(git, append, policy) {
    const file = { path: append.file.path, sha: await git.createBlob(append.file.content) };
    const ifAbsent = new LazyBlobs(git, append.filesIfAbsent);
    const ourCommits = new Set();
    let uncertain = false;
    let lastProblem = "";
    const { value: landed } = await withRetries(async () => {
        // Any other call that still fails after the client's own retries ends the append: trying
        // again here would only multiply them.
        const head = await git.readHead();
        if (head !== undefined && (await alreadyPublished(git, head, file, ourCommits, uncertain)))
            return { retry: false, value: head.commitSha };
        const commit = head === undefined ? await orphanCommit(git, append.message, file, ifAbsent) : await commitOnTop(git, head, append.message, file, ifAbsent);
        ourCommits.add(commit);
        const outcome = head === undefined ? await git.createBranch(commit) : await git.moveBranch(commit);
        if (outcome === "done")
            return { retry: false, value: commit };
        if (outcome === "uncertain") {
            // The ref write's answer was lost: it may have landed, which the next read of the head shows.
            uncertain = true;
            lastProblem = "GitHub did not answer a branch update";
        }
        else {
            lastProblem = head === undefined ? "another job created the branch at the same time" : "another job moved the branch first";
        }
        return { retry: true, value: undefined };
    }, publishRetries(policy));
    if (landed !== undefined)
        return landed;
    throw new Error(`could not add ${file.path} to ${git.name} after ${policy.publishAttempts} tries (last: ${lastProblem}); ` +
        (append.whenGivenUp ?? "the run is kept in the staging store: publish it again later"));
}
/**
 * Did an earlier try land although its answer said otherwise (a retried request whose first send
 * took effect)? The head being our commit is free to check; after a lost answer, someone may
 * already have committed on top of ours, so the file itself is looked up.
 */
async function alreadyPublished(git, head, file, ourCommits, answerLost) {
    if (ourCommits.has(head.commitSha))
        return true;
    return answerLost && (await git.findBlob(head.treeSha, file.path)) === file.sha;
}
/**
 * "If absent" files are uploaded only when a head lacks them, once each: a dataset version the
 * branch has already (tens of MB) is not sent again with every run over it.
 */
class LazyBlobs {
    git;
    files;
    shas = new Map();
    constructor(git, files) {
        this.git = git;
        this.files = files;
    }
    async written(file) {
        let sha = this.shas.get(file.path);
        if (sha === undefined) {
            sha = this.git.createBlob(file.content);
            this.shas.set(file.path, sha);
            sha.catch(() => this.shas.delete(file.path));
        }
        return { path: file.path, sha: await sha };
    }
}
async function orphanCommit(git, message, file, ifAbsent) {
    const files = [{ path: README_PATH, content: README }, file];
    for (const extra of ifAbsent.files)
        files.push(await ifAbsent.written(extra));
    const tree = await git.createTree(files, undefined);
    // No parents: the results branch shares no history with the code.
    return git.createCommit(message, tree, []);
}
async function commitOnTop(git, head, message, file, ifAbsent) {
    const files = [file];
    for (const extra of ifAbsent.files) {
        if ((await git.findBlob(head.treeSha, extra.path)) === undefined)
            files.push(await ifAbsent.written(extra));
    }
    const tree = await git.createTree(files, head.treeSha);
    return git.createCommit(message, tree, [head.commitSha]);
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/core/model/annotation.ts

/** The longest annotation name, label text, note and author (characters): bounded like every stored text. */
const ANNOTATION_LIMITS = { name: 128, label: 1000, note: 4000, author: 200 };
/**
 * A human judgement written onto a run item (`evalgate runs annotate`): a named metric (a number)
 * or label (a text), with an optional note and author. One per (run item, name): writing the same
 * name again replaces it. Shown beside the automated scores, never mixed into them: annotations
 * do not change an item's status or a verdict.
 */
const AnnotationSchema = schemas/* object */.Ikc({
    run_id: schemas/* string */.YjP(),
    run_item_id: schemas/* string */.YjP(),
    item_id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP().min(1).max(ANNOTATION_LIMITS.name),
    kind: schemas/* enum */.k5n(["metric", "label"]),
    /** A finite number for a metric, a text for a label. */
    value: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP().max(ANNOTATION_LIMITS.label)]),
    note: schemas/* string */.YjP().max(ANNOTATION_LIMITS.note).optional(),
    author: schemas/* string */.YjP().max(ANNOTATION_LIMITS.author).optional(),
    /** ISO time it was last written. */
    updated_at: schemas/* string */.YjP(),
});

;// CONCATENATED MODULE: ./src/store/results-branch/annotation-document.ts




/**
 * A file of annotations on the results branch: gzipped JSON lines, a header line
 * `{"format":1,"run_id":…}`, then one annotation per line. One file per write, so writers never
 * touch the same path; readers apply the files in path order, a later one replacing an earlier
 * one's annotation of the same (run item, name).
 */
const ANNOTATION_DOCUMENT_FORMAT = 1;
const gzipAsync = (0,external_node_util_.promisify)(external_node_zlib_.gzip);
const gunzipAsync = (0,external_node_util_.promisify)(external_node_zlib_.gunzip);
async function encodeAnnotationDocument(runId, annotations) {
    const header = { format: ANNOTATION_DOCUMENT_FORMAT, run_id: runId };
    const lines = [JSON.stringify(header), ...annotations.map((annotation) => JSON.stringify(annotation))];
    return gzipAsync(Buffer.from(`${lines.join("\n")}\n`, "utf8"));
}
/** The file's annotations in written order; `where` (`owner/repo@branch:path`) names the file in errors. */
async function decodeAnnotationDocument(gzipped, where) {
    const lines = (await gunzipAsync(gzipped)).toString("utf8").split("\n").filter((line) => line !== "");
    const [headerLine, ...annotationLines] = lines;
    const header = JSON.parse(headerLine ?? "{}");
    if (header.format !== ANNOTATION_DOCUMENT_FORMAT) {
        throw new errors_UserError(`${where} has annotations file format ${String(header.format)}, but this evalgate reads format ${ANNOTATION_DOCUMENT_FORMAT}: upgrade evalgate`);
    }
    // Parsed, not cast: a file edited by hand must not feed a report a value of the wrong type.
    return annotationLines.map((line) => AnnotationSchema.parse(JSON.parse(line)));
}

;// CONCATENATED MODULE: ./src/store/results-branch/annotations-append.ts



/**
 * One commit adding annotations of published runs: a new file per run, named for the time it was
 * written (`writtenAt`, an ISO time) and a random suffix, so writers on other machines never pick
 * the same path and readers apply the files in the order they were written.
 */
async function annotationsAppend(byRun, writtenAt) {
    const files = [];
    for (const [runId, annotations] of byRun) {
        const path = annotationsPath(runId, { writtenAt, random: (0,external_node_crypto_.randomBytes)(4).toString("hex") });
        files.push({ path, content: await encodeAnnotationDocument(runId, annotations) });
    }
    const [file, ...others] = files;
    if (file === undefined)
        throw new Error("annotationsAppend needs at least one run's annotations");
    const count = [...byRun.values()].reduce((sum, annotations) => sum + annotations.length, 0);
    const runs = [...byRun.keys()];
    const message = `evalgate: annotate ${runs.length === 1 ? `run ${runs[0]}` : `${runs.length} runs`} (${count} annotation${count === 1 ? "" : "s"})`;
    return {
        message,
        file,
        // New paths: "if absent" always writes them.
        filesIfAbsent: others,
        whenGivenUp: "nothing was stored; run `evalgate runs annotate` again (annotating twice leaves one value)",
    };
}
/** ISO times that only move forward within a process, so two writes in one millisecond keep their order. */
class WriteClock {
    last = 0;
    next() {
        this.last = Math.max(Date.now(), this.last + 1);
        return new Date(this.last).toISOString();
    }
}

;// CONCATENATED MODULE: ./src/store/results-branch/branch-git.ts


class BranchGit {
    octokit;
    location;
    constructor(octokit, location) {
        this.octokit = octokit;
        this.location = location;
    }
    get name() {
        const { owner, repo, branch } = this.location;
        return `${owner}/${repo}@${branch}`;
    }
    get repoParams() {
        return { owner: this.location.owner, repo: this.location.repo };
    }
    /** The branch's head commit and its tree, or undefined when the branch does not exist yet. */
    async readHead() {
        let commitSha;
        try {
            const ref = await this.octokit.rest.git.getRef({ ...this.repoParams, ref: `heads/${this.location.branch}` });
            commitSha = ref.data.object.sha;
        }
        catch (error) {
            if (statusOf(error) === 404)
                return undefined;
            throw error;
        }
        const commit = await this.octokit.rest.git.getCommit({ ...this.repoParams, commit_sha: commitSha });
        return { commitSha, treeSha: commit.data.tree.sha };
    }
    /**
     * A missing branch reads as an empty store, but a missing repository (or one the token cannot
     * see, which GitHub also answers 404) is a mistake the user should hear about.
     */
    async requireRepository() {
        try {
            await this.octokit.rest.repos.get(this.repoParams);
        }
        catch (error) {
            if (statusOf(error) !== 404)
                throw error;
            const { owner, repo } = this.location;
            throw new errors_UserError(`repository ${owner}/${repo} was not found, or the token cannot read it: check --store github:OWNER/REPO ` +
                "and that GITHUB_TOKEN may read that repository's contents");
        }
    }
    /**
     * Every blob under `treeSha`. One recursive listing usually does; when GitHub truncates it
     * (over 100,000 entries or 7 MB), each subtree is listed on its own, recursively the same way.
     */
    async listBlobs(treeSha, prefix = "") {
        const recursive = await this.octokit.rest.git.getTree({ ...this.repoParams, tree_sha: treeSha, recursive: "true" });
        if (!recursive.data.truncated)
            return blobsOf(recursive.data.tree, prefix);
        const level = await this.octokit.rest.git.getTree({ ...this.repoParams, tree_sha: treeSha });
        const blobs = blobsOf(level.data.tree, prefix);
        for (const entry of level.data.tree) {
            if (entry.type === "tree" && entry.sha !== undefined && entry.path !== undefined) {
                blobs.push(...(await this.listBlobs(entry.sha, `${prefix}${entry.path}/`)));
            }
        }
        return blobs;
    }
    /** The blob sha at `path` under `treeSha`, walking one level per call (no full listing). */
    async findBlob(treeSha, path) {
        let current = treeSha;
        const segments = path.split("/");
        for (const [index, segment] of segments.entries()) {
            const level = await this.octokit.rest.git.getTree({ ...this.repoParams, tree_sha: current });
            const entry = level.data.tree.find((candidate) => candidate.path === segment);
            if (entry?.sha === undefined)
                return undefined;
            const last = index === segments.length - 1;
            if (last)
                return entry.type === "blob" ? entry.sha : undefined;
            if (entry.type !== "tree")
                return undefined;
            current = entry.sha;
        }
        return undefined;
    }
    async readBlob(sha) {
        const blob = await this.octokit.rest.git.getBlob({ ...this.repoParams, file_sha: sha });
        // GitHub wraps base64 at 60 columns; Node's decoder skips the newlines.
        return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8");
    }
    async createBlob(content) {
        const blob = await this.octokit.rest.git.createBlob({ ...this.repoParams, content: content.toString("base64"), encoding: "base64" });
        return blob.data.sha;
    }
    async createTree(files, baseTree) {
        const tree = files.map((file) => ({ ...file, mode: "100644", type: "blob" }));
        const created = await this.octokit.rest.git.createTree({ ...this.repoParams, tree, ...(baseTree === undefined ? {} : { base_tree: baseTree }) });
        return created.data.sha;
    }
    async createCommit(message, tree, parents) {
        const commit = await this.octokit.rest.git.createCommit({ ...this.repoParams, message, tree, parents });
        return commit.data.sha;
    }
    /**
     * Points a new branch at `sha`. "conflict" when another writer created it first; "uncertain"
     * when the answer was lost (a 5xx): the branch may have been created all the same.
     */
    createBranch(sha) {
        const ref = `refs/heads/${this.location.branch}`;
        return this.writeRef(() => this.octokit.rest.git.createRef({ ...this.repoParams, ref, sha, request: { retries: 0 } }));
    }
    /**
     * Moves the branch to `sha` without force. "conflict" (422) when the branch moved since
     * `sha`'s parent was read (not a fast forward) or was deleted meanwhile; "uncertain" as above.
     */
    moveBranch(sha) {
        const ref = `heads/${this.location.branch}`;
        return this.writeRef(() => this.octokit.rest.git.updateRef({ ...this.repoParams, ref, sha, force: false, request: { retries: 0 } }));
    }
    /**
     * Sent once (`retries: 0`): a retry in the client could not tell "refused because the first
     * try landed" from "refused because another job won"; appendToBranch reads the branch to know.
     */
    async writeRef(write) {
        try {
            await write();
            return "done";
        }
        catch (error) {
            const status = statusOf(error);
            if (status === 422)
                return "conflict";
            // A 5xx, or no answer (Octokit reports a dropped connection as 500): the write may have landed.
            if (status !== undefined && status >= 500)
                return "uncertain";
            throw error;
        }
    }
}
function blobsOf(entries, prefix) {
    const blobs = [];
    for (const entry of entries) {
        if (entry.type !== "blob" || entry.path === undefined || entry.sha === undefined)
            continue;
        blobs.push({ path: prefix + entry.path, sha: entry.sha, size: entry.size ?? 0 });
    }
    return blobs;
}

;// CONCATENATED MODULE: ./src/store/results-branch/branch-index.ts

/**
 * What one listing of the branch's tree says: every run, experiment version and dataset version,
 * from paths alone.
 * Runs are kept newest first: run ids start with their start time (run-YYYYMMDD-HHMMSS-xxxx).
 */
class BranchIndex {
    /** Newest first. */
    runs;
    runsById = new Map();
    experimentVersions = new Map();
    annotationFiles = new Map();
    datasetFiles = new Map();
    paths;
    constructor(blobs) {
        this.paths = new Set(blobs.map((blob) => blob.path));
        const runs = [];
        for (const blob of blobs) {
            const ref = parseRunPath(blob.path);
            if (ref !== undefined) {
                // One path per run id; a run republished under another role or commit keeps its first path.
                if (this.runsById.has(ref.runId))
                    continue;
                const run = { ...ref, blobSha: blob.sha, size: blob.size };
                this.runsById.set(ref.runId, run);
                runs.push(run);
                continue;
            }
            const dataset = parseDatasetPath(blob.path);
            if (dataset !== undefined) {
                const files = this.datasetFiles.get(dataset.version) ?? {};
                files[dataset.file] = blob;
                this.datasetFiles.set(dataset.version, files);
                continue;
            }
            const version = parseExperimentVersionPath(blob.path);
            if (version !== undefined)
                this.experimentVersions.set(versionKey(version.experiment, version.version), blob);
            const annotations = parseAnnotationsPath(blob.path);
            if (annotations !== undefined) {
                const files = this.annotationFiles.get(annotations.runId);
                if (files === undefined)
                    this.annotationFiles.set(annotations.runId, [blob]);
                else
                    files.push(blob);
            }
        }
        // Path order is write order (names start with the time written): later files win.
        for (const files of this.annotationFiles.values())
            files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        this.runs = runs.sort((a, b) => (a.runId < b.runId ? 1 : a.runId > b.runId ? -1 : 0));
    }
    static empty() {
        return new BranchIndex([]);
    }
    has(path) {
        return this.paths.has(path);
    }
    run(runId) {
        return this.runsById.get(runId);
    }
    /** Runs whose id starts with `prefix`, in id order (as the SQLite store lists them). */
    runsWithPrefix(prefix) {
        return this.runs.filter((run) => run.runId.startsWith(prefix)).reverse();
    }
    find(filter) {
        return this.runs.filter((run) => run.experiment === filter.experiment &&
            (filter.datasetVersion === undefined || run.datasetVersion === filter.datasetVersion) &&
            (filter.commit === undefined || run.commit === filter.commit) &&
            (filter.role === undefined || run.role === filter.role));
    }
    /** The run's annotations files in write order (oldest first); none for a run never annotated. */
    annotationsOf(runId) {
        return this.annotationFiles.get(runId) ?? [];
    }
    experimentVersion(experiment, version) {
        return this.experimentVersions.get(versionKey(experiment, version));
    }
    /** Every experiment version file, of one experiment when given. */
    experimentVersionsOf(experiment) {
        const found = [];
        for (const [key, blob] of this.experimentVersions) {
            const [name = "", version = ""] = key.split("\u0000");
            if (experiment === undefined || name === experiment)
                found.push({ experiment: name, version, blob });
        }
        return found;
    }
    /** A dataset version is on the branch when its items file is; a lone record file is a leftover. */
    datasetVersion(version) {
        const files = this.datasetFiles.get(version);
        if (files?.items === undefined)
            return undefined;
        return { version, items: files.items, ...(files.record === undefined ? {} : { record: files.record }) };
    }
    datasetVersions() {
        return [...this.datasetFiles.keys()].flatMap((version) => this.datasetVersion(version) ?? []);
    }
    /** Both files of a dataset version that are there (items, record), to remove them. */
    datasetFilesOf(version) {
        const files = this.datasetFiles.get(version);
        return [files?.items, files?.record].filter((file) => file !== undefined);
    }
    /** The runs over a dataset version, newest first. */
    runsOfDatasetVersion(version) {
        return this.runs.filter((run) => run.datasetVersion === version);
    }
}
function versionKey(experiment, version) {
    return `${experiment}\u0000${version}`;
}
/** A RunRef without the index's download details, as callers get it. */
function toRunRef(run) {
    const ref = { runId: run.runId, experiment: run.experiment, datasetVersion: run.datasetVersion, path: run.path };
    if (run.commit !== undefined)
        ref.commit = run.commit;
    if (run.role !== undefined)
        ref.role = run.role;
    return ref;
}

;// CONCATENATED MODULE: ./src/core/item-id-order.ts
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

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/store/results-branch/gzip-lines.ts


const WRITE_BATCH_CHARS = 1024 * 1024;
/**
 * Gzips lines as they stream in (each gets a trailing newline). Stops with `tooLarge()` as soon
 * as the compressed size passes `maxBytes`, so a file too large to publish fails before it is all
 * read.
 */
async function gzipLines(lines, maxBytes, tooLarge) {
    const chunks = [];
    let size = 0;
    const gzip = (0,external_node_zlib_.createGzip)();
    const collected = (async () => {
        for await (const chunk of gzip) {
            size += chunk.length;
            if (size > maxBytes)
                throw tooLarge();
            chunks.push(chunk);
        }
    })();
    // Settled below; until then a failure here must not count as an unhandled rejection.
    const collectError = collected.then(() => undefined, (error) => error);
    try {
        // Lines go to zlib in batches: a write per line waited on zlib's thread for every few lines.
        let batch = "";
        for await (const line of lines) {
            batch += `${line}\n`;
            if (batch.length >= WRITE_BATCH_CHARS) {
                await write(gzip, batch);
                batch = "";
            }
        }
        await write(gzip, batch);
        gzip.end();
    }
    catch (error) {
        gzip.destroy();
        // When the collector stopped the stream (too large), its error is the one that explains.
        throw (await collectError) ?? error;
    }
    const error = await collectError;
    if (error !== undefined)
        throw error;
    return Buffer.concat(chunks, size);
}
function write(gzip, text) {
    if (gzip.destroyed)
        return Promise.reject(new Error("the gzip stream was closed"));
    if (gzip.write(text))
        return Promise.resolve();
    return new Promise((resolve, reject) => {
        const onDrain = () => {
            gzip.off("close", onClose);
            resolve();
        };
        const onClose = () => {
            gzip.off("drain", onDrain);
            reject(new Error("the gzip stream was closed"));
        };
        gzip.once("drain", onDrain);
        gzip.once("close", onClose);
    });
}
/** The non-empty lines of a gzipped file, decompressed as they are read. */
async function* gunzipLines(gzipped) {
    const text = external_node_stream_.Readable.from([gzipped]).pipe((0,external_node_zlib_.createGunzip)()).setEncoding("utf8");
    let pending = "";
    for await (const chunk of text) {
        pending += chunk;
        let newline = pending.indexOf("\n");
        while (newline !== -1) {
            const line = pending.slice(0, newline);
            pending = pending.slice(newline + 1);
            if (line !== "")
                yield line;
            newline = pending.indexOf("\n");
        }
    }
    if (pending !== "")
        yield pending;
}

;// CONCATENATED MODULE: ./src/store/results-branch/run-document.ts


/**
 * A run file on the results branch: gzipped JSON lines, a header line and then one run item per
 * line in item_id order. Lines rather than one JSON document so a reader parses one item at a
 * time: a 100,000-item run is held compressed (tens of MB), never as 100,000 objects.
 */
const RUN_DOCUMENT_FORMAT = 1;
/**
 * Gzips the header and the items as they stream in. Stops with a UserError as soon as the
 * compressed size passes `maxBytes`, so a run too large to publish fails before it is all read.
 */
function encodeRunDocument(header, items, maxBytes) {
    return gzipLines(documentLinesOf(header, items), maxBytes, () => tooLarge(header.run.id, maxBytes));
}
async function* documentLinesOf(header, items) {
    yield JSON.stringify(header);
    for await (const item of items)
        yield JSON.stringify(item);
}
function tooLarge(runId, maxBytes) {
    return new errors_UserError(`run "${runId}" is more than ${sizeText(maxBytes)} compressed, the largest file GitHub's Git Data API accepts: ` +
        "use a smaller dataset (or split it into several experiments), or keep this run in the embedded store");
}
function sizeText(bytes) {
    return bytes >= 1_000_000 ? `${Math.round(bytes / 1_000_000)} MB` : `${bytes} bytes`;
}
async function readRunDocumentHeader(gzipped, where) {
    for await (const line of gunzipLines(gzipped))
        return parseHeader(line, where);
    throw new Error(`${where} is empty: it is not a run written by evalgate`);
}
/** The run's items in stored (item_id) order; the header line is checked and skipped. */
async function* readRunDocumentItems(gzipped, where) {
    let sawHeader = false;
    for await (const line of gunzipLines(gzipped)) {
        if (!sawHeader) {
            parseHeader(line, where);
            sawHeader = true;
            continue;
        }
        yield JSON.parse(line);
    }
}
function parseHeader(line, where) {
    const header = JSON.parse(line);
    if (header.format !== RUN_DOCUMENT_FORMAT) {
        throw new errors_UserError(`${where} has run file format ${String(header.format)}, but this evalgate reads format ${RUN_DOCUMENT_FORMAT}: upgrade evalgate`);
    }
    return header;
}

;// CONCATENATED MODULE: ./src/store/results-branch/dataset-document.ts




/**
 * A dataset version on the results branch is two files: its items, gzipped JSON lines in id
 * order with no header (gunzipped, it is a JSONL dataset evalgate reads as it is), and its record
 * beside it as JSON (the file it was read from, its item count, when it was first stored).
 */
async function encodeDatasetItems(version, items, maxBytes) {
    return gzipLines(linesOf(items), maxBytes, () => {
        return new errors_UserError(`dataset version ${version} is more than ${sizeText(maxBytes)} compressed, the largest file GitHub's Git Data API accepts: ` +
            "use a smaller dataset, or keep its runs in the embedded store or PostgreSQL");
    });
}
async function* linesOf(items) {
    for await (const item of items)
        yield canonical_canonicalJson(item);
}
async function* readDatasetItems(gzipped) {
    for await (const line of gunzipLines(gzipped))
        yield JSON.parse(line);
}
function encodeDatasetRecord(record) {
    const { version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt } = record;
    return Buffer.from(`${JSON.stringify({ version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt }, null, 2)}\n`);
}
/** `where` (`owner/repo@branch:path`) names the file in errors. */
function decodeDatasetRecord(content, where) {
    const record = JSON.parse(content.toString("utf8"));
    if (typeof record.version !== "string" || typeof record.dataset_path !== "string" || typeof record.item_count !== "number" || typeof record.created_at !== "string") {
        throw new errors_UserError(`${where} is not a dataset version record written by evalgate: restore it from the branch's history or delete the dataset version's files`);
    }
    return { version: record.version, dataset_path: record.dataset_path, item_count: record.item_count, created_at: record.created_at };
}

;// CONCATENATED MODULE: ./src/store/results-branch/branch-reader.ts





/**
 * Reads the results branch: the index from one tree listing (kept until the store writes), and
 * run files downloaded on demand. A blob's content never changes for its sha, so headers are kept
 * for the store's lifetime and recent run files are kept compressed up to a byte budget.
 */
const BLOB_CACHE_BYTES = 32 * 1024 * 1024;
/** Annotations files downloaded at once. */
const DOWNLOADS_AT_ONCE = 8;
class BranchReader {
    git;
    index;
    headers = new Map();
    /** Small JSON files (experiment versions, dataset version records) by blob sha. */
    records = new Map();
    blobs = new BlobCache(BLOB_CACHE_BYTES);
    constructor(git) {
        this.git = git;
    }
    readIndex() {
        if (this.index === undefined) {
            const reading = this.listBranch();
            this.index = reading;
            // A failed read is not remembered: the next call tries again.
            reading.catch(() => {
                if (this.index === reading)
                    this.index = undefined;
            });
        }
        return this.index;
    }
    /** Called after this store writes: the next read lists the branch again. */
    invalidate() {
        this.index = undefined;
    }
    async listBranch() {
        const head = await this.git.readHead();
        if (head === undefined) {
            await this.git.requireRepository();
            return BranchIndex.empty();
        }
        return new BranchIndex(await this.git.listBlobs(head.treeSha));
    }
    header(run) {
        let header = this.headers.get(run.blobSha);
        if (header === undefined) {
            header = this.download(run).then((gzipped) => readRunDocumentHeader(gzipped, this.where(run)));
            this.headers.set(run.blobSha, header);
            header.catch(() => this.headers.delete(run.blobSha));
        }
        return header;
    }
    async *items(run) {
        yield* readRunDocumentItems(await this.download(run), this.where(run));
    }
    /**
     * A published run's annotations: its files applied in write order, a later annotation of the
     * same (run item, name) replacing an earlier one; ordered by item_id, then name, in code point
     * order (as the embedded store orders them). Files are downloaded a few at a time and kept.
     */
    async annotations(runId) {
        const files = (await this.readIndex()).annotationsOf(runId);
        const latest = new Map();
        for (let start = 0; start < files.length; start += DOWNLOADS_AT_ONCE) {
            const batch = files.slice(start, start + DOWNLOADS_AT_ONCE);
            const decoded = await Promise.all(batch.map((file) => this.annotationFile(file)));
            for (const annotations of decoded) {
                for (const annotation of annotations)
                    latest.set(`${annotation.run_item_id}\u0000${annotation.name}`, annotation);
            }
        }
        return [...latest.values()].sort((a, b) => compareItemIds(a.item_id, b.item_id) || compareItemIds(a.name, b.name));
    }
    async annotationFile(file) {
        let gzipped = this.blobs.get(file.sha);
        if (gzipped === undefined) {
            gzipped = await this.git.readBlob(file.sha);
            this.blobs.set(file.sha, gzipped);
        }
        return decodeAnnotationDocument(gzipped, `${this.git.name}:${file.path}`);
    }
    async experimentVersion(experiment, version) {
        const blob = (await this.readIndex()).experimentVersion(experiment, version);
        return blob === undefined ? undefined : this.experimentVersionFile(blob);
    }
    async experimentVersionFile(blob) {
        return JSON.parse((await this.smallFile(blob)).toString("utf8"));
    }
    async datasetRecordFile(blob) {
        return decodeDatasetRecord(await this.smallFile(blob), `${this.git.name}:${blob.path}`);
    }
    /** A dataset version's items in id order, its file downloaded once and kept as run files are. */
    async *datasetItems(blob) {
        let gzipped = this.blobs.get(blob.sha);
        if (gzipped === undefined) {
            gzipped = await this.git.readBlob(blob.sha);
            this.blobs.set(blob.sha, gzipped);
        }
        yield* readDatasetItems(gzipped);
    }
    smallFile(blob) {
        let content = this.records.get(blob.sha);
        if (content === undefined) {
            content = this.git.readBlob(blob.sha);
            this.records.set(blob.sha, content);
            content.catch(() => this.records.delete(blob.sha));
        }
        return content;
    }
    isCached(run) {
        return this.blobs.has(run.blobSha);
    }
    async download(run) {
        const cached = this.blobs.get(run.blobSha);
        if (cached !== undefined)
            return cached;
        const gzipped = await this.git.readBlob(run.blobSha);
        this.blobs.set(run.blobSha, gzipped);
        return gzipped;
    }
    where(run) {
        return `${this.git.name}:${run.path}`;
    }
}
/** Least recently used first out, by total bytes; a blob larger than the budget is not kept. */
class BlobCache {
    budget;
    entries = new Map();
    bytes = 0;
    constructor(budget) {
        this.budget = budget;
    }
    get(sha) {
        const blob = this.entries.get(sha);
        if (blob !== undefined) {
            this.entries.delete(sha);
            this.entries.set(sha, blob);
        }
        return blob;
    }
    has(sha) {
        return this.entries.has(sha);
    }
    set(sha, blob) {
        if (blob.length > this.budget || this.entries.has(sha))
            return;
        this.entries.set(sha, blob);
        this.bytes += blob.length;
        for (const [oldest, old] of this.entries) {
            if (this.bytes <= this.budget)
                break;
            this.entries.delete(oldest);
            this.bytes -= old.length;
        }
    }
}

;// CONCATENATED MODULE: ./src/store/results-branch/branch-versions.ts


/** Run files downloaded at once when their records are needed. */
const HEADER_DOWNLOADS_AT_ONCE = 8;
const ALL_RUNS = Number.MAX_SAFE_INTEGER;
/**
 * The dataset and experiment versions of a results branch store: those staged (in the staging
 * store, until a run over them is published) and the branch's, a staged one first.
 *
 * Costs on the branch: a dataset version's record is one small file; its first and last use are
 * the start times in the headers of its oldest and newest run (run ids start with the start
 * time, so the tree's paths tell which), one run file download each, kept for the store's
 * lifetime. Run paths do not name the experiment version, so listing experiment versions
 * downloads every run file of the experiment (of every experiment when none is named).
 */
class BranchVersions {
    reader;
    staging;
    constructor(reader, staging) {
        this.reader = reader;
        this.staging = staging;
    }
    async getDataset(prefix) {
        if (prefix === "")
            return undefined;
        // An ambiguous prefix among staged versions is ambiguous overall: the error stands.
        const staged = await (await this.staging())?.getDatasetVersion(prefix);
        if (staged?.version === prefix)
            return staged;
        const index = await this.reader.readIndex();
        const exact = index.datasetVersion(prefix);
        if (exact !== undefined)
            return this.record(index, exact);
        const published = index.datasetVersions().filter((dataset) => dataset.version.startsWith(prefix) && dataset.version !== staged?.version);
        const versions = [...(staged === undefined ? [] : [staged.version]), ...published.map((dataset) => dataset.version)].sort(compareItemIds);
        const [onlyPublished] = published;
        if (versions.length === 0)
            return undefined;
        if (versions.length === 1)
            return staged ?? (onlyPublished && this.record(index, onlyPublished));
        throw ambiguousPrefixError("dataset version", prefix, versions);
    }
    /** The staged copy when there is one, else the branch's file. */
    async *datasetItems(version) {
        const staging = await this.staging();
        if (staging !== undefined) {
            let staged = false;
            for await (const item of staging.datasetVersionItems(version)) {
                staged = true;
                yield item;
            }
            if (staged)
                return;
        }
        const dataset = (await this.reader.readIndex()).datasetVersion(version);
        if (dataset !== undefined)
            yield* this.reader.datasetItems(dataset.items);
    }
    async listDatasets() {
        const staging = await this.staging();
        const index = await this.reader.readIndex();
        const records = new Map();
        for (const { version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt } of (await staging?.listDatasetVersions()) ?? []) {
            records.set(version, { version, dataset_path: datasetPath, item_count: itemCount, created_at: createdAt });
        }
        for (const dataset of index.datasetVersions()) {
            if (!records.has(dataset.version))
                records.set(dataset.version, await this.record(index, dataset));
        }
        const stagedRuns = (await staging?.listRuns({ limit: ALL_RUNS })) ?? [];
        const uses = [];
        for (const record of records.values()) {
            const staged = stagedRuns.filter((run) => run.dataset_version === record.version);
            const stagedIds = new Set(staged.map((run) => run.id));
            // Newest first: the first and the last are the newest and the oldest run.
            const published = index.runsOfDatasetVersion(record.version).filter((run) => !stagedIds.has(run.runId));
            const starts = staged.map((run) => run.started_at);
            for (const run of new Set([published[0], published.at(-1)])) {
                if (run !== undefined)
                    starts.push((await this.reader.header(run)).run.started_at);
            }
            starts.sort();
            const [first] = starts;
            const last = starts.at(-1);
            uses.push({ ...record, runs: staged.length + published.length, ...(first === undefined || last === undefined ? {} : { first_used: first, last_used: last }) });
        }
        return uses.sort((a, b) => descending(a.last_used ?? a.created_at, b.last_used ?? b.created_at) || descending(a.version, b.version));
    }
    async listExperiments(experiment) {
        const staging = await this.staging();
        const index = await this.reader.readIndex();
        const versions = new Map();
        for (const use of (await staging?.listExperimentVersions(experiment)) ?? []) {
            versions.set(key(use.experiment, use.version), { experiment: use.experiment, version: use.version, created_at: use.created_at, runs: 0 });
        }
        for (const file of index.experimentVersionsOf(experiment)) {
            if (versions.has(key(file.experiment, file.version)))
                continue;
            const record = await this.reader.experimentVersionFile(file.blob);
            versions.set(key(file.experiment, file.version), { experiment: file.experiment, version: file.version, created_at: record.created_at, runs: 0 });
        }
        const newestRun = new Map();
        for (const run of await this.runsOf(index, staging, experiment)) {
            const use = versions.get(key(run.experiment, run.experiment_version));
            if (use === undefined)
                continue;
            use.runs += 1;
            if (use.first_run === undefined || run.started_at < use.first_run)
                use.first_run = run.started_at;
            if (use.last_run === undefined || run.started_at > use.last_run)
                use.last_run = run.started_at;
            const newest = newestRun.get(key(run.experiment, run.experiment_version));
            if (newest === undefined || run.started_at > newest.started_at || (run.started_at === newest.started_at && run.id > newest.id)) {
                newestRun.set(key(run.experiment, run.experiment_version), run);
                use.dataset_version = run.dataset_version;
            }
        }
        return [...versions.values()].sort((a, b) => descending(a.first_run ?? a.created_at, b.first_run ?? b.created_at) || ascending(a.experiment, b.experiment) || ascending(a.version, b.version));
    }
    /** Staged runs and the published ones not staged here, of one experiment when given. */
    async runsOf(index, staging, experiment) {
        const runs = (await staging?.listRuns({ limit: ALL_RUNS, ...(experiment === undefined ? {} : { experiment }) })) ?? [];
        const stagedIds = new Set(runs.map((run) => run.id));
        const published = index.runs.filter((run) => !stagedIds.has(run.runId) && (experiment === undefined || run.experiment === experiment));
        for (let start = 0; start < published.length; start += HEADER_DOWNLOADS_AT_ONCE) {
            const batch = published.slice(start, start + HEADER_DOWNLOADS_AT_ONCE);
            runs.push(...(await Promise.all(batch.map(async (run) => (await this.reader.header(run)).run))));
        }
        return runs;
    }
    /**
     * The version's record file; when that was deleted by hand, what the oldest run over the version
     * says (its file and start), with the items counted.
     */
    async record(index, dataset) {
        if (dataset.record !== undefined)
            return this.reader.datasetRecordFile(dataset.record);
        let itemCount = 0;
        for await (const _item of this.reader.datasetItems(dataset.items))
            itemCount += 1;
        const oldest = index.runsOfDatasetVersion(dataset.version).at(-1);
        const run = oldest === undefined ? undefined : (await this.reader.header(oldest)).run;
        return { version: dataset.version, dataset_path: run?.dataset_path ?? "", item_count: itemCount, created_at: run?.started_at ?? "" };
    }
}
function key(experiment, version) {
    return `${experiment}\u0000${version}`;
}
function ascending(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function descending(a, b) {
    return ascending(b, a);
}

;// CONCATENATED MODULE: ./src/store/results-branch/encode-run.ts




/**
 * Reads a finished run out of any RunStore and turns it into the files one commit adds to the
 * results branch: the run file, its experiment version and its dataset version (when `source` has
 * it) unless the branch has them already, and the annotations the run has so far (annotations
 * written after publishing get files of their own).
 *
 * `branchHas` tells which paths the branch is known to have (the caller's last listing): a dataset
 * version there is not encoded again (tens of MB of gzip per run). A version it lacks is written
 * only where the head the commit is built on has none, so it still lands once; one removed since
 * that listing (its last run deleted meanwhile) is not put back by this run.
 */
async function encodeRunForBranch(source, runId, maxRunFileBytes, branchHas = () => false) {
    const run = await source.getRun(runId);
    if (run === undefined || run.id !== runId)
        throw new Error(`cannot publish run "${runId}": it is not in the store`);
    if (run.status === "running")
        throw new Error(`cannot publish run "${runId}": it is still running; end it first`);
    const version = (await source.getExperimentVersion(run.experiment, run.experiment_version)) ?? null;
    const content = await encodeRunDocument({ format: RUN_DOCUMENT_FORMAT, run, experiment_version: version }, source.runItems(runId), maxRunFileBytes);
    const filesIfAbsent = version === null
        ? []
        : [{ path: experimentVersionPath(version.experiment, version.version), content: Buffer.from(`${JSON.stringify(version, null, 2)}\n`) }];
    const dataset = await source.getDatasetVersion(run.dataset_version);
    if (dataset?.version === run.dataset_version && !branchHas(datasetItemsPath(dataset.version))) {
        filesIfAbsent.push({ path: datasetItemsPath(dataset.version), content: await encodeDatasetItems(dataset.version, source.datasetVersionItems(dataset.version), maxRunFileBytes) }, { path: datasetRecordPath(dataset.version), content: encodeDatasetRecord(dataset) });
    }
    const annotations = await source.runAnnotations(runId);
    if (annotations.length > 0) {
        // If absent: publishing again must not put the staged values back over later writes on the branch.
        filesIfAbsent.push({ path: annotationsPath(run.id, "published"), content: await encodeAnnotationDocument(run.id, annotations) });
    }
    const role = run.role === undefined ? "" : ` ${run.role}`;
    const pullRequest = run.pull_request === undefined ? "" : ` for #${run.pull_request}`;
    const message = `evalgate: add${role} run ${run.id} of ${run.experiment}${pullRequest} (${run.status})`;
    return { run, append: { message, file: { path: runPath(run), content }, filesIfAbsent } };
}

;// CONCATENATED MODULE: ./src/store/results-branch/remove-from-branch.ts


/** Returns the paths removed by the commit that landed; none when the head had nothing to remove. */
async function removeFromBranch(git, removal, policy) {
    const ourCommits = new Map();
    let lastProblem = "";
    const { value: removed } = await withRetries(async () => {
        const head = await git.readHead();
        if (head === undefined)
            return { retry: false, value: [] };
        // Our own commit is the head: an earlier try landed although its answer was lost.
        const landed = ourCommits.get(head.commitSha);
        if (landed !== undefined)
            return { retry: false, value: landed };
        const paths = await removal.pathsToRemove(head);
        if (paths.length === 0)
            return { retry: false, value: [] };
        const tree = await git.createTree(paths.map((path) => ({ path, sha: null })), head.treeSha);
        const commit = await git.createCommit(removal.message, tree, [head.commitSha]);
        ourCommits.set(commit, paths);
        const outcome = await git.moveBranch(commit);
        if (outcome === "done")
            return { retry: false, value: paths };
        lastProblem = outcome === "uncertain" ? "GitHub did not answer a branch update" : "another job moved the branch first";
        return { retry: true, value: undefined };
    }, publishRetries(policy));
    if (removed !== undefined)
        return removed;
    throw new Error(`could not remove files from ${git.name} after ${policy.publishAttempts} tries (last: ${lastProblem}); ${removal.whenGivenUp}`);
}

;// CONCATENATED MODULE: ./src/store/results-branch/run-removal.ts


/**
 * The commit that deletes a published run (`evalgate runs delete`): its run file, its annotation
 * files, and its dataset version's files when no other run on the head is over that version.
 * Decided per head from a fresh listing, so a run another job added meanwhile keeps the dataset.
 */
function runRemoval(git, runId) {
    return {
        message: `evalgate: delete run ${runId}`,
        async pathsToRemove(head) {
            const blobs = await git.listBlobs(head.treeSha);
            const index = new BranchIndex(blobs);
            const run = index.run(runId);
            if (run === undefined)
                return [];
            // Every file of the run: one republished under another role or commit has two.
            const runFiles = blobs.filter((blob) => parseRunPath(blob.path)?.runId === runId).map((blob) => blob.path);
            const paths = [...runFiles, ...index.annotationsOf(runId).map((file) => file.path)];
            const otherRuns = index.runsOfDatasetVersion(run.datasetVersion).filter((other) => other.runId !== runId);
            if (otherRuns.length === 0)
                paths.push(...index.datasetFilesOf(run.datasetVersion).map((file) => file.path));
            return paths;
        },
        whenGivenUp: "nothing was removed; run `evalgate runs delete` again",
    };
}

;// CONCATENATED MODULE: ./src/store/results-branch/results-branch-store.ts


















/** The Git Data API accepts blobs up to 100 MB. */
const MAX_RUN_FILE_BYTES = 100_000_000;
const results_branch_store_DEFAULT_LIST_LIMIT = 50;
/** Run files downloaded at once when listRuns needs their records. */
const results_branch_store_HEADER_DOWNLOADS_AT_ONCE = 8;
/**
 * Runs kept on an orphan branch of the user's repository, one gzipped file per run, written and
 * read through the Git Data API. Writes are staged in an embedded store in `stagingDir` (durable
 * per item, like the embedded store) and endRun publishes the finished run in one commit.
 *
 * Reads see staged runs first, then the branch. Costs on the branch: the index is one ref, one
 * commit and one recursive tree request, kept until this store publishes; findRuns, getRun's
 * prefix matching and listRuns' experiment filter need nothing more. A run record or its items
 * cost one blob download per run (headers kept, files kept compressed up to 32 MB). getRunItem and
 * getScore cannot tell the run from the id, so they read run files (cached first, then newest
 * first) until found: a miss downloads every run on the branch.
 */
class results_branch_store_ResultsBranchStore {
    location;
    stagingDir;
    staging;
    git;
    reader;
    versions;
    policy;
    maxRunFileBytes;
    publishing = Promise.resolve();
    clock = new WriteClock();
    constructor(options) {
        this.location = { owner: options.owner, repo: options.repo, branch: options.branch ?? layout_DEFAULT_RESULTS_BRANCH };
        this.stagingDir = options.stagingDir;
        this.policy = { ...DEFAULT_BRANCH_RETRY_POLICY, ...options.retry };
        this.maxRunFileBytes = Math.min(options.maxRunFileBytes ?? MAX_RUN_FILE_BYTES, MAX_RUN_FILE_BYTES);
        this.git = new BranchGit(options.octokit, this.location);
        this.reader = new BranchReader(this.git);
        this.versions = new BranchVersions(this.reader, () => this.stagingIfAny());
    }
    stagingStore() {
        this.staging ??= openEmbeddedStore(this.stagingDir);
        return this.staging;
    }
    /** Reads leave no staging directory behind when nothing was ever staged there (a laptop's CLI). */
    async stagingIfAny() {
        if (this.staging === undefined && !(0,external_node_fs_.existsSync)(external_node_path_default().join(this.stagingDir, EMBEDDED_STORE_FILE)))
            return undefined;
        return this.stagingStore();
    }
    /** The staged run with exactly this id. */
    async stagedRun(runId) {
        const staging = await this.stagingIfAny();
        if (staging === undefined)
            return undefined;
        try {
            const run = await staging.getRun(runId);
            return run?.id === runId ? { staging, run } : undefined;
        }
        catch (error) {
            if (error instanceof errors_UserError)
                return undefined;
            throw error;
        }
    }
    async saveExperimentVersion(record) {
        await (await this.stagingStore()).saveExperimentVersion(record);
    }
    async getExperimentVersion(experiment, version) {
        const staged = await (await this.stagingIfAny())?.getExperimentVersion(experiment, version);
        return staged ?? this.reader.experimentVersion(experiment, version);
    }
    /** A published run's id is taken as much as a staged one's: its file on the branch is final. */
    async createRun(run) {
        if ((await this.reader.readIndex()).run(run.id) !== undefined)
            throw new RunExistsError(run.id, this.git.name);
        await (await this.stagingStore()).createRun(run);
    }
    async putRunItem(item) {
        await (await this.stagingStore()).putRunItem(item);
    }
    /** Ends the staged run and publishes it; when publishing fails the run stays staged for `publish`. */
    async endRun(runId, end) {
        const staged = await this.stagedRun(runId);
        if (staged === undefined)
            throw new UnknownRunError(runId, `the runs in progress for ${this.git.name}`);
        await staged.staging.endRun(runId, end);
        await this.publishFrom(staged.staging, runId);
    }
    /** Only a staged run can go on: a published run's file on the branch is final. */
    async reopenRun(runId) {
        const staged = await this.stagedRun(runId);
        if (staged === undefined && (await this.reader.readIndex()).run(runId) === undefined)
            throw new UnknownRunError(runId, this.git.name);
        if (staged === undefined) {
            throw new errors_UserError(`run "${runId}" is published on ${this.location.branch} and cannot be continued there; start a new run instead`);
        }
        await staged.staging.reopenRun(runId);
    }
    /**
     * Leases live beside the runs in progress, in the staging store: only processes that share the
     * staging directory can run the same run, so only they need to agree on its owner.
     */
    async acquireRunLease(lease, replacing) {
        return (await this.stagingStore()).acquireRunLease(lease, replacing);
    }
    async renewRunLease(runId, holder, heartbeatAt) {
        return (await this.stagingStore()).renewRunLease(runId, holder, heartbeatAt);
    }
    async releaseRunLease(runId, holder) {
        await (await this.stagingStore()).releaseRunLease(runId, holder);
    }
    async getRunLease(runId) {
        return (await this.stagingIfAny())?.getRunLease(runId);
    }
    /** Kept in the local staging store beside runs in progress: the branch holds runs, not lifecycles. */
    async getExperimentState(experiment) {
        return (await this.stagingIfAny())?.getExperimentState(experiment);
    }
    async setExperimentState(state) {
        await (await this.stagingStore()).setExperimentState(state);
    }
    /** Publishes a run staged here again, e.g. after endRun's publishing failed. */
    async publish(runId) {
        return this.publishFrom(await this.stagingStore(), runId);
    }
    /** Publishes a finished run from any store (the Action may run with the embedded store). */
    async publishFrom(source, runId) {
        const index = await this.reader.readIndex();
        const { append } = await encodeRunForBranch(source, runId, this.maxRunFileBytes, (path) => index.has(path));
        await this.write(() => appendToBranch(this.git, append, this.policy));
        const ref = parseRunPath(append.file.path);
        if (ref === undefined)
            throw new Error(`published ${append.file.path}, which is not a run path`);
        return ref;
    }
    /** Forgets the branch's listing, so the next read sees what other jobs published since (a poll). */
    refresh() {
        this.reader.invalidate();
    }
    /** One commit at a time per store: two of ours would only race each other. */
    async write(commit) {
        const written = this.publishing.then(commit);
        this.publishing = written.catch(() => undefined);
        try {
            return await written;
        }
        finally {
            this.reader.invalidate();
        }
    }
    /** Staged until a run over it is published, which adds it to the branch (once). */
    async putDatasetVersion(record, items) {
        if ((await this.reader.readIndex()).datasetVersion(record.version) !== undefined)
            return false;
        return (await this.stagingStore()).putDatasetVersion(record, items);
    }
    getDatasetVersion(version) {
        return this.versions.getDataset(version);
    }
    datasetVersionItems(version) {
        return this.versions.datasetItems(version);
    }
    listDatasetVersions() {
        return this.versions.listDatasets();
    }
    listExperimentVersions(experiment) {
        return this.versions.listExperiments(experiment);
    }
    /**
     * A published run goes in one commit with its annotation files and, when no other run on the
     * branch is over it, its dataset version's files; a staged copy goes from the staging store.
     */
    async deleteRun(runId) {
        const staged = await this.stagedRun(runId);
        const published = (await this.reader.readIndex()).run(runId);
        if (staged === undefined && published === undefined)
            throw new UnknownRunError(runId, this.git.name);
        const version = staged?.run.dataset_version ?? published.datasetVersion;
        const hadVersion = (await this.versions.getDataset(version))?.version === version;
        let items = 0;
        if (published !== undefined) {
            if (staged === undefined)
                for await (const _item of this.reader.items(published))
                    items += 1;
            await this.write(() => removeFromBranch(this.git, runRemoval(this.git, runId), this.policy));
        }
        if (staged !== undefined)
            items = (await staged.staging.deleteRun(runId)).items;
        const datasetVersionRemoved = hadVersion && (await this.versions.getDataset(version))?.version !== version;
        return { items, datasetVersionRemoved };
    }
    /**
     * Annotations of a published run go onto the branch, a new file per run in one commit for the
     * call, so another machine reads them; a run only staged here is annotated in the staging store,
     * and its annotations are published with it. UnknownRunError, before anything is written, for
     * a run in neither place.
     */
    async putAnnotations(annotations) {
        const index = await this.reader.readIndex();
        const published = new Map();
        const staged = [];
        for (const annotation of annotations) {
            const runId = annotation.run_id;
            const list = published.get(runId);
            if (list !== undefined)
                list.push(annotation);
            else if (index.run(runId) !== undefined)
                published.set(runId, [annotation]);
            else
                staged.push(annotation);
        }
        for (const runId of new Set(staged.map((annotation) => annotation.run_id))) {
            if ((await this.stagedRun(runId)) === undefined)
                throw new UnknownRunError(runId, this.git.name);
        }
        // The time is taken in turn, so files written by this store sort in the order they were written.
        if (published.size > 0)
            await this.write(async () => appendToBranch(this.git, await annotationsAppend(published, this.clock.next()), this.policy));
        if (staged.length > 0)
            await (await this.stagingStore()).putAnnotations(staged);
    }
    /** A published run's annotations are the branch's (written there since it was published); else the staged run's. */
    async runAnnotations(runId) {
        if ((await this.reader.readIndex()).run(runId) !== undefined)
            return this.reader.annotations(runId);
        const staged = await this.stagedRun(runId);
        return staged === undefined ? [] : staged.staging.runAnnotations(runId);
    }
    async getRun(runId) {
        if (runId === "")
            return undefined;
        const staging = await this.stagingIfAny();
        // An ambiguous prefix among staged runs is ambiguous overall: the error stands.
        const staged = await staging?.getRun(runId);
        if (staged?.id === runId)
            return staged;
        const index = await this.reader.readIndex();
        const exact = index.run(runId);
        if (exact !== undefined)
            return (await this.reader.header(exact)).run;
        const published = index.runsWithPrefix(runId).filter((run) => run.runId !== staged?.id);
        const ids = [...(staged === undefined ? [] : [staged.id]), ...published.map((run) => run.runId)].sort();
        const [onlyPublished] = published;
        if (ids.length === 0)
            return undefined;
        if (ids.length === 1)
            return staged ?? (onlyPublished && (await this.reader.header(onlyPublished)).run);
        throw ambiguousPrefixError("run id", runId, ids);
    }
    /**
     * Staged runs and published ones, newest first. The experiment filter reads paths only; a
     * status filter downloads run files newest first until `limit` match (each download is cached).
     */
    async listRuns(filter = {}) {
        const limit = filter.limit ?? results_branch_store_DEFAULT_LIST_LIMIT;
        const staged = (await (await this.stagingIfAny())?.listRuns({ ...filter, limit })) ?? [];
        const stagedIds = new Set(staged.map((run) => run.id));
        const index = await this.reader.readIndex();
        const candidates = index.runs.filter((run) => !stagedIds.has(run.runId) && (filter.experiment === undefined || run.experiment === filter.experiment));
        const published = [];
        for (let start = 0; start < candidates.length && published.length < limit; start += results_branch_store_HEADER_DOWNLOADS_AT_ONCE) {
            const batch = candidates.slice(start, start + results_branch_store_HEADER_DOWNLOADS_AT_ONCE);
            const runs = await Promise.all(batch.map(async (run) => (await this.reader.header(run)).run));
            published.push(...runs.filter((run) => filter.status === undefined || run.status === filter.status));
        }
        return [...staged, ...published].sort(newestFirst).slice(0, limit);
    }
    async *runItems(runId) {
        const staged = await this.stagedRun(runId);
        if (staged !== undefined) {
            yield* staged.staging.runItems(runId);
            return;
        }
        const published = (await this.reader.readIndex()).run(runId);
        if (published !== undefined)
            yield* this.reader.items(published);
    }
    async runItemStatuses(runId) {
        const statuses = new Map();
        for await (const item of this.runItems(runId))
            statuses.set(item.item_id, item.status);
        return statuses;
    }
    /**
     * Staged runs answer from their index. A published run item is found by reading run files,
     * cached ones first, then newest first: a miss downloads every run on the branch.
     */
    async getRunItem(runItemId) {
        const staged = await (await this.stagingIfAny())?.getRunItem(runItemId);
        if (staged !== undefined)
            return staged;
        for await (const item of this.publishedItems())
            if (item.id === runItemId)
                return item;
        return undefined;
    }
    /** As getRunItem: a miss downloads every run on the branch. */
    async getScore(scoreId) {
        const staged = await (await this.stagingIfAny())?.getScore(scoreId);
        if (staged !== undefined)
            return staged;
        for await (const runItem of this.publishedItems()) {
            const score = findScore(runItem, scoreId);
            if (score !== undefined)
                return { score, runItem };
        }
        return undefined;
    }
    async *publishedItems() {
        const runs = (await this.reader.readIndex()).runs;
        const cachedFirst = [...runs.filter((run) => this.reader.isCached(run)), ...runs.filter((run) => !this.reader.isCached(run))];
        for (const run of cachedFirst)
            yield* this.reader.items(run);
    }
    /** Published runs matching the filter, newest first, from the branch's paths alone (no downloads). */
    async findRuns(filter) {
        return (await this.reader.readIndex()).find(filter).map(toRunRef);
    }
    async close() {
        await this.publishing;
        const staging = this.staging;
        this.staging = undefined;
        if (staging !== undefined)
            await (await staging).close();
    }
}
/** As the embedded store orders runs: by start time, then id, newest first. */
function newestFirst(a, b) {
    if (a.started_at !== b.started_at)
        return a.started_at < b.started_at ? 1 : -1;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 3 modules
var dist_src = __webpack_require__(1267);
// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var bottleneck_lib = __webpack_require__(4584);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/github/wait-out-rate-limits.ts



/** GitHub's rate-limit answers: 403 or 429 with "secondary rate limit", or with an exhausted quota. */
function rateLimitOf(error) {
    const status = statusOf(error);
    if (status !== 403 && status !== 429)
        return undefined;
    const raw = error.response?.headers ?? {};
    const headers = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name.toLowerCase(), value === undefined ? undefined : String(value)]));
    if (/secondary rate limit/i.test(messageOf(error)))
        return { kind: "secondary rate limit", status, headers };
    if (headers["x-ratelimit-remaining"] === "0")
        return { kind: "rate limit", status, headers };
    // A bare 429 is "too many requests" all the same; a bare 403 is a refusal, not a limit.
    return status === 429 ? { kind: "secondary rate limit", status, headers } : undefined;
}
/**
 * Seconds to wait before retrying, as GitHub documents it ("Best practices": rate limits): as long
 * as `retry-after` says; else, when `x-ratelimit-remaining` is 0, until `x-ratelimit-reset`; else
 * at least a minute. A request that keeps being limited waits exponentially longer each time.
 */
function rateLimitWaitSeconds(answer, nowMs, previousWait, minSecondaryWaitSeconds) {
    const documented = documentedWait(answer, nowMs) ?? minSecondaryWaitSeconds;
    const wait = previousWait === undefined ? documented : Math.max(documented, previousWait * 2);
    return Math.max(1, Math.ceil(wait));
}
function documentedWait(answer, nowMs) {
    const retryAfterMs = retry_parseRetryAfter(answer.headers["retry-after"], nowMs);
    if (retryAfterMs !== undefined)
        return retryAfterMs / 1000;
    const reset = Number(answer.headers["x-ratelimit-reset"]);
    if (answer.headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset) && reset > 0) {
        // One second past the reset, so the retry comes after it.
        return Math.max(0, reset - nowMs / 1000) + 1;
    }
    return undefined;
}
/**
 * An Octokit plugin (pass its options as `rateLimitWaits`) that waits out rate limits and sends
 * the request again. It is the only layer that retries them: plugin-retry leaves 403 and 429
 * alone, and plugin-throttling is told not to retry. A refused request was not applied, so even a
 * create is safe to send again.
 */
function waitOutRateLimits(octokit, options) {
    const settings = options.rateLimitWaits;
    if (settings === undefined)
        return {};
    let spentSeconds = 0;
    octokit.hook.wrap("request", async (request, requestOptions) => {
        let previousWait;
        for (;;) {
            try {
                return await request(requestOptions);
            }
            catch (error) {
                const answer = rateLimitOf(error);
                if (answer === undefined)
                    throw error;
                const wait = rateLimitWaitSeconds(answer, Date.now(), previousWait, settings.minSecondaryWaitSeconds);
                const what = `GitHub ${answer.kind} on ${requestOptions.method} ${requestOptions.url}`;
                if (spentSeconds + wait > settings.budgetSeconds) {
                    settings.log?.warning(`${what}: waiting ${wait} s more would pass the ${settings.budgetSeconds} s this job may wait for rate limits (${Math.round(spentSeconds)} s so far); giving up.`);
                    throw error;
                }
                settings.log?.info(`${what}: retrying in ${wait} s.`);
                spentSeconds += wait;
                previousWait = wait;
                await (0,external_node_timers_promises_.setTimeout)(wait * settings.msPerSecond);
            }
        }
    });
    return {};
}

;// CONCATENATED MODULE: ./src/github/create-octokit.ts






const EvalgateOctokit = dist_src/* Octokit */.E.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A, waitOutRateLimits);
// 403 and 429 are rate limits (waitOutRateLimits) or refusals: sending them again changes nothing.
const DO_NOT_RETRY = (/* unused pure expression or super */ null && ([400, 401, 403, 404, 410, 422, 429, 451]));
/**
 * An Octokit that retries what GitHub asks to be retried, each kind by exactly one layer, and
 * never logs its token: 5xx by plugin-retry, rate limits by waitOutRateLimits.
 */
function create_octokit_createOctokit(options) {
    const retries = options.retries ?? 3;
    const msPerSecond = options.retryAfterBaseValue ?? 1000;
    const rateLimitWaits = retries > 0
        ? {
            msPerSecond,
            minSecondaryWaitSeconds: options.secondaryRateLimitMinWaitSeconds ?? 60,
            budgetSeconds: options.rateLimitBudgetSeconds ?? 900,
            ...(options.log ? { log: options.log } : {}),
        }
        : undefined;
    const log = options.log;
    return new EvalgateOctokit({
        auth: options.token,
        ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, "") } : {}),
        userAgent: options.userAgent ?? "evalgate",
        // Octokit's debug log prints request options, headers included: the token must not reach a log.
        log: {
            debug: () => { },
            info: () => { },
            warn: (message) => log?.warning(message),
            error: (message) => log?.info(message),
        },
        retry: {
            enabled: retries > 0,
            retries,
            doNotRetry: DO_NOT_RETRY,
            retryAfterBaseValue: msPerSecond,
        },
        throttle: {
            // Kept for its spacing of writes 1 s apart (GitHub's advice against secondary limits), per
            // id; its limiters are shared by the whole process, so each client gets its own.
            id: `evalgate-${randomUUID()}`,
            // The 1 s spacing scales with the same knob as the waits (tests pass 1 ms per second).
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: msPerSecond }),
            // waitOutRateLimits waits as GitHub documents (this plugin ignores x-ratelimit-reset on a
            // secondary limit and never backs off): retrying here too would multiply the waits.
            onRateLimit: () => false,
            onSecondaryRateLimit: () => false,
        },
        rateLimitWaits,
    });
}

;// CONCATENATED MODULE: ./src/store/results-branch/open-results-branch-store.ts




const SPEC_PREFIX = "github:";
// GitHub's rules: owners are letters, digits and single hyphens; repository names add "." and "_".
const SPEC_PATTERN = /^github:([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)(?:@(.+))?$/;
/**
 * `github:OWNER/REPO[@BRANCH]` → where the results branch is; undefined when `text` is not a
 * `github:` store at all (then it is a directory). A malformed `github:` value is a UserError.
 */
function parseResultsBranchSpec(text) {
    if (!text.startsWith(SPEC_PREFIX))
        return undefined;
    const match = SPEC_PATTERN.exec(text);
    const [, owner, repo, branch] = match ?? [];
    if (owner === undefined || repo === undefined || repo === "." || repo === ".." || !validBranch(branch)) {
        throw new UserError(`--store "${text}" is not a results branch: write github:OWNER/REPO or github:OWNER/REPO@BRANCH ` +
            `(the branch defaults to ${DEFAULT_RESULTS_BRANCH})`);
    }
    return { owner, repo: repo.replace(/\.git$/, ""), branch: branch ?? DEFAULT_RESULTS_BRANCH };
}
/** The parts of git's ref-name rules a typo is likely to break. */
function validBranch(branch) {
    if (branch === undefined)
        return true;
    return (branch !== "" &&
        !/[\s~^:?*[\\]|\.\.|@\{|\/\/|^[/.-]|[/.]$|\.lock$/.test(branch));
}
function openResultsBranchStore(location, options) {
    const token = options.token?.trim();
    if (token === undefined || token === "") {
        throw new UserError(`--store github:${location.owner}/${location.repo} needs a GitHub token: set GITHUB_TOKEN (or GH_TOKEN), ` +
            "e.g. GITHUB_TOKEN=$(gh auth token)");
    }
    const octokit = createOctokit({ token, ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }) });
    return new ResultsBranchStore({
        octokit,
        ...location,
        stagingDir: options.stagingDir,
    });
}

;// CONCATENATED MODULE: ./src/store/results-branch/index.ts
/** The results-branch store: runs kept on a Git branch of the user's repository. */






;// CONCATENATED MODULE: ./src/github/eval-commands/regression/find-candidate-runs.ts
/**
 * The latest candidate run of the pull request for each experiment: one at its head commit when
 * there is one, else the newest that names the pull request. A reference says role and commit;
 * only the run record says which pull request, so each candidate looked at costs one read (a
 * file download on the results branch).
 */
async function findCandidateRuns(store, input) {
    const maxScanned = input.maxScanned ?? 20;
    const found = [];
    for (const experiment of input.experiments) {
        const refs = await store.findRuns({ experiment, role: "candidate" });
        const ordered = [...refs.filter((ref) => ref.commit === input.headSha), ...refs.filter((ref) => ref.commit !== input.headSha)];
        for (const ref of ordered.slice(0, maxScanned)) {
            const run = await store.getRun(ref.runId);
            // A shard run covers part of the items: its merged run (mode: merge) stands for the commit.
            if (run?.role === "candidate" && run.pull_request === input.pullRequest && run.selection?.mode !== "shard") {
                found.push(run);
                break;
            }
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/github/eval-commands/regression/read-candidate-runs.ts










const NO_RUN_YET = "No evalgate run found for this pull request yet; push a commit or use `/eval run`.";
const STORE_TROUBLE = "evalgate could not read this pull request's runs from its PostgreSQL store (the `store-url` the Action publishes to). The app's log says why.";
/**
 * The pull request's latest candidate runs and their selected items (failed ones, or exactly
 * `runItemIds`), read where the Action published them: the PostgreSQL store of `storeUrl` when
 * one is set (only this repository's runs), else the results branch. The store is closed before
 * this returns, so no connection is held through the commit and the rerun.
 * Throws CommandError when there is no run yet, and when a PostgreSQL store cannot be read: the
 * reply is public, and the driver's message may name the server, so only the log has it.
 */
async function readCandidateRuns(deps, repository, input) {
    try {
        const source = await openSource(deps, repository);
        try {
            const runs = await findCandidateRuns(source, input);
            if (runs.length === 0)
                throw new CommandError(NO_RUN_YET);
            return { runs, selections: await selectItems(source, runs, input.runItemIds) };
        }
        finally {
            await source.close();
        }
    }
    catch (error) {
        if (deps.storeUrl === undefined || error instanceof CommandError || error instanceof RegressionPlanError)
            throw error;
        deps.log.warning(`/eval regression on ${repository.owner}/${repository.repo}: the PostgreSQL store could not be read: ${messageOf(error)}`);
        throw new CommandError(STORE_TROUBLE);
    }
}
async function openSource(deps, repository) {
    // The Action writes each run with its repository's name: one database may serve many.
    if (deps.storeUrl !== undefined)
        return openPostgresStore(deps.storeUrl, { repository: `${repository.owner}/${repository.repo}` });
    return new results_branch_store_ResultsBranchStore({
        octokit: deps.octokit,
        ...repository,
        branch: deps.resultsBranch,
        // Only read here: nothing is staged, so this directory is never created.
        stagingDir: external_node_path_default().join(external_node_os_default().tmpdir(), `evalgate-command-${(0,external_node_crypto_.randomUUID)()}`),
    });
}

;// CONCATENATED MODULE: ./src/github/eval-commands/regression/render-regression-reply.ts


const SHOWN_ITEMS = 20;
function itemList(dataset) {
    const ids = dataset.added.map((item) => inlineCode(item.item_id));
    const shown = ids.slice(0, SHOWN_ITEMS).join(", ");
    return ids.length > SHOWN_ITEMS ? `${shown} and ${ids.length - SHOWN_ITEMS} more` : shown;
}
/** The file on the branch, next to the commit's page (github.com or a GitHub Enterprise Server host alike). */
function fileUrl(commitUrl, branch, path) {
    const repositoryUrl = commitUrl.replace(/\/commit\/[0-9a-f]+$/, "");
    const encode = (text) => text.split("/").map(encodeURIComponent).join("/");
    return `${repositoryUrl}/blob/${encode(branch)}/${encode(path)}`;
}
function datasetLines(delivery) {
    const lines = [];
    for (const dataset of delivery.change.datasets) {
        if (dataset.added.length === 0 && !dataset.experimentAdded)
            continue;
        const file = delivery.kind === "inline" ? inlineCode(dataset.datasetPath) : `[${inlineCode(dataset.datasetPath)}](${fileUrl(delivery.commit.htmlUrl, delivery.branch, dataset.datasetPath)})`;
        const count = dataset.added.length;
        const from = `from run ${inlineCode(dataset.selection.run.id)} of ${inlineCode(dataset.selection.run.experiment)}`;
        const items = count === 0 ? "no new items" : `${count} item${count === 1 ? "" : "s"} (${itemList(dataset)})`;
        const skipped = dataset.alreadyPresent.length > 0 ? `; ${dataset.alreadyPresent.length} already there` : "";
        lines.push(`- ${file}: ${items} ${from}${skipped}.`);
        if (dataset.experimentAdded)
            lines.push(`  New experiment ${inlineCode(dataset.name)} over it, with the same target, scorers and gate.`);
    }
    return lines;
}
function inlineFiles(delivery) {
    const blocks = [];
    for (const file of delivery.change.files) {
        const { content } = file;
        // A fence longer than any backtick run inside keeps the file's content from closing it.
        const longestRun = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length));
        const fence = "`".repeat(longestRun + 1);
        blocks.push("<details>", `<summary>${escapeMarkdown(file.path, { maxLength: 200 })}</summary>`, "", `${fence}${file.path.endsWith(".jsonl") ? "jsonl" : "yaml"}`, content.trimEnd(), fence, "", "</details>");
    }
    return blocks;
}
/** The reply to `/eval regression`: what was added where, and whether a rerun started. */
function renderRegressionReply(delivery, rerun) {
    if (delivery.kind === "nothing-new") {
        const present = delivery.change.datasets.reduce((sum, dataset) => sum + dataset.alreadyPresent.length, 0);
        const files = delivery.change.datasets.map((dataset) => inlineCode(dataset.datasetPath)).join(", ");
        return `Nothing new: all ${present} selected item${present === 1 ? " is" : "s are"} already in ${files}, and the regression experiment exists. No commit was made.`;
    }
    const lines = [];
    if (delivery.kind === "pushed") {
        const where = delivery.toFork ? `the fork's branch ${inlineCode(delivery.branch)}` : `this pull request's branch`;
        lines.push(`Added regression items in [${delivery.commit.sha.slice(0, 7)}](${delivery.commit.htmlUrl}) on ${where}:`);
    }
    else if (delivery.kind === "pull-request") {
        lines.push(`This pull request's branch is in a fork evalgate cannot push to, so the regression items are in ${delivery.pullRequest.htmlUrl} ` +
            `(branch ${inlineCode(delivery.branch)}, commit [${delivery.commit.sha.slice(0, 7)}](${delivery.commit.htmlUrl})):`);
    }
    else {
        lines.push(`${escapeMarkdown(delivery.reason, { maxLength: 300 })}. Commit these files yourself to add the regression items:`);
    }
    lines.push("", ...datasetLines(delivery), "");
    if (delivery.kind === "inline")
        lines.push(...inlineFiles(delivery), "");
    if (rerun.started)
        lines.push("A rerun of the evaluation has started.");
    else if (rerun.problem !== undefined)
        lines.push(`No rerun was started: ${escapeMarkdown(rerun.problem, { maxLength: 300 })}.`);
    else if (delivery.kind === "pull-request")
        lines.push("That pull request runs its own checks.");
    return lines.join("\n").trimEnd();
}

;// CONCATENATED MODULE: ./src/github/dispatch-workflow.ts
/**
 * Starts a `workflow_dispatch` run. One of the two events a token's own writes may start (the
 * other is repository_dispatch); needs `actions: write`.
 */
async function dispatchWorkflow(octokit, input) {
    await octokit.rest.actions.createWorkflowDispatch({
        owner: input.owner,
        repo: input.repo,
        workflow_id: input.workflow,
        ref: input.ref,
        inputs: input.inputs,
    });
}

;// CONCATENATED MODULE: ./src/github/eval-commands/commands/start-rerun.ts


/** The workflow input the Action reads to evaluate a pull request from `workflow_dispatch`. */
const PULL_REQUEST_INPUT = "pull-request";
/** The workflow input that becomes the Action's `variant` input (`/eval run --variant NAME`). */
const VARIANT_INPUT = "variant";
/**
 * Dispatches the evaluation workflow for the pull request. It runs at the pull request's branch;
 * a fork's branch is not in this repository, so a fork's rerun runs at the base branch and the
 * Action finds the head through the `pull-request` input.
 */
async function startRerun(deps, comment, pull, variant) {
    const ref = pull.isFork ? pull.baseRef : pull.headRef;
    try {
        await dispatchWorkflow(deps.octokit, {
            owner: comment.owner,
            repo: comment.repo,
            workflow: deps.workflowFile,
            ref,
            // Sent only when asked for: a workflow without the input would refuse the dispatch (422).
            inputs: { [PULL_REQUEST_INPUT]: String(comment.pullRequest), ...(variant !== undefined ? { [VARIANT_INPUT]: variant } : {}) },
        });
        return { started: true, ref };
    }
    catch (error) {
        const status = statusOf(error);
        const file = `.github/workflows/${deps.workflowFile}`;
        if (status === 404)
            return { started: false, problem: `${file} was not found on the default branch, or evalgate may not run workflows (it needs actions: write)` };
        if (status === 422) {
            const inputs = variant !== undefined ? `"${PULL_REQUEST_INPUT}" and "${VARIANT_INPUT}" inputs` : `a "${PULL_REQUEST_INPUT}" input`;
            return { started: false, problem: `${file} has no workflow_dispatch trigger with ${inputs} (GitHub said: ${messageOf(error)})` };
        }
        if (status === 403)
            return { started: false, problem: `evalgate may not run workflows here (it needs actions: write)` };
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/github/eval-commands/commands/regression.ts










/**
 * `/eval regression`: the failed items of the pull request's latest candidate runs become a
 * regression dataset and experiment, committed where the author will see them, then a rerun.
 */
async function runEvalRegression(deps, comment, command) {
    const { octokit } = deps;
    const repository = { owner: comment.owner, repo: comment.repo };
    const pull = await getPullRequest(octokit, { ...repository, number: comment.pullRequest });
    const head = await pullRequestHead(deps, comment, pull);
    const sourceConfigText = (await readTreeFile(octokit, { ...repository, treeSha: head.treeSha, path: deps.configPath }))?.toString("utf8");
    if (sourceConfigText === undefined)
        throw new CommandError(`This pull request has no ${inlineCode(deps.configPath)} at its head, so there are no experiments to collect regressions from.`);
    const config = parseConfig(sourceConfigText, deps.configPath);
    const { runs, selections } = await readCandidateRuns(deps, repository, {
        experiments: sourceExperiments(config),
        pullRequest: comment.pullRequest,
        headSha: pull.headSha,
        runItemIds: command.runItemIds,
    });
    if (selections.length === 0) {
        const runNames = runs.map((run) => `${inlineCode(run.id)} (${inlineCode(run.experiment)})`).join(", ");
        return { body: `Nothing new: every item of this pull request's latest run passed (${runNames}), so there is nothing to add.`, summary: "nothing to add: no failed items" };
    }
    const delivery = await deliverRegression(octokit, {
        ...repository,
        number: comment.pullRequest,
        pull,
        configPath: deps.configPath,
        sourceConfigText,
        sourceTreeSha: head.treeSha,
        targets: regressionTargets(selections, deps.configPath, command.name),
        addedAt: deps.now().toISOString(),
        log: deps.log,
    });
    let rerun = { started: false };
    if (delivery.kind === "pushed") {
        const started = await startRerun(deps, comment, pull);
        rerun = started.started ? { started: true } : { started: false, problem: started.problem };
    }
    const added = delivery.change.datasets.reduce((sum, dataset) => sum + dataset.added.length, 0);
    return {
        body: renderRegressionReply(delivery, rerun),
        ok: rerun.problem === undefined,
        summary: delivery.kind === "nothing-new" ? "nothing new to add" : `${delivery.kind}: ${added} regression item(s)`,
        ...(delivery.kind === "pushed" || delivery.kind === "pull-request" ? { commitUrl: delivery.commit.htmlUrl } : {}),
        ...(delivery.kind === "pull-request" ? { pullRequestUrl: delivery.pullRequest.htmlUrl } : {}),
        dispatched: rerun.started,
    };
}
/**
 * The head commit's tree, read in the base repository. A fork's commits are reachable there
 * through `refs/pull/<n>/head`, which GitHub keeps for every pull request.
 */
async function pullRequestHead(deps, comment, pull) {
    const repository = { owner: comment.owner, repo: comment.repo };
    const tree = pull.isFork
        ? await readCommitTree(deps.octokit, { ...repository, ref: `pull/${comment.pullRequest}/head` })
        : await readCommitTree(deps.octokit, { ...repository, sha: pull.headSha });
    if (tree === undefined)
        throw new CommandError("Could not read this pull request's head commit.");
    return tree;
}
/** Regression experiments are not sources: their failed items are already in a regression dataset. */
function sourceExperiments(config) {
    return Object.entries(config.experiments)
        .filter(([, experiment]) => !isRegressionDataset(experiment.dataset))
        .map(([name]) => name);
}

;// CONCATENATED MODULE: ./src/github/eval-commands/commands/run.ts





/** `/eval run [--variant NAME]`: evaluates the pull request again, as that variant when one is named. */
async function runEvalRun(deps, comment, variant) {
    const pull = await getPullRequest(deps.octokit, { owner: comment.owner, repo: comment.repo, number: comment.pullRequest });
    const rerun = await startRerun(deps, comment, pull, variant);
    if (!rerun.started)
        throw new CommandError(`Could not start the evaluation: ${escapeMarkdown(rerun.problem, { maxLength: 300 })}.`);
    return {
        body: `Started the evaluation workflow ${inlineCode(deps.workflowFile)} for this pull request (at ${inlineCode(rerun.ref)})` +
            `${variant !== undefined ? ` with variant ${inlineCode(variant)}` : ""}; its report will update this pull request's evalgate comment.`,
        summary: `dispatched ${deps.workflowFile} at ${rerun.ref}${variant !== undefined ? ` (variant ${variant})` : ""}`,
        dispatched: true,
    };
}

;// CONCATENATED MODULE: ./src/github/eval-commands/issue-comment-event.ts

/**
 * The parts of an `issue_comment` webhook payload `/eval` handling reads. Real payloads carry much more;
 * unknown keys are ignored, and a payload missing any of these is not one we act on.
 */
const IssueCommentEventSchema = schemas/* object */.Ikc({
    action: schemas/* string */.YjP(),
    issue: schemas/* object */.Ikc({
        number: schemas/* number */.aig().int().positive(),
        pull_request: schemas/* object */.Ikc({}).loose().nullish(),
    }),
    comment: schemas/* object */.Ikc({
        id: schemas/* number */.aig().int().positive(),
        body: schemas/* string */.YjP().nullish(),
        user: schemas/* object */.Ikc({ login: schemas/* string */.YjP(), type: schemas/* string */.YjP().optional() }),
    }),
    repository: schemas/* object */.Ikc({
        name: schemas/* string */.YjP(),
        owner: schemas/* object */.Ikc({ login: schemas/* string */.YjP() }),
    }),
});

;// CONCATENATED MODULE: ./src/github/eval-commands/parse-command.ts

const PREFIX = "/eval";
// Run item ids are `ri_` and 12 hex digits; the bound keeps a pasted paragraph out of a reply.
const RUN_ITEM_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const MAX_NAME_LENGTH = 100;
const MAX_RUN_ITEM_IDS = 100;
/** The first line, split on whitespace: the rest of a comment is free text for humans. */
function firstLineTokens(body) {
    const firstLine = body.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
    return firstLine.trim().split(/\s+/).filter((token) => token !== "");
}
/** A comment is a command when its first line's first word is exactly `/eval`. */
function isEvalComment(body) {
    return firstLineTokens(body)[0] === PREFIX;
}
function parseEvalComment(body) {
    const [prefix, subcommand, ...args] = firstLineTokens(body);
    if (prefix !== PREFIX)
        return { kind: "not-a-command" };
    switch (subcommand) {
        case undefined:
        case "help":
            return args.length === 0 ? { kind: "command", command: { kind: "help" } } : invalid(`\`/eval help\` takes no arguments`);
        case "run":
            return parseRunArgs(args);
        case "regression":
            return parseRegressionArgs(args);
        default:
            return invalid(`unknown command "${subcommand}"`);
    }
}
/** `/eval run [--variant NAME]` (also `--variant=NAME`). */
function parseRunArgs(args) {
    if (args.length === 0)
        return { kind: "command", command: { kind: "run" } };
    const [flag, inline] = args[0].startsWith("--variant=") ? ["--variant", args[0].slice("--variant=".length)] : [args[0], undefined];
    if (flag !== "--variant")
        return invalid(`unknown option "${args[0]}" (\`/eval run\` takes only --variant NAME)`);
    const variant = inline ?? args[1];
    const rest = args.slice(inline === undefined ? 2 : 1);
    if (variant === undefined || variant === "" || variant.startsWith("--"))
        return invalid("--variant needs a value");
    if (rest.length > 0)
        return invalid(`unexpected "${rest[0]}" after --variant ${variant}`);
    if (!EXPERIMENT_NAME.test(variant) || variant.length > MAX_NAME_LENGTH) {
        return invalid(`--variant "${variant}" is not a valid variant name: use letters, digits, '.', '_' and '-'`);
    }
    return { kind: "command", command: { kind: "run", variant } };
}
function invalid(problem) {
    return { kind: "invalid", problem };
}
/** `--run-item-id ID` (repeatable) and `--name NAME`, each also as `--flag=value`. */
function parseRegressionArgs(args) {
    const runItemIds = [];
    let name;
    for (let index = 0; index < args.length; index++) {
        const arg = args[index] ?? "";
        const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        if (flag !== "--run-item-id" && flag !== "--name")
            return invalid(`unknown option "${arg}"`);
        const value = inline ?? args[++index];
        if (value === undefined || value === "" || value.startsWith("--"))
            return invalid(`${flag} needs a value`);
        if (flag === "--name") {
            if (name !== undefined)
                return invalid("--name may be given once");
            if (!EXPERIMENT_NAME.test(value) || value.length > MAX_NAME_LENGTH) {
                return invalid(`--name "${value}" is not a valid name: use letters, digits, '.', '_' and '-', starting with a letter or digit (at most ${MAX_NAME_LENGTH})`);
            }
            name = value;
        }
        else {
            if (!RUN_ITEM_ID.test(value))
                return invalid(`--run-item-id "${value}" is not a run item id (they look like ri_3f9a2c1d8e7b)`);
            if (!runItemIds.includes(value))
                runItemIds.push(value);
            if (runItemIds.length > MAX_RUN_ITEM_IDS)
                return invalid(`at most ${MAX_RUN_ITEM_IDS} --run-item-id options at once`);
        }
    }
    return { kind: "command", command: { kind: "regression", runItemIds, ...(name === undefined ? {} : { name }) } };
}

;// CONCATENATED MODULE: ./src/github/eval-commands/regression/render-regression-error.ts


const SHOWN_IDS = 10;
/** A planning error in the words of a `/eval regression` reply (Markdown; ids and names escaped). */
function renderRegressionError(error) {
    if (error instanceof UnknownRunItemIdsError)
        return unknownIdsReply(error);
    if (error instanceof AmbiguousRegressionNameError) {
        return (`\`--name\` names one regression dataset, but items come from several experiments (${error.experiments.map(inlineCode).join(", ")}). ` +
            "Leave out `--name` (each gets `<experiment>-regressions`), or pick items of one experiment with `--run-item-id`.");
    }
    if (error instanceof RegressionNameTakenError) {
        return `${inlineCode(error.file)} already has an experiment ${inlineCode(error.experiment)} over another dataset (${inlineCode(error.dataset)}); pick another name with \`/eval regression --name NAME\`.`;
    }
    if (error instanceof SourceExperimentMissingError) {
        return `${inlineCode(error.file)} has no experiment ${inlineCode(error.experiment)} at this pull request's head; was it renamed since the run?`;
    }
    if (error instanceof ExperimentsNotAMapError) {
        return `\`experiments:\` in ${inlineCode(error.file)} is not a map; fix the file, then comment \`/eval regression\` again.`;
    }
    return `evalgate could not do that: ${inlineCode(error.message)}`;
}
function unknownIdsReply(error) {
    const { unknown, failedIds } = error;
    const lines = [
        `${unknown.length === 1 ? "This run item id is" : "These run item ids are"} not in this pull request's latest run (${error.runIds.map(inlineCode).join(", ")}): ` +
            `${unknown.slice(0, SHOWN_IDS).map(inlineCode).join(", ")}${unknown.length > SHOWN_IDS ? ", …" : ""}.`,
    ];
    if (failedIds.length > 0) {
        const more = failedIds.length > SHOWN_IDS ? ` and ${failedIds.length - SHOWN_IDS} more` : "";
        lines.push("", `Its failed and errored run items are ${failedIds.slice(0, SHOWN_IDS).map(inlineCode).join(", ")}${more}; \`/eval regression\` without \`--run-item-id\` takes them all.`);
    }
    else {
        lines.push("", "Every item of that run passed.");
    }
    return lines.join("\n");
}

;// CONCATENATED MODULE: ./src/github/eval-commands/handle-eval-comment.ts














const MAY_RUN = new Set(["admin", "write"]);
/**
 * Answers one `issue_comment` webhook payload: `/eval regression`, `/eval run` or `/eval help` in
 * the first line of a new comment on a pull request, by someone with write access. Never throws
 * for a command's failure: the author gets a 😕 and a reply saying why.
 */
async function handleEvalComment(deps, event) {
    const resolved = resolveDeps(deps);
    const comment = commandComment(event, resolved);
    if ("ignored" in comment)
        return { status: "ignored", summary: comment.ignored };
    const parsed = parseEvalComment(comment.body);
    if (parsed.kind === "not-a-command")
        return { status: "ignored", summary: "not an /eval command" };
    const permission = await getPermission(resolved.octokit, { owner: comment.owner, repo: comment.repo, username: comment.author });
    if (!MAY_RUN.has(permission)) {
        const replyUrl = await reply(resolved.octokit, comment, REFUSAL);
        return { status: "refused", summary: `${comment.author} has ${permission} access; only write or admin may run /eval commands`, replyUrl };
    }
    await react(resolved.octokit, comment, "eyes", resolved.log);
    if (parsed.kind === "invalid") {
        const replyUrl = await reply(resolved.octokit, comment, renderHelp(parsed.problem));
        await react(resolved.octokit, comment, "confused", resolved.log);
        return { status: "failed", command: "usage", summary: parsed.problem, replyUrl };
    }
    return runCommand(resolved, comment, parsed.command);
}
async function runCommand(deps, comment, command) {
    let result;
    try {
        result = await commandFor(deps, comment, command);
    }
    catch (error) {
        const body = failureReply(error);
        deps.log.warning(`/eval ${command.kind} on ${comment.owner}/${comment.repo}#${comment.pullRequest} failed: ${messageOf(error)}`);
        const replyUrl = await reply(deps.octokit, comment, body).catch((replyError) => {
            deps.log.warning(`Could not reply on #${comment.pullRequest}: ${messageOf(replyError)}`);
            return undefined;
        });
        await react(deps.octokit, comment, "confused", deps.log);
        return { status: "failed", command: command.kind, summary: messageOf(error), ...(replyUrl === undefined ? {} : { replyUrl }) };
    }
    const replyUrl = await reply(deps.octokit, comment, result.body);
    const ok = result.ok ?? true;
    await react(deps.octokit, comment, ok ? "rocket" : "confused", deps.log);
    return {
        status: ok ? "done" : "failed",
        command: command.kind,
        summary: result.summary,
        replyUrl,
        ...(result.commitUrl === undefined ? {} : { commitUrl: result.commitUrl }),
        ...(result.pullRequestUrl === undefined ? {} : { pullRequestUrl: result.pullRequestUrl }),
        ...(result.dispatched === undefined ? {} : { dispatched: result.dispatched }),
    };
}
function commandFor(deps, comment, command) {
    switch (command.kind) {
        case "help":
            return Promise.resolve(runEvalHelp());
        case "run":
            return runEvalRun(deps, comment, command.variant);
        case "regression":
            return runEvalRegression(deps, comment, command);
    }
}
/**
 * CommandError messages are written for the reply; a planning error is worded here; any other
 * UserError (a bad config) is quoted; anything else is summarised.
 */
function failureReply(error) {
    if (error instanceof CommandError)
        return error.message;
    if (error instanceof RegressionPlanError)
        return renderRegressionError(error);
    if (isUserError(error))
        return `evalgate could not do that:\n\n${quotedLines(error.message, SHOWN_ERROR_LINES)}`;
    return `evalgate could not finish this command: ${escapeMarkdown(messageOf(error), { maxLength: 300 })}. See the app's log for details.`;
}
const SHOWN_ERROR_LINES = 20;
/** The first lines of a message as a Markdown quote, escaped, with "…" when lines were left out. */
function quotedLines(message, maxLines) {
    const lines = message.split("\n");
    const quoted = lines.slice(0, maxLines).map((line) => `> ${escapeMarkdown(line, { maxLength: 300 })}`);
    return [...quoted, ...(lines.length > maxLines ? ["> …"] : [])].join("\n");
}
/** The comment, when the event is a new comment on a pull request by a person; else why it is ignored. */
function commandComment(event, deps) {
    const parsed = IssueCommentEventSchema.safeParse(event);
    if (!parsed.success)
        return { ignored: "not an issue_comment payload" };
    const { action, issue, comment, repository } = parsed.data;
    if (action !== "created")
        return { ignored: `comment ${action}, not created` };
    if (!issue.pull_request)
        return { ignored: "a comment on an issue, not a pull request" };
    const login = comment.user.login;
    if (comment.user.type === "Bot" || (deps.botLogin !== undefined && login.toLowerCase() === deps.botLogin.toLowerCase())) {
        return { ignored: `a comment by a bot (${login})` };
    }
    return {
        owner: repository.owner.login,
        repo: repository.name,
        pullRequest: issue.number,
        commentId: comment.id,
        body: comment.body ?? "",
        author: login,
    };
}

;// CONCATENATED MODULE: ./src/bot/seen-deliveries.ts
/**
 * Delivery ids already handled, the oldest forgotten first. GitHub may deliver a webhook again
 * (a redelivery, a retry after a timeout); the same id must act once. In memory: a deployment with
 * several instances needs a shared store (Redis, a database) instead.
 */
class SeenDeliveries {
    capacity;
    ids = new Set();
    constructor(capacity = 10_000) {
        this.capacity = capacity;
    }
    /** True the first time an id is offered; false while it is remembered. */
    claim(id) {
        if (this.ids.has(id))
            return false;
        this.ids.add(id);
        // A Set iterates in insertion order: the first entry is the oldest.
        if (this.ids.size > this.capacity) {
            const oldest = this.ids.values().next().value;
            if (oldest !== undefined)
                this.ids.delete(oldest);
        }
        return true;
    }
    /** Lets a delivery that failed be acted on when GitHub (or a person) redelivers it. */
    release(id) {
        this.ids.delete(id);
    }
}

;// CONCATENATED MODULE: ./src/bot/app.ts



/**
 * The Probot app: `/eval` commands in pull request comments. The handler is awaited, so Probot
 * answers 200 when the command is done (or 202 after 9 s while it goes on).
 */
function createEvalgateApp(options = {}) {
    const seen = new SeenDeliveries(options.rememberedDeliveries);
    return (app) => {
        app.on("issue_comment.created", async (context) => {
            if (!seen.claim(context.id)) {
                context.log.info(`Delivery ${context.id} was handled already; ignoring the repeat.`);
                return;
            }
            const deps = {
                // Probot's client is an Octokit with the same REST methods; its type is a different build of them.
                octokit: context.octokit,
                log: { info: (message) => context.log.info(message), warning: (message) => context.log.warn(message) },
                ...(options.resultsBranch === undefined ? {} : { resultsBranch: options.resultsBranch }),
                ...(options.storeUrl === undefined ? {} : { storeUrl: options.storeUrl }),
                ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
                ...(options.workflowFile === undefined ? {} : { workflowFile: options.workflowFile }),
            };
            try {
                const outcome = await handleEvalComment(deps, context.payload);
                if (outcome.status !== "ignored")
                    context.log.info(`Delivery ${context.id}: ${outcome.status}: ${outcome.summary}`);
            }
            catch (error) {
                // The reply could not even be posted (GitHub down, token revoked): a redelivery may try again.
                seen.release(context.id);
                context.log.error(`Delivery ${context.id} failed: ${messageOf(error)}`);
                throw error;
            }
        });
    };
}
/* harmony default export */ const app = (createEvalgateApp());

;// CONCATENATED MODULE: ./src/bot/server.ts



const WEBHOOK_PATH = "/api/github/webhooks";
// GitHub caps webhook payloads at 25 MB.
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
function readBody(request) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        request.on("data", (chunk) => {
            size += chunk.length;
            if (size > MAX_PAYLOAD_BYTES) {
                resolve(undefined);
                request.destroy();
                return;
            }
            chunks.push(chunk);
        });
        request.on("end", () => resolve(Buffer.concat(chunks)));
        request.on("error", reject);
    });
}
function answerJson(response, status, body) {
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
/**
 * The webhook endpoint as Node middleware, for mounting in your own server: checks the signature
 * before anything else (401, and no GitHub call, when it is missing or wrong; Probot alone would
 * answer 400), then hands the request to Probot. Other paths go to `next`.
 */
async function createBotMiddleware(options) {
    if (options.webhookSecret === "")
        throw new Error("a webhook secret is required: without one anyone could send commands");
    const webhookPath = options.webhookPath ?? WEBHOOK_PATH;
    const probot = new lib/* Probot */.Jc({
        ...options.probot,
        appId: options.appId,
        privateKey: options.privateKey,
        secret: options.webhookSecret,
        ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl.replace(/\/+$/, "") }),
    });
    const probotMiddleware = await (0,lib/* createNodeMiddleware */.Pb)(createEvalgateApp(options), { probot, webhooksPath: webhookPath });
    return async (request, response, next) => {
        const pathname = new URL(request.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
        if (pathname !== webhookPath || request.method !== "POST") {
            if (next)
                next();
            else
                answerJson(response, 404, { error: "not found" });
            return;
        }
        const body = await readBody(request);
        if (body === undefined)
            return answerJson(response, 413, { error: "payload too large" });
        const signature = request.headers["x-hub-signature-256"];
        const text = body.toString("utf8");
        // Probot's own @octokit/webhooks verifies (HMAC-SHA256, constant-time): no second copy to keep.
        const valid = typeof signature === "string" && (await probot.webhooks.verify(text, signature).catch(() => false));
        if (!valid)
            return answerJson(response, 401, { error: "missing or invalid x-hub-signature-256" });
        // @octokit/webhooks reads a string body instead of the (already consumed) stream.
        request.body = text;
        await probotMiddleware(request, response, () => answerJson(response, 404, { error: "not found" }));
    };
}
/** An http.Server with the webhook endpoint and `GET /healthz`; the caller calls `listen`. */
async function createBotServer(options) {
    const middleware = await createBotMiddleware(options);
    return (0,external_node_http_.createServer)((request, response) => {
        const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
        if (pathname === "/healthz" && request.method === "GET")
            return answerJson(response, 200, { ok: true });
        middleware(request, response, () => answerJson(response, 404, { error: "not found" })).catch(() => {
            if (!response.headersSent)
                answerJson(response, 500, { error: "internal error" });
            else
                response.end();
        });
    });
}

;// CONCATENATED MODULE: ./src/bot/main.ts


/** The evalgate GitHub App's webhook server: `npm start` (the bundle, via index.ts) or `npm run bot` (from source). */
async function main() {
    const settings = readBotSettings(process.env);
    const server = await createBotServer(settings.server);
    await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(settings.port, settings.host, resolve);
    });
    const address = server.address();
    console.log(`evalgate bot listening on http://${settings.host ?? "0.0.0.0"}:${address.port} (webhooks at /api/github/webhooks, health at /healthz)`);
    const stop = () => server.close(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
}
main().catch((error) => {
    console.error(`evalgate bot: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
});


/***/ }),

/***/ 7098:
/***/ ((module) => {

function webpackEmptyAsyncContext(req) {
	// Here Promise.resolve().then() is used instead of new Promise() to prevent
	// uncaught exception popping up in devtools
	return Promise.resolve().then(() => {
		var e = new Error("Cannot find module '" + req + "'");
		e.code = 'MODULE_NOT_FOUND';
		throw e;
	});
}
webpackEmptyAsyncContext.keys = () => ([]);
webpackEmptyAsyncContext.resolve = webpackEmptyAsyncContext;
webpackEmptyAsyncContext.id = 7098;
module.exports = webpackEmptyAsyncContext;

/***/ }),

/***/ 670:
/***/ ((module) => {

function webpackEmptyAsyncContext(req) {
	// Here Promise.resolve().then() is used instead of new Promise() to prevent
	// uncaught exception popping up in devtools
	return Promise.resolve().then(() => {
		var e = new Error("Cannot find module '" + req + "'");
		e.code = 'MODULE_NOT_FOUND';
		throw e;
	});
}
webpackEmptyAsyncContext.keys = () => ([]);
webpackEmptyAsyncContext.resolve = webpackEmptyAsyncContext;
webpackEmptyAsyncContext.id = 670;
module.exports = webpackEmptyAsyncContext;

/***/ })

};
