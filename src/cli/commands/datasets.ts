import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { datasetFormatOf, type DatasetFormat } from "../../core/dataset/format.js";
import { UserError } from "../../core/errors.js";
import type { Item } from "../../core/model/item.js";
import {
  DATASET_VERSION_COLUMNS,
  DATASET_VERSION_TABLE_COLUMNS,
  DATASET_VERSION_TABLE_FIT,
  datasetVersionRow,
  datasetVersionTableRow,
} from "../../core/report/dataset-version-rows.js";
import { formatListing } from "../../core/report/format-listing.js";
import { renderDatasetDiff } from "../../core/report/render-dataset-diff.js";
import { countItemFields, emptyItemCounts, renderDatasetVersion } from "../../core/report/render-dataset-version.js";
import { formatCount, formatCountOf } from "../../core/stats.js";
import { diffDatasetItems } from "../../core/versions/diff-dataset-items.js";
import { csvExportColumns, exportDatasetItems } from "../../core/versions/export-dataset-items.js";
import type { DatasetVersionRecord, DatasetVersionUse, RunStore } from "../../store/run-store.js";
import { parseFormat, parsePositiveInt, tableOrJson, terminalWidth, withStore, type CliIo } from "../cli-context.js";
import { writeOutputFile } from "../write-output-file.js";
import { versionPrefix } from "../../core/version-prefix.js";

const EXPORT_FORMATS: readonly DatasetFormat[] = ["jsonl", "csv", "json"];

export function registerDatasetsCommands(program: Command, io: CliIo): void {
  const datasets = program.command("datasets").description("dataset versions kept in the store: list, show, export and diff them");

  datasets
    .command("list")
    .description("stored dataset versions with their runs, most recently used first")
    .argument("[dataset]", "only versions of this dataset file (its path as runs record it)")
    .option("--format <format>", "table, csv, json or jsonl", "table")
    .action(async (path: string | undefined, flags: { format: string }, command: Command) => {
      const format = parseFormat(flags.format);
      const versions = (await withStore(command, (store) => store.listDatasetVersions())).filter(
        (version) => path === undefined || version.dataset_path === path,
      );
      if (format === "table") {
        const now = Date.now();
        const rows = versions.map((version) => datasetVersionTableRow(version, now));
        io.stdout.write(formatListing(rows, DATASET_VERSION_TABLE_COLUMNS, format, { ...DATASET_VERSION_TABLE_FIT, width: terminalWidth(io) }));
      } else {
        io.stdout.write(formatListing(versions.map(datasetVersionRow), DATASET_VERSION_COLUMNS, format));
      }
    });

  datasets
    .command("show")
    .description("one dataset version: where it came from, its runs, item counts and its first items")
    .argument("<version>", "dataset version (or a unique prefix)")
    .option("--format <format>", "table or json", "table")
    .option("--items <n>", "how many of its first items (by id) to show", "5")
    .action(async (version: string, flags: { format: string; items: string }, command: Command) => {
      const format = tableOrJson(flags.format);
      const shown = parsePositiveInt("--items", flags.items);
      await withStore(command, async (store) => {
        const use = await datasetVersionUse(store, await requireDatasetVersion(store, version));
        const counts = emptyItemCounts();
        const firstItems: Item[] = [];
        for await (const item of store.datasetVersionItems(use.version)) {
          countItemFields(counts, item);
          if (firstItems.length < shown) firstItems.push(item);
        }
        if (format === "table") {
          io.stdout.write(renderDatasetVersion(use, counts, firstItems, Date.now(), terminalWidth(io)));
        } else {
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
    .action(async (version: string, flags: { output: string; format?: string }, command: Command) => {
      const format = exportFormat(flags.output, flags.format);
      await withStore(command, async (store) => {
        const record = await requireDatasetVersion(store, version);
        const items = () => store.datasetVersionItems(record.version);
        const columns = format === "csv" ? await csvExportColumns(items()) : undefined;
        await writeOutputFile(flags.output, `-o ${flags.output}`, (partial) =>
          pipeline(Readable.from(exportDatasetItems(items(), format, columns)), createWriteStream(partial)),
        );
        io.stderr.write(`wrote ${flags.output} (${format}, ${formatCountOf(record.item_count, "item")} of dataset version ${record.version})\n`);
      });
    });

  datasets
    .command("diff")
    .description("the item ids added, removed and changed from one dataset version to another")
    .argument("<v1>", "the older dataset version (or a unique prefix)")
    .argument("<v2>", "the newer dataset version (or a unique prefix)")
    .option("--format <format>", "table or json", "table")
    .action(async (first: string, second: string, flags: { format: string }, command: Command) => {
      const format = tableOrJson(flags.format);
      await withStore(command, async (store) => {
        const before = await requireDatasetVersion(store, first);
        const after = await requireDatasetVersion(store, second);
        const diff = await diffDatasetItems(store.datasetVersionItems(before.version), store.datasetVersionItems(after.version), {
          before: `dataset version ${before.version}`,
          after: `dataset version ${after.version}`,
        });
        if (format === "table") io.stdout.write(renderDatasetDiff(before, after, diff));
        else io.stdout.write(`${JSON.stringify({ before: sideOf(before), after: sideOf(after), ...diff }, null, 2)}\n`);
      });
    });
}

/** The stored version by exact version or unique prefix; a UserError saying where to look when there is none. */
export async function requireDatasetVersion(store: RunStore, version: string): Promise<DatasetVersionRecord> {
  const record = await store.getDatasetVersion(versionPrefix(version));
  if (record === undefined) {
    throw new UserError(
      `no dataset version "${version}" in this store (see \`evalgate datasets list\`; runs made before evalgate kept dataset versions have none stored)`,
    );
  }
  return record;
}

async function datasetVersionUse(store: RunStore, record: DatasetVersionRecord): Promise<DatasetVersionUse> {
  const listed = (await store.listDatasetVersions()).find((use) => use.version === record.version);
  return listed ?? { ...record, runs: 0 };
}

function sideOf(record: DatasetVersionRecord): Pick<DatasetVersionRecord, "version" | "dataset_path" | "item_count"> {
  return { version: record.version, dataset_path: record.dataset_path, item_count: record.item_count };
}

/** `--format` when given, else the output file's extension, as the dataset loader reads it. */
function exportFormat(output: string, given: string | undefined): DatasetFormat {
  if (given !== undefined) {
    if ((EXPORT_FORMATS as readonly string[]).includes(given)) return given as DatasetFormat;
    throw new UserError(`--format: "${given}" is not one of ${EXPORT_FORMATS.join(", ")}`);
  }
  try {
    return datasetFormatOf(output);
  } catch {
    throw new UserError(`-o ${output}: name the file .jsonl, .csv or .json, or pass --format jsonl|csv|json`);
  }
}
