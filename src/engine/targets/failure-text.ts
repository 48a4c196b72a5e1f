import { MAX_JSON_DEPTH } from "../../core/json-depth.js";
import { truncate } from "../../core/report/excerpt.js";
import { suffixWithin } from "../../core/report/fit-text.js";

/** The first `length` code points of a body or stderr, on one line, for an item's error message. */
export function excerpt(text: string, length = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return "(empty)";
  return truncate(line, length + 1);
}

/** "HTTP 503: busy (4 attempts)": how many calls were spent is part of the story. */
export function withAttempts(message: string, attempts: number): string {
  return attempts > 1 ? `${message} (${attempts} attempts)` : message;
}

/** The last `length` characters, where a program's stderr says what went wrong. */
export function tailExcerpt(text: string, length = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return "(empty)";
  return line.length > length ? `…${suffixWithin(line, { limit: length, unit: "characters" })}` : line;
}

/** A deeper response would overflow the stack where the item is stored: the item errors instead. */
export const RESPONSE_TOO_DEEP = `the response nests deeper than ${MAX_JSON_DEPTH} levels`;
