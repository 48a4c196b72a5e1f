import { diffWordsWithSpace } from "diff";

/**
 * One run of a word-level diff of an output against the baseline's: 0 in both, 1 only in the
 * baseline (removed), 2 only in this run (added). Joining the 0 and 1 parts gives the
 * baseline's text, the 0 and 2 parts this run's.
 */
export type DiffSegment = [0 | 1 | 2, string];

/**
 * The most word and whitespace tokens the diff may insert or delete: beyond it two outputs have
 * little in common and the diff would be noise that costs O(N·D) time, so none is embedded.
 * A bound on edits, not a clock, keeps the report the same for the same input.
 */
export const MAX_DIFF_EDITS = 300;

/**
 * The word-level diff of `candidate` against `baseline` (words, punctuation, whitespace runs and
 * line breaks as tokens, so both texts are kept exactly); undefined when they are equal or
 * differ by more than MAX_DIFF_EDITS tokens.
 */
export function outputDiff(baseline: string, candidate: string): DiffSegment[] | undefined {
  if (baseline === candidate) return undefined;
  const changes = diffWordsWithSpace(baseline, candidate, { maxEditLength: MAX_DIFF_EDITS });
  if (changes === undefined) return undefined;
  const segments: DiffSegment[] = [];
  for (const change of changes) {
    const kind = change.added ? 2 : change.removed ? 1 : 0;
    const last = segments[segments.length - 1];
    if (last !== undefined && last[0] === kind) last[1] += change.value;
    else segments.push([kind, change.value]);
  }
  return segments;
}
