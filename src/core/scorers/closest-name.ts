import { distance as editDistance } from "fastest-levenshtein";

/**
 * The known name a typo most likely meant: the nearest by edit distance, if it is close
 * (at most a third of the name's length, and at least 1), or a known name containing it.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / 3));
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? known.find((candidate) => candidate.includes(wanted) && wanted.length >= 3);
}
