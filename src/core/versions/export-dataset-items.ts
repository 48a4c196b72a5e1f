import { canonicalJson } from "../canonical.js";
import { csvHeader, csvRowToRecord, type CsvHeader } from "../dataset/csv-columns.js";
import type { DatasetFormat } from "../dataset/format.js";
import { recordToItem } from "../dataset/record-to-item.js";
import { UserError } from "../errors.js";
import type { Item } from "../model/item.js";
import { csvRow } from "../report/csv-row.js";
import { ITEM_FIELDS, type ItemField } from "./diff-dataset-items.js";

type Items = AsyncIterable<Item> | Iterable<Item>;

export type CsvExportColumn = "id" | ItemField;

/**
 * The columns of a CSV export of `items` (one pass over them): `id,input`, then `expected`,
 * `metadata`, `scorers` and `scorers_mode` when any item has one.
 */
export async function csvExportColumns(items: Items): Promise<CsvExportColumn[]> {
  const present = new Set<ItemField>();
  for await (const item of items) {
    for (const field of ITEM_FIELDS) if (item[field] !== undefined) present.add(field);
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
export async function* exportDatasetItems(items: Items, format: DatasetFormat, columns?: CsvExportColumn[]): AsyncGenerator<string> {
  if (format === "csv") {
    const names = columns ?? (await csvExportColumns(items));
    const header = csvHeader(names, "export", true);
    yield csvRow(names);
    for await (const item of items) yield csvRow(csvCells(item, names, header));
    return;
  }
  if (format === "jsonl") {
    for await (const item of items) yield `${JSON.stringify(item)}\n`;
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
function csvCells(item: Item, columns: readonly CsvExportColumn[], header: CsvHeader): string[] {
  const cells = columns.map((column) => cellOf(item, column));
  let lost: string | undefined;
  try {
    const readBack = recordToItem(csvRowToRecord(header, cells), "export");
    lost = readBack.id !== item.id ? "id" : ITEM_FIELDS.find((field) => canonicalJson(item[field]) !== canonicalJson(readBack[field]));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    lost = "content";
  }
  if (lost !== undefined) {
    throw new UserError(
      `item ${JSON.stringify(item.id)} cannot be written as CSV: its ${lost} would read back as something else ` +
        "(a CSV cell is text, so a number, true, false or null, an empty text, or text that reads as JSON changes); " +
        "export as .jsonl or .json instead",
    );
  }
  return cells;
}

/** Text as it is; any other value as JSON (csv-columns.ts reads a cell starting with { or [ as JSON). */
function cellOf(item: Item, column: CsvExportColumn): string {
  const value = item[column];
  // An empty metadata cell would be read as the text "", which is not an object.
  if (value === undefined) return column === "metadata" ? "{}" : "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
