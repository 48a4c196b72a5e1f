import { boundaryAtOrBefore, withoutLoneSurrogates } from "../fit-text.js";

/**
 * A text as the HTML report shows it: at most a limit of characters (UTF-16 code units, cut
 * between characters), with `length` the full length when it was cut, so the page can say so.
 */
export interface ShownText {
  text: string;
  /** The full text's length in characters; present only when `text` was cut. */
  length?: number;
}

/**
 * The most characters of one input, expected value, output or error the report embeds: a model
 * that answers a megabyte must not make a 10,000-item report unloadable.
 */
export const TEXT_LIMIT = 5_000;
/** The most characters of a scorer's reason, and of what it read or compared with. */
export const EVIDENCE_LIMIT = 1_000;

// Bidi overrides and isolates can make a reviewer read text in another order than it is
// (Trojan Source, CVE-2021-42574): they are shown as their code, never applied.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 controls but tab and line breaks, DEL, and C1 controls would be invisible or garble a line.
const C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const OTHER_CONTROL = /[\u007f-\u009f]/g;

/**
 * `value` as text: a string as it is, anything else as indented JSON; undefined for a missing
 * value. Cut to `limit` characters, invisible controls made visible (U+241B for ESC, ⟨U+202E⟩
 * for a bidi override), lone surrogates replaced with U+FFFD.
 */
export function shownText(value: unknown, limit: number = TEXT_LIMIT): ShownText | undefined {
  const full = rawText(value);
  if (full === undefined) return undefined;
  const cut = full.length > limit ? full.slice(0, boundaryAtOrBefore(full, limit)) : full;
  const text = visibleControls(withoutLoneSurrogates(cut));
  return cut.length < full.length ? { text, length: full.length } : { text };
}

function rawText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    // A value JSON cannot write (a BigInt, a cycle) still shows what it is.
    return String(value);
  }
}

function visibleControls(text: string): string {
  return text
    .replace(C0, (character) => String.fromCharCode(0x2400 + character.charCodeAt(0)))
    .replace(OTHER_CONTROL, codeOf)
    .replace(BIDI, codeOf);
}

function codeOf(character: string): string {
  return `⟨U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`;
}
