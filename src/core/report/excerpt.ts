import { boundaryAtOrBefore, withoutLoneSurrogates } from "./fit-text.js";

// Terminal escape sequences (colours, cursor moves, OSC titles) in a model's output must not
// reach the reader's terminal; bidi overrides must not reorder what a reviewer sees.
const ANSI_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])/g;
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WHITESPACE_RUN = /\s+/g;

/** Text safe for one terminal line: escapes and control characters removed, whitespace collapsed. */
export function oneLine(text: string): string {
  return withoutLoneSurrogates(text.replace(ANSI_SEQUENCE, "").replace(CONTROL_OR_BIDI, ""))
    .replace(WHITESPACE_RUN, " ")
    .trim();
}

/**
 * At most `max` code points, the last one "…" when text was cut: the cut for stored and quoted
 * text (excerpts, evidence). Terminal columns are cut by `truncateToWidth` (display-width.ts).
 * It never splits a character (a surrogate pair, a flag, an emoji with its modifiers), so it
 * may keep fewer.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let points = 0;
  let units = 0;
  let keep = 0;
  for (const point of text) {
    if (points === max - 1) keep = units;
    points += 1;
    units += point.length;
    if (points > max) return `${text.slice(0, boundaryAtOrBefore(text, keep))}…`;
  }
  return text;
}

/** Any value as one line of at most `max` code points: strings as they are, the rest as JSON. */
export function excerpt(value: unknown, max = 60): string {
  return truncate(oneLine(valueText(value)), max);
}

/** Strings as they are, anything else as compact JSON; "(none)" for a missing value. */
export function valueText(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
