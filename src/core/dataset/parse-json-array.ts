import { gen, none } from "stream-chain/core";
import parser from "stream-json/core/parser.js";
import streamArray from "stream-json/core/streamers/stream-array.js";
import { UserError } from "../errors.js";
import type { DatasetRecord } from "./format.js";
import { recordToItem } from "./record-to-item.js";

interface ArrayElement {
  key: number;
  value: unknown;
}

type Stage = (chunk: unknown) => AsyncGenerator<unknown>;

/**
 * A JSON array of records, streamed element by element: the file is never parsed whole. The
 * tokenizer keeps no positions, so records are located by their index (`file.json: item [12]`).
 */
export async function* parseJsonArray(
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
): AsyncGenerator<DatasetRecord> {
  // One parser for the whole file: each chunk is pushed through, then `none` flushes it, which is
  // where a truncated file is noticed.
  const pipeline = gen(parser(), streamArray()) as unknown as Stage;
  let lastIndex = -1;
  const elements = async function* (): AsyncGenerator<ArrayElement> {
    try {
      for await (const chunk of chunks) yield* pipeline(chunk) as AsyncGenerator<ArrayElement>;
      yield* pipeline(none) as AsyncGenerator<ArrayElement>;
    } catch (error) {
      throw invalidJson(error, file, lastIndex);
    }
  };
  for await (const element of elements()) {
    lastIndex = element.key;
    const where = `${file}: item [${element.key}]`;
    yield { item: recordToItem(element.value, where), line: element.key };
  }
}

function invalidJson(error: unknown, file: string, lastIndex: number): UserError {
  const reason = error instanceof Error ? error.message : String(error);
  if (/Top-level object should be an array/.test(reason)) {
    return new UserError(`${file}: expected a JSON array of items at the top level ([{…}, {…}])`);
  }
  const after = lastIndex === -1 ? "" : ` after item [${lastIndex}]`;
  return new UserError(`${file}: not valid JSON${after} (${reason.replace(/^Parser /, "parser ")})`);
}
