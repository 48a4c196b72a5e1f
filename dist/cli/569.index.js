export const id = 569;
export const ids = [569];
export const modules = {

/***/ 67569:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openResultsBranchStore: () => (/* reexport */ openResultsBranchStore),
  parseResultsBranchSpec: () => (/* reexport */ parseResultsBranchSpec)
});

// UNUSED EXPORTS: DEFAULT_BRANCH_RETRY_POLICY, DEFAULT_RESULTS_BRANCH, MAX_RUN_FILE_BYTES, ResultsBranchStore, publishRun

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/core/repeats/find-score.ts
var find_score = __webpack_require__(44442);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/store/ambiguous-prefix.ts
var ambiguous_prefix = __webpack_require__(67790);
// EXTERNAL MODULE: ./src/store/open-store.ts + 9 modules
var open_store = __webpack_require__(70582);
// EXTERNAL MODULE: ./src/store/run-store.ts
var run_store = __webpack_require__(86380);
// EXTERNAL MODULE: ./src/core/retry.ts
var retry = __webpack_require__(27253);
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
const DEFAULT_RESULTS_BRANCH = "evalgate-results";
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

;// CONCATENATED MODULE: ./src/store/results-branch/retry-policy.ts

/** 8 publish tries: each round of a race lets at least one writer through, and jobs seldom overlap by 8. */
const DEFAULT_BRANCH_RETRY_POLICY = {
    publishAttempts: 8,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
};
/** The policy for the shared retry primitive. */
function publishRetries(policy) {
    return (0,retry/* retryPolicy */.Jb)(Math.max(0, policy.publishAttempts - 1), { baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs });
}

;// CONCATENATED MODULE: ./src/store/results-branch/append-to-branch.ts



