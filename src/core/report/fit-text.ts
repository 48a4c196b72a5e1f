import { formatCount } from "../stats.js";

/**
 * How a limit counts: "characters" are UTF-16 code units (what GitHub's API measures a string
 * in, and never fewer than code points, so a text within the limit here is within it there);
 * "bytes" are UTF-8 bytes.
 */
export type TextUnit = "characters" | "bytes";

export interface TextLimit {
  limit: number;
  unit: TextUnit;
}

/**
 * Where our text goes on GitHub, and how much it takes there:
 * - `comment`: an issue or pull-request comment body; GitHub answers 422 "body is too long
 *   (maximum is 65536 characters)" above it (its OpenAPI description sets no maxLength).
 * - `checkSummary`, `checkText`: a check run's `output.summary` and `output.text`, "Maximum
 *   length: 65535 characters" each (REST API, "Update a check run").
 * - `checkTitle`: `output.title`; GitHub documents no maximum, and 255 keeps it one line.
 * - `statusDescription`: a commit status's `description`, at most 140 characters.
 * - `jobSummary`: `$GITHUB_STEP_SUMMARY`, "each step is restricted to a maximum size of 1MiB"
 *   (Actions docs, "Adding a job summary"): counted in bytes.
 */
export const GITHUB_LIMITS = {
  comment: { limit: 65_536, unit: "characters" },
  checkSummary: { limit: 65_535, unit: "characters" },
  checkText: { limit: 65_535, unit: "characters" },
  checkTitle: { limit: 255, unit: "characters" },
  statusDescription: { limit: 140, unit: "characters" },
  jobSummary: { limit: 1_048_576, unit: "bytes" },
} as const satisfies Record<string, TextLimit>;

/** The length of `text` in the unit of `limit`. */
export function measure(text: string, limit: Pick<TextLimit, "unit">): number {
  return limit.unit === "bytes" ? utf8Length(text) : text.length;
}

/** UTF-8 bytes of `text`; a lone surrogate counts 3, as the U+FFFD an encoder writes for it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; ) {
    const [units, size] = characterAt(text, index);
    bytes += size;
    index += units;
  }
  return bytes;
}

/** The code units and UTF-8 bytes of the character that starts at `index`. */
function characterAt(text: string, index: number): [units: number, bytes: number] {
  const code = text.charCodeAt(index);
  if (code < 0x80) return [1, 1];
  if (code < 0x800) return [1, 2];
  if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1))) return [2, 4];
  return [1, 3];
}

/** What is left of `limit` once `used` is spent (a header written before the fitted text). */
export function remainingAfter(limit: TextLimit, used: string): TextLimit {
  return { unit: limit.unit, limit: limit.limit - measure(used, limit) };
}

/**
 * Renders at each level, richest first, and returns the first whole render within `limit`, so
 * a fitted report keeps every entity, table row and `<details>` intact and is measured after
 * escaping. The levels should end with one small by construction; if even that one is too long,
 * its render is cut (`cutToFit`) rather than handed to GitHub to refuse.
 */
export function fitLevels<Level>(levels: readonly Level[], render: (level: Level) => string, limit: TextLimit): string {
  let leanest = "";
  for (const level of levels) {
    leanest = render(level);
    if (measure(leanest, limit) <= limit.limit) return leanest;
  }
  return cutToFit(leanest, limit);
}

/** "\n\n_… cut to fit the limit of 65,536 characters._" */
export function cutNote(limit: TextLimit): string {
  return `\n\n_… cut to fit the limit of ${formatCount(limit.limit)} ${limit.unit}._`;
}

/**
 * `text` when it fits; else the longest prefix that, closed and followed by `note`, fits. The
 * cut never splits a character (a surrogate pair, an emoji with its modifiers, a flag), an
 * HTML entity, a tag or a comment, prefers a line break near the end, and closes a code fence,
 * a `<summary>` and every `<details>` it leaves open. When `note` leaves no room, "…" says it
 * was cut instead. Lone surrogates in `text` become U+FFFD (the same length in either unit).
 */
export function cutToFit(text: string, limit: TextLimit, note: string = cutNote(limit)): string {
  const whole = withoutLoneSurrogates(text);
  if (measure(whole, limit) <= limit.limit) return whole;
  for (const ending of [note, "…"]) {
    const room = limit.limit - measure(ending, limit);
    if (room >= 0) return closedPrefix(whole, { unit: limit.unit, limit: room }) + ending;
  }
  return "";
}

/** One line (whitespace collapsed) within `limit`, ending in "…" when shortened: titles, status descriptions. */
export function fitLine(text: string, limit: TextLimit): string {
  const line = withoutLoneSurrogates(text).replace(/\s+/g, " ").trim();
  if (measure(line, limit) <= limit.limit) return line;
  const room = limit.limit - measure("…", limit);
  if (room < 0) return "";
  return `${prefixWithin(line, { unit: limit.unit, limit: room }).trimEnd()}…`;
}

/** The longest start of `text` within `limit`, never splitting a character; no mark of the cut. */
export function prefixWithin(text: string, limit: TextLimit): string {
  if (measure(text, limit) <= limit.limit) return text;
  return text.slice(0, boundaryAtOrBefore(text, unitsWithin(text, limit)));
}

