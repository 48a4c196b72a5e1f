import { contentHash } from "../canonical.js";
import { UserError } from "../errors.js";
import type { Item } from "../model/item.js";
import { describeJsonType } from "./format.js";

type JsonObject = Record<string, unknown>;
type Json = Item["input"];

const RESERVED = new Set(["id", "input", "expected", "metadata"]);

/**
 * A parsed record → an item. With an `input` key, `input`/`expected`/`metadata`/`id` are taken
 * as they are and any other key joins `metadata`. Without one, the record minus `id`, `expected`
 * and `metadata` is the input, so `{"question": …, "expected": …}` needs no wrapping.
 * `where` (`file:line`) prefixes every error.
 */
export function recordToItem(record: unknown, where: string): Item {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new UserError(`${where}: expected a JSON object, got ${describeJsonType(record)}`);
  }
  const fields = record as JsonObject;
  const metadata = metadataOf(fields, where);
  const others: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!RESERVED.has(key) && value !== undefined) others[key] = value;
  }
  if (Object.hasOwn(fields, "input")) {
    // An explicit metadata field wins over a loose key of the same name.
    return buildItem(fields.id, fields.input, fields.expected, { ...others, ...metadata }, where);
  }
  if (Object.keys(others).length === 0) {
    throw new UserError(
      `${where}: the record has no input; add an "input" field (or fields that make up the input)`,
    );
  }
  return buildItem(fields.id, others, fields.expected, metadata, where);
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
  where: string,
): Item {
  const content: Omit<Item, "id"> = { input: input as Json };
  if (expected !== undefined) content.expected = expected as Json;
  if (Object.keys(metadata).length > 0) content.metadata = metadata as Record<string, Json>;
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