/** Returns the commit that holds the file (ours, or a later one when our answer was lost). */
async function appendToBranch(git, append, policy) {
    const file = { path: append.file.path, sha: await git.createBlob(append.file.content) };
    const ifAbsent = new LazyBlobs(git, append.filesIfAbsent);
    const ourCommits = new Set();
    let uncertain = false;
    let lastProblem = "";
    const { value: landed } = await (0,retry/* withRetries */.LH)(async () => {
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/core/model/annotation.ts
var annotation = __webpack_require__(59120);
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
        throw new errors/* UserError */.yo(`${where} has annotations file format ${String(header.format)}, but this evalgate reads format ${ANNOTATION_DOCUMENT_FORMAT}: upgrade evalgate`);
    }
    // Parsed, not cast: a file edited by hand must not feed a report a value of the wrong type.
    return annotationLines.map((line) => annotation/* AnnotationSchema */.v.parse(JSON.parse(line)));
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
            throw new errors/* UserError */.yo(`repository ${owner}/${repo} was not found, or the token cannot read it: check --store github:OWNER/REPO ` +
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

// EXTERNAL MODULE: ./src/core/item-id-order.ts
var item_id_order = __webpack_require__(65113);
// EXTERNAL MODULE: ./src/core/canonical.ts
var canonical = __webpack_require__(70457);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
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
    return new errors/* UserError */.yo(`run "${runId}" is more than ${sizeText(maxBytes)} compressed, the largest file GitHub's Git Data API accepts: ` +
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
        throw new errors/* UserError */.yo(`${where} has run file format ${String(header.format)}, but this evalgate reads format ${RUN_DOCUMENT_FORMAT}: upgrade evalgate`);
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
        return new errors/* UserError */.yo(`dataset version ${version} is more than ${sizeText(maxBytes)} compressed, the largest file GitHub's Git Data API accepts: ` +
            "use a smaller dataset, or keep its runs in the embedded store or PostgreSQL");
    });
}
async function* linesOf(items) {
    for await (const item of items)
        yield (0,canonical/* canonicalJson */.dj)(item);
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
        throw new errors/* UserError */.yo(`${where} is not a dataset version record written by evalgate: restore it from the branch's history or delete the dataset version's files`);
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
        return [...latest.values()].sort((a, b) => (0,item_id_order/* compareItemIds */.D)(a.item_id, b.item_id) || (0,item_id_order/* compareItemIds */.D)(a.name, b.name));
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
        const versions = [...(staged === undefined ? [] : [staged.version]), ...published.map((dataset) => dataset.version)].sort(item_id_order/* compareItemIds */.D);
        const [onlyPublished] = published;
        if (versions.length === 0)
            return undefined;
        if (versions.length === 1)
            return staged ?? (onlyPublished && this.record(index, onlyPublished));
        throw (0,ambiguous_prefix/* ambiguousPrefixError */.lL)("dataset version", prefix, versions);
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
    const { value: removed } = await (0,retry/* withRetries */.LH)(async () => {
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
const DEFAULT_LIST_LIMIT = 50;
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
class ResultsBranchStore {
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
        this.location = { owner: options.owner, repo: options.repo, branch: options.branch ?? DEFAULT_RESULTS_BRANCH };
        this.stagingDir = options.stagingDir;
        this.policy = { ...DEFAULT_BRANCH_RETRY_POLICY, ...options.retry };
        this.maxRunFileBytes = Math.min(options.maxRunFileBytes ?? MAX_RUN_FILE_BYTES, MAX_RUN_FILE_BYTES);
        this.git = new BranchGit(options.octokit, this.location);
        this.reader = new BranchReader(this.git);
        this.versions = new BranchVersions(this.reader, () => this.stagingIfAny());
    }
    stagingStore() {
        this.staging ??= (0,open_store/* openEmbeddedStore */.i)(this.stagingDir);
        return this.staging;
    }
    /** Reads leave no staging directory behind when nothing was ever staged there (a laptop's CLI). */
    async stagingIfAny() {
        if (this.staging === undefined && !(0,external_node_fs_.existsSync)(external_node_path_default().join(this.stagingDir, open_store/* EMBEDDED_STORE_FILE */.S)))
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
            if (error instanceof errors/* UserError */.yo)
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
            throw new run_store/* RunExistsError */.S(run.id, this.git.name);
        await (await this.stagingStore()).createRun(run);
    }
    async putRunItem(item) {
        await (await this.stagingStore()).putRunItem(item);
    }
    /** Ends the staged run and publishes it; when publishing fails the run stays staged for `publish`. */
    async endRun(runId, end) {
        const staged = await this.stagedRun(runId);
        if (staged === undefined)
            throw new run_store/* UnknownRunError */.I(runId, `the runs in progress for ${this.git.name}`);
        await staged.staging.endRun(runId, end);
        await this.publishFrom(staged.staging, runId);
    }
    /** Only a staged run can go on: a published run's file on the branch is final. */
    async reopenRun(runId) {
        const staged = await this.stagedRun(runId);
        if (staged === undefined && (await this.reader.readIndex()).run(runId) === undefined)
            throw new run_store/* UnknownRunError */.I(runId, this.git.name);
        if (staged === undefined) {
            throw new errors/* UserError */.yo(`run "${runId}" is published on ${this.location.branch} and cannot be continued there; start a new run instead`);
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
            throw new run_store/* UnknownRunError */.I(runId, this.git.name);
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
                throw new run_store/* UnknownRunError */.I(runId, this.git.name);
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
        throw (0,ambiguous_prefix/* ambiguousPrefixError */.lL)("run id", runId, ids);
    }
    /**
     * Staged runs and published ones, newest first. The experiment filter reads paths only; a
     * status filter downloads run files newest first until `limit` match (each download is cached).
     */
    async listRuns(filter = {}) {
        const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
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
            const score = (0,find_score/* findScore */.i)(runItem, scoreId);
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
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(86856);
// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 21 modules
var dist_src = __webpack_require__(59988);
// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var lib = __webpack_require__(62203);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
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
    const retryAfterMs = (0,retry/* parseRetryAfter */.mu)(answer.headers["retry-after"], nowMs);
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
                await (0,promises_.setTimeout)(wait * settings.msPerSecond);
            }
        }
    });
    return {};
}

;// CONCATENATED MODULE: ./src/github/create-octokit.ts






const EvalgateOctokit = dist_src/* Octokit */.E.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A, waitOutRateLimits);
// 403 and 429 are rate limits (waitOutRateLimits) or refusals: sending them again changes nothing.
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * An Octokit that retries what GitHub asks to be retried, each kind by exactly one layer, and
 * never logs its token: 5xx by plugin-retry, rate limits by waitOutRateLimits.
 */
function createOctokit(options) {
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
            id: `evalgate-${(0,external_node_crypto_.randomUUID)()}`,
            // The 1 s spacing scales with the same knob as the waits (tests pass 1 ms per second).
            write: new (lib_default()).Group({ maxConcurrent: 1, minTime: msPerSecond }),
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
        throw new errors/* UserError */.yo(`--store "${text}" is not a results branch: write github:OWNER/REPO or github:OWNER/REPO@BRANCH ` +
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
        throw new errors/* UserError */.yo(`--store github:${location.owner}/${location.repo} needs a GitHub token: set GITHUB_TOKEN (or GH_TOKEN), ` +
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







/***/ })

};
