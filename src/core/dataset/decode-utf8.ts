import { TextDecoder } from "node:util";
import { UserError } from "../errors.js";
import { LineBreakCounter } from "./line-breaks.js";

const NO_BYTES = new Uint8Array(0);

/**
 * Decodes a file's chunks as UTF-8, refusing the first byte sequence that is not UTF-8 with the
 * file, line and byte offset: a replacement character would silently change the items and their
 * ids. Streams (one chunk and at most three bytes of an unfinished character are held); a
 * byte-order mark at the start is dropped. Text chunks pass through as they are.
 */
export async function* decodeUtf8Chunks(
  chunks: AsyncIterable<string | Uint8Array>,
  file: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const lines = new LineBreakCounter();
  let offset = 0;
  let unfinished: Uint8Array = NO_BYTES;
  for await (const chunk of chunks) {
    if (typeof chunk === "string") {
      yield chunk;
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const bytes = concatBytes(unfinished, chunk);
      const bad = Math.max(0, firstInvalidUtf8(bytes, false)) - unfinished.length;
      lines.advance(chunk, 0, Math.max(0, bad));
      throw invalidUtf8(file, lines.line, offset + bad);
    }
    lines.advance(chunk);
    offset += chunk.byteLength;
    unfinished = unfinishedCharacter(chunk);
    if (text !== "") yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest !== "") yield rest;
  } catch {
    throw invalidUtf8(file, lines.line, offset - unfinished.length);
  }
}

/** A whole file's bytes as text (the config file), refused as `decodeUtf8Chunks` refuses. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes, true));
    throw invalidUtf8(file, new LineBreakCounter().advance(bytes, 0, bad), bad);
  }
}

function invalidUtf8(file: string, line: number, offset: number): UserError {
  return new UserError(
    `${file}:${line}: the file is not valid UTF-8 (at byte ${offset}); save it with the UTF-8 encoding`,
  );
}

/**
 * The index of the first byte that starts an invalid sequence (the Unicode "maximal subpart"
 * rule, as TextDecoder applies it), or -1. With `final` false, a character cut off at the end is
 * not an error: the next chunk finishes it.
 */
export function firstInvalidUtf8(bytes: Uint8Array, final: boolean): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let continuation: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) continuation = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      continuation = 2;
      if (lead === 0xe0) lower = 0xa0; // overlong
      if (lead === 0xed) upper = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      continuation = 3;
      if (lead === 0xf0) lower = 0x90; // overlong
      if (lead === 0xf4) upper = 0x8f; // above U+10FFFF
    } else {
      return index;
    }
    for (let k = 1; k <= continuation; k++) {
      if (index + k >= bytes.length) return final ? index : -1;
      const byte = bytes[index + k]!;
      if (byte < (k === 1 ? lower : 0x80) || byte > (k === 1 ? upper : 0xbf)) return index;
    }
    index += continuation + 1;
  }
  return -1;
}

/** The bytes of a character the chunk's end cuts off (at most three), copied. */
function unfinishedCharacter(chunk: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if (byte >= 0x80 && byte <= 0xbf) continue;
    const continuation = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : 0;
    return continuation >= back ? chunk.slice(chunk.length - back) : NO_BYTES;
  }
  return NO_BYTES;
}

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  const bytes = new Uint8Array(first.length + second.length);
  bytes.set(first);
  bytes.set(second, first.length);
  return bytes;
}