/** The longest end of `text` within `limit` (the tail of a log), never splitting a character. */
export function suffixWithin(text: string, limit: TextLimit): string {
  if (measure(text, limit) <= limit.limit) return text;
  let start = text.length - Math.max(0, limit.limit);
  if (limit.unit === "bytes") {
    let bytes = 0;
    for (start = text.length; start > 0; ) {
      const from = isLowSurrogate(text.charCodeAt(start - 1)) && isHighSurrogate(text.charCodeAt(start - 2)) ? start - 2 : start - 1;
      bytes += characterAt(text, from)[1];
      if (bytes > limit.limit) break;
      start = from;
    }
  }
  return text.slice(boundaryAtOrAfter(text, start));
}

const LONE_SURROGATE = /\p{Cs}/gu;

/** `text` with each unpaired surrogate replaced by U+FFFD, so no broken character is stored or shown. */
export function withoutLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

/** How many UTF-16 code units of `text` fit `limit` (possibly ending inside a character). */
function unitsWithin(text: string, limit: TextLimit): number {
  if (limit.unit === "characters") return Math.max(0, Math.min(text.length, limit.limit));
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const [units, size] = characterAt(text, index);
    if (bytes + size > limit.limit) break;
    bytes += size;
    index += units;
  }
  return index;
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// A grapheme is a few code units; this much text each side of a cut is enough to find its edges.
const CONTEXT = 256;

/** The largest index ≤ `index` at which `text` can be cut without splitting a character. */
export function boundaryAtOrBefore(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const cluster = graphemeAround(text, index);
  let cut = cluster !== undefined && cluster.start < index ? cluster.start : index;
  if (isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return cut;
}

/** The smallest index ≥ `index` at which `text` can be cut without splitting a character. */
export function boundaryAtOrAfter(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const cluster = graphemeAround(text, index);
  let cut = cluster !== undefined && cluster.start < index ? cluster.end : index;
  if (isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1))) cut += 1;
  return cut;
}

/** The grapheme that holds the code unit at `index`, segmented in a window around it. */
function graphemeAround(text: string, index: number): { start: number; end: number } | undefined {
  let from = Math.max(0, index - CONTEXT);
  if (isLowSurrogate(text.charCodeAt(from)) && from > 0) from -= 1;
  // Flags are pairs of regional indicators counted from the start of their run: keep the parity.
  let indicatorsBefore = 0;
  for (let at = from; at >= 2 && isRegionalIndicator(text.codePointAt(at - 2)); at -= 2) indicatorsBefore += 1;
  if (indicatorsBefore % 2 === 1) from -= 2;
  const window = text.slice(from, Math.min(text.length, index + CONTEXT));
  const segment = GRAPHEMES.segment(window).containing(index - from);
  if (segment === undefined) return undefined;
  const start = from + segment.index;
  return { start, end: start + segment.segment.length };
}

/**
 * The longest prefix within `room` that leaves no construct half open: cut at a line break when
 * one is near the end, never inside an entity, a tag or an HTML comment, then closed (fence,
 * `<summary>`, `<details>`). The closing text counts against `room`, so the budget shrinks until
 * prefix and closers fit together.
 */
function closedPrefix(text: string, room: TextLimit): string {
  let budget = room.limit;
  for (;;) {
    const prefix = withoutOpenConstruct(nearLineBreak(prefixWithin(text, { unit: room.unit, limit: budget })));
    const closed = prefix + closersOf(prefix);
    const size = measure(closed, room);
    if (size <= room.limit) return closed;
    budget -= size - room.limit;
  }
}

// Cutting at a line break keeps a Markdown table row or list item whole, unless that drops too much.
function nearLineBreak(prefix: string): string {
  const lastBreak = prefix.lastIndexOf("\n");
  return lastBreak >= 0 && lastBreak >= prefix.length * 0.8 ? prefix.slice(0, lastBreak) : prefix;
}

const PARTIAL_ENTITY = /&#?[A-Za-z0-9]{0,32}$/;
const PARTIAL_TAG = /<(?:[!/A-Za-z][^<>]{0,512})?$/;
// Longer than any entity or tag the two patterns above look for.
const TAIL = 600;

function withoutOpenConstruct(prefix: string): string {
  let cut = prefix;
  const comment = cut.lastIndexOf("<!--");
  if (comment >= 0 && cut.indexOf("-->", comment) < 0) cut = cut.slice(0, comment);
  for (const partial of [PARTIAL_TAG, PARTIAL_ENTITY]) {
    const tailStart = Math.max(0, cut.length - TAIL);
    const found = partial.exec(cut.slice(tailStart));
    if (found !== null) cut = cut.slice(0, tailStart + found.index);
  }
  return cut;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DETAILS_OR_SUMMARY = /<(\/?)(details|summary)(?:\s[^>]*)?>/gi;

/** What closes the code fence, `<summary>` and `<details>` left open at the end of `prefix`. */
function closersOf(prefix: string): string {
  let fence: string | undefined;
  let openDetails = 0;
  let openSummary = false;
  for (const line of prefix.split("\n")) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    for (const [, slash, name] of line.matchAll(DETAILS_OR_SUMMARY)) {
      const closing = slash === "/";
      if (name?.toLowerCase() === "summary") openSummary = !closing;
      else openDetails = closing ? Math.max(0, openDetails - 1) : openDetails + 1;
    }
  }
  return (
    (fence !== undefined ? `\n${fence}` : "") +
    (openSummary && openDetails > 0 ? "</summary>" : "") +
    "\n\n</details>".repeat(openDetails)
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isRegionalIndicator(point: number | undefined): boolean {
  return point !== undefined && point >= 0x1f1e6 && point <= 0x1f1ff;
}
