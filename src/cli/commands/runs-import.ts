import { open, stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import { MAX_CONCURRENCY } from "../../core/config/schema.js";
import { IMPORT_FORMATS, importFormatOf, type ImportFormat } from "../../core/import/import-record.js";
import { readImportRecords } from "../../core/import/read-import-records.js";
import { importEnvironment } from "../../core/import/target-only-variables.js";
import { renderRunSummary } from "../../core/report/render-run-summary.js";
import { formatCount } from "../../core/stats.js";
import { readGitInfo } from "../../engine/git-info.js";
import { importRun, type ImportOutcome } from "../../engine/import-run.js";
import { findExperiment, loadConfigFile } from "../../engine/load-config.js";
import { prepareExperiment } from "../../engine/prepare-experiment.js";
import { globalOptions, parsePositiveInt, storeScheme, withStore, type CliIo } from "../cli-context.js";
import { exitCodeFor, type ExitCode } from "../exit-codes.js";

interface ImportFlags {
  experiment: string;
  score?: boolean;
  name?: string;
  format?: string;
  concurrency?: string;
  cache?: boolean;
}

export function registerRunsImportCommand(runs: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
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
    .action(async (file: string, flags: ImportFlags, command: Command) => {
      setExit(await importCommand(file, flags, command, io));
    });
}

async function importCommand(file: string, flags: ImportFlags, command: Command, io: CliIo): Promise<ExitCode> {
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
    ...(flags.cache !== false ? { cacheDir: path.join(storeScheme(store) === undefined ? store : ".evalgate", "cache") } : {}),
  });
  const shownName = file === "-" ? "stdin" : file;
  const records = await readImportRecords(format, await openImportFile(file), shownName);
  if (!flags.score && records.every((record) => record.evaluations === undefined)) {
    throw new UserError(
      `${shownName}: no record has evaluations, so nothing would judge the outputs; ` +
        "import with --score to run the experiment's scorers over them, or add evaluations ({name: {label, score, explanation}})",
    );
  }
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr.write("\nstopping: the items stored so far are kept, the run ends cancelled (Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  let outcome: ImportOutcome;
  try {
    outcome = await withStore(command, async (runStore) =>
      importRun({
        prepared,
        store: runStore,
        records,
        source: file === "-" ? "stdin" : path.basename(file),
        score: flags.score === true,
        git: await readGitInfo(loaded.dir),
        signal: controller.signal,
        ...(flags.name ? { label: flags.name } : {}),
      }),
    );
  } finally {
    process.off("SIGINT", onSigint);
  }
  io.stdout.write(renderRunSummary(outcome.run, outcome.verdict) + "\n");
  reportImport(outcome, records.length, shownName, io);
  return exitCodeFor(outcome.verdict);
}

function reportImport(outcome: ImportOutcome, recordCount: number, file: string, io: CliIo): void {
  const { run } = outcome;
  const lines = [`imported ${formatCount(recordCount)} record${recordCount === 1 ? "" : "s"} from ${file} as run ${run.id}`];
  if (outcome.missing > 0) {
    lines.push(
      `${formatCount(outcome.missing)} of the dataset's ${formatCount(run.item_count)} items had no record: they are stored as errors`,
    );
  }
  if (outcome.annotations > 0) lines.push(`kept ${formatCount(outcome.annotations)} imported evaluations as annotations`);
  if (outcome.statusChanged.length > 0) {
    const shown = outcome.statusChanged.slice(0, 5).map((id) => JSON.stringify(id)).join(", ");
    lines.push(
      `${formatCount(outcome.statusChanged.length)} items now have another status than their metadata.status says (${shown}` +
        `${outcome.statusChanged.length > 5 ? ", …" : ""}): the status is derived again from the evaluations under this experiment's pass rule`,
    );
  }
  if (run.status === "cancelled") lines.push(`run ${run.id} cancelled: it keeps the items stored before the stop`);
  io.stderr.write(lines.join("\n") + "\n");
}

function importFormat(file: string, flag: string | undefined): ImportFormat {
  if (flag !== undefined) {
    if ((IMPORT_FORMATS as readonly string[]).includes(flag)) return flag as ImportFormat;
    throw new UserError(`--format: "${flag}" is not one of ${IMPORT_FORMATS.join(", ")}`);
  }
  if (file === "-") throw new UserError("reading records from stdin (-): say their format with --format csv, json or jsonl");
  const format = importFormatOf(file);
  if (format === undefined) {
    throw new UserError(`${file}: the file's name does not say its format; name it .csv, .json or .jsonl, or give --format csv, json or jsonl`);
  }
  return format;
}

/** The file's bytes, or stdin's. Checked before opening: opening a named pipe would wait for a writer. */
async function openImportFile(file: string): Promise<AsyncIterable<Uint8Array>> {
  if (file === "-") return process.stdin;
  const stats = await stat(file).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UserError(`${file}: file not found`);
    if (code === "EACCES") throw new UserError(`${file}: permission denied`);
    throw error;
  });
  if (!stats.isFile()) throw new UserError(`${file}: not a file; give a .csv, .json or .jsonl file, or - for stdin`);
  const handle = await open(file, "r").catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "EACCES") throw new UserError(`${file}: permission denied`);
    throw error;
  });
  // The stream closes the handle when it ends or fails.
  return handle.createReadStream({ highWaterMark: 64 * 1024 });
}
