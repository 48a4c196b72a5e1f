import type { Run } from "../../core/model/run.js";

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
export const DEFAULT_RESULTS_BRANCH = "evalgate-results";
export const RUNS_DIR = "runs";
export const EXPERIMENT_VERSIONS_DIR = "experiment-versions";
export const ANNOTATIONS_DIR = "annotations";
export const DATASETS_DIR = "datasets";
const DATASET_ITEMS_SUFFIX = ".jsonl.gz";
const DATASET_RECORD_SUFFIX = ".json";
const ANNOTATIONS_FILE_SUFFIX = ".jsonl.gz";
/**
 * The annotations a run had when it was published, written in the run's own commit. "0" sorts
 * before every later file, whose names start with the year they were written.
 */
const PUBLISHED_ANNOTATIONS = "0-published";
export const README_PATH = "README.md";
const RUN_FILE_SUFFIX = ".json.gz";
const NO_COMMIT = "no-commit";
const NO_ROLE = "run";

export type RunRole = NonNullable<Run["role"]>;

/** A published run, known from its path alone. */
export interface RunRef {
  runId: string;
  experiment: string;
  datasetVersion: string;
  commit?: string;
  role?: RunRole;
  /** The file's path on the results branch. */
  path: string;
}

export function runPath(run: Run): string {
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
export function annotationsPath(runId: string, file: { writtenAt: string; random: string } | "published"): string {
  const name = file === "published" ? PUBLISHED_ANNOTATIONS : `${file.writtenAt.replace(/[-:.]/g, "")}-${file.random}`;
  return [ANNOTATIONS_DIR, encodeSegment(runId), name + ANNOTATIONS_FILE_SUFFIX].join("/");
}

/** The run an annotations file belongs to, or undefined for any other path. */
export function parseAnnotationsPath(path: string): { runId: string } | undefined {
  const segments = path.split("/");
  if (segments.length !== 3 || segments[0] !== ANNOTATIONS_DIR || !segments[2]!.endsWith(ANNOTATIONS_FILE_SUFFIX)) return undefined;
  return { runId: decodeSegment(segments[1]!) };
}

export function experimentVersionPath(experiment: string, version: string): string {
  return [EXPERIMENT_VERSIONS_DIR, encodeSegment(experiment), `${encodeSegment(version)}.json`].join("/");
}

/** The run a path names, or undefined for any other file (README, experiment versions, strays). */
export function parseRunPath(path: string): RunRef | undefined {
  const segments = path.split("/");
  if (segments.length !== 6 || segments[0] !== RUNS_DIR) return undefined;
  const [, experiment, datasetVersion, commit, role, file] = segments as [string, string, string, string, string, string];
  if (!file.endsWith(RUN_FILE_SUFFIX)) return undefined;
  if (role !== NO_ROLE && role !== "baseline" && role !== "candidate") return undefined;
  const ref: RunRef = {
    runId: decodeSegment(file.slice(0, -RUN_FILE_SUFFIX.length)),
    experiment: decodeSegment(experiment),
    datasetVersion: decodeSegment(datasetVersion),
    path,
  };
  if (commit !== NO_COMMIT) ref.commit = decodeSegment(commit);
  if (role !== NO_ROLE) ref.role = role;
  return ref;
}

export function parseExperimentVersionPath(path: string): { experiment: string; version: string } | undefined {
  const segments = path.split("/");
  if (segments.length !== 3 || segments[0] !== EXPERIMENT_VERSIONS_DIR) return undefined;
  const [, experiment, file] = segments as [string, string, string];
  if (!file.endsWith(".json")) return undefined;
  return { experiment: decodeSegment(experiment), version: decodeSegment(file.slice(0, -".json".length)) };
}

export function datasetItemsPath(version: string): string {
  return `${DATASETS_DIR}/${encodeSegment(version)}${DATASET_ITEMS_SUFFIX}`;
}

export function datasetRecordPath(version: string): string {
  return `${DATASETS_DIR}/${encodeSegment(version)}${DATASET_RECORD_SUFFIX}`;
}

/** The dataset version a file under datasets/ is of, and which of its two files it is. */
export function parseDatasetPath(path: string): { version: string; file: "items" | "record" } | undefined {
  const segments = path.split("/");
  if (segments.length !== 2 || segments[0] !== DATASETS_DIR) return undefined;
  const name = segments[1]!;
  if (name.endsWith(DATASET_ITEMS_SUFFIX)) return { version: decodeSegment(name.slice(0, -DATASET_ITEMS_SUFFIX.length)), file: "items" };
  if (name.endsWith(DATASET_RECORD_SUFFIX)) return { version: decodeSegment(name.slice(0, -DATASET_RECORD_SUFFIX.length)), file: "record" };
  return undefined;
}

/**
 * Names from the config are mostly safe as they are; anything else is percent-encoded so that a
 * name can never add a directory level or be a "." / ".." entry, which git trees refuse.
 */
function encodeSegment(value: string): string {
  if (/^[A-Za-z0-9._-]+$/.test(value) && value !== "." && value !== ".." && value !== NO_COMMIT) return value;
  return encodeURIComponent(value).replaceAll(".", "%2E").replaceAll("-", "%2D");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const README = `# evalgate results

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
