import { contentHash } from "../canonical.js";
import { UserError } from "../errors.js";
import type { Item } from "../model/item.js";
import { describeJsonType } from "./format.js";

type JsonObject = Record<string, unknown>;
type Json = Item["input"];

const RESERVED = new Set(["id", "input", "expected", "metadata", "scorers", "scorers_mode"]);

/**
 * A parsed record → an item. With an `input` key, `input`/`expected`/`metadata`/`id` are taken
 * as they are and any other key joins `metadata`. Without one, the record minus `id`, `expected`,
 * `metadata` and the item's own `scorers`/`scorers_mode` is the input, so
 * `{"question": …, "expected": …}` needs no wrapping. `where` (`file:line`) prefixes every error.
 */
export function recordToItem(record: unknown, where: string): Item {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new UserError(`${where}: expected a JSON object, got ${describeJsonType(record)}`);
  }
  const fields = record as JsonObject;
  const metadata = metadataOf(fields, where);
  const scorers = itemScorersOf(fields, where);
  const others: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!RESERVED.has(key) && value !== undefined) others[key] = value;
  }
  if (Object.hasOwn(fields, "input")) {
    // An explicit metadata field wins over a loose key of the same name.
    return buildItem(fields.id, fields.input, fields.expected, { ...others, ...metadata }, scorers, where);
  }
  if (Object.keys(others).length === 0) {
    throw new UserError(
      `${where}: the record has no input; add an "input" field (or fields that make up the input)`,
    );
  }
  return buildItem(fields.id, others, fields.expected, metadata, scorers, where);
}

type ItemScorers = Pick<Item, "scorers" | "scorers_mode">;

/**
 * The record's own scorers, kept as written: their names and configs are checked against the
 * experiment when the dataset is inspected (the dataset alone does not know the scorers). An
 * empty list adds nothing and is dropped; replacing with nothing would leave the item unjudged.
 */
function itemScorersOf(fields: JsonObject, where: string): ItemScorers {
  const { scorers, scorers_mode: mode } = fields;
  if (mode !== undefined && mode !== "add" && mode !== "replace") {
    const got = typeof mode === "string" ? "" : `, got ${describeJsonType(mode)}`;
    throw new UserError(`${where}: "scorers_mode" must be "add" (the default) or "replace"${got}`);
  }
  if (scorers === undefined) {
    if (mode === "replace") throw new UserError(`${where}: "scorers_mode" is "replace" but the record has no "scorers" list`);
    return {};
  }
  if (!Array.isArray(scorers)) {
    throw new UserError(
      `${where}: "scorers" must be a list of scorers, as in evalgate.yml (e.g. ["json_valid"]), got ${describeJsonType(scorers)}`,
    );
  }
  if (scorers.length === 0) {
    if (mode === "replace") throw new UserError(`${where}: "scorers_mode" is "replace" but "scorers" is empty; the item would have no scorer`);
    return {};
  }
  return { scorers: scorers as Json[], ...(mode === "replace" ? { scorers_mode: "replace" as const } : {}) };
}

function metadataOf(fields: JsonObject, where: string): JsonObject {
  const metadata = fields.metadata;
  if (metadata === undefined) return {};
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) {
    throw new UserError(
      `${where}: "metadata" must be a JSON object, got ${describeJsonType(metadata)}`,
    );
  }
  return metadata as JsonObject;
}

function buildItem(
  rawId: unknown,
  input: unknown,
  expected: unknown,
  metadata: JsonObject,
  scorers: ItemScorers,
  where: string,
): Item {
  const content: Omit<Item, "id"> = { input: input as Json };
  if (expected !== undefined) content.expected = expected as Json;
  if (Object.keys(metadata).length > 0) content.metadata = metadata as Record<string, Json>;
  Object.assign(content, scorers);
  const id = rawId === undefined ? contentHash(content, 16) : idOf(rawId, where);
  return { id, ...content };
}

function idOf(rawId: unknown, where: string): string {
  if (typeof rawId === "string" && rawId !== "") return rawId;
  if (typeof rawId === "number" && Number.isFinite(rawId)) return String(rawId);
  throw new UserError(
    `${where}: "id" must be a non-empty string or a number, got ${describeJsonType(rawId)}${
      rawId === "" ? " (empty)" : ""
    }; leave it out to derive the id from the content`,
  );
}
