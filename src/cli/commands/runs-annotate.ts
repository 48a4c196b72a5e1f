import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { collectAnnotations, type RunItemIndex } from "../../core/annotations/collect-annotations.js";
import { annotationFormatOf, readAnnotationRecords } from "../../core/annotations/read-annotation-records.js";
import { UserError } from "../../core/errors.js";
import { ANNOTATION_LIMITS, type Annotation } from "../../core/model/annotation.js";
import { formatCount } from "../../core/stats.js";
import type { RunStore } from "../../store/run-store.js";
import { requireRun, withStore, type CliIo } from "../cli-context.js";

/**
 * Annotations per store write (one transaction, one commit on a results branch): bounded, so a
 * file of 100,000 holds the store's write lock a moment at a time, never for the whole file.
 */
export const ANNOTATION_BATCH = 1_000;

interface AnnotateFlags {
  file: string;
  format?: string;
  author?: string;
}

/**
 * `runs annotate RUN --file F`: people's judgements of a run's items, named metrics (numbers) and
 * labels (text), read from JSON, JSONL or CSV (`-`: stdin). Every record is checked against the
 * run before anything is written; then they are upserted by (run item, name) in batches.
 */
export function registerRunsAnnotateCommand(runs: Command, io: CliIo): void {
  runs
    .command("annotate")
    .description("add annotations to a run's items: named metrics (numbers) and labels (text), with a note and author")
    .argument("<run>", "run id (or a unique prefix)")
    .requiredOption(
      "--file <file>",
      "a .jsonl, .json (array) or .csv file, or - for stdin; each record: run_item_id or item_id, name, metric or label, note?, author?",
    )
    .option("--format <format>", "json, jsonl or csv, when the file name does not tell (stdin)")
    .option("--author <name>", "the author of records that name none")
    .action(async (id: string, flags: AnnotateFlags, command: Command) => {
      const format = annotationFormatOf(flags.file, flags.format);
      const author = authorFlag(flags.author);
      const shownFile = flags.file === "-" ? "stdin" : flags.file;
      // Reading a terminal would wait for typing that never comes.
      if (flags.file === "-" && process.stdin.isTTY === true) throw new UserError("--file -: stdin is a terminal; pipe the annotations in (… | evalgate runs annotate RUN --file - --format jsonl)");
      const input = flags.file === "-" ? undefined : await openInput(path.resolve(io.cwd, flags.file), flags.file);
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
          const repeated = collected.replaced > 0 ? ` (${plural(collected.replaced, "record")} repeated an earlier run item and name; the later one was kept)` : "";
          io.stdout.write(`${run.id}: ${plural(collected.annotations.length, "annotation")} written, ${plural(touched, "run item")} touched${repeated}\n`);
        });
      } finally {
        await input?.close();
      }
    });
}

function authorFlag(author: string | undefined): string | undefined {
  if (author === undefined) return undefined;
  const trimmed = author.trim();
  if (trimmed === "") throw new UserError("--author: the name is empty; write a name or leave the flag out");
  if (trimmed.length > ANNOTATION_LIMITS.author) throw new UserError(`--author: at most ${ANNOTATION_LIMITS.author} characters`);
  return trimmed;
}

async function openInput(file: string, shown: string): Promise<FileHandle> {
  try {
    return await open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (code ?? String(error));
    throw new UserError(`--file ${shown}: cannot read it (${why})`);
  }
}

/** Both ways between the run's run item ids and item ids: what a record may name. */
async function indexRunItems(store: RunStore, runId: string): Promise<RunItemIndex> {
  const itemIdOf = new Map<string, string>();
  const runItemIdOf = new Map<string, string>();
  for await (const item of store.runItems(runId)) {
    itemIdOf.set(item.id, item.item_id);
    runItemIdOf.set(item.item_id, item.id);
  }
  return { itemIdOf, runItemIdOf };
}

async function writeInBatches(store: RunStore, annotations: readonly Annotation[], io: CliIo): Promise<void> {
  let written = 0;
  try {
    for (let start = 0; start < annotations.length; start += ANNOTATION_BATCH) {
      const batch = annotations.slice(start, start + ANNOTATION_BATCH);
      await store.putAnnotations(batch);
      written += batch.length;
    }
  } catch (error) {
    if (written > 0) {
      io.stderr.write(
        `evalgate: ${formatCount(written)} of ${formatCount(annotations.length)} annotations were stored before the error below; ` +
          "the same command again writes the rest (annotating twice leaves one value)\n",
      );
    }
    throw error;
  }
}

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${count === 1 ? word : `${word}s`}`;
}
