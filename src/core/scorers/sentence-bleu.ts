/**
 * Sentence BLEU (Papineni et al., 2002) as sacrebleu's `sentence_bleu` computes it: n-grams up to
 * 4 with uniform weights, counts clipped by the most any one reference holds, the brevity penalty
 * against the reference length closest to the candidate's (the shorter on a tie), and
 * "exp" smoothing (Chen & Cherry 2014, method 3): the k-th order with no match counts as
 * 1 / (2^k · its n-gram total) instead of zeroing the score. An order the candidate is too short
 * for is left out of the mean (sacrebleu's effective order); no match at all is 0.
 *
 * No npm package computes this with smoothing and multiple references (the one named `bleu-score`
 * splits on single spaces and has none), so it lives here, small and tested by hand-worked examples.
 */
export const BLEU_MAX_ORDER = 4;

export interface BleuBreakdown {
  score: number;
  /** Clipped matching n-grams for n = 1.., and the candidate's n-grams: orders it has none of are absent. */
  matches: number[];
  totals: number[];
  brevityPenalty: number;
  candidateLength: number;
  referenceLength: number;
}

/**
 * Words (runs of letters, digits, marks and underscores) and every other non-space character
 * alone, so "mat." and "mat" share the token "mat"; a simpler cousin of sacrebleu's 13a tokenizer.
 */
export function bleuTokens(text: string, caseSensitive: boolean): string[] {
  const folded = caseSensitive ? text : text.toLowerCase();
  return folded.match(/[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_]/gu) ?? [];
}

export function sentenceBleu(candidate: readonly string[], references: readonly (readonly string[])[]): BleuBreakdown {
  const matches: number[] = [];
  const totals: number[] = [];
  for (let order = 1; order <= BLEU_MAX_ORDER && candidate.length >= order; order += 1) {
    const counts = nGramCounts(candidate, order);
    const allowed = new Map<string, number>();
    for (const reference of references) {
      for (const [gram, count] of nGramCounts(reference, order)) {
        allowed.set(gram, Math.max(allowed.get(gram) ?? 0, count));
      }
    }
    let matched = 0;
    for (const [gram, count] of counts) matched += Math.min(count, allowed.get(gram) ?? 0);
    matches.push(matched);
    totals.push(candidate.length - order + 1);
  }
  const candidateLength = candidate.length;
  const referenceLength = closestLength(candidateLength, references);
  const brevityPenalty =
    candidateLength >= referenceLength ? 1 : candidateLength === 0 ? 0 : Math.exp(1 - referenceLength / candidateLength);
  const breakdown = { matches, totals, brevityPenalty, candidateLength, referenceLength };
  if (!matches.some((matched) => matched > 0)) return { score: 0, ...breakdown };
  let smoothing = 1;
  let logSum = 0;
  matches.forEach((matched, index) => {
    const total = totals[index] ?? 1;
    if (matched > 0) {
      logSum += Math.log(matched / total);
    } else {
      smoothing *= 2;
      logSum += Math.log(1 / (smoothing * total));
    }
  });
  return { score: brevityPenalty * Math.exp(logSum / matches.length), ...breakdown };
}

function nGramCounts(tokens: readonly string[], order: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + order <= tokens.length; start += 1) {
    // JSON keeps tokens apart when joined: ["a b"] and ["a", "b"] are different n-grams.
    const gram = JSON.stringify(tokens.slice(start, start + order));
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function closestLength(length: number, references: readonly (readonly string[])[]): number {
  let closest = references[0]?.length ?? 0;
  for (const reference of references) {
    const distance = Math.abs(reference.length - length);
    const best = Math.abs(closest - length);
    if (distance < best || (distance === best && reference.length < closest)) closest = reference.length;
  }
  return closest;
}
