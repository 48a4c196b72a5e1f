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
  const others = otherFields(fields);
  if (Object.hasOwn(fields, "input")) {
    // An explicit metadata field wins over a loose key of the same name.
    return buildItem(fields.id, fields.input, fields.expected, others === undefined ? metadata : { ...others, ...metadata }, scorers, where);
  }
  if (others === undefined) {
    throw new UserError(
      `${where}: the record has no input; add an "input" field (or fields that make up the input)`,
    );
  }
  return buildItem(fields.id, others, fields.expected, metadata, scorers, where);
}

/**
 * The record's keys that are not an item's own fields; undefined when there are none (the usual
 * `{"id", "input", "expected"}` record), so no empty object is made for every record.
 */
function otherFields(fields: JsonObject): JsonObject | undefined {
  let others: JsonObject | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (!RESERVED.has(key) && value !== undefined) (others ??= {})[key] = value;
  }
  return others;
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
  // Built once, id first (the order items always had), unless the id is derived from the content.
  const id = rawId === undefined ? undefined : idOf(rawId, where);
  const item = { id, input: input as Json } as Item;
  if (expected !== undefined) item.expected = expected as Json;
  if (hasKeys(metadata)) item.metadata = metadata as Record<string, Json>;
  if (scorers.scorers !== undefined) item.scorers = scorers.scorers;
  if (scorers.scorers_mode !== undefined) item.scorers_mode = scorers.scorers_mode;
  if (id !== undefined) return item;
  const { id: _none, ...content } = item;
  item.id = contentHash(content, 16);
  return item;
}

function hasKeys(object: JsonObject): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

function idOf(rawId: unknown, where: string): string {
  // Refused for every store alike: PostgreSQL's text cannot hold U+0000, and a run must be able to
  // move between stores (the Action publishes from the embedded store).
  if (typeof rawId === "string" && rawId.includes("\u0000")) {
    throw new UserError(`${where}: "id" contains the character U+0000, which no store can keep as an id; remove it`);
  }
  if (typeof rawId === "string" && rawId !== "") return rawId;
  if (typeof rawId === "number" && Number.isFinite(rawId)) return String(rawId);
  throw new UserError(
    `${where}: "id" must be a non-empty string or a number, got ${describeJsonType(rawId)}${
      rawId === "" ? " (empty)" : ""
    }; leave it out to derive the id from the content`,
  );
}
