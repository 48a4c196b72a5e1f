/**
 * The seed tool's row hash (a mulberry32 step over seed + zero-based row index), kept bit for bit
 * so the same seed selects the same rows on any machine: a value in [0, 1).
 */
export function rowHash(seed: number, index: number): number {
  let h = (seed + index) | 0;
  h = (h + 0x6d2b79f5) | 0;
  let t = Math.imul(h ^ (h >>> 15), 1 | h);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
